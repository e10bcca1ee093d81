"""The offline gazetteer: Russian place names to places. Its data (data/geo/places.tsv, built by
scripts/build_gazetteer.py) holds cities from GeoNames with their Cyrillic names, countries, and
the first-level regions of data/geo/regions.tsv.
Every name is indexed under keys of word lemmas, so an inflected name (`Мангистауской области`,
`Алма-Ате`) finds the place its nominative names.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from itertools import islice, product
from pathlib import Path
from typing import Any

from .records import Entity


DATA = Path(__file__).parent / "data" / "geo"
FEATURE_RANK = {"city": 1, "region": 2, "country": 3}
# ACLED geo_precision: 1 a named town, 2 part of a region, 3 a region (or larger) only.
PRECISION = {"city": 1, "district": 2, "region": 3, "country": 3}
# A town in a country the article names beats a namesake up to ten times as big elsewhere:
# Кировск in an article on Ukraine is the Ukrainian one, Москва in one on the US is still Moscow.
HINT_WEIGHT = 10
MAX_KEYS = 256  # lemma combinations tried per name
# Case endings of nouns and the nominative endings they may stand for («Кветте» ← Кветта, «Бахмуте»
# ← Бахмут, «Твери» ← Тверь), longest first.
CASE_ENDINGS = [("ой", "а"), ("ей", "я"), ("ом", ""), ("ем", "ь"), ("е", "а"), ("е", "я"), ("е", ""),
                ("и", "а"), ("и", "я"), ("и", "ь"), ("у", "а"), ("у", ""), ("ы", "а"), ("а", ""), ("я", "ь")]

_WORD = re.compile(r"\w+(?:-\w+)*")
_LEMMA_POS = {"NOUN", "ADJ", "PROPN"}


def data_lines(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, without comments and blank lines."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def lead_words() -> frozenset[str]:
    return frozenset(row[0] for row in data_lines("lead_words.txt"))


@cache
def site_nouns() -> frozenset[str]:
    """Lemmas that head a street, building or quarter: text for an event's `site`."""
    return frozenset(row[0] for row in data_lines("site_nouns.txt"))


@cache
def capitals() -> dict[str, str]:
    """Country code → its capital as the gazetteer names it (data/geo/capitals.tsv, built by
    scripts/build_capitals.py from GeoNames)."""
    return {row[0]: row[2] for row in data_lines("capitals.tsv")}


@cache
def place_adjectives() -> dict[str, str]:
    """Adjective lemma → the place it names («казанский» → Казань), from place_adjectives.tsv
    (built by scripts/build_place_adjectives.py from NEREL train, the gazetteer and derivation rules)."""
    return {row[0]: row[1] for row in data_lines("place_adjectives.tsv")}


@cache
def _morph():
    from natasha import MorphVocab
    return MorphVocab()


def words(name: str) -> list[str]:
    """Lower-cased words of a name, leading prepositions and settlement types dropped."""
    found = _WORD.findall(name.lower().replace("ё", "е"))
    while len(found) > 1 and found[0] in lead_words():
        found = found[1:]
    return found


def _word_forms(word: str, morph, nominative: bool) -> list[str]:
    forms = [word]
    for parse in morph.parse(word):
        lemma_pos = parse.pos in _LEMMA_POS or parse.feats.get("VerbForm") == "Part"
        if lemma_pos and (not nominative or parse.feats.get("Case") in (None, "Nom")):
            normal = parse.normal.replace("ё", "е")
            if normal not in forms:
                forms.append(normal)
    return forms


def name_keys(name: str, morph, nominative: bool = False) -> list[str]:
    """Index keys of a name: each word as written or as a lemma.

    Names in the gazetteer are nominative, so only their nominative readings are lemmatised;
    a name from a text may stand in any case.
    """
    options = [_word_forms(w, morph, nominative) for w in words(name)]
    if not options:
        return []
    return [" ".join(combo) for combo in islice(product(*options), MAX_KEYS)]


@dataclass(frozen=True)
class Place:
    feature: str  # city | region | country
    geonames_id: int | None
    country: str
    admin1: str  # GeoNames first-level code (a region's: its seat's)
    lat: float
    lon: float
    population: int
    name: str  # canonical Russian name

    def geo(self, admin1: str | None = None) -> dict[str, Any]:
        return {"lat": self.lat, "lon": self.lon, "country": self.country, "feature": self.feature,
                "geonames_id": self.geonames_id, "name": self.name, "admin1": admin1}


