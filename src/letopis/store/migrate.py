"""Upgrading a database made by an older letopis, in place and in one transaction: the version
is in `meta`, and each step takes the schema one version up (docs/store.md lists them).

- 1 → 2: search moves from DuckDB's fts index (rebuilt whole after each ingest) to postings kept
  with every batch (postings.py), built here from the stored lemmas; `search_docs` keeps only
  what names a document and its length; the record loses its copy of the text; the MinHash
  signatures give way to their hashed bands (dedup.py); an entity's typed place columns are
  filled from its geo; `entity_names` holds the keys entities are found by.
- 2 → 3: where each entity is named (named.py), from the mentions.
- 3 → 4: what each entity takes part in (involved.py: chronicle events, quotes), from the events and
  quotes; an article's lead (text.LEAD), from its text.
- 4 → 5: an entity's aliases move from a list in its row to rows of their own (resolve.ALIASES).

An upgraded file keeps DuckDB's storage format of its day; `letopis compact` rewrites it in the
current one (zstd for the texts), reclaiming the space old indexes left behind.
"""
from __future__ import annotations

import duckdb

from . import dedup, involved, named, postings
from .resolve import ALIASES
from .text import LEAD


def version(db: duckdb.DuckDBPyConnection) -> str | None:
    """The schema version of an existing database; None for a new (empty) one."""
    if not db.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' "
                      "AND schema_name = 'main'").fetchone()[0]:
        return None
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return row[0] if row else None


def upgrade(db: duckdb.DuckDBPyConnection, current: str, ddl: str) -> None:
    """Take a database from version `current` to the newest; `ddl` creates what is missing."""
    steps = {"1": _1_to_2, "2": _2_to_3, "3": _3_to_4, "4": _4_to_5}
    if current not in steps:
        raise RuntimeError(f"unknown schema version {current!r}: made by a newer letopis?")
    db.execute("BEGIN TRANSACTION")
    try:
        while current in steps:
            current = steps[current](db, ddl)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [current])
        db.execute("COMMIT")
    except BaseException:
        try:
            db.execute("ROLLBACK")
        except duckdb.TransactionException:  # a failed COMMIT has rolled back already
            pass
        raise
    db.execute("CHECKPOINT")


def _1_to_2(db: duckdb.DuckDBPyConnection, ddl: str) -> str:
    # tables whose columns change are made anew (DuckDB alters no table a transaction has written)
    db.execute("DROP SCHEMA IF EXISTS fts_main_search_docs CASCADE")
    db.execute("ALTER TABLE articles RENAME TO articles_1")
    db.execute("ALTER TABLE search_docs RENAME TO search_docs_1")
    db.execute(ddl)
    # the text is kept once, in articles.text
    db.execute("INSERT INTO articles (id, hash, published, title, outlet, url, path, text, duplicate_of, similarity, "
               "record, ingested_at) SELECT id, hash, published, title, outlet, url, path, text, duplicate_of, "
               "similarity, json_merge_patch(record, '{\"text\": \"\"}'), ingested_at FROM articles_1")
    # reprints: the signatures' bands; the signatures themselves are computed again when needed
    bands = [(key, article_id) for article_id, values in db.execute(
        "SELECT id, minhash FROM articles_1 WHERE minhash IS NOT NULL").fetchall()
        for key in dedup.band_keys(values)]
    if bands:
        db.execute("INSERT INTO article_bands SELECT unnest(?::UBIGINT[]), unnest(?::VARCHAR[])",
                   [[k for k, _ in bands], [a for _, a in bands]])
    # postings and document lengths, from the lemmas the fts index was built over
    db.execute(f"""CREATE TEMP TABLE tokens AS SELECT doc_id,
                   unnest(regexp_extract_all(lemmas, '{postings.TOKEN.pattern}')) AS token FROM search_docs_1""")
    db.execute("INSERT INTO search_docs SELECT d.doc_id, kind, article_id, ref, coalesce(n, 0) FROM search_docs_1 d "
               "LEFT JOIN (SELECT doc_id, count(*) AS n FROM tokens GROUP BY ALL) t USING (doc_id)")
    postings.load(db, f"SELECT {postings.SQL_KEY.format('token')} AS term, doc_id, count(*)::INTEGER AS tf "
                      "FROM tokens GROUP BY ALL")
    for table in ("tokens", "articles_1", "search_docs_1"):
        db.execute(f"DROP TABLE {table}")
    # the typed place columns follow the geo an entity gained after it was stored
    db.execute("UPDATE entities SET country = json_extract_string(geo, '$.country'), "
               "feature = json_extract_string(geo, '$.feature'), "
               "geonames_id = json_extract_string(geo, '$.geonames_id')::BIGINT, "
               "lat = json_extract_string(geo, '$.lat')::DOUBLE, lon = json_extract_string(geo, '$.lon')::DOUBLE "
               "WHERE geo IS NOT NULL")
    db.execute(f"INSERT INTO entity_names {NAMES}")
    db.execute("DELETE FROM meta WHERE key = 'fts_stale'")
    return "2"


def _2_to_3(db: duckdb.DuckDBPyConnection, ddl: str) -> str:
    db.execute(ddl)
    named.load(db)
    return "3"


def _3_to_4(db: duckdb.DuckDBPyConnection, ddl: str) -> str:
    db.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS lead VARCHAR")  # before the table is written
    db.execute(f"UPDATE articles SET lead = {LEAD}")
    db.execute(ddl)
    involved.load(db)
    return "4"


def _4_to_5(db: duckdb.DuckDBPyConnection, ddl: str) -> str:
    db.execute(ddl)
    ALIASES.load(db)
    db.execute("ALTER TABLE entities DROP COLUMN aliases")
    return "5"


# the keys of entity_names, from the entities table (write.py's name_keys, in SQL)
NAMES = """SELECT DISTINCT k, id FROM (
    SELECT id, key AS k FROM entities
    UNION ALL SELECT id, lower(replace(unnest(aliases), 'ё', 'е')) FROM entities
    UNION ALL SELECT id, string_split(key, ' ')[-1] FROM entities WHERE type = 'PER')"""
