"""The words of Russian time expressions and the patterns built from them, each compiled once.

The words live in data/times/lexicon.yaml, so the lists grow without touching code; here they become
one regex per kind of expression (date, range, weekday, shift ...) and tables from a word to its
value (month number, weekday, part of day ...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


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
    weekday_stem: dict[str, int]
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
    wda = _alt([w for ws in lex["weekday_adjectives"].values() for w in ws])
    adjective_ending = r"(?:ий|ый|ая|яя|ое|ее|ие|ые|его|ого|ей|ой|ему|ому|им|ым|ем|ом|юю|ую|их|ых|ими|ыми)"
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
        "weekday_adj": rf"(?P<wda>{wda}){adjective_ending}(?!\w)",
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
        weekday_stem=_index(lex["weekday_adjectives"]),
        part=_index(lex["parts"]), modifier=_index(lex["modifiers"]), unit=_index(lex["units"]),
        number=_index(lex["numbers"]),
        # An expression starts at a word's start (never at the «в» closing «выборов 6 мая»; the
        # check also spares the engine trying every pattern inside every word) and never runs
        # across a line break.
        patterns=[(k, re.compile(r"(?<!\w)" + p.replace(r"\s", r"[^\S\n]"), re.IGNORECASE))
                  for k, p in patterns.items()])
