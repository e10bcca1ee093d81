"""What the web layer asks of the chronicle: one Chronicle behind a lock (a DuckDB connection is
not shared between threads), reading what is posted into articles, running the ingest jobs the
worker hands over (jobs.py), and the date filters of the API."""
from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..batches import IngestReport
from ..chronicle import Chronicle
from ..ingest import READ_FIELDS, InputError, Limits, ReadError, parse_published, parse_text, read_paths
from ..ingest.limits import MAX_EXPANDED_BYTES
from ..records import SOURCE_FIELDS, Article
from ..times import date_range

T = TypeVar("T")
SAFE_NAME = re.compile(r"[^\w.-]+")


class BadInput(ValueError):
    """A request the chronicle cannot take; the message says why (answered with a 4xx), `ru`
    says it in Russian for the pages."""

    def __init__(self, message: str, ru: str | None = None):
        super().__init__(message)
        self.ru = ru or message


class Service:
    def __init__(self, db_path: str | Path, pipeline: Any = None, workers: int = 1):
        self.chronicle = Chronicle(db_path)
        self.lock = threading.Lock()
        self.workers = workers
        self._pipeline = pipeline
        self._pool = None

    def read(self, query: Callable[[Chronicle], T]) -> T:
        with self.lock:
            return query(self.chronicle)

    def change(self, update: Callable[[Chronicle], T]) -> T:
        """A write outside the ingest (the jobs table), under the same lock as the reads."""
        with self.lock:
            return update(self.chronicle)

    def close(self) -> None:
        with self.lock:
            self.chronicle.close()

    @property
    def pipeline(self) -> Any:
        """The pipeline jobs run on: the one given, or worker processes (started on first use),
        which a stop can abandon in the middle of a batch."""
        if self._pipeline is None:
            from ..parallel import Pool
            self._pipeline = self._pool = Pool(self.workers)
        return self._pipeline

    def abandon(self) -> None:
        """Kill the pipeline's workers in the middle of their batch (the server is stopping)."""
        if self._pool is not None:
            self._pool.close(abandon=True)

    # -- reading what is posted --------------------------------------------------------------

    def read_text(self, text: str, published: str | None = None, title: str | None = None,
                  outlet: str | None = None, url: str | None = None) -> list[Article]:
        try:
            article = parse_text(text, published=parse_published(published) if published else None)
        except InputError as error:
            raise BadInput(str(error)) from None
        article.title, article.outlet, article.url = title, outlet, url
        return [article]

    def read_upload(self, filename: str, data: bytes, published: str | None = None
                    ) -> tuple[list[Article], list[ReadError]]:
        """An uploaded file in any input format of SCHEMA.md, read as `letopis ingest` reads files
        (its name picks the format and the article id), its expansion capped."""
        name = _safe_name(filename)
        try:
            published = parse_published(published) if published else None
        except InputError as error:
            raise BadInput(str(error)) from None
        with tempfile.TemporaryDirectory(prefix="letopis-upload-") as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            items = list(read_paths([path], published, Limits(input=MAX_EXPANDED_BYTES)))
        articles = [i for i in items if isinstance(i, Article)]
        errors = [ReadError(i.path.replace(str(path), name), i.reason)
                  for i in items if isinstance(i, ReadError)]
        for article in articles:
            article.path = (article.path or name).replace(str(path), name)
        if not articles:
            raise BadInput("; ".join(str(e) for e in errors) or f"{name}: no article in the file")
        return articles, errors

    def read_batch(self, items: list[dict[str, Any]]) -> tuple[list[Article], list[ReadError]]:
        """Articles read elsewhere (`letopis ingest` sending to this server): checked as a reader
        checks them; one that fails is an error of its own."""
        articles, errors = [], []
        for item in items:
            where = item.get("path") or item["id"]
            try:
                published = parse_published(item["published"]) if item.get("published") else None
                article = parse_text(item["text"], id=item["id"], published=published, path=where, header=False)
            except InputError as error:
                errors.append(ReadError(where, str(error)))
                continue
            for key in ("title", "outlet", "url", *SOURCE_FIELDS):
                setattr(article, key, item.get(key))
            articles.append(article)
        return articles, errors

    # -- the ingest jobs --------------------------------------------------------------------

    def ingest(self, job_input: dict[str, Any], progress: Callable[[int], Any], stop: Any) -> dict[str, Any]:
        """Run an ingest job's input through the pipeline into the store (or, for a job of
        stored ids to reprocess, those articles again); its result."""
        if job_input.get("reprocess") is not None:
            report = self.chronicle.reprocess(job_input["reprocess"], self.pipeline, batch_size=16 * self.workers,
                                              progress=progress, stop=stop, lock=self.lock)
            with self.lock:
                return self._result(report)
        articles = [Article(**{k: a.get(k) for k in READ_FIELDS}) for a in job_input["articles"]]
        errors = [ReadError(e["path"], e["reason"]) for e in job_input["errors"]]
        report = self.chronicle.ingest_read(articles, errors, pipeline=self.pipeline,
                                            batch_size=16 * self.workers, progress=progress, stop=stop,
                                            lock=self.lock)
        with self.lock:
            return self._result(report)

    def _result(self, report: IngestReport) -> dict[str, Any]:
        stored = []
        for digest, known in report.stored.items():
            record = self.chronicle.article(digest)
            if record is not None:
                stored.append({"id": record["id"], "known": known, "duplicate_of": record["duplicate_of"],
                               "entities": len(record["entities"]), "times": len(record["times"]),
                               "quotes": len(record["quotes"]), "events": len(record["events"])})
        return {"articles": stored, "errors": [{"path": e.path, "reason": e.reason} for e in report.failed],
                "read": report.read, "added": report.added, "known": report.known,
                "processed": report.processed}


def job_input(articles: list[Article], errors: list[ReadError]) -> dict[str, Any]:
    """What an ingest job keeps of its input: the articles as read, and the inputs that failed."""
    return {"articles": [{k: getattr(a, k) for k in READ_FIELDS} for a in articles],
            "errors": [{"path": e.path, "reason": e.reason} for e in errors]}


def _safe_name(filename: str) -> str:
    """The upload's own name, reduced to a plain file name: its suffixes pick the input format
    and its stem becomes the article id, as for files on disk."""
    name = SAFE_NAME.sub("_", Path(filename or "").name).lstrip(".")[-120:]
    return name or "upload.txt"


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """`from`/`to` filters as days: a month or year starts on its first and ends on its last day."""
    bounds = []
    for value, end in ((date_from, 0), (date_to, 1)):
        if not value:
            bounds.append(None)
            continue
        try:
            span = date_range(parse_published(value, what="date"), None)
        except InputError as error:
            why = "такого дня в календаре нет" if "calendar" in str(error) else "нужна ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД"
            raise BadInput(str(error), f"Неверная дата «{value}»: {why}.") from None
        bounds.append(span[end].isoformat())
    return bounds[0], bounds[1]


def within(published: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Whether a publication date (of any grain) overlaps the days [date_from, date_to]."""
    if not date_from and not date_to:
        return True
    span = date_range(published, None)
    if span is None:
        return False
    return (not date_to or span[0].isoformat() <= date_to) and (not date_from or span[1].isoformat() >= date_from)
