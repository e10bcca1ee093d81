"""Build src/letopis/data/geo/place_adjectives.tsv: adjectives that name a place
(«казанский» → Казань, «сирийский» → Сирия), so «в казанской гимназии» places an event in Kazan.

Three sources, each row marked with its own:
- `nerel`: every adjective NEREL train annotates as a CITY, COUNTRY, STATE_OR_PROVINCE or
  DISTRICT, taken back to its place by Russian derivation rules (ADJECTIVE_TO_NAME) and
  looked up in the gazetteer;
- `derived`: the same rules run forwards over the gazetteer's countries and large cities
  (NAME_TO_ADJECTIVE), kept where the Russian dictionary knows the adjective;
- `hand`: data/geo/place_adjectives_irregular.tsv, adjectives no rule derives
  («американский» → США, «немецкий» → Германия), and `-` for adjectives that name no place
  on the map («советский»).
A derived adjective NEREL train uses often but rarely annotates as a place («советский» is
mostly about the Soviet Union, not the town of Советск) is left out.

Run: python scripts/build_place_adjectives.py  (needs ../shared for the NEREL check)
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import pymorphy2
from natasha import MorphVocab

from letopis.gazetteer import DATA, Gazetteer, data_lines

NEREL = Path(__file__).resolve().parents[2] / "shared" / "data" / "nerel" / "train"
PLACE_TYPES = {"CITY", "COUNTRY", "STATE_OR_PROVINCE", "DISTRICT"}
FEATURE_RANK = {"country": 3, "region": 2, "city": 1}
CIS = {"RU", "UA", "BY", "KZ", "UZ", "KG", "TJ", "TM", "AZ", "AM", "GE", "MD"}
MIN_POPULATION = {True: 50_000, False: 150_000}  # a city in the former USSR / elsewhere
# (adjective ending, endings of the name it comes from), longest first
ADJECTIVE_TO_NAME = [
    ("ийский", ["ия", "ий", "и"]), ("ейский", ["ея", "ей"]), ("айский", ["ай"]),
    ("овский", ["ва", "ов", "ово", "овы"]), ("жский", ["га", "г"]), ("сский", ["си", "с", "сы"]),
    ("цкий", ["цк", "ция", "к"]), ("ский", ["", "ск", "ь", "а", "я", "ы", "и", "о", "ия"]),
    ("ской", ["", "ь", "а", "я", "ск"]),
]
NAME_TO_ADJECTIVE = [
    ("ия", ["ийский", "ский"]), ("ея", ["ейский"]), ("ва", ["овский", "вский"]), ("га", ["жский"]),
    ("ск", ["ский"]), ("цк", ["цкий"]), ("ь", ["ский", "ской"]), ("а", ["ский", "инский"]),
    ("я", ["ский", "йский"]), ("й", ["йский"]), ("о", ["ский", "овский"]), ("ы", ["ский"]),
    ("и", ["йский", "сский"]), ("", ["ский", "ской"]),
]
TOO_COMMON = (4, 0.2)  # used this many times in NEREL train, annotated as a place below this share


def places() -> list[dict]:
    rows = []
    for feature, gid, country, admin1, lat, lon, population, name, own, other in data_lines("places.tsv"):
        names = [k for k in (own + "|" + other).split("|") if re.fullmatch(r"[а-я]+(?:-[а-я]+)*", k)]
        rows.append({"feature": feature, "country": country, "population": int(population),
                     "name": name, "keys": names, "lat": float(lat), "lon": float(lon)})
    return rows


def city_district(row: dict, metropolises: list[dict]) -> bool:
    """A district of a big city that GeoNames lists as a town (Хорошёво-Мнёвники in Moscow): its
    adjective names a district court or street, not a town («Хорошевский суд»)."""
    return any(m is not row and m["population"] > row["population"]
               and abs(m["lat"] - row["lat"]) < 0.2 and abs(m["lon"] - row["lon"]) < 0.3 for m in metropolises)


def by_key(rows: list[dict]) -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = collections.defaultdict(list)
    for row in rows:
        for key in row["keys"]:
            index[key].append(row)
    return index


def rank(row: dict) -> tuple:
    return FEATURE_RANK[row["feature"]], row["population"]


def parses(word: str, morph) -> list:
    """pymorphy's own parses (natasha's wrapper drops the Geox mark)."""
    return pymorphy2.MorphAnalyzer.parse(morph, word)


def is_place_noun(word: str, morph) -> bool:
    """Whether the dictionary knows a word as a place name in its dictionary form."""
    return any(p.tag.POS == "NOUN" and "Geox" in p.tag and p.normal_form == word for p in parses(word, morph))


def name_of(adjective: str, index: dict[str, list[dict]], morph) -> tuple[str, dict] | None:
    """The place an adjective comes from, by the rules backwards: the first name, in the rules'
    order (the longest ending first), that the dictionary knows as a place; else the most
    important place any rule reaches (`московский` → москва before the river москова)."""
    found = []
    for ending, names in ADJECTIVE_TO_NAME:
        if adjective.endswith(ending):
            stem = adjective[: -len(ending)]
            found += [(stem + n, row) for n in names for row in index.get(stem + n, [])]
    known = [f for f in found if is_place_noun(f[0], morph)]
    if known:
        key = known[0][0]
        return title(key), max((row for k, row in known if k == key), key=rank)
    best = max(found, key=lambda f: rank(f[1]), default=None)
    return (best[1]["name"], best[1]) if best else None


def adjectives_of(key: str, morph) -> list[tuple[int, str]]:
    """The adjectives the rules derive from a name, kept where the dictionary knows them, each
    with the number of its rule."""
    out = []
    for i, (ending, adjectives) in enumerate(NAME_TO_ADJECTIVE):
        if key.endswith(ending) and len(key) > len(ending) + 2:
            stem = key[: len(key) - len(ending)]
            for adjective in adjectives:
                word = stem + adjective
                if morph.word_is_known(word) and any(p.tag.POS == "ADJF" and p.normal_form == word
                                                     for p in parses(word, morph)):
                    out.append((i, word))
    return out


def nerel_adjectives(morph) -> tuple[collections.Counter, collections.Counter]:
    """How often NEREL train annotates each adjective as a place, and how often it uses it."""
    annotated, used = collections.Counter(), collections.Counter()
    for path in sorted(NEREL.glob("*_text.ann")):
        for line in path.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[0].startswith("T") and parts[1].split()[0] in PLACE_TYPES \
                    and " " not in parts[2]:
                parse = parses(parts[2].lower(), morph)[0]
                if parse.tag.POS == "ADJF":
                    annotated[parse.normal_form.replace("ё", "е")] += 1
        text = path.with_name(path.name.replace(".ann", ".txt")).read_text("utf-8")
        for word in re.findall(r"[а-яё]+(?:-[а-яё]+)*", text.lower()):
            if word[-2:] in ("ий", "ой", "ая", "ое", "ие", "ых", "их", "го", "му", "ым", "им", "ом", "ую", "ей", "ых"):
                parse = parses(word, morph)[0]
                if parse.tag.POS == "ADJF":
                    used[parse.normal_form.replace("ё", "е")] += 1
    return annotated, used


def title(key: str) -> str:
    return "-".join(part.capitalize() for part in key.split("-"))


def main() -> None:
    if not NEREL.is_dir():
        sys.exit(f"{NEREL} is absent: the NEREL check needs ../shared")
    morph = MorphVocab()
    rows = places()
    index = by_key(rows)
    table: dict[str, tuple[str, dict, str]] = {}
    metropolises = [r for r in rows if r["feature"] == "city" and r["population"] >= 1_000_000]
    # written in this order, the last wins: a region («мордовский» → Мордовия), then a town over a
    # region of its name («томский» → Томск, not Томская область), then a country
    order = {"region": 0, "city": 1, "country": 2}
    for row in sorted(rows, key=lambda r: (order[r["feature"]], r["population"])):
        big = row["feature"] in ("country", "region") or (
            row["feature"] == "city" and row["population"] >= MIN_POPULATION[row["country"] in CIS]
            and not city_district(row, metropolises))
        if big:
            # a name the dictionary knows as a place and the most specific rule first: московский
            # from москва (-ва → -овский), not from the river москова (-а → -ский)
            derived = sorted((not is_place_noun(key, morph), i, key, adjective)
                             for key in row["keys"] for i, adjective in adjectives_of(key, morph))
            for known, _, key, adjective in reversed(derived):
                table[adjective] = (title(key) if not known else row["name"], row, "derived")
    annotated, used = nerel_adjectives(morph)
    for adjective in annotated:
        found = name_of(adjective, index, morph)
        if found and (adjective not in table or table[adjective][2] != "derived"
                      or rank(found[1]) > rank(table[adjective][1])):
            table[adjective] = (found[0], found[1], "nerel")
        elif adjective in table:
            table[adjective] = (*table[adjective][:2], "nerel")
    gazetteer = Gazetteer.load(morph)
    for adjective, name in data_lines("place_adjectives_irregular.tsv"):
        if name == "-":  # an adjective of a place that is no longer one, or of no place
            table.pop(adjective, None)
            continue
        place = gazetteer.best(name)
        if place is None:
            sys.exit(f"place_adjectives_irregular.tsv: {name} is not in the gazetteer")
        table[adjective] = (name, {"feature": place.feature, "country": place.country}, "hand")
    dropped = [a for a, (_, _, source) in table.items() if source == "derived"
               and used[a] >= TOO_COMMON[0] and annotated[a] < TOO_COMMON[1] * used[a]]
    for adjective in dropped:
        del table[adjective]
    lines = ["# Built by scripts/build_place_adjectives.py; do not edit (irregulars: place_adjectives_irregular.tsv).",
             "# adjective\tplace\tfeature\tcountry\tsource\tannotated as a place in NEREL train / used there"]
    for adjective in sorted(table):
        name, row, source = table[adjective]
        lines.append(f"{adjective}\t{name}\t{row['feature']}\t{row['country']}\t{source}\t"
                     f"{annotated[adjective]}/{used[adjective]}")
    (DATA / "place_adjectives.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    missing = {a: n for a, n in annotated.items() if a not in table}
    covered = sum(n for a, n in annotated.items() if a in table)
    print(f"{len(table)} adjectives; NEREL train place adjectives covered: {covered}/{sum(annotated.values())} "
          f"mentions; dropped as mostly not places: {', '.join(sorted(dropped)) or 'none'}")
    print("not covered (mentions):", ", ".join(f"{a} {n}" for a, n in sorted(missing.items(), key=lambda x: -x[1])))


if __name__ == "__main__":
    main()
