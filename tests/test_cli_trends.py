"""`letopis trends` as a real process on the made-up chronicle of ten weeks (tests/ten_weeks.py):
the steady city and the sudden week told apart, and exactly the sudden week flagged; the same
output through the server that owns the file."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

import ten_weeks
from processes import letopis, serving

SUDDEN = ten_weeks.SUDDEN_WEEK.isoformat()


@pytest.fixture(scope="module")
def db(ten_weeks_db, tmp_path_factory):
    copy = tmp_path_factory.mktemp("cli-trends") / "chronicle.duckdb"
    shutil.copy(ten_weeks_db, copy)
    return copy


def test_jsonl_flags_exactly_the_sudden_week(db):
    done = letopis("trends", "--db", db, "--type", "protest", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 3 * ten_weeks.WEEKS  # three cities, ten weeks each
    assert [r["count"] for r in rows if r["place"] == "Казань"] == [2] * 10
    assert [r["count"] for r in rows if r["place"] == "Екатеринбург"] == [0, 1, 0, 1, 0, 1, 0, 1, 0, 6]
    assert [(r["place"], r["period"]) for r in rows if r["spike"]] == [("Екатеринбург", SUDDEN)]
    assert not any(r["fatality_spike"] for r in rows)
    assert set(rows[0]) >= {"place", "period", "count", "fatalities", "expected", "score", "spike", "fatality_spike"}


def test_csv_by_region(db):
    done = letopis("trends", "--db", db, "--by", "region", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["place"], r["period"], r["count"]) for r in rows if r["spike"] == "true"] == \
        [("Свердловская область", SUDDEN, "6")]
    assert {r["spike"] for r in rows} == {"true", "false"}
    assert next(r for r in rows if r["period"] == "2024-01-01")["expected"] == ""  # no history yet


def test_table_names_one_spike(db):
    done = letopis("trends", "--db", db, "--by", "country", "--from", "2024-03-04")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("SPIKE") == 1
    line = next(line for line in done.stdout.splitlines() if "SPIKE" in line)
    assert "Россия" in line and SUDDEN in line


@pytest.mark.parametrize("args, says", [
    (["--by", "city"], "--by"),
    (["--window", "year"], "--window"),
    (["--format", "xml"], "--format"),
    (["--from", "2024-13"], "--from"),
])
def test_usage_errors_exit_2(db, args, says):
    done = letopis("trends", "--db", db, *args)
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr


def test_same_output_through_the_server(db):
    alone = letopis("trends", "--db", db, "--format", "jsonl", "--window", "month")
    with serving(db):
        served = letopis("trends", "--db", db, "--format", "jsonl", "--window", "month")
    assert served.returncode == 0, served.stderr
    assert served.stdout == alone.stdout and alone.stdout
