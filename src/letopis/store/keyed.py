"""Tables of rows by entity, kept sorted by entity in levels as the search postings are
(postings.maintain): a batch's rows go to `<name>_fresh`; when it holds FRESH_ROWS they move,
sorted, to `<name>_1`, and a level that holds 8 times the one below moves up likewise. A page
reads an entity's own rows, a few row groups per level, however large the store grows.

named.py (where each entity is named), involved.py (what it takes part in) and the entities'
aliases (resolve.py) are kept so.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from . import postings

FRESH_ROWS = 1 << 16  # rows that move, sorted, to the first level


@dataclass(frozen=True)
class Keyed:
    """A table of rows by entity, in levels."""
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQL type), entity_id first
    order: str
    stored: str  # a query of every row, from the stored tables (an upgrade)

    @property
    def levels(self) -> tuple[str, ...]:
        return (f"{self.name}_fresh", *(f"{self.name}_{n}" for n in range(1, 5)))

    @property
    def ddl(self) -> str:
        columns = ", ".join(f"{name} {kind}" for name, kind in self.columns)
        return "".join(f"\nCREATE TABLE IF NOT EXISTS {level} ({columns});" for level in self.levels)

    def add(self, db: duckdb.DuckDBPyConnection, new: list[dict[str, Any]]) -> None:
        if new:
            unnested = ", ".join(f"unnest(?::{kind}[]) AS {name}" for name, kind in self.columns)
            db.execute(f"INSERT INTO {self.levels[0]} SELECT * FROM (SELECT {unnested})",
                       [[r[name] for r in new] for name, _ in self.columns])
        postings.maintain(db, levels=self.levels, order=self.order, fresh_rows=FRESH_ROWS)

    def load(self, db: duckdb.DuckDBPyConnection) -> None:
        db.execute(f"INSERT INTO {self.levels[-1]} SELECT * FROM ({self.stored}) ORDER BY {self.order}")

    def remove(self, db: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> None:
        for level in self.levels:
            db.execute(f"DELETE FROM {level} WHERE {where}", params)

    def every(self) -> str:
        """A query of every row, for a FROM clause."""
        return " UNION ALL ".join(f"SELECT * FROM {level}" for level in self.levels)

    def of(self, entity_ids: list[int]) -> str:
        """A query of the rows of these entities (every column), for a FROM clause."""
        listed = ", ".join(str(int(i)) for i in entity_ids) or "NULL"
        return " UNION ALL ".join(f"SELECT * FROM {level} WHERE entity_id IN ({listed})" for level in self.levels)
