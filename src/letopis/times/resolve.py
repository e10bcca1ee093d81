"""One candidate expression to a date: against the article date (the anchor), the year told before
in the paragraph and the last date told (a story's «накануне», «через два дня» count from it).
None where the text and the anchor allow no date, and the expression is dropped.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..records import Sentence
from .clause import _future, _is_preposition
from .lexicon import _Grammar, _lexicon, _norm
from .matches import _Found
from .points import _full_year, _nearest_year, _Point, _safe_date, _shift


def _resolve(f: _Found, text: str, g: _Grammar, anchor: _Point | None, year: int | None,
             last: _Point | None, sentences: list[Sentence] | None
             ) -> tuple[_Point, str | None, _Point | None, int | None] | None:
    """(date, part of day, range end, year the expression states) or None when it cannot resolve."""
    gr = f.groups
    part = _part(gr, g)
    ref = last or anchor
    told = int(gr["y"]) if gr.get("y") and len(gr["y"]) == 4 else None
    end = None
    if f.kind in ("date", "range", "numeric", "iso"):
        month = g.month[_norm(gr["mon"])] if gr.get("mon") else int(gr["m"])
        # «с 30 января по 2 февраля»: the month named last goes with the last day
        day = int(gr["d2"]) if f.kind == "range" and gr.get("mon0") and gr.get("d2") else int(gr["d"])
        if gr.get("y"):
            y = _full_year(gr["y"], anchor)
            told = y
        elif gr.get("ymod"):
            y = told = _relative_year(gr, g, anchor)
        else:
            weekday = g.weekday[_norm(gr["wd"])] if gr.get("wd") else None
            y = _nearest_year(month, day, anchor, year, weekday)
        if y is None or not (when := _safe_date(y, month, day)):
            return None
        point = _Point(when, "day")
        if gr.get("d2"):
            end = _Point(_safe_date(y, month, int(gr["d2"])) or when, "day")
        if f.kind == "range":
            first = g.month[_norm(gr["mon0"])] if gr.get("mon0") else month
            start_year = y - 1 if first > month else y  # «с 30 декабря по 2 января»
            point = _Point(_safe_date(start_year, first, int(gr["d"])) or when, "day")
        return point, part, end, told
    if f.kind in ("month", "month_year"):
        month = g.month[_norm(gr["mon"])]
        if gr.get("ymod"):
            y = told = _relative_year(gr, g, anchor)
        else:
            y = int(gr["y"]) if gr.get("y") else _nearest_year(month, 1, anchor, year)
        if y is None:
            return None
        return _Point(date(y, month, 1), "month"), None, None, told
    if f.kind in ("year", "bare_year", "paren_year"):
        # «в 2019–2020 годах»: the range ends with the last year
        end = _Point(date(int(gr["y2"]), 1, 1), "year") if gr.get("y2") and int(gr["y2"]) > int(gr["y"]) else None
        return _Point(date(int(gr["y"]), 1, 1), "year"), None, end, told
    if f.kind == "rel_year":
        y = _relative_year(gr, g, anchor)
        return (_Point(date(y, 1, 1), "year"), None, None, y) if y else None
    if f.kind == "clock":
        return (ref, part, None, None) if ref else None
    if f.kind == "anchor_day":
        return (_shift(anchor, g.lex["anchor_days"][_norm(gr["rel"])], "day"), part, None, None) \
            if anchor else None
    if f.kind == "story_day":
        if _norm(gr["rel"]) == "накануне" and _is_preposition(text, f.stop, sentences):
            return None
        offset = next(v for k, v in g.lex["story_days"].items() if _norm(k) == _norm(gr["rel"]))
        return (_shift(ref, offset, "day"), None, None, None) if ref else None
    if f.kind == "last_night":
        return (anchor, "night", None, None) if anchor else None
    if f.kind == "shift":
        if gr.get("through") and last is None and re.match(r"\s*после\b", text[f.stop:f.stop + 12]):
            # «через 55 лет после его убийства» counts from that event: from the date told last,
            # which is mostly that event's; with none told, not from the article's date
            return None
        return _resolve_shift(gr, g, anchor, last)
    if f.kind == "period":
        return _resolve_period(gr, g, anchor)
    if f.kind in ("weekday", "weekday_adj"):
        return _resolve_weekday(f, text, g, anchor, sentences, part)
    return None


def _relative_year(gr: dict[str, str | None], g: _Grammar, anchor: _Point | None) -> int | None:
    """«прошлого года»: the year before the article's."""
    return anchor.when.year + g.modifier[_norm(gr["ymod"])] if anchor else None


