"""The forms a name is matched in. Lemmatised: each word's dictionary forms (and the word itself),
every combination, so «Назарбаеву» meets «Назарбаев» however pymorphy reads the surname. Inflected-match: each word less
one case ending, for names the dictionary does not know («Нью-Йорке», «Алма-Ате»)."""
from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import islice, product

MAX_KEYS = 32  # lemma combinations per name
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
QUOTES = re.compile(r"[«»\"“”„]")
# Case endings, longest first; a word keeps at least MIN_STEM letters.
ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях",
           "ым", "им", "ую", "юю", "а", "я", "у", "ю", "е", "ы", "и")
MIN_STEM = 3


@cache
def _morph():
    from natasha import MorphVocab  # the pymorphy2 analyser
    return MorphVocab()


def fold(text: str) -> str:
    return " ".join(QUOTES.sub(" ", text.lower().replace("ё", "е")).split())


def words(name: str) -> list[str]:
    return WORD.findall(fold(name))


@lru_cache(maxsize=200_000)
def normal_forms(word: str) -> tuple[str, ...]:
    """Every dictionary form pymorphy offers for a word, its first reading first, and the word as
    written: pymorphy reads «Токаев» only as a form of «токай», «Токаева» as «токаев» or «токаева»."""
    try:
        parses = _morph().parse(word)
    except ValueError:  # pymorphy asks unicodedata for each letter's name; some letters have none
        parses = []
    return tuple(dict.fromkeys([*(fold(p.normal_form) for p in parses), word]))


def lemma(name: str) -> str:
    """The name in its words' first dictionary forms: «Нурсултана Назарбаева» → «нурсултан назарбаев»."""
    return " ".join(normal_forms(w)[0] for w in words(name))


def lemma_keys(name: str) -> list[str]:
    """The lemmatised keys of a name: its words' dictionary forms in every combination (capped)."""
    options = [normal_forms(w) for w in words(name)]
    if not options:
        return []
    return [" ".join(c) for c in islice(product(*options), MAX_KEYS)]


def stem(name: str) -> str:
    """The inflected-match form: each word less one case ending («алма-ате» → «алма-ат»)."""
    return " ".join(_stem(w) for w in words(name))


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def is_given_name(word: str) -> bool:
    """Whether the dictionary reads the word first as a given name («Мария», «Юрия»)."""
    try:
        parses = _morph().parse(word)
    except ValueError:
        return False
    return bool(parses) and "Name" in parses[0].tag.grammemes
