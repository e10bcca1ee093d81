"""Counts of people in Russian text (ONTOLOGY.md «Numbers»): digits, number words, vague quantities
and bounds become a records.Count with the lowest and highest figure the words allow."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .records import Count

# Nouns that multiply the number before them: «несколько сотен» 300..900, «два десятка» 20.
FACTORS = {"ten": 10, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORD = re.compile(r"\d+(?:[.,]\d+)?|[а-яёa-z%]+", re.IGNORECASE)


@dataclass(frozen=True)
class _Word:
    start: int
    stop: int
    text: str  # lower case, ё as е


def _data(name: str) -> str:
    return resources.files("letopis").joinpath(f"data/events/{name}").read_text("utf-8")


@cache
def _table() -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
    """Number words -> (min, max), and quantity nouns -> the row their plural reads."""
    values, plurals = {}, {}
    for line in _data("numbers.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, lo, hi, *plural = line.split("\t")
        values[word] = (int(lo), int(hi))
        if plural and plural[0]:
            plurals[word] = plural[0]
    return values, plurals


@cache
def _words() -> dict:
    return yaml.safe_load(_data("count_words.yaml"))


@cache
def _morph():
    import pymorphy2
    return pymorphy2.MorphAnalyzer()


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


@cache
def _word_value(word: str) -> tuple[int, int] | None:
    """(min, max) of one number word in any form: «трех» 3, «десятков» 20..99, «десяток» 10..19."""
    values, plurals = _table()
    if word in values:
        return values[word]
    for parse in _morph().parse(word)[:3]:
        lemma = _fold(parse.normal_form)
        if lemma in values and ("NUMR" in parse.tag or "NOUN" in parse.tag or "ADJF" in parse.tag):
            if lemma in plurals and "plur" in parse.tag:
                return values[plurals[lemma]]
            return values[lemma]
    return None


@cache
def _lemma(word: str) -> str:
    return _fold(_morph().parse(word)[0].normal_form) if word.isalpha() else word


def _is_unit(word: str) -> bool:
    return word in _words()["units"] or _lemma(word) in _words()["units"]


def _tokens(text: str) -> list[_Word]:
    return [_Word(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]


def _number_at(words: list[_Word], i: int, text: str) -> tuple[int, int, int] | None:
    """The number phrase starting at words[i]: (min, max, index after it), or None."""
    w = words[i]
    if w.text[0].isdigit():
        if text[w.stop:w.stop + 1] == "-" and text[w.stop + 1:w.stop + 2].isalpha():
            return None  # «26-летний», «5-й»: not a count
        value = float(w.text.replace(",", "."))
        lo = hi = value
        j = i + 1
    else:
        first = _word_value(w.text)
        if first is None:
            return None
        lo, hi = first
        j = i + 1
        # «двадцать шесть», «сто двадцать»: a smaller exact word after a round one adds up.
        while j < len(words) and lo == hi:
            nxt = _word_value(words[j].text)
            if nxt is None or nxt[0] != nxt[1] or nxt[0] >= lo or nxt[0] >= 1000:
                break
            lo, hi, j = lo + nxt[0], hi + nxt[1], j + 1
    if j < len(words):
        lemma = _lemma(words[j].text)
        factor = next((f for key, f in FACTORS.items() if lemma in _words()[key]), 1)
        if factor > 1:
            lo, hi, j = lo * factor, hi * factor, j + 1
    if j < len(words) and _is_unit(words[j].text):
        return None
    if lo != int(lo) or hi != int(hi):
        return None  # «3,5 млрд»: money, not people
    return int(lo), int(hi), j


def _bound_before(words: list[_Word], i: int) -> tuple[str, int] | None:
    """The bound phrase that ends right before words[i]: (kind, index where it starts)."""
    for kind in ("at_least", "more", "about", "under"):
        for phrase in sorted(_words()[kind], key=len, reverse=True):
            k = i - len(phrase)
            if k >= 0 and [w.text for w in words[k:i]] == phrase:
                return kind, k
    return None


def find(text: str) -> list[tuple[int, int, Count]]:
    """Every count in a text: (start, stop, Count), left to right."""
    words, found, i = _tokens(text), [], 0
    while i < len(words):
        number = _number_at(words, i, text)
        if number is None:
            i += 1
            continue
        lo, hi, j = number
        start = words[i].start
        low: int | None = lo
        high: int | None = hi
        bound = _bound_before(words, i)
        if bound and j == i + 1 and words[i].text in _words()["after_bound"]:
            lo = hi = low = high = _words()["after_bound"][words[i].text]
        if i > 0 and words[i - 1].text == "от" and j + 1 < len(words) and words[j].text == "до":
            upper = _number_at(words, j + 1, text)  # «от 200 до 1000»
            if upper:
                high, j, start = upper[1], upper[2], words[i - 1].start
                bound = None
        elif j + 1 < len(words) and text[words[j - 1].stop:words[j].start].strip() in ("-", "—", "–") \
                and words[j].text[0].isdigit():
            upper = _number_at(words, j, text)  # «200-1000»
            if upper is None:  # «1985—1990 годах»
                i = j + 1
                continue
            high, j = upper[1], upper[2]
        if bound:
            kind, k = bound
            start = words[k].start
            if kind == "more":
                low, high = lo + 1 if lo == hi else lo, None
            elif kind == "at_least":
                high = None
            elif kind == "about" and lo == hi:
                low, high = round(lo * 0.9), round(lo * 1.1)
            elif kind == "under":
                low = None
        found.append((start, words[j - 1].stop, Count(low, high, text[start:words[j - 1].stop])))
        i = j
    return found


def parse(text: str) -> Count | None:
    """The first count in a text, or None: «более 100 человек» → Count(101, None, 'более 100')."""
    found = find(text)
    return found[0][2] if found else None
