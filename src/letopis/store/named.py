"""Where each entity is named: one row per entity and article (its mentions there, their forms,
the other entities the article names), kept sorted by entity in levels as the search postings
are (keyed.py), so that an entity's page reads its own rows, a few row groups, however
many articles the store holds; the mentions table would be read whole.

The rows are written with their article (write.Writer.insert), taken out with it
(rechronicle.remove_article) and made from the mentions when a store is upgraded (migrate.py).
"""
from __future__ import annotations

from typing import Any

import duckdb

from .keyed import Keyed

# the rows of all the articles stored, from the mentions (an upgrade)
FROM_MENTIONS = """
    WITH counted AS (SELECT entity_id, article_id, count(*)::INTEGER AS mentions, list_sort(list_distinct(list(text))) AS forms
                     FROM mentions GROUP BY ALL),
    article AS (SELECT article_id, list(DISTINCT entity_id) AS ids FROM mentions GROUP BY ALL)
    SELECT c.entity_id, c.article_id, a.published, c.mentions, c.forms,
           list_sort(list_filter(n.ids, x -> x <> c.entity_id)) AS others
    FROM counted c JOIN article n USING (article_id) JOIN articles a ON a.id = c.article_id"""
NAMED = Keyed("named", (("entity_id", "BIGINT"), ("article_id", "VARCHAR"), ("published", "VARCHAR"),
                        ("mentions", "INTEGER"), ("forms", "VARCHAR[]"), ("others", "BIGINT[]")),
              "entity_id, published, article_id", FROM_MENTIONS)
LEVELS = NAMED.levels
DDL = NAMED.ddl


def rows(articles: list[dict[str, Any]], mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A batch's rows: of its articles (id, published) and their mentions (article_id, entity_id, text)."""
    forms: dict[str, dict[int, list[str]]] = {}
    for m in mentions:
        forms.setdefault(m["article_id"], {}).setdefault(m["entity_id"], []).append(m["text"])
    published = {a["id"]: a["published"] for a in articles}
    return [{"entity_id": entity, "article_id": article, "published": published.get(article),
             "mentions": len(texts), "forms": sorted(set(texts)), "others": sorted(set(named) - {entity})}
            for article, named in forms.items() for entity, texts in named.items()]


def add(db: duckdb.DuckDBPyConnection, new: list[dict[str, Any]]) -> None:
    NAMED.add(db, new)


def load(db: duckdb.DuckDBPyConnection) -> None:
    """Every stored article's rows (a store upgraded)."""
    NAMED.load(db)


def remove(db: duckdb.DuckDBPyConnection, article_id: str) -> None:
    NAMED.remove(db, "article_id = ?", [article_id])


def of(entity_ids: list[int]) -> str:
    """A query of the rows of these entities (every column), for a FROM clause."""
    return NAMED.of(entity_ids)
