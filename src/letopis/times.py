"""Time layer: finds Russian time expressions, resolves each to a calendar date against the article
date and the dates told earlier in the text, and dates events by the expression that governs them.

A value is never finer than what the text and the anchor allow: «вчера» under an article dated
only `2022-01` stays `2022-01` (month grain).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .models import Models
from .records import Article, Sentence, TimeExpr

NEEDS = ("text", "sentences", "paragraphs")
ADDS = ("times",)

RANK = {"year": 0, "month": 1, "day": 2}  # coarse to fine
UNIT_GRAIN = {"day": "day", "week": "day", "month": "month", "year": "year"}
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"»)]*\s+(?=[«\"(]*[A-ZА-ЯЁ0-9])|\n")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        article.times = find_times(article.text, article.published, article.sentences or None,
                                   article.paragraphs or None)
    return articles


# ---------------------------------------------------------------- lexicon and patterns

@cache
def _lexicon() -> dict[str, Any]:
    path = resources.files("letopis") / "data" / "times" / "lexicon.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("ё", "е")).strip()


def _alt(words: list[str]) -> str:
    """Regex alternation of phrases: longest first, any whitespace between words, е also ё."""
    def form(word: str) -> str:
        return "".join(r"\s+" if c == " " else "[её]" if c in "её" else re.escape(c)
                       for c in _norm(word))
    return "(?:" + "|".join(form(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def _index(table: dict[Any, list[str]]) -> dict[str, Any]:
    return {_norm(w): key for key, words in table.items() for w in words}


@dataclass(frozen=True)
class _Grammar:
    lex: dict[str, Any]
    month: dict[str, int]
    weekday: dict[str, int]
    part: dict[str, str]
    modifier: dict[str, int]
    unit: dict[str, str]
    number: dict[str, int]
    patterns: list[tuple[str, re.Pattern[str]]]


@cache
def _grammar() -> _Grammar:
    lex = _lexicon()
    months = [w for ws in lex["months"].values() for w in ws]
    mon = _alt(months + [w for ws in lex["month_abbreviations"].values() for w in ws]) + r"(?![\w])"
    full_mon = _alt([w for w in months if not w.endswith(".")]) + r"(?!\w)"
    day = r"(?:3[01]|[12]\d|0?[1-9])"
    y4 = r"(?:1\d\d\d|20\d\d)"
    recent = r"(?:1[89]\d\d|20\d\d)"
    yw = r"\s*" + _alt(lex["year_words"]) + r"(?!\w)"
    dash = r"\s*[-–—]\s*"
    prep = _alt(lex["prepositions"])
    part = _alt([w for ws in lex["parts"].values() for w in ws])
    wd = _alt([w for ws in lex["weekdays"].values() for w in ws])
    mod = _alt([w for ws in lex["modifiers"].values() for w in ws])
    phase = _alt(lex["phase"])
    unit = _alt([w for ws in lex["units"].values() for w in ws])
    num = r"(?:\d{1,3}|" + _alt([w for ws in lex["numbers"].values() for w in ws]) + ")"
    dirs = _alt(lex["before"] + [w for w in lex["after"] if w != "через"])
    opening = rf"(?:(?P<part>{part})\s+(?:(?:в|во)\s+)?)?(?:{prep}\s+)?"
    night = rf"(?P<night>в\s+ночь\s+(?:с\s+(?P<d0>{day})(?:\s+{mon})?\s+)?на\s+)"
    # «15 марта 2023 года», «15 марта прошлого года»
    year_tail = rf"(?:,?\s+(?P<y>{y4})(?:{yw})?|\s+(?P<ymod>{mod})\s+года(?!\w))?"
    conj = r"(?:и|а|но|или)\b"
    patterns = {
        "date": rf"(?:{night}|{opening})(?:(?P<wd>{wd}),?\s+)?(?<![\d.:,])(?P<d>{day})"
                rf"(?:{dash}(?P<d2>{day}))?\s+(?P<mon>{mon}){year_tail}",
        "range": rf"(?:с|со)\s+(?<![\d.:,])(?P<d>{day})(?:\s+(?P<mon0>{mon}))?\s+(?:по|до)\s+"
                 rf"(?P<d2>{day})\s+(?P<mon>{mon}){year_tail}",
        "numeric": rf"{opening}(?<![\d.])(?P<d>{day})\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>\d{{4}}|\d\d)"
                   rf"(?![\d]|\.\d)(?:\s*г\.)?",
        "iso": rf"(?<![\d-])(?P<y>{y4})-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])(?!\d)",
        "month": rf"(?:(?P<phase>{phase})|{prep})\s+(?P<mon>{full_mon})(?:{dash}(?P<mon2>{full_mon}))?"
                 rf"(?:\s+(?P<y>{y4})(?:{yw})?|\s+(?P<ymod>{mod})\s+года(?!\w))?",
        "rel_year": rf"(?P<phase>{phase})\s+(?P<ymod>{mod})\s+года(?!\w)",
        "month_year": rf"(?P<mon>{full_mon})\s+(?P<y>{y4})(?:{yw})?",
        "year": rf"(?:(?P<phase>{phase})\s+|{prep}\s+)?(?<![\d.,])(?P<y>{y4})(?:{dash}(?P<y2>{y4}))?"
                rf"(?:-?м)?{yw}",
        # A bare year after a preposition, unless a word follows it (never «в 2000 километрах»).
        "bare_year": rf"(?:(?P<phase>{phase})|в|во|с|до|к|по)\s+(?P<y>{recent})(?:{dash}(?P<y2>{recent}))?"
                     rf"(?![\w-]|[.,]\d|\s+(?!{conj})[а-яёa-z])",
        "paren_year": rf"\((?P<y>{recent})\)",
        "weekday": rf"(?:(?P<part>{part})\s+)?(?:(?P<night>в\s+ночь\s+(?:с\s+{wd}\s+)?на)|(?:в|во|на|к|до|с|со)"
                   rf"(?:\s+(?P<mod>{mod}))?)\s+(?P<wd>{wd})(?:\s+(?P<part2>{part}))?(?!\w)",
        "anchor_day": rf"(?:(?P<part>{part})\s+)?(?<!\w)(?P<rel>{_alt(list(lex['anchor_days']))})"
                      rf"(?:\s+(?P<part2>{part}))?(?!\w)",
        "story_day": rf"(?<!\w)(?P<rel>{_alt(list(lex['story_days']))})(?!\w)",
        "last_night": rf"(?<!\w){_alt(lex['last_night'])}(?!\w)",
        "shift": rf"(?<!\w)(?:(?P<through>через|спустя)\s+(?:(?P<n>{num})\s+)?(?P<unit>{unit})"
                 rf"|(?:(?P<n2>{num})\s+)?(?P<unit2>{unit})\s+(?P<dir>{dirs}))(?!\w)",
        "period": rf"(?<!\w)(?:на|в|во)\s+(?P<mod>{mod})\s+(?P<per>неделе|месяце|году|выходные)(?!\w)",
        "clock": r"(?:около|примерно|в|к|до|после|с)\s+(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)"
                 r"(?!\d)(?:\s+по\s+(?:[а-яё-]+\s+)?времени)?",
    }
    return _Grammar(
        lex=lex, month=_index(lex["months"]) | _index(lex["month_abbreviations"]), weekday=_index(lex["weekdays"]),
        part=_index(lex["parts"]), modifier=_index(lex["modifiers"]), unit=_index(lex["units"]),
        number=_index(lex["numbers"]),
        # An expression starts at a word's start (never at the «в» closing «выборов 6 мая»; the
        # check also spares the engine trying every pattern inside every word) and never runs
        # across a line break.
        patterns=[(k, re.compile(r"(?<!\w)" + p.replace(r"\s", r"[^\S\n]"), re.IGNORECASE))
                  for k, p in patterns.items()])


# ---------------------------------------------------------------- dates and grains

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
    return min(years, key=lambda y: abs((date(y, month, day) - middle).days))


def _full_year(y: str, anchor: _Point | None) -> int:
    if len(y) == 4:
        return int(y)
    base = anchor.when.year if anchor else date.today().year
    return min((c + int(y) for c in (base // 100 * 100 - 100, base // 100 * 100, base // 100 * 100 + 100)),
               key=lambda c: abs(c - base))


# ---------------------------------------------------------------- finding

@dataclass
class _Found:
    kind: str
    start: int
    stop: int
    groups: dict[str, str | None]


def find_times(text: str, published: str | None, sentences: list[Sentence] | None = None,
               paragraphs: list[tuple[int, int]] | None = None) -> list[TimeExpr]:
    """All time expressions of a text, resolved against `published` and earlier dates."""
    g = _grammar()
    anchor = parse_date(published)
    found = _merge_clocks(text, _select(text, g))
    paragraphs = paragraphs or _paragraphs(text)
    context: dict[int, tuple[int | None, _Point | None]] = {}  # paragraph -> (year told, last date)
    out: list[TimeExpr] = []
    for f in found:
        para = next((i for i, (a, b) in enumerate(paragraphs) if a <= f.start < b), -1)
        year, last = context.get(para, (None, None))
        resolved = _resolve(f, text, g, anchor, year, last, sentences)
        if resolved is None:
            continue
        point, part, end, told_year = resolved
        expr = TimeExpr(f.start, f.stop, text[f.start:f.stop], point.value, point.grain, part,
                        end.value if end else None, _is_caption(text, f.start, f.stop))
        out.append(expr)
        if not expr.caption:
            context[para] = (told_year if told_year is not None else year, point)
    return out


def _select(text: str, g: _Grammar) -> list[_Found]:
    """Every pattern's matches; overlaps go to the longest."""
    matches = [_Found(kind, m.start(), m.end(), m.groupdict())
               for kind, pattern in g.patterns for m in pattern.finditer(text)]
    matches.sort(key=lambda f: (f.start - f.stop, f.start))
    chosen: list[_Found] = []
    for f in matches:
        if all(f.stop <= c.start or f.start >= c.stop for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _merge_clocks(text: str, found: list[_Found]) -> list[_Found]:
    """«22 июля в 23:11 по пекинскому времени» is one expression: the clock gives its part of day."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (f.kind == "clock" and prev and prev.kind != "clock"
                and re.fullmatch(r"[\s,]*", text[prev.stop:f.start])):
            prev.stop = f.stop
            prev.groups = {**prev.groups, "h": f.groups["h"]}
            continue
        out.append(f)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]


# ---------------------------------------------------------------- resolving

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
        if gr.get("y"):
            y = _full_year(gr["y"], anchor)
            told = y
        elif gr.get("ymod"):
            y = told = _relative_year(gr, g, anchor)
        else:
            weekday = g.weekday[_norm(gr["wd"])] if gr.get("wd") else None
            y = _nearest_year(month, int(gr["d"]), anchor, year, weekday)
        if y is None or not (when := _safe_date(y, month, int(gr["d"]))):
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
        return _Point(date(int(gr["y"]), 1, 1), "year"), None, None, told
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
        return _resolve_shift(gr, g, anchor, last)
    if f.kind == "period":
        return _resolve_period(gr, g, anchor)
    if f.kind == "weekday":
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
    wd = g.weekday[_norm(f.groups["wd"])]
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


def _future(text: str, start: int, stop: int, sentences: list[Sentence] | None) -> bool:
    """Is the verb that governs [start, stop) in the future tense? By the parse when there is one,
    else by a future word («будет», «состоится») in the same clause."""
    sentence = next((s for s in sentences or [] if s.start <= start < s.stop), None)
    if sentence:
        verb = _governor(sentence, start, stop)
        if verb is not None:
            aux = [t for t in sentence.tokens if t.head == verb.id and t.pos == "AUX"]
            return any(t.feats.get("Tense") == "Fut" for t in [verb, *aux])
    clause = re.split(r"[.!?;,—]", text[max(0, start - 80):start])[-1] + " " + \
        re.split(r"[.!?;,—]", text[stop:stop + 80])[0]
    words = {_norm(w) for w in re.findall(r"[а-яё]+", clause.lower())}
    return bool(words & {_norm(w) for w in _lexicon()["future_words"]})


def _governor(sentence: Sentence, start: int, stop: int):
    """The verb above the expression's tokens in the dependency tree, within four steps."""
    by_id = {t.id: t for t in sentence.tokens}
    inside = [t for t in sentence.tokens if start <= t.start < stop]
    roots = [t for t in inside if not (start <= by_id.get(t.head, t).start < stop) or t.head == 0]
    token = roots[0] if roots else None
    for _ in range(4):
        if token is None or token.head == 0:
            return None
        token = by_id.get(token.head)
        if token is not None and token.pos in ("VERB", "AUX"):
            return token
    return None


def _is_preposition(text: str, stop: int, sentences: list[Sentence] | None) -> bool:
    """«накануне выборов» names no date; «накануне заявил» does."""
    sentence = next((s for s in sentences or [] if s.start <= stop < s.stop), None)
    following = [t for t in sentence.tokens if t.start >= stop] if sentence else []
    if following:
        return following[0].pos in ("NOUN", "PROPN", "ADJ", "DET", "NUM")
    m = re.match(r"\s+([а-яё]+)", text[stop:])
    if not m or _norm(m.group(1)) in {_norm(w) for w in _lexicon()["prepositions"]}:
        return False
    return not re.search(r"(?:л|ла|ло|ли|лся|лась|лись|ся|сь)$", m.group(1))


# ---------------------------------------------------------------- captions

def _is_caption(text: str, start: int, stop: int) -> bool:
    """A photo caption or dateline: a short line with no full stop that ends in the date, a run of
    names followed by the date and then a new sentence, or «ГОРОД, 12 января —» opening a line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_stop = text.find("\n", stop)
    line_stop = len(text) if line_stop < 0 else line_stop
    line = text[line_start:line_stop]
    rest = text[stop:line_stop]
    if re.fullmatch(r"[\s)\]]*", rest) and not re.search(r"[.!?…]", line) and len(line.split()) <= 15:
        return True
    before = re.split(r"[.!?…]", text[line_start:start])[-1].strip()
    if re.match(r"\s*[—–-]|\s*/", rest) and re.fullmatch(r"[A-ZА-ЯЁ][\w .-]{1,40},", before):
        return True
    words = before.split()
    names = [w for w in words if w[:1].isupper()]
    if (len(names) >= 2 and all(w[:1].isupper() or w in ("и", "с", "на", "в") for w in words)
            and re.match(r" +[A-ZА-ЯЁ«]", text[stop:]) and not re.search(r"[,:;]", before)):
        return True
    return False


# ---------------------------------------------------------------- event dates

# «с 1985 года», «до 2020 года»: one end of a period, which dates no single event in it.
PERIOD_BOUND = re.compile(r"(?:начиная\s+)?(?:с|со|до)\s+(?!\d+\s+по\s)", re.IGNORECASE)


def event_date(article: Article, start: int, stop: int, head: int | None = None,
               skip: list[tuple[int, int]] = ()) -> tuple[str | None, str | None]:
    """(date, grain) for an event stated in [start, stop): the time expression that governs its
    clause, else the nearest one before it in the sentence (or in the sentence before, when this one
    opens by continuing it), else the article date at its grain. Captions never date events, nor
    times inside the `skip` spans (phrases that tell another event)."""
    times = [t for t in article.times if not t.caption and not PERIOD_BOUND.match(t.text)
             and not _life_date(article, t) and not any(a <= t.start < b for a, b in skip)]
    s_start, s_stop = _sentence_bounds(article, head if head is not None else start)
    in_sentence = [t for t in times if s_start <= t.start < s_stop]
    sentence = next((s for s in article.sentences if s.start == s_start), None)
    if head is not None and sentence is not None:
        for t in in_sentence:
            verb = _governor(sentence, t.start, t.stop)
            if verb is not None and verb.start <= head < verb.stop:
                return _event_value(t)
    inside = [t for t in in_sentence if t.start < stop and t.stop > start]
    if inside:
        pivot = head if head is not None else start
        return _event_value(min(inside, key=lambda t: abs(t.start - pivot)))
    barrier = re.compile(_alt(_lexicon()["barriers"]) + r"(?!\w)", re.IGNORECASE)
    before = [t for t in in_sentence if t.stop <= start and not barrier.search(article.text[t.stop:start])]
    if before:
        return _event_value(before[-1])
    after = [t for t in in_sentence if t.start >= stop and not re.search(r"[,;:—()«»]", article.text[stop:t.start])]
    if after:
        return _event_value(after[0])
    previous = _previous_sentence_times(article, s_start, times)
    if previous:
        return _event_value(previous[-1])
    anchor = parse_date(article.published)
    return (anchor.value, anchor.grain) if anchor else (None, None)


def _life_date(article: Article, t: TimeExpr) -> bool:
    """«1998 года рождения»: a birth year, which dates no event."""
    after = article.text[t.stop:t.stop + 12].lower().lstrip()
    return any(after.startswith(word) for word in _lexicon()["life_dates"])


def _event_value(t: TimeExpr) -> tuple[str, str]:
    # A week («на прошлой неделе») is a range with no day named: the event is dated to its month.
    if t.end and not re.search(r"\d", t.text):
        return t.value[:7], "month"
    return t.value, t.grain


def _sentence_bounds(article: Article, offset: int) -> tuple[int, int]:
    for s in article.sentences:
        if s.start <= offset < s.stop:
            return s.start, s.stop
    bounds = [0] + [m.end() for m in SENTENCE_BREAK.finditer(article.text)] + [len(article.text)]
    for a, b in zip(bounds, bounds[1:]):
        if a <= offset < b:
            return a, b
    return 0, len(article.text)


def _previous_sentence_times(article: Article, s_start: int, times: list[TimeExpr]) -> list[TimeExpr]:
    """The times of the sentence before, when this sentence opens by continuing it («При этом»,
    «Тогда же», a pronoun subject) and both lie in one paragraph."""
    opening = article.text[s_start:s_start + 40].lower()
    if not re.match(_alt(_lexicon()["continuations"]) + r"(?!\w)", opening):
        return []
    if s_start == 0:
        return []
    p_start, p_stop = _sentence_bounds(article, s_start - 1)
    paragraph_break = PARAGRAPH_BREAK.search(article.text, p_start, s_start)
    if paragraph_break or any(a <= p_start < b and not a <= s_start < b for a, b in article.paragraphs):
        return []
    return [t for t in times if p_start <= t.start < p_stop]
