"""Server-rendered pages in Russian: timeline, map, entity graph, article view, event page,
entity page, search. Jinja2 autoescapes everything; data for the scripts goes through `tojson`."""
from __future__ import annotations

import importlib.resources
from functools import cache
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from . import highlight
from . import service as svc
from .api import EventFilters, Filters, Service

router = APIRouter(prefix="/ui", include_in_schema=False, default_response_class=HTMLResponse)
templates = Jinja2Templates(directory=str(importlib.resources.files("letopis.web") / "templates"))


@cache
def labels() -> dict[str, Any]:
    return yaml.safe_load((importlib.resources.files("letopis.web") / "labels.yaml").read_text("utf-8"))


def type_label(type_: str | None) -> str:
    return labels()["event_types"].get(type_ or "", {}).get("label", type_ or "—")


def colour(type_: str | None) -> str:
    return labels()["event_types"].get(type_ or "", {}).get("colour", labels()["default_colour"])


templates.env.globals.update(labels=labels, type_label=type_label, colour=colour)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def timeline_item(event: dict[str, Any]) -> dict[str, Any]:
    """What the timeline and the map draw of an event (labels as text: the scripts never parse HTML)."""
    return {"id": event["id"], "start": event["date_from"], "end": event["date_to"],
            "grain": event["date_grain"], "type": event["type"], "label": type_label(event["type"]),
            "colour": colour(event["type"]), "place": event["place"], "date": event["date"],
            "lat": event["lat"], "lon": event["lon"], "fatalities": event["fatalities"],
            "sentence": event["sentence"], "sources": event["source_count"]}


def chronicle_view(store: svc.Service, filters: EventFilters) -> dict[str, Any]:
    query = filters.query()
    events = store.read(lambda c: c.events(**query))
    return {"events": events, "items": [timeline_item(e) for e in events], "filters": filters,
            **store.read(lambda c: c.facets())}



@router.get("/")
def timeline(request: Request, store: Service, filters: Filters) -> HTMLResponse:
    return render(request, "timeline.html", page="timeline", **chronicle_view(store, filters))


@router.get("/events-list")
def events_list(request: Request, store: Service, filters: Filters) -> HTMLResponse:
    """The htmx partial the filter forms swap in: the event list and the data the scripts draw."""
    try:
        return render(request, "_events.html", **chronicle_view(store, filters))
    except svc.BadInput as error:  # a mistyped date: said where the list stood, as form feedback
        return render(request, "_error.html", message=str(error))


@router.get("/map")
def map_page(request: Request, store: Service, filters: Filters) -> HTMLResponse:
    return render(request, "map.html", page="map", **chronicle_view(store, filters))


@router.get("/graph")
def graph_page(request: Request, store: Service) -> HTMLResponse:
    return render(request, "graph.html", page="graph", graph=store.read(lambda c: c.graph()))


@router.get("/articles")
def articles_page(request: Request, store: Service) -> HTMLResponse:
    return render(request, "articles.html", page="articles", articles=store.read(lambda c: c.articles()))


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str, store: Service,
                 event: Annotated[str | None, Query(description="an event id to show its evidence")] = None
                 ) -> HTMLResponse:
    record = store.read(lambda c: c.article(article_id))
    if record is None:
        return error_page(request, 404, f"Статья «{article_id}» не найдена.")
    entities = {e["id"]: e for e in record["entities"]}
    chronicle_ids = store.read(lambda c: c.chronicle_ids(record["id"]))
    return render(request, "article.html", page="articles", article=record, entities=entities,
                  runs=highlight.runs(record, event), notes=highlight.records(record),
                  focus=event if event in {e["id"] for e in record["events"]} else None,
                  chronicle_ids=chronicle_ids)


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: int, store: Service) -> HTMLResponse:
    found = store.read(lambda c: c.events(ids=[event_id], background=True))
    if not found:
        return error_page(request, 404, f"Событие {event_id} не найдено.")
    event = found[0]
    claims = [s for s in event["sources"] if s["fatalities"]]
    return render(request, "event.html", page="timeline", event=event,
                  disputed=len({(s["fatalities"]["min"], s["fatalities"]["max"]) for s in claims}) > 1,
                  claims=claims)


@router.get("/entities/{name}")
def entity_page(request: Request, name: str, store: Service) -> HTMLResponse:
    found = store.read(lambda c: c.entity(name))
    if not found:
        return error_page(request, 404, f"Сущность «{name}» не найдена.")
    return render(request, "entity.html", page="graph", name=name, found=found)


@router.get("/search")
def search_page(request: Request, store: Service, q: str = "") -> HTMLResponse:
    return render(request, "search.html", page="search", q=q, results=_search(store, q))


@router.get("/search-results")
def search_results(request: Request, store: Service, q: str = "") -> HTMLResponse:
    return render(request, "_results.html", q=q, results=_search(store, q))


def _search(store: svc.Service, q: str) -> list[dict[str, Any]]:
    q = q.strip()[:500]
    return store.read(lambda c: c.search(q, limit=50)) if q else []
