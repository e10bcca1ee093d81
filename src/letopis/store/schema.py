"""The DuckDB schema (documented in docs/store.md) and opening a database: a new file is made in
DuckDB's current storage format (zstd for the long texts), an older schema is upgraded first
(migrate.py)."""
from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

import duckdb
import yaml

from . import involved, migrate, named
from .resolve import ALIASES

SCHEMA_VERSION = "5"

DDL = """
CREATE SEQUENCE IF NOT EXISTS entity_ids START 1;
CREATE SEQUENCE IF NOT EXISTS chronicle_ids START 1;
CREATE SEQUENCE IF NOT EXISTS doc_ids START 1;

CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    hash VARCHAR NOT NULL UNIQUE,
    published VARCHAR, title VARCHAR, outlet VARCHAR, url VARCHAR, path VARCHAR,
    text VARCHAR NOT NULL USING COMPRESSION zstd,
    duplicate_of VARCHAR,
    similarity DOUBLE,
    record JSON USING COMPRESSION zstd,  -- the SCHEMA.md record without its text
    ingested_at TIMESTAMP DEFAULT current_timestamp,
    lead VARCHAR  -- the text's first line (text.LEAD)
);

CREATE TABLE IF NOT EXISTS entities (
    id BIGINT NOT NULL,
    type VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    roles VARCHAR[],
    geo JSON,
    country VARCHAR, feature VARCHAR, geonames_id BIGINT, lat DOUBLE, lon DOUBLE
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL, entity_id BIGINT NOT NULL, local_id VARCHAR,
    start INTEGER, stop INTEGER, text VARCHAR
);

CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR NOT NULL, idx INTEGER,
    start INTEGER, stop INTEGER, text VARCHAR,
    value VARCHAR, grain VARCHAR, part VARCHAR, end_value VARCHAR, caption BOOLEAN
);

CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL, idx INTEGER,
    start INTEGER, stop INTEGER, text VARCHAR, kind VARCHAR,
    speaker_id BIGINT, speaker_text VARCHAR, via VARCHAR[], translation VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL, local_id VARCHAR NOT NULL,
    type VARCHAR, mode VARCHAR, family VARCHAR, trigger VARCHAR,
    date VARCHAR, date_grain VARCHAR, date_from DATE, date_to DATE,
    location_id BIGINT, location_name VARCHAR, site VARCHAR,
    actor_text VARCHAR, actor_id BIGINT, actor_class INTEGER,
    target_text VARCHAR, target_id BIGINT, target_class INTEGER,
    fatalities_min INTEGER, fatalities_max INTEGER, fatalities_text VARCHAR,
    injured_min INTEGER, injured_max INTEGER, injured_text VARCHAR,
    arrested_min INTEGER, arrested_max INTEGER, arrested_text VARCHAR,
    modality VARCHAR, source_speaker_id BIGINT, source_via VARCHAR[],
    start INTEGER, stop INTEGER, sentence VARCHAR,
    chronicle_id BIGINT,
    background BOOLEAN DEFAULT false
);

CREATE TABLE IF NOT EXISTS chronicle_events (
    id BIGINT NOT NULL,
    type VARCHAR, mode VARCHAR, family VARCHAR,
    date_from DATE, date_to DATE, date_grain VARCHAR,
    location_id BIGINT, location_name VARCHAR, country VARCHAR, feature VARCHAR,
    lat DOUBLE, lon DOUBLE, site VARCHAR,
    actor_text VARCHAR, actor_id BIGINT, actor_class INTEGER,
    target_text VARCHAR, target_id BIGINT, target_class INTEGER,
    fatalities INTEGER, fatalities_max INTEGER, disputed BOOLEAN,
    injured INTEGER, arrested INTEGER,
    sources INTEGER, reprints INTEGER,
    sentence VARCHAR,
    updated_at TIMESTAMP,
    background BOOLEAN DEFAULT false
);
-- the entity's Wikidata QID (letopis.link); databases made before linking gain the column
ALTER TABLE entities ADD COLUMN IF NOT EXISTS wikidata VARCHAR;
-- databases made before background events were told apart
ALTER TABLE events ADD COLUMN IF NOT EXISTS background BOOLEAN DEFAULT false;
ALTER TABLE chronicle_events ADD COLUMN IF NOT EXISTS background BOOLEAN DEFAULT false;

CREATE TABLE IF NOT EXISTS event_sources (
    chronicle_id BIGINT NOT NULL, article_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
    outlet VARCHAR, published VARCHAR, url VARCHAR,
    sentence VARCHAR, claim VARCHAR,
    fatalities_min INTEGER, fatalities_max INTEGER, fatalities_text VARCHAR,
    modality VARCHAR, speaker VARCHAR, via VARCHAR[],
    reprint_of VARCHAR
);

CREATE TABLE IF NOT EXISTS errors (
    path VARCHAR, reason VARCHAR, failed_at TIMESTAMP DEFAULT current_timestamp
);

-- the search index (postings.py): documents, and lemma → document postings in levels
CREATE TABLE IF NOT EXISTS search_docs (
    doc_id BIGINT NOT NULL, kind VARCHAR, article_id VARCHAR, ref VARCHAR, len INTEGER
);
CREATE TABLE IF NOT EXISTS search_fresh (term UBIGINT, doc_id BIGINT, tf INTEGER);
CREATE TABLE IF NOT EXISTS search_postings_1 (term UBIGINT, doc_id BIGINT, tf INTEGER);
CREATE TABLE IF NOT EXISTS search_postings_2 (term UBIGINT, doc_id BIGINT, tf INTEGER);
CREATE TABLE IF NOT EXISTS search_postings_3 (term UBIGINT, doc_id BIGINT, tf INTEGER);
CREATE TABLE IF NOT EXISTS search_postings_4 (term UBIGINT, doc_id BIGINT, tf INTEGER);

-- the keys an entity is found by (lookup.find_entities): its name, its aliases, a person's surname
CREATE TABLE IF NOT EXISTS entity_names (key VARCHAR NOT NULL, entity_id BIGINT NOT NULL);

-- reprints (dedup.py): each article's MinHash bands, hashed
CREATE TABLE IF NOT EXISTS article_bands (key UBIGINT NOT NULL, article_id VARCHAR NOT NULL);

CREATE SEQUENCE IF NOT EXISTS job_ids START 1;
CREATE TABLE IF NOT EXISTS jobs (
    id BIGINT PRIMARY KEY, kind VARCHAR NOT NULL, state VARCHAR NOT NULL,
    total INTEGER, done INTEGER DEFAULT 0, attempts INTEGER DEFAULT 0,
    input BLOB, result JSON, error VARCHAR,
    created_at TIMESTAMP DEFAULT current_timestamp, started_at TIMESTAMP, finished_at TIMESTAMP
);

-- feeds a watcher reads: what each answered last, for a conditional GET
CREATE TABLE IF NOT EXISTS feeds (
    url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, checked_at TIMESTAMP
);

CREATE OR REPLACE VIEW entity_articles AS
    SELECT entity_id, article_id, count(*) AS mentions FROM mentions GROUP BY ALL;
""" + named.DDL + involved.DDL + ALIASES.ddl

