"""The web pages in a real browser: Playwright driving Debian's chromium against `letopis serve`
on 127.0.0.1. Every test also checks that no request left 127.0.0.1, that the page raised no
error and opened no dialog; screenshots go to artifacts/."""
from __future__ import annotations

import json
import re
import shutil
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import ten_weeks
from processes import app_serving
from test_api import SCRIPT, build_chronicle

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
README_SHOT = Path(__file__).resolve().parent.parent / "docs" / "img" / "trends.png"  # the README shows it
ITEM = ".vis-item.event-item:is(.vis-box, .vis-point)"  # a box item also draws a dot and a line
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update"]

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent: run scripts/setup_browser.sh", allow_module_level=True)


@contextmanager
def _serving(db: Path, pipeline):
    """`letopis serve` over a chronicle file, on a free port of 127.0.0.1: its address."""
    from letopis.web import create_app
    from letopis.web.app import NODE_MODULES
    assert NODE_MODULES.is_dir(), f"{NODE_MODULES} is absent: run `npm ci --prefix web`"
    with app_serving(create_app(db, pipeline=pipeline)) as base:
        yield base


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    """The server over a chronicle built from Russian text, and the article ids by role."""
    db = tmp_path_factory.mktemp("browser") / "chronicle.duckdb"
    ids = build_chronicle(db, pipeline)
    with _serving(db, pipeline) as base:
        yield base, ids


@pytest.fixture(scope="module")
def ten_weeks_server(tmp_path_factory, pipeline, ten_weeks_db):
    """The server over the made-up chronicle of ten weeks (tests/ten_weeks.py)."""
    db = tmp_path_factory.mktemp("browser-trends") / "chronicle.duckdb"
    shutil.copy(ten_weeks_db, db)
    with _serving(db, pipeline) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records every request, page error, console error and dialog."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    seen = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.shot = lambda name: page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{name}.png"))
    ARTIFACTS.mkdir(exist_ok=True)
    yield page
    page.shot("last")
    context.close()
    outside = [u for u in seen["requests"] if urlsplit(u).scheme not in ("data", "blob")
               and urlsplit(u).hostname != "127.0.0.1"]
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert not seen["errors"], f"page errors: {seen['errors']}"
    assert not seen["dialogs"], f"dialogs opened: {seen['dialogs']}"


def _shooting(base: str) -> int:
    """The chronicle event the seed and the second report were merged into."""
    query = urllib.parse.urlencode({"place": "Алматы", "type": "ASSAULT"})
    with urllib.request.urlopen(f"{base}/events?{query}") as answer:
        events = json.load(answer)
    [event] = [e for e in events if any(s["event_id"].startswith("H") for s in e["sources"])]
    return event["id"]


def test_timeline_event_to_highlighted_sentence(server, page):
    base, ids = server
    page.goto(f"{base}/ui/")
    items = page.locator(ITEM)
    items.first.wait_for()
    assert items.count() >= 2
    page.shot("timeline")
    page.select_option("select[name=type]", "ASSAULT")
    page.locator("input[name=place]").fill("Алматы")
    with page.expect_response(re.compile(r"/ui/events-list\?.*place=")):
        page.locator("input[name=place]").press("Enter")
    expect(items.filter(has_not_text="Насилие · Алматы")).to_have_count(0)
    page.shot("filtered")
    event_id = _shooting(base)
    items.filter(has=page.locator(f'[data-event="{event_id}"]')).click()
    page.wait_for_url(re.compile(rf"/ui/events/{event_id}$"))
    page.shot("event")
    source = page.locator("li.source").filter(has=page.locator(f'a[href^="/ui/articles/{ids["report"]}?"]'))
    sentence = source.locator("blockquote.sentence").inner_text()
    assert "26 человек" in sentence
    source.get_by_role("link", name="Открыть в статье").click()
    page.wait_for_url(re.compile(rf"/ui/articles/{ids['report']}\?event="))
    focus = page.locator("#article-text .ann.focus")
    focus.first.wait_for()
    assert "".join(focus.all_inner_texts()).strip() == sentence.strip()
    assert page.locator("#evidence blockquote").inner_text().strip() == sentence.strip()
    page.shot("article")


def test_map_shows_markers_that_open_events(server, page):
    base, _ = server
    page.goto(f"{base}/ui/map")
    markers = page.locator("path.event-marker")
    markers.first.wait_for()
    expect(page.locator(".leaflet-land-pane path").nth(100)).to_be_attached()  # the countries
    located = page.evaluate("JSON.parse(document.getElementById('event-data').dataset.items)"
                            ".filter(e => e.lat !== null && e.lon !== null).length")
    assert located >= 1 and markers.count() == located
    page.shot("map")
    markers.first.click(force=True)
    page.get_by_role("link", name="Открыть событие").click()
    page.wait_for_url(re.compile(r"/ui/events/\d+$"))
    assert page.locator("h1").inner_text()


def test_filter_swaps_timeline_by_type(server, page):
    base, _ = server
    page.goto(f"{base}/ui/")
    page.locator(ITEM).first.wait_for()
    count = page.locator("p.count").inner_text()
    page.select_option("select[name=type]", "PROTEST")
    expect(page.locator("p.count")).not_to_have_text(count)
    shown = int(page.locator("p.count").inner_text().split(":")[1])
    items = page.locator(ITEM)
    expect(items).to_have_count(shown)
    texts = items.all_inner_texts()
    assert shown >= 1 and all(t.startswith("Протест") for t in texts)
    page.locator("input[name=from]").fill("2022-02-30")
    page.locator("input[name=from]").press("Enter")
    expect(page.locator("#events [role=alert]")).to_contain_text("такого дня в календаре нет")


