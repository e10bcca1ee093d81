"""The analyst's pages: an event with its sources, review controls (confirm, reject, correct
fields inline; keyboard shortcuts in static/review.js) and its history; the queue of events not
yet reviewed, the least confident first, with the reviews left orphaned; and the review buttons
of an article's events. Forms carry a CSRF token (auth.py); a review is signed with the token's
name, or "local"."""
from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..reviewing import FIELDS, CorrectionError, NoSuchEvent
from . import terms
from .api import Service
from .forms import posted_form
from .pages import error_page, form_page, render

router = APIRouter(prefix="/ui", include_in_schema=False, default_response_class=HTMLResponse)
QUEUE_PAGE = 50
COUNT = re.compile(r"^\s*(\d+)\s*(?:([-–—])\s*(\d+)?|(\+))?\s*$")
TEXT_FIELDS = ("date", "location", "actor", "target")


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: Annotated[int, Path(ge=0, le=2**62)], store: Service,
               source: Annotated[str | None, Query(alias="from", description="queue: go on to the next")] = None
               ) -> HTMLResponse:
    return _event_page(request, store, event_id, source)


def _event_page(request: Request, store: Any, event_id: int, source: str | None, status: int = 200,
                message: str | None = None, form: Any = None) -> HTMLResponse:
    found = store.read(lambda c: c.events(ids=[event_id], background=True, rejected=True))
    if not found:
        return error_page(request, 404, f"Событие {event_id} не найдено.")
    event = found[0]
    rows, stated = {}, {}
    for article in {s["article"] for s in event["sources"]}:
        rows.update({(article, e["id"]): e for e in store.read(lambda c: c.reviews.article_events(article))})
        stated.update(said(store.read(lambda c: c.article(article))))
    claims = [s for s in event["sources"] if s["fatalities"]]
    current = current_values(event, rows)
    history = store.read(lambda c: c.reviews.history(event_id)) or []
    for action in history:
        action["lines"] = [f"{terms.term('review_fields', name)}: {was_text(name, action['events'])} → "
                           f"{value_text(name, new)}" for name, new in action["changes"].items()]
    return form_page(request, "event.html", status=status, page_key="timeline", event=event,
                     rows=rows, stated=stated, history=history,
                     disputed=len({(s["fatalities"]["min"], s["fatalities"]["max"]) for s in claims}) > 1,
                     claims=claims, current=current, message=message,
                     values={k: str(form.get(k, v)) for k, v in current.items()} if form else current,
                     sent=form, source=source, places=store.read(lambda c: sorted(
                         {e["place"] for e in c.events() if e["place"]})))


def said(record: dict[str, Any] | None) -> dict[tuple[str, str], dict[str, Any]]:
    """What an article itself states of each of its events (its record, before any review): the
    claim lines of the event page."""
    if record is None:
        return {}
    names = {e["id"]: e["name"] for e in record["entities"]}
    return {(record["id"], e["id"]): {"type": e["type"], "mode": e["mode"], "date": e["date"],
                                      "date_grain": e["date_grain"], "place": names.get(e["location"]),
                                      "injured": e["injured"], "arrested": e["arrested"]}
            for e in record["events"]}


def current_values(event: dict[str, Any], rows: dict[tuple[str, str], dict[str, Any]]) -> dict[str, str]:
    """The fields of the correction form as they stand, in the form's own words."""
    modality = Counter(r["modality"] for r in rows.values()).most_common(1)
    return {"type": event["type"] or "", "mode": event["mode"] or "", "date": event["date"] or "",
            "location": event["place"] or "", "actor": event["actor"]["name"] or "",
            "target": event["target"]["name"] or "",
            "fatalities": terms.figure(event["fatalities"], event["fatalities_max"]) or "",
            "injured": "" if event["injured"] is None else str(event["injured"]),
            "arrested": "" if event["arrested"] is None else str(event["arrested"]),
            "modality": modality[0][0] if modality else ""}


