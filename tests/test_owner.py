"""The server as the database's owner: `letopis serve` leaves its address beside the file, the
reading commands go through it with the same output as on the file itself, the file goes when
the server does and is ignored when stale; a file held by anything else gets one clear line."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from letopis import owner
from letopis.chronicle import Chronicle
from processes import ROOT, environment, free_port, letopis, serving
from test_chronicle import hand_annotated

COMMANDS = [
    ["chronicle"], ["chronicle", "--format", "json"], ["chronicle", "--format", "jsonl", "--limit", "1"],
    ["chronicle", "--format", "acled-csv"], ["chronicle", "--format", "geojson", "--background"],
    ["chronicle", "--place", "Афганистан", "--from", "2021-08", "--to", "2021-08"],
    ["chronicle", "--type", "ASSAULT", "--actor", "талибы"],
    ["search", "Токаева"], ["search", "Кандагара", "--format", "jsonl", "--kind", "article"],
    ["search", "Кандагар", "--to", "2021-08", "--format", "jsonl"],
    ["entity", "Хашима"], ["entity", "Хашима", "--format", "json"], ["entity", "Никтоневстречался"],
    ["export", "--format", "acled-csv"], ["export", "--format", "jsonl", "--place", "Герат"],
    ["export", "--format", "parquet"],
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "c.duckdb"
    with Chronicle(path) as c:
        c.ingest(hand_annotated())
    return path


def _run(args, db):
    done = subprocess.run([sys.executable, "-m", "letopis.cli", *args, "--db", str(db)], capture_output=True,
                          env=environment(), cwd=ROOT, timeout=120)
    return done.returncode, done.stdout, done.stderr.decode("utf-8")


def test_reading_commands_give_the_same_output_through_the_server(db):
    direct = {" ".join(args): _run(args, db) for args in COMMANDS}
    assert direct["chronicle"][0] == 0 and "Кандагар".encode() in direct["chronicle"][1]
    with serving(db, "--token", "T", "--private") as (url, server):  # reads need the token too
        path = owner.owner_file(db)
        found = json.loads(path.read_text(encoding="utf-8"))
        assert (found["url"], found["token"], found["pid"]) == (url, "T", server.pid)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the token is its user's alone
        for args in COMMANDS:
            assert _run(args, db) == direct[" ".join(args)], args
        out = db.parent / "c.geojson"
        assert letopis("export", "--format", "geojson", "--db", db, "--out", out).returncode == 0
        assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
        server.send_signal(signal.SIGTERM)
        server.wait(5)
    assert not path.exists()  # gone with the server


def test_a_stale_file_is_ignored(db):
    with serving(db) as (url, server):
        server.kill()  # no chance to remove its file
        server.wait()
    assert owner.owner_file(db).exists() and owner.find(db) is None
    assert _run(["chronicle", "--format", "jsonl"], db)[0] == 0
    # a file naming a live process that is no server of the file: this test's own
    owner.owner_file(db).write_text(json.dumps({"url": f"http://127.0.0.1:{free_port()}", "token": None,
                                                "pid": os.getpid(), "db": str(db)}), encoding="utf-8")
    assert owner.find(db) is None
    assert _run(["chronicle", "--format", "jsonl"], db)[0] == 0


HOLD = textwrap.dedent("""
    import sys, time
    from letopis.chronicle import Chronicle
    c = Chronicle(sys.argv[1])
    print("holding", flush=True)
    time.sleep(600)
""")


def test_a_file_held_by_another_process_gets_one_clear_line(db, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True,
                              env=environment(), cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "holding"
        (tmp_path / "a.txt").write_text("В Алматы прошёл митинг.", encoding="utf-8")
        port = str(free_port())
        for args in (["chronicle"], ["search", "Токаева"], ["entity", "Хашима"], ["export", "--format", "jsonl"],
                     ["ingest", str(tmp_path / "a.txt")], ["serve", "--port", port]):
            code, stdout, stderr = _run(args, db)
            assert code == 2, (args, stderr)
            assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
            assert f"PID {holder.pid}" in stderr and "letopis serve --db" in stderr
    finally:
        holder.kill()
        holder.wait()


def test_serve_on_a_busy_port_says_so(tmp_path):
    with serving(tmp_path / "a.duckdb") as (url, _):
        busy = letopis("serve", "--db", tmp_path / "b.duckdb", "--port", url.rsplit(":", 1)[1], timeout=60)
        assert busy.returncode == 2 and "cannot listen" in busy.stderr
        assert not owner.owner_file(tmp_path / "b.duckdb").exists()
