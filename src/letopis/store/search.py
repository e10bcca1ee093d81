"""Full-text search over articles, quotes and event evidence, by lemmas.

DuckDB's fts index is built over a column of lemmas (every normal form pymorphy2 gives a word,
and the word itself) with its own stemmer off: Snowball cuts Russian names unevenly, lemmas meet.
"""
from __future__ import annotations

from typing import Any

import duckdb

from .text import word_forms, words

INDEX = ("PRAGMA create_fts_index('search_docs', 'doc_id', 'lemmas', stemmer = 'none', "
         "stopwords = 'none', ignore = '[^0-9a-zа-яё]+', strip_accents = 0, lower = 0, overwrite = 1)")


def stale(db: duckdb.DuckDBPyConnection) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = 'fts_stale'").fetchone()
    return row is not None and row[0] == "true"


def rebuild(db: duckdb.DuckDBPyConnection) -> None:
    """The fts index is a snapshot: rebuilt after an ingest adds documents."""
    db.execute("BEGIN TRANSACTION")
    db.execute(INDEX)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', 'false')")
    db.execute("COMMIT")


def search(db: duckdb.DuckDBPyConnection, query: str, kinds: tuple[str, ...] | None = None,
           article_ids: set[str] | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Documents holding every word of the query in some form, best first."""
    terms = [" ".join(word_forms(w)) for w in dict.fromkeys(words(query))]
    if not terms:
        return []
    scores = ["fts_main_search_docs.match_bm25(doc_id, ?)" for _ in terms]
    where = [f"s{i} IS NOT NULL" for i in range(len(terms))]
    params: list[Any] = list(terms)
    if kinds:
        where.append(f"kind IN ({', '.join('?' * len(kinds))})")
        params += list(kinds)
    if article_ids is not None:
        where.append("list_contains(?, article_id)")
        params.append(sorted(article_ids))
    rows = db.execute(
        f"SELECT * FROM (SELECT doc_id, kind, article_id, ref, text, "
        f"{', '.join(f'{s} AS s{i}' for i, s in enumerate(scores))} FROM search_docs) "
        f"WHERE {' AND '.join(where)} "
        f"ORDER BY {' + '.join(f's{i}' for i in range(len(terms)))} DESC, doc_id LIMIT {int(limit)}",
        params).fetchall()
    return [{"kind": kind, "article": article_id, "ref": ref, "text": text,
             "score": round(sum(scores_), 4)}
            for _, kind, article_id, ref, text, *scores_ in rows]
