"""`letopis ingest` and the reading commands with `letopis serve` holding the file: the articles
are read here and stored by the server's ingest jobs, with the same output, exit code and
`errors` rows as an ingest into the file itself; the web pages show what was stored."""
from __future__ import annotations

import json
import signal

import duckdb
import httpx2 as httpx
import pytest

from processes import letopis, serving

TEXTS = {
    "almaty": "date 2022-01-06\nВ Алматы 6 января силовики открыли огонь по протестующим, погибли восемь "
              "человек, сообщило МВД Казахстана.",
    "aktau": "date 2022-01-04\nВ Актау тысячи человек вышли на митинг против повышения цен на газ.",
}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text(" \n", encoding="utf-8")
    lines = [json.dumps({"id": "taraz", "text": "В Таразе введён комендантский час.", "date": "2022-01-07"},
                        ensure_ascii=False), '{"text": "оборвано']
    (folder / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return folder


def _lines(stderr: str, db) -> list[str]:
    """What an ingest says apart from its progress bar, with the database's name left out."""
    return [line.replace(str(db), "DB") for line in stderr.splitlines() if not line.startswith("ingest ")]


def test_ingest_through_the_server_as_into_the_file(inputs, tmp_path):
    direct_db, served_db = tmp_path / "direct.duckdb", tmp_path / "served.duckdb"
    direct = letopis("ingest", inputs, "--db", direct_db, "--workers", "1")
    assert direct.returncode == 1, direct.stderr
    with serving(served_db) as (url, server):
        served = letopis("ingest", inputs, "--db", served_db)
        assert served.returncode == direct.returncode, served.stderr
        assert _lines(served.stderr, served_db) == _lines(direct.stderr, direct_db)
        assert "3 read, 3 added, 0 already stored, 2 errors" in served.stderr
        assert "empty.txt: empty file" in served.stderr and "feed.jsonl:2: invalid JSON" in served.stderr
        page = httpx.get(f"{url}/ui/articles", timeout=30).text
        assert all(f'href="/ui/articles/{name}"' in page for name in ("almaty", "aktau", "taraz"))
        assert {a["id"] for a in httpx.get(f"{url}/articles", timeout=30).json()} == {"almaty", "aktau", "taraz"}
        again = letopis("ingest", inputs / "almaty.txt", "--db", served_db)
        assert again.returncode == 0 and "1 read, 0 added, 1 already stored, 0 errors" in again.stderr
        chronicle = letopis("chronicle", "--db", served_db, "--format", "jsonl")
        assert chronicle.returncode == 0 and chronicle.stdout
        assert chronicle.stdout == letopis("chronicle", "--db", direct_db, "--format", "jsonl").stdout
        table = letopis("chronicle", "--db", served_db)
        assert table.returncode == 0 and "Алматы" in table.stdout
        (tmp_path / "atyrau.txt").write_text("В Атырау прошёл митинг у здания акимата.", encoding="utf-8")
        fresh = letopis("ingest", tmp_path / "atyrau.txt", "--db", served_db)
        assert fresh.returncode == 0 and "1 read, 1 added, 0 already stored, 0 errors" in fresh.stderr
        assert 'href="/ui/articles/atyrau"' in httpx.get(f"{url}/ui/articles", timeout=30).text
        assert "Атырау" in httpx.get(f"{url}/ui/articles/atyrau", timeout=30).text
        server.send_signal(signal.SIGTERM)
        server.wait(10)
    with duckdb.connect(str(served_db), read_only=True) as c:
        errors = sorted(p.rsplit("/", 1)[1] for (p,) in c.execute("SELECT path FROM errors").fetchall())
    assert errors == ["empty.txt", "feed.jsonl:2"]


def test_nothing_readable_exits_2_through_the_server(inputs, tmp_path):
    with serving(tmp_path / "c.duckdb") as _:
        bad = letopis("ingest", inputs / "empty.txt", "--db", tmp_path / "c.duckdb")
        assert bad.returncode == 2 and "empty file" in bad.stderr and "0 read" in bad.stderr
        ray = letopis("ingest", inputs, "--db", tmp_path / "c.duckdb", "--engine", "ray")
        assert ray.returncode == 2 and "cannot go through it" in ray.stderr
