"""`letopis serve --watch SOURCES`: the watcher (letopis.watch) in a thread of the server, which
owns the database. What a round finds is handed to the ingest worker as an ordinary ingest job
(IngestWorker.submit), which keeps its input until it is done; the round waits for the job
before it saves what the feed answered, so a server stopped or killed at any moment loses
nothing: the job runs again at the next start, and the watcher does not fetch what a queued job
already carries."""
from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..batches import IngestReport
from ..fetch.client import Politeness
from ..fetch.validators import Validators
from ..ingest import ReadError
from ..records import Article
from ..stops import Stop, Stopped
from ..store import jobs
from ..watch import Round, Watcher
from .jobs import IngestWorker
from .service import Service

log = logging.getLogger("letopis.web")
FOLLOW = 5.0  # seconds between looks at the job a round handed over


@dataclass(frozen=True)
class WatchSettings:
    sources: Path
    every: float = 600.0
    politeness: Politeness = Politeness()


class ServerStore:
    """The watcher's store inside the server: reads under the service's lock, writes as jobs."""

    def __init__(self, service: Service, worker: IngestWorker, halt: Stop):
        self.service, self.worker, self.halt = service, worker, halt

    def known_urls(self, urls: list[str]) -> set[str]:
        stored = self.service.read(lambda c: c.known_urls(urls))
        return stored | (set(urls) & self.service.read(lambda c: jobs.pending_urls(c.db)))

    def feed_validators(self, url: str) -> Validators | None:
        return self.service.read(lambda c: c.feed_validators(url))

    def save_feed_validators(self, feeds: dict[str, Validators]) -> None:
        if feeds:
            self.service.change(lambda c: c.save_feed_validators(feeds))

    def ingest_read(self, articles: list[Article], errors: list[ReadError], **options: Any) -> IngestReport:
        """An ingest job, followed to its end (or to a stop, which leaves it queued)."""
        job_id = self.worker.submit(articles, errors)
        job = self.worker.wait(job_id, FOLLOW)
        while job is not None and job["state"] not in ("done", "failed"):
            self.halt.check()
            job = self.worker.wait(job_id, FOLLOW)
        if job is None or job["state"] == "failed":
            reason = job["error"] if job else "the job is gone"
            return IngestReport(read=len(articles), failed=[ReadError(f"job {job_id}", reason)])
        result = job["result"]
        return IngestReport(read=result["read"], added=result["added"], known=result["known"],
                            processed=result["processed"],
                            failed=[ReadError(e["path"], e["reason"]) for e in result["errors"]])


class WatchThread:
    def __init__(self, service: Service, worker: IngestWorker, settings: WatchSettings):
        self.settings = settings
        self.halt = Stop()
        self.watcher = Watcher(ServerStore(service, worker, self.halt), settings.politeness, tell=_tell)
        self.thread = threading.Thread(target=self._run, name="letopis-watch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, within: float = 2.0) -> None:
        """Stop between two sources (a fetch in flight is left to its daemon thread)."""
        self.halt.request()
        self.thread.join(within)

    def _run(self) -> None:
        while not self.halt.requested:
            try:
                self.watcher.run(self.settings.sources, self.settings.every, stop=self.halt)
            except Stopped:
                return
            except Exception:  # a round that broke: the next one may find things mended
                log.exception("watch round failed")
                self._nap(self.settings.every)

    def _nap(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.halt.requested and time.monotonic() < deadline:
            time.sleep(0.25)


def _tell(done: Round, sources: int) -> None:
    """A line per round beside the server's own (its log shows warnings only)."""
    print(f"letopis: watched {sources} sources: {done.added} added, {done.known} already stored, "
          f"{done.unchanged} feeds unchanged, {len(done.failed)} errors", file=sys.stderr, flush=True)
