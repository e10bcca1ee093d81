"""The polite fetcher against the fixture sites on 127.0.0.1: its User-Agent, robots.txt, the
per-host interval, retries with backoff, conditional GET and its failures."""
import time

import pytest

from letopis.fetch.client import USER_AGENT, Fetcher, FetchError, Politeness

FAST = Politeness(interval=0, timeout=0.5, retries=1, backoff=0.05)
PAGE = "/volga/news/2026/03/14/vzryv-dzerzhinsk.html"


def test_a_page_with_a_user_agent_naming_letopis(news_site):
    with Fetcher(FAST) as fetcher:
        answer = fetcher.get(news_site.url(PAGE))
    assert answer.status == 200 and "Синтез-Ока" in answer.body.decode()
    assert answer.charset == "utf-8"
    assert [r.path for r in news_site.requests] == ["/robots.txt", PAGE]  # robots.txt first, once
    assert all(r.user_agent == USER_AGENT and "letopis" in r.user_agent for r in news_site.requests)


def test_robots_txt_is_obeyed(news_site):
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match="robots.txt"):
        fetcher.get(news_site.url("/volga/private/embargo.html"))
    assert news_site.fetched("/volga/private/embargo.html") == 0


def test_a_404_fails_at_once(news_site):
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match="HTTP 404 Not Found"):
        fetcher.get(news_site.url("/volga/news/net.html"))
    assert news_site.fetched("/volga/news/net.html") == 1


def test_a_timeout_is_tried_again_then_reported(news_site):
    slow = "/volga/news/2026/03/15/ulyanovsk-vzyatka.html"
    started = time.monotonic()
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match=r"timed out .* \(after 2 tries\)"):
        fetcher.get(news_site.url(slow))
    assert news_site.fetched(slow) == 2
    assert time.monotonic() - started < 2.5  # timed out, not waited for


def test_a_5xx_is_tried_again_with_backoff(news_site):
    news_site.flaky = 2
    waits = []
    with Fetcher(Politeness(interval=0, retries=3, backoff=0.01), sleep=waits.append) as fetcher:
        answer = fetcher.get(news_site.url("/flaky/news/2026/03/14/miting-nizhny.html"))
    assert answer.status == 200 and news_site.fetched("/flaky/news/2026/03/14/miting-nizhny.html") == 3
    assert waits == [0.0, 0.0]  # the server's Retry-After: 0 wins over the backoff
    news_site.flaky, waits = 9, []
    with Fetcher(Politeness(interval=0, retries=2, backoff=0.01), sleep=waits.append) as fetcher:
        with pytest.raises(FetchError, match=r"HTTP 503 Service Unavailable \(after 3 tries\)"):
            fetcher.get(news_site.url("/flaky/other.html"))


def test_the_backoff_doubles(news_site):
    waits = []
    with Fetcher(Politeness(interval=0, timeout=0.3, retries=3, backoff=0.01), sleep=waits.append) as fetcher:
        with pytest.raises(FetchError):
            fetcher.get(news_site.url("/volga/news/2026/03/15/ulyanovsk-vzyatka.html"))
    assert waits == [0.01, 0.02, 0.04]


def test_one_request_per_host_per_interval(news_site):
    with Fetcher(Politeness(interval=0.4)) as fetcher:
        for path in ("/volga/rss.xml", "/sever/atom.xml", PAGE):
            fetcher.get(news_site.url(path))
    times = [r.at for r in news_site.requests]
    assert len(times) == 4 and all(b - a >= 0.39 for a, b in zip(times, times[1:]))


def test_conditional_get_for_feeds(news_site):
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(news_site.url("/volga/rss.xml"))
        assert first.etag and first.last_modified
        again = fetcher.get(news_site.url("/volga/rss.xml"), first.etag, first.last_modified)
    assert again.not_modified and again.body == b""
    assert [r.conditional for r in news_site.requests if r.path == "/volga/rss.xml"] == [False, True]


def test_an_answer_past_its_limit_is_refused(news_site):
    with Fetcher(Politeness(interval=0, max_bytes=1000)) as fetcher, pytest.raises(FetchError, match="too large"):
        fetcher.get(news_site.url(PAGE))


def test_what_cannot_be_reached(news_site):
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchError, match="not an http"):
            fetcher.get("ftp://127.0.0.1/x")
        with pytest.raises(FetchError, match="forbidden by the site's robots.txt"):  # no robots.txt answer
            fetcher.get("http://127.0.0.1:9/closed.html")