@cache
def _index() -> tuple[list[Place], dict[str, list[tuple[int, bool]]]]:
    """The places and, for each key, the places it names (True: by their canonical name)."""
    places: list[Place] = []
    keys: dict[str, list[tuple[int, bool]]] = {}
    for feature, gid, country, admin1, lat, lon, population, name, own, other in data_lines("places.tsv"):
        for names, canonical in ((own, True), (other, False)):
            for key in filter(None, names.split("|")):
                keys.setdefault(key, []).append((len(places), canonical))
        places.append(Place(feature, int(gid) if gid else None, country, admin1,
                            float(lat), float(lon), int(population), name))
    return places, keys


class Gazetteer:
    """Russian place names to places. Built once; `lookup` takes any case form."""

    def __init__(self, places: list[Place], keys: dict[str, list[tuple[int, bool]]], morph=None):
        self.places = places
        self.keys = keys
        self.morph = morph or _morph()
        self._by_ref = {self._ref(p.geo()): p for p in places}
        self._position = {p: i for i, p in enumerate(places)}
        self._regions = {(p.country, p.admin1): p.name for p in places if p.feature == "region"}

    @classmethod
    @cache
    def load(cls, morph=None) -> Gazetteer:
        """The shared gazetteer (one per morphology analyser)."""
        places, keys = _index()
        return cls(places, keys, morph)

    @staticmethod
    def _ref(geo: dict[str, Any]) -> tuple:
        return (geo["feature"], geo["geonames_id"] or geo["name"], geo["country"])

    def candidates(self, name: str) -> dict[int, bool]:
        """Places a name may mean, each with whether it is their canonical name."""
        found: dict[int, bool] = {}
        for key in name_keys(name, self.morph):
            for i, canonical in self.keys.get(key, ()):
                found[i] = found.get(i, False) or canonical
        return found

    def best(self, name: str, countries: list[str] | None = None) -> Place | None:
        """The place a name most likely means: a country over a region over a city; then the most
        populous, a place in the hinted countries counting HINT_WEIGHT times its population.
        Within a country, a place whose canonical name it is wins over places that have it as
        another name (`Ставрополь` is also an old name of Tolyatti)."""
        found = self.candidates(name)
        canonical = {self.places[i].country for i, own in found.items() if own}
        places = [self.places[i] for i, own in found.items()
                  if own or self.places[i].country not in canonical]
        hints = set(countries or ())

        def score(p: Place) -> tuple:
            return FEATURE_RANK[p.feature], p.population * (HINT_WEIGHT if p.country in hints else 1)
        return max(places, key=score, default=None)

    def lookup(self, name: str, countries: list[str] | None = None) -> dict[str, Any] | None:
        """The SCHEMA geo record of a name; `admin1` is the Russian name of the region of
        regions.tsv the place lies in (ACLED's admin1), or None."""
        place = self.best(name, countries)
        if not place:
            return None
        region = self._regions.get((place.country, place.admin1)) if place.feature != "country" else None
        return place.geo(region)

    def place(self, geo_or_name: dict[str, Any] | str) -> Place | None:
        if isinstance(geo_or_name, str):
            return self.best(geo_or_name)
        return self._by_ref.get(self._ref(geo_or_name))

    def contains(self, outer: dict[str, Any] | str, inner: dict[str, Any] | str) -> bool:
        """Whether `inner` lies inside `outer` (a city in its region or country, a region in its
        country). A place does not contain itself."""
        big, small = self.place(outer), self.place(inner)
        if not big or not small or big == small or big.country != small.country:
            return False
        if big.feature == "country":
            return True
        return big.feature == "region" and small.feature == "city" and big.admin1 == small.admin1

    def nominative(self, name: str, geo: dict[str, Any]) -> str | None:
        """The dictionary form of an inflected name the morphology does not know. One word: trade a
        case ending for a nominative one until the gazetteer has the result as a name of the same
        place («Кветте» → Кветта, «Абудже» → Абуджа). Else the place's own name, where the two
        differ only by noun endings word by word («Боснии и Герцеговине» → Босния и Герцеговина,
        «Сараев» → Сараево). None when `name` already is a name of the place, or of another."""
        index = self._position.get(self.place(geo))
        if index is None:
            return None
        if " " not in name and not self._names(name.lower(), index):
            for case, nominative in CASE_ENDINGS:
                if name.lower().endswith(case) and len(name) > len(case) + 2:
                    candidate = name[: len(name) - len(case)] + nominative
                    if self._names(candidate.lower(), index):
                        return candidate
        if self.is_place_name(name):
            return None  # «Париж» is a name of its own, whatever the gazetteer calls the place
        return _case_form_of(name, self.places[index].name)

    def is_place_name(self, name: str) -> bool:
        """Whether some place bears this very name («Париж»), not only a case form of one."""
        return any(self.places[i].name.lower() == name.lower() for i in self.candidates(name))

    def _names(self, key: str, index: int) -> bool:
        return any(i == index for i, _ in self.keys.get(key, ()))

    def is_site(self, text: str) -> bool:
        """Whether a phrase names a street, building or quarter: its first noun is a site noun."""
        for word in words(text):
            parses = [p for p in self.morph.parse(word) if p.pos == "NOUN"]
            if parses:
                return any(p.normal.replace("ё", "е") in site_nouns() for p in parses)
        return False

    def resolve(self, entity: Entity, text: str, countries: list[str] | None = None) -> dict | None:
        """An entity's place: by its canonical name, its aliases, then each mention as written."""
        names = [entity.name, *entity.aliases, *(text[a:b] for a, b in entity.mentions)]
        for name in dict.fromkeys(names):
            found = self.lookup(name, countries)
            if found:
                return found
        return None


