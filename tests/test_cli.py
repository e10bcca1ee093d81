"""Exit codes of the `letopis` command, run as a real process: 0 when everything was read and
stored, 1 when some inputs failed (named on stderr and in `errors`), 2 for usage errors or when
nothing could be done."""
from __future__ import annotations

import json

import duckdb
import pytest

from processes import letopis

TEXT = "date 2022-01-06\nВ Алматы 6 января прошёл митинг у здания акимата, сообщает агентство «Интерфакс»."


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\x00\x00\x00binary")
    return folder


def test_extract_exit_codes(inputs):
    good = letopis("extract", inputs / "good.txt", "--workers", "1")
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["id"] == "good"
    some = letopis("extract", inputs, "--workers", "1")
    assert some.returncode == 1, some.stderr
    assert [json.loads(line)["id"] for line in some.stdout.splitlines()] == ["good"]
    assert "empty.txt" in some.stderr and "photo.txt" in some.stderr
    none = letopis("extract", inputs / "empty.txt", inputs / "photo.txt", "--format", "json")
    assert none.returncode == 2 and none.stdout.strip() == "[]"
    assert "empty file" in none.stderr and "binary" in none.stderr
    usage = letopis("extract", inputs, "--format", "xml")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_ingest_exit_codes(inputs, tmp_path):
    db = tmp_path / "c.duckdb"
    some = letopis("ingest", inputs, "--db", db, "--workers", "1")
    assert some.returncode == 1, some.stderr
    assert "empty.txt" in some.stderr and "photo.txt" in some.stderr  # each failed input named
    assert "1 added" in some.stderr and "2 errors" in some.stderr
    with duckdb.connect(str(db), read_only=True) as c:
        assert {p.rsplit("/", 1)[1] for (p,) in c.execute("SELECT path FROM errors").fetchall()} == \
            {"empty.txt", "photo.txt"}
    again = letopis("ingest", inputs / "good.txt", "--db", db, "--workers", "1")
    assert again.returncode == 0 and "1 already stored" in again.stderr
    unknown = letopis("entity", "Никтоневстречался", "--db", db)
    assert unknown.returncode == 1 and "no entity named" in unknown.stderr  # as grep: nothing matched
    bad = letopis("ingest", inputs / "empty.txt", "--db", db)
    assert bad.returncode == 2 and "empty file" in bad.stderr
    (tmp_path / "nothing").mkdir()
    assert letopis("ingest", tmp_path / "nothing", "--db", db).returncode == 2


def test_reading_commands_exit_codes(tmp_path):
    missing = letopis("chronicle", "--db", tmp_path / "none.duckdb")
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "no database at" in missing.stderr
    assert not (tmp_path / "none.duckdb").exists()
    assert letopis("chronicle", "--db", tmp_path / "none.duckdb", "--format", "xml").returncode == 2
    assert letopis("export", "--format", "xlsx").returncode == 2
