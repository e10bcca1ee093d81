"""Exports of the chronicle: ACLED-style CSV, GeoJSON, JSON Lines and Parquet.

Every exported event carries its evidence sentence and its source chain; ACLED columns take the
lowest fatality figure (ACLED's rule) and ACLED's precision codes.
"""
from __future__ import annotations

import csv
import json
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any

import duckdb
import pycountry

from .. import acled, gazetteer
from .schema import rules

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")
# ACLED's columns, and whether an analyst reviewed the event: confirmed, corrected (the row holds
# the corrected values), partly (some of its sources), or empty (store/reviews.py)
COLUMNS = (*acled.COLUMNS, "review")


def write(db: duckdb.DuckDBPyConnection, events: list[dict[str, Any]], fmt: str, out: IO | str | Path) -> int:
    """Write the events in a format to a file path or an open text stream; returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        _parquet(db, events, out)
        return len(events)
    stream, close = (open(out, "w", encoding="utf-8", newline="") if isinstance(out, (str, Path))
                     else out), isinstance(out, (str, Path))
    try:
        if fmt == "jsonl":
            for event in events:
                stream.write(json.dumps(event, ensure_ascii=False) + "\n")
        elif fmt == "geojson":
            json.dump({"type": "FeatureCollection", "features": [_feature(e) for e in events]},
                      stream, ensure_ascii=False)
            stream.write("\n")
        else:
            writer = csv.DictWriter(stream, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(acled_row(e) for e in events)
    finally:
        if close:
            stream.close()
    return len(events)


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


def _parquet(db: duckdb.DuckDBPyConnection, events: list[dict[str, Any]], out: IO | str | Path) -> None:
    """Parquet through DuckDB itself: the events as JSON, read back with nested columns."""
    with tempfile.TemporaryDirectory() as tmp:
        lines, target = Path(tmp) / "events.jsonl", Path(tmp) / "events.parquet"
        write(db, events, "jsonl", lines)
        if events:
            db.execute(f"COPY (SELECT * FROM read_json('{lines}', format = 'newline_delimited')) "
                       f"TO '{target}' (FORMAT parquet)")
        else:
            db.execute(f"COPY (SELECT NULL::BIGINT AS id LIMIT 0) TO '{target}' (FORMAT parquet)")
        if isinstance(out, (str, Path)):
            shutil.copyfile(target, out)
        else:
            with open(target, "rb") as data:
                shutil.copyfileobj(data, getattr(out, "buffer", out))
