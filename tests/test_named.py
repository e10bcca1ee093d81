"""Where each entity is named (store/named.py): the rows written with each batch are those the
mentions give (as an upgrade makes them), they move up the levels sorted by entity, leave with
their article, and the entity page reads its lists and totals from them."""
from __future__ import annotations

from letopis.chronicle import Chronicle
from letopis.store import keyed, named
from test_api import build_chronicle


def _stored(db) -> list[tuple]:
    rows = db.execute(" UNION ALL ".join(f"SELECT * FROM {level}" for level in named.LEVELS)).fetchall()
    return sorted((e, a, p, n, tuple(f), tuple(o)) for e, a, p, n, f, o in rows)


def _from_mentions(db) -> list[tuple]:
    return sorted((e, a, p, n, tuple(f), tuple(o)) for e, a, p, n, f, o in db.execute(named.FROM_MENTIONS).fetchall())


def test_the_rows_of_each_batch_are_those_the_mentions_give(built):
    with Chronicle(built[0]) as chronicle:
        rows = _stored(chronicle.db)
        assert rows and rows == _from_mentions(chronicle.db)
        seed = built[1]["seed"]
        names = {name for (name,) in chronicle.db.execute(
            "SELECT DISTINCT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?",
            [seed]).fetchall()}
        assert len(names) > 3  # a real article names several entities, each of its rows lists the others


def test_the_entity_page_counts_what_the_mentions_count(built):
    with Chronicle(built[0]) as chronicle:
        for entity_id, name, articles, mentions in chronicle.db.execute(
                "SELECT e.id, e.name, count(DISTINCT m.article_id), count(*) FROM mentions m "
                "JOIN entities e ON e.id = m.entity_id GROUP BY ALL").fetchall():
            [report] = [r for r in chronicle.entity(name) if r["id"] == entity_id]
            assert (report["articles"], report["mention_count"]) == (articles, mentions), name
            forms = {m["article"]: m["forms"] for m in report["mentions"]}
            for article, texts in chronicle.db.execute(
                    "SELECT article_id, list(DISTINCT text) FROM mentions WHERE entity_id = ? GROUP BY ALL",
                    [entity_id]).fetchall():
                assert forms[article] == sorted(texts)


def test_full_levels_move_up_sorted_and_an_article_taken_out_leaves(built, tmp_path, monkeypatch, pipeline):
    monkeypatch.setattr(keyed, "FRESH_ROWS", 8)
    db = tmp_path / "levels.duckdb"
    build_chronicle(db, pipeline)
    with Chronicle(db) as chronicle:
        moved = chronicle.db.execute("SELECT entity_id FROM named_1").fetchall()
        assert moved and moved == sorted(moved)
        assert chronicle.db.execute("SELECT count(*) FROM named_fresh").fetchone()[0] < 8
        assert _stored(chronicle.db) == _from_mentions(chronicle.db)
        with Chronicle(built[0]) as unmoved:
            for name in ("Азирбек", "Алматы"):
                report = chronicle.entity(name)
                assert report and report[0]["mentions"] and report == unmoved.entity(name)
        chronicle.reprocess([built[1]["report"]], pipeline=pipeline)
        assert _stored(chronicle.db) == _from_mentions(chronicle.db)
