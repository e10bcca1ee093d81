"""The write path: processed articles into the tables, one transaction per batch.

An article is keyed by the sha256 of its cleaned text, so a re-ingest adds nothing, and a batch
either commits whole or leaves no trace (a SIGKILL mid-batch loses only that batch).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ..ingest import content_hash
from ..records import Article, Count, Entity, Event, Participant
from ..times import date_range
from . import merge
from .dedup import Reprints, signature
from .text import lemmas, name_key, words


@dataclass
class StoredEntity:
    id: int
    type: str
    name: str
    key: str
    roles: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    geo: dict[str, Any] | None = None
    wikidata: str | None = None


class Writer:
    """Holds what a batch needs to know of the stored data: hashes, ids, entities, signatures."""

    def __init__(self, db: duckdb.DuckDBPyConnection):
        self.db = db
        self.reload()

    def reload(self) -> None:
        """Read the stored state again (after a rollback the in-memory copy may be ahead)."""
        rows = self.db.execute("SELECT id, hash FROM articles").fetchall()
        self.ids = {r[0] for r in rows}
        self.hashes = {r[1] for r in rows}
        self.entities: dict[tuple[str, str], list[StoredEntity]] = {}
        self.by_id: dict[int, StoredEntity] = {}
        self.by_qid: dict[str, StoredEntity] = {}
        for id_, type_, name, key, roles, aliases, geo, qid in self.db.execute(
                "SELECT id, type, name, key, roles, aliases, geo, wikidata FROM entities ORDER BY id").fetchall():
            entity = StoredEntity(id_, type_, name, key, set(roles or ()), set(aliases or ()),
                                  json.loads(geo) if geo else None, qid)
            self._index(entity)
        self.reprints = Reprints(self.db.execute(
            "SELECT id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY ingested_at, id").fetchall())
        self.originals = dict(self.db.execute(
            "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchall())

    def forget(self, article_id: str, digest: str) -> None:
        """An article taken out of the store (store/rechronicle.remove_article) is no longer known."""
        self.ids.discard(article_id)
        self.hashes.discard(digest)
        self.reprints.remove(article_id)
        self.originals.pop(article_id, None)

    def known(self, article: Article) -> bool:
        return content_hash(article.text) in self.hashes

    def geo_of(self, entity_id: int | None) -> dict[str, Any] | None:
        entity = self.by_id.get(entity_id) if entity_id is not None else None
        return entity.geo if entity else None

    def write(self, articles: Iterable[Article], replacing: Callable[[Article], None] | None = None) -> list[str]:
        """Store a batch in one transaction; returns the ids of the articles it added.
        `replacing(article)` runs first for each, in the transaction: it may take a stored
        version out (letopis.reprocess) so that this one replaces it."""
        added: list[str] = []
        self.db.execute("BEGIN TRANSACTION")
        try:
            for article in articles:
                if replacing is not None:
                    replacing(article)
                if self.known(article):
                    continue
                added.append(self._article(article))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', 'true')")
            self.db.execute("COMMIT")
        except BaseException as error:
            self.db.execute("ROLLBACK")
            if isinstance(error, Exception):  # the batch failed and the run goes on; a stop ends it
                self.reload()
            raise
        return added

    def _article(self, article: Article) -> str:
        digest = content_hash(article.text)
        article_id = article.id if article.id not in self.ids else f"{article.id}-{digest[:8]}"
        minhash = signature(article.text)
        copy = self.reprints.original(minhash)
        duplicate_of = self.originals.get(copy[0], copy[0]) if copy else None
        local = {e.id: self._entity(e) for e in article.entities}
        name = {k: v.name for k, v in local.items()}
        db = self.db
        self._many("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", [
            [article_id, local[e.id].id, e.id, start, stop, article.text[start:stop]]
            for e in article.entities for start, stop in e.mentions])
        self._many("INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            [article_id, i, t.start, t.stop, t.text, t.value, t.grain, t.part, t.end, t.caption]
            for i, t in enumerate(article.times)])
        self._many("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            [article_id, i, q.start, q.stop, q.text, q.kind, _gid(local, q.speaker), q.speaker_text,
             [name[v] for v in q.via if v in name], q.translation]
            for i, q in enumerate(article.quotes)])
        docs = [("article", None, "\n".join(filter(None, [article.title, article.text])))]
        docs += [("quote", str(i), q.text) for i, q in enumerate(article.quotes)]
        for event in article.events:
            row = self._event_row(article, article_id, event, local)
            if merge.occurred(event.modality):
                row["chronicle_id"] = merge.attach(db, row, self.geo_of, by_report=_dated_by_report(article, event))
            db.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                       list(row.values()))
            if row.get("chronicle_id") is not None:
                self._source(article, article_id, event, row, local, duplicate_of)
                merge.refresh(db, row["chronicle_id"], self.geo_of)
            docs.append(("event", event.id, row["sentence"]))
        self._many("INSERT INTO search_docs VALUES (nextval('doc_ids'), ?, ?, ?, ?, ?)",
                       [[kind, article_id, ref, text, lemmas(text)] for kind, ref, text in docs])
        db.execute(
            "INSERT INTO articles (id, hash, published, title, outlet, url, path, text, duplicate_of,"
            " similarity, minhash, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, digest, article.published, article.title, article.outlet, article.url,
             article.path, article.text, duplicate_of, copy[1] if copy else None,
             [int(v) for v in minhash.hashvalues],
             json.dumps({**article.to_record(), "id": article_id}, ensure_ascii=False)])
        self.ids.add(article_id)
        self.hashes.add(digest)
        self.reprints.add(article_id, minhash)
        if duplicate_of:
            self.originals[article_id] = duplicate_of
        return article_id

    def _many(self, sql: str, rows: list[list[Any]]) -> None:
        if rows:  # duckdb refuses executemany with no rows
            self.db.executemany(sql, rows)

    def entity(self, entity: Entity) -> StoredEntity:
        """The stored entity this one is, or a new one (a place an analyst's review names)."""
        return self._entity(entity)

    def _entity(self, entity: Entity) -> StoredEntity:
        """The stored entity this one is, or a new one: the one of the same Wikidata QID, else one of
        the same type and name with compatible roles and no other QID."""
        key = name_key(entity.name)
        roles = {r.lower() for r in entity.roles}
        aliases = {entity.name, *entity.aliases}
        qid = entity.wikidata
        best = self.by_qid.get(qid) if qid else None
        if best is None:
            best = self._namesake(entity, key, roles)
        if best is None:
            best = StoredEntity(self.db.execute("SELECT nextval('entity_ids')").fetchone()[0],
                                entity.type, entity.name, key, roles, aliases, entity.geo, qid)
            g = entity.geo or {}
            self.db.execute(
                "INSERT INTO entities (id, type, name, key, roles, aliases, geo, country, feature, geonames_id,"
                " lat, lon, wikidata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                    best.id, best.type, best.name, key, sorted(roles), sorted(aliases),
                    json.dumps(entity.geo, ensure_ascii=False) if entity.geo else None,
                    g.get("country"), g.get("feature"), g.get("geonames_id"), g.get("lat"), g.get("lon"), qid])
            self._index(best)
        elif not (roles <= best.roles and aliases <= best.aliases and (best.geo or not entity.geo)
                  and (best.wikidata or not qid)):
            best.roles |= roles
            best.aliases |= aliases
            best.geo = best.geo or entity.geo
            best.wikidata = best.wikidata or qid
            self.db.execute("UPDATE entities SET roles = ?, aliases = ?, geo = ?, wikidata = ? WHERE id = ?", [
                sorted(best.roles), sorted(best.aliases),
                json.dumps(best.geo, ensure_ascii=False) if best.geo else None, best.wikidata, best.id])
            self._index_qid(best)
        return best

    def _namesake(self, entity: Entity, key: str, roles: set[str]) -> StoredEntity | None:
        """The stored entity of the same type and name with the most roles in common; never one
        linked to another QID (two people named «Иванов»), nor a place at another GeoNames place."""
        geo_id = (entity.geo or {}).get("geonames_id")
        best, best_score = None, -1
        for stored in self.entities.get((entity.type, key), []):
            stored_id = (stored.geo or {}).get("geonames_id")
            if geo_id and stored_id and geo_id != stored_id:
                continue  # two places of one name
            if entity.wikidata and stored.wikidata and entity.wikidata != stored.wikidata:
                continue
            score = _role_overlap(roles, stored.roles)
            if score > best_score:
                best, best_score = stored, score
        return best

    def _index(self, entity: StoredEntity) -> None:
        self.entities.setdefault((entity.type, entity.key), []).append(entity)
        self.by_id[entity.id] = entity
        self._index_qid(entity)

    def _index_qid(self, entity: StoredEntity) -> None:
        if entity.wikidata:
            self.by_qid.setdefault(entity.wikidata, entity)

    def _event_row(self, article: Article, article_id: str, event: Event,
                   local: dict[str, StoredEntity]) -> dict[str, Any]:
        value, grain = event.date, event.date_grain
        if not value and article.published:  # undated: the day, month or year it was published
            value, grain = article.published, None
        span = date_range(value, grain)
        location = local.get(event.location) if event.location else None
        row: dict[str, Any] = {
            "article_id": article_id, "local_id": event.id, "type": event.type, "mode": event.mode,
            "family": merge.family(event.type, event.mode), "trigger": event.trigger,
            "date": value, "date_grain": span[2] if span else grain,
            "date_from": span[0] if span else None, "date_to": span[1] if span else None,
            "location_id": location.id if location else None,
            "location_name": location.name if location else None, "site": event.site,
        }
        for side, part in (("actor", event.actor), ("target", event.target)):
            row.update(_participant(side, part, local))
        for what, count in (("fatalities", event.fatalities), ("injured", event.injured),
                            ("arrested", event.arrested)):
            row.update(_count(what, count))
        row.update({
            "modality": event.modality,
            "source_speaker_id": _gid(local, (event.source or {}).get("speaker")),
            "source_via": [local[v].name for v in (event.source or {}).get("via") or [] if v in local],
            "start": event.start, "stop": event.stop, "sentence": sentence(article, event),
            "background": event.background, "confidence": event.confidence,
        })
        return row

    def _source(self, article: Article, article_id: str, event: Event, row: dict[str, Any],
                local: dict[str, StoredEntity], duplicate_of: str | None) -> None:
        speaker = local.get((event.source or {}).get("speaker") or "")
        self.db.execute("INSERT INTO event_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            row["chronicle_id"], article_id, event.id, article.outlet, article.published, article.url,
            row["sentence"], claim(event, row, speaker.name if speaker else None),
            row["fatalities_min"], row["fatalities_max"], row["fatalities_text"], event.modality,
            speaker.name if speaker else None, row["source_via"], duplicate_of])


