"""The stored entities a name finds (by any of its keys, or its Wikidata QID), their names and
QIDs by id, and the actor words that hold a name: what the chronicle's filters and pages look up."""
from __future__ import annotations

import itertools
import json
import re
from typing import Any

import duckdb

from .resolve import aliases_of
from .text import name_key, word_forms, words

QID = re.compile(r"Q[1-9][0-9]*")
ENTITY_COLUMNS = "id, type, name, roles, geo, wikidata"


def find_entities(db: duckdb.DuckDBPyConnection, name: str, type_: str | None = None) -> list[dict[str, Any]]:
    """Stored entities a name (in any case form: `Токаева`, `Казахстане`) or a Wikidata QID
    (`Q232`) refers to."""
    where, params = _named(name, type_)
    return _entity_dicts(db, db.execute(f"SELECT {ENTITY_COLUMNS} FROM entities WHERE {where} ORDER BY id",
                                        params).fetchall())


def entity_ids(db: duckdb.DuckDBPyConnection, name: str, type_: str | None = None) -> list[int]:
    """The ids of find_entities, in order: what filters need, read without the entities' roles
    and aliases (long lists for a surname of hundreds of namesakes)."""
    where, params = _named(name, type_)
    return [r[0] for r in db.execute(f"SELECT id FROM entities WHERE {where} ORDER BY id", params).fetchall()]


def entity_geos(db: duckdb.DuckDBPyConnection, name: str) -> list[dict[str, Any]]:
    """The ids and places (geo) of find_entities: what a place filter needs, read without the
    entities' roles and aliases."""
    where, params = _named(name, None)
    return [{"id": r[0], "geo": json.loads(r[1]) if r[1] else None}
            for r in db.execute(f"SELECT id, geo FROM entities WHERE {where} ORDER BY id", params).fetchall()]


def entity_rows(db: duckdb.DuckDBPyConnection, ids: list[int]) -> list[dict[str, Any]]:
    """Entities by id, in the order of their ids."""
    return _entity_dicts(db, db.execute(f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id IN (SELECT unnest(?::BIGINT[])) "
                                        "ORDER BY id", [ids]).fetchall())


def _named(name: str, type_: str | None) -> tuple[str, list[Any]]:
    """The condition on entities of the ones a name or QID refers to, and its parameters."""
    if QID.fullmatch(name.strip()):
        where, params = "wikidata = ?", [name.strip()]
    else:  # entity_names: the key, the aliases, and a person's surname: `Токаева` → Касым-Жомарт Токаев
        where, params = "id IN (SELECT entity_id FROM entity_names WHERE key IN (SELECT unnest(?::VARCHAR[])))", \
            [name_keys(name)]
    return f"{where} AND (? IS NULL OR type = ?)", [*params, type_, type_]


def _entity_dicts(db: duckdb.DuckDBPyConnection, rows: list[tuple]) -> list[dict[str, Any]]:
    aliases = aliases_of(db, [r[0] for r in rows])
    return [{"id": r[0], "type": r[1], "name": r[2], "roles": r[3], "aliases": aliases.get(r[0], []),
             "geo": json.loads(r[4]) if r[4] else None, "wikidata": r[5]} for r in rows]


def name_keys(name: str) -> list[str]:
    """The name and its words' normal forms in every combination (capped), as name keys."""
    parts = name_key(name).split()
    options = [sorted({p, *word_forms(p)}) for p in parts]
    return sorted({" ".join(c) for c in itertools.islice(itertools.product(*options), 64)})


def entity_names(db: duckdb.DuckDBPyConnection, ids: list[int | None]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    # a join with the ids (list_contains(?, id) searched the list for every entity: 110 ms for a
    # month's 1,300 participants at 10^5 articles, 7 ms so)
    return dict(db.execute("SELECT id, name FROM entities WHERE id IN (SELECT unnest(?::BIGINT[]))",
                           [wanted]).fetchall()) if wanted else {}


def actor_texts(db: duckdb.DuckDBPyConnection, actor: str) -> list[str]:
    """The stored actor words holding every word of `actor` in some form."""
    wanted = [set(word_forms(w)) for w in words(actor)]
    texts = [r[0] for r in db.execute("SELECT DISTINCT actor_text FROM events WHERE actor_text IS NOT NULL").fetchall()]
    return [t for t in texts if wanted and all(any(set(word_forms(w)) & want for w in words(t)) for want in wanted)]


def qids_of(db: duckdb.DuckDBPyConnection, ids: set[int]) -> dict[int, str]:
    """The Wikidata QIDs of the entities that have one."""
    return dict(db.execute("SELECT id, wikidata FROM entities WHERE wikidata IS NOT NULL "
                           "AND id IN (SELECT unnest(?::BIGINT[]))", [sorted(ids)]).fetchall())
