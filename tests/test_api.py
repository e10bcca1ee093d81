"""The REST API of `letopis serve` (FastAPI's TestClient) over a chronicle built from Russian text.

Events are added by hand to the processed articles where the pipeline finds none, so the event
routes have something to serve whatever the events stage does; they go through the real write
path (Chronicle.ingest), merge and search index.
"""
from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
from pathlib import Path

import pytest

from letopis import cleanup
from letopis.chronicle import Chronicle
from letopis.ingest import parse_text, read_path
from letopis.pipeline import Pipeline
from letopis.records import Article, Count, Event, Participant

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "<script>alert(1)</script>"

# A second report of the seed's shooting, with another figure: the chronicle keeps both claims.
REPORT = ("date 2022-01-07\nВ Алматы 6 января в ходе антитеррористической операции были убиты "
          "26 человек, сообщило МВД Казахстана. По данным ведомства, задержаны более трёх тысяч человек.")
# Untrusted markup inside an article must show as text.
RALLY = (f"date 2022-01-08\nВ Астане прошёл митинг {SCRIPT} у здания акимата. "
         "Участники требовали отставки правительства, сообщает агентство «Интерфакс».")


def _sentence(article: Article, words: str) -> tuple[int, int]:
    return next((s.start, s.stop) for s in article.sentences if words in article.text[s.start:s.stop])


def _entity(article: Article, type_: str, part: str) -> str | None:
    return next((e.id for e in article.entities if e.type == type_ and part in e.name), None)


def _event(article: Article, words: str, **fields) -> Event:
    start, stop = _sentence(article, words)
    return Event(id=f"H{len(article.events) + 1}", start=start, stop=stop, **fields)


def long_line() -> Article:
    """A 1 MB article on one line, with markup in it; only cleanup runs (the full pipeline takes
    minutes on a megabyte), which is all the article view needs to render it."""
    parts, size = [], 0
    while size < 1_000_000:
        part = f"Жители Алматы сообщают о перестрелках {SCRIPT} в квартале {len(parts) + 1}. "
        parts.append(part)
        size += len(part.encode("utf-8"))
    return cleanup.clean(parse_text("".join(parts), id="long-line", published="2022-01-09"))


def build_chronicle(db_path: Path, pipeline: Pipeline) -> dict[str, str]:
    """The seed article, a second report of its shooting and a rally with markup in it, each with
    an event added by hand; and the 1 MB line. Returns the article ids by role."""
    [seed] = [a for a in read_path(ROOT / "samples" / "000_68c99dab9954aa43.txt")]
    report = parse_text(REPORT, id="report", path="report.txt")
    report.outlet = "Тестовое агентство"
    rally = parse_text(RALLY, id="rally", path="rally.txt")
    seed, report, rally = pipeline.run([seed, report, rally])
    for article in (seed, report, rally):  # known events only, so that the API's answers are exact
        article.events = []
    seed.events.append(_event(
        seed, "ликвидированы десятки", type="ASSAULT", mode="kill", date="2022-01-06", date_grain="day",
        location=_entity(seed, "LOC", "Алмат"), actor=Participant("силовики", None, 1),
        target=Participant("человек"), fatalities=Count(20, 99, "десятки"), modality="reported",
        source={"speaker": _entity(seed, "PER", "Азирбек"), "via": [v for v in [_entity(seed, "ORG", "Хабар")] if v]}))
    report.events.append(_event(
        report, "26 человек", type="ASSAULT", mode="kill", date="2022-01-06", date_grain="day",
        location=_entity(report, "LOC", "Алмат"), actor=Participant("силовики", None, 1),
        target=Participant("человек"), fatalities=Count(26, 26, "26 человек"), modality="reported",
        source={"speaker": _entity(report, "ORG", "МВД"), "via": []}))
    rally.events.append(_event(
        rally, "митинг", type="PROTEST", mode="demo", date="2022-01-08", date_grain="day",
        location=_entity(rally, "LOC", "Астан"), actor=Participant("участники", None, 6)))
    with Chronicle(db_path) as chronicle:
        chronicle.ingest([seed, report, rally, long_line()])
    return {"seed": seed.id, "report": report.id, "rally": rally.id, "long": "long-line"}


@pytest.fixture(scope="module")
def client(built, pipeline):
    from fastapi.testclient import TestClient
    from letopis.web import create_app
    with TestClient(create_app(built[0], pipeline=pipeline), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def ids(built) -> dict[str, str]:
    return built[1]


def _shooting(client) -> dict:
    [event] = [e for e in client.get("/events", params={"place": "Алматы", "type": "ASSAULT"}).json()
               if any(s["event_id"].startswith("H") for s in e["sources"])]
    return event


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/articles", "/articles/{article_id}", "/events", "/events/{event_id}", "/entities",
                 "/entities/{name}", "/quotes", "/search", "/export/{fmt}", "/graph"):
        assert path in paths
    assert "post" in paths["/articles"]


