"""ACLED's terms (ONTOLOGY.md «ACLED mapping»): the type mapping and codes the chronicle export
(letopis.store.export) uses, and one article's events as CSV rows or GeoJSON features, each with
its evidence sentence and its source chain."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from .records import Article, Event

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "inter1", "actor2", "inter2", "interaction", "civilian_targeting",
           "iso", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
           "notes", "fatalities", "tags",
           # not ACLED's: the Wikidata QIDs of the actors and the place, where linked (letopis.link)
           "actor1_wikidata", "actor2_wikidata", "location_wikidata")
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}


@cache
def _mapping() -> list[dict[str, Any]]:
    """The PLOVER → ACLED rules shared with the chronicle export (data/chronicle.yaml)."""
    text = resources.files("letopis").joinpath("data/chronicle.yaml").read_text("utf-8")
    return yaml.safe_load(text)["acled"]


def acled_type(type_: str, mode: str | None, actor_class: int | None,
               target_class: int | None) -> tuple[str, str]:
    """(event_type, sub_event_type): the first rule whose conditions all hold."""
    for rule in _mapping():
        if (rule.get("type", type_) == type_ and mode in rule.get("modes", [mode])
                and actor_class in rule.get("actor_class", [actor_class])
                and target_class in rule.get("target_class", [target_class])):
            return rule["event_type"], rule["sub_event_type"]
    return "Strategic developments", "Other"


def civilian_targeting(type_: str, target_class: int | None) -> str:
    return "Civilian targeting" if type_ == "ASSAULT" and target_class == 7 else ""


def _country(code: str | None):
    if not code:
        return None
    import pycountry
    return pycountry.countries.get(alpha_2=code)


def _name(article: Article, entity_id: str | None) -> str | None:
    entity = article.entity(entity_id)
    return entity.name if entity else None


def _qid(article: Article, entity_id: str | None) -> str | None:
    entity = article.entity(entity_id)
    return entity.wikidata if entity else None


def source_chain(event: Event, article: Article) -> str:
    """`Vlast.kz (Департамент полиции; via Хабар 24)`: the outlet, who said it, through whom."""
    speaker = _name(article, event.source.get("speaker"))
    via = [n for v in event.source.get("via", []) if (n := _name(article, v))]
    who = [w for w in (speaker, f"via {', '.join(via)}" if via else None) if w]
    outlet = article.outlet or article.url or article.id
    return f"{outlet} ({'; '.join(who)})" if who else outlet


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit code: the two actor classes, the lower first; a lone actor is N0."""
    if inter1 is None:
        return None
    pair = sorted(c for c in (inter1, inter2) if c is not None)
    return int(f"{pair[0]}{pair[1] if len(pair) > 1 else 0}")


def acled_row(event: Event, article: Article) -> dict[str, Any]:
    entity = article.entity(event.location)
    geo = (entity.geo if entity else None) or {}
    country = _country(geo.get("country"))
    event_type, sub_event_type = acled_type(event.type, event.mode, event.actor.cls, event.target.cls)
    tags = [f"modality: {event.modality}"]
    if event.injured:
        tags.append(f"injured: {event.injured.text}")
    if event.arrested:
        tags.append(f"arrested: {event.arrested.text}")
    if event.site:
        tags.append(f"site: {event.site}")
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}{article.id}-{event.id}",
        "event_date": event.date,
        "year": int(event.date[:4]) if event.date else None,
        "time_precision": event.time_precision,
        "disorder_type": DISORDER.get(event_type, "Strategic developments"),
        "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": event.actor.text, "inter1": event.actor.cls,
        "actor2": event.target.text, "inter2": event.target.cls,
        "interaction": interaction(event.actor.cls, event.target.cls),
        "civilian_targeting": civilian_targeting(event.type, event.target.cls),
        "iso": int(country.numeric) if country else None,
        "country": country.name if country else None,
        "admin1": geo.get("admin1"),
        "location": entity.name if entity else None,
        "latitude": geo.get("lat"), "longitude": geo.get("lon"),
        "geo_precision": event.geo_precision,
        "source": source_chain(event, article),
        "notes": article.text[event.start:event.stop].strip(),
        # ACLED takes the lowest figure the sources allow.
        "fatalities": event.fatalities.min or 0 if event.fatalities else 0,
        "tags": "; ".join(tags),
        "actor1_wikidata": _qid(article, event.actor.entity),
        "actor2_wikidata": _qid(article, event.target.entity),
        "location_wikidata": entity.wikidata if entity else None,
    }


def geojson_feature(event: Event, article: Article) -> dict[str, Any]:
    """A GeoJSON Feature: a Point in [lon, lat] order where the place is known, else no geometry."""
    row = acled_row(event, article)
    located = row["latitude"] is not None and row["longitude"] is not None
    properties = row | {
        "plover_type": event.type, "plover_mode": event.mode, "modality": event.modality,
        "evidence": [[event.start, event.stop], *map(list, event.extra_evidence)],
        "source_chain": {"outlet": article.outlet, "speaker": _name(article, event.source.get("speaker")),
                         "via": [_name(article, v) for v in event.source.get("via", [])]},
    }
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]} if located else None,
            "properties": properties}
