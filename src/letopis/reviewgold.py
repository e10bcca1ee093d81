"""Gold from reviews: for each stored article whose events were all reviewed, a gold file in the
form of SCHEMA.md («Gold files and scoring»), so that `letopis eval` measures the extractor on
the user's own news. The events are the reviewed ones (confirmed as found, or as corrected);
rejected events are left out, so they count as false alarms of the extractor. An event the
extractor missed is not in the store, so this gold measures precision and the arguments, and
recall only of what was found. Each file names its article's text beside it
(`texts/<name>.txt`), relative to the folder the gold is written to.
"""
from __future__ import annotations

import hashlib
import re
from typing import Any

import duckdb

from .store import reads
from .store.resolve import aliases_of

SAFE = re.compile(r"[^\w.-]+")


def file_name(article_id: str) -> str:
    """A file name for an article id (ids may hold any character): its safe part and a short hash."""
    digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:8]
    return f"{SAFE.sub('_', article_id).strip('._')[:80] or 'article'}-{digest}"


def reviewed_articles(db: duckdb.DuckDBPyConnection) -> list[str]:
    """Articles with events, every one of them reviewed."""
    return [r[0] for r in db.execute(
        "SELECT article_id FROM events GROUP BY article_id HAVING bool_and(review IS NOT NULL) "
        "ORDER BY article_id").fetchall()]


def gold_files(db: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """[{name, gold, text}]: the gold record of each fully reviewed article and its text."""
    out = []
    for article_id in reviewed_articles(db):
        text, published = db.execute("SELECT text, published FROM articles WHERE id = ?", [article_id]).fetchone()
        events = [e for e in reads.article_events(db, article_id) if e["review"] != "rejected"]
        places = sorted({e["place"] for e in events if e["place"]})
        located = db.execute("SELECT name, id FROM entities WHERE type = 'LOC' AND list_contains(?, name) ORDER BY id",
                             [places]).fetchall() if places else []
        listed = aliases_of(db, [id_ for _, id_ in located])
        aliases = {name: listed.get(id_) for name, id_ in located}
        reviewers = [r[0] for r in db.execute(
            "SELECT DISTINCT reviewer FROM reviews WHERE article_id = ? AND event_id IS NOT NULL ORDER BY 1",
            [article_id]).fetchall()]
        name = file_name(article_id)
        gold = {"article": f"texts/{name}.txt", "published": published, "layers": ["events"],
                "source": {"article_id": article_id, "reviewed_by": reviewers},
                "entities": [{"type": "LOC", "name": p, "aliases": sorted(set(aliases.get(p) or []) - {p})}
                             for p in places],
                "events": [_event(e, text) for e in events]}
        out.append({"name": name, "gold": gold, "text": text})
    return out


def _event(e: dict[str, Any], text: str) -> dict[str, Any]:
    start, stop = e["evidence"]
    # a piece of one line: the scorer finds the evidence in the text with its spacing as written
    evidence = max((line.strip() for line in text[start:stop].split("\n")), key=len)
    gold = {"type": e["type"], "mode": e["mode"], "evidence": evidence,
            "date": e["date"], "location": e["place"],
            "actor": e["actor"]["name"], "target": e["target"]["name"],
            "modality": e["modality"], "background": e["background"]}
    if e["type"] == "ASSAULT":  # docs/annotation.md: fatalities are annotated for ASSAULT events
        gold["fatalities"] = e["fatalities"]
    return gold
