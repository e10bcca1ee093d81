"""An article's events as rows: the events row, the event_sources row (its claim in one line),
and the sentence that states an event (write.py puts them in the batch)."""
from __future__ import annotations

from typing import Any

from ..records import Article, Count, Event, Participant
from ..times import date_range
from . import merge
from .resolve import StoredEntity


def event_row(article: Article, article_id: str, event: Event, local: dict[str, StoredEntity]) -> dict[str, Any]:
    """The events row of an article's event (its chronicle id still None)."""
    value, grain = event.date, event.date_grain
    if not value and article.published:  # undated: the day, month or year it was published
        value, grain = article.published, None
    span = date_range(value, grain)
    location = local.get(event.location) if event.location else None
    row: dict[str, Any] = {
        "article_id": article_id, "local_id": event.id, "type": event.type, "mode": event.mode,
        "family": merge.family(event.type, event.mode), "trigger": event.trigger,
        "date": value, "date_grain": span[2] if span else grain,
        "date_from": span[0] if span else None, "date_to": span[1] if span else None,
        "location_id": location.id if location else None,
        "location_name": location.name if location else None, "site": event.site,
    }
    for side, part in (("actor", event.actor), ("target", event.target)):
        row.update(_participant(side, part, local))
    for what, count in (("fatalities", event.fatalities), ("injured", event.injured),
                        ("arrested", event.arrested)):
        row.update(_count(what, count))
    row.update({
        "modality": event.modality,
        "source_speaker_id": gid(local, (event.source or {}).get("speaker")),
        "source_via": [local[v].name for v in (event.source or {}).get("via") or [] if v in local],
        "start": event.start, "stop": event.stop, "sentence": sentence(article, event),
        "background": event.background, "confidence": event.confidence, "chronicle_id": None,
    })
    return row

def source(article: Article, article_id: str, event: Event, row: dict[str, Any],
       local: dict[str, StoredEntity], duplicate_of: str | None) -> dict[str, Any]:
    """The event_sources row of an event (without its chronicle id)."""
    speaker = local.get((event.source or {}).get("speaker") or "")
    return {"article_id": article_id, "event_id": event.id, "outlet": article.outlet,
            "published": article.published, "url": article.url, "sentence": row["sentence"],
            "claim": claim(event, row, speaker.name if speaker else None),
            "fatalities_min": row["fatalities_min"], "fatalities_max": row["fatalities_max"],
            "fatalities_text": row["fatalities_text"], "modality": event.modality,
            "speaker": speaker.name if speaker else None, "via": row["source_via"],
            "reprint_of": duplicate_of}


def sentence(article: Article, event: Event) -> str:
    """The sentence that states the event (its evidence span when sentences are unknown)."""
    for s in article.sentences:
        if s.start <= event.start < s.stop:
            return article.text[s.start:max(s.stop, min(event.stop, len(article.text)))]
    return article.text[event.start:event.stop]


def claim(event: Event, row: dict[str, Any], speaker: str | None) -> str:
    """What the article claims, in one line: what, when, where, the figures and on whose word."""
    parts = [f"{event.type}/{event.mode}" if event.mode else event.type]
    parts += [p for p in (row["date"], row["location_name"]) if p]
    for what in ("fatalities", "injured", "arrested"):
        if row[f"{what}_min"] is not None:
            parts.append(f"{what}: {_figure(row[f'{what}_min'], row[f'{what}_max'])}"
                         f" ({row[f'{what}_text']})")
    if event.modality not in ("asserted", None):
        parts.append(event.modality)
    if speaker:
        parts.append(f"according to {speaker}")
    return "; ".join(parts)


def _figure(low: int, high: int | None) -> str:
    if high == low:
        return str(low)
    return f"{low}+" if high is None else f"{low}–{high}"


def gid(local: dict[str, StoredEntity], entity_id: str | None) -> int | None:
    return local[entity_id].id if entity_id in local else None


def _participant(side: str, part: Participant, local: dict[str, StoredEntity]) -> dict[str, Any]:
    part = part or Participant()
    return {f"{side}_text": part.text, f"{side}_id": gid(local, part.entity), f"{side}_class": part.cls}


def _count(what: str, count: Count | None) -> dict[str, Any]:
    return {f"{what}_min": count.min if count else None, f"{what}_max": count.max if count else None,
            f"{what}_text": count.text if count else None}


def dated_by_report(article: Article, event: Event) -> bool:
    """The event's day is its article's publication day and its sentence names no time: it may
    have happened the day before (a next-morning report); «сегодня», «12 марта» state the day."""
    value = event.date or article.published
    return value == article.published and not any(
        event.start <= t.start < event.stop and not t.caption for t in article.times)
