"""Reviews: an analyst confirms, corrects or rejects an event, and every action is kept.

Each action is one row per event it touches in `reviews` (a chronicle event's review touches
each of its sources), with the event's key (article, type as the pipeline coded it, evidence
span), the status, the changes, the values they replaced, the note, who and when. The pipeline
never writes that table. The reviewed values are applied to the `events` rows (what the article
itself said stays in its record and in `event_sources`), so the chronicle, its exports and the
trends read reviewed values; a rejected event adds nothing, and a chronicle event whose sources
are all rejected is left out. When an article is processed again, its reviews are applied again
to the events that match their keys (`reapply`); a review that matches none is orphaned
(`event_id` NULL) and listed on the review queue.
"""
from __future__ import annotations

import json
from typing import Any

import duckdb

from . import involved, rechronicle
from .corrections import COUNTS, MERGE_FIELDS, CorrectionError, columns, normalise, resolve_place
from .write import Writer

STATUSES = ("confirmed", "corrected", "rejected")


class NoSuchEvent(LookupError):
    pass


def review(db: duckdb.DuckDBPyConnection, writer: Writer, events: list[tuple[str, str]], status: str,
           changes: dict[str, Any] | None = None, note: str | None = None, reviewer: str = "local",
           chronicle_id: int | None = None) -> int:
    """Record one action on stored events ((article id, event id) pairs) and apply it; its id.
    `chronicle_id`: the action was taken on that chronicle event (all `events` are its sources),
    which keeps its id; an action on one article's event merges it again when its place, date,
    type, actors or modality changed."""
    if status not in STATUSES:
        raise CorrectionError(f"unknown status {status!r}: expected one of {', '.join(STATUSES)}",
                              f"Неизвестное решение «{status}».")
    if bool(changes) != (status == "corrected"):
        raise CorrectionError("changes go with the status corrected, and it needs some",
                              "Исправления передаются со статусом «исправлено», и без них он пуст.")
    rows = [rechronicle.event_row(db, a, e) for a, e in events]
    if not rows or any(r is None for r in rows):
        raise NoSuchEvent(f"no event {events}")
    plain = {(row["article_id"], row["local_id"]): normalise(changes or {}, row["type"]) for row in rows}
    action = db.execute("SELECT nextval('review_ids')").fetchone()[0]
    db.execute("BEGIN TRANSACTION")
    try:
        for row in rows:
            fields = plain[row["article_id"], row["local_id"]]
            before = {name: _value(row, name) for name in fields}
            event_type, start, stop = _key(db, row)
            db.execute("INSERT INTO reviews (id, article_id, event_type, start, stop, event_id, chronicle_id, "
                       "status, changes, before, note, reviewer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [action, row["article_id"], event_type, start, stop, row["local_id"], chronicle_id,
                        status, _json(fields), _json(before), note or None, reviewer])
            _apply(db, writer, row, fields, _state(db, row["article_id"], row["local_id"]))
        if chronicle_id is not None:
            _settle_chronicle(db, writer, chronicle_id, rows)
        else:
            for row in rows:
                _settle_one(db, writer, row, set(plain[row["article_id"], row["local_id"]]))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        writer.reload()
        raise
    return action


def reapply(db: duckdb.DuckDBPyConnection, writer: Writer, article_ids: list[str]) -> None:
    """Apply the reviews of these articles to their events as stored now (after processing them
    again): each review key to the event of its type whose evidence span is the same, or else
    overlaps it by half; keys that match none are orphaned."""
    reviewed = {r[0] for r in db.execute("SELECT DISTINCT article_id FROM reviews WHERE article_id IN "
                                         "(SELECT unnest(?::VARCHAR[]))", [article_ids]).fetchall()}
    for article_id in [a for a in article_ids if a in reviewed]:
        keys = db.execute("SELECT event_type, start, stop FROM reviews WHERE article_id = ? "
                          "GROUP BY ALL ORDER BY min(id)", [article_id]).fetchall()
        if not keys:
            continue
        db.execute("UPDATE reviews SET event_id = NULL WHERE article_id = ?", [article_id])
        events = db.execute("SELECT local_id, type, start, stop FROM events WHERE article_id = ? "
                            "ORDER BY start, local_id", [article_id]).fetchall()
        for key, local_id in _match(keys, events).items():
            db.execute("UPDATE reviews SET event_id = ? WHERE article_id = ? AND event_type = ? AND start = ? "
                       "AND stop = ?", [local_id, article_id, *key])
            fields: dict[str, Any] = {}
            for (changes,) in db.execute("SELECT changes FROM reviews WHERE article_id = ? AND event_id = ? "
                                         "ORDER BY id", [article_id, local_id]).fetchall():
                fields.update(json.loads(changes) if changes else {})
            row = rechronicle.event_row(db, article_id, local_id)
            try:
                _apply(db, writer, row, fields, _state(db, article_id, local_id))
            except CorrectionError:  # a place the gazetteer no longer knows: the rest still holds
                _apply(db, writer, row, {k: v for k, v in fields.items() if k != "location"},
                       _state(db, article_id, local_id))
            _settle_one(db, writer, row, set(fields))


