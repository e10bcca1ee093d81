"""What each entity takes part in (store/involved.py): the rows written with each batch are those
the stored events and quotes give (as an upgrade makes them), they follow a reviewed event and
an article processed again, move up the levels sorted by entity, and the entity page's chronicle
events and quotes are those a scan of every event and quote finds."""
from __future__ import annotations

from letopis.chronicle import Chronicle
from letopis.store import involved, keyed
from test_api import build_chronicle

# the page's lists by a scan of every stored event (its four roles) and quote
SCANNED_EVENTS = """
    SELECT entity_id, list(DISTINCT c.id ORDER BY c.id) FROM (
        SELECT chronicle_id, unnest([actor_id, target_id, location_id, source_speaker_id]) AS entity_id
        FROM events WHERE chronicle_id IS NOT NULL) e JOIN chronicle_events c ON c.id = e.chronicle_id
    WHERE entity_id IS NOT NULL AND NOT coalesce(c.background, false) AND coalesce(c.review, '') <> 'rejected'
    GROUP BY ALL"""
SCANNED_QUOTES = "SELECT speaker_id, count(*) FROM quotes WHERE speaker_id IS NOT NULL GROUP BY ALL"


def _stored(db, keyed: involved.Keyed) -> list[tuple]:
    return sorted(db.execute(" UNION ALL ".join(f"SELECT * FROM {level}" for level in keyed.levels)).fetchall())


def _agree(db) -> None:
    for table in (involved.EVENTS, involved.QUOTES):
        assert _stored(db, table) == sorted(db.execute(table.stored).fetchall()), table.name


def _page_lists(c: Chronicle) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Every entity's chronicle events and quote count, as its page gives them."""
    events, quotes = {}, {}
    for entity_id, name in c.db.execute("SELECT id, name FROM entities").fetchall():
        [report] = [r for r in c.entity(name) if r["id"] == entity_id]
        if report["event_count"]:
            events[entity_id] = sorted(e["id"] for e in report["events"])
            assert report["event_count"] == len(report["events"])  # fewer than a page in this store
        if report["quote_count"]:
            quotes[entity_id] = report["quote_count"]
            assert [q["article"] for q in report["quotes"]] == sorted(
                (q["article"] for q in report["quotes"]), key=lambda a: _published(c, a), reverse=True)
    return events, quotes


def _published(c: Chronicle, article_id: str) -> str:
    return c.db.execute("SELECT published FROM articles WHERE id = ?", [article_id]).fetchone()[0] or ""


def test_the_rows_of_each_batch_are_those_the_events_and_quotes_give(chronicle):
    _agree(chronicle.db)
    assert _stored(chronicle.db, involved.EVENTS) and _stored(chronicle.db, involved.QUOTES)


def test_the_entity_page_lists_what_a_scan_of_events_and_quotes_finds(chronicle):
    events, quotes = _page_lists(chronicle)
    assert events and events == dict(chronicle.db.execute(SCANNED_EVENTS).fetchall())
    assert quotes and quotes == dict(chronicle.db.execute(SCANNED_QUOTES).fetchall())


def test_reviewed_events_and_articles_processed_again_keep_the_rows(chronicle, built, pipeline):
    ids = built[1]
    [place] = chronicle.db.execute("SELECT location_id FROM events WHERE article_id = ? AND local_id = 'H1'",
                                   [ids["report"]]).fetchone()
    chronicle.reviews.review_article_event(ids["report"], "H1", "corrected", {"location": "Шымкент"})
    _agree(chronicle.db)
    moved = chronicle.db.execute(f"SELECT DISTINCT entity_id FROM ({involved.EVENTS.of([place])}) "
                                 "WHERE article_id = ? AND local_id = 'H1'", [ids["report"]]).fetchall()
    assert not moved  # the event is in Шымкент now: Алматы's page no longer lists it by this event
    chronicle.reviews.review_article_event(ids["seed"], "H1", "rejected")
    _agree(chronicle.db)
    assert _page_lists(chronicle)[0] == dict(chronicle.db.execute(SCANNED_EVENTS).fetchall())
    chronicle.reprocess([ids["seed"], ids["report"]], pipeline)
    _agree(chronicle.db)
    assert _page_lists(chronicle) == (dict(chronicle.db.execute(SCANNED_EVENTS).fetchall()),
                                      dict(chronicle.db.execute(SCANNED_QUOTES).fetchall()))


def test_full_levels_move_up_sorted(tmp_path, monkeypatch, pipeline):
    monkeypatch.setattr(keyed, "FRESH_ROWS", 2)
    db = tmp_path / "levels.duckdb"
    build_chronicle(db, pipeline)
    with Chronicle(db) as chronicle:
        moved = chronicle.db.execute("SELECT entity_id FROM entity_events_1").fetchall()
        assert moved and moved == sorted(moved)
        _agree(chronicle.db)


def test_a_brief_page_gives_the_events_date_type_and_place_as_the_full_one(chronicle):
    listed = 0
    for (name,) in chronicle.db.execute("SELECT DISTINCT name FROM entities").fetchall():
        full, brief = chronicle.entity_page(name), chronicle.entity_page(name, brief=True)
        keys = ("id", "date", "date_grain", "type", "mode", "place")
        assert [[{k: v[k] for k in keys} for v in e["events"]] for e in full["entities"]] == \
            [e["events"] for e in brief["entities"]], name
        listed += sum(len(e["events"]) for e in brief["entities"])
        assert [{k: v for k, v in e.items() if k != "events"} for e in full["entities"]] == \
            [{k: v for k, v in e.items() if k != "events"} for e in brief["entities"]]
    assert listed
