"""Full-text search over articles, quotes and event evidence, by lemmas.

Each document is indexed under every normal form pymorphy2 gives each of its words, and the word
itself (postings.py): Snowball cuts Russian names unevenly, lemmas meet. The documents' texts
are not stored twice: a hit's text is read from the article, the quote or the event.
"""
from __future__ import annotations

from typing import Any

import duckdb

from . import postings
from .text import word_forms, words


def index(db: duckdb.DuckDBPyConnection, docs: list[tuple[int, str, str, str | None, str]]) -> None:
    """Add documents (doc_id, kind, article_id, ref, text) to the index."""
    terms: list[int] = []
    ids: list[int] = []
    tfs: list[int] = []
    lengths = []
    for doc_id, _, _, _, text in docs:
        counts, length = postings.document(text or "")
        terms += counts.keys()
        tfs += counts.values()
        ids += [doc_id] * len(counts)
        lengths.append(length)
    if docs:
        db.execute("INSERT INTO search_docs SELECT unnest(?::BIGINT[]), unnest(?::VARCHAR[]), "
                   "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[])",
                   [[d[0] for d in docs], [d[1] for d in docs], [d[2] for d in docs],
                    [d[3] for d in docs], lengths])
    postings.add(db, terms, ids, tfs)


def search(db: duckdb.DuckDBPyConnection, query: str, kinds: tuple[str, ...] | None = None,
           article_ids: set[str] | None = None, limit: int = 20, article_texts: bool = True) -> list[dict[str, Any]]:
    """Documents holding every word of the query in some form, best first. Without
    `article_texts` an article's hit has no text (`article_texts()` gives it): a page of
    hundreds of hits shows a few."""
    forms = [word_forms(w) for w in dict.fromkeys(words(query))]
    hits = postings.scores(db, forms, kinds, article_ids, limit)
    texts = _texts(db, [(kind, article_id, ref) for _, kind, article_id, ref, _ in hits
                        if article_texts or kind != "article"])
    return [{"kind": kind, "article": article_id, "ref": ref, "text": texts.get((kind, article_id, ref)),
             "score": round(sum(scores), 4)}
            for _, kind, article_id, ref, scores in hits]


def _texts(db: duckdb.DuckDBPyConnection, docs: list[tuple[str, str, str | None]]) -> dict[tuple, str]:
    """The text of each document: an article's title and text, a quote, an event's sentence."""
    ids = sorted({article_id for _, article_id, _ in docs})
    if not ids:
        return {}
    found: dict[tuple, str] = {("article", a, None): text for a, text in
                               article_texts(db, sorted({a for kind, a, _ in docs if kind == "article"})).items()}
    if any(kind == "quote" for kind, _, _ in docs):
        for article_id, idx, text in db.execute(
                "SELECT article_id, idx, text FROM quotes WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                [ids]).fetchall():
            found[("quote", article_id, str(idx))] = text
    if any(kind == "event" for kind, _, _ in docs):
        for article_id, local_id, sentence in db.execute(
                "SELECT article_id, local_id, sentence FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                [ids]).fetchall():
            found[("event", article_id, local_id)] = sentence
    return found


def article_texts(db: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, str]:
    """Articles' searched texts (title and text), by id."""
    found = {}
    for article_id in ids:  # one by one, by the key's index: a zstd-compressed text is cheap to fetch alone
        row = db.execute("SELECT title, text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row:
            found[article_id] = "\n".join(filter(None, row))
    return found
