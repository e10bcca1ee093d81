"""Parquet written by DuckDB (store/lake.py): one file holds what Chronicle.events gives, and
the dataset partitioned by month holds every event, source and entity once, in the
partition of its month, readable by DuckDB as a hive-partitioned dataset."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import letopis.cli.store  # noqa: F401  (registers the store commands)
from letopis.chronicle import Chronicle
from letopis.cli import app
from letopis.pipeline import Pipeline
from test_chronicle import hand_annotated
from typer.testing import CliRunner

SAME_STORY = Path(__file__).parent / "fixtures" / "same_story"


@pytest.fixture(scope="module")
def chronicle(tmp_path_factory):
    """Hand-annotated articles (a disputed toll, a reprint) and pipeline output (quotes, relay
    chains, months apart)."""
    path = tmp_path_factory.mktemp("lake") / "c.duckdb"
    with Chronicle(path) as c:
        c.ingest(hand_annotated())
        c.ingest_paths(sorted(SAME_STORY.glob("*.txt")), pipeline=Pipeline())
        yield c


def _read(path: Path) -> list[tuple]:
    return duckdb.sql(f"SELECT * FROM read_parquet('{path}/*/*/*.parquet', hive_partitioning = true)").fetchall()


def test_parquet_holds_the_events_as_chronicle_gives_them(chronicle, tmp_path):
    count = chronicle.export("parquet", tmp_path / "c.parquet", background=True)
    events = chronicle.events(background=True)
    rows = duckdb.sql(f"SELECT to_json(c) FROM '{tmp_path / 'c.parquet'}' c").fetchall()
    assert count == len(rows) == len(events) > 20
    assert [json.loads(r[0]) for r in rows] == json.loads(json.dumps(events, ensure_ascii=False))
    assert any(s["via"] for e in events for s in e["sources"]) and any(e["disputed"] for e in events)


def test_filters_and_limits_apply_to_parquet(chronicle, tmp_path):
    chronicle.export("parquet", tmp_path / "c.parquet", place="Афганистан", date_from="2024-03", limit=1)
    assert [r[0] for r in duckdb.sql(f"SELECT id FROM '{tmp_path / 'c.parquet'}'").fetchall()] == \
        [e["id"] for e in chronicle.events(place="Афганистан", date_from="2024-03", limit=1)]


def test_parquet_nests_the_sources_and_keeps_dates_as_dates(chronicle, tmp_path):
    chronicle.export("parquet", tmp_path / "c.parquet")
    rows = duckdb.sql(f"SELECT id, date_from, len(sources), sources[1].outlet, actor.text "
                      f"FROM '{tmp_path / 'c.parquet'}' ORDER BY id").fetchall()
    events = sorted(chronicle.events(), key=lambda e: e["id"])
    assert [(r[0], r[1].isoformat() if r[1] else None, r[2], r[3], r[4]) for r in rows] == \
        [(e["id"], e["date_from"], len(e["sources"]), e["sources"][0]["outlet"], e["actor"]["text"]) for e in events]


def test_the_dataset_partitioned_by_month_holds_each_row_once(chronicle, tmp_path):
    lake = tmp_path / "lake"
    count = chronicle.export("parquet", lake, partition="month", background=True)
    events = chronicle.events(background=True)
    assert count == len(events)
    months = {(int(e["date_from"][:4]), int(e["date_from"][5:7])) for e in events if e["date_from"]}
    assert {(int(p.parent.name[5:]), int(p.name[6:])) for p in (lake / "events").glob("year=2*/month=*")} == months
    stored = duckdb.sql(f"SELECT id, year, month, source_count FROM read_parquet('{lake}/events/*/*/*.parquet', "
                        "hive_partitioning = true) ORDER BY id").fetchall()
    assert [r[0] for r in stored] == sorted(e["id"] for e in events)
    assert all(r[1] is None or (r[1], r[2]) in months for r in stored)
    sources = duckdb.sql(f"SELECT count(*) FROM read_parquet('{lake}/sources/*/*/*.parquet', "
                         "hive_partitioning = true)").fetchone()[0]
    assert sources == sum(len(e["sources"]) for e in events)
    entities = duckdb.sql(f"SELECT count(*), count(first_seen) FROM read_parquet('{lake}/entities/*/*/*.parquet', "
                          "hive_partitioning = true)").fetchone()
    assert entities[0] == chronicle.counts()["entities"] and entities[1] > 0


def test_writing_a_month_again_replaces_it_and_leaves_the_others(chronicle, tmp_path):
    lake = tmp_path / "lake"
    chronicle.export("parquet", lake, partition="month")
    before = sorted(_read(lake / "events"))
    march = chronicle.export("parquet", lake, partition="month", date_from="2024-03", date_to="2024-03")
    assert march > 0
    assert sorted(_read(lake / "events")) == before


def test_the_command_writes_the_dataset(tmp_path):
    db = tmp_path / "c.duckdb"
    with Chronicle(db) as c:
        c.ingest(hand_annotated())
    result = CliRunner().invoke(app, ["export", "--format", "parquet", "--partition", "month", "--db", str(db),
                                      "--out", str(tmp_path / "lake")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "lake" / "events" / "year=2024" / "month=3").is_dir()
    refused = CliRunner().invoke(app, ["export", "--format", "jsonl", "--partition", "month", "--db", str(db),
                                       "--out", str(tmp_path / "x")])
    assert refused.exit_code == 2 and "Parquet" in refused.output
