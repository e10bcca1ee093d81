"""What the web layer asks of the chronicle: one Chronicle behind a lock (a DuckDB connection is
not shared between threads), the pipeline for uploads, and the date filters of the API."""
from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..chronicle import Chronicle
from ..ingest import InputError, Limits, ReadError, content_hash, parse_published, parse_text, read_paths
from ..records import Article
from ..times import date_range
from .limits import MAX_EXPANDED_BYTES

T = TypeVar("T")
SAFE_NAME = re.compile(r"[^\w.-]+")


class BadInput(ValueError):
    """A request the chronicle cannot take; the message says why (answered with a 4xx)."""


class Service:
    def __init__(self, db_path: str | Path, pipeline: Any = None):
        self.chronicle = Chronicle(db_path)
        self.lock = threading.Lock()
        self._pipeline = pipeline
        self._pipeline_lock = threading.Lock()

    def read(self, query: Callable[[Chronicle], T]) -> T:
        with self.lock:
            return query(self.chronicle)

    def close(self) -> None:
        with self.lock:
            self.chronicle.close()

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:  # models load on the first upload, not at start-up
            from ..pipeline import Pipeline
            self._pipeline = Pipeline()
        return self._pipeline

    # -- writing -------------------------------------------------------------------------

    def add_text(self, text: str, published: str | None = None, title: str | None = None,
                 outlet: str | None = None, url: str | None = None) -> dict[str, Any]:
        try:
            article = parse_text(text, published=parse_published(published) if published else None)
        except InputError as error:
            raise BadInput(str(error)) from None
        article.title, article.outlet, article.url = title, outlet, url
        return self._store([article], [])

    def add_upload(self, filename: str, data: bytes, published: str | None = None) -> dict[str, Any]:
        """An uploaded file in any input format of SCHEMA.md, read as `letopis ingest` reads files."""
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
        return self._store(articles, errors)

    def _store(self, articles: list[Article], errors: list[ReadError]) -> dict[str, Any]:
        with self._pipeline_lock:
            processed = self.pipeline.run(articles)
        with self.lock:
            known = {content_hash(a.text) for a in processed if self.chronicle.writer.known(a)}
            self.chronicle.ingest(processed, errors)
            stored = []
            for article in processed:
                digest = content_hash(article.text)
                record = self.chronicle.article(digest)
                if record is None:
                    continue
                stored.append({"id": record["id"], "known": digest in known,
                               "duplicate_of": record["duplicate_of"],
                               "entities": len(record["entities"]), "times": len(record["times"]),
                               "quotes": len(record["quotes"]), "events": len(record["events"])})
        return {"articles": stored, "errors": [{"path": e.path, "reason": e.reason} for e in errors]}


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
            raise BadInput(str(error)) from None
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