def _part(gr: dict[str, str | None], g: _Grammar) -> str | None:
    if gr.get("night"):
        return "night"
    word = gr.get("part") or gr.get("part2")
    if word:
        return g.part[_norm(word)]
    if gr.get("h") is not None:
        hour = int(gr["h"])
        return next(p for p, (a, b) in _lexicon()["part_hours"].items() if a <= hour <= b)
    return None


def _resolve_shift(gr: dict[str, str | None], g: _Grammar, anchor: _Point | None, last: _Point | None):
    word = gr.get("unit") or gr.get("unit2") or ""
    number = gr.get("n") or gr.get("n2")
    if number is None and _norm(word) not in {_norm(w) for w in g.lex["unit_alone"]}:
        return None  # «несколько дней назад»: no count, no date
    n = 1 if number is None else int(number) if number.isdigit() else g.number[_norm(number)]
    direction = _norm(gr.get("dir") or gr.get("through") or "")
    before = direction in {_norm(w) for w in g.lex["before"]}
    # «назад» counts from the time of writing; «ранее», «позже», «через» from the date just told.
    ref = anchor if direction in ("назад", "тому назад") else (last or anchor)
    if ref is None:
        return None
    return _shift(ref, -n if before else n, g.unit[_norm(word)]), None, None, None


def _resolve_period(gr: dict[str, str | None], g: _Grammar, anchor: _Point | None):
    if anchor is None:
        return None
    step = g.modifier[_norm(gr["mod"])]
    period = _norm(gr["per"])
    if period == "году":
        return _Point(date(anchor.when.year + step, 1, 1), "year"), None, None, None
    if period == "месяце":
        return _shift(_Point(anchor.when.replace(day=1), anchor.grain), step, "month"), None, None, None
    if anchor.grain != "day":
        return anchor, None, None, None
    if period == "выходные":  # «в минувшие выходные»: the last Saturday and Sunday before the day
        a = anchor.when
        sunday = a - timedelta(days=a.weekday() + 1) if step < 0 else a + timedelta(days=6 - a.weekday())
        if step > 0 and a.weekday() >= 5:
            sunday += timedelta(weeks=1)
        return _Point(sunday - timedelta(days=1), "day"), None, _Point(sunday, "day"), None
    monday = anchor.when - timedelta(days=anchor.when.weekday()) + timedelta(weeks=step)
    return _Point(monday, "day"), None, _Point(monday + timedelta(days=6), "day"), None


def _resolve_weekday(f: _Found, text: str, g: _Grammar, anchor: _Point | None,
                     sentences: list[Sentence] | None, part: str | None):
    """The latest such day on or before the anchor; the next one when the verb looks forward."""
    if anchor is None:
        return None
    if anchor.grain != "day":
        return anchor, part, None, None
    wd = g.weekday[_norm(f.groups["wd"])] if f.groups.get("wd") else g.weekday_stem[_norm(f.groups["wda"])]
    a = anchor.when
    step = g.modifier[_norm(f.groups["mod"])] if f.groups.get("mod") else None
    if step == 0:
        when = a - timedelta(days=a.weekday() - wd)
    elif step is not None and step > 0:
        when = a + timedelta(days=(wd - a.weekday() - 1) % 7 + 1)
    elif step is not None:
        when = a - timedelta(days=(a.weekday() - wd - 1) % 7 + 1)
    elif _future(text, f.start, f.stop, sentences):
        when = a + timedelta(days=(wd - a.weekday()) % 7)
    else:
        when = a - timedelta(days=(a.weekday() - wd) % 7)
    return _Point(when, "day"), part, None, None
