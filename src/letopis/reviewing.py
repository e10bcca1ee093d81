"""`Chronicle.reviews`: confirming, correcting and rejecting events, their history, the queue
of what is left to review and the reviews left orphaned (store/reviews.py keeps them).

    chronicle.reviews.review(7, "corrected", {"fatalities": 26, "location": "Алматы"}, note="МВД")
    chronicle.reviews.review_article_event("report", "V1", "rejected")
    chronicle.reviews.history(7)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .store import query, reads
from .store import reviews as store
from .store.corrections import FIELDS, CorrectionError
from .store.reviews import STATUSES, NoSuchEvent

if TYPE_CHECKING:
    from .chronicle import Chronicle

__all__ = ["FIELDS", "STATUSES", "CorrectionError", "NoSuchEvent", "Reviews"]


class Reviews:
    def __init__(self, chronicle: Chronicle):
        self.chronicle = chronicle
        self.db = chronicle.db

    def review(self, chronicle_id: int, status: str, changes: dict[str, Any] | None = None,
               note: str | None = None, reviewer: str = "local") -> dict[str, Any]:
        """An action on a chronicle event, applied to each of its sources; the action as the
        history lists it."""
        events = store.source_events(self.db, chronicle_id)
        if not events:
            raise NoSuchEvent(f"no chronicle event {chronicle_id}")
        action = store.review(self.db, self.chronicle.writer, events, status, changes, note, reviewer,
                              chronicle_id=chronicle_id)
        return self._action(action)

    def review_article_event(self, article_id: str, event_id: str, status: str,
                             changes: dict[str, Any] | None = None, note: str | None = None,
                             reviewer: str = "local") -> dict[str, Any]:
        """An action on one event of one article (which then joins the chronicle event its
        reviewed values fit)."""
        action = store.review(self.db, self.chronicle.writer, [(article_id, event_id)], status, changes,
                              note, reviewer)
        return self._action(action)

    def _action(self, action: int) -> dict[str, Any]:
        events = [tuple(r) for r in self.db.execute(
            "SELECT article_id, event_id FROM reviews WHERE id = ?", [action]).fetchall()]
        [entry] = [e for e in store.history(self.db, events) if e["id"] == action]
        entry["chronicle_ids"] = sorted({c for c in reads.chronicle_ids_of(self.db, events) if c is not None})
        return entry

    def history(self, chronicle_id: int) -> list[dict[str, Any]] | None:
        """Every action on a chronicle event or its sources, oldest first; None when there is no
        such event."""
        events = store.source_events(self.db, chronicle_id)
        if not events and not self._known(chronicle_id):
            return None
        return store.history(self.db, events, chronicle_id)

    def article_event_history(self, article_id: str, event_id: str) -> list[dict[str, Any]] | None:
        if not self.db.execute("SELECT count(*) FROM events WHERE article_id = ? AND local_id = ?",
                               [article_id, event_id]).fetchone()[0]:
            return None
        return store.history(self.db, [(article_id, event_id)])

    def _known(self, chronicle_id: int) -> bool:
        return bool(self.db.execute("SELECT count(*) FROM chronicle_events WHERE id = ?", [chronicle_id]).fetchone()[0]
                    or self.db.execute("SELECT count(*) FROM reviews WHERE chronicle_id = ?", [chronicle_id]).fetchone()[0])

    def queue(self, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Chronicle events not yet reviewed, the least confident first, and the orphaned reviews."""
        ids, total = store.queue(self.db, limit, offset)
        found = {e["id"]: e for e in query.events(self.db, ids=ids, background=True, rejected=True)}
        return {"events": [found[i] for i in ids if i in found], "total": total, "offset": offset,
                "orphans": store.orphans(self.db)}

    def gold_files(self) -> list[dict[str, Any]]:
        """Gold records (SCHEMA.md) of the articles whose events were all reviewed (reviewgold.py)."""
        from .reviewgold import gold_files
        return gold_files(self.db)

    def article_events(self, article_id: str) -> list[dict[str, Any]]:
        """An article's events as stored now: reviewed values, review state, confidence and the
        chronicle event each is in."""
        return reads.article_events(self.db, article_id)
