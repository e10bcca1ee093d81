"""Moving stored events in and out of the chronicle after they were written: an event whose
reviewed place, date, type or actors changed is merged again (`reattach`), and an article being
processed again leaves the store whole first (`remove_article`). Chronicle events left without
sources are deleted; the others are recomputed from what remains (merging.refresh)."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import duckdb

from . import involved, merge, merging, named, postings
from .eventrows import claim
from .write import Writer

SOURCE_COLUMNS = ("chronicle_id", "article_id", "event_id", "outlet", "published", "url", "sentence", "claim",
                  "fatalities_min", "fatalities_max", "fatalities_text", "modality", "speaker", "via",
                  "reprint_of")


def event_row(db: duckdb.DuckDBPyConnection, article_id: str, local_id: str) -> dict[str, Any] | None:
    cursor = db.execute("SELECT * FROM events WHERE article_id = ? AND local_id = ?", [article_id, local_id])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else None


def settle(db: duckdb.DuckDBPyConnection, writer: Writer, chronicle_ids: set[int]) -> None:
    """Recompute these chronicle events from their sources; delete those left with none."""
    for chronicle_id in sorted(i for i in chronicle_ids if i is not None):
        if db.execute("SELECT count(*) FROM events WHERE chronicle_id = ?", [chronicle_id]).fetchone()[0]:
            merging.refresh(db, chronicle_id, writer.geo_of)
        else:
            db.execute("DELETE FROM chronicle_events WHERE id = ?", [chronicle_id])


def detach(db: duckdb.DuckDBPyConnection, article_id: str, local_id: str) -> tuple[int | None, dict | None]:
    """Take an event out of its chronicle event: (that chronicle event, its source row)."""
    row = event_row(db, article_id, local_id)
    if row is None or row["chronicle_id"] is None:
        return None, None
    cursor = db.execute(f"SELECT {', '.join(SOURCE_COLUMNS)} FROM event_sources WHERE article_id = ? "
                        "AND event_id = ?", [article_id, local_id])
    found = cursor.fetchone()
    db.execute("DELETE FROM event_sources WHERE article_id = ? AND event_id = ?", [article_id, local_id])
    db.execute("UPDATE events SET chronicle_id = NULL WHERE article_id = ? AND local_id = ?", [article_id, local_id])
    involved.refresh_event(db, article_id, local_id)
    return row["chronicle_id"], dict(zip(SOURCE_COLUMNS, found)) if found else None


def reattach(db: duckdb.DuckDBPyConnection, writer: Writer, article_id: str, local_id: str) -> int | None:
    """Merge an event into the chronicle again by its values as they stand (reviewed); a rejected
    event, or one that did not happen (future, negated), joins none. Its new chronicle event."""
    old, source = detach(db, article_id, local_id)
    row = event_row(db, article_id, local_id)
    chronicle_id = None
    if row is not None and row["review"] != "rejected" and merge.occurred(row["modality"]):
        chronicle_id = merging.attach(db, row, writer.geo_of, by_report=_dated_by_report(db, row))
        db.execute("UPDATE events SET chronicle_id = ? WHERE article_id = ? AND local_id = ?",
                   [chronicle_id, article_id, local_id])
        involved.refresh_event(db, article_id, local_id)
        source = {**(source or _new_source(db, row)), "chronicle_id": chronicle_id}
        db.execute(f"INSERT INTO event_sources ({', '.join(SOURCE_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(SOURCE_COLUMNS))})", [source[c] for c in SOURCE_COLUMNS])
    settle(db, writer, {old, chronicle_id} - {None})
    return chronicle_id


def remove_article(db: duckdb.DuckDBPyConnection, writer: Writer, article_id: str) -> None:
    """Take an article and everything found in it out of the store (to process it again); the
    chronicle events it fed are recomputed from their other sources, or deleted. Reviews stay."""
    touched = {r[0] for r in db.execute("SELECT DISTINCT chronicle_id FROM events WHERE article_id = ? "
                                        "AND chronicle_id IS NOT NULL", [article_id]).fetchall()}
    for level in postings.LEVELS:  # its documents' postings, then the documents
        db.execute(f"DELETE FROM {level} WHERE doc_id IN (SELECT doc_id FROM search_docs WHERE article_id = ?)",
                   [article_id])
    for table in ("event_sources", "events", "mentions", "times", "quotes", "search_docs"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])
    db.execute("UPDATE reviews SET event_id = NULL WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM article_bands WHERE article_id = ?", [article_id])
    named.remove(db, article_id)
    involved.remove(db, article_id)
    settle(db, writer, touched)


def _dated_by_report(db: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> bool:
    """As write._dated_by_report, from the stored rows: dated by its article's day, no time named
    in its sentence."""
    published = db.execute("SELECT published FROM articles WHERE id = ?", [row["article_id"]]).fetchone()
    if not published or row["date"] != published[0]:
        return False
    return not db.execute("SELECT count(*) FROM times WHERE article_id = ? AND start >= ? AND start < ? "
                          "AND NOT coalesce(caption, false)", [row["article_id"], row["start"], row["stop"]]).fetchone()[0]


def _new_source(db: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> dict[str, Any]:
    """The source row of an event that was in no chronicle event before (it was told as future or
    denied until a review said otherwise)."""
    outlet, published, url, duplicate_of = db.execute(
        "SELECT outlet, published, url, duplicate_of FROM articles WHERE id = ?", [row["article_id"]]).fetchone()
    speaker = db.execute("SELECT name FROM entities WHERE id = ?", [row["source_speaker_id"]]).fetchone() \
        if row["source_speaker_id"] is not None else None
    kind = SimpleNamespace(type=row["type"], mode=row["mode"], modality=row["modality"])
    return {"article_id": row["article_id"], "event_id": row["local_id"], "outlet": outlet,
            "published": published, "url": url, "sentence": row["sentence"],
            "claim": claim(kind, row, speaker[0] if speaker else None),
            "fatalities_min": row["fatalities_min"], "fatalities_max": row["fatalities_max"],
            "fatalities_text": row["fatalities_text"], "modality": row["modality"],
            "speaker": speaker[0] if speaker else None, "via": row["source_via"], "reprint_of": duplicate_of}
