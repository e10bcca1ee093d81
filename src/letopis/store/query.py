"""Reading the chronicle back: filtered events with their sources, entities, articles."""
from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

import duckdb

from .. import gazetteer
from ..times import date_range
from .merge import contains
from .lookup import actor_texts, entity_geos, entity_ids, entity_names, name_keys, qids_of
from .text import name_key, nominative

CHRONICLE_COLUMNS = ("id", "type", "mode", "family", "date_from", "date_to", "date_grain",
                     "location_id", "location_name", "country", "feature", "lat", "lon", "site",
                     "actor_text", "actor_id", "actor_class", "target_text", "target_id",
                     "target_class", "fatalities", "fatalities_max", "disputed", "injured",
                     "arrested", "sources", "reprints", "sentence", "background", "confidence", "review")
# An event type filter: a PLOVER type, TYPE/mode or a family; its parameter three times.
TYPE_FILTER = ("(upper(type) = upper(?) OR upper(type || '/' || coalesce(mode, '')) = upper(?) "
               "OR lower(family) = lower(?))")
SOURCE_COLUMNS = ("article_id", "event_id", "outlet", "published", "url", "sentence", "claim",
                  "fatalities_min", "fatalities_max", "fatalities_text", "modality", "speaker", "via",
                  "reprint_of")


def events(db: duckdb.DuckDBPyConnection, **filters: Any) -> list[dict[str, Any]]:
    """Chronicle events, oldest first, each with its sources; events told as history or context
    (background) only when asked for. Filters as for select()."""
    return public(db, select(db, **filters))


