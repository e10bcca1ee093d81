"""An article's text cut into runs for the article view: each run carries the annotations that
cover it (entity mentions, times, quotes, event evidence), so overlapping spans need no nesting.
The template escapes every run; nothing here builds HTML."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# Chromium lays out one huge text node slowly (seconds for a 1 MB line), pieces of it quickly.
PIECE = 2000


@dataclass
class Run:
    text: str
    keys: list[str] = field(default_factory=list)  # annotation keys: E1, T0, Q0, V1
    classes: list[str] = field(default_factory=list)
    focus: bool = False  # inside the evidence of the event the page was opened for


def annotations(record: dict[str, Any], reviewed: dict[str, dict[str, Any]] | None = None
                ) -> list[tuple[int, int, str, str]]:
    """(start, stop, key, css class) for every span of a SCHEMA.md record; an event's classes
    also say how confident the extractor is (`conf-low` is drawn fainter) and whether a reviewer
    confirmed, corrected or rejected it (`reviewed`: the events as stored now, by id)."""
    from .terms import confidence_band
    reviewed = reviewed or {}
    spans = []
    for entity in record.get("entities", []):
        spans += [(start, stop, entity["id"], f"ent ent-{entity['type']}") for start, stop in entity["mentions"]]
    for i, time in enumerate(record.get("times", [])):
        spans.append((*time["span"], f"T{i}", "time"))
    for i, quote in enumerate(record.get("quotes", [])):
        spans.append((*quote["span"], f"Q{i}", f"quote quote-{quote['kind']}"))
    for event in record.get("events", []):
        now = reviewed.get(event["id"], event)
        classes = f"event conf-{confidence_band(now.get('confidence'))}"
        if now.get("review"):
            classes += f" review-{now['review']}"
        spans.append((*event["evidence"], event["id"], classes))
    return spans


def runs(record: dict[str, Any], focus: str | None = None,
         reviewed: dict[str, dict[str, Any]] | None = None) -> list[Run]:
    text = record["text"]
    spans = [(max(0, s), min(len(text), e), k, c) for s, e, k, c in annotations(record, reviewed)
             if 0 <= s < e and s < len(text)]
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (s, e, _, _) in enumerate(spans):
        opening.setdefault(s, []).append(i)
        closing.setdefault(e, []).append(i)
    active: set[int] = set()  # a sweep over the cuts: spans open at one and close at another
    out = []
    for start, stop in zip(cuts, cuts[1:]):
        active.difference_update(closing.get(start, ()))
        active.update(opening.get(start, ()))
        over = [spans[i][2:] for i in sorted(active)]
        run = Run(text[start:stop], [k for k, _ in over],
                  sorted({name for _, c in over for name in c.split()}),
                  focus is not None and any(k == focus for k, _ in over))
        out += [replace(run, text=piece) for piece in pieces(run.text)]
    return out


def pieces(text: str) -> list[str]:
    """Text cut into pieces of at most PIECE characters, after a space where one is near."""
    out = []
    while len(text) > PIECE:
        cut = text.rfind(" ", PIECE - 200, PIECE) + 1 or PIECE
        out.append(text[:cut])
        text = text[cut:]
    return out + [text]


def records(record: dict[str, Any], reviewed: dict[str, dict[str, Any]] | None = None
            ) -> dict[str, dict[str, Any]]:
    """The record behind each annotation key, for the hover panel, in the words the page shows:
    names, not ids; an event as reviewed where it was."""
    from . import terms
    reviewed = reviewed or {}
    entities = {e["id"]: e for e in record.get("entities", [])}
    name = lambda entity_id: entities[entity_id]["name"] if entity_id in entities else None  # noqa: E731
    out: dict[str, dict[str, Any]] = {}
    for entity in entities.values():
        geo = entity.get("geo") or {}
        out[entity["id"]] = {"kind": "entity", "title": entity["name"],
                             "type": terms.term("entity_types", entity["type"]),
                             "roles": entity.get("roles", []), "mentions": len(entity["mentions"]),
                             "place": ", ".join(filter(None, [terms.term("features", geo.get("feature"), ""),
                                                              terms.country_name(geo.get("country"))])) or None}
    for i, time in enumerate(record.get("times", [])):
        out[f"T{i}"] = {"kind": "time", "title": time["text"],
                        "value": terms.date_text(time.get("value"), time.get("grain")),
                        "part": terms.term("parts_of_day", time.get("part"), "") or None}
    for i, quote in enumerate(record.get("quotes", [])):
        out[f"Q{i}"] = {"kind": "quote", "title": terms.term("quote_kinds", quote["kind"]),
                        "speaker": name(quote.get("speaker")) or quote.get("speaker_text"),
                        "via": [name(v) or v for v in quote.get("via", [])]}
    for event in record.get("events", []):
        start, stop = event["evidence"]
        now = reviewed.get(event["id"])
        if now:
            place, actor, target = now["place"], terms.participant(now["actor"]), terms.participant(now["target"])
            toll = now["fatalities"]
        else:
            place = name(event.get("location"))
            actor, target = (terms.participant({**(event.get(side) or {}), "name": name((event.get(side) or {}).get("entity"))})
                             for side in ("actor", "target"))
            toll = event.get("fatalities")
        source = now or event
        out[event["id"]] = {
            "kind": "event", "title": terms.kind_label(source["type"], source.get("mode")),
            "date": terms.date_text(source.get("date"), source.get("date_grain")), "place": place,
            "actor": actor, "target": target,
            "fatalities": terms.figure(toll["min"], toll["max"]) if toll else None,
            "modality": terms.term("modalities", source.get("modality")),
            "review": terms.term("review_statuses", now["review"], "") if now and now["review"] else None,
            "confidence": terms.confidence_text(source.get("confidence")),
            "chronicle": now["chronicle_id"] if now else None,
            "evidence": record["text"][start:stop]}
    return out
