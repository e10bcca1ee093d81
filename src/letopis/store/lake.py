"""The chronicle as Parquet, written by DuckDB itself: the events with their sources nested in
one file, and a hive-partitioned dataset of events, sources and entities (`year=YYYY/month=M/`)
that DuckDB, Spark or Polars read over object storage (docs/cluster.md).

An event here is what query.events gives (the same fields, the same nesting); the dataset's
tables are flat: one row per chronicle event, per source, per entity.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
from duckdb.sqltypes import VARCHAR

from .resolve import LISTED
from .text import nominative

# each event's sources, by publication (unpublished last), article and event: listed with those
# keys first and sorted as lists (list(... ORDER BY ...) sorted each event's sources apart, 250 ms
# of a month's 7,600 events at 10^5 articles; so 50)
SOURCES = """(SELECT chronicle_id, list_transform(list_sort(list({
        'unpublished': published IS NULL, 'published': published, 'article_id': article_id, 'event_id': event_id,
        'source': {'event_id': event_id, 'outlet': outlet, 'published': published, 'url': url, 'sentence': sentence,
                   'claim': claim, 'modality': modality, 'speaker': speaker, 'via': via, 'reprint_of': reprint_of,
                   'article': article_id,
                   'fatalities': CASE WHEN fatalities_min IS NULL THEN NULL
                                 ELSE {'min': fatalities_min, 'max': fatalities_max, 'text': fatalities_text} END}})),
        s -> s.source) AS sources
    FROM event_sources WHERE chronicle_id IN (SELECT id FROM chosen) GROUP BY chronicle_id)"""
EVENT = """{
    'id': c.id,
    'date': CASE c.date_grain WHEN 'month' THEN strftime(c.date_from, '%Y-%m')
                              WHEN 'year' THEN strftime(c.date_from, '%Y')
                              ELSE strftime(c.date_from, '%Y-%m-%d') END,
    'date_from': c.date_from, 'date_to': c.date_to, 'date_grain': c.date_grain,
    'type': c.type, 'mode': c.mode, 'family': c.family, 'place': c.location_name, 'place_wikidata': l.wikidata,
    'country': c.country, 'feature': c.feature, 'lat': c.lat, 'lon': c.lon, 'site': c.site,
    'actor': {'text': c.actor_text, 'entity': c.actor_id, 'class': c.actor_class,
              'name': coalesce(a.name, letopis_nominative(c.actor_text)), 'wikidata': a.wikidata},
    'target': {'text': c.target_text, 'entity': c.target_id, 'class': c.target_class,
               'name': coalesce(t.name, letopis_nominative(c.target_text)), 'wikidata': t.wikidata},
    'fatalities': c.fatalities, 'fatalities_max': c.fatalities_max, 'disputed': c.disputed,
    'injured': c.injured, 'arrested': c.arrested, 'source_count': c.sources, 'reprints': c.reprints,
    'sentence': c.sentence, 'background': coalesce(c.background, false),
    'confidence': c.confidence, 'review': c.review,
    'sources': coalesce(s.sources, [])}"""


def _events() -> str:
    """The events chosen (a table `chosen` of ids, in order), one struct each."""
    return (f"SELECT {EVENT} AS event FROM chosen "
            f"JOIN chronicle_events c ON c.id = chosen.id LEFT JOIN {SOURCES} s ON s.chronicle_id = c.id "
            "LEFT JOIN entities a ON a.id = c.actor_id LEFT JOIN entities t ON t.id = c.target_id "
            "LEFT JOIN entities l ON l.id = c.location_id ORDER BY chosen.n")


def _choose(db: duckdb.DuckDBPyConnection, ids: list[int]) -> None:
    # a participant with no entity is named by its words in the nominative, as query.participant does
    if not db.execute("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'letopis_nominative'"
                      ).fetchone()[0]:
        db.create_function("letopis_nominative", nominative, [VARCHAR], VARCHAR, side_effects=False)
    db.execute("CREATE OR REPLACE TEMP TABLE chosen AS SELECT unnest(?::BIGINT[]) AS id, "
               "unnest(range(len(?::BIGINT[]))) AS n", [ids, ids])


def lines(db: duckdb.DuckDBPyConnection, ids: list[int], size: int) -> Iterator[str]:
    """The events of `ids` as JSON Lines, `size` lines a piece: the records query.events gives
    (the same values, in the same order), encoded by DuckDB (building and encoding them in Python
    took 60 ms a thousand events)."""
    _choose(db, ids)
    try:
        cursor = db.execute(f"SELECT to_json(event) FROM ({_events()})")
        while rows := cursor.fetchmany(size):
            yield "".join(f"{line}\n" for (line,) in rows)
    finally:
        db.execute("DROP TABLE chosen")


def parquet(db: duckdb.DuckDBPyConnection, ids: list[int], path: Path) -> None:
    """The events of `ids` in one Parquet file, sources nested, dates as dates."""
    _choose(db, ids)
    try:
        db.execute(f"COPY (SELECT event.* FROM ({_events()})) TO '{_quoted(path)}' "
                   "(FORMAT parquet, COMPRESSION zstd)")
    finally:
        db.execute("DROP TABLE chosen")


def partitioned(db: duckdb.DuckDBPyConnection, ids: list[int], folder: Path) -> dict[str, int]:
    """events/, sources/ (by their event's month) and entities/ (by the month of their first
    article) under `folder`, as year=YYYY/month=M/ partitions (an undated event's are
    __HIVE_DEFAULT_PARTITION__). The months written replace what those partitions held, and the
    entities are written whole; other months stay. Returns the rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    _choose(db, ids)
    try:
        months = db.execute("SELECT DISTINCT year(date_from), month(date_from) FROM chronicle_events "
                            "WHERE id IN (SELECT id FROM chosen)").fetchall()
        for table in ("events", "sources"):
            for year, month in months:
                shutil.rmtree(folder / table / _partition(year, month), ignore_errors=True)
        shutil.rmtree(folder / "entities", ignore_errors=True)
        queries = {
            "events": "SELECT c.* EXCLUDE (sources), c.sources AS source_count, year(c.date_from) AS year, "
                      "month(c.date_from) AS month FROM chronicle_events c WHERE c.id IN (SELECT id FROM chosen)",
            "sources": "SELECT s.*, year(c.date_from) AS year, month(c.date_from) AS month FROM event_sources s "
                       "JOIN chronicle_events c ON c.id = s.chronicle_id WHERE c.id IN (SELECT id FROM chosen)",
            "entities": "SELECT e.id, e.type, e.name, e.key, e.roles, l.aliases, e.* EXCLUDE (id, type, name, key, "
                        "roles, geo), f.first_seen, year(f.first_seen) AS year, month(f.first_seen) AS month "
                        f"FROM entities e LEFT JOIN ({LISTED}) l ON l.entity_id = e.id "
                        "LEFT JOIN (SELECT m.entity_id, min(try_cast(CASE len(a.published) "
                        "WHEN 4 THEN a.published || '-01-01' WHEN 7 THEN a.published || '-01' "
                        "ELSE left(a.published, 10) END AS DATE)) "
                        "AS first_seen FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY ALL) f "
                        "ON f.entity_id = e.id",
        }
        written = {}
        for table, query in queries.items():
            target = folder / table
            target.mkdir(exist_ok=True)
            written[table] = db.execute(f"COPY ({query}) TO '{_quoted(target)}' (FORMAT parquet, COMPRESSION zstd, "
                                        "PARTITION_BY (year, month), OVERWRITE_OR_IGNORE, "
                                        "FILENAME_PATTERN 'part_{uuid}')").fetchone()[0]
        return written
    finally:
        db.execute("DROP TABLE chosen")


def refresh(db: duckdb.DuckDBPyConnection, folder: Path, since: datetime) -> dict[str, int]:
    """Write again the months of the dataset that chronicle events changed in since `since` (an
    ingest's start) touched: every event of those months (not background nor rejected, as an export), their
    sources, and the entities."""
    ids = [r[0] for r in db.execute(
        "SELECT id FROM chronicle_events WHERE NOT coalesce(background, false) AND "
        "(year(date_from), month(date_from)) IN (SELECT (year(date_from), month(date_from)) FROM chronicle_events "
        "WHERE updated_at >= ? AND NOT coalesce(background, false)) AND coalesce(review, '') <> 'rejected' "
        "ORDER BY date_from, id", [since]).fetchall()]
    return partitioned(db, ids, folder)


def _partition(year: int | None, month: int | None) -> Path:
    default = "__HIVE_DEFAULT_PARTITION__"
    return Path(f"year={default if year is None else year}") / f"month={default if month is None else month}"


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
