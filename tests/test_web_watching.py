"""`letopis serve --watch SOURCES`: the watcher inside the server that owns the database. Its
rounds are ingest jobs of the usual kind; a restarted server goes on without fetching again what
it stored; `letopis watch` and `letopis ingest URL` on the served file go through the server and
fetch nothing it holds."""
import json
import time
import urllib.parse
import urllib.request

from processes import letopis, serving

FAST = ("--interval", "0", "--timeout", "0.5", "--retries", "0", "--backoff", "0")
MISSING = "/volga/news/2026/03/01/net-takoy.html"  # the last source: a round has ended when it is asked


def get(url: str):
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.loads(answer.read())


def rounds_done(site, count: int, within: float = 180) -> None:
    deadline = time.monotonic() + within
    while site.fetched(MISSING) < count:
        assert time.monotonic() < deadline, "the watcher did not finish its round"
        time.sleep(0.2)


def settled(url: str, within: float = 180) -> list[dict]:
    """The jobs, once none is queued or running."""
    deadline = time.monotonic() + within
    while True:
        jobs = get(f"{url}/jobs")
        if not any(j["state"] in ("queued", "running") for j in jobs):
            return jobs
        assert time.monotonic() < deadline, "the jobs did not end"
        time.sleep(0.2)


def test_the_server_watches_and_goes_on_after_a_restart(news_site, tmp_path):
    sources, db = news_site.sources(tmp_path / "feeds.txt"), tmp_path / "news.duckdb"
    with serving(db, "--watch", sources, "--every", "1h", *FAST) as (url, _):
        rounds_done(news_site, 1)
        jobs = settled(url)
        assert jobs and {j["state"] for j in jobs} == {"done"}
        articles = get(f"{url}/articles")
        assert len(articles) == 9
        assert {a["outlet"] for a in articles} >= {"Волжская правда", "Северный курьер"}
        page = news_site.url("/sever/vologda-bomba.html")
        query = urllib.parse.urlencode({"url": [page + "?utm_source=x", news_site.url("/nowhere.html")]}, doseq=True)
        assert get(f"{url}/urls?{query}") == {"stored": [page + "?utm_source=x"]}
        # `letopis watch` on the served file goes through the server: nothing is fetched again
        before = len(news_site.requests)
        through = letopis("watch", sources, "--db", db, "--once", *FAST)
        assert through.returncode == 1 and "0 added" in through.stderr, through.stderr
        fetched = [r.path for r in news_site.requests[before:] if r.path.endswith(".html")]
        assert fetched == [MISSING]
        again = letopis("ingest", news_site.url("/sever/2026/03/14/dzerzhinsk-zavod.html"), "--db", db, *FAST)
        assert again.returncode == 0 and "1 already stored" in again.stderr
        assert news_site.fetched("/sever/2026/03/14/dzerzhinsk-zavod.html") == 1
    pages = sum(1 for r in news_site.requests if r.path.endswith(".html"))
    with serving(db, "--watch", sources, "--every", "1h", *FAST) as (url, _):
        rounds_done(news_site, 3)
        settled(url)
        assert len(get(f"{url}/articles")) == 9
    new = [r for r in news_site.requests if r.path.endswith(".html")][pages:]
    assert [r.path for r in new] == [MISSING]
    feeds = [r for r in news_site.requests if r.path.endswith(".xml")][-2:]
    assert all(r.conditional and r.status == 304 for r in feeds)  # the validators were kept
