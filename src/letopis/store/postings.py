"""The search index: lemma → document postings kept in DuckDB, updated with every batch, scored
by BM25 in SQL.

A term is keyed by the first 8 bytes of its MD5 (UBIGINT: `key()` here, `md5_number_upper` in
DuckDB). A batch's postings go to `search_fresh`, which every query reads whole; when it holds
FRESH_ROWS they move, sorted by term, to `search_postings_1`, and so on up the levels (each
LEVEL_FACTOR times the one below), as in a log-structured merge tree. A sorted chunk keeps each
term's rows in one row group or a few, so a query reads a few row groups per chunk (DuckDB's
zone maps skip the rest) however large the store grows, and an ingest only ever sorts what
the levels below hold. The score is DuckDB fts's BM25 (k 1.2, b 0.75, log base 10) over the same
tokens, so results and scores are those the fts index used to give.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache

import duckdb
import numpy as np

from .text import word_forms, words

TOKEN = re.compile(r"[0-9a-zа-яё]+")  # the fts tokenizer's: anything else separates tokens
SQL_KEY = "md5_number_upper({})"
LEVELS = ("search_fresh", "search_postings_1", "search_postings_2", "search_postings_3", "search_postings_4")
FRESH_ROWS = 1 << 18
LEVEL_FACTOR = 8
K, B = 1.2, 0.75


@lru_cache(maxsize=500_000)
def key(term: str) -> int:
    """A term's key: DuckDB's md5_number_upper(term)."""
    return int.from_bytes(hashlib.md5(term.encode("utf-8")).digest()[:8], "little")


def document(text: str) -> tuple[dict[int, int], int]:
    """A text's postings (term key → count) and its length in tokens: the tokens of its lemmas
    (text.lemmas), counted as DuckDB's fts counted them."""
    tokens = [t for word in words(text) for t in word_tokens(word)]
    return {key(t): n for t, n in Counter(tokens).items()}, len(tokens)


@lru_cache(maxsize=200_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """The tokens a word adds to the index: those of its forms."""
    return tuple(TOKEN.findall(" ".join(word_forms(word))))


def add(db: duckdb.DuckDBPyConnection, terms: list[int], docs: list[int], counts: list[int]) -> None:
    """Add postings (term key, doc_id, count), moving levels up where they are full."""
    # DuckDB reads this dict of arrays by its name, as a table, whole: lists of Python ints would
    # be converted one by one, ten times slower
    fresh = {"term": np.array(terms, dtype=np.uint64), "doc_id": np.array(docs, dtype=np.int64),  # noqa: F841
             "tf": np.array(counts, dtype=np.int32)}
    if terms:
        db.execute("INSERT INTO search_fresh SELECT term, doc_id, tf FROM fresh")
    maintain(db)


def maintain(db: duckdb.DuckDBPyConnection, everywhere: bool = False, levels: tuple[str, ...] = LEVELS,
             order: str = "term, doc_id", fresh_rows: int | None = None) -> None:
    """Move each full level up, sorted. After an add only the fresh postings need a look (a level
    fills only when the one below moves); `everywhere` looks at every level. Other tables kept
    in levels (named.py) give theirs, the sort order and the first level's size."""
    limit = fresh_rows or FRESH_ROWS
    for lower, upper in zip(levels, levels[1:]):
        if db.execute(f"SELECT count(*) FROM {lower}").fetchone()[0] >= limit:
            db.execute(f"INSERT INTO {upper} SELECT * FROM {lower} ORDER BY {order}")
            db.execute(f"DELETE FROM {lower}")
        elif not everywhere:
            return
        limit *= LEVEL_FACTOR


def load(db: duckdb.DuckDBPyConnection, select: str) -> None:
    """Bulk postings (a query of term, doc_id, tf), sorted into the level their number fits."""
    db.execute(f"CREATE OR REPLACE TEMP TABLE staged_postings AS {select}")
    rows, level, limit = db.execute("SELECT count(*) FROM staged_postings").fetchone()[0], 1, FRESH_ROWS
    while level < len(LEVELS) - 1 and rows >= limit * LEVEL_FACTOR:
        level, limit = level + 1, limit * LEVEL_FACTOR
    db.execute(f"INSERT INTO {LEVELS[level]} SELECT term, doc_id, tf FROM staged_postings ORDER BY term, doc_id")
    db.execute("DROP TABLE staged_postings")
    maintain(db, everywhere=True)


def scores(db: duckdb.DuckDBPyConnection, words: list[tuple[str, ...]], kinds: tuple[str, ...] | None = None,
           article_ids: set[str] | None = None, limit: int = 20) -> list[tuple]:
    """Documents that hold, for every word, at least one of its forms: (doc_id, kind, article_id,
    ref, [score per word]), best first (the sum of the words' scores), then by doc_id."""
    pairs = [(i, key(form)) for i, forms in enumerate(words) for form in dict.fromkeys(forms)]
    if not pairs:
        return []
    terms = ", ".join(str(k) for k in sorted({k for _, k in pairs}))
    postings = " UNION ALL ".join(f"SELECT term, doc_id, tf FROM {t} WHERE term IN ({terms})" for t in LEVELS)
    where, params = [], [[i for i, _ in pairs], [k for _, k in pairs]]
    if kinds:
        where.append(f"d.kind IN ({', '.join('?' * len(kinds))})")
        params += list(kinds)
    if article_ids is not None:
        where.append("d.article_id IN (SELECT unnest(?::VARCHAR[]))")
        params.append(sorted(article_ids))
    return db.execute(f"""
        WITH query AS (SELECT unnest(?::INTEGER[]) AS word, unnest(?::UBIGINT[]) AS term),
        postings AS MATERIALIZED ({postings}),
        df AS (SELECT term, count(*) AS df FROM postings GROUP BY term),
        found AS (SELECT p.doc_id FROM query q JOIN postings p USING (term) GROUP BY p.doc_id
                  HAVING count(DISTINCT q.word) = {len(words)}),
        docs AS MATERIALIZED (SELECT d.* FROM search_docs d JOIN found USING (doc_id) {'WHERE ' + ' AND '.join(where) if where else ''}),
        stats AS (SELECT count(*) AS n, avg(len) AS avgdl FROM search_docs),
        parts AS (
            SELECT q.word, p.doc_id, sum(log((n - df + 0.5) / (df + 0.5) + 1)
                   * ((tf * ({K} + 1)) / (tf + ({K} * ((1 - {B}) + ({B} * (d.len / avgdl))))))) AS score
            FROM query q JOIN postings p USING (term) JOIN df USING (term) JOIN docs d USING (doc_id)
            CROSS JOIN stats GROUP BY q.word, p.doc_id)
        SELECT d.doc_id, d.kind, d.article_id, d.ref, list(score ORDER BY word) AS scores
        FROM parts JOIN docs d USING (doc_id) GROUP BY ALL
        ORDER BY list_sum(scores) DESC, d.doc_id LIMIT {int(limit)}""", params).fetchall()
