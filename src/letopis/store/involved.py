"""What each entity takes part in: the chronicle events of the events it acts in, suffers, hosts
or tells of (`entity_events_*`), and the quotes it speaks (`entity_quotes_*`), one row per pair,
kept sorted by entity in levels (keyed.py). An entity page
reads its own rows, a few row groups; `events` and `quotes` would be read whole (four roles
each), which at a million articles took most of the page's time.

The rows are written with their article (write.Writer.insert), follow a reviewed event
(`refresh_event`: its roles or chronicle event changed), leave with their article
(rechronicle.remove_article) and are made from the stored rows when a store is upgraded.
"""
from __future__ import annotations

from typing import Any

import duckdb

from .keyed import Keyed

# an event's entities in its four roles, once each, while it is in a chronicle event
_ROLES = """SELECT DISTINCT entity_id, chronicle_id, article_id, local_id FROM (
    SELECT unnest([actor_id, target_id, location_id, source_speaker_id]) AS entity_id, chronicle_id, article_id,
           local_id FROM events WHERE chronicle_id IS NOT NULL {}) WHERE entity_id IS NOT NULL"""
EVENTS = Keyed("entity_events", (("entity_id", "BIGINT"), ("chronicle_id", "BIGINT"), ("article_id", "VARCHAR"),
                                 ("local_id", "VARCHAR")),
               "entity_id, chronicle_id", _ROLES.format(""))
QUOTES = Keyed("entity_quotes", (("entity_id", "BIGINT"), ("article_id", "VARCHAR"), ("idx", "INTEGER"),
                                 ("published", "VARCHAR")),
               "entity_id, published, article_id, idx",
               "SELECT q.speaker_id AS entity_id, q.article_id, q.idx, a.published FROM quotes q "
               "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id IS NOT NULL")
DDL = EVENTS.ddl + QUOTES.ddl


def add(db: duckdb.DuckDBPyConnection, articles: list[dict[str, Any]], events: list[dict[str, Any]],
        quotes: list[dict[str, Any]]) -> None:
    """A batch's rows, from its articles (id, published), events rows and quotes rows."""
    roles = ("actor_id", "target_id", "location_id", "source_speaker_id")
    EVENTS.add(db, [{"entity_id": entity, "chronicle_id": e["chronicle_id"], "article_id": e["article_id"],
                     "local_id": e["local_id"]}
                    for e in events if e["chronicle_id"] is not None
                    for entity in dict.fromkeys(e[r] for r in roles) if entity is not None])
    published = {a["id"]: a["published"] for a in articles}
    QUOTES.add(db, [{"entity_id": q["speaker_id"], "article_id": q["article_id"], "idx": q["idx"],
                     "published": published.get(q["article_id"])} for q in quotes if q["speaker_id"] is not None])


def load(db: duckdb.DuckDBPyConnection) -> None:
    """Every stored event's and quote's rows (a store upgraded)."""
    EVENTS.load(db)
    QUOTES.load(db)


def remove(db: duckdb.DuckDBPyConnection, article_id: str) -> None:
    EVENTS.remove(db, "article_id = ?", [article_id])
    QUOTES.remove(db, "article_id = ?", [article_id])


def refresh_event(db: duckdb.DuckDBPyConnection, article_id: str, local_id: str) -> None:
    """One stored event's rows again, after a review changed its roles or chronicle event."""
    EVENTS.remove(db, "article_id = ? AND local_id = ?", [article_id, local_id])
    db.execute(f"INSERT INTO {EVENTS.levels[0]} " + _ROLES.format("AND article_id = ? AND local_id = ?"),
               [article_id, local_id])
