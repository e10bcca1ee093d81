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


def annotations(record: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, stop, key, css class) for every span of a SCHEMA.md record."""
    spans = []
    for entity in record.get("entities", []):
        spans += [(start, stop, entity["id"], f"ent ent-{entity['type']}") for start, stop in entity["mentions"]]
    for i, time in enumerate(record.get("times", [])):
        spans.append((*time["span"], f"T{i}", "time"))
    for i, quote in enumerate(record.get("quotes", [])):
        spans.append((*quote["span"], f"Q{i}", f"quote quote-{quote['kind']}"))
    for event in record.get("events", []):
        spans.append((*event["evidence"], event["id"], f"event type-{event['type']}"))
    return spans


def runs(record: dict[str, Any], focus: str | None = None) -> list[Run]:
    text = record["text"]
    spans = [(max(0, s), min(len(text), e), k, c) for s, e, k, c in annotations(record)
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


def records(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The record behind each annotation key, for the hover panel."""
    entities = {e["id"]: e for e in record.get("entities", [])}
    name = lambda entity_id: entities[entity_id]["name"] if entity_id in entities else None  # noqa: E731
    out: dict[str, dict[str, Any]] = {}
    for entity in entities.values():
        out[entity["id"]] = {"kind": "entity", "type": entity["type"], "name": entity["name"],
                             "roles": entity.get("roles", []), "geo": entity.get("geo"),
                             "mentions": len(entity["mentions"])}
    for i, time in enumerate(record.get("times", [])):
        out[f"T{i}"] = {"kind": "time", **{k: time.get(k) for k in ("text", "value", "grain", "part")}}
    for i, quote in enumerate(record.get("quotes", [])):
        out[f"Q{i}"] = {"kind": "quote", "quote_kind": quote["kind"],
                        "speaker": name(quote.get("speaker")) or quote.get("speaker_text"),
                        "via": [name(v) or v for v in quote.get("via", [])]}
    for event in record.get("events", []):
        start, stop = event["evidence"]
        out[event["id"]] = {
            "kind": "event", "type": event["type"], "mode": event.get("mode"), "date": event.get("date"),
            "place": name(event.get("location")), "actor": (event.get("actor") or {}).get("text"),
            "target": (event.get("target") or {}).get("text"),
            "fatalities": (event.get("fatalities") or {}).get("text"),
            "modality": event.get("modality"), "evidence": record["text"][start:stop]}
    return out
