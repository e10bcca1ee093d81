"""Entities across articles: each entity of a new article is a stored one (the same type and
name key, compatible roles, not two places of one name, never two Wikidata QIDs), or the one of
its QID first, or a new one (docs/store.md). Those an ingest meets are held in memory, by name
key, by id and by QID.

An entity's aliases are rows of their own (ALIASES, by entity in sorted levels), added as they
are met: an alias list in the entities row made DuckDB rewrite the row, thousands of aliases
for a much-named person, whenever it gained one."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ..records import Entity
from .keyed import Keyed
from .text import name_key, words

ALIASES = Keyed("entity_aliases", (("entity_id", "BIGINT"), ("alias", "VARCHAR")), "entity_id, alias",
                "SELECT id AS entity_id, unnest(aliases) AS alias FROM entities")  # an upgrade: from schema 4's column


# each entity's aliases as a list, for a join
LISTED = f"SELECT entity_id, list(DISTINCT alias ORDER BY alias) AS aliases FROM ({ALIASES.every()}) GROUP BY ALL"


def aliases_of(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, list[str]]:
    """The stored aliases of these entities, sorted."""
    if not ids:
        return {}
    return dict(db.execute(f"SELECT entity_id, list(DISTINCT alias ORDER BY alias) FROM ({ALIASES.of(ids)}) "
                           "GROUP BY ALL").fetchall())


@dataclass
class StoredEntity:
    id: int | None  # None until a new entity's id is allocated
    type: str
    name: str
    key: str
    roles: set[str] = field(default_factory=set)
    aliases: set[str] | None = field(default_factory=set)  # None: a stored entity's, not read yet
    geo: dict[str, Any] | None = None
    stems: set[str] = field(default_factory=set)  # of the roles (_role_stems), kept with them
    wikidata: str | None = None


class Entities:
    """The stored entities an ingest has met, read from the store as its batches name them (by
    name key and QID, `read`) or its merge needs their places (by id, `read_ids`), and kept for
    the next batches: opening reads none, and a batch reads a few hundred, not the whole table."""

    def __init__(self, db: duckdb.DuckDBPyConnection):
        self.db = db
        self.by_key: dict[tuple[str, str], list[StoredEntity]] = {}
        self.by_id: dict[int, StoredEntity] = {}
        self.by_qid: dict[str, StoredEntity] = {}
        self._keys_read: set[str] = set()
        self._qids_read: set[str] = set()

    def read(self, entities: Iterable[Entity]) -> None:
        """Hold every stored entity these may resolve to: of their name keys or QIDs."""
        entities = list(entities)
        keys = {name_key(e.name) for e in entities} - self._keys_read
        qids = {e.wikidata for e in entities if e.wikidata} - self._qids_read
        if keys or qids:
            self._load("key IN (SELECT unnest(?::VARCHAR[])) OR wikidata IN (SELECT unnest(?::VARCHAR[]))",
                       [sorted(keys), sorted(qids)])
        self._keys_read |= keys
        self._qids_read |= qids

    def read_ids(self, ids: Iterable[int | None]) -> None:
        """Hold these stored entities (places whose geo the merge compares)."""
        # looked up one by one: a set less the keys view would walk every entity held, at each
        # of the thousands of geo_of calls a batch makes
        missing = {i for i in ids if i is not None and i not in self.by_id}
        if missing:
            self._load("id IN (SELECT unnest(?::BIGINT[]))", [sorted(missing)])

    def _load(self, where: str, params: list[Any]) -> None:
        touched = set()
        found = [r for r in self.db.execute(f"SELECT id, type, name, key, roles, geo, wikidata FROM entities "
                                            f"WHERE {where} ORDER BY id", params).fetchall()
                 if r[0] not in self.by_id]  # one held already may have changed in the batch
        for id_, type_, name, key, roles, geo, qid in found:
            entity = StoredEntity(id_, type_, name, key, set(roles or ()), None,
                                  json.loads(geo) if geo else None, _role_stems(set(roles or ())), qid)
            self.by_key.setdefault((type_, key), []).append(entity)
            touched.add((type_, key))
            self.by_id[id_] = entity
            held = self.by_qid.get(qid) if qid else None
            if qid and (held is None or (held.id is not None and held.id > id_)):
                self.by_qid[qid] = entity  # the first stored one, as when all were read in order
        for k in touched:  # namesakes in the order of their ids, as resolve ranks them
            self.by_key[k].sort(key=lambda e: (e.id is None, e.id or 0))

    def geo_of(self, entity_id: int | None) -> dict[str, Any] | None:
        if entity_id is None:
            return None
        self.read_ids([entity_id])
        entity = self.by_id.get(entity_id)
        return entity.geo if entity else None

    def resolve(self, entity: Entity, batch: Any, at: int) -> StoredEntity:
        """The stored entity this one is: the one of its Wikidata QID, else one of the same type
        and name with compatible roles and no other QID; or a new one. What changes goes into the
        batch (write.Batch): new entities, changed ones, the aliases they gained, places that got
        coordinates from the batch's `at`th article, the aliases stored entities were met by
        (`gained_aliases` tells the new ones)."""
        key = name_key(entity.name)
        roles = {r.lower() for r in entity.roles}
        stems = _role_stems(roles)
        aliases = {entity.name, *entity.aliases}
        qid = entity.wikidata
        best = self.by_qid.get(qid) if qid else None
        if best is None:
            best = self._namesake(entity, key, roles, stems)
        if best is None:
            best = StoredEntity(None, entity.type, entity.name, key, roles, aliases, entity.geo, stems, qid)
            self.by_key.setdefault((entity.type, key), []).append(best)
            if qid:
                self.by_qid[qid] = best
            batch.new_entities.append(best)
        else:
            if best.id is None:
                best.aliases |= aliases
            else:  # which of them are new is known once the batch's stored entities' aliases are read
                batch.met_aliases.setdefault(best.id, set()).update(aliases)
            if not (roles <= best.roles and (best.geo or not entity.geo) and (best.wikidata or not qid)):
                best.roles |= roles
                best.stems |= stems
                if entity.geo and not best.geo:
                    best.geo = entity.geo
                    batch.located.append((best, at))
                if qid and not best.wikidata:
                    best.wikidata = qid
                    self.by_qid.setdefault(qid, best)
                if best.id is not None:
                    batch.changed_entities[best.id] = best
        return best

    def gained_aliases(self, met: dict[int, set[str]]) -> dict[int, set[str]]:
        """Of the aliases stored entities were met by (by id), those they had not; the stored
        aliases are read here, in one query for the entities a batch resolved to, not with every
        namesake a batch reads (hundreds of a common surname, thousands of aliases each)."""
        unread = [i for i in met if self.by_id[i].aliases is None]
        stored = aliases_of(self.db, unread)
        for i in unread:
            self.by_id[i].aliases = set(stored.get(i, ()))
        gained = {}
        for i, aliases in met.items():
            entity = self.by_id[i]
            new = aliases - (entity.aliases or set())
            if new:
                gained[i] = new
                entity.aliases = (entity.aliases or set()) | new
        return gained

    def _namesake(self, entity: Entity, key: str, roles: set[str], stems: set[str]) -> StoredEntity | None:
        """The stored entity of the same type and name with the most roles in common; never one
        linked to another QID (two people named «Иванов»), nor a place at another GeoNames place."""
        geo_id = (entity.geo or {}).get("geonames_id")
        best, best_score = None, -1
        for stored in self.by_key.get((entity.type, key), []):
            stored_id = (stored.geo or {}).get("geonames_id")
            if geo_id and stored_id and geo_id != stored_id:
                continue  # two places of one name
            if entity.wikidata and stored.wikidata and entity.wikidata != stored.wikidata:
                continue
            score = _role_overlap(roles, stems, stored)
            if score > best_score:
                best, best_score = stored, score
        return best


def name_keys(type_: str, key: str, aliases: Iterable[str]) -> set[str]:
    """The keys an entity is found by: its key, its aliases lower-cased (ё as е), a person's
    surname (the last word of the key)."""
    found = {a.lower().replace("ё", "е") for a in aliases}
    if key:
        found.add(key)
    if type_ == "PER":
        found.add(key.split(" ")[-1])
    return found


def entity_row(entity: StoredEntity) -> dict[str, Any]:
    g = entity.geo or {}
    return {"id": entity.id, "type": entity.type, "name": entity.name, "key": entity.key,
            "roles": sorted(entity.roles),
            "geo": json.dumps(entity.geo, ensure_ascii=False) if entity.geo else None,
            "country": g.get("country"), "feature": g.get("feature"), "geonames_id": g.get("geonames_id"),
            "lat": g.get("lat"), "lon": g.get("lon"), "wikidata": entity.wikidata}


def _role_overlap(roles: set[str], stems: set[str], stored: StoredEntity) -> int:
    """How many role words two entities share; -1 when both have roles and none agree
    (`губернатор` and `футболист`), 0 when either has none."""
    if not roles or not stored.roles:
        return 0
    shared = len(stems & stored.stems)
    return shared if shared else -1


def _role_stems(roles: set[str]) -> set[str]:
    """Word beginnings, so that `президента` and `президент` agree."""
    return {w[:5] for role in roles for w in words(role) if len(w) > 3}
