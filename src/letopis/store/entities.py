"""An entity's page: for every entity a name refers to, its mentions per article, its quotes,
its chronicle events and the entities met beside it.

A store of a million articles names some entities in tens of thousands of them, so a report
lists the latest SHOWN of each kind with the totals, and counts the entities met beside one in
its latest MET_IN articles. Every list is read for all the entities at once.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from . import query

SHOWN = 100  # articles, quotes and events listed per entity: the latest
MET_IN = 1000  # the latest articles of an entity the entities met beside it are counted in
MET = 20  # entities listed as met beside one


def report(db: duckdb.DuckDBPyConnection, name: str, type_: str | None = None) -> list[dict[str, Any]]:
    entities = query.find_entities(db, name, type_)
    if not entities:
        return []
    ids = [e["id"] for e in entities]
    mentions, totals = _mentions(db, ids)
    quotes = _quotes(db, ids)
    events, event_totals = _events(db, ids)
    met = _met(db, ids)
    return [{**e, "articles": totals.get(e["id"], (0, 0))[0], "mention_count": totals.get(e["id"], (0, 0))[1],
             "mentions": mentions.get(e["id"], []), "quotes": quotes.get(e["id"], []),
             "event_count": event_totals.get(e["id"], 0), "events": events.get(e["id"], []),
             "co_occurring": met.get(e["id"], [])} for e in entities]


def _mentions(db: duckdb.DuckDBPyConnection, ids: list[int]) -> tuple[dict[int, list], dict[int, tuple[int, int]]]:
    """The latest SHOWN articles naming each entity (with the forms used), and its totals:
    articles, mentions."""
    rows = db.execute("""
        WITH counted AS (SELECT entity_id, article_id, count(*) AS n FROM mentions
                         WHERE entity_id IN (SELECT unnest(?::BIGINT[])) GROUP BY ALL),
        latest AS (SELECT c.*, a.published, count(*) OVER (PARTITION BY entity_id) AS articles,
                          sum(n) OVER (PARTITION BY entity_id) AS total
                   FROM counted c JOIN articles a ON a.id = c.article_id
                   QUALIFY row_number() OVER (PARTITION BY entity_id
                                              ORDER BY a.published DESC NULLS LAST, article_id DESC) <= ?)
        SELECT l.entity_id, l.article_id, l.published, l.n, list(m.text ORDER BY m.start), l.articles, l.total
        FROM latest l JOIN mentions m ON m.entity_id = l.entity_id AND m.article_id = l.article_id
        GROUP BY ALL ORDER BY l.entity_id, l.published DESC NULLS LAST, l.article_id DESC""", [ids, SHOWN]).fetchall()
    found: dict[int, list] = defaultdict(list)
    totals = {}
    for entity_id, article, published, n, forms, articles, total in rows:
        found[entity_id].append({"article": article, "published": published, "count": n, "forms": sorted(set(forms))})
        totals[entity_id] = (articles, int(total))
    return found, totals


def _quotes(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, list]:
    rows = db.execute("""
        SELECT q.speaker_id, q.article_id, q.text, q.kind, q.via FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE q.speaker_id IN (SELECT unnest(?::BIGINT[]))
        QUALIFY row_number() OVER (PARTITION BY q.speaker_id ORDER BY a.published DESC NULLS LAST,
                                   q.article_id DESC, q.idx) <= ?
        ORDER BY q.speaker_id, a.published DESC NULLS LAST, q.article_id DESC, q.idx""", [ids, SHOWN]).fetchall()
    found: dict[int, list] = defaultdict(list)
    for speaker, article, text, kind, via in rows:
        found[speaker].append({"article": article, "text": text, "kind": kind, "via": via})
    return found


def _events(db: duckdb.DuckDBPyConnection, ids: list[int]) -> tuple[dict[int, list], dict[int, int]]:
    """The latest SHOWN chronicle events each entity acts in, suffers, hosts or tells of (not
    background), newest first, and how many there are."""
    involved: dict[int, set[int]] = defaultdict(set)
    wanted = set(ids)
    for chronicle_id, *sides in db.execute(
            "SELECT DISTINCT chronicle_id, actor_id, target_id, location_id, source_speaker_id FROM events "
            "WHERE chronicle_id IS NOT NULL AND (actor_id IN (SELECT unnest($1::BIGINT[])) "
            "OR target_id IN (SELECT unnest($1::BIGINT[])) OR location_id IN (SELECT unnest($1::BIGINT[])) "
            "OR source_speaker_id IN (SELECT unnest($1::BIGINT[])))", [ids]).fetchall():
        for side in wanted.intersection(sides):
            involved[side].add(chronicle_id)
    rows = {r["id"]: r for r in query.select(db, ids=sorted(set().union(*involved.values())))}
    newest = {e: sorted((rows[c] for c in found if c in rows), key=_newest)[:SHOWN] for e, found in involved.items()}
    shown = query.publics(db, sorted({r["id"] for found in newest.values() for r in found}))
    return ({e: [shown[r["id"]] for r in found] for e, found in newest.items()},
            {e: sum(c in rows for c in found) for e, found in involved.items()})


def _newest(row: dict[str, Any]) -> tuple:
    return (row["date_from"] is None, -(row["date_from"].toordinal() if row["date_from"] else 0), -row["id"])


def _met(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, list]:
    """The entities named most often beside each one, in its latest MET_IN articles."""
    rows = db.execute("""
        WITH named AS (SELECT DISTINCT entity_id, article_id FROM mentions
                       WHERE entity_id IN (SELECT unnest(?::BIGINT[]))),
        own AS (SELECT n.entity_id AS owner, n.article_id FROM named n JOIN articles a ON a.id = n.article_id
                QUALIFY row_number() OVER (PARTITION BY n.entity_id
                                           ORDER BY a.published DESC NULLS LAST, n.article_id DESC) <= ?)
        SELECT own.owner, e.id, e.type, e.name, count(DISTINCT m.article_id) AS articles
        FROM own JOIN mentions m ON m.article_id = own.article_id AND m.entity_id <> own.owner
        JOIN entities e ON e.id = m.entity_id GROUP BY own.owner, e.id, e.type, e.name
        QUALIFY row_number() OVER (PARTITION BY own.owner ORDER BY articles DESC, e.name) <= ?
        ORDER BY own.owner, articles DESC, e.name""", [ids, MET_IN, MET]).fetchall()
    found: dict[int, list] = defaultdict(list)
    for owner, id_, type_, name, articles in rows:
        found[owner].append({"id": id_, "type": type_, "name": name, "articles": articles})
    return found
