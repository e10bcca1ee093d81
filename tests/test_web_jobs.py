"""Background jobs: more than a small text is answered 202 with a job that GET /jobs/{id}
follows (state, progress, stored ids or errors); jobs run one at a time in order; they live in
the database, so a job cut short by a stop runs again at the next start (or fails for good after
being cut short three times); the upload page queues a job and its page shows the progress."""
from __future__ import annotations

import re
import signal
import time

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from letopis import owner
from letopis.chronicle import Chronicle
from letopis.ingest import parse_text
from letopis.store import jobs
from letopis.web import create_app
from letopis.web.service import job_input
from letopis.web.submit import SMALL_TEXT
from processes import descendants, serving, still_alive
from test_stops import CITIES

SHORT = "date 2022-01-06\nВ Алматы 6 января прошёл митинг у здания акимата, сообщает «Интерфакс»."


def long_text(n: int) -> str:
    """A report of more than SMALL_TEXT bytes."""
    sentences = [f"В {CITIES[k % len(CITIES)]} {1 + k % 28} мая прошёл митинг №{n}-{k}: на площадь вышли около "
                 f"{40 + 7 * k} человек, сообщил губернатор." for k in range(400)]
    text = " ".join(sentences)
    assert len(text.encode("utf-8")) > SMALL_TEXT
    return text


@pytest.fixture
def client(tmp_path, pipeline):
    with TestClient(create_app(tmp_path / "c.duckdb", pipeline=pipeline), raise_server_exceptions=False) as client:
        yield client


def _follow(client, job_id: int, timeout: float = 120) -> list[dict]:
    """Every state the job was seen in, until it ended."""
    seen = []
    deadline = time.monotonic() + timeout
    while not seen or seen[-1]["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, seen[-1]
        seen.append(client.get(f"/jobs/{job_id}").json())
        time.sleep(0.05)
    return seen


def test_more_than_a_small_text_is_a_job(client):
    answer = client.post("/articles", json={"text": long_text(1), "published": "2023-05-01"})
    assert answer.status_code == 202, answer.text
    ticket = answer.json()
    assert answer.headers["location"] == ticket["url"] == f"/jobs/{ticket['id']}"
    assert ticket["state"] in ("queued", "running") and ticket["total"] == 1
    seen = _follow(client, ticket["id"])
    job = seen[-1]
    assert job["state"] == "done" and job["done"] == job["total"] == 1
    [stored] = job["result"]["articles"]
    assert stored["known"] is False and (job["result"]["added"], job["result"]["errors"]) == (1, [])
    assert client.get(f"/articles/{stored['id']}").json()["published"] == "2023-05-01"
    assert client.get("/jobs").json()[0]["id"] == ticket["id"]
    assert client.get("/jobs/99999").status_code == 404


def test_jobs_run_in_order_with_progress(client):
    lines = [{"id": f"a{i}", "text": long_text(i)[:2000], "path": f"feed.jsonl:{i}", "published": "2023-05"}
             for i in range(40)]
    first = client.post("/articles", json={"articles": lines, "errors": [{"path": "bad.txt", "reason": "empty file"}]})
    second = client.post("/articles", json={"text": long_text(2)})
    assert (first.status_code, second.status_code) == (202, 202)
    seen = _follow(client, first.json()["id"])
    done = [j["done"] for j in seen if j["state"] == "running"]
    assert done == sorted(done) and seen[-1]["done"] == 40  # batches of 16 move it on
    result = seen[-1]["result"]
    assert result["added"] == 40 and [e["path"] for e in result["errors"]] == ["bad.txt"]
    later = _follow(client, second.json()["id"])[-1]
    assert later["started_at"] >= seen[-1]["finished_at"]  # one worker, in order


def test_small_text_is_answered_in_the_request(client):
    answer = client.post("/articles", json={"text": SHORT})
    assert answer.status_code == 201 and answer.json()["read"] == 1
    again = client.post("/articles", json={"text": SHORT})
    assert again.status_code == 200 and again.json()["known"] == 1


def test_unfinished_jobs_run_again_after_a_restart(tmp_path, pipeline):
    db = tmp_path / "c.duckdb"
    article = parse_text(SHORT, id="cut-short")
    with Chronicle(db) as c:  # a server stopped in the middle of two jobs, one cut short three times
        again = jobs.add(c.db, "ingest", job_input([article], []), 1)
        jobs.take(c.db)
        given_up = jobs.add(c.db, "ingest", job_input([parse_text(SHORT + " Ещё.", id="x")], []), 1)
        for _ in range(3):
            jobs.take(c.db)
            c.db.execute("UPDATE jobs SET state = 'queued' WHERE id = ?", [given_up])
        c.db.execute("UPDATE jobs SET state = 'running' WHERE id = ?", [given_up])
    with TestClient(create_app(db, pipeline=pipeline), raise_server_exceptions=False) as client:
        job = _follow(client, again)[-1]
        assert job["state"] == "done" and job["attempts"] == 2
        assert [a["id"] for a in job["result"]["articles"]] == ["cut-short"]
        failed = client.get(f"/jobs/{given_up}").json()
        assert failed["state"] == "failed" and "stopped 3 times" in failed["error"]


def test_upload_page_queues_a_job_and_shows_it(client):
    page = client.get("/ui/upload")
    assert page.status_code == 200 and "Добавить статьи" in page.text
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    files = {"file": ("aktau.txt", SHORT.encode("cp1251"), "text/plain")}
    assert client.post("/ui/upload", files=files).status_code == 403  # no CSRF token
    sent = client.post("/ui/upload", data={"csrf": token}, files=files, follow_redirects=False)
    assert sent.status_code == 303
    job_id = int(sent.headers["location"].rsplit("/", 1)[1])
    _follow(client, job_id)
    shown = client.get(sent.headers["location"]).text
    assert "готово" in shown and 'href="/ui/articles/aktau"' in shown
    empty = client.post("/ui/upload", data={"csrf": token}, files={"file": ("e.txt", b" \n", "text/plain")})
    assert empty.status_code == 400 and "empty file" in empty.text


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_job_stopped_with_the_server_runs_at_the_next_start(tmp_path, how):
    db = tmp_path / "c.duckdb"
    lines = [{"id": f"a{i}", "text": long_text(i)[:3000]} for i in range(64)]  # four batches of 16
    with serving(db) as (url, server):
        ticket = httpx.post(f"{url}/articles", json={"articles": lines}, timeout=60).json()
        deadline = time.monotonic() + 120
        while httpx.get(f"{url}/jobs/{ticket['id']}", timeout=10).json()["state"] == "queued":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        everyone = descendants(server.pid)  # the pool's worker among them
        started = time.monotonic()
        server.send_signal(how)  # in the middle of the job
        server.wait(30)
        if how == signal.SIGTERM:
            assert time.monotonic() - started < 5
            assert not owner.owner_file(db).exists()
        assert not still_alive(everyone, within=10)
    with serving(db) as (url, server):
        deadline = time.monotonic() + 180
        while (job := httpx.get(f"{url}/jobs/{ticket['id']}", timeout=10).json())["state"] != "done":
            assert job["state"] in ("queued", "running") and time.monotonic() < deadline, job
            time.sleep(0.2)
        assert job["attempts"] == 2, job  # abandoned whole at the stop, run again
        assert job["result"]["added"] + job["result"]["known"] == 64
        assert len(httpx.get(f"{url}/articles", params={"limit": 1000}, timeout=10).json()) == 64
