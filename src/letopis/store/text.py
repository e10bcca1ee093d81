"""Normalising names and turning Russian text into lemmas for the search index."""
from __future__ import annotations

import re
from functools import cache, lru_cache

WORD = re.compile(r"[0-9a-zа-яё]+")


def name_key(name: str) -> str:
    """A name compared across articles: case, ё/е, quotes and spacing ignored."""
    name = re.sub(r"[«»\"“”„']", "", name.lower().replace("ё", "е"))
    return " ".join(name.split())


@cache
def _morph():
    from natasha import MorphVocab  # the pymorphy2 analyser that works on Python 3.11
    return MorphVocab()


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> tuple[str, ...]:
    """The word and every normal form pymorphy2 offers for it.

    Indexing and querying both use all of them, so a name pymorphy2 lemmatises unevenly
    (`Токаев` → токай, `Токаева` → токаев | токаева) still meets itself.
    """
    word = word.lower().replace("ё", "е")
    try:
        parses = _morph().parse(word)
    except ValueError:  # pymorphy2 asks unicodedata for each letter's name; some letters have none
        parses = []
    return tuple(sorted({word} | {p.normal_form.replace("ё", "е") for p in parses}))


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def lemmas(text: str) -> str:
    """The text as a string of lemmas, the column the fts index is built over."""
    return " ".join(form for word in words(text) for form in word_forms(word))
