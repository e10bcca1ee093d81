"""The search index kept in postings: the scores of DuckDB's fts BM25 over the same documents,
whatever level the postings have moved to, and keys that DuckDB computes alike."""
from __future__ import annotations

import importlib.resources
from pathlib import Path

import duckdb
import pytest

from letopis.chronicle import Chronicle
from letopis.pipeline import Pipeline
from letopis.store import postings, search
from letopis.store.text import lemmas, word_forms, words
from test_chronicle import hand_annotated

SAME_STORY = Path(__file__).parent / "fixtures" / "same_story"
QUERIES = ["Кандагара", "заложников банка", "полиция", "Казани школе", "погибли", "в", "обстрел рынка",
           "Токаев", "мечети", "нет такого слова"]


def fts_extension() -> Path:
    """The fts extension of the duckdb-extension-fts wheel (a test dependency only)."""
    package = pytest.importorskip("duckdb_extension_fts")
    return Path(str(importlib.resources.files(package) / "extensions" / f"v{duckdb.__version__}"
                    / "fts.duckdb_extension"))


def fts_search(db: duckdb.DuckDBPyConnection, query: str, limit: int = 50) -> list[tuple]:
    """What letopis answered before postings: DuckDB's fts index over the documents' lemmas,
    every word of the query matched by one of its forms, scores summed over the words."""
    terms = [" ".join(word_forms(w)) for w in dict.fromkeys(words(query))]
    if not terms:
        return []
    scores = ", ".join(f"fts_main_lemmatised.match_bm25(doc_id, ?) AS s{i}" for i in range(len(terms)))
    found = " AND ".join(f"s{i} IS NOT NULL" for i in range(len(terms)))
    total = " + ".join(f"s{i}" for i in range(len(terms)))
    return [(r[0], round(r[1], 4)) for r in db.execute(
        f"SELECT doc_id, {total} AS score FROM (SELECT doc_id, {scores} FROM lemmatised) WHERE {found} "
        f"ORDER BY score DESC, doc_id LIMIT {limit}", terms).fetchall()]


def index_with_fts(db: duckdb.DuckDBPyConnection) -> None:
    """An fts index over every stored document's lemmas, as letopis built it before."""
    docs = db.execute("SELECT doc_id, kind, article_id, ref FROM search_docs").fetchall()
    texts = search._texts(db, [(kind, article, ref) for _, kind, article, ref in docs])
    db.execute("CREATE TABLE lemmatised AS SELECT unnest(?::BIGINT[]) AS doc_id, unnest(?::VARCHAR[]) AS lemmas",
               [[d[0] for d in docs], [lemmas(texts[d[1:]]) for d in docs]])
    db.execute(f"LOAD '{fts_extension()}'")
    db.execute("PRAGMA create_fts_index('lemmatised', 'doc_id', 'lemmas', stemmer = 'none', stopwords = 'none', "
               "ignore = '[^0-9a-zа-яё]+', strip_accents = 0, lower = 0, overwrite = 1)")


def ours(db: duckdb.DuckDBPyConnection, query: str, limit: int = 50) -> list[tuple]:
    forms = [word_forms(w) for w in dict.fromkeys(words(query))]
    return [(r[0], round(sum(r[4]), 4)) for r in postings.scores(db, forms, limit=limit)]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Hand-annotated articles and real pipeline output, ingested in several batches."""
    with Chronicle(tmp_path_factory.mktemp("postings") / "p.duckdb") as c:
        c.ingest(hand_annotated())
        c.ingest_paths(sorted(SAME_STORY.glob("*.txt")), pipeline=Pipeline(), batch_size=4)
        yield c


@pytest.mark.parametrize("query", QUERIES)
def test_scores_are_those_of_duckdb_fts(store, query, tmp_path):
    index_with_fts(store.db)
    try:
        expected = fts_search(store.db, query)
        assert ours(store.db, query) == expected
        assert expected or query == "нет такого слова"
    finally:
        store.db.execute("DROP SCHEMA fts_main_lemmatised CASCADE")
        store.db.execute("DROP TABLE lemmatised")


def test_postings_moved_up_the_levels_answer_the_same(tmp_path, monkeypatch):
    """Tiny levels, so that every ingest moves postings up; the answers do not change."""
    articles = hand_annotated()
    with Chronicle(tmp_path / "flat.duckdb") as flat:
        flat.ingest(articles)
        expected = {q: flat.search(q, limit=50) for q in QUERIES}
    monkeypatch.setattr(postings, "FRESH_ROWS", 40)
    monkeypatch.setattr(postings, "LEVEL_FACTOR", 2)
    with Chronicle(tmp_path / "levels.duckdb") as levels:
        for article in articles:
            levels.ingest([article])
        filled = [levels.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in postings.LEVELS]
        assert filled[-1] > 0 and filled[0] < 40, filled
        assert {q: levels.search(q, limit=50) for q in QUERIES} == expected


def test_keys_are_duckdbs_md5_number_upper():
    terms = ["митинг", "токаев", "2022", "ё", "kandahar"]
    db = duckdb.connect()
    assert [db.execute(f"SELECT {postings.SQL_KEY.format('?')}", [t]).fetchone()[0] for t in terms] == \
        [postings.key(t) for t in terms]


def test_document_counts_the_tokens_of_the_lemmas():
    text = "Митинги, митинг — и снова МИТИНГ! Ёлка."
    counts, length = postings.document(text)
    assert length == len(lemmas(text).split())
    assert counts[postings.key("митинг")] == 3  # «митинги» gives its lemma too
    assert counts[postings.key("елка")] == 1
