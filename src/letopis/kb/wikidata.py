"""A Wikidata JSON dump into KB entries, streamed: the standard format, a JSON array with one entity
per line (`[`, then `{...},` lines, then `]`), plain, .bz2 or .gz.

Memory stays constant whatever the dump's size: one line is read, parsed and written at a time, and
the KB file takes the rest (its indexes and priors are built by SQLite on disk). A line without
`"ru"` in it has no Russian label or alias and is skipped unparsed.

Kept: humans, organisations and places (data/kb/classes.tsv; an item of another class with a
GeoNames id is a place) with a Russian label or alias. An alias's count, from which its prior comes,
is the item's sitelinks plus one (how widely it is known); the label counts twice an alias.

`engine="ray"` runs the parsing and the name forms on Ray Data (kb/ray_build.py).
"""
from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from .base import Entry, Writer
from .nerel import DERIVED_COUNT, person_short_names

LANGUAGE = "ru"
FILTER = b'"ru"'


@cache
def classes() -> dict[str, str]:
    """Wikidata class QID → KB type."""
    text = resources.files("letopis").joinpath("data/kb/classes.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row[0]: row[1] for row in rows}


def compression(path: str | Path) -> str | None:
    """`gz`, `bz2` or None (plain), by the file's first bytes, not its name."""
    with open(path, "rb") as raw:
        magic = raw.read(3)
    return "gz" if magic[:2] == b"\x1f\x8b" else "bz2" if magic == b"BZh" else None


def open_dump(path: str | Path) -> BinaryIO:
    """The dump as a binary stream, decompressed as it is read."""
    kind = compression(path)
    return gzip.open(path, "rb") if kind == "gz" else bz2.open(path, "rb") if kind == "bz2" else open(path, "rb")


def entity_lines(stream: BinaryIO) -> Iterator[bytes]:
    """The entity lines of a dump stream that may name something in Russian, one at a time."""
    for line in stream:
        if FILTER in line:
            line = line.strip().rstrip(b",")
            if line.startswith(b"{"):
                yield line


def entry(line: bytes | str) -> Entry | None:
    """The KB entry of one dump line, or None for an item the KB does not keep (or a broken line)."""
    try:
        item = json.loads(line)
    except ValueError:
        return None
    if not isinstance(item, dict) or item.get("type") != "item" or not item.get("id"):
        return None
    label = ((item.get("labels") or {}).get(LANGUAGE) or {}).get("value")
    aliases = [a.get("value") for a in (item.get("aliases") or {}).get(LANGUAGE, []) if a.get("value")]
    if not label and not aliases:
        return None
    claims = item.get("claims") or {}
    geonames = _values(claims, "P1566")
    kinds = [classes()[c] for c in _item_ids(claims, "P31") if c in classes()]
    kind = "PER" if "PER" in kinds else (kinds[0] if kinds else ("LOC" if geonames else None))
    if kind is None:
        return None
    known = 1.0 + len(item.get("sitelinks") or {})
    found = Entry(item["id"], kind, label or aliases[0])
    found.description = ((item.get("descriptions") or {}).get(LANGUAGE) or {}).get("value")
    countries = _item_ids(claims, "P17")
    found.country = countries[0] if countries else None
    if geonames and str(geonames[0]).isdigit():
        found.geonames_id = int(geonames[0])
    coordinates = next((v for v in _values(claims, "P625") if isinstance(v, dict)), None)
    if coordinates:
        found.lat, found.lon = coordinates.get("latitude"), coordinates.get("longitude")
    for name in aliases:
        found.aliases.setdefault(name, (known, True))
    if label:
        found.aliases[label] = (2 * known, True)
    if kind == "PER" and label:
        for name in person_short_names(label):
            found.aliases.setdefault(name, (DERIVED_COUNT * known, False))
    return found


def _values(claims: dict[str, Any], prop: str) -> list[Any]:
    """The values of a property's statements (deprecated ones left out)."""
    return [s["mainsnak"]["datavalue"]["value"] for s in claims.get(prop, [])
            if s.get("rank") != "deprecated" and "datavalue" in s.get("mainsnak", {})]


def _item_ids(claims: dict[str, Any], prop: str) -> list[str]:
    return [v["id"] for v in _values(claims, prop) if isinstance(v, dict) and "id" in v]


def entries(path: str | Path) -> Iterator[Entry]:
    with open_dump(path) as stream:
        for line in entity_lines(stream):
            found = entry(line)
            if found is not None:
                yield found


def build(dump: str | Path, out: str | Path, engine: str = "local", address: str | None = None) -> int:
    """Write the KB of a dump to `out`; returns how many entities it holds."""
    with Writer(out, f"wikidata {Path(dump).name}") as writer:
        if engine == "ray":
            from .ray_build import entries_with_rows
            for found, rows in entries_with_rows(dump, address):
                writer.add(found, rows)
        else:
            writer.add_all(entries(dump))
        return writer.entities
