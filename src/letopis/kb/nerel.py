"""NEREL's entity links (`N` lines of its BRAT .ann files) read, and made into KB entries.

An `N` line ties a mention (a `T` line) to a Wikidata QID or to NULL, and gives the entity's Russian
Wikidata label: `N3\tReference T12 Wikidata:Q13648730\tЫнтымак`. The KB keeps, per QID: the
mentions as written with their counts (the priors), the label, the type its mentions mostly have,
for people the professions NEREL ties to them (WORKS_AS), for places and organisations the country
it ties them to (LOCATED_IN, HEADQUARTERED_IN), and for places the GeoNames id and coordinates the
gazetteer gives the label.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .base import Entry
from .names import lemma

TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "CITY": "LOC", "COUNTRY": "LOC",
         "STATE_OR_PROVINCE": "LOC", "LOCATION": "LOC", "DISTRICT": "LOC"}
LINK = re.compile(r"^N\d+\tReference (T\d+) Wikidata:(Q\d+|NULL)(?:\t(.*))?$")
RELATION = re.compile(r"^R\d+\t(\w+) Arg1:(T\d+) Arg2:(T\d+)")
NO_LABEL = {"", "нет данных"}
COUNTRY_RELATIONS = {"LOCATED_IN", "HEADQUARTERED_IN"}
DERIVED_COUNT = 0.5  # a surname cut from a full name counts half a mention
DESCRIPTION_WORDS = 5  # professions kept per person


@dataclass
class Mention:
    start: int
    stop: int
    kind: str  # NEREL's type
    text: str


@dataclass
class Link:
    mention: Mention
    qid: str | None  # None: NULL, the entity is not in Wikidata
    label: str


@dataclass
class Document:
    id: str
    text: str
    mentions: dict[str, Mention] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)  # T id -> link
    relations: list[tuple[str, str, str]] = field(default_factory=list)


def read(folder: str | Path) -> Iterator[Document]:
    """The documents of a NEREL folder with their mentions, links and relations; a line the
    annotation tool broke is skipped."""
    for txt in sorted(Path(folder).glob("*.txt")):
        ann = txt.with_suffix(".ann")
        doc = Document(txt.stem, txt.read_text(encoding="utf-8"))
        lines = ann.read_text(encoding="utf-8").splitlines() if ann.is_file() else []
        for line in lines:
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 3:
                kind, *offsets = parts[1].replace(";", " ").split()
                if offsets and all(o.isdigit() for o in offsets):
                    doc.mentions[parts[0]] = Mention(int(offsets[0]), int(offsets[-1]), kind, parts[2])
            elif match := RELATION.match(line):
                doc.relations.append(match.groups())
        for line in lines:
            if (match := LINK.match(line)) and match.group(1) in doc.mentions:
                tid, qid, label = match.groups()
                doc.links[tid] = Link(doc.mentions[tid], None if qid == "NULL" else qid, (label or "").strip())
        yield doc


def read_all(folders: Iterable[str | Path]) -> Iterator[Document]:
    for folder in folders:
        yield from read(folder)


def entries(docs: Iterable[Document], gazetteer=None) -> list[Entry]:
    """KB entries from the links of PERSON, ORGANIZATION and place mentions in the documents."""
    types: dict[str, Counter] = defaultdict(Counter)
    labels: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, Counter] = defaultdict(Counter)
    professions: dict[str, Counter] = defaultdict(Counter)
    countries: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        for link in doc.links.values():
            kind = TYPES.get(link.mention.kind)
            if link.qid is None or kind is None:
                continue
            types[link.qid][kind] += 1
            names[link.qid][link.mention.text.strip()] += 1
            if link.label.lower() not in NO_LABEL:
                labels[link.qid][link.label] += 1
        for relation, one, other in doc.relations:
            first, second = doc.links.get(one), doc.links.get(other)
            if relation == "WORKS_AS" and first and first.qid and other in doc.mentions:
                professions[first.qid][lemma(doc.mentions[other].text)] += 1
            elif (relation in COUNTRY_RELATIONS and first and first.qid and second and second.qid
                  and second.mention.kind == "COUNTRY"):
                countries[first.qid][second.qid] += 1
    found = []
    for qid, kinds in types.items():
        entry = Entry(qid, kinds.most_common(1)[0][0])
        entry.label = labels[qid].most_common(1)[0][0] if labels[qid] else names[qid].most_common(1)[0][0]
        entry.aliases = {name: (float(count), True) for name, count in names[qid].items()}
        entry.aliases.setdefault(entry.label, (1.0, True))
        if professions[qid]:
            entry.description = "; ".join(p for p, _ in professions[qid].most_common(DESCRIPTION_WORDS))
        if countries[qid]:
            entry.country = countries[qid].most_common(1)[0][0]
        if entry.type == "PER":
            for name in person_short_names(entry.label):
                entry.aliases.setdefault(name, (DERIVED_COUNT, False))
        found.append(entry)
    if gazetteer is not None:
        _place(found, gazetteer)
    return found


def person_short_names(label: str) -> list[str]:
    """The shorter names a person's full name gives: «Нурсултан Абишевич Назарбаев» → «Нурсултан
    Назарбаев», «Назарбаев»; Wikidata's «Коми, Джеймс» → «Джеймс Коми», «Коми»."""
    if "," in label:
        surname, _, given = label.partition(",")
        label = f"{given.strip()} {surname.strip()}"
    parts = label.split()
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return []
    return list(dict.fromkeys([f"{parts[0]} {parts[-1]}", parts[-1]] if len(parts) > 2 else [label, parts[-1]]))


def _place(found: list[Entry], gazetteer) -> None:
    """Places get the GeoNames id and coordinates of their label (else of their most frequent
    name); a place NEREL ties to no country takes the country the gazetteer puts it in, as the
    QID of that country's entry."""
    country_qids: dict[str, Counter] = defaultdict(Counter)
    geos = {}
    for entry in found:
        if entry.type != "LOC":
            continue
        names = [entry.label, *sorted(entry.aliases, key=lambda n: -entry.aliases[n][0])]
        geo = next((g for g in map(gazetteer.lookup, dict.fromkeys(names)) if g), None)
        if geo is None:
            continue
        geos[entry.qid] = geo
        entry.geonames_id, entry.lat, entry.lon = geo.get("geonames_id"), geo["lat"], geo["lon"]
        if geo["feature"] == "country":
            country_qids[geo["country"]][entry.qid] += sum(c for c, _ in entry.aliases.values())
    for entry in found:
        geo = geos.get(entry.qid)
        if geo and entry.country is None and geo["feature"] != "country" and country_qids[geo["country"]]:
            entry.country = country_qids[geo["country"]].most_common(1)[0][0]