def precision(geo: dict[str, Any] | None) -> int | None:
    """ACLED geo_precision of a resolved place (None when there is no place)."""
    return PRECISION.get(geo["feature"], 3) if geo else None


def contains(outer: dict[str, Any] | str, inner: dict[str, Any] | str) -> bool:
    return Gazetteer.load().contains(outer, inner)


def is_site(text: str) -> bool:
    return Gazetteer.load().is_site(text)


def _case_form_of(name: str, place_name: str) -> str | None:
    """The gazetteer's name where the entity's is only a case form of it, word by word, that the
    morphology got wrong: «Босния и Герцеговине» → «Босния и Герцеговина», «Сараев» → «Сараево»."""
    ours, theirs = name.lower().replace("ё", "е").split(), place_name.lower().replace("ё", "е").split()
    if ours == theirs or len(ours) != len(theirs):
        return None
    return place_name if all(_differ_by_ending(a, b) for a, b in zip(ours, theirs)) else None


NOUN_ENDINGS = {"", "а", "я", "о", "е", "ы", "и", "у", "ю", "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях",
                "ами", "ями", "ов", "ев"}


def _differ_by_ending(a: str, b: str) -> bool:
    """«герцеговине» and «герцеговина», «сараев» and «сараево»; not «париж» and «парис»."""
    stem = len(os.path.commonprefix([a, b]))
    return a == b or (stem >= 4 and a[stem:] in NOUN_ENDINGS and b[stem:] in NOUN_ENDINGS)


@cache
def countries() -> dict[str, Place]:
    """Countries by their ISO 3166 code."""
    return {p.country: p for p in _index()[0] if p.feature == "country"}


@cache
def _region_index() -> tuple[dict[str, Place], dict[tuple[str, str], Place]]:
    regions = [p for p in _index()[0] if p.feature == "region"]
    return {p.name: p for p in regions}, {(p.country, p.admin1): p for p in regions}


@cache
def _cities() -> dict[int, Place]:
    return {p.geonames_id: p for p in _index()[0] if p.feature == "city" and p.geonames_id}


def region_of(geo: dict[str, Any]) -> Place | None:
    """The first-level region (of regions.tsv) a resolved place lies in, itself for a region;
    None for a country, or where the gazetteer has no region for the place."""
    by_name, by_code = _region_index()
    if geo.get("feature") == "region":
        return by_name.get(geo.get("name") or "")
    if geo.get("feature") == "country":
        return None
    if geo.get("admin1"):  # the region's name, as lookup() gives it
        return by_name.get(geo["admin1"])
    city = _cities().get(geo.get("geonames_id") or 0)
    return by_code.get((city.country, city.admin1)) if city else None
