"""`Chronicle`: the one object the CLI, the web API and tests use to reach the store.

    with Chronicle("letopis.duckdb") as chronicle:
        chronicle.ingest_paths(["articles/"])
        for event in chronicle.events(place="Казахстан", date_from="2022-01-05"):
            ...
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from . import cleanup, trends
from .batches import IngestReport, run_batches
from .ingest import Limits, ReadError, content_hash, read_paths
from .fetch.validators import Validators
from .records import Article
from .store import export as exporter
from .store import entities, lake, query, reads, schema, search, stored_batch
from .store import trends as store_trends
from .store.write import Writer

DEFAULT_DB = "letopis.duckdb"


class Chronicle:
    """A chronicle kept in one embedded DuckDB file."""

    def __init__(self, db_path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = Path(db_path)
        self.db = schema.connect(self.path, read_only=read_only)
        self.read_only = read_only
        self._writer: Writer | None = None

    def __enter__(self) -> Chronicle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def writer(self) -> Writer:
        if self._writer is None:
            self._writer = Writer(self.db)
        return self._writer

    # -- writing ---------------------------------------------------------------------------

    def ingest(self, articles: Iterable[Article], errors: Iterable[ReadError] = (),
               batch_size: int = 16) -> IngestReport:
        """Store processed articles, one transaction per batch, and record the inputs that failed."""
        report = IngestReport(failed=self.record_errors(errors))
        batch: list[Article] = []
        for article in articles:
            report.read += 1
            batch.append(article)
            if len(batch) >= batch_size:
                self._write(batch, report)
                batch = []
        if batch:
            self._write(batch, report)
        return report

    def ingest_paths(self, paths: Iterable[str | Path], pipeline: Any = None, published: str | None = None,
                     batch_size: int = 16, progress: Callable[[int], Any] | None = None,
                     total: Callable[[int], Any] | None = None, limits: Limits = Limits(),
                     stop: Any = None) -> IngestReport:
        """Read, process and store articles from files and folders (see ingest_read); `limits`
        bound the reading."""
        items = list(read_paths(paths, published, limits))
        return self.ingest_read([i for i in items if isinstance(i, Article)],
                                [i for i in items if isinstance(i, ReadError)], pipeline=pipeline,
                                batch_size=batch_size, progress=progress, total=total, stop=stop)

    def ingest_read(self, articles: Iterable[Article], errors: Iterable[ReadError] = (), pipeline: Any = None,
                    batch_size: int = 16, progress: Callable[[int], Any] | None = None,
                    total: Callable[[int], Any] | None = None, stop: Any = None,
                    lock: AbstractContextManager = nullcontext()) -> IngestReport:
        """Process and store articles as read (by read_paths, from an upload, sent to the server),
        and record the inputs that could not be read. Articles already stored are recognised by
        their cleaned text before the (costly) pipeline runs. `total(n)` hears how many articles
        will be processed, `progress(k)` each k done; `stop.check()` (stops.Stop) runs before each
        batch and raises to end the run there; `lock` is held around each use of the database,
        so that a Chronicle shared between threads answers reads while the pipeline runs."""
        if pipeline is None:
            from .pipeline import Pipeline
            pipeline = Pipeline()
        report = IngestReport()
        fresh, seen = [], set()
        with lock:
            report.failed += self.record_errors(errors)
            for article in articles:
                report.read += 1
                digest = content_hash(cleanup.clean(article).text)
                if digest in seen or self.writer.known(article):
                    report.known += 1
                    report.stored.setdefault(digest, True)
                    continue
                seen.add(digest)
                fresh.append(article)

        def store(processed: list[Article], failed: list[ReadError]) -> None:
            report.failed += self.record_errors(failed)
            self._write(processed, report)
        run_batches(pipeline, fresh, batch_size, report, store, lock, total, progress, stop)
        return report

    def _write(self, batch: list[Article], report: IngestReport) -> None:
        stored_batch.write(self.db, self.writer, batch, report)

    def record_errors(self, errors: Iterable[ReadError]) -> list[ReadError]:
        """Add inputs that failed to the errors table (once per input and reason); returns them."""
        return stored_batch.record_errors(self.db, errors)

    def known_urls(self, urls: list[str]) -> set[str]:
        """Those of `urls` (canonical, fetch/urls.py) stored as an article's URL or as the address
        it was fetched from."""
        if not urls:
            return set()
        rows = self.db.execute("SELECT url FROM articles WHERE list_contains(?, url) UNION "
                               "SELECT path FROM articles WHERE list_contains(?, path)", [urls, urls]).fetchall()
        return {r[0] for r in rows}

    def feed_validators(self, url: str) -> Validators | None:
        """What a feed answered last time (its ETag, its Last-Modified), for a conditional GET."""
        row = self.db.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", [url]).fetchone()
        return Validators(*row) if row else None

    def save_feed_validators(self, feeds: dict[str, Validators]) -> None:
        """Called once a feed's items are stored: a watcher stopped before keeps asking for them."""
        for url, seen in feeds.items():
            self.db.execute("INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, current_timestamp)",
                            [url, seen.etag, seen.last_modified])

    def reprocess(self, ids: list[str] | None = None, pipeline: Any = None, **options: Any) -> IngestReport:
        """Process stored articles again (all when `ids` is None) and re-apply their reviews;
        options as for ingest_read (letopis/reprocess.py)."""
        from .reprocess import reprocess
        return reprocess(self, ids, pipeline, **options)

    @property
    def reviews(self) -> Any:
        """Confirming, correcting and rejecting events; history, queue, orphans (reviewing.py)."""
        from .reviewing import Reviews
        return Reviews(self)

    # -- reading ---------------------------------------------------------------------------

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        """Chronicle events with their sources. Filters: date_from, date_to, place (and all inside
        it), type (PLOVER type, TYPE/mode or family), actor, entity, limit, offset."""
        return query.events(self.db, **filters)

    def event_summary(self, **filters: Any) -> dict[str, Any]:
        """How many chronicle events the filters keep (`total`), per type (`by_type`, most first),
        and their `fatalities` (the lowest figures), without reading the events."""
        return query.summary(self.db, **filters)

    def search(self, text: str, kind: str | None = None, limit: int = 20, article_texts: bool = True,
               **filters: Any) -> list[dict[str, Any]]:
        """Articles, quotes and event sentences holding every word of `text` in any form.
        `kind` is article, quote or event; the chronicle filters select the articles searched.
        Without `article_texts` an article's hit has no text (search_texts gives it)."""
        return search.search(self.db, text, kinds=(kind,) if kind else None,
                             article_ids=query.article_ids(self.db, **filters), limit=limit,
                             article_texts=article_texts)

    def search_texts(self, ids: list[str]) -> dict[str, str]:
        """Articles' searched texts (title and text), by id."""
        return search.article_texts(self.db, ids)

    def facets(self) -> dict[str, list[str]]:
        """The event types, places and actors of the chronicle (not its background nor what a
        reviewer rejected), for filter forms."""
        return reads.facets(self.db)

    def entity(self, name: str, type: str | None = None) -> list[dict[str, Any]]:
        """Every stored entity a name refers to, the most named first, with mentions, quotes,
        events, co-occurring entities."""
        return entities.report(self.db, name, type)["entities"]

    def entity_page(self, name: str, type: str | None = None, limit: int = 10, offset: int = 0,
                    brief: bool = False) -> dict[str, Any]:
        """A page of entity(): {"total": entities the name refers to, "entities": the `limit` from
        the `offset`th} (a surname may name hundreds); `brief`: events with their date, type and
        place only, as a list of links shows them."""
        return entities.report(self.db, name, type, limit, offset, brief)

    def quotes(self, speaker: str | None = None, article: str | None = None, kind: str | None = None,
               limit: int = 100) -> list[dict[str, Any]]:
        """Stored quotes by speaker (a name in any case form, or words of an unnamed speaker's
        description), article and kind."""
        return reads.quotes(self.db, speaker, article, kind, limit)

    def graph(self) -> dict[str, list[dict[str, Any]]]:
        """Entities and their edges: who acted on whom, who quoted whom."""
        return reads.graph(self.db)

    def trends(self, by: str = "place", window: str = "week", type: str | None = None,
               date_from: str | None = None, date_to: str | None = None) -> list[dict[str, Any]]:
        """Events per place (`by`: place, region or country) and period (`window`: day, ISO week
        or month), each with its count, fatalities, expected count, score and spike flags
        (docs/trends.md); `type` a PLOVER type, TYPE/mode or family; bounds YYYY[-MM[-DD]]."""
        return trends.compute(self.db, by, window, type, date_from, date_to)

    def trends_levels(self, levels: tuple[str, ...], window: str = "week", type: str | None = None,
                      date_from: str | None = None, date_to: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """trends() by each of `levels` (place, region, country), the chronicle read once."""
        return trends.compute_levels(self.db, levels, window, type, date_from, date_to)

    def spikes(self, recent: int = 2, **options: Any) -> list[dict[str, Any]]:
        """The trends' spikes (of events or of fatalities) in the last `recent` periods, newest
        first; options as for trends()."""
        return trends.current_spikes(self.trends(**options), recent)

    def families(self) -> list[str]:
        """The type families of the chronicle's events."""
        return store_trends.families(self.db)

    def chronicle_ids(self, article_id: str) -> dict[str, int]:
        """An article's event ids → the chronicle events they were merged into."""
        return reads.chronicle_ids(self.db, article_id)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored SCHEMA.md record, with `hash` and `duplicate_of` added."""
        row = self.db.execute("SELECT record, text, hash, duplicate_of FROM articles WHERE id = ? OR hash = ?",
                              [article_id, article_id]).fetchone()
        if row is None:
            return None
        record = json.loads(row[0])
        record["text"] = row[1]  # kept once, in articles.text
        return {**record, "hash": row[2], "duplicate_of": row[3]}

    def articles(self, limit: int | None = None, ids: list[str] | None = None,
                 entities: bool = True) -> list[dict[str, Any]]:
        """Stored articles (those of `ids`, or all), oldest first; `lead` is the text's first line,
        what a page shows for an article without a title; `entities` how many entities each
        names (read from the mentions: a page that shows none leaves it out, None)."""
        asked = "? IS NULL OR {} IN (SELECT unnest(?::VARCHAR[]))"
        counted = (f"LEFT JOIN (SELECT article_id, count(DISTINCT entity_id) AS n FROM mentions "
                   f"WHERE {asked.format('article_id')} GROUP BY article_id) c ON c.article_id = a.id")
        rows = self.db.execute(
            "SELECT a.id, a.published, a.outlet, a.title, a.url, a.lead, "
            f"a.duplicate_of, {'coalesce(c.n, 0)' if entities else 'NULL'} FROM articles a {counted if entities else ''} "
            f"WHERE {asked.format('a.id')} ORDER BY a.published NULLS LAST, a.id" + (f" LIMIT {int(limit)}" if limit else ""),
            [ids, ids] * (2 if entities else 1)).fetchall()
        keys = ("id", "published", "outlet", "title", "url", "lead", "duplicate_of", "entities")
        return [dict(zip(keys, r)) for r in rows]

    def entities(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Entities, the most widely mentioned first."""
        rows = self.db.execute(
            "SELECT e.id, e.type, e.name, e.roles, count(DISTINCT m.article_id), count(m.entity_id) "
            "FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id GROUP BY ALL "
            "ORDER BY 5 DESC, 6 DESC, e.name" + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
        keys = ("id", "type", "name", "roles", "articles", "mentions")
        return [dict(zip(keys, r)) for r in rows]

    def recent_name(self, mentions: int = 20_000) -> str | None:
        """The entity named in the most articles among the latest `mentions` mentions stored
        (about a thousand articles): a search that finds something, read without a scan."""
        row = self.db.execute(
            "WITH top AS (SELECT entity_id, count(DISTINCT article_id) AS n FROM mentions "
            "WHERE rowid >= (SELECT count(*) FROM mentions) - ? GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT 1) "
            "SELECT e.name FROM top JOIN entities e ON e.id = top.entity_id", [mentions]).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in schema.TABLES}

    def now(self) -> datetime:
        """The database's clock (what `updated_at` is set by)."""
        return self.db.execute("SELECT current_timestamp::TIMESTAMP").fetchone()[0]

    def write_lake(self, folder: str | Path, since: datetime) -> dict[str, int]:
        """Write into the Parquet dataset at `folder` the months whose chronicle events changed
        since `since` (Chronicle.now() before an ingest); returns the rows written per table."""
        return lake.refresh(self.db, Path(folder), since)

    def export_text(self, fmt: str, **filters: Any) -> tuple[int, Iterator[str]]:
        """The (filtered) chronicle as acled-csv, geojson or jsonl: how many events, and the text a
        piece at a time, read and written as it is sent (export.stream)."""
        if fmt not in exporter.FORMATS or fmt == "parquet":
            raise ValueError(f"{fmt!r} is not a text export format")
        return exporter.stream(self.db, fmt, **filters)

    def export(self, fmt: str, out: IO | str | Path, partition: str | None = None, **filters: Any) -> int:
        """Write the (filtered) chronicle as acled-csv, geojson, jsonl or parquet; returns the
        count. `partition="month"`: a Parquet dataset of events, sources and entities in the
        folder `out`, partitioned by year and month (store/lake.py)."""
        return exporter.write(self.db, fmt, out, partition, **filters)
