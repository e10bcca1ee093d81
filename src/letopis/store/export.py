"""Exports of the chronicle: ACLED-style CSV, GeoJSON, JSON Lines and Parquet.

Every exported event carries its evidence sentence and its source chain; ACLED columns take the
lowest fatality figure (ACLED's rule) and ACLED's precision codes.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any

import duckdb
import pycountry

from .. import acled, gazetteer
from . import lake, query
from .schema import rules

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")
# ACLED's columns, and whether an analyst reviewed the event: confirmed, corrected (the row holds
# the corrected values), partly (some of its sources), or empty (store/reviews.py)
COLUMNS = (*acled.COLUMNS, "review")
CHUNK = 2000  # events built at a time by a text export (each chunk reads its sources: fewer cost more queries)


def write(db: duckdb.DuckDBPyConnection, fmt: str, out: IO | str | Path, partition: str | None = None,
          **filters: Any) -> int:
    """Write the chronicle events the filters keep (query.select) in a format to a file path or
    an open stream; returns how many. Parquet is written by DuckDB (lake.py); `partition="month"`
    writes the Parquet dataset partitioned by month into the folder `out`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if partition is not None and ((fmt, partition) != ("parquet", "month") or not isinstance(out, (str, Path))):
        raise ValueError("a partitioned export is Parquet by month, into a folder")
    if fmt == "parquet":
        ids = query.select_ids(db, **filters)
        if partition:
            lake.partitioned(db, ids, Path(out))
        else:
            _parquet(db, ids, out)
        return len(ids)
    count, text = stream(db, fmt, **filters)
    with _text(out) as written:
        written.writelines(text)
    return count


def stream(db: duckdb.DuckDBPyConnection, fmt: str, **filters: Any) -> tuple[int, Iterator[str]]:
    """How many chronicle events the filters keep, and their export as text (acled-csv, geojson
    or jsonl) a piece at a time, the events built CHUNK at a time as the text is asked for: a
    month of a large store is thousands, and building them all first kept every one alive (the
    collector's passes over them cost a third of the export). They are read on a connection of
    their own, in one transaction, so a server may send them without its lock and what commits
    meanwhile is not among them."""
    reader = db.cursor()
    reader.execute("BEGIN TRANSACTION")
    try:  # jsonl is built by DuckDB from the ids (lake.lines), the others from the rows
        found = query.select_ids(reader, **filters) if fmt == "jsonl" else query.select(reader, **filters)
    except BaseException:
        reader.close()
        raise

    def text() -> Iterator[str]:
        try:
            if fmt == "jsonl":
                yield from lake.lines(reader, found, CHUNK)
            else:
                chunks = (found[start:start + CHUNK] for start in range(0, len(found), CHUNK))
                yield from _pieces(fmt, (e for chunk in chunks for e in query.public(reader, chunk)))
        finally:
            reader.close()
    return len(found), text()


def _pieces(fmt: str, events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The text of an acled-csv or geojson export of these events, a piece at a time."""
    if fmt == "geojson":
        yield '{"type": "FeatureCollection", "features": ['
        yield from ((", " if i else "") + json.dumps(_feature(e), ensure_ascii=False) for i, e in enumerate(events))
        yield "]}\n"
    else:
        line = io.StringIO()
        writer = csv.DictWriter(line, fieldnames=COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(acled_row(event))
            if line.tell() > 1 << 16:
                yield line.getvalue()
                line.seek(0)
                line.truncate()
        yield line.getvalue()


@contextmanager
def _text(out: IO | str | Path) -> Iterator[IO]:
    """A text stream to a path (opened and closed here) or the stream given."""
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
    else:
        yield out


def _feature(event: dict[str, Any]) -> dict[str, Any]:
    located = event["lat"] is not None and event["lon"] is not None
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]} if located else None,
            "properties": event}


def source_chain(event: dict[str, Any]) -> str:
    """`Интерфакс (speaker; via Хабар 24); Vlast.kz`: each source with who said it through whom."""
    parts = []
    for s in event["sources"]:
        who = [w for w in [s["speaker"], f"via {', '.join(s['via'])}" if s["via"] else None] if w]
        name = s["outlet"] or s["article"]
        parts.append(f"{name} ({'; '.join(who)})" if who else name)
    return "; ".join(dict.fromkeys(parts))


def acled_row(event: dict[str, Any]) -> dict[str, Any]:
    """A chronicle event as an ACLED row: the lowest figure any source gives (ACLED's rule)."""
    country = pycountry.countries.get(alpha_2=event["country"]) if event["country"] else None
    inter1, inter2 = event["actor"]["class"], event["target"]["class"]
    event_type, sub_event_type = acled.acled_type(event["type"], event["mode"], inter1, inter2)
    notes = event["sentence"] or ""
    if event["disputed"]:
        figures = sorted({(s["fatalities"]["min"], s["fatalities"]["text"])
                          for s in event["sources"] if s["fatalities"]})
        notes += f" [fatalities disputed: {', '.join(t for _, t in figures)}]"
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}{event['id']}",
        "event_date": event["date_from"], "year": event["date_from"][:4] if event["date_from"] else None,
        "time_precision": rules()["time_precision"].get(event["date_grain"]),
        "disorder_type": acled.DISORDER.get(event_type, "Strategic developments"),
        "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": event["actor"]["text"], "inter1": inter1,
        "actor2": event["target"]["text"], "inter2": inter2,
        "interaction": acled.interaction(inter1, inter2),
        "civilian_targeting": acled.civilian_targeting(event["type"], inter2),
        "iso": int(country.numeric) if country else None, "country": country.name if country else None,
        "admin1": None,
        "location": event["place"], "latitude": event["lat"], "longitude": event["lon"],
        "geo_precision": gazetteer.precision({"feature": event["feature"]}) if event["feature"] else None,
        "source": source_chain(event), "notes": notes,
        "fatalities": event["fatalities"] or 0,
        "tags": f"sources: {len(event['sources'])}",
        "actor1_wikidata": event["actor"].get("wikidata"), "actor2_wikidata": event["target"].get("wikidata"),
        "location_wikidata": event.get("place_wikidata"),
        "review": event.get("review") or "",
    }


def _parquet(db: duckdb.DuckDBPyConnection, ids: list[int], out: IO | str | Path) -> None:
    """One Parquet file, to a path or (through a temporary file) a binary stream."""
    if isinstance(out, (str, Path)):
        lake.parquet(db, ids, Path(out))
        return
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "events.parquet"
        lake.parquet(db, ids, target)
        with open(target, "rb") as data:
            shutil.copyfileobj(data, getattr(out, "buffer", out))
