"""The ingest worker: one thread that runs the queued jobs in order (store/jobs.py keeps them in
the database). Uploads, `letopis ingest` talking to the server, and any feed watcher hand their
articles over as the same kind of job. When the server stops, the job in flight is abandoned
whole (its batch's transaction rolls back) and runs again at the next start."""
from __future__ import annotations

import logging
import threading
from typing import Any

from ..records import Article
from ..ingest import ReadError
from ..stops import Stop, Stopped
from ..store import jobs
from .service import Service, job_input

log = logging.getLogger("letopis.web")
IDLE = 1.0  # seconds between looks at the queue when nothing woke the worker


class IngestWorker:
    def __init__(self, service: Service):
        self.service = service
        self.halt = Stop()
        self.changed = threading.Condition()  # a job was queued, moved on or ended
        self.thread = threading.Thread(target=self._run, name="letopis-ingest", daemon=True)

    def start(self) -> None:
        self.service.change(lambda c: jobs.recover(c.db))
        self.thread.start()

    def stop(self, within: float = 2.0) -> None:
        """Stop taking jobs and abandon the one in flight."""
        self.halt.request()
        self.service.abandon()
        self._tell()
        self.thread.join(within)

    def submit(self, articles: list[Article], errors: list[ReadError]) -> int:
        """Queue an ingest job; its id."""
        return self._queue(job_input(articles, errors), len(articles))

    def submit_reprocess(self, ids: list[str]) -> int:
        """Queue a job that processes these stored articles again (an ingest job of its kind)."""
        return self._queue({"articles": [], "errors": [], "reprocess": ids}, len(ids))

    def _queue(self, given: dict[str, Any], total: int) -> int:
        job_id = self.service.change(lambda c: jobs.add(c.db, "ingest", given, total))
        self._tell()
        return job_id

    def wait(self, job_id: int, within: float) -> dict[str, Any]:
        """The job once it has ended, or as it stands after `within` seconds (or at a stop)."""
        with self.changed:
            self.changed.wait_for(lambda: self.halt.requested or self._ended(job_id), within)
        return self.service.read(lambda c: jobs.get(c.db, job_id))

    def _ended(self, job_id: int) -> bool:
        job = self.service.read(lambda c: jobs.get(c.db, job_id))
        return job is None or job["state"] in ("done", "failed")

    def _tell(self) -> None:
        with self.changed:
            self.changed.notify_all()

    def _run(self) -> None:
        while not self.halt.requested:
            taken = self.service.change(lambda c: jobs.take(c.db))
            if taken is None:
                with self.changed:
                    self.changed.wait(IDLE)
                continue
            self._tell()
            self._job(*taken)
            self._tell()

    def _job(self, job_id: int, kind: str, given: dict[str, Any]) -> None:
        done = 0

        def progress(count: int) -> None:
            nonlocal done
            done += count
            self.service.change(lambda c: jobs.progress(c.db, job_id, done))
            self._tell()

        try:
            if kind != "ingest":
                raise ValueError(f"no such kind of job: {kind!r}")
            result = self.service.ingest(given, progress, self.halt)
        except Stopped:
            return  # left running: queued again at the next start
        except Exception as error:
            if self.halt.requested:  # the workers were killed under it by the stop
                return
            log.exception("job %s failed", job_id)
            message = f"{type(error).__name__}: {error}"  # the name `error` is gone after the block
            self.service.change(lambda c: jobs.fail(c.db, job_id, message))
            return
        self.service.change(lambda c: jobs.finish(c.db, job_id, result))
