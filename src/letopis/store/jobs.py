"""Background jobs kept in the database, so that none is lost with the server: a job is queued
with its whole input, run (its progress written as it goes), and ends done with its result or
failed with the reason. A job found running when the server starts was cut short by a stop: it
is queued again, until it has been cut short ATTEMPTS times."""
from __future__ import annotations

import gzip
import json
from typing import Any

import duckdb

ATTEMPTS = 3
STATES = ("queued", "running", "done", "failed")
COLUMNS = ("id", "kind", "state", "total", "done", "attempts", "result", "error", "created_at",
           "started_at", "finished_at")


def add(db: duckdb.DuckDBPyConnection, kind: str, job_input: dict[str, Any], total: int) -> int:
    """Queue a job; its input is kept (gzipped JSON) until it is done."""
    packed = gzip.compress(json.dumps(job_input, ensure_ascii=False).encode("utf-8"), compresslevel=3)
    return db.execute("INSERT INTO jobs (id, kind, state, total, input) VALUES "
                      "(nextval('job_ids'), ?, 'queued', ?, ?) RETURNING id", [kind, total, packed]).fetchone()[0]


def get(db: duckdb.DuckDBPyConnection, job_id: int) -> dict[str, Any] | None:
    row = db.execute(f"SELECT {', '.join(COLUMNS)} FROM jobs WHERE id = ?", [job_id]).fetchone()
    return _public(row) if row else None


def recent(db: duckdb.DuckDBPyConnection, limit: int = 100) -> list[dict[str, Any]]:
    rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM jobs ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    return [_public(r) for r in rows]


def take(db: duckdb.DuckDBPyConnection) -> tuple[int, str, dict[str, Any]] | None:
    """The oldest queued job, marked running: (id, kind, input)."""
    row = db.execute("SELECT id, kind, input FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    db.execute("UPDATE jobs SET state = 'running', started_at = current_timestamp, done = 0, "
               "attempts = attempts + 1 WHERE id = ?", [row[0]])
    return row[0], row[1], json.loads(gzip.decompress(row[2]))


def progress(db: duckdb.DuckDBPyConnection, job_id: int, done: int) -> None:
    db.execute("UPDATE jobs SET done = ? WHERE id = ?", [done, job_id])


def finish(db: duckdb.DuckDBPyConnection, job_id: int, result: dict[str, Any]) -> None:
    db.execute("UPDATE jobs SET state = 'done', done = total, result = ?, input = NULL, "
               "finished_at = current_timestamp WHERE id = ?", [json.dumps(result, ensure_ascii=False), job_id])


def fail(db: duckdb.DuckDBPyConnection, job_id: int, reason: str) -> None:
    db.execute("UPDATE jobs SET state = 'failed', error = ?, input = NULL, finished_at = current_timestamp "
               "WHERE id = ?", [reason, job_id])


def recover(db: duckdb.DuckDBPyConnection) -> None:
    """After a stop: jobs cut short are queued again, or failed once cut short ATTEMPTS times."""
    db.execute("UPDATE jobs SET state = 'failed', input = NULL, finished_at = current_timestamp, "
               f"error = 'stopped {ATTEMPTS} times before it was done: given up' "
               "WHERE state = 'running' AND attempts >= ?", [ATTEMPTS])
    db.execute("UPDATE jobs SET state = 'queued', done = 0 WHERE state = 'running'")


def pending_urls(db: duckdb.DuckDBPyConnection) -> set[str]:
    """The URLs (and fetched addresses) of the articles queued or running jobs carry: stored soon,
    so a watcher does not fetch them again."""
    urls: set[str] = set()
    for (packed,) in db.execute("SELECT input FROM jobs WHERE state IN ('queued', 'running') "
                                "AND input IS NOT NULL").fetchall():
        for article in json.loads(gzip.decompress(packed))["articles"]:
            urls.update(u for u in (article.get("url"), article.get("path")) if u)
    return urls


def _public(row: tuple) -> dict[str, Any]:
    job = dict(zip(COLUMNS, row))
    job["result"] = json.loads(job["result"]) if job["result"] else None
    for key in ("created_at", "started_at", "finished_at"):
        job[key] = job[key].isoformat(timespec="seconds") if job[key] else None
    return job