def sentence(article: Article, event: Event) -> str:
    """The sentence that states the event (its evidence span when sentences are unknown)."""
    for s in article.sentences:
        if s.start <= event.start < s.stop:
            return article.text[s.start:max(s.stop, min(event.stop, len(article.text)))]
    return article.text[event.start:event.stop]


def claim(event: Event, row: dict[str, Any], speaker: str | None) -> str:
    """What the article claims, in one line: what, when, where, the figures and on whose word."""
    parts = [f"{event.type}/{event.mode}" if event.mode else event.type]
    parts += [p for p in (row["date"], row["location_name"]) if p]
    for what in ("fatalities", "injured", "arrested"):
        if row[f"{what}_min"] is not None:
            parts.append(f"{what}: {_figure(row[f'{what}_min'], row[f'{what}_max'])}"
                         f" ({row[f'{what}_text']})")
    if event.modality not in ("asserted", None):
        parts.append(event.modality)
    if speaker:
        parts.append(f"according to {speaker}")
    return "; ".join(parts)


def _figure(low: int, high: int | None) -> str:
    if high == low:
        return str(low)
    return f"{low}+" if high is None else f"{low}–{high}"


def _gid(local: dict[str, StoredEntity], entity_id: str | None) -> int | None:
    return local[entity_id].id if entity_id in local else None


