"""make bench-store's synthetic stores: varied articles keep their spans and vary consistently
within a story, and a store filled in bulk holds what the real write path would put there (the
same rows, the same search answers) and answers the queries the bench times."""
from __future__ import annotations

from pathlib import Path

import pytest

from letopis.chronicle import Chronicle
from letopis.ingest import read_paths
from letopis.records import Article
from letopis.storebench import measure
from letopis.storebench.bulk import Bulk
from letopis.storebench.synth import Variants, shifted

SAME_STORY = Path(__file__).parent / "fixtures" / "same_story"
QUERIES = ["митинг", "заложников банка", "полиция задержала", "взрыв газа", "погибли"]


@pytest.fixture(scope="module")
def variants(pipeline) -> Variants:
    read = [a for a in read_paths(sorted(SAME_STORY.glob("*.txt"))) if isinstance(a, Article)]
    return Variants(pipeline.run(read))


@pytest.mark.parametrize("value, days, expected", [
    ("2019-02-28", 366, "2020-02-29"),
    ("2019-05", -400, "2018-04"),  # a month moves by whole months
    ("1776", 800, "1778"),  # a year by whole years
    (None, 5, None),
    ("0001-01-01", -5, "0001-01-01"),  # cannot move: stays
    ("конец года", 5, "конец года"),
])
def test_dates_move_at_their_precision(value, days, expected):
    assert shifted(value, days) == expected


def test_an_article_is_the_same_whenever_made_and_its_spans_hold(variants):
    for i in range(40):
        article = variants.article(i)
        assert article.to_record() == variants.article(i).to_record()
        seed = next(s for s in variants.seeds if s.sentences is article.sentences)
        for ours, theirs in zip(article.entities, seed.entities):
            assert [article.text[a:b] for a, b in ours.mentions] == [seed.text[a:b] for a, b in theirs.mentions]
        assert article.text != seed.text and len(article.text) == len(seed.text)


def test_the_reports_of_a_story_share_day_places_and_people(variants):
    story, _ = variants.story(100)
    reports = [variants.article(i) for i in range(story.first, story.first + story.size)]
    assert len({(a.published, tuple((e.name, e.type) for e in a.entities)) for a in reports}) == 1
    assert len({a.outlet for a in reports}) == len(reports) and len({a.text for a in reports}) == len(reports)
    later = variants.article(variants.boundary(100) + 2000)
    assert later.published > reports[0].published


def test_a_store_filled_in_bulk_holds_what_the_write_path_would(variants, tmp_path):
    with Chronicle(tmp_path / "bulk.duckdb") as bulk, Chronicle(tmp_path / "real.duckdb") as real:
        stop = Bulk(bulk, variants).fill(0, 60)
        real.ingest([variants.article(i) for i in range(stop)], batch_size=20)
        counts = bulk.counts()
        assert counts["articles"] == stop >= 60
        for table in ("entities", "mentions", "times", "quotes", "events", "search_docs"):
            assert counts[table] == real.counts()[table], table
        for query in QUERIES:
            assert [(h["article"], h["kind"], h["score"]) for h in bulk.search(query, limit=50)] == \
                [(h["article"], h["kind"], h["score"]) for h in real.search(query, limit=50)], query
        assert {len(e["sources"]) for e in bulk.events()} <= {1, 2, 3}


def test_the_bench_queries_run_on_a_bulk_store(variants, tmp_path):
    with Chronicle(tmp_path / "bulk.duckdb") as chronicle:
        Bulk(chronicle, variants).fill(0, 1500)
        asked = measure.samples(chronicle, variants)
        assert all(asked[name] for name in measure.QUERIES)
        timings = measure.queries(chronicle, asked)
        assert set(timings) == set(measure.QUERIES) and all(p50 <= p95 for p50, p95 in timings.values())
        found = [measure.QUERIES[name](chronicle, asked[name][0]) for name in ("chronicle", "entity", "export")]
        assert all(found)


def test_a_city_and_month_are_drawn_when_few_events_have_a_city(variants, tmp_path):
    """DuckDB samples right after FROM, before WHERE: the bench draws from the events that fit,
    however few (a 10^4 store of 2026-11-30 drew none from a sample of the whole table)."""
    with Chronicle(tmp_path / "bulk.duckdb") as chronicle:
        Bulk(chronicle, variants).fill(0, 300)
        cities = chronicle.db.execute("SELECT min(id) FROM chronicle_events WHERE feature = 'city' "
                                      "AND date_grain = 'day' AND NOT coalesce(background, false)").fetchone()[0]
        chronicle.db.execute("UPDATE chronicle_events SET feature = 'country' WHERE id <> ?", [cities])
        assert [p["place"] for p in measure.samples(chronicle, variants)["chronicle"]]
