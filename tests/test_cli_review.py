"""`letopis reprocess` and `letopis gold export --reviewed`, run as real processes: reviews made
in a chronicle become gold files that `letopis eval` scores, and processing the articles again
keeps the reviews. Both also go through a server that holds the file."""
from __future__ import annotations

import json
import shutil

import pytest

from letopis.chronicle import Chronicle
from processes import letopis, serving


@pytest.fixture
def db(built, tmp_path):
    copy = tmp_path / "chronicle.duckdb"
    shutil.copy(built[0], copy)
    return copy


def _review(db, ids) -> None:
    with Chronicle(db) as c:
        [event] = [e for e in c.events(place="Алматы", type="ASSAULT")
                   if any(s["event_id"].startswith("H") for s in e["sources"])]
        c.reviews.review(event["id"], "corrected", {"fatalities": 26}, reviewer="anna")
        for own in c.reviews.article_events(ids["rally"]):
            c.reviews.review_article_event(ids["rally"], own["id"], "rejected")


def test_gold_from_reviews_is_scored_by_eval(db, built, tmp_path):
    _review(db, built[1])
    out = tmp_path / "gold"
    exported = letopis("gold", "export", out, "--reviewed", "--db", db)
    assert exported.returncode == 0, exported.stderr
    files = sorted(out.glob("*.json"))
    assert len(files) == 3  # the seed, the report and the rally: every event of each reviewed
    golds = [json.loads(f.read_text("utf-8")) for f in files]
    assert all((out / g["article"]).is_file() and g["layers"] == ["events"] for g in golds)
    assert sum(len(g["events"]) for g in golds) == 2  # the rally's rejected event is left out
    assert {e["fatalities"]["min"] for g in golds for e in g["events"]} == {26}
    scored = letopis("eval", out)
    assert scored.returncode == 0, scored.stderr
    assert "events" in scored.stdout and "event confidence: reliability" in scored.stdout
    assert letopis("gold", "export", out, "--db", db).returncode == 2  # --reviewed is the only kind


def test_reprocess_keeps_reviews_and_goes_through_the_server(db, built):
    _review(db, built[1])
    done = letopis("reprocess", built[1]["report"], "--db", db)
    assert done.returncode == 0, done.stderr
    assert "1 processed again" in done.stderr
    with Chronicle(db) as c:
        assert any(e["fatalities"] == 26 and e["review"] == "corrected" for e in c.events(type="ASSAULT"))
    assert letopis("reprocess", "нет-такой", "--db", db).returncode in (1, 2)
    with serving(db) as (url, _):
        through = letopis("reprocess", built[1]["rally"], "--db", db)
        assert through.returncode == 0, through.stderr
        exported = letopis("gold", "export", db.parent / "g", "--reviewed", "--db", db)
        assert exported.returncode == 0, exported.stderr
    # processed again, the report and the rally hold events the pipeline found that nobody has
    # reviewed yet: only the seed is still wholly reviewed
    [gold] = [json.loads(f.read_text("utf-8")) for f in (db.parent / "g").glob("*.json")]
    assert gold["source"]["article_id"] == built[1]["seed"]
