"""The words the pages show for the codes the API keeps, all from one table (labels.yaml): types
and modes, modality, actor classes, date and place precision, review states; and the Russian
forms of dates, figures, participants and claims built from them. Templates get these as
globals; the scripts get the table itself (`script_terms`)."""
from __future__ import annotations

import importlib.resources
import re
from functools import cache
from typing import Any

import yaml

from .. import gazetteer
from ..store.text import nominative

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря")
MONTHS_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                     "сентябрь", "октябрь", "ноябрь", "декабрь")


@cache
def labels() -> dict[str, Any]:
    return yaml.safe_load((importlib.resources.files("letopis.web") / "labels.yaml").read_text("utf-8"))


def type_label(type_: str | None) -> str:
    return labels()["event_types"].get(type_ or "", {}).get("label", type_ or "—")


def colour(type_: str | None) -> str:
    return labels()["event_types"].get(type_ or "", {}).get("colour", labels()["default_colour"])


def mode_label(type_: str | None, mode: str | None) -> str | None:
    return labels()["modes"].get(f"{type_}/{mode}") if mode else None


def kind_label(type_: str | None, mode: str | None) -> str:
    """«Насилие: убийство»: the type and, when there is one, the mode."""
    mode_words = mode_label(type_, mode)
    return f"{type_label(type_)}: {mode_words}" if mode_words else type_label(type_)


def term(table: str, code: Any, default: str = "—") -> str:
    """The words for a code in one of the tables (modalities, actor_classes, features ...)."""
    if code is None:
        return default
    found = labels().get(table, {}).get(code)
    if isinstance(found, dict):
        found = found.get("label")
    return found or str(code)


def date_text(value: str | None, grain: str | None = None) -> str:
    """«6 января 2022», «январь 2022», «2022 год»; `grain` (month, year) marks a date that stands
    for its whole period even where the value is a day (the first of it)."""
    if not value:
        return "дата неизвестна"
    parts = value[:10].split("-")
    if grain == "year" or len(parts) == 1:
        return f"{parts[0]} год"
    if grain == "month" or len(parts) == 2:
        return f"{MONTHS_NOMINATIVE[int(parts[1]) - 1]} {parts[0]}"
    text = f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return f"неделя с {text}" if grain == "week" else text


def grain_mark(grain: str | None) -> str:
    """What a date of a coarse grain is drawn with: «весь месяц», «весь год»."""
    return labels()["grains"].get(grain or "day", {}).get("mark", "")


def figure(low: int | None, high: int | None = None) -> str | None:
    """«26», «20–99», «101+» (no upper bound)."""
    if low is None:
        return None
    if high == low:
        return str(low)
    return f"{low}+" if high is None else f"{low}–{high}"


def participant(side: dict[str, Any] | None) -> str | None:
    """Who acted (or on whom): the entity's name or the words in the nominative, and the class."""
    if not side:
        return None
    name = side.get("name") or (nominative(side["text"]) if side.get("text") else None)
    cls = side.get("class")
    if name and cls:
        return f"{name} ({term('actor_classes', cls)})"
    return name or (term("actor_classes", cls) if cls else None)


def place_text(name: str | None, feature: str | None = None, country: str | None = None) -> str:
    if not name:
        return "место неизвестно"
    kind = term("features", feature, "") if feature and feature != "city" else ""
    return f"{name} ({kind})" if kind else name


def country_name(code: str | None) -> str | None:
    place = gazetteer.countries().get(code or "")
    return place.name if place else code


@cache
def country_shape(code: str | None) -> str | None:
    """The ISO 3166 numeric code world-atlas names a country's shape by."""
    import pycountry
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.numeric if country else None


def claim(source: dict[str, Any], row: dict[str, Any] | None) -> str:
    """What a source claims, in one Russian line: «Насилие: убийство; 6 января 2022; Алматы;
    погибших: 20–99 («десятки»); со слов источника: Салтанат Азирбек». `row` is what the article
    states of the event (type, mode, date, place, injured, arrested); without it, its figures alone."""
    parts = []
    if row:
        parts += [kind_label(row["type"], row["mode"]), date_text(row["date"], row["date_grain"])]
        if row["place"]:
            parts.append(row["place"])
    toll = source.get("fatalities") or {}
    if toll:
        words = f" («{toll['text']}»)" if toll.get("text") and not toll["text"].isdigit() else ""
        parts.append(f"погибших: {figure(toll['min'], toll['max'])}{words}")
    for what, word in (("injured", "раненых"), ("arrested", "задержанных")):
        count = (row or {}).get(what)
        if count:
            parts.append(f"{word}: {figure(count['min'], count['max'])}")
    modality = source.get("modality")
    who = source.get("speaker")
    if modality and modality != "asserted":
        parts.append(f"{term('modalities', modality)}{': ' + who if who else ''}")
    elif who:
        parts.append(f"по словам: {who}")
    return "; ".join(parts)


def confidence_band(value: float | None) -> str:
    """low, middle or high: the pages draw weaker events fainter."""
    if value is None:
        return "unknown"
    for band, limit in labels()["confidence"].items():
        if value < limit["below"]:
            return band
    return "high"


def confidence_text(value: float | None) -> str:
    if value is None:
        return "уверенность не оценена"
    return f"уверенность {labels()['confidence'][confidence_band(value)]['label']} ({value:.2f})"


def script_terms() -> dict[str, Any]:
    """The table as the scripts need it (types with colours, modes, modalities, entity types ...)."""
    table = labels()
    return {"types": table["event_types"], "modes": table["modes"], "entities": table["entity_types"],
            "modalities": table["modalities"], "quotes": table["quote_kinds"], "grains": table["grains"],
            "features": table["features"], "parts": table["parts_of_day"], "default_colour": table["default_colour"]}


CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)

# What a page says when the message it got is not in Russian already (an HTTP error of the
# framework, a validation failure).
STATUS_WORDS = {400: "Неверный запрос.", 401: "Нужно войти.", 403: "Доступ запрещён.", 404: "Страница не найдена.",
                405: "Такой запрос здесь не принимается.", 413: "Слишком большой запрос.",
                415: "Неподдерживаемый формат данных.", 422: "Неверные параметры запроса.",
                500: "Внутренняя ошибка сервера."}


def russian_message(status: int, message: str) -> str:
    if CYRILLIC.search(message or ""):
        return message
    return STATUS_WORDS.get(status, "Ошибка.")
