"""An entity's page: for every entity a name refers to, its mentions per article, its quotes,
its chronicle events and the entities met beside it.

A store of a million articles names some entities in tens of thousands of them, so a report
lists the latest SHOWN of each kind with the totals, and counts the entities met beside one in
its latest MET_IN articles. Every list is read for all the entities at once; the articles that
name an entity, from its own rows of named.py (not from all the mentions).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from . import named, query

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
    latest = db.execute(f"""
        SELECT entity_id, count(*), sum(mentions),
               max_by({{'article': article_id, 'published': published, 'count': mentions, 'forms': forms}},
                      (published IS NOT NULL, published, article_id), ?)
        FROM ({named.of(ids)}) WHERE mentions > 0 GROUP BY entity_id""", [SHOWN]).fetchall()
    found = {e: articles for e, _, _, articles in latest}
    return found, {e: (articles, int(total)) for e, articles, total, _ in latest}


def _quotes(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, list]:
    """The latest SHOWN quotes of each entity as a speaker."""
    rows = db.execute("""
        SELECT q.speaker_id, max_by({'article': q.article_id, 'text': q.text, 'kind': q.kind, 'via': q.via},
                                    (a.published IS NOT NULL, a.published, q.article_id, -q.idx), ?)
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE q.speaker_id IN (SELECT unnest(?::BIGINT[])) GROUP BY q.speaker_id""", [SHOWN, ids]).fetchall()
    return dict(rows)


def _events(db: duckdb.DuckDBPyConnection, ids: list[int]) -> tuple[dict[int, list], dict[int, int]]:
    """The latest SHOWN chronicle events each entity acts in, suffers, hosts or tells of (not
    background, not rejected), newest first, and how many there are."""
    rows = db.execute("""
        WITH involved AS (
            SELECT DISTINCT entity_id, chronicle_id FROM (
                SELECT chronicle_id, unnest([actor_id, target_id, location_id, source_speaker_id]) AS entity_id
                FROM events WHERE chronicle_id IS NOT NULL AND (actor_id IN (SELECT unnest($1::BIGINT[]))
                OR target_id IN (SELECT unnest($1::BIGINT[])) OR location_id IN (SELECT unnest($1::BIGINT[]))
                OR source_speaker_id IN (SELECT unnest($1::BIGINT[]))))
            WHERE entity_id IN (SELECT unnest($1::BIGINT[])))
        SELECT i.entity_id, count(*), max_by(c.id, (c.date_from IS NOT NULL, c.date_from, c.id), $2)
        FROM involved i JOIN chronicle_events c ON c.id = i.chronicle_id
        WHERE NOT coalesce(c.background, false) AND coalesce(c.review, '') <> 'rejected'
        GROUP BY i.entity_id""", [ids, SHOWN]).fetchall()
    shown = query.publics(db, sorted({c for _, _, latest in rows for c in latest}))
    return ({e: [shown[c] for c in latest] for e, _, latest in rows}, {e: n for e, n, _ in rows})


def _met(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, list]:
    """The entities named most often beside each one, in its latest MET_IN articles."""
    rows = db.execute(f"""
        WITH own AS (SELECT entity_id AS owner, others FROM ({named.of(ids)}) WHERE mentions > 0
                     QUALIFY row_number() OVER (PARTITION BY entity_id
                                                ORDER BY published DESC NULLS LAST, article_id DESC) <= ?),
        counted AS (SELECT owner, other, count(*) AS articles FROM (SELECT owner, unnest(others) AS other FROM own)
                    GROUP BY owner, other QUALIFY rank() OVER (PARTITION BY owner ORDER BY articles DESC) <= ?)
        SELECT c.owner, e.id, e.type, e.name, c.articles FROM counted c JOIN entities e ON e.id = c.other
        QUALIFY row_number() OVER (PARTITION BY c.owner ORDER BY c.articles DESC, e.name) <= ?
        ORDER BY c.owner, c.articles DESC, e.name""", [MET_IN, MET, MET]).fetchall()
    found: dict[int, list] = defaultdict(list)
    for owner, id_, type_, name, articles in rows:
        found[owner].append({"id": id_, "type": type_, "name": name, "articles": articles})
    return found