def _participant(side: str, part: Participant, local: dict[str, StoredEntity]) -> dict[str, Any]:
    part = part or Participant()
    return {f"{side}_text": part.text, f"{side}_id": _gid(local, part.entity), f"{side}_class": part.cls}


def _count(what: str, count: Count | None) -> dict[str, Any]:
    return {f"{what}_min": count.min if count else None, f"{what}_max": count.max if count else None,
            f"{what}_text": count.text if count else None}


def _role_overlap(a: set[str], b: set[str]) -> int:
    """How many role words two entities share; -1 when both have roles and none agree
    (`губернатор` and `футболист`), 0 when either has none."""
    if not a or not b:
        return 0
    shared = len(_role_stems(a) & _role_stems(b))
    return shared if shared else -1


def _role_stems(roles: set[str]) -> set[str]:
    """Word beginnings, so that `президента` and `президент` agree."""
    return {w[:5] for role in roles for w in words(role) if len(w) > 3}


def _dated_by_report(article: Article, event: Event) -> bool:
    """The event's day is its article's publication day and its sentence names no time: it may
    have happened the day before (a next-morning report); «сегодня», «12 марта» state the day."""
    value = event.date or article.published
    return value == article.published and not any(
        event.start <= t.start < event.stop and not t.caption for t in article.times)
