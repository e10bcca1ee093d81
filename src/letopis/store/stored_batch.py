"""Storing a processed batch: articles already stored are counted, not written again; a batch that
fails is stored one article at a time so that one bad article costs only itself; reviews of ids
stored again are re-applied; inputs that failed are recorded once per input and reason."""
from __future__ import annotations

from collections.abc import Iterable

import duckdb

from ..batches import IngestReport, failure
from ..ingest import ReadError, content_hash
from ..records import Article
from . import reviews
from .write import Writer


def write(db: duckdb.DuckDBPyConnection, writer: Writer, batch: list[Article], report: IngestReport) -> None:
    """Store a processed batch in one transaction, or one article at a time if it fails."""
    fresh = []
    stored = writer.stored_hashes([content_hash(a.text) for a in batch])
    for article in batch:
        if content_hash(article.text) in stored:
            report.known += 1
            report.stored.setdefault(content_hash(article.text), True)
        else:
            fresh.append(article)
    try:
        added = writer.write(fresh)
        done = fresh
    except Exception:  # one bad article must not cost the batch: store them one by one
        done, added = [], []
        for article in fresh:
            try:
                added += writer.write([article])
                done.append(article)
            except Exception as error:
                report.failed += record_errors(db, [failure(article, "store", error)])
    reviews.reapply(db, writer, added)  # an article stored again under a reviewed id
    report.added += len(done)
    for article in done:
        report.stored.setdefault(content_hash(article.text), False)


def record_errors(db: duckdb.DuckDBPyConnection, errors: Iterable[ReadError]) -> list[ReadError]:
    """Add inputs that failed to the errors table (once per input and reason); returns them."""
    recorded = list(errors)
    for error in recorded:
        db.execute(
            "INSERT INTO errors (path, reason) SELECT ?, ? WHERE NOT EXISTS "
            "(SELECT 1 FROM errors WHERE path = ? AND reason = ?)",
            [error.path, error.reason, error.path, error.reason])
    return recorded
