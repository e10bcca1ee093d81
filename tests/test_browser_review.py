"""The analyst's workbench in a real browser (Playwright driving Debian's chromium against the app
on 127.0.0.1) over a chronicle of the seed article (samples/) and the short made-up reports of
tests/fixtures/reports.jsonl, run through the pipeline. The review flow (confirm, correct the toll and
the place, reject; reload; the article uploaded again and processed again; the export), the
queue and its keyboard path, filters kept in the URL, the honest map, the phone layout, and no
code word of the API or raw inflected actor in the Russian pages."""
from __future__ import annotations

import csv
import json
import re
import shutil
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from test_browser import _serving, browser, expect, page  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
# Codes the API keeps that a person must never read on a page of the Russian interface.
CODES = set("""AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST
SANCTION MOBILIZE COERCE ASSAULT PER ORG LOC kill firearms explosives aerial beat destroy crowd-control
abduct seize restrict censor curfew martial-law arrest deport withhold cyber demo riot strike hunger
boycott obstruct vandalize withdraw release disarm ceasefire resign meeting visit phone humanitarian
military asserted reported uncertain future negated confirmed corrected rejected partly day week month
year city region country district None null true false""".split())
PAGES = ["/ui/", "/ui/map", "/ui/trends", "/ui/graph", "/ui/articles", "/ui/review", "/ui/search?q=Алматы",
         "/ui/entities/Алматы", "/ui/upload"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, pipeline) -> Path:
    from letopis.chronicle import Chronicle
    db = tmp_path_factory.mktemp("workbench") / "chronicle.duckdb"
    with Chronicle(db) as chronicle:
        report = chronicle.ingest_paths([ROOT / "samples", ROOT / "tests" / "fixtures" / "reports.jsonl"],
                                        pipeline=pipeline)
        assert report.added == 9 and not report.failed
    return db


@pytest.fixture
def server(demo_db, pipeline, tmp_path):
    """The app over a copy of the demo chronicle, for one test to change."""
    db = tmp_path / "chronicle.duckdb"
    shutil.copy(demo_db, db)
    with _serving(db, pipeline) as base:
        yield base


