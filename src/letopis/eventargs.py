"""Event place and date on relations others wrote: NEREL links an EVENT mention to where it took
place (TAKES_PLACE_IN) and to when (POINT_IN_TIME). For each such mention of the four families
(letopis.eventrecall) that lies inside a letopis event's evidence, is that event's location one of
the places NEREL names, and is its date the date NEREL names (`letopis eval --nerel-args`)?

Places are compared as letopis entities: the target is the entity with a mention over NEREL's
span. Dates are compared as letopis resolved them: the target is the time expression over NEREL's
span, and the event's date is cut to that expression's grain. A target letopis did not find (no
entity or no time expression there), or a town letopis gives that the gazetteer lacks where NEREL
names its region or country, is counted apart, not scored: this measures where and when an event
is placed, not NER, the gazetteer or time resolution. Facilities and organisations are left out as targets:
an event's location is the town they are in, which NEREL does not say.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .eventrecall import Mention, aligned, covering, family_of, processed, read_events
from .records import Article, Entity, Event

PLACE_TYPES = {"CITY", "COUNTRY", "STATE_OR_PROVINCE", "DISTRICT", "LOCATION"}
RELATIONS = {"TAKES_PLACE_IN": "place", "POINT_IN_TIME": "date"}


@dataclass
class Linked(Mention):
    """An EVENT mention with the spans NEREL links it to, by argument."""
    targets: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)


@dataclass
class Outcome:
    mention: Linked
    argument: str  # place | date
    right: bool | None  # None: letopis found nothing at the target's span
    said: str  # what letopis gave, for the list of wrong ones
    wanted: str


def read_linked(ann: Path) -> list[Linked]:
    """The EVENT mentions of one BRAT file that NEREL links to a place or a date."""
    spans, relations = {}, []
    for line in ann.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].startswith("T") and ";" not in parts[1]:
            kind, start, stop = parts[1].split()
            spans[parts[0]] = (kind, int(start), int(stop), parts[2])
        elif parts[0].startswith("R") and len(parts) >= 2:
            name, first, second = parts[1].split()
            if name in RELATIONS:
                relations.append((RELATIONS[name], first.split(":")[1], second.split(":")[1]))
    events = {(m.start, m.stop): m for m in read_events(ann)}
    linked = {}
    for argument, event_id, target_id in relations:
        if event_id not in spans or target_id not in spans:
            continue
        _, start, stop, _ = spans[event_id]
        kind, t_start, t_stop, t_text = spans[target_id]
        if (start, stop) not in events or (argument == "place" and kind not in PLACE_TYPES):
            continue
        m = events[start, stop]
        mention = linked.setdefault((start, stop), Linked(m.article, m.start, m.stop, m.text))
        mention.targets.setdefault(argument, []).append((t_start, t_stop, t_text))
    return list(linked.values())


def _covering_event(article: Article, mention: Mention) -> Event | None:
    """The event whose evidence holds the mention; of several (a sentence may state a protest and
    a demand), the one whose trigger is the mention's word."""
    events = covering(article, mention)
    return next((e for e in events if e.trigger and e.trigger in mention.text), next(iter(events), None))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(place: Entity, wider: Entity) -> bool:
    """A town in the country or region NEREL names: letopis keeps the narrowest place stated, NEREL
    often links the event to the country only."""
    here, there = place.geo or {}, wider.geo or {}
    if there.get("feature") == "country":
        return bool(here.get("country")) and here.get("country") == there.get("country")
    return there.get("feature") == "region" and bool(here.get("admin1")) and here.get("admin1") == there.get("name")


def judge(article: Article, mention: Linked) -> list[Outcome]:
    """Place and date of the letopis event over one linked mention (none when it finds no event)."""
    event = _covering_event(article, mention)
    if event is None:
        return []
    outcomes = []
    if places := mention.targets.get("place"):
        wanted = [entity for entity in article.entities if entity.type == "LOC"
                  and any(_overlaps(span, (s, e)) for span in entity.mentions for s, e, _ in places)]
        said = next((entity for entity in article.entities if entity.id == event.location), None)
        right = any(said is not None and (said.id == w.id or inside(said, w)) for w in wanted) if wanted else None
        if right is False and said is not None and said.geo is None and all(
                (w.geo or {}).get("feature") in ("country", "region") for w in wanted):
            right = None  # «Портапик» in «Новая Шотландия»: a town the gazetteer lacks, inside or not
        outcomes.append(Outcome(mention, "place", right, said.name if said else "—",
                                " | ".join(t for _, _, t in places)))
    if dates := mention.targets.get("date"):
        times = [t for t in article.times if any(_overlaps((t.start, t.stop), (s, e)) for s, e, _ in dates)]
        right = any((event.date or "")[:len(t.value)] == t.value for t in times) if times else None
        outcomes.append(Outcome(mention, "date", right, event.date or "—", " | ".join(t for _, _, t in dates)))
    return outcomes


def measure(folder: Path, pipeline, skip: set[str] = frozenset()) -> list[Outcome]:
    """The outcomes over a NEREL folder, for mentions of the four families."""
    outcomes = []
    for path, article in processed(folder, pipeline, skip):
        for mention in aligned(article, read_linked(path.with_suffix(".ann"))):
            for argument, targets in mention.targets.items():
                mention.targets[argument] = [(article.clean_offset(s), article.clean_offset(e), t)
                                             for s, e, t in targets]
            mention.family = family_of(article, mention) or ""
            if mention.family:
                outcomes += judge(article, mention)
    return outcomes


def report(outcomes: list[Outcome], title: str, show: int = 20) -> str:
    lines = [f"event place and date against NEREL's relations ({title})"]
    unjudged = {"place": "a target letopis did not find, or a town the gazetteer lacks",
                "date": "a target letopis did not find or resolve"}
    for argument in ("place", "date"):
        mine = [o for o in outcomes if o.argument == argument]
        scored = [o for o in mine if o.right is not None]
        right = sum(o.right for o in scored)
        share = f"{right / len(scored):6.3f}" if scored else "     -"
        lines.append(f"  {argument:<6} {share}  ({right} of {len(scored)} right; "
                     f"{len(mine) - len(scored)} not judged: {unjudged[argument]})")
    wrong = [o for o in outcomes if o.right is False]
    by_kind = Counter(o.argument for o in wrong)
    lines += [f"  wrong {o.argument}: {o.mention.article} «{o.mention.text}» is {o.said}, NEREL: {o.wanted}"
              for o in wrong[:show]]
    if len(wrong) > show:
        lines.append(f"  … and {len(wrong) - show} more ({dict(by_kind)})")
    return "\n".join(lines)
