"""The chronicle merge: events from different articles that report one occurrence become one
chronicle event that keeps every source and its claim.

Two events merge when they share a type family, a place (the same, or one inside the other),
overlapping dates at their grains, and compatible actors. An event with no place or no date
stays on its own: a merge never guesses across places or days. An event told as history or
context (background) never merges with one told as news.

The rules here work on rows in memory; merging.py gives them a batch's candidates and writes
the outcome.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import lru_cache
from typing import Any

from .. import gazetteer
from .schema import rules
from .text import lemmas

GRAINS = ("day", "week", "month", "year")  # finest first

Geo = dict[str, Any] | None
GeoOf = Callable[[int | None], Geo]


def family(type_: str, mode: str | None) -> str:
    families = rules()["families"]
    return families.get(f"{type_}/{mode}") or families.get(type_) or type_


def occurred(modality: str | None) -> bool:
    return modality not in rules()["not_occurred"]


def contains(outer: Geo, inner: Geo) -> bool:
    """Whether the place `inner` lies inside `outer` (a city inside its country or region)."""
    return bool(outer and inner and gazetteer.contains(outer, inner))


def same_place(a_id: int | None, a_geo: Geo, b_id: int | None, b_geo: Geo) -> bool:
    if a_id is None or b_id is None:
        return False
    return a_id == b_id or contains(a_geo, b_geo) or contains(b_geo, a_geo)


def compatible_side(a_id: int | None, a_class: int | None, b_id: int | None, b_class: int | None) -> bool:
    """Actors (or targets) agree unless both are known and differ."""
    if a_id is not None and b_id is not None and a_id != b_id:
        return False
    return a_class is None or b_class is None or a_class == b_class


SOURCE_FIELDS = ("article_id", "type", "mode", "family", "date_from", "date_to", "date_grain",
                 "location_id", "location_name", "site", "actor_text", "actor_id", "actor_class",
                 "target_text", "target_id", "target_class", "fatalities_min", "fatalities_max",
                 "injured_min", "arrested_min", "sentence", "background", "confidence", "review", "reprint_of",
                 "published", "start")


def match(event: dict[str, Any], candidates: Iterable[dict[str, Any]], geo_of: GeoOf, by_report: bool,
          excluded: set[int]) -> int | None:
    """The chronicle event (of `candidates`, rows of chronicle_events) an event row reports, or
    None. `by_report`: the event's day is its article's publication day, no day of its own: a
    report of the next morning («взрыв на заправке» published the day after) may tell the day
    before. `excluded`: the chronicle events the article's other events went to (the events
    stage already merged one article's mentions of an occurrence: its other events are other
    occurrences)."""
    if event["location_id"] is None or event["date_from"] is None:
        return None
    earliest = event["date_from"] - timedelta(days=1) if by_report and event["date_grain"] == "day" \
        else event["date_from"]
    event_geo = geo_of(event["location_id"])
    passing = []
    for c in sorted(candidates, key=lambda c: c["id"]):
        if (c["family"] != event["family"] or c["date_from"] is None or c["date_from"] > event["date_to"]
                or c["date_to"] < earliest or bool(c["background"]) != bool(event["background"])
                or c["id"] in excluded):
            continue
        if not same_place(event["location_id"], event_geo, c["location_id"], geo_of(c["location_id"])):
            continue
        if not (compatible_side(event["actor_id"], event["actor_class"], c["actor_id"], c["actor_class"])
                and compatible_side(event["target_id"], event["target_class"], c["target_id"], c["target_class"])):
            continue
        # Prefer the same place, then the same grain, then the more similar wording: a report that
        # names only the country may fit events in several of its cities.
        passing.append((c, 2 * (c["location_id"] == event["location_id"]) + (c["date_grain"] == event["date_grain"])))
    if not passing:
        return None
    # The wording adds at most 1, and on equal scores the first (the lowest id) wins: it is
    # compared only where it can change which one that is.
    top = max(base for _, base in passing)
    words: set[str] | None = None
    best: tuple[float, int] | None = None
    for c, base in passing:
        if base + 1 < top or (best is not None and base + 1 <= best[0]):
            continue
        words = words if words is not None else set(lemmas(event["sentence"] or "").split())
        score = base + _overlap(words, _lemma_set(c["sentence"] or ""))
        if best is None or score > best[0]:
            best = (score, c["id"])
    return best[1] if best else None


@lru_cache(maxsize=65536)
def _lemma_set(sentence: str) -> frozenset[str]:
    return frozenset(lemmas(sentence).split())


def _overlap(a: set[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def summary(sources: list[dict[str, Any]], geo_of: GeoOf) -> dict[str, Any] | None:
    """A chronicle event's values recomputed from all its sources (dicts of SOURCE_FIELDS), as
    reviewed: a rejected source adds nothing; None when every source is rejected (store/reviews.py)."""
    every = sorted(sources, key=lambda s: (s["published"] is None, s["published"] or "", s["article_id"],
                                           s["start"] is None, s["start"] or 0))
    sources = [s for s in every if s.get("review") != "rejected"]
    if not sources:
        return None
    # A reprint of an article already among the sources adds no figures and no count of its own.
    articles = {s["article_id"] for s in sources}
    own = [s for s in sources if s["reprint_of"] not in articles]
    kind = Counter((s["type"], s["mode"]) for s in own).most_common(1)[0][0]
    dated = [s for s in sources if s["date_from"] is not None]
    grain = min((s["date_grain"] for s in dated), key=GRAINS.index, default=None)
    date_from = max((s["date_from"] for s in dated), default=None)
    date_to = min((s["date_to"] for s in dated), default=None)
    if date_from is not None and date_from > date_to:  # a report of the next day dated by its publication
        first = min(dated, key=lambda s: s["date_from"])
        date_from, date_to, grain = first["date_from"], first["date_to"], first["date_grain"]
    place = _innermost(sources, geo_of)
    place_geo = geo_of(place["location_id"]) if place else None
    claims = {(s["fatalities_min"], s["fatalities_max"]) for s in own if s["fatalities_min"] is not None}
    values = {
        "type": kind[0], "mode": kind[1], "family": sources[0]["family"],
        "date_from": date_from, "date_to": date_to, "date_grain": grain,
        "location_id": place["location_id"] if place else None,
        "location_name": place["location_name"] if place else None,
        "country": (place_geo or {}).get("country"), "feature": (place_geo or {}).get("feature"),
        "lat": (place_geo or {}).get("lat"), "lon": (place_geo or {}).get("lon"),
        "site": _first(sources, "site"),
        "fatalities": min((lo for lo, _ in claims), default=None),
        "fatalities_max": max((hi if hi is not None else lo for lo, hi in claims), default=None),
        "disputed": len(claims) > 1,
        "injured": min((s["injured_min"] for s in own if s["injured_min"] is not None), default=None),
        "arrested": min((s["arrested_min"] for s in own if s["arrested_min"] is not None), default=None),
        "sources": len({s["article_id"] for s in own}),
        "reprints": len(articles) - len({s["article_id"] for s in own}),
        "sentence": sources[0]["sentence"],
        "background": bool(sources[0]["background"]),  # sources of one entry never mix the two
        "confidence": max((s["confidence"] for s in sources if s["confidence"] is not None), default=None),
        "review": review_state([s.get("review") for s in every]),
    }
    for side in ("actor", "target"):
        for field in ("text", "id", "class"):
            values[f"{side}_{field}"] = _first(sources, f"{side}_{field}")
    return values


def review_state(states: list[str | None]) -> str | None:
    """A chronicle event's review from its sources': rejected when all are; once each source is
    reviewed, corrected when any was corrected, else confirmed; partly when only some are; None
    when none is."""
    if not states or not any(states):
        return None
    if all(s == "rejected" for s in states):
        return "rejected"
    if not all(states):
        return "partly"
    return "corrected" if "corrected" in states else "confirmed"


def _innermost(sources: list[dict[str, Any]], geo_of: GeoOf) -> dict[str, Any] | None:
    """The most precise place the sources name: a city over the country it lies in."""
    place = None
    for source in sources:
        if source["location_id"] is None:
            continue
        if place is None or contains(geo_of(place["location_id"]), geo_of(source["location_id"])):
            place = source
    return place


def _first(sources: list[dict[str, Any]], key: str) -> Any:
    """The value most sources give (the earliest source on a tie)."""
    counts = Counter(s[key] for s in sources if s[key] is not None)
    return counts.most_common(1)[0][0] if counts else None
