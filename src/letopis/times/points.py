"""Calendar arithmetic at a grain: a date known to the year, the month or the day, moved by days,
weeks, months or years, and the year for a date said without one. A value is never finer than the
text and the anchor allow, so every step here carries its grain along.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

RANK = {"year": 0, "month": 1, "day": 2}  # coarse to fine
UNIT_GRAIN = {"day": "day", "week": "day", "month": "month", "year": "year"}


@dataclass
class _Point:
    when: date
    grain: str

    @property
    def value(self) -> str:
        return self.when.isoformat()[: {"year": 4, "month": 7, "day": 10}[self.grain]]


def parse_date(value: str | None) -> _Point | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` (anything after the day is ignored)."""
    m = re.match(r"\s*(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value or "")
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    grain = "day" if d else "month" if mo else "year"
    return _Point(date(int(y), int(mo or 1), int(d or 1)), grain)


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _shift(ref: _Point, n: int, unit: str) -> _Point:
    """ref moved by n units; a shift finer than ref's grain keeps ref as it is."""
    grain = UNIT_GRAIN[unit]
    if RANK[grain] > RANK[ref.grain]:
        return ref
    if unit == "day":
        return _Point(ref.when + timedelta(days=n), grain)
    if unit == "week":
        return _Point(ref.when + timedelta(weeks=n), grain)
    return _Point(_add_months(ref.when, n * (12 if unit == "year" else 1)), grain)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, anchor: _Point | None, context: int | None,
                  weekday: int | None = None) -> int | None:
    """A year for a date said without one: the year told just before, else the one that puts the
    date nearest the anchor («30 декабря» in an article of 2022-01-03 is 2021-12-30); a weekday said
    with the date («в пятницу, 21 июня») picks among the years around the anchor."""
    if context:
        return context
    if anchor is None:
        return None
    if anchor.grain == "year" and weekday is None:
        return anchor.when.year
    middle = anchor.when + timedelta(days={"year": 182, "month": 14, "day": 0}[anchor.grain])
    years = [y for y in range(anchor.when.year - 1, anchor.when.year + 2) if _safe_date(y, month, day)]
    if weekday is not None:
        fitting = [y for y in range(anchor.when.year - 6, anchor.when.year + 2)
                   if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
        years = fitting or years
    if not years:  # no such day in that month («30 февраля» read from «с 30 января по 2 февраля»)
        return None
    return min(years, key=lambda y: abs((date(y, month, day) - middle).days))


def _full_year(y: str, anchor: _Point | None) -> int:
    if len(y) == 4:
        return int(y)
    base = anchor.when.year if anchor else date.today().year
    return min((c + int(y) for c in (base // 100 * 100 - 100, base // 100 * 100, base // 100 * 100 + 100)),
               key=lambda c: abs(c - base))


def date_range(value: str | None, grain: str | None) -> tuple[date, date, str] | None:
    """The first and last day a date covers at its grain (`2022-01` → Jan 1..31)."""
    if not value:
        return None
    parts = [int(p) for p in value[:10].split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31), "year"
    if len(parts) == 2 or grain in ("month", "year"):
        first = date(parts[0], parts[1], 1)
        if grain == "year":
            return date(parts[0], 1, 1), date(parts[0], 12, 31), "year"
        return first, first.replace(day=calendar.monthrange(parts[0], parts[1])[1]), "month"
    day = date(*parts[:3])
    if grain == "week":
        return day, day + timedelta(days=6), "week"
    return day, day, "day"
