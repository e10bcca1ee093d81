"""Processing stored articles again (after the rules or models changed): each article's text
runs through the pipeline anew and replaces what was found in it before, in one transaction per
batch, under its own id; its reviews are then applied again to the events that match them
(store/reviews.py), and the ones that match none are orphaned."""
from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from .batches import IngestReport, run_batches
from .ingest import ReadError
from .records import SOURCE_FIELDS, Article
from .store import rechronicle, reviews

if TYPE_CHECKING:
    from .chronicle import Chronicle


def stored_articles(chronicle: Chronicle, ids: list[str] | None = None) -> list[Article]:
    """Stored articles as read (their cleaned text and what the input said of them)."""
    rows = chronicle.db.execute(
        "SELECT id, text, published, title, outlet, url, path, record FROM articles "
        "WHERE ? IS NULL OR list_contains(?, id) ORDER BY ingested_at, id", [ids, ids]).fetchall()
    articles = []
    for id_, text, published, title, outlet, url, path, record in rows:
        extra = json.loads(record) if record else {}
        articles.append(Article(id=id_, text=text, published=published, title=title, outlet=outlet, url=url,
                                path=path, **{k: extra.get(k) for k in SOURCE_FIELDS}))
    return articles


def reprocess(chronicle: Chronicle, ids: list[str] | None = None, pipeline: Any = None, batch_size: int = 16,
              progress: Callable[[int], Any] | None = None, total: Callable[[int], Any] | None = None,
              stop: Any = None, lock: AbstractContextManager = nullcontext()) -> IngestReport:
    """Process the stored articles named (all when None) again; an unknown id is an error of
    the report. Progress, stops and the lock as for Chronicle.ingest_read."""
    if pipeline is None:
        from .pipeline import Pipeline
        pipeline = Pipeline()
    with lock:
        articles = stored_articles(chronicle, ids)
        digests = dict(chronicle.db.execute("SELECT id, hash FROM articles").fetchall())
    report = IngestReport(read=len(articles))
    missing = sorted(set(ids or ()) - {a.id for a in articles})
    report.failed += [ReadError(i, "no stored article has this id") for i in missing]

    def replacing(article: Article) -> None:
        rechronicle.remove_article(chronicle.db, chronicle.writer, article.id)

    def store(processed: list[Article], failed: list[ReadError]) -> None:
        report.failed += chronicle.record_errors(failed)
        added = chronicle.writer.write(processed, replacing=replacing)
        reviews.reapply(chronicle.db, chronicle.writer, added)
        report.added += len(added)
        report.stored.update((digests[a.id], False) for a in processed if a.id in added)

    run_batches(pipeline, articles, batch_size, report, store, lock, total, progress, stop)
    return report
