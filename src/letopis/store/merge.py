"""The chronicle merge: events from different articles that report one occurrence become one
chronicle event that keeps every source and its claim.

Two events merge when they share a type family, a place (the same, or one inside the other),
overlapping dates at their grains, and compatible actors. An event with no place or no date
stays on its own: a merge never guesses across places or days. An event told as history or
context (background) never merges with one told as news.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import duckdb

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


def attach(db: duckdb.DuckDBPyConnection, event: dict[str, Any], geo_of: GeoOf, by_report: bool = False) -> int:
    """Put an event row into the chronicle event it reports, or a new one; returns its id.
    `by_report`: the event's day is its article's publication day, no day of its own: a report
    of the next morning («взрыв на заправке» published the day after) may tell the day before."""
    chronicle_id = _match(db, event, geo_of, by_report)
    if chronicle_id is None:
        chronicle_id = db.execute("SELECT nextval('chronicle_ids')").fetchone()[0]
        db.execute("INSERT INTO chronicle_events (id) VALUES (?)", [chronicle_id])
    return chronicle_id


def _match(db: duckdb.DuckDBPyConnection, event: dict[str, Any], geo_of: GeoOf, by_report: bool) -> int | None:
    if event["location_id"] is None or event["date_from"] is None:
        return None
    earliest = event["date_from"] - timedelta(days=1) if by_report and event["date_grain"] == "day" \
        else event["date_from"]
    candidates = db.execute(
        "SELECT id, location_id, actor_id, actor_class, target_id, target_class, date_grain, sentence "
        "FROM chronicle_events WHERE family = ? AND date_from <= ? AND date_to >= ? "
        "AND coalesce(background, false) = ? "
        # the events stage already merged one article's mentions of an occurrence: its other events
        # are other occurrences
        "AND id NOT IN (SELECT chronicle_id FROM events WHERE article_id = ? AND chronicle_id IS NOT NULL) "
        "ORDER BY id",
        [event["family"], event["date_to"], earliest, bool(event["background"]),
         event["article_id"]]).fetchall()
    event_geo = geo_of(event["location_id"])
    best: tuple[float, int] | None = None
    words = set(lemmas(event["sentence"] or "").split())
    for cid, location_id, actor_id, actor_class, target_id, target_class, grain, sentence in candidates:
        if not same_place(event["location_id"], event_geo, location_id, geo_of(location_id)):
            continue
        if not (compatible_side(event["actor_id"], event["actor_class"], actor_id, actor_class)
                and compatible_side(event["target_id"], event["target_class"], target_id, target_class)):
            continue
        # Prefer the same place, then the same grain, then the more similar wording: a report that
        # names only the country may fit events in several of its cities.
        score = 2 * (location_id == event["location_id"]) + (grain == event["date_grain"]) \
            + _overlap(words, set(lemmas(sentence or "").split()))
        if best is None or score > best[0]:
            best = (score, cid)
    return best[1] if best else None


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def refresh(db: duckdb.DuckDBPyConnection, chronicle_id: int, geo_of: GeoOf) -> None:
    """Recompute a chronicle event from all its sources, as reviewed: a rejected source adds
    nothing, and when every source is rejected the event is marked rejected (store/reviews.py)."""
    columns = ("article_id", "type", "mode", "family", "date_from", "date_to", "date_grain",
               "location_id", "location_name", "site", "actor_text", "actor_id", "actor_class",
               "target_text", "target_id", "target_class", "fatalities_min", "fatalities_max",
               "injured_min", "arrested_min", "sentence", "background", "confidence", "review", "reprint_of")
    rows = db.execute(
        f"SELECT {', '.join('e.' + c if c != 'reprint_of' else 's.' + c for c in columns)} "
        "FROM events e JOIN event_sources s ON s.article_id = e.article_id AND s.event_id = e.local_id "
        "WHERE e.chronicle_id = ? ORDER BY s.published NULLS LAST, e.article_id, e.start",
        [chronicle_id]).fetchall()
    every = [dict(zip(columns, row)) for row in rows]
    sources = [s for s in every if s["review"] != "rejected"]
    if not sources:
        db.execute("UPDATE chronicle_events SET review = ?, updated_at = current_timestamp WHERE id = ?",
                   ["rejected" if every else None, chronicle_id])
        return
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
        "review": review_state([s["review"] for s in every]),
    }
    for side in ("actor", "target"):
        for field in ("text", "id", "class"):
            values[f"{side}_{field}"] = _first(sources, f"{side}_{field}")
    assignments = ", ".join(f"{k} = ?" for k in values)
    db.execute(f"UPDATE chronicle_events SET {assignments}, updated_at = current_timestamp WHERE id = ?",
               [*values.values(), chronicle_id])


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