# Reviews (store/reviews.py): what analysts confirmed, corrected or rejected, every action kept.
# The pipeline never writes this table; `event_id` is the event a review applies to now (matched
# by article, type and evidence span after each (re)processing), NULL while it is orphaned.
# events.review / chronicle_events.review hold the reviewed state the pages filter and sort by;
# confidence is the events stage's (letopis.confidence), a chronicle event's the best of its sources.
REVIEWS_DDL = """
CREATE TABLE IF NOT EXISTS reviews (
    id BIGINT NOT NULL,
    article_id VARCHAR NOT NULL, event_type VARCHAR NOT NULL, start INTEGER NOT NULL, stop INTEGER NOT NULL,
    event_id VARCHAR, chronicle_id BIGINT,
    status VARCHAR NOT NULL, changes JSON, before JSON, note VARCHAR, reviewer VARCHAR,
    reviewed_at TIMESTAMP DEFAULT current_timestamp
);
CREATE SEQUENCE IF NOT EXISTS review_ids START 1;
ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS review VARCHAR;
ALTER TABLE chronicle_events ADD COLUMN IF NOT EXISTS confidence DOUBLE;
ALTER TABLE chronicle_events ADD COLUMN IF NOT EXISTS review VARCHAR;
"""

# made last: DuckDB adds no column to a table that has an index
INDEXES = """
-- a chronicle event's sources, found by its id without a scan (the merge reads them, merging.py)
CREATE INDEX IF NOT EXISTS events_chronicle ON events (chronicle_id);
CREATE INDEX IF NOT EXISTS sources_chronicle ON event_sources (chronicle_id);
"""

TABLES = ("articles", "entities", "mentions", "times", "quotes", "events",
          "chronicle_events", "event_sources", "errors", "search_docs", "jobs", "feeds", "reviews")
CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
          # new files in the current storage format, which compresses long texts with zstd
          "storage_compatibility_version": "latest",
          # a checkpoint rewrites what changed since the last: every 16 MB of log (DuckDB's
          # default) a small store would be rewritten whole at each batch, and grow by half
          "checkpoint_threshold": "256MB"}


@cache
def rules() -> dict:
    """src/letopis/data/chronicle.yaml: type families and the ACLED mapping."""
    path = importlib.resources.files("letopis") / "data" / "chronicle.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and on first use create) the database; a database of an older schema is upgraded
    first (in one transaction), which a read-only connection cannot do."""
    db = duckdb.connect(str(path), read_only=read_only, config=CONFIG)
    db.execute("SET enable_progress_bar = false")  # no bar on stderr when a query takes long
    version = migrate.version(db)
    if version not in (None, SCHEMA_VERSION):
        if read_only:
            db.close()
            raise RuntimeError(f"{path} has schema version {version}: open it once for writing "
                               f"(any letopis command) to upgrade it to {SCHEMA_VERSION}")
        migrate.upgrade(db, version, DDL)
    if not read_only:
        db.execute(DDL)
        db.execute(REVIEWS_DDL)
        db.execute(INDEXES)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    return db