def test_markup_in_article_shows_as_text(server, page):
    base, ids = server
    page.goto(f"{base}/ui/articles/{ids['rally']}")
    assert SCRIPT in page.locator("#article-text").inner_text()
    page.locator("#article-text .ann.ent").first.hover()
    assert page.locator("#note .card-entity").count() >= 1
    page.locator("#article-text .ann.event").first.click()
    assert "митинг" in page.locator("#evidence blockquote").inner_text()
    page.shot("rally")


def test_megabyte_line_renders(server, page):
    base, ids = server
    page.goto(f"{base}/ui/articles/{ids['long']}")
    text = page.locator("#article-text").inner_text()
    assert len(text.encode("utf-8")) >= 1_000_000
    assert text.count(SCRIPT) > 1000
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]  # the line wraps instead of widening the page


def test_search_box_leads_into_article_view(server, page):
    base, ids = server
    page.goto(f"{base}/ui/")
    page.locator("header input[name=q]").fill("Токаеву")
    page.locator("header input[name=q]").press("Enter")
    page.wait_for_url(re.compile(r"/ui/search\?q="))
    page.locator(f'#results a[href="/ui/articles/{ids["seed"]}"]').first.click()
    page.wait_for_url(re.compile(rf"/ui/articles/{ids['seed']}$"))
    assert "Токаев" in page.locator("#article-text").inner_text()


def test_graph_and_api_docs_draw(server, page):
    base, _ = server
    page.goto(f"{base}/ui/graph")
    page.locator("#graph canvas").first.wait_for()
    page.shot("graph")
    page.goto(f"{base}/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".opblock-summary-path").filter(has_text="/articles").count() >= 2


def test_upload_page_follows_its_job_to_the_articles(server, page, tmp_path):
    base, _ = server
    lines = [json.dumps({"id": f"upload-{i}", "date": "2022-01-09",
                         "text": f"В Шымкенте {i + 1} января задержаны {10 + i} участников беспорядков."},
                        ensure_ascii=False) for i in range(120)]  # seconds of work: the page sees it run
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines), encoding="utf-8")
    page.goto(f"{base}/ui/upload")
    page.set_input_files("input[name=file]", str(feed))
    page.get_by_role("button", name="Загрузить").click()
    page.wait_for_url(re.compile(r"/ui/jobs/\d+$"))
    assert page.locator("#job").get_attribute("data-state") in ("queued", "running")
    expect(page.locator("#job-state")).to_have_text("готово", timeout=120_000)  # job.js followed it
    page.shot("job")
    expect(page.locator("ul.stored a")).to_have_count(120)
    assert page.evaluate("[document.getElementById('job-progress').value, "
                         "document.getElementById('job-progress').max]") == [120, 120]
    page.locator('ul.stored a[href="/ui/articles/upload-3"]').click()
    page.wait_for_url(re.compile(r"/ui/articles/upload-3$"))
    assert "Шымкенте" in page.locator("#article-text").inner_text()


def test_trends_page_flags_the_sudden_week_and_opens_the_timeline(ten_weeks_server, page):
    base = ten_weeks_server
    sudden = ten_weeks.SUDDEN_WEEK.isoformat()
    page.goto(f"{base}/ui/trends?type=protest")
    cards = page.locator("li.multiple")
    expect(cards).to_have_count(3)
    expect(page.locator(".spark[data-drawn] canvas")).to_have_count(3)  # a uPlot sparkline each
    expect(page.locator("#trend-map[data-drawn]")).to_be_attached()
    # the sudden week first, flagged; the steady city and the other one not at all
    assert cards.evaluate_all("cs => cs.map(c => [c.dataset.place, c.dataset.spikes])") == \
        [["Екатеринбург", sudden], ["Казань", ""], ["Караганда", ""]]
    assert page.locator("li.multiple.spiking").all_inner_texts()[0].count("Всплеск") == 1
    expect(page.locator(".leaflet-land-pane path.country-shape")).to_have_count(2)  # Russia, Kazakhstan
    fills = page.locator(".leaflet-land-pane path.country-shape").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    assert sorted(fills) == ["#c0392b", "#fde9c9"]  # Russia's week is a spike, Kazakhstan's ordinary
    expect(page.locator("path.region-marker")).to_have_count(3)  # regions as circles: no offline shapes
    README_SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(README_SHOT), full_page=True)
    page.get_by_role("link", name="Екатеринбург").click()
    page.wait_for_url(re.compile(r"/ui/\?place="))
    page.locator(ITEM).first.wait_for()
    places = page.locator(".event-list li a").all_inner_texts()
    assert len(places) == 10 and all(t.endswith("· Екатеринбург") for t in places)  # 4 + 6 protests


def test_trends_page_by_region(ten_weeks_server, page):
    page.goto(f"{ten_weeks_server}/ui/trends")
    page.select_option("select[name=by]", "region")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url(re.compile(r"by=region"))
    first = page.locator("li.multiple").first
    expect(first).to_have_attribute("data-place", "Свердловская область")
    expect(first).to_have_attribute("data-spikes", ten_weeks.SUDDEN_WEEK.isoformat())
    expect(page.locator("li.multiple.spiking")).to_have_count(1)