def test_swagger_ui_loads_only_local_assets(client):
    page = client.get("/docs").text
    assert "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page


def test_articles_list_and_filter_by_date(client, ids):
    listed = {a["id"] for a in client.get("/articles").json()}
    assert set(ids.values()) <= listed
    january_7 = {a["id"] for a in client.get("/articles", params={"from": "2022-01-07", "to": "2022-01-07"}).json()}
    assert ids["report"] in january_7 and ids["rally"] not in january_7
    assert ids["seed"] in january_7  # published 2022-01: the month holds the 7th


def test_article_record_follows_the_schema(client, ids):
    record = client.get(f"/articles/{ids['seed']}").json()
    assert record["published"] == "2022-01"
    names = {e["name"] for e in record["entities"]}
    assert {"Алматы", "Касым-Жомарт Токаев"} <= names
    for entity in record["entities"]:
        for start, stop in entity["mentions"]:
            assert 0 <= start < stop <= len(record["text"])


def test_unknown_article_is_a_typed_404(client):
    answer = client.get("/articles/нет-такой")
    assert answer.status_code == 404
    assert answer.json() == {"error": "not_found", "status": 404, "message": "no article 'нет-такой'"}


def test_two_reports_make_one_disputed_event(client, ids):
    event = _shooting(client)
    assert event["date"] == "2022-01-06" and event["place"] == "Алматы"
    assert {ids["seed"], ids["report"]} <= {s["article"] for s in event["sources"]}
    assert event["disputed"] is True
    assert event["fatalities"] == 20  # the lowest figure any source gives
    assert client.get(f"/events/{event['id']}").json()["id"] == event["id"]


@pytest.mark.parametrize("params, holds", [
    ({"type": "PROTEST"}, lambda e: e["type"] == "PROTEST"),
    ({"type": "ASSAULT/kill"}, lambda e: (e["type"], e["mode"]) == ("ASSAULT", "kill")),
    ({"from": "2022-01-08"}, lambda e: e["date_to"] >= "2022-01-08"),
    ({"to": "2022-01-07"}, lambda e: e["date_from"] <= "2022-01-07"),
    ({"place": "Казахстан"}, lambda e: e["country"] == "KZ"),
    ({"actor": "силовики"}, lambda e: e["actor"]["text"] == "силовики"),
])
def test_event_filters(client, params, holds):
    found = client.get("/events", params=params).json()
    assert found and all(holds(e) for e in found)


def test_event_filters_exclude(client):
    assert client.get("/events", params={"place": "Париж"}).json() == []
    assert client.get("/events", params={"from": "2023"}).json() == []
    assert all(e["type"] != "PROTEST" for e in client.get("/events", params={"actor": "силовики"}).json())