def was_text(name: str, events: list[dict[str, Any]]) -> str:
    """What a correction replaced: the sources' values that were set, once each («8+», «20–99 / 26»)."""
    shown = list(dict.fromkeys(value_text(name, e["before"].get(name)) for e in events
                               if e["before"].get(name) is not None))
    return " / ".join(shown) or "—"


def value_text(name: str, value: Any) -> str:
    """A field's value in the history, in words."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return value.get("text") or "—" if "text" in value else terms.figure(value.get("min"), value.get("max")) or "—"
    if name == "type":
        return terms.type_label(value)
    if name == "modality":
        return terms.term("modalities", value)
    if name == "date":
        return terms.date_text(value)
    if name == "mode":
        return next((words for code, words in terms.labels()["modes"].items() if code.endswith(f"/{value}")), value)
    return str(value)


def changes_from(form: Any) -> dict[str, Any]:
    """The fields the analyst changed: those whose value differs from the one the form showed."""
    changes: dict[str, Any] = {}
    for name in FIELDS:
        if name not in form:
            continue
        value, was = str(form.get(name) or "").strip(), str(form.get(f"was_{name}") or "").strip()
        if value == was:
            continue
        if name in ("fatalities", "injured", "arrested"):
            changes[name] = parse_count(value)
        else:
            changes[name] = value or None
    if "type" in changes and changes["type"] is None:
        del changes["type"]
    return changes


def parse_count(value: str) -> Any:
    """«26», «20–99», «100+», or nothing (no figure); anything else is passed on to be refused."""
    if not value:
        return None
    match = COUNT.match(value)
    if not match:
        return value
    low, dash, high, plus = match.groups()
    if plus or (dash and not high):
        return {"min": int(low), "max": None}
    return {"min": int(low), "max": int(high) if high else int(low)}


@router.post("/events/{event_id}/review")
async def review_event(request: Request, event_id: Annotated[int, Path(ge=0, le=2**62)], store: Service) -> Response:
    form, refused = await posted_form(request, max_fields=40)
    if refused:
        return refused
    status, note, source = form.get("status"), form.get("note") or None, form.get("from") or None
    changes = changes_from(form) if status == "corrected" else {}
    if status == "corrected" and not changes:
        return _event_page(request, store, event_id, source, 400, "Ничего не изменено: поправьте поля или "
                           "подтвердите событие как есть.", form)
    who = request.app.state.access.reviewer
    try:
        await run_in_threadpool(store.change, lambda c: c.reviews.review(event_id, status, changes, note, who))
    except NoSuchEvent:
        return error_page(request, 404, f"Событие {event_id} не найдено.")
    except CorrectionError as error:
        return _event_page(request, store, event_id, source, 400, error.ru, form)
    if source == "queue":
        nxt = store.read(lambda c: [e["id"] for e in c.reviews.queue(limit=2)["events"] if e["id"] != event_id])
        if nxt:
            return RedirectResponse(f"/ui/events/{nxt[0]}?from=queue", 303)
        return RedirectResponse("/ui/review", 303)
    return RedirectResponse(f"/ui/events/{event_id}", 303)


@router.post("/articles/{article_id}/events/{event_id}/review")
async def review_article_event(request: Request, article_id: str, event_id: str, store: Service) -> Response:
    """The confirm and reject buttons of an article's events."""
    form, refused = await posted_form(request)
    if refused:
        return refused
    who = request.app.state.access.reviewer
    try:
        await run_in_threadpool(store.change, lambda c: c.reviews.review_article_event(
            article_id, event_id, form.get("status"), None, form.get("note") or None, who))
    except NoSuchEvent:
        return error_page(request, 404, f"В статье «{article_id}» нет события {event_id}.")
    except CorrectionError as error:
        return error_page(request, 400, error.ru)
    return RedirectResponse(f"/ui/articles/{article_id}?event={event_id}", 303)


@router.get("/review")
def queue_page(request: Request, store: Service, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    queue = store.read(lambda c: c.reviews.queue(limit=QUEUE_PAGE, offset=(page - 1) * QUEUE_PAGE))
    pages = max(1, -(-queue["total"] // QUEUE_PAGE))
    return render(request, "review.html", page_key="review", queue=queue, page=page, pages=pages)