def _match(keys: list[tuple], events: list[tuple]) -> dict[tuple, str]:
    """Review keys (type, start, stop) → the event each applies to, one event per key."""
    found: dict[tuple, str] = {}
    taken: set[str] = set()
    for key in keys:  # the same span first
        hit = next((local for local, type_, start, stop in events
                    if (type_, start, stop) == tuple(key) and local not in taken), None)
        if hit:
            found[tuple(key)] = hit
            taken.add(hit)
    for key in keys:
        if tuple(key) in found:
            continue
        type_, start, stop = key
        # the overlap, as a share of the shorter span
        shares = [((min(stop, b) - max(start, a)) / max(1, min(stop - start, b - a)), local)
                  for local, t, a, b in events if t == type_ and local not in taken]
        share, local = max(shares, default=(0.0, None))
        if local is not None and share >= 0.5:
            found[tuple(key)] = local
            taken.add(local)
    return found


def _key(db: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> tuple[str, int, int]:
    """An event's review key: the one its earlier reviews carry (its type may have been corrected
    since), else its type and evidence span as the pipeline stored them."""
    known = db.execute("SELECT event_type, start, stop FROM reviews WHERE article_id = ? AND event_id = ? "
                       "ORDER BY id LIMIT 1", [row["article_id"], row["local_id"]]).fetchone()
    return tuple(known) if known else (row["type"], row["start"], row["stop"])


def _state(db: duckdb.DuckDBPyConnection, article_id: str, local_id: str) -> str | None:
    """rejected when the last action rejected it, corrected when any corrected it, else confirmed."""
    rows = db.execute("SELECT status, changes FROM reviews WHERE article_id = ? AND event_id = ? ORDER BY id",
                      [article_id, local_id]).fetchall()
    if not rows:
        return None
    if rows[-1][0] == "rejected":
        return "rejected"
    return "corrected" if any(c and json.loads(c) for _, c in rows) else "confirmed"


def _apply(db: duckdb.DuckDBPyConnection, writer: Writer, row: dict[str, Any], fields: dict[str, Any],
           state: str | None) -> None:
    values = columns(db, fields, row, lambda name: resolve_place(db, writer.entity, name))
    values["review"] = state
    db.execute(f"UPDATE events SET {', '.join(f'{c} = ?' for c in values)} WHERE article_id = ? AND local_id = ?",
               [*values.values(), row["article_id"], row["local_id"]])
    involved.refresh_event(db, row["article_id"], row["local_id"])


def _settle_one(db: duckdb.DuckDBPyConnection, writer: Writer, row: dict[str, Any], fields: set[str]) -> None:
    """After an action on one article's event: merged again when what decides its chronicle event
    changed, else its chronicle event recomputed."""
    now = rechronicle.event_row(db, row["article_id"], row["local_id"])
    if fields & MERGE_FIELDS or (now["chronicle_id"] is None and now["review"] != "rejected"):
        rechronicle.reattach(db, writer, row["article_id"], row["local_id"])
    else:
        rechronicle.settle(db, writer, {now["chronicle_id"]} - {None})


def _settle_chronicle(db: duckdb.DuckDBPyConnection, writer: Writer, chronicle_id: int,
                      rows: list[dict[str, Any]]) -> None:
    """After an action on a chronicle event: recomputed in place; sources corrected to what did
    not happen (future, negated) leave it."""
    from .merge import occurred
    for row in rows:
        now = rechronicle.event_row(db, row["article_id"], row["local_id"])
        if not occurred(now["modality"]):
            rechronicle.detach(db, row["article_id"], row["local_id"])
    rechronicle.settle(db, writer, {chronicle_id})


def _value(row: dict[str, Any], name: str) -> Any:
    """A field of an events row in the plain form of a change (what a correction replaced)."""
    if name in COUNTS:
        low = row[f"{name}_min"]
        return None if low is None else {"min": low, "max": row[f"{name}_max"]}
    if name in ("actor", "target"):
        return {"text": row[f"{name}_text"], "class": row[f"{name}_class"]} if row[f"{name}_text"] else None
    if name == "location":
        return row["location_name"]
    if name == "date":
        return row["date"]
    return row[name]


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


# -- reading --------------------------------------------------------------------------------

def history(db: duckdb.DuckDBPyConnection, events: list[tuple[str, str]], chronicle_id: int | None = None
            ) -> list[dict[str, Any]]:
    """Every action on these events (or taken on the chronicle event), oldest first."""
    rows = db.execute(
        "SELECT id, article_id, event_id, chronicle_id, status, changes, before, note, reviewer, reviewed_at "
        "FROM reviews WHERE list_contains(?, article_id || '/' || coalesce(event_id, '')) "
        "OR (? IS NOT NULL AND chronicle_id = ?) ORDER BY id, article_id, start",
        [[f"{a}/{e}" for a, e in events], chronicle_id, chronicle_id]).fetchall()
    actions: dict[int, dict[str, Any]] = {}
    for action, article, event, chronicle, status, changes, before, note, reviewer, at in rows:
        entry = actions.setdefault(action, {
            "id": action, "time": at.isoformat(timespec="seconds"), "reviewer": reviewer, "status": status,
            "changes": json.loads(changes) if changes else {}, "note": note, "chronicle_id": chronicle,
            "events": []})
        entry["events"].append({"article": article, "event": event,
                                "before": json.loads(before) if before else {}})
    return list(actions.values())


def orphans(db: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Reviews whose event is gone (its article processed again and nothing matches), with the
    words they were about."""
    rows = db.execute(
        "SELECT r.article_id, r.event_type, r.start, r.stop, max(r.id), arg_max(r.status, r.id), "
        "arg_max(r.note, r.id), arg_max(r.reviewer, r.id), max(r.reviewed_at), any_value(a.title), "
        "any_value(substr(a.text, r.start + 1, r.stop - r.start)) "
        "FROM reviews r LEFT JOIN articles a ON a.id = r.article_id WHERE r.event_id IS NULL "
        "GROUP BY r.article_id, r.event_type, r.start, r.stop ORDER BY max(r.id) DESC").fetchall()
    keys = ("article", "type", "start", "stop", "review", "status", "note", "reviewer", "time", "title", "evidence")
    out = []
    for row in rows:
        item = dict(zip(keys, row))
        item["time"] = item["time"].isoformat(timespec="seconds")
        out.append(item)
    return out


def queue(db: duckdb.DuckDBPyConnection, limit: int = 50, offset: int = 0) -> tuple[list[int], int]:
    """Chronicle events not yet (fully) reviewed, the least confident first: (ids, how many)."""
    where = "coalesce(review, '') IN ('', 'partly')"  # nothing reviewed, or only some sources
    total = db.execute(f"SELECT count(*) FROM chronicle_events WHERE {where}").fetchone()[0]
    ids = [r[0] for r in db.execute(
        f"SELECT id FROM chronicle_events WHERE {where} ORDER BY coalesce(background, false), "
        "confidence NULLS FIRST, date_from NULLS LAST, id LIMIT ? OFFSET ?", [limit, offset]).fetchall()]
    return ids, total


def source_events(db: duckdb.DuckDBPyConnection, chronicle_id: int) -> list[tuple[str, str]]:
    """The (article, event) pairs a chronicle event is made of, rejected ones included."""
    return [tuple(r) for r in db.execute("SELECT article_id, local_id FROM events WHERE chronicle_id = ? "
                                         "ORDER BY article_id, start", [chronicle_id]).fetchall()]
