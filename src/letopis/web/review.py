"""The review API: confirm, correct or reject a chronicle event or one article's event, read
every change made to it, the queue of what is left to review, and processing stored articles
again (their reviews are re-applied). Reviews are writes: with a token they need it, and they are
signed with the token's name ("local" on a server without one)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..reviewing import CorrectionError, NoSuchEvent
from ..store import jobs as job_table
from . import service as svc
from .api import Service
from .submit import Worker, ticket

router = APIRouter(tags=["review"])

CHANGES = ("{field: value}: type (PLOVER type), mode, date (YYYY[-MM[-DD]]), location (a place name, "
           "resolved through the gazetteer), actor and target (words, or {text, class}), fatalities, "
           "injured and arrested (a number, {min, max} or null), modality. Only with status corrected.")


EventId = Annotated[int, Path(ge=0, le=2**62, description="a chronicle event's id")]


class ReviewRequest(BaseModel):
    status: Literal["confirmed", "corrected", "rejected"]
    changes: dict[str, Any] = Field(default_factory=dict, description=CHANGES)
    note: str | None = Field(None, max_length=4000, description="why, in the reviewer's words")


class Reprocess(BaseModel):
    ids: list[str] = Field(min_length=1, max_length=10_000, description="stored article ids")


def reviewing(store: svc.Service, request: Request, act) -> dict[str, Any]:
    """Run a review action under the store's lock; the errors as 404 and 400."""
    try:
        return store.change(lambda c: act(c.reviews, request.app.state.access.reviewer))
    except NoSuchEvent as error:
        raise HTTPException(404, str(error)) from None
    except CorrectionError as error:
        raise svc.BadInput(str(error)) from None


@router.post("/events/{event_id}/review", summary="Confirm, correct or reject a chronicle event (all its sources)")
def review_event(event_id: EventId, body: ReviewRequest, request: Request, store: Service) -> dict[str, Any]:
    """The action as `GET /events/{id}/history` lists it, with `chronicle_ids`: the chronicle
    events its events are in now."""
    return reviewing(store, request, lambda r, who: r.review(event_id, body.status, body.changes or None,
                                                             body.note, who))


@router.get("/events/{event_id}/history", summary="Every review of a chronicle event and its sources")
def event_history(event_id: EventId, store: Service) -> list[dict[str, Any]]:
    found = store.read(lambda c: c.reviews.history(event_id))
    if found is None:
        raise HTTPException(404, f"no chronicle event {event_id}")
    return found


@router.get("/articles/{article_id}/events", summary="An article's events as reviewed, with confidence")
def article_events(article_id: str, store: Service) -> list[dict[str, Any]]:
    if store.read(lambda c: c.article(article_id)) is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return store.read(lambda c: c.reviews.article_events(article_id))


@router.post("/articles/{article_id}/events/{event_id}/review", summary="Confirm, correct or reject one article's event")
def review_article_event(article_id: str, event_id: str, body: ReviewRequest, request: Request,
                         store: Service) -> dict[str, Any]:
    return reviewing(store, request, lambda r, who: r.review_article_event(
        article_id, event_id, body.status, body.changes or None, body.note, who))


@router.get("/articles/{article_id}/events/{event_id}/history", summary="Every review of one article's event")
def article_event_history(article_id: str, event_id: str, store: Service) -> list[dict[str, Any]]:
    found = store.read(lambda c: c.reviews.article_event_history(article_id, event_id))
    if found is None:
        raise HTTPException(404, f"no event {event_id!r} in article {article_id!r}")
    return found


@router.get("/review/queue", summary="Chronicle events not yet reviewed, least confident first; orphaned reviews")
def review_queue(store: Service, limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                 offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0) -> dict[str, Any]:
    return store.read(lambda c: c.reviews.queue(limit, offset))


@router.post("/articles/reprocess", status_code=202, summary="Process stored articles again (a job); reviews are re-applied")
async def reprocess(body: Reprocess, store: Service, jobs: Worker) -> JSONResponse:
    job_id = await run_in_threadpool(jobs.submit_reprocess, list(dict.fromkeys(body.ids)))
    job = await run_in_threadpool(store.read, lambda c: job_table.get(c.db, job_id))
    return JSONResponse(ticket(job), status_code=202, headers={"Location": f"/jobs/{job_id}"})


@router.get("/review/gold", summary="Gold files (SCHEMA.md) of the articles whose events were all reviewed")
def reviewed_gold(store: Service) -> list[dict[str, Any]]:
    """[{name, gold, text}]: what `letopis gold export --reviewed` writes (name.json, texts/name.txt)."""
    from ..reviewgold import gold_files
    return store.read(lambda c: gold_files(c.db))
