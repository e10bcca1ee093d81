"""Any mix of files, folders and URLs into Articles, as `letopis ingest` takes them: files and
folders are read offline (ingest/); URLs and feed files go through a polite Fetcher, opened only
when there is something to fetch."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..ingest import Limits, read_paths
from ..ingest.feeds import FEED_SUFFIXES
from ..records import Article
from .urls import is_url


def read_inputs(inputs: list[str], store: Any, published: str | None = None, limits: Limits = Limits(),
                politeness: Any = None):
    """A Gathered (gather.py): articles, errors, and the validators of the feeds fetched, to
    save once the articles are stored. `store` answers known_urls and feed_validators."""
    from .client import Fetcher, Politeness
    from .gather import Gathered, Gatherer
    urls = [i for i in inputs if is_url(i)]
    feeds = [Path(i) for i in inputs if not is_url(i) and is_feed_file(i)]
    files = [Path(i) for i in inputs if not is_url(i) and not is_feed_file(i)]
    found = Gathered()
    for item in read_paths(files, published, limits):
        (found.articles if isinstance(item, Article) else found.errors).append(item)
    if urls or feeds:
        with Fetcher(politeness or Politeness()) as fetcher:
            gatherer = Gatherer(fetcher, store.known_urls, published, store.feed_validators)
            for url in urls:
                found.add(gatherer.url(url))
            for path in feeds:
                found.add(gatherer.feed_file(path))
    return found


def is_feed_file(name: str) -> bool:
    return Path(name.removesuffix(".gz")).suffix.lower() in FEED_SUFFIXES

