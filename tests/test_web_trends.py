"""`GET /trends`, `GET /trends/spikes` and the page /ui/trends (letopis.web.trends) over the
made-up chronicle of ten weeks (tests/ten_weeks.py), with FastAPI's TestClient."""
from __future__ import annotations

import html
import json
import re
import shutil

import pytest

import ten_weeks
from letopis.chronicle import Chronicle

SUDDEN = ten_weeks.SUDDEN_WEEK.isoformat()


@pytest.fixture(scope="module")
def db(ten_weeks_db, tmp_path_factory):
    copy = tmp_path_factory.mktemp("web-trends") / "chronicle.duckdb"
    shutil.copy(ten_weeks_db, copy)
    return copy


@pytest.fixture(scope="module")
def client(db, pipeline):
    from fastapi.testclient import TestClient
    from letopis.web import create_app
    with TestClient(create_app(db, pipeline=pipeline), raise_server_exceptions=False) as client:
        yield client


def test_trends_route_answers_what_the_python_api_does(client, ten_weeks_db):
    params = {"by": "region", "window": "week", "type": "protest", "from": "2024-02"}
    answered = client.get("/trends", params=params).json()
    with Chronicle(ten_weeks_db, read_only=True) as chronicle:  # the file the served one copies
        assert answered == chronicle.trends(by="region", window="week", type="protest", date_from="2024-02-01")
    assert [(r["place"], r["period"]) for r in answered if r["spike"]] == [("Свердловская область", SUDDEN)]


def test_spikes_route_lists_the_current_spikes_newest_first(client):
    assert [(r["place"], r["period"], r["count"]) for r in client.get("/trends/spikes").json()] == \
        [("Екатеринбург", SUDDEN, 6)]
    by_country = client.get("/trends/spikes", params={"by": "country", "type": "protest"}).json()
    assert [r["place"] for r in by_country] == ["Россия"]
    # before the sudden week nothing was unusual
    assert client.get("/trends/spikes", params={"to": "2024-03-03", "recent": 9}).json() == []


@pytest.mark.parametrize("path, params, status, says", [
    ("/trends", {"by": "city"}, 422, "by"),
    ("/trends/spikes", {"window": "year"}, 422, "window"),
    ("/trends/spikes", {"recent": "0"}, 422, "recent"),
    ("/trends", {"from": "2024-13-01"}, 400, "no such calendar date"),
])
def test_bad_parameters_are_4xx_with_a_reason(client, path, params, status, says):
    answer = client.get(path, params=params)
    assert answer.status_code == status and says in answer.json()["message"]


def test_openapi_documents_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/trends", "/trends/spikes"} <= set(paths)
    assert {p["name"] for p in paths["/trends"]["get"]["parameters"]} == {"by", "window", "type", "from", "to"}


def _cards(page: str) -> list[tuple[str, str]]:
    return [(html.unescape(place), spikes) for place, spikes in
            re.findall(r'<li class="multiple[^"]*" data-place="([^"]+)"\s+data-spikes="([^"]*)"', page)]


def test_page_puts_the_sudden_week_first_and_flags_only_it(client):
    page = client.get("/ui/trends", params={"type": "protest"}).text
    assert _cards(page) == [("Екатеринбург", SUDDEN), ("Казань", ""), ("Караганда", "")]
    assert 'href="/ui/?place=%D0%95%D0%BA%D0%B0%D1%82%D0%B5%D1%80%D0%B8%D0%BD%D0%B1%D1%83%D1%80%D0%B3&amp;type=protest"' in page
    data = json.loads(html.unescape(re.search(r'<script type="application/json" id="trend-data">(.*?)</script>',
                                              page, re.S).group(1)))
    assert {(c["place"], c["shape"], c["spike"]) for c in data["countries"]} == \
        {("Россия", "643", True), ("Казахстан", "398", False)}  # world-atlas names shapes by ISO numeric
    assert {r["place"] for r in data["regions"]} == \
        {"Свердловская область", "Республика Татарстан", "Карагандинская область"}
    assert all(r["period"] == SUDDEN for r in data["countries"] + data["regions"])
    assert "/vendor/uplot/dist/uPlot.iife.min.js" in page


def test_page_by_country_and_empty(client):
    page = client.get("/ui/trends", params={"by": "country"}).text
    assert _cards(page) == [("Россия", SUDDEN), ("Казахстан", "")]
    empty = client.get("/ui/trends", params={"type": "ASSAULT"})
    assert empty.status_code == 200 and "Нет датированных событий" in empty.text
    assert client.get("/ui/trends", params={"from": "вчера"}).status_code == 400
