"""An analyst's corrections to an event: each field's value checked and put in its plain form
(`normalise`), then resolved into the `events` columns it sets (`columns`): a place name through
the stored entities and the gazetteer, a date into the days it covers, a figure into a range.

Values: type a PLOVER type; mode one of the type's modes or null; date YYYY[-MM[-DD]] or null;
location a place name or null; actor and target words (or {"text", "class"}) or null;
fatalities, injured and arrested a number, {"min", "max"} or null; modality one of ONTOLOGY.md's.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import duckdb
import yaml

from .. import gazetteer
from ..ingest import InputError, parse_published
from ..records import Entity
from ..times import date_range
from . import merge
from .lookup import find_entities

FIELDS = ("type", "mode", "date", "location", "actor", "target", "fatalities", "injured", "arrested",
          "modality")
COUNTS = ("fatalities", "injured", "arrested")
MODALITIES = ("asserted", "reported", "uncertain", "future", "negated")
MOST = 10**9  # a figure beyond any toll (and beyond the columns' integers)
# the events columns each field sets
COLUMNS = {
    "type": ("type", "family"), "mode": ("mode", "family"),
    "date": ("date", "date_grain", "date_from", "date_to"),
    "location": ("location_id", "location_name"),
    "actor": ("actor_text", "actor_id", "actor_class"), "target": ("target_text", "target_id", "target_class"),
    **{c: (f"{c}_min", f"{c}_max", f"{c}_text") for c in COUNTS},
    "modality": ("modality",),
}
# fields that decide which chronicle event an event belongs to (store/merge.py)
MERGE_FIELDS = {"type", "mode", "date", "location", "actor", "target", "modality"}


class CorrectionError(ValueError):
    """A correction that cannot be applied; `ru` says why in Russian for the pages."""

    def __init__(self, message: str, ru: str):
        super().__init__(message)
        self.ru = ru


@cache
def modes() -> dict[str, list[str]]:
    """PLOVER types and their modes (ONTOLOGY.md), from the terms table of the pages."""
    terms = yaml.safe_load(resources.files("letopis").joinpath("web/labels.yaml").read_text("utf-8"))
    return {t: sorted(m.split("/")[1] for m in terms["modes"] if m.startswith(f"{t}/"))
            for t in terms["event_types"]}


def normalise(changes: dict[str, Any], current_type: str | None = None) -> dict[str, Any]:
    """The changes checked and in their plain form; raises CorrectionError."""
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise CorrectionError(f"unknown field {unknown[0]!r}: expected one of {', '.join(FIELDS)}",
                              f"Поле «{unknown[0]}» не исправляется.")
    out: dict[str, Any] = {}
    for name in FIELDS:
        if name in changes:
            out[name] = _plain(name, changes[name])
    type_ = out.get("type", current_type)
    if type_ is None and "mode" in out:
        raise CorrectionError("a mode needs a type", "Вид события задаётся вместе с типом.")
    if "type" in out and "mode" not in out:
        out["mode"] = None  # the old type's mode means nothing under the new one
    if out.get("mode") is not None and out["mode"] not in modes().get(type_, []):
        raise CorrectionError(f"mode {out['mode']!r} is not one of {type_}'s: {', '.join(modes().get(type_, [])) or 'none'}",
                              f"У типа {type_} нет вида «{out['mode']}».")
    return out


def _plain(name: str, value: Any) -> Any:
    if name == "type":
        if not isinstance(value, str) or value not in modes():
            raise CorrectionError(f"unknown event type {value!r}", f"Неизвестный тип события «{value}».")
        return value
    if value is None:
        return None
    if name == "mode":
        return str(value)
    if name == "date":
        try:
            return parse_published(str(value), what="date")
        except InputError as error:
            raise CorrectionError(str(error), f"Дата «{value}» не прочитана: нужна ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД, "
                                              "и такой день должен быть в календаре.") from None
    if name == "location":
        text = str(value).strip()
        if not text:
            raise CorrectionError("an empty place name", "Название места пусто.")
        return text
    if name in ("actor", "target"):
        return _side(name, value)
    if name in COUNTS:
        return _count(name, value)
    if not isinstance(value, str) or value not in MODALITIES:
        raise CorrectionError(f"unknown modality {value!r}: expected one of {', '.join(MODALITIES)}",
                              f"Неизвестная достоверность «{value}».")
    return value


def _side(name: str, value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, dict) or not str(value.get("text") or "").strip():
        raise CorrectionError(f"{name}: expected words or {{text, class}}", "Участник: нужны слова.")
    cls = value.get("class")
    if cls is not None and (not isinstance(cls, int) or not 1 <= cls <= 8):
        raise CorrectionError(f"{name}: the class is an ACLED inter code, 1 to 8", "Класс участника — число от 1 до 8.")
    return {"text": " ".join(str(value["text"]).split()), "class": cls}


def _count(name: str, value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        value = None
    if isinstance(value, int):
        value = {"min": value, "max": value}
    if isinstance(value, str) and value.strip().isdigit():
        value = {"min": int(value), "max": int(value)}
    low = value.get("min") if isinstance(value, dict) else None
    high = value.get("max") if isinstance(value, dict) else None
    if not isinstance(low, int) or isinstance(low, bool) or not 0 <= low <= MOST or \
            (high is not None and (not isinstance(high, int) or not low <= high <= MOST)):
        raise CorrectionError(f"{name}: expected a number, {{min, max}} or null",
                              "Число должно быть целым, не меньше нуля (или диапазоном «от–до»).")
    return {"min": low, "max": high}


def columns(db: duckdb.DuckDBPyConnection, changes: dict[str, Any], row: dict[str, Any],
            place: Any) -> dict[str, Any]:
    """The events columns the (normalised) changes set, given the row they apply to; `place(name)`
    is the stored entity (id, name) a place name is, or None."""
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name in ("type", "mode"):
            out[name] = value
        elif name == "date":
            span = date_range(value, None) if value else None
            out.update(date=value, date_grain=span[2] if span else None,
                       date_from=span[0] if span else None, date_to=span[1] if span else None)
        elif name == "location":
            found = place(value) if value else None
            if value and found is None:
                raise CorrectionError(f"unknown place {value!r}: neither stored nor in the gazetteer",
                                      f"Место «{value}» не найдено ни среди мест хроники, ни в справочнике.")
            out.update(location_id=found[0] if found else None, location_name=found[1] if found else None)
        elif name in ("actor", "target"):
            entity = _entity_named(db, value["text"]) if value else None
            out.update({f"{name}_text": value["text"] if value else None, f"{name}_id": entity,
                        f"{name}_class": (value["class"] if value and value["class"] is not None
                                          else row.get(f"{name}_class") if value else None)})
        elif name in COUNTS:
            text = None if value is None else str(value["min"]) if value["max"] == value["min"] \
                else f"{value['min']}+" if value["max"] is None else f"{value['min']}–{value['max']}"
            out.update({f"{name}_min": value["min"] if value else None,
                        f"{name}_max": value["max"] if value else None, f"{name}_text": text})
        else:
            out[name] = value
    if "type" in out or "mode" in out:
        out["family"] = merge.family(out.get("type", row["type"]), out.get("mode", row["mode"]))
    return out


def _entity_named(db: duckdb.DuckDBPyConnection, text: str) -> int | None:
    """The stored entity words name when they are one (`МВД Казахстана`), else none."""
    found = find_entities(db, text)
    return found[0]["id"] if len(found) == 1 and found[0]["type"] != "LOC" else None


def resolve_place(db: duckdb.DuckDBPyConnection, add: Any, name: str) -> tuple[int, str] | None:
    """A place name as a stored entity (id, name): the gazetteer's place where it knows the name
    (the entity of the same GeoNames place, or a new one `add(Entity)` stores), else a stored
    place of that name."""
    geo = gazetteer.Gazetteer.load().lookup(name)
    stored = [e for e in find_entities(db, name, "LOC")]
    if geo is not None:
        same = [e for e in stored if e["geo"] and (
            (geo.get("geonames_id") and e["geo"].get("geonames_id") == geo.get("geonames_id"))
            or (e["geo"].get("name") == geo["name"] and e["geo"].get("country") == geo.get("country")))]
        if same:
            return same[0]["id"], same[0]["name"]
        entity = add(Entity(id="review", type="LOC", name=geo["name"], geo=geo))
        return entity.id, entity.name
    return (stored[0]["id"], stored[0]["name"]) if stored else None
