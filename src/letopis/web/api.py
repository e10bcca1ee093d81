"""The JSON API's reads: thin routes over letopis.Chronicle, with the CLI's filters (writes and
jobs: submit.py)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from ..store.export import FORMATS
from . import service as svc

router = APIRouter(tags=["api"])

EXPORT_TYPES = {"acled-csv": ("text/csv; charset=utf-8", "csv"),
                "geojson": ("application/geo+json", "geojson"),
                "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
                "parquet": ("application/vnd.apache.parquet", "parquet")}


class EventFilters(BaseModel):
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    type: str | None = None
    actor: str | None = None
    entity: str | None = None
    background: bool = False

    def query(self) -> dict[str, Any]:
        date_from, date_to = svc.date_bounds(self.date_from, self.date_to)
        return {"date_from": date_from, "date_to": date_to, "place": self.place or None,
                "type": self.type or None, "actor": self.actor or None, "entity": self.entity or None,
                "background": self.background}


def event_filters(
    date_from: Annotated[str | None, Query(alias="from", description="YYYY[-MM[-DD]]: events on or after")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY[-MM[-DD]]: events on or before")] = None,
    place: Annotated[str | None, Query(description="a place name: events there or inside it")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, TYPE/mode or family")] = None,
    actor: Annotated[str | None, Query(description="actor name or words")] = None,
    entity: Annotated[str | None, Query(description="any entity involved")] = None,
    background: Annotated[bool, Query(description="also events told as history or context")] = False,
) -> EventFilters:
    return EventFilters(date_from=date_from, date_to=date_to, place=place, type=type, actor=actor,
                        entity=entity, background=background)


Filters = Annotated[EventFilters, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=10_000)]


def service(request: Request) -> svc.Service:
    return request.app.state.service


Service = Annotated[svc.Service, Depends(service)]


@router.get("/status", summary="Which server this is: its database and process")
def status(store: Service) -> dict[str, Any]:
    return {"db": str(store.chronicle.path.resolve()), "pid": os.getpid()}


@router.get("/articles", summary="Stored articles, filtered by publication date")
def list_articles(store: Service, date_from: Annotated[str | None, Query(alias="from")] = None,
                  date_to: Annotated[str | None, Query(alias="to")] = None,
                  limit: Limit = 100) -> list[dict[str, Any]]:
    low, high = svc.date_bounds(date_from, date_to)
    articles = store.read(lambda c: c.articles())
    return [a for a in articles if svc.within(a["published"], low, high)][:limit]


@router.get("/articles/{article_id}", summary="One article's SCHEMA.md record")
def get_article(article_id: str, store: Service) -> dict[str, Any]:
    record = store.read(lambda c: c.article(article_id))
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return record


@router.get("/urls", summary="Which of these URLs are stored (canonical, as an article's URL or fetched address)")
def stored_urls(store: Service, url: Annotated[list[str], Query(max_length=100)] = []) -> dict[str, list[str]]:
    from ..fetch.urls import canonical
    wanted = {canonical(u): u for u in url}
    known = store.read(lambda c: c.known_urls(list(wanted)))
    return {"stored": [given for address, given in wanted.items() if address in known]}


@router.get("/events", summary="Chronicle events with their sources")
def list_events(store: Service, filters: Filters, limit: Limit = 1000) -> list[dict[str, Any]]:
    query = filters.query()
    return store.read(lambda c: c.events(limit=limit, **query))


@router.get("/events/{event_id}", summary="One chronicle event with all its sources")
def get_event(event_id: int, store: Service) -> dict[str, Any]:
    found = store.read(lambda c: c.events(ids=[event_id], background=True))
    if not found:
        raise HTTPException(404, f"no chronicle event {event_id}")
    return found[0]


@router.get("/entities", summary="Entities, the most widely mentioned first")
def list_entities(store: Service, type: Annotated[str | None, Query(description="PER, ORG or LOC")] = None,
                  limit: Limit = 100) -> list[dict[str, Any]]:
    entities = store.read(lambda c: c.entities())
    return [e for e in entities if not type or e["type"] == type.upper()][:limit]


@router.get("/entities/{name}", summary="The entities a name refers to, the most named first, with mentions, "
            "quotes, events; a page of them (X-Total-Count says how many, Link the next page)")
def get_entity(name: str, store: Service, request: Request, response: Response, type: str | None = None,
               limit: Annotated[int, Query(ge=1, le=100)] = 20,
               offset: Annotated[int, Query(ge=0)] = 0) -> list[dict[str, Any]]:
    found = store.read(lambda c: c.entity_page(name, type.upper() if type else None, limit, offset))
    if not found["total"]:
        raise HTTPException(404, f"no entity named {name!r}")
    response.headers["X-Total-Count"] = str(found["total"])
    if offset + limit < found["total"]:
        following = urlencode({**request.query_params, "offset": offset + limit})
        response.headers["Link"] = f'</entities/{quote(name, safe="")}?{following}>; rel="next"'
    return found["entities"]


@router.get("/quotes", summary="Quotes, filtered by speaker, article and kind")
def list_quotes(store: Service, speaker: str | None = None, article: str | None = None,
                kind: Annotated[str | None, Query(description="direct, indirect, slogan or scare")] = None,
                limit: Limit = 100) -> list[dict[str, Any]]:
    return store.read(lambda c: c.quotes(speaker or None, article or None, kind or None, limit))


@router.get("/search", summary="Articles, quotes and event sentences holding every word of q in any form")
def search(store: Service, filters: Filters, q: Annotated[str, Query(min_length=1, max_length=500)],
           kind: Annotated[str | None, Query(description="article, quote or event")] = None,
           limit: Annotated[int, Query(ge=1, le=500)] = 20) -> list[dict[str, Any]]:
    if kind and kind not in ("article", "quote", "event"):
        raise svc.BadInput(f"unknown kind {kind!r}: expected article, quote or event")
    query = filters.query()
    return store.read(lambda c: c.search(q, kind=kind, limit=limit, **query))


@router.get("/graph", summary="Who acted on whom and who quoted whom")
def entity_graph(store: Service) -> dict[str, list[dict[str, Any]]]:
    return store.read(lambda c: c.graph())


@router.get("/export/{fmt}", summary="The filtered chronicle as acled-csv, geojson, jsonl or parquet",
            response_class=Response)
def export(fmt: str, store: Service, filters: Filters,
           limit: Annotated[int | None, Query(ge=1, description="at most this many events")] = None) -> Response:
    if fmt not in FORMATS:
        raise svc.BadInput(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    query = filters.query() | {"limit": limit}
    media, suffix = EXPORT_TYPES[fmt]
    headers = {"Content-Disposition": f'attachment; filename="chronicle.{suffix}"'}
    if fmt != "parquet":  # read under the lock, written out as it is sent
        count, pieces = store.read(lambda c: c.export_text(fmt, **query))
        return StreamingResponse(_blocks(pieces), media_type=media, headers=headers | {"X-Letopis-Count": str(count)})
    with tempfile.TemporaryDirectory(prefix="letopis-export-") as folder:
        path = Path(folder) / "chronicle.parquet"
        count = store.read(lambda c: c.export(fmt, path, **query))
        body = path.read_bytes()
    return Response(body, media_type=media, headers=headers | {"X-Letopis-Count": str(count)})


def _blocks(pieces: Iterator[str], size: int = 1 << 20) -> Iterator[bytes]:
    """Text pieces as UTF-8 blocks of about `size` bytes (each block is a hop to a worker thread
    and back: a month of JSON Lines is 10 MB)."""
    block: list[str] = []
    length = 0
    for piece in pieces:
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block).encode("utf-8")
            block, length = [], 0
    if block:
        yield "".join(block).encode("utf-8")