def _json(url: str, body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(urllib.parse.quote(url, safe=":/?&=%+"), data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


def _wait_job(base: str, ticket: dict) -> dict:
    for _ in range(600):
        job = _json(base + ticket["url"])
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {ticket} did not end")


def _shooting(base: str) -> dict:
    [event] = [e for e in _json(f"{base}/events?type=ASSAULT/firearms&place=Алматы")
               if e["fatalities"] == 8]
    return event


def test_review_flow_confirm_correct_reject_reload_reingest_export(server, page, tmp_path):
    base = server
    event = _shooting(base)
    page.goto(f"{base}/ui/events/{event['id']}")
    expect(page.locator("#review-state")).to_have_text("не проверено")
    page.get_by_role("button", name="Подтвердить").click()
    expect(page.locator("#review-state")).to_have_text("подтверждено")
    # correct the toll and the place inline
    page.locator("#edit summary").click()
    page.locator("input[name=fatalities]").fill("10")
    page.locator("input[name=location]").fill("Шымкент")
    page.locator("textarea[name=note]").fill("по данным больниц")
    page.get_by_role("button", name="Сохранить исправление").click()
    expect(page.locator("#review-state")).to_have_text("исправлено")
    expect(page.locator("#fact-fatalities")).to_have_text("10")
    expect(page.locator("h1")).to_contain_text("Шымкент")
    expect(page.locator("#history li")).to_have_count(2)
    expect(page.locator("#history li").nth(1)).to_contain_text("погибших: 8+ → 10")
    page.shot("corrected")
    # reject another event: it leaves the timeline
    [request] = [e for e in _json(f"{base}/events?type=REQUEST") if e["sentence"].startswith("Участники требовали")]
    page.goto(f"{base}/ui/events/{request['id']}")
    page.get_by_role("button", name="Отклонить").click()
    expect(page.locator("#review-state")).to_have_text("отклонено")
    page.goto(f"{base}/ui/")
    expect(page.locator(f'.event-list a[href="/ui/events/{request["id"]}"]')).to_have_count(0)
    # reload: everything stays
    page.goto(f"{base}/ui/events/{event['id']}")
    page.reload()
    expect(page.locator("#fact-fatalities")).to_have_text("10")
    # the same article uploaded again is known; processed again, its review is applied again
    source = next(line for line in (ROOT / "tests" / "fixtures" / "reports.jsonl").read_text("utf-8").splitlines()
                  if '"almaty-shooting"' in line)
    (tmp_path / "again.jsonl").write_text(source, encoding="utf-8")
    page.goto(f"{base}/ui/upload")
    page.set_input_files("input[name=file]", str(tmp_path / "again.jsonl"))
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("#job-state")).to_have_text("готово", timeout=60_000)
    expect(page.locator("ul.stored .badge")).to_have_text("уже была")
    job = _wait_job(base, _json(f"{base}/articles/reprocess", {"ids": ["almaty-shooting"]}))
    assert job["state"] == "done" and job["result"]["processed"] == 1
    [again] = [e for e in _json(f"{base}/events?place=Шымкент") if e["type"] == "ASSAULT"]
    assert (again["fatalities"], again["review"]) == (10, "corrected")
    page.goto(f"{base}/ui/events/{again['id']}")
    expect(page.locator("#fact-fatalities")).to_have_text("10")
    expect(page.locator("#history li")).to_have_count(2)
    # the export of the timeline's filter carries the review and leaves the rejected event out
    page.goto(f"{base}/ui/?type=ASSAULT")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV (ACLED)").click()
    rows = list(csv.DictReader(Path(download.value.path()).read_text("utf-8").splitlines()))
    assert {r["event_type"] for r in rows} <= {"Battles", "Violence against civilians", "Explosions/Remote violence"}
    [row] = [r for r in rows if r["review"]]
    assert (row["location"], row["fatalities"], row["review"]) == ("Шымкент", "10", "corrected")
    assert all(r["event_id_cnty"][3:] != str(request["id"]) for r in rows)


def test_queue_keyboard_path(server, page):
    base = server
    queue = _json(f"{base}/review/queue")
    first, second, third = [e["id"] for e in queue["events"][:3]]
    assert queue["events"][0]["confidence"] <= queue["events"][1]["confidence"]  # least confident first
    page.goto(f"{base}/ui/review")
    expect(page.locator("#queue-count")).to_have_text(f"Не проверено: {queue['total']}")
    expect(page.locator("#queue a.open-event").first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/ui/events/{first}\?from=queue$"))
    page.keyboard.press("y")  # confirm: on to the next
    page.wait_for_url(re.compile(rf"/ui/events/{second}\?from=queue$"))
    page.keyboard.press("x")  # reject
    page.wait_for_url(re.compile(rf"/ui/events/{third}\?from=queue$"))
    page.keyboard.press("e")  # edit: the toll field has the focus
    expect(page.locator("input[name=fatalities]")).to_be_focused()
    page.keyboard.type("3")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(lambda url: f"/ui/events/{third}?" not in url)
    assert [_json(f"{base}/events/{i}/history")[0]["status"] for i in (first, second, third)] == \
        ["confirmed", "rejected", "corrected"]
    page.goto(f"{base}/ui/review")
    expect(page.locator("#queue-count")).to_have_text(f"Не проверено: {queue['total'] - 3}")


def test_filters_are_kept_in_the_url(server, page):
    base = server
    page.goto(f"{base}/ui/")
    page.select_option("select[name=type]", "PROTEST")
    page.wait_for_url(re.compile(r"\?type=PROTEST$"))
    page.locator("input[name=actor]").press_sequentially("протестующих", delay=20)  # no Enter: as one types
    page.wait_for_url(re.compile(r"actor=%D0%BF%D1%80%D0%BE%D1%82%D0%B5%D1%81%D1%82%D1%83%D1%8E%D1%89%D0%B8%D1%85"))
    expect(page.locator(".event-list li a")).to_have_count(1)  # «Протестующие перекрыли дорогу»
    shown = page.locator(".event-list li").inner_text()
    shared = page.url
    page.goto(f"{base}/ui/map")
    page.goto(shared)  # a shared link opens on the same filter
    expect(page.locator("select[name=type]")).to_have_value("PROTEST")
    expect(page.locator("input[name=actor]")).to_have_value("протестующих")
    assert page.locator(".event-list li").inner_text() == shown
    expect(page.locator(".downloads a").first).to_have_attribute("href", re.compile(r"type=PROTEST&actor="))


def test_actor_filter_by_any_word_form(server):
    one = {e["id"] for e in _json(f"{server}/events?actor=митингующие")}
    other = {e["id"] for e in _json(f"{server}/events?actor=митингующих")}
    assert one and one == other  # «митингующие» and «митингующих»


def test_timeline_points_for_coarse_dates_counts_and_toll(server, page):
    page.goto(f"{server}/ui/")
    expect(page.locator(".vis-item.vis-point.grain-year")).to_have_count(1)  # «В 2022 году в Шымкенте …»
    expect(page.locator(".vis-item.vis-point.grain-year")).to_contain_text("весь год")
    expect(page.locator(".vis-item.vis-range")).to_have_count(0)  # no period drawn as a bar
    events = _json(f"{server}/events")
    expect(page.locator("p.count")).to_have_text(f"Событий: {len(events)}")
    expect(page.locator("#toll")).to_have_text(str(sum(e["fatalities"] or 0 for e in events)))
    assert page.locator(".by-type li").count() == len({e["type"] for e in events})
    # the view opens on the week most events are in, not on the year-long one from January 1
    window = page.evaluate("(() => { const r = document.querySelector('.vis-panel.vis-center').getBoundingClientRect();"
                           " return r.width; })()")
    assert window > 0
    labels = page.locator(".vis-item.vis-box .vis-item-content").all_inner_texts()
    assert any("Алматы" in t for t in labels)


def test_map_is_honest_about_places(server, page):
    page.goto(f"{server}/ui/map")
    expect(page.locator("#map[data-drawn]")).to_be_attached()
    events = _json(f"{server}/events")
    unlocated = [e for e in events if e["lat"] is None]
    expect(page.locator("#unlocated summary")).to_contain_text(f"{len(unlocated)} событ")
    expect(page.locator("#unlocated summary")).to_contain_text("не на карте")
    expect(page.locator(".leaflet-land-pane path.event-area")).to_have_count(1)  # Kazakhstan, for its state of emergency
    assert page.locator("path.event-region").count() >= 1  # Мангистауская область: a dashed ring
    assert page.locator(".marker-cluster").count() >= 1  # Almaty's events gathered
    expect(page.locator("#map-legend")).to_contain_text("Насилие")
    expect(page.locator("#map-legend")).to_contain_text("погибших: 100")
    shown = int(page.locator("#map").get_attribute("data-shown"))
    page.locator("#map-date").fill("0")  # the slider at the first day
    assert int(page.locator("#map").get_attribute("data-shown")) < shown
    expect(page.locator("#map-date-text")).to_contain_text("по 2022-01-0")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z-]*", text))


@pytest.mark.parametrize("width", [1400, 390])
def test_no_code_word_or_inflected_actor_in_the_russian_pages(server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = context.new_page()
    events = _json(f"{server}/events")
    paths = PAGES + [f"/ui/events/{e['id']}" for e in events] + \
        [f"/ui/articles/{a['id']}" for a in _json(f"{server}/articles")]
    try:
        for path in paths:
            page.goto(server + path)
            page.wait_for_load_state("load")
            found = _words(page.locator("body").inner_text()) & CODES
            assert not found, f"{path} shows {found}"
        # actors and targets in the nominative («протестующим» is shown as «протестующие»), or
        # the entity's name; never the words as inflected in the sentence
        inflected = [(e, side) for e in events for side in ("actor", "target")
                     if e[side]["text"] and e[side]["text"] not in e[side]["name"]]
        assert len(inflected) >= 3
        page.goto(f"{server}/ui/")
        sides = " ".join(page.locator(".event-list .sides").all_inner_texts())
        for event, side in inflected:
            assert f" {event[side]['text']} " not in f" {sides} ".replace("→", " ")
            page.goto(f"{server}/ui/events/{event['id']}")
            expect(page.locator(f"#fact-{side}")).to_have_text(re.compile("^" + re.escape(event[side]["name"])))
    finally:
        context.close()


def test_phone_layout(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU", has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/ui/")
        page.locator(".vis-item.event-item").first.wait_for()
        assert page.evaluate("document.getElementById('filter-box').open") is False  # folded away
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.locator("#filter-box summary").click()
        expect(page.locator("select[name=type]")).to_be_visible()
        page.goto(f"{server}/ui/articles/almaty-clashes")
        word = page.locator("#article-text .ann.ent").first
        word.tap()
        expect(page.locator("#note.floating")).to_be_visible()
        box, card = word.bounding_box(), page.locator("#note").bounding_box()
        assert 0 <= card["y"] - (box["y"] + box["height"]) < 40  # beside the word, not under the whole text
        expect(page.locator("#note h3").first).to_have_text("Алматы · Место")  # named, never «Сущность E1»
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_search_one_hit_per_sentence_marked_and_counted(server, page):
    page.goto(f"{server}/ui/search")
    assert "например:" in page.locator("main input[name=q]").get_attribute("placeholder")
    page.locator("main input[name=q]").fill("захватили аэропорт")
    page.locator("main input[name=q]").press("Enter")
    expect(page.locator("#hit-count")).to_have_text(re.compile(r"Найдено: \d+"))
    hits = page.locator("ol.results li")
    texts = [(h.locator("a").first.get_attribute("href").split("?")[0], h.locator(".snippet").inner_text())
             for h in hits.all()]
    assert len(texts) == len(set(texts))  # two events of one sentence are one hit
    assert int(page.locator("#hit-count").inner_text().split(":")[1]) == len(texts)
    assert {m.lower() for m in page.locator("ol.results mark").all_inner_texts()} >= {"захватили", "аэропорт"}
    assert "000_68c99dab9954aa43" not in page.locator("ol.results").inner_text()  # titles, not ids


def test_article_layers_and_named_cards(server, page):
    page.goto(f"{server}/ui/articles/almaty-shooting")
    expect(page.locator("h1")).to_have_text("Стрельба на площади Республики")
    expect(page.locator(".meta a.url")).to_have_attribute("href", re.compile("example.org"))
    page.locator("#article-text .ann.event").first.hover()
    titles = page.locator("#note h3").all_inner_texts()
    assert titles and all(not re.search(r"\b[EVTQ]\d+\b", t) for t in titles)
    page.locator('#layers input[data-layer="event"]').uncheck()
    assert page.evaluate("document.getElementById('article-text').classList.contains('hide-event')")
    underline = page.locator("#article-text .ann.event").first.evaluate("el => getComputedStyle(el).textDecorationLine")
    assert underline == "none"
