"""URLs and feed files into Articles. A URL is a page or a feed, told apart by its answer; a feed's
items are the pages it links to. A URL the store already holds (after canonicalisation, as an
article's URL or as the address it was fetched from) is not fetched again. A feed item whose page
cannot be fetched keeps its description as the text (`text_source: feed`), and the failure goes
to the errors with its URL and reason. `published` comes from the page's metadata, else the feed
item, else the command line, else the day of the fetch; `published_source` says which."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..ingest import InputError, ReadError, parse_text
from ..ingest.feeds import Feed, FeedItem, is_feed, read_feed
from ..ingest.html import read_html
from ..ingest.limits import open_input, read_capped
from ..records import Article
from .client import Fetcher, FetchError
from .urls import canonical
from .validators import Validators


@dataclass
class Gathered:
    articles: list[Article] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    feeds: dict[str, Validators] = field(default_factory=dict)  # to save once the articles are stored
    known: int = 0  # URLs already stored, not fetched
    unchanged: int = 0  # feeds that answered 304 Not Modified

    def add(self, other: Gathered) -> None:
        self.articles += other.articles
        self.errors += other.errors
        self.feeds.update(other.feeds)
        self.known += other.known
        self.unchanged += other.unchanged


class Gatherer:
    def __init__(self, fetcher: Fetcher, known: Callable[[list[str]], set[str]],
                 published: str | None = None,
                 validators: Callable[[str], Validators | None] = lambda url: None,
                 today: Callable[[], date] = date.today):
        """`known(urls)` → those of the canonical URLs the store holds; `validators(url)` → what
        a feed answered last time; `published` is the command line's date."""
        self.fetcher = fetcher
        self.known = known
        self.published = published
        self.validators = validators
        self.today = today
        self.seen: set[str] = set()  # fetched in this run: two feeds may link one page

    def url(self, url: str) -> Gathered:
        """A page, or a feed and the pages of its new items."""
        found = Gathered()
        address = canonical(url)
        if address in self.seen or self.known([address]):
            found.known += 1
            return found
        self.seen.add(address)
        last = self.validators(address) or Validators()
        try:
            answer = self.fetcher.get(url, last.etag, last.last_modified)
        except FetchError as error:
            found.errors.append(ReadError(url, str(error)))
            return found
        if answer.not_modified:
            found.unchanged += 1
            return found
        if is_feed(answer.body, answer.content_type):
            try:
                feed = read_feed(answer.body, base=answer.url)
            except InputError as error:
                found.errors.append(ReadError(url, str(error)))
                return found
            found.add(self.items(feed))
            found.feeds[address] = Validators(answer.etag, answer.last_modified)
            return found
        try:
            found.articles.append(self._page(answer, address, None))
        except InputError as error:
            found.errors.append(ReadError(url, str(error)))
        return found

    def feed_file(self, path: Path) -> Gathered:
        """A feed saved as a file: its items' pages are fetched."""
        try:
            with open_input(path) as stream:
                return self.items(read_feed(read_capped(stream, self.fetcher.politeness.max_bytes, "feed")))
        except InputError as error:
            return Gathered(errors=[ReadError(str(path), str(error))])
        except OSError as error:
            return Gathered(errors=[ReadError(str(path), f"cannot read ({error.strerror or error})")])

    def items(self, feed: Feed) -> Gathered:
        found = Gathered()
        addresses = [canonical(item.url) for item in feed.items]
        stored = self.known(addresses)
        for item, address in zip(feed.items, addresses):
            if address in stored or address in self.seen:
                found.known += 1
                continue
            self.seen.add(address)
            article, error = self._item(item, address, feed.title)
            found.articles += [article] if article else []
            found.errors += [error] if error else []
        return found

    def _item(self, item: FeedItem, address: str, outlet: str | None) -> tuple[Article | None, ReadError | None]:
        """The item's page, or its description when the page cannot be had."""
        try:
            return self._page(self.fetcher.get(item.url), address, item), None
        except (FetchError, InputError) as error:
            reason = str(error)
        if not item.summary:
            return None, ReadError(item.url, f"{reason}; the feed gives no description to keep instead")
        text = item.summary if not item.title else f"{item.title}\n\n{item.summary}"
        source, published = self._fallback(item)
        try:
            article = parse_text(text, published=published, path=address, header=False)
        except InputError as error:
            return None, ReadError(item.url, f"{reason}; its description cannot stand in ({error})")
        article.title, article.outlet, article.url = item.title, outlet, address
        article.published_source, article.text_source = source, "feed"
        return article, ReadError(item.url, f"{reason}; the feed's description is stored as its text")

    def _page(self, answer, address: str, item: FeedItem | None) -> Article:
        page: bytes | str = answer.body
        if answer.charset:  # the server's word on the encoding beats a guess from the bytes
            try:
                page = answer.body.decode(answer.charset)
            except (LookupError, UnicodeDecodeError):
                pass
        article = read_html(page, url=answer.url, path=address, fallback=self._fallback(item))
        article.url = canonical(article.url or answer.url)
        if item is not None and not article.title:
            article.title = item.title
        return article

    def _fallback(self, item: FeedItem | None) -> tuple[str, str]:
        """Where the date comes from when the page's metadata gives none."""
        if item is not None and item.published:
            return "feed", item.published
        if self.published:
            return "command-line", self.published
        return "fetched", self.today().isoformat()

