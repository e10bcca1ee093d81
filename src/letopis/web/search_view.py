"""The search page's results: one hit per sentence (two events of one sentence are one hit), the
words that matched marked, each hit with its article's title and date, a count, and more hits a
page at a time; and an example query that finds something in this chronicle."""
from __future__ import annotations

import re
from typing import Any

from ..store.text import word_forms, words
from . import service as svc

STEP = 20  # hits per page
MOST = 500  # hits counted at most
SNIPPET = 300
TOKEN = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+|[^0-9A-Za-zА-Яа-яЁё]+")


def results(store: svc.Service, q: str, shown: int = STEP) -> dict[str, Any]:
    q = q.strip()[:500]
    if not q:
        return {"hits": [], "count": 0, "more": False, "shown": 0}
    found = store.read(lambda c: c.search(q, limit=MOST, article_texts=False))
    hits, seen = [], set()
    for hit in found:
        key = (hit["article"], hit["kind"] if hit["kind"] != "event" else "sentence", hit["text"])
        if key not in seen:
            seen.add(key)
            hits.append(hit)
    shown = max(STEP, min(shown, len(hits)))
    page = hits[:shown]
    texts = store.read(lambda c: c.search_texts(sorted({h["article"] for h in page if h["kind"] == "article"})))
    for hit in page:
        hit["text"] = texts.get(hit["article"], "") if hit["kind"] == "article" else hit["text"]
    articles = {a["id"]: a for a in store.read(lambda c: c.articles(ids=sorted({h["article"] for h in page}), entities=False))}
    forms = {f for w in words(q) for f in word_forms(w)}
    for hit in page:
        hit["meta"] = articles.get(hit["article"], {})
        hit["pieces"] = marked(snippet(hit["text"], forms), forms)
    return {"hits": page, "count": len(hits), "capped": len(found) >= MOST, "more": len(hits) > shown,
            "shown": shown, "step": STEP}


def snippet(text: str, forms: set[str]) -> str:
    """Up to SNIPPET characters of the text around its first matching word."""
    if len(text) <= SNIPPET:
        return text
    at = next((m.start() for m in re.finditer(r"\w+", text) if _matches(m.group(), forms)), 0)
    start = max(0, at - SNIPPET // 3)
    return ("…" if start else "") + text[start:start + SNIPPET] + "…"


def marked(text: str, forms: set[str]) -> list[tuple[str, bool]]:
    """The text as (piece, matched) runs: the template marks the matched words (never HTML here)."""
    return [(piece, _matches(piece, forms)) for piece in TOKEN.findall(text)]


def _matches(word: str, forms: set[str]) -> bool:
    return word[:1].isalnum() and bool(set(word_forms(word.lower())) & forms)


def example(store: svc.Service) -> str:
    """A query that finds something here: the name most widely mentioned of late."""
    name = store.read(lambda c: c.recent_name())
    return f"например: {name}" if name else "слова в любой форме"
