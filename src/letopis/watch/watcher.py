"""Rounds over the sources. Each source is fetched (a feed with a conditional GET), its new
articles stored, and only then what the feed answered is saved: a watcher killed at any moment
has stored whole batches and nothing of the one in flight, and its next round asks again for
whatever was not stored (a URL already stored is not fetched again, a text already stored is not
stored twice). The sources file is read again at each round, so it can change while it runs."""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..fetch.client import Fetcher, Politeness
from ..fetch.gather import Gatherer
from ..fetch.validators import Validators
from ..ingest import ReadError
from ..records import Article
from .sources import read_sources

EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$")
UNITS = {"s": 1, "m": 60, "h": 3600, None: 1}
NAP = 0.25  # seconds between looks at a stop while waiting for the next round


class Store(Protocol):
    """What the watcher needs of a chronicle: a Chronicle (the file), a RemoteChronicle (through
    the server), or the server's own (web/watching.py)."""

    def known_urls(self, urls: list[str]) -> set[str]: ...
    def feed_validators(self, url: str) -> Validators | None: ...
    def save_feed_validators(self, feeds: dict[str, Validators]) -> None: ...
    def ingest_read(self, articles: list[Article], errors: list[ReadError], **options: Any) -> Any: ...


@dataclass
class Round:
    read: int = 0  # articles found (pages, descriptions, and messages)
    added: int = 0
    known: int = 0  # URLs or texts already stored
    unchanged: int = 0  # feeds that answered 304 Not Modified
    failed: list[ReadError] = field(default_factory=list)

    def add(self, other: Round) -> None:
        self.read += other.read
        self.added += other.added
        self.known += other.known
        self.unchanged += other.unchanged
        self.failed += other.failed

    @property
    def done(self) -> int:
        """Sources and items that came to an end without failing."""
        return self.added + self.known + self.unchanged


def parse_every(value: str) -> float:
    """`10m`, `30s`, `1h` (a bare number is seconds) → seconds."""
    match = EVERY.match(value)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"not an interval: {value!r} (say 30s, 10m or 1h)")
    return float(match.group(1)) * UNITS[match.group(2)]


class Watcher:
    def __init__(self, store: Store, politeness: Politeness = Politeness(), published: str | None = None,
                 ingest: dict[str, Any] | None = None,
                 tell: Callable[[Round, int], None] = lambda done, sources: None):
        """`ingest` goes to the store's ingest_read (pipeline, batch size, stop); `tell` hears
        each round's outcome and how many sources it read."""
        self.store = store
        self.politeness = politeness
        self.published = published
        self.ingest = ingest or {}
        self.tell = tell

    def run(self, sources: Path, every: float, once: bool = False, stop: Any = None) -> Round:
        """Round after round, `every` seconds apart from the start of one to the next, until a
        stop (or after one round with `once`); the totals."""
        total = Round()
        while True:
            started = time.monotonic()
            urls, problems = read_sources(sources)
            done = self.round(urls, problems, stop)
            total.add(done)
            self.tell(done, len(urls))
            if once:
                return total
            while time.monotonic() - started < every:
                if stop is not None:
                    stop.check()
                time.sleep(min(NAP, every))

    def round(self, urls: list[str], problems: list[ReadError] = (), stop: Any = None) -> Round:
        """Each source in turn: fetched, its articles stored, then its feed's answer saved."""
        done = Round()
        if problems:
            done.add(self._store([], list(problems)))
        with Fetcher(self.politeness) as fetcher:  # robots.txt read anew each round
            gatherer = Gatherer(fetcher, self.store.known_urls, self.published, self.store.feed_validators)
            for url in urls:
                if stop is not None:
                    stop.check()
                found = gatherer.url(url)
                stored = self._store(found.articles, found.errors)
                self.store.save_feed_validators(found.feeds)
                stored.known += found.known
                stored.unchanged += found.unchanged
                done.add(stored)
        return done

    def _store(self, articles: list[Article], errors: list[ReadError]) -> Round:
        if not articles and not errors:
            return Round()
        report = self.store.ingest_read(articles, errors, **self.ingest)
        return Round(read=report.read, added=report.added, known=report.known, failed=list(report.failed))
