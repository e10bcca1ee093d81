"""Trends per place and period (docs/trends.md): chronicle events counted per place (rolled up to
its region or country when asked) and per day, ISO week or month, each period tested against the
place's own trailing baseline by the spike rule (spikes.py), events and fatalities apart."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import duckdb

from . import spikes
from .store import trends as store
from .store.trends import LEVELS, Counted, Spot
from .times import date_range

WINDOWS = ("day", "week", "month")
ROW_FIELDS = ("place", "country", "lat", "lon", "period", "count", "fatalities", "expected", "score",
              "spike", "fatalities_expected", "fatality_score", "fatality_spike")


def compute(db: duckdb.DuckDBPyConnection, by: str = "place", window: str = "week",
            type_: str | None = None, date_from: str | None = None,
            date_to: str | None = None) -> list[dict[str, Any]]:
    """The rows of table() for the chronicle in `db`: places at level `by` (place, region,
    country), periods of `window` from `date_from` to `date_to` (YYYY[-MM[-DD]]; by default, and
    at most, the chronicle's first and last days), events of `type_` (a PLOVER type, TYPE/mode or
    family)."""
    return compute_levels(db, (by,), window, type_, date_from, date_to)[by]


def compute_levels(db: duckdb.DuckDBPyConnection, levels: tuple[str, ...], window: str = "week",
                   type_: str | None = None, date_from: str | None = None,
                   date_to: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """compute() at each of `levels`, the chronicle read once (a page shows several)."""
    for by in levels:
        if by not in LEVELS:
            raise ValueError(f"unknown level {by!r}: expected one of {', '.join(LEVELS)}")
    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}: expected one of {', '.join(WINDOWS)}")
    first, last = store.span(db, type_)
    if first is None:
        return {by: [] for by in levels}
    shown_from = date_range(date_from, None)[0] if date_from else None
    # periods run to the chronicle's last day at most: a far `to` adds no empty periods
    end = min(date_range(date_to, None)[1], last) if date_to else last
    if end < first or (shown_from and shown_from > end):
        return {by: [] for by in levels}
    start = computed_from(first, shown_from, window)
    counted = store.counted(db, levels, type_, start, end, window)
    return {by: table(counted[by], window, start, end, shown_from) for by in levels}


def period_start(day: date, window: str) -> date:
    """The first day of the period holding `day`: itself, its ISO week's Monday, its month's 1st."""
    if window == "day":
        return day
    if window == "week":
        return day - timedelta(days=day.weekday())
    if window == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown window {window!r}: expected one of {', '.join(WINDOWS)}")


def shift(start: date, window: str, periods: int) -> date:
    """The start of the period `periods` after (or, negative, before) the one starting at `start`."""
    if window == "day":
        return start + timedelta(days=periods)
    if window == "week":
        return start + timedelta(weeks=periods)
    months = start.year * 12 + start.month - 1 + periods
    return date(months // 12, months % 12 + 1, 1)


def periods(first: date, last: date, window: str) -> list[date]:
    """The starts of every period from the one holding `first` to the one holding `last`."""
    out, start, end = [], period_start(first, window), period_start(last, window)
    while start <= end:
        out.append(start)
        start = shift(start, window, 1)
    return out


def computed_from(first_day: date, shown_from: date | None, window: str) -> date:
    """Where the series must start for the periods shown from `shown_from` to have their whole
    baseline: the chronicle's first period, or BASELINE_PERIODS periods before the first shown."""
    first = period_start(first_day, window)
    if shown_from is None or shown_from <= first_day:
        return first
    return max(first, shift(period_start(shown_from, window), window, -spikes.BASELINE_PERIODS))


def table(events: list[Counted], window: str, start: date, end: date,
          shown_from: date | None = None) -> list[dict[str, Any]]:
    """One row per place and period from `shown_from` (or `start`) to `end`, for every place
    with an event in those periods; the series run from `start` (computed_from). An event counts
    in the period its dates lie in; one dated more coarsely than the window (a month, at weeks)
    lies in none and is not counted."""
    starts = periods(start, end, window)
    index = {s: i for i, s in enumerate(starts)}
    shown = index[period_start(max(shown_from or start, start), window)]
    counts: dict[Spot, list[int]] = defaultdict(lambda: [0] * len(starts))
    deaths: dict[Spot, list[int]] = defaultdict(lambda: [0] * len(starts))
    for event in events:
        period = period_start(event.date_from, window)
        if period != period_start(event.date_to, window) or period not in index:
            continue
        counts[event.spot][index[period]] += event.events
        deaths[event.spot][index[period]] += event.fatalities
    rows = []
    for spot in sorted(counts, key=lambda s: (s.name, s.country or "")):
        if not any(counts[spot][shown:]):
            continue
        tested = spikes.assess(counts[spot], spikes.EVENTS, shown)
        lethal = spikes.assess(deaths[spot], spikes.FATALITIES, shown)
        for i in range(shown, len(starts)):
            rows.append({
                "place": spot.name, "country": spot.country, "lat": spot.lat, "lon": spot.lon,
                "period": starts[i].isoformat(), "count": counts[spot][i], "fatalities": deaths[spot][i],
                "expected": tested[i].expected, "score": tested[i].score, "spike": tested[i].spike,
                "fatalities_expected": lethal[i].expected, "fatality_score": lethal[i].score,
                "fatality_spike": lethal[i].spike,
            })
    return rows


def current_spikes(rows: list[dict[str, Any]], recent: int = 2) -> list[dict[str, Any]]:
    """The rows of the last `recent` periods flagged as a spike of events or of fatalities,
    newest first, the most unusual first within a period."""
    latest = sorted({r["period"] for r in rows}, reverse=True)[:recent]
    flagged = [r for r in rows if r["period"] in latest and (r["spike"] or r["fatality_spike"])]
    return sorted(flagged, key=lambda r: (r["period"], r["score"] or 0, r["fatality_score"] or 0),
                  reverse=True)
