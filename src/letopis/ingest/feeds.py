"""RSS 2.0 and Atom feeds (feedparser): each item gives the URL of its page, its title, its date
and its description (as plain text: the article's text when the page cannot be fetched)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urljoin

from .text import InputError

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
FEED_TYPES = ("rss", "atom", "xml")
FEED_START = re.compile(rb"\A(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


@dataclass
class FeedItem:
    url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD as the feed's own time zone has it
    summary: str | None = None


@dataclass
class Feed:
    title: str | None
    items: list[FeedItem] = field(default_factory=list)


def is_feed(data: bytes, content_type: str | None = None) -> bool:
    """Whether a fetched body is a feed rather than a page: its type, else its first tag."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if "html" in kind:
        return False
    return any(t in kind for t in FEED_TYPES) or bool(FEED_START.match(data[:4096]))


def read_feed(data: bytes, base: str | None = None) -> Feed:
    """The items of an RSS or Atom feed; relative links are resolved against `base`."""
    import feedparser
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise InputError(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or _alternate(entry)
        if not link:
            continue  # an item with nothing to fetch and no address to keep it by
        items.append(FeedItem(url=urljoin(base or "", link), title=_plain(entry.get("title")),
                              published=item_date(entry), summary=_plain(entry.get("summary"))))
    return Feed(title=_plain(parsed.feed.get("title")), items=items)


def item_date(entry) -> str | None:
    """The day an item was published, in the feed's own time zone (feedparser's parsed dates are
    UTC: a story of 01:30 Moscow time would fall on the day before)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        for parse in (parsedate_to_datetime, _iso):
            try:
                return parse(raw.strip()).date().isoformat()
            except (TypeError, ValueError, IndexError):
                continue
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _alternate(entry) -> str | None:
    return next((link.get("href") for link in entry.get("links", []) if link.get("href")), None)


class _Text(HTMLParser):
    """The words of an HTML fragment, a paragraph break at each block."""
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(value: str | None) -> str | None:
    if not value:
        return None
    reader = _Text()
    reader.feed(value)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).splitlines())
    text = "\n".join(line for line in lines if line)
    return text or None
