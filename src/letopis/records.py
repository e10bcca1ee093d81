"""Typed records that flow through the pipeline. Every span is [start, stop) in the cleaned text."""
from __future__ import annotations

from bisect import bisect_left

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Token:
    start: int
    stop: int
    text: str
    pos: str = ""
    feats: dict[str, str] = field(default_factory=dict)
    lemma: str = ""
    id: int = 0  # 1-based position in its sentence
    head: int = 0  # 0 is the root
    rel: str = ""


@dataclass
class Sentence:
    start: int
    stop: int
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Mention:
    start: int
    stop: int
    type: str
    text: str
    normal: str = ""
    source: str = "natasha"  # which step found it


@dataclass
class Entity:
    id: str
    type: str
    name: str
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    geo: dict[str, Any] | None = None
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None  # the Wikidata QID (letopis.link); None: not known (NIL)


@dataclass
class TimeExpr:
    start: int
    stop: int
    text: str
    value: str
    grain: str  # day | month | year
    part: str | None = None  # morning | day | evening | night
    end: str | None = None  # last day of a range («с 2 по 5 января»)
    caption: bool = False  # a photo caption or dateline: never dates the body's events


@dataclass
class Quote:
    start: int
    stop: int
    text: str
    kind: str  # direct | indirect | slogan | scare
    speaker: str | None = None
    speaker_text: str | None = None
    via: list[str] = field(default_factory=list)
    translation: str | None = None


@dataclass
class Participant:
    text: str | None = None
    entity: str | None = None
    cls: int | None = None  # ACLED inter code


@dataclass
class Count:
    min: int | None
    max: int | None
    text: str


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    start: int  # evidence span
    stop: int
    trigger: str = ""
    date: str | None = None
    date_grain: str | None = None
    location: str | None = None
    site: str | None = None
    actor: Participant = field(default_factory=Participant)
    target: Participant = field(default_factory=Participant)
    fatalities: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    modality: str = "asserted"
    source: dict[str, Any] = field(default_factory=lambda: {"speaker": None, "via": []})
    extra_evidence: list[tuple[int, int]] = field(default_factory=list)
    geo_precision: int | None = None
    time_precision: int | None = None
    background: bool = False  # told as history or context, not as news (docs/events.md)
    confidence: float | None = None  # how likely it is right, 0..1 (letopis.confidence)


SOURCE_FIELDS = ("author", "published_source", "text_source", "forwarded_from")


@dataclass
class Article:
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = None  # where it was read from
    author: str | None = None  # a web page's byline
    published_source: str | None = None  # page, feed, command-line or fetched: when the input did not state it
    text_source: str | None = None  # feed: the text is a feed item's description (its page could not be fetched)
    forwarded_from: str | None = None  # the channel a Telegram message was forwarded from
    raw_text: str | None = None  # text before cleanup
    offset_map: list[int] | None = None  # cleaned offset -> raw offset
    sentences: list[Sentence] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def tokens(self) -> list[Token]:
        return [t for s in self.sentences for t in s.tokens]

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def raw_offset(self, offset: int) -> int:
        """Map an offset in the cleaned text back to the text as read."""
        if not self.offset_map:
            return offset
        if offset >= len(self.offset_map):
            return len(self.raw_text or self.text)
        return self.offset_map[offset]

    def clean_offset(self, raw: int) -> int:
        """Map an offset in the text as read (an annotation's, say) to the cleaned text."""
        if not self.offset_map:
            return raw
        return bisect_left(self.offset_map, raw)

    def to_record(self) -> dict[str, Any]:
        """The SCHEMA.md record; the fields of web pages, feeds and Telegram only when set."""
        extra = {k: getattr(self, k) for k in SOURCE_FIELDS if getattr(self, k) is not None}
        return {
            "id": self.id,
            "published": self.published,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "text": self.text,
            "entities": [_entity_record(e) for e in self.entities],
            "times": [_time_record(t) for t in self.times],
            "quotes": [_quote_record(q) for q in self.quotes],
            "events": [_event_record(e) for e in self.events],
            **extra,
        }


def _entity_record(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "type": e.type, "name": e.name, "roles": e.roles,
            "mentions": [list(m) for m in e.mentions], "geo": e.geo, "aliases": e.aliases,
            "wikidata": e.wikidata}


def _time_record(t: TimeExpr) -> dict[str, Any]:
    record = {"span": [t.start, t.stop], "text": t.text, "value": t.value,
              "grain": t.grain, "part": t.part}
    if t.end:
        record["end"] = t.end
    if t.caption:
        record["caption"] = True
    return record


def _quote_record(q: Quote) -> dict[str, Any]:
    record = {"span": [q.start, q.stop], "text": q.text, "kind": q.kind, "speaker": q.speaker,
              "speaker_text": q.speaker_text, "via": q.via}
    if q.translation:
        record["translation"] = q.translation
    return record


def _participant_record(p: Participant) -> dict[str, Any]:
    return {"text": p.text, "entity": p.entity, "class": p.cls}


def _event_record(e: Event) -> dict[str, Any]:
    return {
        "id": e.id, "type": e.type, "mode": e.mode, "trigger": e.trigger,
        "date": e.date, "date_grain": e.date_grain,
        "location": e.location, "site": e.site,
        "actor": _participant_record(e.actor), "target": _participant_record(e.target),
        "fatalities": asdict(e.fatalities) if e.fatalities else None,
        "injured": asdict(e.injured) if e.injured else None,
        "arrested": asdict(e.arrested) if e.arrested else None,
        "modality": e.modality, "source": e.source,
        "evidence": [e.start, e.stop],
        "extra_evidence": [list(s) for s in e.extra_evidence],
        "geo_precision": e.geo_precision, "time_precision": e.time_precision,
        "background": e.background, "confidence": e.confidence,
    }
