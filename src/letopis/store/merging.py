"""The chronicle merge over one batch (the rules are merge.py's).

The chronicle events a batch's events may join (the same type family and background, a month in
common, the same place or the same country) are read with their sources in two queries. The
events are then merged one by one in memory, in the order an event-by-event merge would take
them: each joins the best candidate or makes a new chronicle event, whose values are recomputed
from all its sources. At the end what changed is written once: new chronicle events inserted,
the others updated. A batch thus costs a few scans however long the chronicle grows, where a
merge in SQL would cost several queries per event.

New chronicle events get provisional ids (above every real one, in the order they were made,
as real ids would be) and their real ids when they are written.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from . import merge, rows
from .merge import GeoOf

CHRONICLE_FIELDS = ("id", "type", "mode", "family", "date_from", "date_to", "date_grain", "location_id",
                    "location_name", "country", "feature", "lat", "lon", "site", "actor_text", "actor_id",
                    "actor_class", "target_text", "target_id", "target_class", "fatalities",
                    "fatalities_max", "disputed", "injured", "arrested", "sources", "reprints",
                    "sentence", "background")
PROVISIONAL = 1 << 62


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1


class Merger:
    def __init__(self, db: duckdb.DuckDBPyConnection):
        self.db = db
        self.known: dict[int, dict[str, Any]] = {}  # chronicle events read or made in this batch
        self.sources: dict[int, list[dict[str, Any]]] = {}
        self.candidates: dict[int, list[int]] = {}  # an event's index → the stored events it may join
        self.changed: dict[str, set[int]] = {}  # family → chronicle events made or changed in this batch
        self.made = 0

    def prepare(self, events: list[tuple[dict[str, Any], date, dict[str, Any] | None]], regeo: list[int]) -> None:
        """Read what the batch's events (row, earliest day, place's geo) may join; `regeo`: stored
        places that got coordinates in this batch (the store does not know where they lie yet).
        A candidate is at the event's place, or one of the two places may hold the other
        (merge.contains): the same country, one of them a country, or a region of the other's."""
        asked = [(i, row, earliest, geo or {}) for i, (row, earliest, geo) in enumerate(events)
                 if row["location_id"] is not None and row["date_from"] is not None]
        if not asked:
            return
        pairs = self.db.execute("""
            WITH q AS (SELECT unnest(?::INTEGER[]) AS idx, unnest(?::VARCHAR[]) AS family,
                              unnest(?::BOOLEAN[]) AS background, unnest(?::INTEGER[]) AS lo,
                              unnest(?::INTEGER[]) AS hi, unnest(?::BIGINT[]) AS location_id,
                              unnest(?::VARCHAR[]) AS country, unnest(?::VARCHAR[]) AS feature,
                              unnest(?::VARCHAR[]) AS admin1),
            qm AS (SELECT *, unnest(range(lo, hi + 1)) AS m FROM q),
            c AS (SELECT c.id, c.family, coalesce(c.background, false) AS background, c.location_id,
                         l.country, l.feature, json_extract_string(l.geo, '$.admin1') AS admin1, unnest(range(year(c.date_from) * 12 + month(c.date_from) - 1,
                                                                    year(c.date_to) * 12 + month(c.date_to))) AS m
                  FROM chronicle_events c LEFT JOIN entities l ON l.id = c.location_id
                  WHERE c.date_from IS NOT NULL AND c.location_id IS NOT NULL
                  AND c.family IN (SELECT family FROM q))
            SELECT DISTINCT qm.idx, c.id FROM qm JOIN c ON c.family = qm.family
                AND c.background = qm.background AND c.m = qm.m
            WHERE c.location_id = qm.location_id OR list_contains(?, c.location_id)
               OR (c.country = qm.country AND (c.feature = 'country' OR qm.feature = 'country'
                   OR ((c.feature = 'region' OR qm.feature = 'region')
                       AND (qm.admin1 IS NULL OR c.admin1 IS NULL OR c.admin1 = qm.admin1))))
            """, [[a[0] for a in asked], [a[1]["family"] for a in asked], [bool(a[1]["background"]) for a in asked],
                  [_month(a[2]) for a in asked], [_month(a[1]["date_to"]) for a in asked],
                  [a[1]["location_id"] for a in asked], [a[3].get("country") for a in asked],
                  [a[3].get("feature") for a in asked], [a[3].get("admin1") for a in asked], regeo]).fetchall()
        for idx, chronicle_id in pairs:
            self.candidates.setdefault(idx, []).append(chronicle_id)
        wanted = sorted({c for _, c in pairs})
        if not wanted:
            return
        for values in self.db.execute(f"SELECT {', '.join(CHRONICLE_FIELDS)} FROM chronicle_events "
                                      "WHERE id IN (SELECT unnest(?::BIGINT[]))", [wanted]).fetchall():
            self.known[values[0]] = dict(zip(CHRONICLE_FIELDS, values))
            self.sources[values[0]] = []
        columns = ", ".join(f"s.{f}" if f in ("reprint_of", "published") else f"e.{f}" for f in merge.SOURCE_FIELDS)
        for chronicle_id, *values in self.db.execute(
                f"SELECT e.chronicle_id, {columns} FROM events e JOIN event_sources s "
                "ON s.article_id = e.article_id AND s.event_id = e.local_id "
                "WHERE e.chronicle_id IN (SELECT unnest(?::BIGINT[]))", [wanted]).fetchall():
            self.sources[chronicle_id].append(dict(zip(merge.SOURCE_FIELDS, values)))

    def attach(self, index: int, event: dict[str, Any], source: dict[str, Any], geo_of: GeoOf,
               by_report: bool, excluded: set[int]) -> int:
        """Put the batch's `index`th event (its events row, and its source as merge.summary reads
        it) into the chronicle event it reports, or a new one; returns that one's id."""
        candidates = {c: self.known[c] for c in self.candidates.get(index, ())}
        candidates.update((c, self.known[c]) for c in self.changed.get(event["family"], ()))
        chronicle_id = merge.match(event, candidates.values(), geo_of, by_report, excluded)
        if chronicle_id is None:
            chronicle_id = PROVISIONAL + self.made
            self.made += 1
            self.sources[chronicle_id] = []
        self.sources[chronicle_id].append(source)
        self.known[chronicle_id] = {"id": chronicle_id, **merge.summary(self.sources[chronicle_id], geo_of)}
        self.changed.setdefault(event["family"], set()).add(chronicle_id)
        return chronicle_id

    def real_ids(self) -> dict[int, int]:
        """Provisional id → real id, for the chronicle events made in this batch."""
        return dict(zip(range(PROVISIONAL, PROVISIONAL + self.made), rows.allocate(self.db, "chronicle_ids", self.made)))

    def write(self, real: dict[int, int]) -> None:
        """Insert the chronicle events made in this batch and update the ones changed."""
        changed = sorted(set().union(*self.changed.values())) if self.changed else []
        made = [{**self.known[c], "id": real[c]} for c in changed if c >= PROVISIONAL]
        stored = [self.known[c] for c in changed if c < PROVISIONAL]
        rows.insert(self.db, "chronicle_events", made, extra={"updated_at": "current_timestamp"})
        rows.update(self.db, "chronicle_events", "id", stored, extra={"updated_at": "current_timestamp"})