def publics(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Chronicle events by id (background and rejected ones too), each with its sources."""
    return {e["id"]: e for e in public(db, select(db, ids=ids, background=True, rejected=True))}


def briefs(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Chronicle events by id as a list of links shows them: date, type and place (not their
    sentences nor sources, which spread over the whole table cost most of an entity page)."""
    rows = db.execute("SELECT id, date_from, date_grain, type, mode, location_name FROM chronicle_events "
                      "WHERE id IN (SELECT unnest(?::BIGINT[]))", [ids]).fetchall()
    return {i: {"id": i, "date": date_label(day, grain), "date_grain": grain, "type": type_, "mode": mode,
                "place": place} for i, day, grain, type_, mode, place in rows}


def public(db: duckdb.DuckDBPyConnection, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Chronicle events rows as the API gives them: with sources, participants' names and QIDs."""
    sources = _sources(db, [e["id"] for e in found])
    names = entity_names(db, [e[f"{side}_id"] for e in found for side in ("actor", "target")])
    qids = qids_of(db, {e[k] for e in found for k in ("actor_id", "target_id", "location_id")} - {None})
    return [_public(e, sources.get(e["id"], []), names, qids) for e in found]


def select(db: duckdb.DuckDBPyConnection, date_from: str | date | None = None,
           date_to: str | date | None = None, place: str | None = None, type: str | None = None,
           actor: str | None = None, entity: str | None = None,
           limit: int | None = None, ids: list[int] | None = None,
           background: bool = False, rejected: bool = False, offset: int = 0) -> list[dict[str, Any]]:
    """The chronicle_events rows the filters keep, oldest first (from the `offset`th, at most
    `limit`); events told as history or context (background), and those a reviewer rejected,
    only when asked for."""
    where, params = _where(db, date_from, date_to, type, actor, entity, ids, background, rejected)
    places = entity_geos(db, place) if place else []  # read once: roles and aliases left out
    if place:
        condition, values = _places(place, places)
        where.append(condition)
        params += values
    # a place is refined below (_inside): the rows are cut then
    window = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None and not place else ""
    rows = db.execute(f"SELECT {', '.join(CHRONICLE_COLUMNS)} FROM chronicle_events c "
                      f"WHERE {' AND '.join(where)} ORDER BY date_from NULLS LAST, id{window}", params).fetchall()
    found = [dict(zip(CHRONICLE_COLUMNS, r)) for r in rows]
    if place:
        found = _inside(db, found, place, places)[offset:]
        return found[:limit] if limit is not None else found
    return found


def select_ids(db: duckdb.DuckDBPyConnection, **filters: Any) -> list[int]:
    """The ids of select(), in its order; read alone where no place needs refining (a month's
    7,600 rows, sentences included, took 50 to 100 ms of a 310 ms Parquet export at 10^5)."""
    if filters.get("place"):
        return [e["id"] for e in select(db, **filters)]
    keys = ("date_from", "date_to", "type", "actor", "entity", "ids")
    where, params = _where(db, *(filters.get(k) for k in keys), bool(filters.get("background")),
                           bool(filters.get("rejected")))
    limit = filters.get("limit")
    window = f" LIMIT {int(limit)} OFFSET {int(filters.get('offset') or 0)}" if limit is not None else ""
    return [r[0] for r in db.execute(f"SELECT id FROM chronicle_events c WHERE {' AND '.join(where)} "
                                     f"ORDER BY date_from NULLS LAST, id{window}", params).fetchall()]


def summary(db: duckdb.DuckDBPyConnection, **filters: Any) -> dict[str, Any]:
    """How many chronicle events the filters keep (as select), per type, and their fatalities
    (the lowest figures), counted in SQL where no place needs refining."""
    if filters.get("place"):  # `ids`: the events kept, in order, so a page need not refine the place again
        found = select(db, **filters)
        types = Counter(e["type"] for e in found if e["type"])
        return {"total": len(found), "by_type": types.most_common(),
                "fatalities": sum(e["fatalities"] or 0 for e in found), "ids": [e["id"] for e in found]}
    keys = ("date_from", "date_to", "type", "actor", "entity", "ids", "background", "rejected")
    where, params = _where(db, *(filters.get(k) for k in keys[:6]), bool(filters.get("background")),
                           bool(filters.get("rejected")))
    rows = db.execute(f"SELECT type, count(*), sum(coalesce(fatalities, 0)) FROM chronicle_events c "
                      f"WHERE {' AND '.join(where)} GROUP BY type", params).fetchall()
    return {"total": sum(n for _, n, _ in rows),
            "by_type": sorted(((t, n) for t, n, _ in rows if t), key=lambda p: (-p[1], p[0])),
            "fatalities": int(sum(f or 0 for _, _, f in rows))}


def _where(db: duckdb.DuckDBPyConnection, date_from: str | date | None, date_to: str | date | None,
           type: str | None, actor: str | None, entity: str | None, ids: list[int] | None,
           background: bool, rejected: bool) -> tuple[list[str], list[Any]]:
    """The conditions on chronicle_events (as `c`) of the filters but the place, and their parameters."""
    where, params = ["true" if background else "NOT coalesce(background, false)"], []
    if not rejected:
        where.append("coalesce(review, '') <> 'rejected'")
    if ids is not None:  # an id beyond BIGINT (a URL may ask for one) names no event
        where.append("id IN (SELECT unnest(?::BIGINT[]))")
        params.append([i for i in ids if -2**63 <= i < 2**63])
    if date_from:  # `2024-03` as a bound means from March 1 / to March 31
        where.append("date_to >= ?")
        params.append(date_range(str(date_from), None)[0])
    if date_to:
        where.append("date_from <= ?")
        params.append(date_range(str(date_to), None)[1])
    if type:
        where.append(TYPE_FILTER)
        params += [type, type, type]
    if actor:  # by lemmas, as search: «митингующих» finds «митингующие»
        ids, texts = entity_ids(db, actor), actor_texts(db, actor)
        where.append("(list_contains(?, actor_text) OR list_contains(?, actor_id) OR EXISTS (SELECT 1 FROM events e "
                     "WHERE e.chronicle_id = c.id AND (list_contains(?, e.actor_text) OR list_contains(?, e.actor_id))))")
        params += [texts, ids, texts, ids]
    if entity:
        ids = entity_ids(db, entity)
        where.append(
            "EXISTS (SELECT 1 FROM events e WHERE e.chronicle_id = c.id AND (list_has_any(?, "
            "[e.actor_id, e.target_id, e.location_id, e.source_speaker_id]) OR EXISTS (SELECT 1 FROM "
            "mentions m WHERE m.article_id = e.article_id AND list_contains(?, m.entity_id) "
            "AND m.start >= e.start AND m.stop <= e.stop)))")
        params += [ids, ids]
    return where, params


def participant(text: str | None, entity: int | None, cls: int | None, names: dict[int, str],
                qids: dict[int, str] | None = None) -> dict[str, Any]:
    """An actor or target: the words of the article, the entity, the class, the name a reader is
    shown (the entity's canonical name, else the words in the nominative) and its Wikidata QID."""
    name = names.get(entity) if entity is not None else None
    return {"text": text, "entity": entity, "class": cls, "name": name or (nominative(text) if text else None),
            "wikidata": (qids or {}).get(entity)}


def _places(place: str, places: list[dict[str, Any]]) -> tuple[str, list[Any]]:
    """A condition on chronicle_events that keeps every event _inside may keep (and few more):
    at an entity of the name (`places`), named so, or in the country of a region or country of the name."""
    geos = [p["geo"] for p in places if p["geo"]] or [gazetteer.Gazetteer.load().lookup(place)]
    countries = sorted({g["country"] for g in geos if g and g.get("feature") in ("country", "region")})
    return ("(location_id IN (SELECT unnest(?::BIGINT[])) "
            "OR location_id IN (SELECT id FROM entities WHERE country IN (SELECT unnest(?::VARCHAR[]))) "
            "OR trim(regexp_replace(regexp_replace(lower(replace(location_name, 'ё', 'е')), '[«»\"“”„'']', '', 'g'), "
            "'\\s+', ' ', 'g')) IN (SELECT unnest(?::VARCHAR[])))",
            [[p["id"] for p in places], countries, name_keys(place)])


def _inside(db: duckdb.DuckDBPyConnection, found: list[dict[str, Any]], place: str,
            places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events at a place or anywhere inside it (a country or region holds its cities); `places`
    the entities of its name."""
    places = list(places)
    ids = {p["id"] for p in places}
    if not any(p["geo"] for p in places):  # a place no article named: ask the gazetteer
        places.append({"geo": gazetteer.Gazetteer.load().lookup(place)})
    keys = set(name_keys(place))
    geos = {r[0]: json.loads(r[1]) for r in db.execute(
        "SELECT id, geo FROM entities WHERE geo IS NOT NULL AND id IN (SELECT unnest(?::BIGINT[]))",
        [sorted({e["location_id"] for e in found if e["location_id"] is not None})]).fetchall()}
    return [e for e in found
            if e["location_id"] in ids or name_key(e["location_name"] or "") in keys
            or any(contains(p["geo"], geos.get(e["location_id"])) for p in places)]


def _sources(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    rows = db.execute(f"SELECT chronicle_id, {', '.join(SOURCE_COLUMNS)} FROM event_sources "
                      "WHERE chronicle_id IN (SELECT unnest(?::BIGINT[])) "
                      "ORDER BY published NULLS LAST, article_id, event_id", [ids]).fetchall()
    out: dict[int, list[dict[str, Any]]] = {}
    for (chronicle_id, article, event_id, outlet, published, url, sentence, claim, low, high, text, modality,
         speaker, via, reprint_of) in rows:
        out.setdefault(chronicle_id, []).append({
            "event_id": event_id, "outlet": outlet, "published": published, "url": url, "sentence": sentence,
            "claim": claim, "modality": modality, "speaker": speaker, "via": via, "reprint_of": reprint_of,
            "article": article, "fatalities": {"min": low, "max": high, "text": text} if low is not None else None})
    return out


def date_label(value: date | None, grain: str | None) -> str | None:
    """A date as precise as it is known: `2022-01-06`, `2022-01`, `2022`."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:7] if grain == "month" else text[:4] if grain == "year" else text


def _public(e: dict[str, Any], sources: list[dict[str, Any]], names: dict[int, str],
            qids: dict[int, str]) -> dict[str, Any]:
    return {
        "id": e["id"], "date": date_label(e["date_from"], e["date_grain"]),
        "date_from": e["date_from"].isoformat() if e["date_from"] else None,
        "date_to": e["date_to"].isoformat() if e["date_to"] else None, "date_grain": e["date_grain"],
        "type": e["type"], "mode": e["mode"], "family": e["family"],
        "place": e["location_name"], "place_wikidata": qids.get(e["location_id"]),
        "country": e["country"], "feature": e["feature"],
        "lat": e["lat"], "lon": e["lon"], "site": e["site"],
        "actor": participant(e["actor_text"], e["actor_id"], e["actor_class"], names, qids),
        "target": participant(e["target_text"], e["target_id"], e["target_class"], names, qids),
        "fatalities": e["fatalities"], "fatalities_max": e["fatalities_max"], "disputed": e["disputed"],
        "injured": e["injured"], "arrested": e["arrested"],
        "source_count": e["sources"], "reprints": e["reprints"], "sentence": e["sentence"],
        "background": bool(e["background"]), "confidence": e["confidence"], "review": e["review"],
        "sources": sources,
    }


def article_ids(db: duckdb.DuckDBPyConnection, date_from: str | None = None, date_to: str | None = None,
                entity: str | None = None, background: bool = False, **event_filters: Any) -> set[str] | None:
    """The articles the chronicle filters allow (for search), or None when there are none: the
    sources of the events they keep, the articles naming the entity, those published within the
    dates (`2024-03` as a bound means from March 1 / to March 31, as for events)."""
    allowed: set[str] | None = None
    if any(event_filters.values()):
        ids = [e["id"] for e in select(db, **event_filters, background=background)]
        # an article whose own event a reviewer rejected is no source of it
        allowed = {r[0] for r in db.execute(
            "SELECT DISTINCT e.article_id FROM events e WHERE e.chronicle_id IN (SELECT unnest(?::BIGINT[])) "
            "AND coalesce(e.review, '') <> 'rejected'", [ids]).fetchall()}
    if entity:
        ids = entity_ids(db, entity)
        found = {r[0] for r in db.execute("SELECT DISTINCT article_id FROM mentions "
                                          "WHERE entity_id IN (SELECT unnest(?::BIGINT[]))", [ids]).fetchall()}
        allowed = found if allowed is None else allowed & found
    if date_from or date_to:
        low = date_range(str(date_from), None)[0].isoformat() if date_from else "0001-01-01"
        high = date_range(str(date_to), None)[1].isoformat() if date_to else "9999-12-31"
        # a publication date covers its year, month or day: its first and last days, as text
        found = {r[0] for r in db.execute(
            "SELECT id FROM (SELECT id, left(published, 10) AS p FROM articles WHERE published IS NOT NULL) "
            "WHERE CASE len(p) WHEN 4 THEN p || '-01-01' WHEN 7 THEN p || '-01' ELSE p END <= ? "
            "AND CASE len(p) WHEN 4 THEN p || '-12-31' WHEN 7 THEN p || '-31' ELSE p END >= ?",
            [high, low]).fetchall()}
        allowed = found if allowed is None else allowed & found
    return allowed
