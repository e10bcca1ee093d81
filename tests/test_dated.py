"""What the merge compares of each chronicle event (store/dated.py): its rows are those of the
located and dated chronicle events after every batch, review and article processed again, and
the merge finds the same chronicle events whichever level their rows lie in."""
from __future__ import annotations

import shutil

import pytest

from letopis.chronicle import Chronicle
from letopis.store import keyed
from letopis.store.dated import DATED
from test_api import build_chronicle
from test_merging import REPORTS, _report

CHRONICLE = "SELECT * EXCLUDE (updated_at) FROM chronicle_events ORDER BY id"


def _agree(db) -> None:
    stored = sorted(db.execute(DATED.every()).fetchall())
    assert stored and stored == sorted(db.execute(DATED.stored).fetchall())


@pytest.fixture(scope="module")
def built(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("dated") / "chronicle.duckdb"
    return db, build_chronicle(db, pipeline)


@pytest.fixture
def chronicle(built, tmp_path):
    db = tmp_path / "chronicle.duckdb"
    shutil.copy(built[0], db)
    with Chronicle(db) as c:
        yield c


def test_the_rows_follow_batches_reviews_and_articles_processed_again(chronicle, built, pipeline):
    _agree(chronicle.db)
    ids = built[1]
    chronicle.reviews.review_article_event(ids["report"], "H1", "corrected", {"location": "Шымкент"})
    _agree(chronicle.db)
    chronicle.reviews.review_article_event(ids["seed"], "H1", "rejected")
    _agree(chronicle.db)
    chronicle.reprocess([ids["seed"], ids["report"]], pipeline)
    _agree(chronicle.db)


def test_the_merge_finds_the_same_chronicle_events_in_any_level(tmp_path, monkeypatch):
    reports = [_report(*r) for r in REPORTS]  # reports of one shooting at places inside one another
    with Chronicle(tmp_path / "fresh.duckdb") as fresh:
        fresh.ingest(reports, batch_size=1)
        expected = fresh.db.execute(CHRONICLE).fetchall()
    monkeypatch.setattr(keyed, "FRESH_ROWS", 2)
    with Chronicle(tmp_path / "levels.duckdb") as levelled:
        levelled.ingest(reports, batch_size=1)
        assert levelled.db.execute("SELECT count(*) FROM chronicle_dates_1").fetchone()[0]  # rows moved up
        _agree(levelled.db)
        assert levelled.db.execute(CHRONICLE).fetchall() == expected
