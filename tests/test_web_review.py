"""The review API and the review forms of the pages (FastAPI's TestClient) over the chronicle of
test_api.build_chronicle: statuses and errors, the history, an article's own events, the queue,
processing articles again as a job, the ACLED export's review column, who signs a review, and
the event page's form (CSRF, only the fields changed are sent as changes)."""
from __future__ import annotations

import csv
import io
import re
import shutil
import time

import pytest
from fastapi.testclient import TestClient

from letopis.web import create_app
from letopis.web.auth import Access


@pytest.fixture
def client(built, pipeline, tmp_path):
    db = tmp_path / "chronicle.duckdb"
    shutil.copy(built[0], db)
    with TestClient(create_app(db, pipeline=pipeline), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def ids(built):
    return built[1]


def _shooting(client) -> dict:
    [event] = [e for e in client.get("/events", params={"place": "Алматы", "type": "ASSAULT"}).json()
               if any(s["event_id"].startswith("H") for s in e["sources"])]
    return event


def test_review_then_history(client):
    event = _shooting(client)
    answer = client.post(f"/events/{event['id']}/review", json={
        "status": "corrected", "changes": {"fatalities": 26, "location": "Астана"}, "note": "по данным МВД"})
    assert answer.status_code == 200, answer.text
    action = answer.json()
    assert (action["status"], action["reviewer"], action["note"]) == ("corrected", "local", "по данным МВД")
    assert action["changes"] == {"location": "Астана", "fatalities": {"min": 26, "max": 26}}
    after = client.get(f"/events/{event['id']}").json()
    assert (after["fatalities"], after["place"], after["review"]) == (26, "Астана", "corrected")
    [entry] = client.get(f"/events/{event['id']}/history").json()
    assert entry["id"] == action["id"] and len(entry["events"]) == 2  # both sources
    assert {e["before"]["location"] for e in entry["events"]} == {"Алматы"}
    assert client.get("/events/999999/history").status_code == 404


@pytest.mark.parametrize("body, status, reason", [
    ({"status": "corrected", "changes": {"fatalities": "много"}}, 400, "fatalities"),
    ({"status": "corrected", "changes": {"location": "Нигделандия"}}, 400, "unknown place"),
    ({"status": "corrected"}, 400, "changes go with the status corrected"),
    ({"status": "confirmed", "changes": {"fatalities": 3}}, 400, "changes go with the status corrected"),
    ({"status": "approved"}, 422, "status"),
    ({"changes": {}}, 422, "status"),
])
def test_bad_reviews_are_4xx_with_a_reason(client, body, status, reason):
    answer = client.post(f"/events/{_shooting(client)['id']}/review", json=body)
    assert answer.status_code == status and reason in answer.json()["message"]


def test_review_of_an_unknown_event_is_404(client, ids):
    assert client.post("/events/999999/review", json={"status": "confirmed"}).status_code == 404
    assert client.post(f"/articles/{ids['seed']}/events/V999/review", json={"status": "confirmed"}).status_code == 404
    assert client.get(f"/articles/{ids['seed']}/events/V999/history").status_code == 404
    assert client.get("/articles/нет-такой/events").status_code == 404


def test_an_articles_own_events_are_reviewed_one_by_one(client, ids):
    [own] = client.get(f"/articles/{ids['rally']}/events").json()
    assert own["review"] is None and own["chronicle_id"] is not None
    answer = client.post(f"/articles/{ids['rally']}/events/{own['id']}/review", json={"status": "rejected", "note": "шутка"})
    assert answer.status_code == 200
    [after] = client.get(f"/articles/{ids['rally']}/events").json()
    assert after["review"] == "rejected"
    assert own["chronicle_id"] not in {e["id"] for e in client.get("/events").json()}
    [entry] = client.get(f"/articles/{ids['rally']}/events/{own['id']}/history").json()
    assert (entry["status"], entry["note"]) == ("rejected", "шутка")


def test_queue_lists_unreviewed_events_least_confident_first(client):
    queue = client.get("/review/queue").json()
    assert queue["total"] == len(queue["events"]) >= 2 and queue["orphans"] == []
    event = _shooting(client)
    client.post(f"/events/{event['id']}/review", json={"status": "confirmed"})
    after = client.get("/review/queue").json()
    assert after["total"] == queue["total"] - 1 and event["id"] not in {e["id"] for e in after["events"]}
    known = [e["confidence"] for e in after["events"] if e["confidence"] is not None]
    assert known == sorted(known)


def test_acled_export_has_a_review_column_and_leaves_rejected_events_out(client):
    event = _shooting(client)
    client.post(f"/events/{event['id']}/review", json={"status": "corrected", "changes": {"fatalities": 26}})
    rows = list(csv.DictReader(io.StringIO(client.get("/export/acled-csv").text)))
    assert "review" in rows[0]
    [row] = [r for r in rows if r["event_id_cnty"].endswith(str(event["id"]))]
    assert (row["review"], row["fatalities"]) == ("corrected", "26")
    assert {r["review"] for r in rows if r is not row} == {""}
    client.post(f"/events/{event['id']}/review", json={"status": "rejected"})
    rows = list(csv.DictReader(io.StringIO(client.get("/export/acled-csv").text)))
    assert not [r for r in rows if r["event_id_cnty"].endswith(str(event["id"]))]


def test_reprocessing_is_a_job_and_the_reviews_survive_it(client, ids):
    event = _shooting(client)
    client.post(f"/events/{event['id']}/review", json={"status": "corrected", "changes": {"fatalities": 26}})
    ticket = client.post("/articles/reprocess", json={"ids": [ids["seed"], ids["report"], "нет-такой"]})
    assert ticket.status_code == 202
    for _ in range(600):
        job = client.get(ticket.json()["url"]).json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["state"] == "done", job
    assert job["result"]["processed"] == 2 and [e["path"] for e in job["result"]["errors"]] == ["нет-такой"]
    reviewed = [e for e in client.get("/events", params={"type": "ASSAULT"}).json() if e["review"]]
    assert reviewed and all(e["fatalities"] == 26 for e in reviewed)
    assert client.post("/articles/reprocess", json={"ids": []}).status_code == 422


def test_a_review_is_signed_with_the_tokens_name(built, pipeline, tmp_path):
    db = tmp_path / "chronicle.duckdb"
    shutil.copy(built[0], db)
    with TestClient(create_app(db, pipeline=pipeline, access=Access("s3cret", name="Анна")),
                    raise_server_exceptions=False) as client:
        event = _shooting(client)
        assert client.post(f"/events/{event['id']}/review", json={"status": "confirmed"}).status_code == 401
        answer = client.post(f"/events/{event['id']}/review", json={"status": "confirmed"},
                             headers={"Authorization": "Bearer s3cret"})
        assert answer.json()["reviewer"] == "Анна"


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_the_event_page_form_sends_only_what_was_changed(client):
    event = _shooting(client)
    page = client.get(f"/ui/events/{event['id']}")
    assert page.status_code == 200 and "Проверка" in page.text
    form = {"csrf": _csrf(page.text), "status": "corrected", "note": "по данным МВД"}
    for name, shown in re.findall(r'name="was_(\w+)" value="([^"]*)"', page.text):
        form[name] = form[f"was_{name}"] = shown
    assert form["fatalities"] == "20–99" and form["location"] == "Алматы"
    form |= {"fatalities": "26", "location": "Астана"}
    answer = client.post(f"/ui/events/{event['id']}/review", data=form, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/ui/events/{event['id']}"
    [entry] = client.get(f"/events/{event['id']}/history").json()
    assert entry["changes"] == {"location": "Астана", "fatalities": {"min": 26, "max": 26}}
    page = client.get(f"/ui/events/{event['id']}").text
    assert "исправлено" in page and "погибших: 20–99 / 26 → 26" in page and "место: Алматы → Астана" in page


def test_the_event_page_says_what_is_wrong_in_russian(client):
    event = _shooting(client)
    page = client.get(f"/ui/events/{event['id']}").text
    bad = client.post(f"/ui/events/{event['id']}/review", data={
        "csrf": _csrf(page), "status": "corrected", "date": "2022-02-30", "was_date": "2022-01-06"})
    assert bad.status_code == 400 and "такой день должен быть в календаре" in bad.text
    nothing = client.post(f"/ui/events/{event['id']}/review", data={"csrf": _csrf(page), "status": "corrected"})
    assert nothing.status_code == 400 and "Ничего не изменено" in nothing.text
    forged = client.post(f"/ui/events/{event['id']}/review", data={"csrf": "чужой", "status": "rejected"})
    assert forged.status_code == 403
    assert client.get(f"/events/{event['id']}").json()["review"] is None


def test_from_the_queue_a_review_goes_on_to_the_next_event(client):
    queue = client.get("/review/queue").json()["events"]
    first, second = queue[0]["id"], queue[1]["id"]
    page = client.get(f"/ui/events/{first}?from=queue").text
    answer = client.post(f"/ui/events/{first}/review", data={"csrf": _csrf(page), "status": "confirmed",
                                                             "from": "queue"}, follow_redirects=False)
    assert answer.headers["location"] == f"/ui/events/{second}?from=queue"


def test_the_article_page_confirms_and_rejects_its_events(client, ids):
    page = client.get(f"/ui/articles/{ids['report']}").text
    answer = client.post(f"/ui/articles/{ids['report']}/events/H1/review",
                         data={"csrf": _csrf(page), "status": "confirmed"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].endswith("?event=H1")
    assert client.get(f"/articles/{ids['report']}/events").json()[0]["review"] == "confirmed"


def test_the_event_page_says_each_claim_in_russian(client, ids):
    event = _shooting(client)
    page = client.get(f"/ui/events/{event['id']}").text
    claims = re.findall(r'<div class="claim-line">Утверждение: ([^<]*)</div>', page)
    assert "Насилие: убийство; 6 января 2022; Алматы; погибших: 20–99 («десятки»); " \
           "со слов источника: Салтанат Азирбек" in [c.replace("&#34;", '"') for c in claims]
    shown = re.sub(r"<script.*?</script>|<[^>]+>", " ", page, flags=re.S)  # the text, not the markup
    assert not re.search(r"ASSAULT|kill|reported|according to|fatalities", shown)