@pytest.mark.parametrize("params, reason", [
    ({"from": "2022-13-01"}, "no such calendar date"),
    ({"to": "вчера"}, "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"limit": "0"}, "limit"),
])
def test_bad_filters_are_4xx_with_a_reason(client, params, reason):
    answer = client.get("/events", params=params)
    assert 400 <= answer.status_code < 500
    assert reason in answer.json()["message"]


def test_unknown_event_is_404(client):
    assert client.get("/events/999999").status_code == 404
    assert client.get("/events/abc").status_code == 422


def test_entities_and_entity_by_any_case_form(client, ids):
    listed = client.get("/entities", params={"type": "PER"}).json()
    assert listed and all(e["type"] == "PER" for e in listed)
    [tokayev] = client.get("/entities/Токаева").json()
    assert tokayev["name"] == "Касым-Жомарт Токаев"
    assert ids["seed"] in {m["article"] for m in tokayev["mentions"]}
    assert client.get("/entities/Никтоневстречался").status_code == 404


def test_quotes_by_speaker(client, ids):
    quotes = client.get("/quotes", params={"speaker": "Азирбек"}).json()
    assert quotes and all(q["speaker"] == "Салтанат Азирбек" or "Азирбек" in (q["speaker_text"] or "")
                          for q in quotes)
    assert any("ликвидированы десятки" in q["text"] for q in quotes)
    direct = client.get("/quotes", params={"article": ids["seed"], "kind": "direct"}).json()
    assert direct and all(q["kind"] == "direct" and q["article"] == ids["seed"] for q in direct)


def test_search_finds_word_forms(client, ids):
    found = client.get("/search", params={"q": "Токаеву"}).json()
    assert ids["seed"] in {r["article"] for r in found}
    events = client.get("/search", params={"q": "убиты", "kind": "event"}).json()
    assert ids["report"] in {r["article"] for r in events} and {r["kind"] for r in events} == {"event"}
    assert client.get("/search", params={"q": ""}).status_code == 422
    assert client.get("/search", params={"q": "Алматы", "kind": "tweet"}).status_code == 400


def test_graph_has_quoted_edges(client):
    graph = client.get("/graph").json()
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    quoted = {(names[e["source"]], names[e["target"]]) for e in graph["edges"] if e["kind"] == "quoted"}
    assert ("Хабар 24", "Салтанат Азирбек") in quoted


def test_exports(client):
    geo = client.get("/export/geojson", params={"type": "ASSAULT"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert features and all(f["properties"]["type"] == "ASSAULT" for f in features)
    rows = list(csv.DictReader(io.StringIO(client.get("/export/acled-csv").text)))
    assert any(r["event_type"] == "Protests" for r in rows)
    lines = client.get("/export/jsonl").text.splitlines()
    assert len(lines) == len(client.get("/events").json())
    assert client.get("/export/parquet").content[:4] == b"PAR1"
    assert client.get("/export/xlsx").status_code == 400


def test_post_json_runs_the_pipeline_and_stores(client):
    body = {"text": "Президент Казахстана Касым-Жомарт Токаев 11 января назначил Алихана Смаилова "
                    "премьер-министром.", "published": "2022-01-11", "title": "Новый премьер",
            "outlet": "Тест", "url": "https://example.org/a"}
    answer = client.post("/articles", json=body)
    assert answer.status_code == 201
    [stored] = answer.json()["articles"]
    record = client.get(f"/articles/{stored['id']}").json()
    assert record["title"] == "Новый премьер" and record["published"] == "2022-01-11"
    assert "Алихан Смаилов" in {e["name"] for e in record["entities"]}
    assert {"value": "2022-01-11"}.items() <= record["times"][0].items()
    again = client.post("/articles", json=body)
    assert again.status_code == 200 and again.json()["articles"][0]["known"] is True


def test_post_upload_in_every_format(client):
    text = "date 2022-01-05\nВ Актобе прошёл митинг у здания областного акимата."
    plain = client.post("/articles", files={"file": ("aktobe.txt", text.encode("cp1251"), "text/plain")})
    assert plain.status_code == 201
    [stored] = plain.json()["articles"]
    assert stored["id"] == "aktobe"
    assert client.get("/articles/aktobe").json()["published"] == "2022-01-05"
    lines = "\n".join(json.dumps({"id": f"j{i}", "published": "2022-01-06", "text": t}, ensure_ascii=False)
                      for i, t in enumerate(["В Шымкенте задержаны участники беспорядков.",
                                             "В Таразе введён комендантский час."]))
    packed = client.post("/articles", files={"file": ("batch.jsonl.gz", gzip.compress(lines.encode()), "application/gzip")})
    assert packed.status_code == 201
    assert {a["id"] for a in packed.json()["articles"]} == {"j0", "j1"}


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"   \n", "empty file"),
    ("bad.txt", b"date 2022-02-30\n\xd0\x92 \xd0\x90", "no such calendar date"),
    ("broken.gz", b"\x1f\x8b\x08\x00garbage", "broken gzip file"),
    ("lines.jsonl", b'{"title": "no text"}\n', "string field 'text'"),
    ("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
])
def test_malformed_upload_is_400_with_reason(client, name, data, reason):
    answer = client.post("/articles", files={"file": (name, data, "application/octet-stream")})
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_request" and reason in answer.json()["message"]


@pytest.mark.parametrize("kwargs, status, reason", [
    ({"json": {"published": "2022"}}, 422, "text"),
    ({"json": {"text": "Текст", "published": "январь"}}, 400, "malformed published date"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "JSON"),
    ({"data": {"text": "без файла"}}, 415, "multipart/form-data"),
    ({"files": {"other": ("a.txt", b"text")}}, 400, "field 'file'"),
    ({"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}}, 400, "file"),
])
def test_bad_post_bodies(client, kwargs, status, reason):
    answer = client.post("/articles", **kwargs)
    assert answer.status_code == status, answer.text
    assert reason in answer.json()["message"]


def test_upload_over_the_cap_is_413(client):
    big = b"\xd0\x90" * (1024 * 1024 + 1)  # 2 MiB + 2 bytes of Cyrillic
    answer = client.post("/articles", files={"file": ("big.txt", big, "text/plain")})
    assert answer.status_code == 413 and answer.json()["error"] == "too_large"


def test_markup_in_articles_is_escaped(client, ids):
    for article_id in (ids["rally"], ids["long"]):
        page = client.get(f"/ui/articles/{article_id}")
        assert page.status_code == 200
        assert SCRIPT not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
    stored = client.get(f"/articles/{ids['long']}").json()["text"]
    assert len(stored.encode("utf-8")) >= 1_000_000 and "\n" not in stored
    long_page = client.get(f"/ui/articles/{ids['long']}").text
    text = long_page.split('id="article-text">', 1)[1].split("</article>", 1)[0]
    assert text.count("&lt;script&gt;alert(1)&lt;/script&gt;") == stored.count(SCRIPT)


def test_pages_render_in_russian(client, ids):
    event = _shooting(client)
    for url, words in [("/ui/", "Хронология событий"), ("/ui/map", "Карта событий"),
                       ("/ui/graph", "Связи между участниками"), ("/ui/articles", "Статьи"),
                       (f"/ui/events/{event['id']}", "Цифры расходятся"),
                       ("/ui/entities/Токаев", "Упоминания"), ("/ui/search?q=Токаев", "Найдено: ")]:
        page = client.get(url)
        assert page.status_code == 200 and words in page.text, url
    missing = client.get("/ui/events/999999")
    assert missing.status_code == 404 and "не найдено" in missing.text


def test_filtered_timeline_partial(client):
    part = client.get("/ui/events-list", params={"type": "PROTEST"}).text
    items = json.loads(html.unescape(part.split("data-items='", 1)[1].split("'", 1)[0]))
    assert items and {i["type"] for i in items} == {"PROTEST"}
    assert all(i["label"] == "Протест" for i in items)
    wrong = client.get("/ui/events-list", params={"from": "2022-02-30"})
    assert wrong.status_code == 200 and "такого дня в календаре нет" in wrong.text and "<html" not in wrong.text


def test_the_timeline_draws_a_window_of_a_long_chronicle_and_counts_it_whole(client, monkeypatch):
    from letopis.web import pages
    whole = client.get("/ui/events-list").text
    total = int(re.search(r"Событий: (\d+)", whole).group(1))
    assert total >= 2 and "class=\"drawn\"" not in whole
    monkeypatch.setattr(pages, "PAGE", 1)
    monkeypatch.setattr(pages, "WINDOW", 1)
    second = client.get("/ui/events-list", params={"page": 2}).text
    assert f"Событий: {total}" in second and f"события 2–2 из {total}" in second
    assert re.findall(r'id="toll">(\d+)', second) == re.findall(r'id="toll">(\d+)', whole)
    [items] = re.findall(r"data-items='([^']*)'", second)
    assert len(json.loads(html.unescape(items))) == 1


@pytest.mark.parametrize("page, pages, shown", [
    (1, 1, [1]),
    (1, 9, [1, 2, 3, 4, None, 9]),
    (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    (1000, 2200, [1, None, 997, 998, 999, 1000, 1001, 1002, 1003, None, 2200]),
    (2200, 2200, [1, None, 2197, 2198, 2199, 2200]),
])
def test_a_long_list_links_a_window_of_pages(page, pages, shown):
    from letopis.web.pages import page_numbers
    assert page_numbers(page, pages) == shown


def test_the_pages_nav_leaves_out_far_pages(client, monkeypatch):
    from letopis.web import pages
    total = int(re.search(r"Событий: (\d+)", client.get("/ui/events-list").text).group(1))
    monkeypatch.setattr(pages, "PAGE", 1)
    monkeypatch.setattr(pages, "NEAR", 0)
    text = client.get("/ui/events-list", params={"page": 2}).text
    [nav] = re.findall(r'<nav class="pages".*?</nav>', text, re.S)
    linked = [int(n) for n in re.findall(r">(\d+)</(?:a|b)>", nav)]
    assert linked == sorted({1, 2, total}) and ("…" in nav) == (total > 3)


def test_a_place_filtered_timeline_draws_the_events_its_counts_hold(client, monkeypatch):
    """With a place filter the page refines the place once (the summary's ids) and draws a window of
    those events, the same as the unwindowed page."""
    from letopis.web import pages
    whole = client.get("/ui/events-list", params={"place": "Казахстан"}).text
    total = int(re.search(r"Событий: (\d+)", whole).group(1))
    assert total >= 2
    monkeypatch.setattr(pages, "PAGE", 1)
    monkeypatch.setattr(pages, "WINDOW", 1)
    drawn = []
    for page in range(1, total + 1):
        text = client.get("/ui/events-list", params={"place": "Казахстан", "page": page}).text
        assert f"Событий: {total}" in text
        [items] = re.findall(r"data-items='([^']*)'", text)
        drawn += [item["id"] for item in json.loads(html.unescape(items))]
    [items] = re.findall(r"data-items='([^']*)'", whole)
    assert drawn == [item["id"] for item in json.loads(html.unescape(items))]
