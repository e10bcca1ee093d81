"""The chronicle merge over one batch (the rules are merge.py's).

The chronicle events a batch's events may join (by merge.match's rules, the place loosely) are
read in one query, and the sources of each when an event joins it (by an index). The events
are then merged one by one in memory, in the order an event-by-event merge would take
them: each joins the best candidate or makes a new chronicle event, whose values are recomputed
from all its sources. At the end what changed is written once: new chronicle events inserted,
the others updated. A batch thus costs a few scans however long the chronicle grows, where a
merge in SQL would cost several queries per event.

`attach` and `refresh` move one stored event at a time (store/rechronicle.py: reviews, reprocessing).

New chronicle events get provisional ids (above every real one, in the order they were made,
as real ids would be) and their real ids when they are written.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb

from . import merge, rows
from .merge import GeoOf

CHRONICLE_FIELDS = ("id", "type", "mode", "family", "date_from", "date_to", "date_grain", "location_id",
                    "location_name", "country", "feature", "lat", "lon", "site", "actor_text", "actor_id",
                    "actor_class", "target_text", "target_id", "target_class", "fatalities",
                    "fatalities_max", "disputed", "injured", "arrested", "sources", "reprints",
                    "sentence", "background", "confidence", "review")
# what merge.match reads of a stored chronicle event
MATCHED = ("id", "family", "date_from", "date_to", "date_grain", "background", "location_id",
           "actor_id", "actor_class", "target_id", "target_class", "sentence")
PROVISIONAL = 1 << 62
# stored chronicle events an event is compared with at most: those merge.match would rank first
# (the same place, then the same grain), the latest first. An event dated only by its year and
# placed at a country fits every event of its family there that year, thousands in a large store.
CANDIDATES = 48
_MONTH = "(year({0}) * 12 + month({0}) - 1)"
# a source's fields (merge.SOURCE_FIELDS) from its event row and its article's source row
SOURCE_COLUMNS = ", ".join(f"s.{f}" if f in ("reprint_of", "published") else f"e.{f}" for f in merge.SOURCE_FIELDS)


def _sources_of(ids: list[int]) -> str:
    """The query of these stored chronicle events' sources: the chronicle id, then
    SOURCE_COLUMNS. Each table is read apart, by its index on chronicle_id, the ids given as
    constants: joined in one query, DuckDB scanned `events` whole (60 to 100 ms at 10^5 articles)."""
    listed = ", ".join(str(int(i)) for i in ids)
    return (f"WITH e AS MATERIALIZED (SELECT * FROM events WHERE chronicle_id IN ({listed})), "
            f"s AS MATERIALIZED (SELECT * FROM event_sources WHERE chronicle_id IN ({listed})) "
            f"SELECT e.chronicle_id, {SOURCE_COLUMNS} FROM e JOIN s ON s.article_id = e.article_id "
            "AND s.event_id = e.local_id AND s.chronicle_id = e.chronicle_id")


def _stretches(spans: list[tuple[date, date]], gap: int = 31) -> list[tuple[date, date]]:
    """Date spans joined where they overlap or lie less than `gap` days apart."""
    out: list[list[date]] = []
    for lo, hi in sorted(spans):
        if out and (lo - out[-1][1]).days <= gap:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


class Merger:
    def __init__(self, db: duckdb.DuckDBPyConnection):
        self.db = db
        self.known: dict[int, dict[str, Any]] = {}  # chronicle events read or made in this batch
        self.sources: dict[int, list[dict[str, Any]]] = {}
        self.fetched: dict[int, list[dict[str, Any]]] = {}  # stored events' sources read ahead (prefetch)
        self.candidates: dict[int, list[int]] = {}  # an event's index → the stored events it may join
        self.changed: dict[str, set[int]] = {}  # family → chronicle events made or changed in this batch
        self.made = 0

    def prepare(self, events: list[tuple[dict[str, Any], date, dict[str, Any] | None]], regeo: list[int]) -> None:
        """Read what the batch's events (row, earliest day, place's geo) may join, by the rules of
        merge.match on the stored values: the same family and background, overlapping dates,
        compatible actors and targets, and a place that is the event's or may hold it or lie in
        it (merge.contains: the same country, one of them a country, or a region of the other's).
        `regeo`: stored places that got coordinates in this batch (the store does not know where
        they lie yet). The months in common make the join's key; only the chronicle events
        within the batch's stretches of dates are looked at; an event keeps the CANDIDATES
        that merge.match ranks first by place and grain, the latest first."""
        asked = [(i, row, earliest, geo or {}) for i, (row, earliest, geo) in enumerate(events)
                 if row["location_id"] is not None and row["date_from"] is not None]
        if not asked:
            return
        columns = {"idx": ("INTEGER", lambda a: a[0]), "family": ("VARCHAR", lambda a: a[1]["family"]),
                   "background": ("BOOLEAN", lambda a: bool(a[1]["background"])), "lo": ("DATE", lambda a: a[2]),
                   "hi": ("DATE", lambda a: a[1]["date_to"]), "grain": ("VARCHAR", lambda a: a[1]["date_grain"]),
                   "location_id": ("BIGINT", lambda a: a[1]["location_id"]),
                   "country": ("VARCHAR", lambda a: a[3].get("country")),
                   "feature": ("VARCHAR", lambda a: a[3].get("feature")),
                   "admin1": ("VARCHAR", lambda a: a[3].get("admin1")),
                   **{f"{side}_{key}": (kind, lambda a, f=f"{side}_{key}": a[1][f])
                      for side in ("actor", "target") for key, kind in (("id", "BIGINT"), ("class", "INTEGER"))}}
        stretches = " OR ".join(f"(date_to >= DATE '{lo}' AND date_from <= DATE '{hi}')"
                                for lo, hi in _stretches([(a[2], a[1]["date_to"]) for a in asked]))
        pairs = self.db.execute(f"""
            WITH q AS (SELECT {', '.join(f'unnest(?::{kind}[]) AS {name}' for name, (kind, _) in columns.items())}),
            located AS (SELECT id, country FROM entities WHERE country IN (SELECT country FROM q)),
            qk AS (SELECT *, unnest([coalesce(country, '#' || location_id), '*']) AS k FROM q),
            qm AS (SELECT *, unnest(range({_MONTH.format('lo')}, {_MONTH.format('hi')} + 1)) AS m FROM qk),
            c AS (SELECT {', '.join(f for f in MATCHED if f != 'sentence')}, country, coalesce(background, false) AS bg,
                         unnest(range({_MONTH.format('date_from')}, {_MONTH.format('date_to')} + 1)) AS m
                  FROM chronicle_events WHERE location_id IS NOT NULL AND date_from IS NOT NULL
                  AND family IN (SELECT family FROM q) AND ({stretches})
                  AND (country IN (SELECT country FROM q) OR location_id IN (SELECT location_id FROM q)
                       OR list_contains(?, location_id)
                       OR (country IS NULL AND location_id IN (SELECT id FROM located)))),
            ck AS (SELECT c.*, CASE WHEN list_contains(?, c.location_id) THEN '*'
                                    ELSE coalesce(c.country, l.country, '#' || c.location_id) END AS k
                   FROM c LEFT JOIN located l ON l.id = c.location_id),
            pairs AS (SELECT DISTINCT qm.idx, {', '.join(f'c.{f}' for f in MATCHED if f != 'sentence')}, qm.location_id AS place,
                             qm.country AS place_country, qm.feature AS place_feature, qm.admin1 AS place_admin1,
                             qm.grain AS asked_grain
                      FROM qm JOIN ck c ON c.family = qm.family AND c.bg = qm.background AND c.m = qm.m AND c.k = qm.k
                      WHERE c.date_from <= qm.hi AND c.date_to >= qm.lo
                      AND NOT coalesce(qm.actor_id <> c.actor_id OR qm.actor_class <> c.actor_class, false)
                      AND NOT coalesce(qm.target_id <> c.target_id OR qm.target_class <> c.target_class, false)),
            chosen AS (SELECT p.* FROM pairs p LEFT JOIN entities l ON l.id = p.location_id
            WHERE p.location_id = p.place OR list_contains(?, p.location_id)
               OR (l.country = p.place_country AND (l.feature = 'country' OR p.place_feature = 'country'
                   OR ((l.feature = 'region' OR p.place_feature = 'region') AND (p.place_admin1 IS NULL
                       OR json_extract_string(l.geo, '$.admin1') IS NULL
                       OR json_extract_string(l.geo, '$.admin1') = p.place_admin1))))
            QUALIFY row_number() OVER (PARTITION BY p.idx ORDER BY 2 * (p.location_id = p.place)::INTEGER
                                       + coalesce(p.date_grain = p.asked_grain, false)::INTEGER DESC, p.id DESC) <= {CANDIDATES})
            -- the sentences of the chosen only: the longest column, read for a few rows
            SELECT p.idx, {', '.join(f'p.{f}' if f != 'sentence' else 's.sentence' for f in MATCHED)}
            FROM chosen p JOIN chronicle_events s ON s.id = p.id
            """, [[get(a) for a in asked] for _, get in columns.values()] + [regeo] * 3).fetchall()
        for idx, *values in pairs:
            self.candidates.setdefault(idx, []).append(values[0])
            if values[0] not in self.known:
                self.known[values[0]] = dict(zip(MATCHED, values))

    def prefetch(self, events: list[tuple[dict[str, Any], bool]], geo_of: GeoOf) -> None:
        """Read in one query the sources of the stored chronicle events the batch's events (rows,
        and whether each is dated by its report) would join as the store stands: most of those
        they do join. One that joins another (made or changed earlier in the batch) has its
        sources read then (attach); thirty lookups by index took three times as long."""
        likely = {merge.match(row, [self.known[c] for c in self.candidates.get(i, ())], geo_of, by_report, set())
                  for i, (row, by_report) in enumerate(events)} - {None}
        if not likely:
            return
        self.fetched = {c: [] for c in likely}
        for chronicle_id, *values in self.db.execute(_sources_of(sorted(likely))).fetchall():
            self.fetched[chronicle_id].append(dict(zip(merge.SOURCE_FIELDS, values)))

    def _stored_sources(self, chronicle_id: int) -> list[dict[str, Any]]:
        """A stored chronicle event's sources, read when an event joins it (by the index on
        chronicle_id: most candidates are never joined), unless prefetched."""
        if chronicle_id in self.fetched:
            return self.fetched.pop(chronicle_id)
        return [dict(zip(merge.SOURCE_FIELDS, values)) for _, *values in self.db.execute(
            _sources_of([chronicle_id])).fetchall()]

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
        elif chronicle_id not in self.sources:
            self.sources[chronicle_id] = self._stored_sources(chronicle_id)
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


def attach(db: duckdb.DuckDBPyConnection, event: dict[str, Any], geo_of: GeoOf, by_report: bool = False) -> int:
    """Put one stored event row into the chronicle event it reports, or a new (empty) one, which
    `refresh` fills; returns its id."""
    cursor = db.execute(
        f"SELECT {', '.join(MATCHED)} FROM chronicle_events WHERE family = ? AND date_from <= ? "
        "AND date_to >= ? AND coalesce(background, false) = ?",
        [event["family"], event["date_to"], event["date_from"] - timedelta(days=1) if event["date_from"] else None,
         bool(event["background"])])
    candidates = [dict(zip(MATCHED, values)) for values in cursor.fetchall()]
    # the article's other events are other occurrences (merge.match)
    excluded = {r[0] for r in db.execute("SELECT chronicle_id FROM events WHERE article_id = ? "
                                         "AND chronicle_id IS NOT NULL", [event["article_id"]]).fetchall()}
    chronicle_id = merge.match(event, candidates, geo_of, by_report, excluded)
    if chronicle_id is None:
        [chronicle_id] = rows.allocate(db, "chronicle_ids", 1)
        db.execute("INSERT INTO chronicle_events (id) VALUES (?)", [chronicle_id])
    return chronicle_id


def refresh(db: duckdb.DuckDBPyConnection, chronicle_id: int, geo_of: GeoOf) -> None:
    """Recompute a stored chronicle event from all its sources (merge.summary); one whose every
    source is rejected is marked rejected."""
    sources = [dict(zip(merge.SOURCE_FIELDS, values)) for values in db.execute(
        f"SELECT {SOURCE_COLUMNS} FROM events e JOIN event_sources s ON s.article_id = e.article_id "
        "AND s.event_id = e.local_id WHERE e.chronicle_id = ?", [chronicle_id]).fetchall()]
    values = merge.summary(sources, geo_of) if sources else None
    if values is None:
        db.execute("UPDATE chronicle_events SET review = ?, updated_at = current_timestamp WHERE id = ?",
                   ["rejected" if sources else None, chronicle_id])
        return
    assignments = ", ".join(f"{k} = ?" for k in values)
    db.execute(f"UPDATE chronicle_events SET {assignments}, updated_at = current_timestamp WHERE id = ?",
               [*values.values(), chronicle_id])
