"""`letopis ingest` over any mix of files, folders, feed files and URLs, as a real process."""
import shutil
from pathlib import Path

from letopis.chronicle import Chronicle
from processes import letopis

FIXTURES = Path(__file__).parent / "fixtures"
FAST = ("--interval", "0", "--timeout", "0.5", "--retries", "0", "--backoff", "0", "-w", "1")


def test_files_folders_feeds_and_urls_in_one_ingest(news_site, tmp_path):
    folder = tmp_path / "channel"
    folder.mkdir()
    shutil.copy(FIXTURES / "telegram" / "result.json", folder / "result.json")
    page = tmp_path / "vologda.html"
    page.write_bytes(news_site.body("/sever/vologda-bomba.html").replace("Вологд".encode(), "Череповц".encode()))
    feed = tmp_path / "sever.atom"
    feed.write_bytes(news_site.body("/sever/atom.xml"))
    db = tmp_path / "news.duckdb"
    done = letopis("ingest", folder, page, feed, news_site.url("/volga/news/2026/03/13/pozhar-kazan.html"),
                   "--db", db, "--published", "2026-03-16", *FAST)
    assert done.returncode == 0, done.stderr
    assert "9 read, 9 added" in done.stderr  # 4 messages, a page file, 3 items of the feed file, a page
    with Chronicle(db, read_only=True) as c:
        rows = {r[0]: r[1:] for r in c.db.execute(
            "SELECT coalesce(url, path), outlet, published, record->>'published_source' FROM articles").fetchall()}
        via = c.db.execute("SELECT via FROM quotes WHERE article_id = 'svodki_povolzhye-413' "
                           "AND kind = 'direct'").fetchone()[0]
        sources = c.db.execute("SELECT list(via) FROM event_sources WHERE article_id = 'svodki_povolzhye-413'").fetchone()[0]
    assert rows["https://t.me/svodki_povolzhye/413"] == ("Сводки Поволжья", "2026-03-14", None)
    assert rows[str(page)] == ("Северный курьер", "2026-03-16", "command-line")
    assert rows[news_site.url("/sever/vologda-bomba.html")] == ("Северный курьер", "2026-03-15", "feed")
    assert rows[news_site.url("/volga/news/2026/03/13/pozhar-kazan.html")] == ("Волжская правда", "2026-03-13", "page")
    assert via[-1] == "Прокуратура Нижегородской области"
    assert all(v[-1] == "Прокуратура Нижегородской области" for v in sources or [])
    # the same again: nothing added, no page fetched a second time
    fetched = len(news_site.requests)
    again = letopis("ingest", folder, page, feed, news_site.url("/volga/news/2026/03/13/pozhar-kazan.html"),
                    "--db", db, *FAST)
    assert again.returncode == 0 and "0 added" in again.stderr, again.stderr
    assert [r.path for r in news_site.requests[fetched:] if r.path.endswith(".html")] == []


def test_an_unreachable_url_alone_exits_2_and_is_kept_in_errors(news_site, tmp_path):
    db = tmp_path / "news.duckdb"
    done = letopis("ingest", news_site.url("/volga/news/net.html"), "--db", db, *FAST)
    assert done.returncode == 2 and "HTTP 404 Not Found" in done.stderr
    with Chronicle(db, read_only=True) as c:
        assert c.db.execute("SELECT path, reason FROM errors").fetchall() == [
            (news_site.url("/volga/news/net.html"), "HTTP 404 Not Found")]
    ray = letopis("ingest", news_site.url("/volga/rss.xml"), "--db", db, "--engine", "ray")
    assert ray.returncode == 2 and "URLs and feeds" in ray.stderr
