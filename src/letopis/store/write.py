"""The write path: processed articles into the tables, one transaction per batch.

An article is keyed by the sha256 of its cleaned text, so a re-ingest adds nothing, and a batch
either commits whole or leaves no trace (a SIGKILL mid-batch loses only that batch).

A batch is written in passes, so that each table gets one statement per batch whatever the
batch holds: its articles' entities are matched to the stored ones (new ones get their ids
together), then their rows are made article by article (reprints, mentions, times, quotes,
events, search documents), then the events are merged into the chronicle (merging.py), and
the rows go in.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import duckdb

from ..ingest import content_hash
from ..records import Article, Entity, Event
from . import involved, merge, named, rows, search
from .dedup import Reprints, signature
from .eventrows import dated_by_report, event_row, gid, source
from .merging import PROVISIONAL, Merger
from .resolve import ALIASES, Entities, StoredEntity, entity_row, name_keys
from .text import LEAD


@dataclass
class Batch:
    """What a batch adds, table by table, as it is made."""
    articles: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    docs: list[tuple[str, str, str | None, str]] = field(default_factory=list)
    new_entities: list[StoredEntity] = field(default_factory=list)
    changed_entities: dict[int, StoredEntity] = field(default_factory=dict)  # stored ones whose row changed, by id
    met_aliases: dict[int, set[str]] = field(default_factory=dict)  # the aliases stored entities were met by
    new_aliases: dict[int, set[str]] = field(default_factory=dict)  # those of them not stored yet
    # places that got coordinates from the batch's nth article (by the object: new ones have no id yet)
    located: list[tuple[StoredEntity, int]] = field(default_factory=list)


class Writer:
    """Holds the stored entities its batches met (resolve.Entities); articles' hashes and ids
    are looked up in the store per batch (by its keys' indexes), so opening costs nothing per
    article or entity."""

    def __init__(self, db: duckdb.DuckDBPyConnection):
        self.db = db
        self.reload()

    def reload(self) -> None:
        """Forget the entities held (after a rollback the in-memory copy may be ahead)."""
        self.entities = Entities(self.db)

    def known(self, article: Article) -> bool:
        return bool(self.stored_hashes([content_hash(article.text)]))

    def stored_hashes(self, digests: list[str]) -> set[str]:
        """Those of these text hashes the store holds."""
        return self._stored("hash", digests)

    def stored_ids(self, ids: list[str]) -> set[str]:
        """Those of these article ids the store holds."""
        return self._stored("id", ids)

    def _stored(self, key: str, values: list[str]) -> set[str]:
        # a list of values, which DuckDB looks up by the key's index (a join with them scans the
        # column: 10 ms for 100 hashes at 3*10^5 articles, 1 ms so)
        if not values:
            return set()
        return {r[0] for r in self.db.execute(
            f"SELECT {key} FROM articles WHERE {key} IN ({', '.join('?' * len(values))})", values).fetchall()}

    def geo_of(self, entity_id: int | None) -> dict[str, Any] | None:
        return self.entities.geo_of(entity_id)

    def write(self, articles: Iterable[Article], replacing: Callable[[Article], None] | None = None) -> list[str]:
        """Store a batch in one transaction; returns the ids of the articles it added.
        `replacing(article)` runs first for each, in the transaction: it may take a stored
        version out (letopis.reprocess) so that this one replaces it."""
        articles = list(articles)
        self.db.execute("BEGIN TRANSACTION")
        try:
            for article in articles if replacing is not None else ():
                replacing(article)
            added = self._batch(articles)
            self.db.execute("COMMIT")
        except BaseException as error:
            self.db.execute("ROLLBACK")
            if isinstance(error, Exception):  # the batch failed and the run goes on; a stop ends it
                self.reload()
            raise
        return added

    def _batch(self, articles: Iterable[Article]) -> list[str]:
        fresh: dict[str, Article] = {}
        for article in articles:
            fresh.setdefault(content_hash(article.text), article)
        stored = self.stored_hashes(list(fresh))
        fresh = {digest: article for digest, article in fresh.items() if digest not in stored}
        signatures = [signature(a.text) for a in fresh.values()]
        reprints = Reprints(self.db, signatures)

        def copy_of(article_id: str, n: int) -> tuple[str | None, float | None]:
            copy = reprints.original(signatures[n])
            reprints.add(article_id, signatures[n], copy[0] if copy else None)
            return copy or (None, None)

        batch, events = self.prepare(fresh, copy_of)
        self._merge(events, batch, [a["id"] for a in batch.articles])
        self.insert(batch)
        reprints.write()
        doc_ids = rows.allocate(self.db, "doc_ids", len(batch.docs))
        search.index(self.db, [(doc_id, *doc) for doc_id, doc in zip(doc_ids, batch.docs)])
        return [a["id"] for a in batch.articles]

    def prepare(self, fresh: dict[str, Article], copy_of: Callable[[str, int], tuple[str | None, float | None]]
                ) -> tuple[Batch, list[tuple]]:
        """The rows of new articles (by the hash of their text), all but the chronicle's and the
        search index's; `copy_of(article id, n)` names the nth article's original, if it is a
        reprint, and their similarity. Returns the batch and its events (article, article id,
        event, events row, the article's entities, its original) for the merge."""
        batch = Batch()
        self.entities.read(e for a in fresh.values() for e in a.entities)
        # entities first: new ones get their ids in one go, in the order they were met
        local = [{e.id: self.entities.resolve(e, batch, i) for e in a.entities} for i, a in enumerate(fresh.values())]
        batch.new_aliases = self.entities.gained_aliases(batch.met_aliases)
        for entity, id_ in zip(batch.new_entities, rows.allocate(self.db, "entity_ids", len(batch.new_entities))):
            entity.id = id_
            self.entities.by_id[id_] = entity
        events: list[tuple] = []
        taken = self.stored_ids([a.id for a in fresh.values()])
        for n, ((digest, article), entities) in enumerate(zip(fresh.items(), local)):
            article_id = article.id if article.id not in taken else f"{article.id}-{digest[:8]}"
            duplicate_of, similarity = copy_of(article_id, n)
            events += [(article, article_id, e, row, entities, duplicate_of)
                       for e, row in self._rows(article, article_id, entities, batch)]
            batch.articles.append({
                "id": article_id, "hash": digest, "published": article.published, "title": article.title,
                "outlet": article.outlet, "url": article.url, "path": article.path, "text": article.text,
                "duplicate_of": duplicate_of, "similarity": similarity,
                "record": json.dumps({**article.to_record(), "id": article_id, "text": ""}, ensure_ascii=False)})
            taken.add(article_id)
        return batch, events

    def _rows(self, article: Article, article_id: str, local: dict[str, StoredEntity],
              batch: Batch) -> list[tuple[Event, dict[str, Any]]]:
        """An article's rows of mentions, times, quotes and search documents into the batch;
        returns its events with their rows."""
        name = {k: v.name for k, v in local.items()}
        batch.mentions += [
            {"article_id": article_id, "entity_id": local[e.id].id, "local_id": e.id, "start": start,
             "stop": stop, "text": article.text[start:stop]}
            for e in article.entities for start, stop in e.mentions]
        batch.times += [
            {"article_id": article_id, "idx": i, "start": t.start, "stop": t.stop, "text": t.text,
             "value": t.value, "grain": t.grain, "part": t.part, "end_value": t.end, "caption": t.caption}
            for i, t in enumerate(article.times)]
        batch.quotes += [
            {"article_id": article_id, "idx": i, "start": q.start, "stop": q.stop, "text": q.text,
             "kind": q.kind, "speaker_id": gid(local, q.speaker), "speaker_text": q.speaker_text,
             "via": [name[v] for v in q.via if v in name], "translation": q.translation}
            for i, q in enumerate(article.quotes)]
        batch.docs.append(("article", article_id, None, "\n".join(filter(None, [article.title, article.text]))))
        batch.docs += [("quote", article_id, str(i), q.text) for i, q in enumerate(article.quotes)]
        events = [(event, event_row(article, article_id, event, local)) for event in article.events]
        batch.events += [row for _, row in events]
        batch.docs += [("event", article_id, event.id, row["sentence"]) for event, row in events]
        return events

    def _merge(self, events: list, batch: Batch, order: list[str]) -> None:
        """The batch's events into the chronicle, article by article, event by event; each
        place's coordinates as they stood when its article came (a later article of the batch
        may give a stored place coordinates)."""
        position = {article_id: i for i, article_id in enumerate(order)}
        merger = Merger(self.db)
        occurring = [(article, article_id, event, row, local, dup)
                     for article, article_id, event, row, local, dup in events if merge.occurred(event.modality)]
        asked = []
        for article, _, event, row, _, _ in occurring:
            earliest = row["date_from"] - timedelta(days=1) if row["date_from"] and row["date_grain"] == "day" \
                and dated_by_report(article, event) else row["date_from"]
            asked.append((row, earliest, self.geo_of(row["location_id"])))
        located = {entity.id: at for entity, at in batch.located}
        merger.prepare(asked, sorted(located))
        self.entities.read_ids(c["location_id"] for c in merger.known.values())  # the candidates' places
        merger.prefetch([(row, dated_by_report(article, event)) for article, _, event, row, _, _ in occurring],
                        self.geo_of)
        excluded: dict[str, set[int]] = {}
        for index, (article, article_id, event, row, local, duplicate_of) in enumerate(occurring):
            at = position[article_id]

            def geo_of(entity_id: int | None, at: int = at) -> dict[str, Any] | None:
                since = located.get(entity_id) if entity_id is not None else None
                return None if since is not None and since > at else self.geo_of(entity_id)

            source_row = source(article, article_id, event, row, local, duplicate_of)
            own = excluded.setdefault(article_id, set())
            row["chronicle_id"] = merger.attach(index, row, {**row, "reprint_of": duplicate_of,
                                                             "published": article.published},
                                                geo_of, dated_by_report(article, event), own)
            own.add(row["chronicle_id"])
            batch.sources.append({"chronicle_id": row["chronicle_id"], **source_row})
        real = merger.real_ids()
        for row in batch.events + batch.sources:
            if (row.get("chronicle_id") or 0) >= PROVISIONAL:
                row["chronicle_id"] = real[row["chronicle_id"]]
        merger.write(real)

    def insert(self, batch: Batch) -> None:
        """Write a batch's rows: entities (new and changed) and the aliases they gained, mentions,
        times, quotes, events and their sources, articles."""
        db = self.db
        rows.insert(db, "entities", [entity_row(e) for e in batch.new_entities])
        names = {(key, e.id) for e in batch.new_entities for key in name_keys(e.type, e.key, e.aliases)}
        names |= {(key, id_) for id_, added in batch.new_aliases.items() for key in name_keys("", "", added)}
        rows.insert(db, "entity_names", [{"key": key, "entity_id": id_} for key, id_ in sorted(names)])
        ALIASES.add(db, [{"entity_id": e.id, "alias": a} for e in batch.new_entities for a in sorted(e.aliases)]
                    + [{"entity_id": id_, "alias": a} for id_, added in sorted(batch.new_aliases.items())
                       for a in sorted(added)])
        rows.update(db, "entities", "id", [
            {"id": e.id, **{k: v for k, v in entity_row(e).items() if k not in ("type", "name", "key")}}
            for _, e in sorted(batch.changed_entities.items())])
        for table in ("mentions", "times", "quotes", "events"):
            rows.insert(db, table, getattr(batch, table))
        named.add(db, named.rows(batch.articles, batch.mentions))
        involved.add(db, batch.articles, batch.events, batch.quotes)
        rows.insert(db, "event_sources", batch.sources)
        rows.insert(db, "articles", batch.articles, extra={"lead": LEAD})

    def entity(self, entity: Entity) -> StoredEntity:
        """The stored entity this one is, or a new one written at once (a place an analyst's
        review names)."""
        batch = Batch()
        self.entities.read([entity])
        stored = self.entities.resolve(entity, batch, 0)
        batch.new_aliases = self.entities.gained_aliases(batch.met_aliases)
        for new, id_ in zip(batch.new_entities, rows.allocate(self.db, "entity_ids", len(batch.new_entities))):
            new.id = id_
            self.entities.by_id[id_] = new
        self.insert(batch)
        return stored
