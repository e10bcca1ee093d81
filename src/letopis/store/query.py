"""Reading the chronicle back: filtered events with their sources, entities, articles."""
from __future__ import annotations

import itertools
import json
from datetime import date
from typing import Any

import duckdb

from .. import gazetteer
from ..times import date_range
from .merge import contains
from .text import name_key, word_forms

CHRONICLE_COLUMNS = ("id", "type", "mode", "family", "date_from", "date_to", "date_grain",
                     "location_id", "location_name", "country", "feature", "lat", "lon", "site",
                     "actor_text", "actor_id", "actor_class", "target_text", "target_id",
                     "target_class", "fatalities", "fatalities_max", "disputed", "injured",
                     "arrested", "sources", "reprints", "sentence", "background")
# An event type filter: a PLOVER type, TYPE/mode or a family; its parameter three times.
TYPE_FILTER = ("(upper(type) = upper(?) OR upper(type || '/' || coalesce(mode, '')) = upper(?) "
               "OR lower(family) = lower(?))")
SOURCE_COLUMNS = ("article_id", "event_id", "outlet", "published", "url", "sentence", "claim",
                  "fatalities_min", "fatalities_max", "fatalities_text", "modality", "speaker", "via",
                  "reprint_of")


def find_entities(db: duckdb.DuckDBPyConnection, name: str, type_: str | None = None) -> list[dict[str, Any]]:
    """Stored entities a name (in any case form: `Токаева`, `Казахстане`) refers to."""
    # entity_names: the key, the aliases, and a person's surname: `Токаева` → Касым-Жомарт Токаев
    rows = db.execute(
        "SELECT id, type, name, roles, aliases, geo FROM entities WHERE id IN (SELECT entity_id FROM "
        "entity_names WHERE key IN (SELECT unnest(?::VARCHAR[]))) AND (? IS NULL OR type = ?) ORDER BY id",
        [_keys(name), type_, type_]).fetchall()
    return [{"id": r[0], "type": r[1], "name": r[2], "roles": r[3], "aliases": r[4],
             "geo": json.loads(r[5]) if r[5] else None} for r in rows]


def _keys(name: str) -> list[str]:
    """The name and its words' normal forms in every combination (capped), as name keys."""
    parts = name_key(name).split()
    options = [sorted({p, *word_forms(p)}) for p in parts]
    return sorted({" ".join(c) for c in itertools.islice(itertools.product(*options), 64)})


def events(db: duckdb.DuckDBPyConnection, **filters: Any) -> list[dict[str, Any]]:
    """Chronicle events, oldest first, each with its sources; events told as history or context
    (background) only when asked for. Filters as for select()."""
    found = select(db, **filters)
    sources = _sources(db, [e["id"] for e in found])
    return [_public(e, sources.get(e["id"], [])) for e in found]


