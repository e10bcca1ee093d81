"""RSS 2.0 and Atom feeds: items with their page's URL, title, date and plain description."""
from pathlib import Path

import pytest

from letopis.ingest.feeds import is_feed, read_feed
from letopis.ingest.text import InputError

WEB = Path(__file__).parent / "fixtures" / "web"
BASE = "http://127.0.0.1:9"


def feed(path: str) -> bytes:
    return (WEB / path).read_bytes().replace(b"{base}", BASE.encode())


def test_rss_items():
    read = read_feed(feed("volga/rss.xml"))
    assert read.title == "Волжская правда — Новости"
    assert [i.url.removeprefix(BASE) for i in read.items] == [
        "/volga/news/2026/03/14/vzryv-dzerzhinsk.html?utm_source=rss&utm_medium=feed",
        "/volga/news/2026/03/14/miting-nizhny.html", "/volga/news/2026/03/15/samara-podzhog.html",
        "/volga/news/2026/03/15/ulyanovsk-vzyatka.html", "/volga/private/embargo.html"]
    samara = read.items[2]
    assert (samara.title, samara.published) == ("В Самаре неизвестные подожгли автомобиль главы района", "2026-03-15")
    assert samara.summary.startswith("В Самаре ночью неизвестные подожгли автомобиль главы")  # HTML gone
    assert "<" not in samara.summary


def test_atom_items_take_published_else_updated():
    read = read_feed(feed("sever/atom.xml"))
    assert read.title == "Северный курьер"
    assert [(i.url.rsplit("/", 1)[1], i.published) for i in read.items] == [
        ("dzerzhinsk-zavod.html", "2026-03-14"), ("arhangelsk-pikety.html", "2026-03-15"),
        ("vologda-bomba.html", "2026-03-15")]


def test_an_item_date_is_the_feeds_own_day_not_utcs():
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Т</title><item><title>Ночью</title>"
           "<link>/n/1</link><pubDate>Sun, 15 Mar 2026 01:30:00 +0300</pubDate></item>"
           "<item><title>Без ссылки</title></item></channel></rss>").encode()
    [item] = read_feed(rss, base="http://127.0.0.1:9/feed.xml").items  # an item without a link is left out
    assert (item.url, item.published) == ("http://127.0.0.1:9/n/1", "2026-03-15")


def test_feeds_are_told_from_pages():
    assert is_feed(feed("volga/rss.xml")) and is_feed(feed("sever/atom.xml"), "application/atom+xml")
    assert is_feed(b"<rss/>", "application/rss+xml; charset=utf-8")
    assert not is_feed(feed("sever/vologda-bomba.html"), "text/html; charset=utf-8")
    assert not is_feed(feed("sever/vologda-bomba.html"))


@pytest.mark.parametrize("data", [b"<html><body>not a feed</body></html>", b"", b"\x00\xff"])
def test_what_is_not_a_feed_is_refused(data):
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read_feed(data)
