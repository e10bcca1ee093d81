"""Many rows in one statement: a batch is written with one INSERT (or UPDATE) per table, its
columns passed as lists and unnested, rather than a statement per row."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


_TYPES: dict[str, dict[str, str]] = {}


def types(db: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column name → SQL type, in table order (the same in every database of this schema
    version: an older one is upgraded as it opens)."""
    if table not in _TYPES:
        _TYPES[table] = dict(db.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' "
            "AND table_name = ? ORDER BY column_index", [table]).fetchall())
    return _TYPES[table]


def _unnested(db: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> str:
    typed = types(db, table)
    return ", ".join(f"unnest(?::{typed[c]}[]) AS {c}" for c in columns)


def insert(db: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]],
           extra: dict[str, str] | None = None) -> None:
    """Insert rows (dicts with the same keys); `extra` adds columns given as SQL expressions."""
    if not rows:
        return
    columns = list(rows[0])
    extra = extra or {}
    db.execute(f"INSERT INTO {table} ({', '.join([*columns, *extra])}) "
               f"SELECT *{''.join(f', {e}' for e in extra.values())} FROM (SELECT {_unnested(db, table, columns)})",
               [[row[c] for row in rows] for c in columns])


def update(db: duckdb.DuckDBPyConnection, table: str, key: str, rows: list[dict[str, Any]],
           extra: dict[str, str] | None = None) -> None:
    """Set the other columns of the rows whose `key` column matches each row's."""
    if not rows:
        return
    columns = list(rows[0])
    sets = [f"{c} = u.{c}" for c in columns if c != key] + [f"{c} = {e}" for c, e in (extra or {}).items()]
    db.execute(f"UPDATE {table} SET {', '.join(sets)} FROM (SELECT {_unnested(db, table, columns)}) u "
               f"WHERE {table}.{key} = u.{key}", [[row[c] for row in rows] for c in columns])


def allocate(db: duckdb.DuckDBPyConnection, sequence: str, count: int) -> list[int]:
    """`count` new values of a sequence, in ascending order."""
    if count <= 0:
        return []
    return sorted(r[0] for r in db.execute(f"SELECT nextval('{sequence}') FROM range(?)", [count]).fetchall())
