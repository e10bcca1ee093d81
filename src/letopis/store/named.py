"""Where each entity is named: one row per entity and article (its mentions there, their forms,
the other entities the article names), kept sorted by entity in levels as the search postings
are (postings.maintain), so that an entity's page reads its own rows, a few row groups, however
many articles the store holds; the mentions table would be read whole.

The rows are written with their article (write.Writer.insert), taken out with it
(rechronicle.remove_article) and made from the mentions when a store is upgraded (migrate.py).
"""
from __future__ import annotations

from typing import Any

import duckdb

from . import postings

LEVELS = ("named_fresh", "named_1", "named_2", "named_3", "named_4")
ORDER = "entity_id, published, article_id"
FRESH_ROWS = 1 << 16  # rows that move, sorted, to the first level (about 6,000 articles)
DDL = "".join(f"""
CREATE TABLE IF NOT EXISTS {level} (entity_id BIGINT NOT NULL, article_id VARCHAR NOT NULL, published VARCHAR,
                                    mentions INTEGER, forms VARCHAR[], others BIGINT[]);""" for level in LEVELS)
# the rows of all the articles stored, from the mentions (an upgrade)
FROM_MENTIONS = """
    WITH counted AS (SELECT entity_id, article_id, count(*)::INTEGER AS mentions, list_sort(list_distinct(list(text))) AS forms
                     FROM mentions GROUP BY ALL),
    article AS (SELECT article_id, list(DISTINCT entity_id) AS ids FROM mentions GROUP BY ALL)
    SELECT c.entity_id, c.article_id, a.published, c.mentions, c.forms,
           list_sort(list_filter(n.ids, x -> x <> c.entity_id)) AS others
    FROM counted c JOIN article n USING (article_id) JOIN articles a ON a.id = c.article_id"""


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
    if new:
        db.execute(f"INSERT INTO named_fresh SELECT * FROM (SELECT {_unnested()})", [
            [r[c] for r in new] for c in ("entity_id", "article_id", "published", "mentions", "forms", "others")])
    postings.maintain(db, levels=LEVELS, order=ORDER, fresh_rows=FRESH_ROWS)


def load(db: duckdb.DuckDBPyConnection) -> None:
    """Every stored article's rows (a store upgraded)."""
    db.execute(f"INSERT INTO named_4 SELECT * FROM ({FROM_MENTIONS}) ORDER BY {ORDER}")


def remove(db: duckdb.DuckDBPyConnection, article_id: str) -> None:
    for level in LEVELS:
        db.execute(f"DELETE FROM {level} WHERE article_id = ?", [article_id])


def of(entity_ids: list[int]) -> str:
    """A query of the rows of these entities (every column), for a FROM clause."""
    listed = ", ".join(str(int(i)) for i in entity_ids) or "NULL"
    return " UNION ALL ".join(f"SELECT * FROM {level} WHERE entity_id IN ({listed})" for level in LEVELS)


def _unnested() -> str:
    kinds = (("entity_id", "BIGINT"), ("article_id", "VARCHAR"), ("published", "VARCHAR"), ("mentions", "INTEGER"),
             ("forms", "VARCHAR[]"), ("others", "BIGINT[]"))
    return ", ".join(f"unnest(?::{kind}[]) AS {name}" for name, kind in kinds)
