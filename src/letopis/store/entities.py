"""An entity's page: for the entities a name refers to, their mentions per article, quotes,
chronicle events and the entities met beside them.

A store of a million articles names some entities in tens of thousands of them, and gives a
common surname to hundreds of namesakes (people of different roles stay apart: resolve.py), so
a report covers a page of the entities (the most named first) with how many there are, lists
the latest SHOWN of each kind with the totals, and counts the entities met beside one in its
latest MET_IN articles. Every list is read for the page's entities at once, from their own rows
of named.py (the articles that name them) and involved.py (their chronicle events and quotes),
not from all the mentions, events and quotes.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from . import involved, lookup, named, query

SHOWN = 100  # articles, quotes and events listed per entity: the latest
MET_IN = 1000  # the latest articles of an entity the entities met beside it are counted in
MET = 20  # entities listed as met beside one


def report(db: duckdb.DuckDBPyConnection, name: str, type_: str | None = None, limit: int | None = None,
           offset: int = 0, brief: bool = False) -> dict[str, Any]:
    """The entities a name refers to, the most named first (from the `offset`th, at most
    `limit`): {"total": how many, "entities": their reports}. `brief`: their events as a list
    of links shows them (query.briefs), without sentences and sources."""
    ids = lookup.entity_ids(db, name, type_)
    page = _ranked(db, ids)[offset:offset + limit if limit is not None else None]
    if not page:
        return {"total": len(ids), "entities": []}
    found = {e["id"]: e for e in lookup.entity_rows(db, page)}
    mentions, totals = _mentions(db, page)
    quotes, quote_totals = _quotes(db, page)
    events, event_totals = _events(db, page, brief)
    met = _met(db, page)
    return {"total": len(ids), "entities": [
        {**found[i], "articles": totals.get(i, (0, 0))[0], "mention_count": totals.get(i, (0, 0))[1],
         "mentions": mentions.get(i, []), "quote_count": quote_totals.get(i, 0), "quotes": quotes.get(i, []),
         "event_count": event_totals.get(i, 0), "events": events.get(i, []), "co_occurring": met.get(i, [])}
        for i in page]}


def _ranked(db: duckdb.DuckDBPyConnection, ids: list[int]) -> list[int]:
    """Entity ids, those named in the most articles first (then by id)."""
    if len(ids) < 2:
        return ids
    counted = dict(db.execute(f"SELECT entity_id, count(*) FROM ({named.of(ids)}) GROUP BY ALL").fetchall())
    return sorted(ids, key=lambda i: (-counted.get(i, 0), i))


# the latest first, as max_by orders its list: by publication (undated last), then article
LATEST = "(published IS NOT NULL, coalesce(published, ''), article_id)"


def _mentions(db: duckdb.DuckDBPyConnection, ids: list[int]) -> tuple[dict[int, list], dict[int, tuple[int, int]]]:
    """The latest SHOWN articles naming each entity (with the forms used), and its totals:
    articles, mentions. The latest are kept by max_by as the rows go by: sorting an entity's
    rows (tens of thousands for a place) took twice as long."""
    rows = db.execute(f"""
        SELECT entity_id, count(*), sum(mentions),
               max_by({{'article': article_id, 'published': published, 'count': mentions, 'forms': forms}}, {LATEST}, ?)
        FROM ({named.of(ids)}) WHERE mentions > 0 GROUP BY entity_id""", [SHOWN]).fetchall()
    return ({entity: latest for entity, _, _, latest in rows},
            {entity: (articles, int(total)) for entity, articles, total, _ in rows})


def _quotes(db: duckdb.DuckDBPyConnection, ids: list[int]) -> tuple[dict[int, list], dict[int, int]]:
    """The latest SHOWN quotes of each entity as a speaker, and how many there are: which, from
    its own rows of involved.py; their texts, from the quotes of those articles."""
    rows = db.execute(f"""
        WITH own AS (SELECT entity_id, count(*) OVER (PARTITION BY entity_id) AS total, article_id, idx, published
                     FROM ({involved.QUOTES.of(ids)})
                     QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY published DESC NULLS LAST,
                                                article_id DESC, idx) <= ?)
        SELECT o.entity_id, o.total, q.article_id, q.text, q.kind, q.via FROM own o
        JOIN quotes q ON q.article_id = o.article_id AND q.idx = o.idx
        WHERE q.article_id IN (SELECT article_id FROM own)
        ORDER BY o.entity_id, o.published DESC NULLS LAST, q.article_id DESC, q.idx""", [SHOWN]).fetchall()
    found: dict[int, list] = defaultdict(list)
    totals = {}
    for speaker, count, article, text, kind, via in rows:
        found[speaker].append({"article": article, "text": text, "kind": kind, "via": via})
        totals[speaker] = count
    return found, totals


def _events(db: duckdb.DuckDBPyConnection, ids: list[int], brief: bool) -> tuple[dict[int, list], dict[int, int]]:
    """The latest SHOWN chronicle events each entity acts in, suffers, hosts or tells of (not
    background, not rejected), newest first, and how many there are: which, from its own rows
    of involved.py."""
    rows = db.execute(f"""
        WITH own AS (SELECT DISTINCT entity_id, chronicle_id FROM ({involved.EVENTS.of(ids)}))
        SELECT o.entity_id, count(*), max_by(c.id, (c.date_from IS NOT NULL, c.date_from, c.id), ?)
        FROM own o JOIN chronicle_events c ON c.id = o.chronicle_id
        WHERE NOT coalesce(c.background, false) AND coalesce(c.review, '') <> 'rejected'
        GROUP BY o.entity_id""", [SHOWN]).fetchall()
    shown = (query.briefs if brief else query.publics)(db, sorted({c for _, _, latest in rows for c in latest}))
    return ({e: [shown[c] for c in latest] for e, _, latest in rows}, {e: n for e, n, _ in rows})


def _met(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, list]:
    """The entities named most often beside each one, in its latest MET_IN articles."""
    rows = db.execute(f"""
        WITH own AS (SELECT entity_id AS owner, flatten(max_by(others, {LATEST}, ?)) AS others
                     FROM ({named.of(ids)}) WHERE mentions > 0 GROUP BY entity_id),
        counted AS (SELECT owner, other, count(*) AS articles FROM (SELECT owner, unnest(others) AS other FROM own)
                    GROUP BY owner, other QUALIFY rank() OVER (PARTITION BY owner ORDER BY articles DESC) <= ?)
        SELECT c.owner, e.id, e.type, e.name, c.articles FROM counted c JOIN entities e ON e.id = c.other
        QUALIFY row_number() OVER (PARTITION BY c.owner ORDER BY c.articles DESC, e.name, e.id) <= ?
        ORDER BY c.owner, c.articles DESC, e.name, e.id""", [MET_IN, MET, MET]).fetchall()
    found: dict[int, list] = defaultdict(list)
    for owner, id_, type_, name, articles in rows:
        found[owner].append({"id": id_, "type": type_, "name": name, "articles": articles})
    return found
