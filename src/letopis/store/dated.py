"""What the chronicle merge compares of each located and dated chronicle event (merge.match's
values but the sentence, and the country the candidates' join key takes: merging.py), kept
sorted by date in levels (keyed.py) and written whenever a chronicle event is. A batch naming a
past year finds that year's events in a few row groups here; in chronicle_events, made in the
order the news came, events dated to past years lie in every row group, and the merge's query
read most of the table.
"""
from __future__ import annotations

from typing import Any

import duckdb

from .keyed import Keyed

DATED = Keyed("chronicle_dates", (("id", "BIGINT"), ("family", "VARCHAR"), ("date_from", "DATE"), ("date_to", "DATE"),
                                  ("date_grain", "VARCHAR"), ("background", "BOOLEAN"), ("location_id", "BIGINT"),
                                  ("country", "VARCHAR"), ("actor_id", "BIGINT"), ("actor_class", "INTEGER"),
                                  ("target_id", "BIGINT"), ("target_class", "INTEGER")),
              "date_from, family, id",
              "SELECT id, family, date_from, date_to, date_grain, background, location_id, country, actor_id, "
              "actor_class, target_id, target_class FROM chronicle_events "
              "WHERE location_id IS NOT NULL AND date_from IS NOT NULL")


def redate(db: duckdb.DuckDBPyConnection, ids: list[int], values: list[dict[str, Any]] | None = None) -> None:
    """DATED's rows of these chronicle events again, after they changed: from `values` (their
    columns), else from chronicle_events; one deleted leaves."""
    if ids:
        DATED.remove(db, "id IN (SELECT unnest(?::BIGINT[]))", [ids])
    if values is None:
        cursor = db.execute(f"SELECT * FROM ({DATED.stored}) WHERE id IN (SELECT unnest(?::BIGINT[]))", [ids])
        values = [dict(zip([d[0] for d in cursor.description], r)) for r in cursor.fetchall()]
    DATED.add(db, [{name: v[name] for name, _ in DATED.columns} for v in values
                   if v["location_id"] is not None and v["date_from"] is not None])