def publics(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Chronicle events by id (background ones too), each with its sources."""
    found = select(db, ids=ids, background=True)
    sources = _sources(db, ids)
    return {e["id"]: _public(e, sources.get(e["id"], [])) for e in found}


def select(db: duckdb.DuckDBPyConnection, date_from: str | date | None = None,
           date_to: str | date | None = None, place: str | None = None, type: str | None = None,
           actor: str | None = None, entity: str | None = None,
           limit: int | None = None, ids: list[int] | None = None,
           background: bool = False) -> list[dict[str, Any]]:
    """The chronicle_events rows the filters keep, oldest first."""
    where, params = ["true" if background else "NOT coalesce(background, false)"], []
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
    if actor:
        ids = [e["id"] for e in find_entities(db, actor)]
        where.append("(actor_text ILIKE ? OR list_contains(?, actor_id) OR EXISTS (SELECT 1 FROM events e "
                     "WHERE e.chronicle_id = c.id AND (e.actor_text ILIKE ? OR list_contains(?, e.actor_id))))")
        params += [f"%{actor}%", ids, f"%{actor}%", ids]
    if entity:
        ids = [e["id"] for e in find_entities(db, entity)]
        where.append(
            "EXISTS (SELECT 1 FROM events e WHERE e.chronicle_id = c.id AND (list_has_any(?, "
            "[e.actor_id, e.target_id, e.location_id, e.source_speaker_id]) OR EXISTS (SELECT 1 FROM "
            "mentions m WHERE m.article_id = e.article_id AND list_contains(?, m.entity_id) "
            "AND m.start >= e.start AND m.stop <= e.stop)))")
        params += [ids, ids]
    places = _places(db, place) if place else None
    if places:
        where.append(places[0])
        params += places[1]
    rows = db.execute(f"SELECT {', '.join(CHRONICLE_COLUMNS)} FROM chronicle_events c "
                      f"WHERE {' AND '.join(where)} ORDER BY date_from NULLS LAST, id", params).fetchall()
    found = [dict(zip(CHRONICLE_COLUMNS, r)) for r in rows]
    if place:
        found = _inside(db, found, place)
    return found[:limit] if limit is not None else found


def _places(db: duckdb.DuckDBPyConnection, place: str) -> tuple[str, list[Any]]:
    """A condition on chronicle_events that keeps every event _inside may keep (and few more):
    at an entity of the name, named so, or in the country of a region or country of the name."""
    places = find_entities(db, place)
    geos = [p["geo"] for p in places if p["geo"]] or [gazetteer.Gazetteer.load().lookup(place)]
    countries = sorted({g["country"] for g in geos if g and g.get("feature") in ("country", "region")})
    return ("(location_id IN (SELECT unnest(?::BIGINT[])) "
            "OR location_id IN (SELECT id FROM entities WHERE country IN (SELECT unnest(?::VARCHAR[]))) "
            "OR trim(regexp_replace(regexp_replace(lower(replace(location_name, 'ё', 'е')), '[«»\"“”„'']', '', 'g'), "
            "'\\s+', ' ', 'g')) IN (SELECT unnest(?::VARCHAR[])))",
            [[p["id"] for p in places], countries, _keys(place)])


def _inside(db: duckdb.DuckDBPyConnection, found: list[dict[str, Any]], place: str) -> list[dict[str, Any]]:
    """Events at a place or anywhere inside it (a country or region holds its cities)."""
    places = find_entities(db, place)
    ids = {p["id"] for p in places}
    if not any(p["geo"] for p in places):  # a place no article named: ask the gazetteer
        places.append({"geo": gazetteer.Gazetteer.load().lookup(place)})
    keys = set(_keys(place))
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
    for chronicle_id, *values in rows:
        source = dict(zip(SOURCE_COLUMNS, values))
        source["article"] = source.pop("article_id")
        low, high, text = (source.pop(k) for k in ("fatalities_min", "fatalities_max", "fatalities_text"))
        source["fatalities"] = {"min": low, "max": high, "text": text} if low is not None else None
        out.setdefault(chronicle_id, []).append(source)
    return out


def date_label(value: date | None, grain: str | None) -> str | None:
    """A date as precise as it is known: `2022-01-06`, `2022-01`, `2022`."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:7] if grain == "month" else text[:4] if grain == "year" else text


def _public(e: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": e["id"], "date": date_label(e["date_from"], e["date_grain"]),
        "date_from": e["date_from"].isoformat() if e["date_from"] else None,
        "date_to": e["date_to"].isoformat() if e["date_to"] else None, "date_grain": e["date_grain"],
        "type": e["type"], "mode": e["mode"], "family": e["family"],
        "place": e["location_name"], "country": e["country"], "feature": e["feature"],
        "lat": e["lat"], "lon": e["lon"], "site": e["site"],
        "actor": {"text": e["actor_text"], "entity": e["actor_id"], "class": e["actor_class"]},
        "target": {"text": e["target_text"], "entity": e["target_id"], "class": e["target_class"]},
        "fatalities": e["fatalities"], "fatalities_max": e["fatalities_max"], "disputed": e["disputed"],
        "injured": e["injured"], "arrested": e["arrested"],
        "source_count": e["sources"], "reprints": e["reprints"], "sentence": e["sentence"],
        "background": bool(e["background"]), "sources": sources,
    }


def article_ids(db: duckdb.DuckDBPyConnection, date_from: str | None = None, date_to: str | None = None,
                entity: str | None = None, background: bool = False, **event_filters: Any) -> set[str] | None:
    """The articles the chronicle filters allow (for search), or None when there are none: the
    sources of the events they keep, the articles naming the entity, those published within the
    dates (`2024-03` as a bound means from March 1 / to March 31, as for events)."""
    allowed: set[str] | None = None
    if any(event_filters.values()):
        ids = [e["id"] for e in select(db, **event_filters, background=background)]
        allowed = {r[0] for r in db.execute("SELECT DISTINCT article_id FROM event_sources "
                                            "WHERE chronicle_id IN (SELECT unnest(?::BIGINT[]))", [ids]).fetchall()}
    if entity:
        ids = [e["id"] for e in find_entities(db, entity)]
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


def facets(db: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The types and places the chronicle's events (not background) have."""
    found = {}
    for key, column in (("types", "type"), ("places", "location_name")):
        found[key] = [r[0] for r in db.execute(
            f"SELECT DISTINCT {column} FROM chronicle_events WHERE NOT coalesce(background, false) "
            f"AND {column} IS NOT NULL ORDER BY {column}").fetchall()]
    return found


def quotes(db: duckdb.DuckDBPyConnection, speaker: str | None = None, article: str | None = None,
           kind: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Stored quotes, filtered by speaker (an entity name in any case form, or words of the
    unnamed speaker's description), article and kind."""
    ids = [e["id"] for e in find_entities(db, speaker)] if speaker else []
    rows = db.execute(
        "SELECT q.article_id, q.idx, q.start, q.stop, q.text, q.kind, q.speaker_id, e.name, "
        "q.speaker_text, q.via, a.published FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN entities e ON e.id = q.speaker_id "
        "WHERE (CAST(? AS VARCHAR) IS NULL OR q.article_id = ?) AND (CAST(? AS VARCHAR) IS NULL OR q.kind = ?) "
        "AND (CAST(? AS VARCHAR) IS NULL OR list_contains(?, q.speaker_id) OR q.speaker_text ILIKE ?) "
        "ORDER BY a.published NULLS LAST, q.article_id, q.idx LIMIT ?",
        [article, article, kind, kind, speaker, ids, f"%{speaker}%", limit]).fetchall()
    keys = ("article", "index", "start", "stop", "text", "kind", "speaker_id", "speaker",
            "speaker_text", "via", "published")
    return [dict(zip(keys, row)) for row in rows]


def chronicle_ids(db: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, int]:
    """An article's event ids → the chronicle events they were merged into."""
    return dict(db.execute("SELECT local_id, chronicle_id FROM events WHERE article_id = ? "
                            "AND chronicle_id IS NOT NULL", [article_id]).fetchall())


def graph(db: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """Who acted on whom (event actor → target) and who quoted whom (each channel in a quote's
    relay chain → the one it quotes), over stored entities."""
    edges = [{"source": a, "target": t, "kind": "acted", "label": kind, "count": n}
             for a, t, kind, n in db.execute(
                 "SELECT actor_id, target_id, type, count(*) FROM events WHERE actor_id IS NOT NULL "
                 "AND target_id IS NOT NULL AND actor_id <> target_id GROUP BY ALL ORDER BY ALL").fetchall()]
    names = {name: id_ for id_, name in db.execute(
        "SELECT min(id), name FROM entities GROUP BY name").fetchall()}
    quoted: dict[tuple[int, int], int] = {}
    for speaker, via in db.execute(
            "SELECT speaker_id, via FROM quotes WHERE speaker_id IS NOT NULL AND len(via) > 0").fetchall():
        chain = [speaker] + [names[v] for v in via if v in names]
        for quoted_one, channel in zip(chain, chain[1:]):
            if channel != quoted_one:
                quoted[(channel, quoted_one)] = quoted.get((channel, quoted_one), 0) + 1
    edges += [{"source": s, "target": t, "kind": "quoted", "label": "цитирует", "count": n}
              for (s, t), n in sorted(quoted.items())]
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = [{"id": i, "type": t, "name": n} for i, t, n in db.execute(
        "SELECT id, type, name FROM entities WHERE list_contains(?, id) ORDER BY id", [ids]).fetchall()]
    return {"nodes": nodes, "edges": edges}
