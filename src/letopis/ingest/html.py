"""A news page's HTML into an Article: trafilatura finds the main text (no navigation, ads,
comments, «читайте также» blocks or footers) and the page's metadata: title, publication date,
site name (the outlet), canonical URL and author. Only the page's own metadata dates it: a date
met in a link or in the text is not the page's."""
from __future__ import annotations

from functools import cache

from ..records import Article
from .text import InputError, parse_published, parse_text

HTML_SUFFIXES = {".html", ".htm"}


def read_html(page: bytes | str, url: str | None = None, path: str | None = None,
              fallback: tuple[str, str] | None = None, id: str | None = None) -> Article:
    """The article of a page. `url` is where it was fetched (the canonical URL wins over it);
    `fallback` is (source, date) for a page whose metadata gives no date: `feed`, `command-line`
    or `fetched`, which the record's `published_source` then names."""
    document = _extract(page, url)
    if document is None or not (document.text or "").strip():
        raise InputError("no article text found in the page")
    title = _clean(document.title)
    body = document.text.strip()
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    published, source = _date(document.date), "page"
    if published is None and fallback is not None:
        source, published = fallback
    article = parse_text(text, id=id, published=published, path=path or url, header=False)
    article.title, article.outlet = title, _clean(document.sitename)
    article.url, article.author = document.url or url, _clean(document.author)
    article.published_source = source if published else None
    return article


def _extract(page: bytes | str, url: str | None):
    from trafilatura import bare_extraction  # a second's import: only when a page is read
    try:
        return bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                               include_tables=False, config=_config())
    except Exception as error:  # lxml and trafilatura refuse broken markup in their own ways
        raise InputError(f"not a readable HTML page ({type(error).__name__}: {error})") from None


@cache
def _config():
    from trafilatura.settings import use_config
    config = use_config()
    # the extensive search takes dates from links and text («читайте также» of another day)
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


def _date(value: str | None) -> str | None:
    try:
        return parse_published(value) if value else None
    except InputError:
        return None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
