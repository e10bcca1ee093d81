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


PAGE = 1000  # stored articles read at a time (a store may hold millions: never all their texts at once)


def stored_articles(chronicle: Chronicle, ids: list[str] | None = None, after: tuple[Any, str] | None = None,
                    until: Any = None, limit: int | None = None) -> list[tuple[Article, str, tuple[Any, str]]]:
    """Stored articles as read (their cleaned text and what the input said of them), in the
    order they were stored: (article, its text's hash, its place in that order). Those after
    `after` and stored at `until` or before, at most `limit`."""
    where, params = ["true"], []
    if ids is not None:
        where.append("id IN (SELECT unnest(?::VARCHAR[]))")
        params.append(ids)
    if after is not None:
        where.append("(ingested_at, id) > (?::TIMESTAMP, ?::VARCHAR)")
        params += list(after)
    if until is not None:
        where.append("ingested_at <= ?::TIMESTAMP")
        params.append(until)
    rows = chronicle.db.execute(
        "SELECT id, text, published, title, outlet, url, path, record, hash, ingested_at FROM articles "
        f"WHERE {' AND '.join(where)} ORDER BY ingested_at, id LIMIT ?", [*params, limit]).fetchall()
    articles = []
    for id_, text, published, title, outlet, url, path, record, digest, ingested_at in rows:
        extra = json.loads(record) if record else {}
        articles.append((Article(id=id_, text=text, published=published, title=title, outlet=outlet, url=url,
                                 path=path, **{k: extra.get(k) for k in SOURCE_FIELDS}), digest, (ingested_at, id_)))
    return articles


def reprocess(chronicle: Chronicle, ids: list[str] | None = None, pipeline: Any = None, batch_size: int = 16,
              progress: Callable[[int], Any] | None = None, total: Callable[[int], Any] | None = None,
              stop: Any = None, lock: AbstractContextManager = nullcontext()) -> IngestReport:
    """Process the stored articles named (all when None) again; an unknown id is an error of
    the report. Progress, stops and the lock as for Chronicle.ingest_read. The articles are
    read PAGE at a time, those stored before the run began (each goes back stored anew)."""
    if pipeline is None:
        from .pipeline import Pipeline
        pipeline = Pipeline()
    with lock:
        until, count = chronicle.db.execute(
            "SELECT max(ingested_at), count(*) FROM articles WHERE ? IS NULL OR id IN (SELECT unnest(?::VARCHAR[]))",
            [ids, ids]).fetchone()
        found = {r[0] for r in chronicle.db.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()} if ids else set()
    report = IngestReport(read=count)
    report.failed += [ReadError(i, "no stored article has this id") for i in sorted(set(ids or ()) - found)]
    if total:
        total(count)

    def replacing(article: Article) -> None:
        rechronicle.remove_article(chronicle.db, chronicle.writer, article.id)

    digests: dict[str, str] = {}  # the page's articles' text hashes

    def store(processed: list[Article], failed: list[ReadError]) -> None:
        report.failed += chronicle.record_errors(failed)
        added = chronicle.writer.write(processed, replacing=replacing)
        reviews.reapply(chronicle.db, chronicle.writer, added)
        report.added += len(added)
        report.stored.update((digests[a.id], False) for a in processed if a.id in added)

    after = None
    while until is not None:
        with lock:
            page = stored_articles(chronicle, ids, after, until, PAGE)
        if not page:
            break
        digests.clear()
        digests.update((article.id, digest) for article, digest, _ in page)
        after = page[-1][2]
        run_batches(pipeline, [article for article, _, _ in page], batch_size, report, store, lock,
                    progress=progress, stop=stop)
    return report
