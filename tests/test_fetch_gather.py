"""Pages and feeds into Articles against the fixture sites: known URLs are not fetched, a feed
item whose page fails keeps its description, and `published` says where it came from."""
from datetime import date

from letopis.fetch.client import Fetcher, Politeness
from letopis.fetch.gather import Gatherer
from letopis.fetch.urls import canonical

FAST = Politeness(interval=0, timeout=0.5, retries=0, backoff=0)


def gather(site, url, stored=(), published=None, validators=None):
    asked = []

    def known(urls):
        asked.append(urls)
        return {u for u in urls if u in stored}

    with Fetcher(FAST) as fetcher:
        gatherer = Gatherer(fetcher, known, published, lambda u: (validators or {}).get(u),
                            today=lambda: date(2026, 3, 20))
        return gatherer.url(url), asked


def test_an_rss_feed_and_its_pages(news_site):
    found, asked = gather(news_site, news_site.url("/volga/rss.xml"))
    pages = {a.url.removeprefix(news_site.base): a for a in found.articles}
    assert set(pages) == {"/volga/news/2026/03/14/vzryv-dzerzhinsk.html", "/volga/news/2026/03/14/miting-nizhny.html",
                          "/volga/news/2026/03/15/samara-podzhog.html", "/volga/news/2026/03/15/ulyanovsk-vzyatka.html",
                          "/volga/private/embargo.html"}
    blast = pages["/volga/news/2026/03/14/vzryv-dzerzhinsk.html"]  # utm_ parameters gone
    assert (blast.outlet, blast.published, blast.published_source, blast.text_source) == \
        ("Волжская правда", "2026-03-14", "page", None)
    assert "Читайте также" not in blast.text and "Сергей_НН" not in blast.text
    samara = pages["/volga/news/2026/03/15/samara-podzhog.html"]  # a 404: the description stands in
    assert samara.text.startswith("В Самаре неизвестные подожгли автомобиль главы района\n\nВ Самаре ночью")
    assert (samara.text_source, samara.published, samara.published_source) == ("feed", "2026-03-15", "feed")
    assert samara.to_record()["text_source"] == "feed"
    reasons = {e.path.removeprefix(news_site.base): e.reason for e in found.errors}
    assert reasons["/volga/news/2026/03/15/samara-podzhog.html"].startswith("HTTP 404 Not Found; the feed's description")
    assert reasons["/volga/news/2026/03/15/ulyanovsk-vzyatka.html"].startswith("timed out")
    assert reasons["/volga/private/embargo.html"].startswith("forbidden by the site's robots.txt")
    assert news_site.fetched("/volga/private/embargo.html") == 0
    assert found.feeds[canonical(news_site.url("/volga/rss.xml"))].etag
    assert asked[0] == [canonical(news_site.url("/volga/rss.xml"))]


def test_known_urls_are_not_fetched_again(news_site):
    stored = {canonical(news_site.url(p)) for p in ("/sever/2026/03/14/dzerzhinsk-zavod.html",
                                                     "/sever/vologda-bomba.html")}
    found, _ = gather(news_site, news_site.url("/sever/atom.xml"), stored)
    assert [a.url.rsplit("/", 1)[1] for a in found.articles] == ["arhangelsk-pikety.html"]
    assert found.known == 2 and not found.errors
    assert news_site.fetched("/sever/2026/03/14/dzerzhinsk-zavod.html") == 0
    page, _ = gather(news_site, news_site.url("/sever/vologda-bomba.html"), stored)
    assert page.known == 1 and news_site.fetched("/sever/vologda-bomba.html") == 0


def test_dates_from_page_feed_command_line_or_fetch_day(news_site):
    found, _ = gather(news_site, news_site.url("/sever/atom.xml"))
    vologda = next(a for a in found.articles if "vologda" in a.url)  # no date on the page
    assert (vologda.published, vologda.published_source) == ("2026-03-15", "feed")
    alone, _ = gather(news_site, news_site.url("/sever/vologda-bomba.html"))
    assert (alone.articles[0].published, alone.articles[0].published_source) == ("2026-03-20", "fetched")
    given, _ = gather(news_site, news_site.url("/sever/vologda-bomba.html"), published="2026-03-16")
    assert (given.articles[0].published, given.articles[0].published_source) == ("2026-03-16", "command-line")


def test_the_windows_1251_page_served_as_such(news_site):
    found, _ = gather(news_site, news_site.url("/sever/2026/03/15/arhangelsk-pikety.html"))
    [article] = found.articles
    assert "задержала семь человек" in article.text and article.outlet == "Северный курьер"


def test_an_unchanged_feed_gives_nothing(news_site):
    first, _ = gather(news_site, news_site.url("/sever/atom.xml"))
    again, _ = gather(news_site, news_site.url("/sever/atom.xml"), validators=first.feeds)
    assert (again.unchanged, again.articles, again.errors) == (1, [], [])
    assert news_site.fetched("/sever/vologda-bomba.html") == 1


def test_a_source_that_fails(news_site):
    found, _ = gather(news_site, news_site.url("/volga/news/2026/03/01/net-takoy.html"))
    [error] = found.errors
    assert (found.articles, error.reason) == ([], "HTTP 404 Not Found")
