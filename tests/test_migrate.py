"""A database of schema version 1 (tests/fixtures/store_v1: what `EXPORT DATABASE` wrote of a
store made by the letopis before postings, from the hand-annotated articles and four pipeline
articles) upgraded in place: search answers as its fts index did, the record gets its text
back, reprints are still found, and what was stored is all there."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import letopis.cli.store  # noqa: F401  (registers the store commands)
from letopis.chronicle import Chronicle
from letopis.cli import app
from letopis.records import Article
from letopis.store import lookup, schema
from test_postings import QUERIES, fts_extension, fts_search

V1 = Path(__file__).parent / "fixtures" / "store_v1"


def _v1_database(path: Path) -> Path:
    db = duckdb.connect(str(path))
    db.execute((V1 / "schema.sql").read_text(encoding="utf-8"))
    db.execute((V1 / "load.sql").read_text(encoding="utf-8").replace("{folder}", str(V1)))
    db.close()
    return path


def _before(path: Path) -> dict:
    """What the version 1 database holds and answers, read before the upgrade."""
    db = duckdb.connect(str(path))
    db.execute("CREATE TABLE lemmatised AS SELECT doc_id, lemmas FROM search_docs")
    db.execute(f"LOAD '{fts_extension()}'")
    db.execute("PRAGMA create_fts_index('lemmatised', 'doc_id', 'lemmas', stemmer = 'none', stopwords = 'none', "
               "ignore = '[^0-9a-zа-яё]+', strip_accents = 0, lower = 0, overwrite = 1)")
    found = {q: fts_search(db, q) for q in QUERIES}
    records = {r[0]: json.loads(r[1]) for r in db.execute("SELECT id, record FROM articles").fetchall()}
    aliases = dict(db.execute("SELECT id, list_sort(list_distinct(aliases)) FROM entities").fetchall())
    present = {t for (t,) in db.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    # a table the store had not yet (reviews) is there, empty, after the upgrade
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] if t in present else 0
              for t in schema.TABLES}
    db.execute("DROP SCHEMA fts_main_lemmatised CASCADE")
    db.execute("DROP TABLE lemmatised")
    db.close()
    return {"search": found, "records": records, "counts": counts, "aliases": aliases}


@pytest.fixture
def upgraded(tmp_path):
    path = _v1_database(tmp_path / "v1.duckdb")
    before = _before(path)
    with Chronicle(path) as chronicle:
        yield chronicle, before


def test_search_answers_as_the_fts_index_did(upgraded):
    chronicle, before = upgraded
    docs = {(kind, article, ref): doc_id for doc_id, kind, article, ref in chronicle.db.execute(
        "SELECT doc_id, kind, article_id, ref FROM search_docs").fetchall()}
    assert any(before["search"].values())
    for query, expected in before["search"].items():
        hits = chronicle.search(query, limit=50)
        assert [(docs[h["kind"], h["article"], h["ref"]], h["score"]) for h in hits] == expected, query


def test_records_texts_and_counts_are_kept(upgraded):
    chronicle, before = upgraded
    assert chronicle.counts() == before["counts"]
    for article_id, record in before["records"].items():
        stored = chronicle.article(article_id)
        assert {k: stored[k] for k in record} == record
    columns = {r[0] for r in chronicle.db.execute("DESCRIBE articles").fetchall()}
    assert "minhash" not in columns and "text" in columns
    # the lead a page shows for an untitled article, the first line of its text
    for article in chronicle.articles():
        assert article["lead"] and chronicle.article(article["id"])["text"].lstrip().startswith(article["lead"])
    # the aliases, rows of their own
    stored = lookup.entity_rows(chronicle.db, sorted(before["aliases"]))
    assert before["aliases"] and {e["id"]: e["aliases"] for e in stored} == before["aliases"]
    assert "aliases" not in {r[0] for r in chronicle.db.execute("DESCRIBE entities").fetchall()}
    assert chronicle.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "5"
    assert not chronicle.db.execute("SELECT count(*) FROM information_schema.schemata "
                                    "WHERE schema_name LIKE 'fts_%'").fetchone()[0]


def test_a_reprint_of_an_article_stored_before_the_upgrade_is_found(upgraded):
    chronicle, _ = upgraded
    original = chronicle.article("interfax-herat")
    copy = Article(id="copy-herat", text=original["text"] + " Об этом сообщает агентство.",
                   published=original["published"])
    assert chronicle.ingest([copy]).added == 1
    assert chronicle.article("copy-herat")["duplicate_of"] == "interfax-herat"
    assert chronicle.search("блокпосты Герата", kind="article")[0]["article"] in {"interfax-herat", "copy-herat"}


def test_an_upgraded_database_opens_as_it_is(upgraded, tmp_path):
    chronicle, _ = upgraded
    counts = chronicle.counts()
    chronicle.close()
    with Chronicle(chronicle.path) as again:
        assert again.counts() == counts


def test_reviews_made_before_the_upgrade_are_kept(tmp_path):
    path = _v1_database(tmp_path / "v1.duckdb")
    db = duckdb.connect(str(path))
    db.execute(schema.REVIEWS_DDL)  # a version 1 store of the letopis that had reviews
    article_id, local_id, type_, start, stop, chronicle_id = db.execute(
        "SELECT article_id, local_id, type, start, stop, chronicle_id FROM events "
        "WHERE chronicle_id IS NOT NULL ORDER BY article_id, local_id LIMIT 1").fetchone()
    db.execute("INSERT INTO reviews (id, article_id, event_type, start, stop, event_id, chronicle_id, status, "
               "reviewer) VALUES (nextval('review_ids'), ?, ?, ?, ?, ?, ?, 'confirmed', 'аналитик')",
               [article_id, type_, start, stop, local_id, chronicle_id])
    db.execute("UPDATE events SET review = 'confirmed', confidence = 0.75 WHERE article_id = ? AND local_id = ?",
               [article_id, local_id])
    db.close()
    with Chronicle(path) as chronicle:
        assert chronicle.db.execute("SELECT article_id, event_id, status, reviewer FROM reviews").fetchall() == [
            (article_id, local_id, "confirmed", "аналитик")]
        assert chronicle.db.execute("SELECT review, confidence FROM events WHERE article_id = ? AND local_id = ?",
                                    [article_id, local_id]).fetchone() == ("confirmed", 0.75)
        assert chronicle.db.execute("SELECT nextval('review_ids')").fetchone()[0] == 2


def test_a_read_only_opening_does_not_upgrade(tmp_path):
    path = _v1_database(tmp_path / "v1.duckdb")
    with pytest.raises(RuntimeError, match="schema version 1"):
        Chronicle(path, read_only=True)


def test_compacting_an_upgraded_database_keeps_everything_in_the_current_format(tmp_path):
    path = _v1_database(tmp_path / "v1.duckdb")
    before = _before(path)
    with Chronicle(path) as chronicle:
        answers = {q: chronicle.search(q, limit=50) for q in before["search"]}
        events = chronicle.events(background=True)
    result = CliRunner().invoke(app, ["compact", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert not path.with_name(path.name + ".compact").exists()
    with Chronicle(path) as chronicle:
        assert chronicle.counts() == before["counts"]
        assert {q: chronicle.search(q, limit=50) for q in before["search"]} == answers
        assert chronicle.events(background=True) == events
        storage = chronicle.db.execute("SELECT tags FROM duckdb_databases() WHERE database_name = "
                                       "current_database()").fetchone()[0]
        assert storage["storage_version"] != "v1.0.0+"
        text = chronicle.db.execute("SELECT DISTINCT compression FROM pragma_storage_info('articles') "
                                    "WHERE column_name = 'text' AND segment_type = 'VARCHAR'").fetchall()
        assert text == [("ZSTD",)]
        copy = Article(id="copy-herat", text=chronicle.article("interfax-herat")["text"] + " Так сообщили.",
                       published="2024-03-16")
        chronicle.ingest([copy])  # the sequences go on from where they were
        assert chronicle.db.execute("SELECT count(*) - count(DISTINCT doc_id) FROM search_docs").fetchone()[0] == 0
