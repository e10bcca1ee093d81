"""What the trends count (letopis.trends): chronicle events, one per occurrence however many
outlets told it, never background, each at its place rolled up to the level asked: its own
place, the first-level region it lies in, or its country."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import duckdb

from .. import gazetteer
from .query import TYPE_FILTER

LEVELS = ("place", "region", "country")


@dataclass(frozen=True)
class Spot:
    """A place at the level counted: its canonical name, country (ISO 3166) and coordinates."""
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Counted:
    spot: Spot
    date_from: date
    date_to: date
    fatalities: int  # the lowest figure the sources give; 0 when none gives one
    events: int = 1  # how many events these are (counted() adds up those of one place and period)


UNITS = {"day": "day", "week": "week", "month": "month"}  # DuckDB's date_trunc: weeks start on Monday


def counted(db: duckdb.DuckDBPyConnection, levels: tuple[str, ...], type_: str | None = None,
            date_from: date | None = None, date_to: date | None = None,
            window: str = "day") -> dict[str, list[Counted]]:
    """Dated, placed chronicle events overlapping [date_from, date_to], at each of `levels`,
    added up per place and period of `window` (an event whose dates do not lie in one period is
    left out, as trends.table leaves it), read once for all the levels. An event has no region
    when it is placed at a country, or the gazetteer has no regions for its country: it counts
    for its place and its country only."""
    for level in levels:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}: expected one of {', '.join(LEVELS)}")
    where, params = _countable(type_)
    if date_from:
        where.append("date_to >= ?")
        params.append(date_from)
    if date_to:
        where.append("date_from <= ?")
        params.append(date_to)
    unit = UNITS[window]
    where.append(f"date_trunc('{unit}', date_from) = date_trunc('{unit}', date_to)")
    rows = db.execute(
        "SELECT c.location_name, c.country, c.feature, c.lat, c.lon, l.geo, c.period, count(*), "
        f"sum(coalesce(c.fatalities, 0)) FROM (SELECT *, date_trunc('{unit}', date_from)::DATE AS period "
        f"FROM chronicle_events WHERE {' AND '.join(where)}) c LEFT JOIN entities l ON l.id = c.location_id "
        "GROUP BY ALL ORDER BY c.period, c.location_name", params).fetchall()
    out: dict[str, list[Counted]] = {level: [] for level in levels}
    spots: dict[tuple, Spot | None] = {}
    for name, country, feature, lat, lon, geo, period, events, fatalities in rows:
        for level in levels:
            place = (level, name, country, feature, lat, lon, geo)
            if place not in spots:
                found = json.loads(geo) if geo else {"name": name, "country": country, "feature": feature}
                # the entity's canonical name: the gazetteer's may be a GeoNames spelling («Казан»)
                spots[place] = _spot(level, found, Spot(name or found.get("name"), country, lat, lon))
            if spots[place] is not None:
                out[level].append(Counted(spots[place], period, period, int(fatalities), events))
    return out


def span(db: duckdb.DuckDBPyConnection, type_: str | None = None) -> tuple[date | None, date | None]:
    """The first and last day the trends count: every place's history starts at the first, and
    the latest period holds the last."""
    where, params = _countable(type_)
    return db.execute(f"SELECT min(date_from), max(date_from) FROM chronicle_events "
                      f"WHERE {' AND '.join(where)}", params).fetchone()


def families(db: duckdb.DuckDBPyConnection) -> list[str]:
    """The type families of the chronicle's events (what a trend may be asked about)."""
    return [f for (f,) in db.execute(
        "SELECT DISTINCT family FROM chronicle_events WHERE family IS NOT NULL "
        "AND NOT coalesce(background, false) AND coalesce(review, '') <> 'rejected' ORDER BY family").fetchall()]


def _countable(type_: str | None) -> tuple[list[str], list]:
    """Conditions on chronicle_events: dated and placed news (no background, nothing a reviewer
    rejected) of the type asked."""
    where = ["NOT coalesce(background, false)", "coalesce(review, '') <> 'rejected'", "date_from IS NOT NULL",
             "(location_id IS NOT NULL OR location_name IS NOT NULL)"]
    if not type_:
        return where, []
    return [*where, TYPE_FILTER], [type_, type_, type_]


def _spot(level: str, geo: dict, own: Spot) -> Spot | None:
    if level == "place":
        return own
    if level == "region":
        region = gazetteer.region_of(geo)
        return Spot(region.name, region.country, region.lat, region.lon) if region else None
    country = gazetteer.countries().get(own.country or "")
    return Spot(country.name, country.country, country.lat, country.lon) if country else None
