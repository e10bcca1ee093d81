"""Normalising names and turning Russian text into lemmas for the search index."""
from __future__ import annotations

import re
from functools import cache, lru_cache

WORD = re.compile(r"[0-9a-zа-яё]+")
# an article's lead, what a page shows for one without a title: its text's first line, in SQL
# (articles.lead, kept with the article: a page of a thousand articles would read their texts)
LEAD = "left(trim(split_part(ltrim(text), chr(10), 1)), 160)"


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


INFLECTING = {"NOUN", "ADJF", "PRTF", "NPRO"}


def _parses(word: str) -> list:
    bare = word.strip("«»\"'.,;:()").lower().replace("ё", "е")
    return [p for p in _morph().parse(bare) if p.tag.POS in INFLECTING] if bare.isalpha() else []


@lru_cache(maxsize=20_000)
def nominative(phrase: str) -> str:
    """A participant's words in the nominative, as a reader names them: «митингующих» →
    «митингующие», «сотрудников полиции» → «сотрудники полиции» (the head and the words agreeing
    with it before it; what depends on the head keeps its case). Words pymorphy2 cannot read,
    indeclinable heads («МВД»), and phrases opening with a number («26 человек») stay as they are."""
    parts = phrase.split(" ")
    readings = [_parses(word) for word in parts]
    head = next((i for i, ps in enumerate(readings) if ps and ps[0].tag.POS in ("NOUN", "NPRO")), None)
    last = head if head is not None else len(parts) - 1
    if not readings[0] or any(p.tag.case == "nomn" for p in readings[0]):
        return phrase  # nothing to inflect, or it may already be a nominative («десятки»)
    # the case (and number) the words up to the head share, in the order pymorphy2 ranks them
    shared = [(p.tag.case, p.tag.number or "sing") for p in readings[0]
              if all(any(q.tag.case == p.tag.case and q.tag.number in (None, p.tag.number) for q in ps)
                     for ps in readings[1:last + 1])]
    if not shared or shared[0][0] == "nomn":
        return phrase
    case, number = shared[0]
    gender = next((p.tag.gender for p in readings[last] if p.tag.case == case), None) if head is not None else None
    out = []
    for word, parses in zip(parts[:last + 1], readings):
        fitting = [p for p in parses if p.tag.case == case and p.tag.number in (None, number)]
        fitting.sort(key=lambda p: p.tag.gender not in (None, gender))  # an adjective agrees with its noun
        if word.isupper() or not fitting or "Fixd" in fitting[0].tag:
            out.append(word)
            continue
        # natasha's parses take UD features: Nom, Sing, Plur
        inflected = fitting[0].inflect({"Nom", number.capitalize()})
        if inflected is None:
            return phrase
        bare = word.strip("«»\"'.,;:()")
        form = inflected.word if "ё" in bare else inflected.word.replace("ё", "е")
        out.append(word.replace(bare, form[:1].upper() + form[1:] if bare[:1].isupper() else form))
    return " ".join(out + parts[last + 1:])
