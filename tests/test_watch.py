"""`letopis watch` as a real process against the fixture sites on 127.0.0.1: a round stores every
reachable item with its page's date, outlet and clean text, the failures go to `errors`, a second
round adds nothing and fetches no page again, and a watcher killed with kill -9 at any moment
resumes without loss or duplicates."""
import signal
import subprocess
import time

import pytest

from letopis.chronicle import Chronicle
from letopis.watch import parse_every, read_sources
from processes import command, environment, letopis, ROOT

FAST = ("--interval", "0", "--timeout", "0.5", "--retries", "0", "--backoff", "0", "-w", "1")
STORED = {  # path → (outlet, published, published_source, text_source)
    "/volga/news/2026/03/14/vzryv-dzerzhinsk.html": ("Волжская правда", "2026-03-14", "page", None),
    "/volga/news/2026/03/14/miting-nizhny.html": ("Волжская правда", "2026-03-14", "page", None),
    "/volga/news/2026/03/15/samara-podzhog.html": ("Волжская правда — Новости", "2026-03-15", "feed", "feed"),
    "/volga/news/2026/03/15/ulyanovsk-vzyatka.html": ("Волжская правда — Новости", "2026-03-15", "feed", "feed"),
    "/volga/private/embargo.html": ("Волжская правда — Новости", "2026-03-15", "feed", "feed"),
    "/sever/2026/03/14/dzerzhinsk-zavod.html": ("Северный курьер", "2026-03-14", "page", None),
    "/sever/2026/03/15/arhangelsk-pikety.html": ("Северный курьер", "2026-03-15", "page", None),
    "/sever/vologda-bomba.html": ("Северный курьер", "2026-03-15", "feed", None),
    "/volga/news/2026/03/13/pozhar-kazan.html": ("Волжская правда", "2026-03-13", "page", None),
}
FAILED = {"/volga/news/2026/03/15/samara-podzhog.html": "HTTP 404 Not Found",
          "/volga/news/2026/03/15/ulyanovsk-vzyatka.html": "timed out",
          "/volga/private/embargo.html": "forbidden by the site's robots.txt",
          "/volga/news/2026/03/01/net-takoy.html": "HTTP 404 Not Found"}


def stored(db, base):
    with Chronicle(db, read_only=True) as c:
        rows = c.db.execute("SELECT url, outlet, published, record, text FROM articles").fetchall()
        errors = c.db.execute("SELECT path, reason FROM errors").fetchall()
        counts = c.counts()
    import json
    articles = {}
    for url, outlet, published, record, text in rows:
        record = json.loads(record)
        articles[url.removeprefix(base)] = (outlet, published, record.get("published_source"),
                                            record.get("text_source"), text)
    return articles, errors, counts


def test_sources_files(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# ленты\nhttp://127.0.0.1:9/a.xml\n\n  https://127.0.0.1:9/b   # страница\n"
                    "news/c.html\nhttp://127.0.0.1:9/a.xml\n", encoding="utf-8")
    urls, errors = read_sources(path)
    assert urls == ["http://127.0.0.1:9/a.xml", "https://127.0.0.1:9/b"]
    assert [(e.path, e.reason) for e in errors] == [(f"{path}:5", "not an http(s) URL: 'news/c.html'")]
    assert parse_every("10m") == 600 and parse_every("30s") == 30 and parse_every("1h") == 3600
    with pytest.raises(ValueError):
        parse_every("soon")


def test_a_round_then_a_second_that_adds_nothing(news_site, tmp_path):
    sources, db = news_site.sources(tmp_path / "feeds.txt"), tmp_path / "news.duckdb"
    first = letopis("watch", sources, "--db", db, "--once", *FAST)
    assert first.returncode == 1, first.stderr  # some failed: named on stderr, kept in errors
    assert "9 added" in first.stderr and "net-takoy.html: HTTP 404 Not Found" in first.stderr
    articles, errors, counts = stored(db, news_site.base)
    assert {path: row[:4] for path, row in articles.items()} == STORED
    for path, (*_, text) in articles.items():
        for junk in ("Читайте также", "Реклама", "Комментари", "©", "Главная"):
            assert junk not in text, (path, junk)
    reasons = {path.removeprefix(news_site.base): reason for path, reason in errors}
    assert set(reasons) == set(FAILED)
    assert all(reasons[p].startswith(r) for p, r in FAILED.items())
    pages = [r.path for r in news_site.requests if r.path.endswith(".html")]

    second = letopis("watch", sources, "--db", db, "--once", *FAST)
    assert second.returncode == 1 and "0 added" in second.stderr and "2 feeds unchanged" in second.stderr
    assert stored(db, news_site.base)[2] == counts  # not a row more anywhere
    again = [r for r in news_site.requests[len(pages) + 4:]]
    assert [r.path for r in again if r.path.endswith(".html")] == ["/volga/news/2026/03/01/net-takoy.html"]
    assert all(r.conditional and r.status == 304 for r in again if r.path.endswith(".xml"))


def test_killed_at_any_moment_it_resumes_without_loss_or_duplicates(news_site, tmp_path):
    sources, db = news_site.sources(tmp_path / "feeds.txt"), tmp_path / "news.duckdb"
    news_site.delay = 0.3  # a round takes seconds: the kills land in the middle of it
    seen = []
    for delay in (2.0, 3.5, 5.0, 6.5):  # loading, fetching, running the pipeline, writing
        watcher = subprocess.Popen(command("watch", sources, "--db", db, "--every", "1s", *FAST),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env=environment(), cwd=ROOT)
        time.sleep(delay)
        watcher.send_signal(signal.SIGKILL)
        watcher.wait(10)
        if db.exists():
            seen.append(stored(db, news_site.base)[2]["articles"])
    assert any(0 < n < len(STORED) for n in seen), seen  # some kill cut a round short
    news_site.delay = 0
    last = letopis("watch", sources, "--db", db, "--once", *FAST)
    assert last.returncode == 1, last.stderr
    articles, errors, counts = stored(db, news_site.base)
    assert {path: row[:4] for path, row in articles.items()} == STORED
    assert counts["articles"] == len(STORED)
    with Chronicle(db, read_only=True) as c:
        for table, key in (("errors", "path, reason"), ("events", "article_id, local_id"),
                           ("mentions", "article_id, local_id, start"), ("event_sources", "article_id, event_id")):
            total, distinct = c.db.execute(f"SELECT count(*), count(DISTINCT ({key})) FROM {table}").fetchone()
            assert total == distinct, table


def test_usage_errors(tmp_path):
    missing = letopis("watch", tmp_path / "none.txt", "--db", tmp_path / "x.duckdb", "--once")
    assert missing.returncode == 2 and "no list of sources" in missing.stderr
    (tmp_path / "feeds.txt").write_text("http://127.0.0.1:9/\n", encoding="utf-8")
    bad = letopis("watch", tmp_path / "feeds.txt", "--every", "soon")
    assert bad.returncode == 2 and "--every" in bad.stderr
