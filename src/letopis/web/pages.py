"""Server-rendered pages in Russian: timeline, map, entity graph, article view, entity page,
search (the event page and the review queue: reviewpages.py). Jinja2 autoescapes everything;
data for the scripts goes through `tojson`; every word shown for a code comes from terms.py."""
from __future__ import annotations

import importlib.resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..store.export import FORMATS
from . import highlight, search_view, terms
from . import service as svc
from .api import EventFilters, Filters, Service
from .auth import CSRF_FIELD, csrf_token, set_csrf_cookie

router = APIRouter(prefix="/ui", include_in_schema=False, default_response_class=HTMLResponse)
templates = Jinja2Templates(directory=str(importlib.resources.files("letopis.web") / "templates"))
PAGE = 50  # events per page of the lists
WINDOW = 1000  # events the timeline and the map draw: the pages' around the one shown
ENTITIES = 10  # entities of one name per page (a common surname names hundreds)
NEAR = 3  # page numbers linked on either side of the page shown (and the first and last)


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The page numbers a list links: the first, the last and NEAR on either side of the one
    shown; None where numbers are left out (a chronicle of 10^5 events has thousands of pages)."""
    kept = sorted({1, pages, *range(max(1, page - NEAR), min(pages, page + NEAR) + 1)})
    out: list[int | None] = []
    for n in kept:
        if out and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


labels, type_label, colour = terms.labels, terms.type_label, terms.colour
templates.env.globals.update(
    labels=terms.labels, type_label=terms.type_label, colour=terms.colour, kind_label=terms.kind_label,
    mode_label=terms.mode_label, term=terms.term, date_text=terms.date_text, grain_mark=terms.grain_mark,
    figure=terms.figure, participant=terms.participant, place_text=terms.place_text, claim=terms.claim,
    country_name=terms.country_name, confidence_band=terms.confidence_band,
    confidence_text=terms.confidence_text, script_terms=terms.script_terms, headline=lambda a: headline(a),
    nominative=terms.nominative, page_numbers=page_numbers)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status)


def form_page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page with a form: its CSRF token in the form and in the browser's cookie."""
    token = csrf_token(request)
    response = render(request, template, status=status, csrf=token, csrf_field=CSRF_FIELD, **context)
    set_csrf_cookie(response, token)
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status,
                  message=terms.russian_message(status, message))


def headline(article: dict[str, Any]) -> str:
    """What a person sees for an article: its title, else the first line of its text."""
    if article.get("title"):
        return article["title"]
    lead = article.get("lead") or ""
    if len(lead) > 100:  # a first line that is a whole paragraph: its beginning, cut at a word
        lead = lead[:lead.rfind(" ", 0, 100) if " " in lead[:100] else 100].rstrip(",;:—– ") + "…"
    return lead or "Статья без заголовка"


def timeline_item(event: dict[str, Any]) -> dict[str, Any]:
    """What the timeline and the map draw of an event (labels as text: the scripts never parse HTML)."""
    return {"id": event["id"], "start": event["date_from"], "end": event["date_to"],
            "grain": event["date_grain"], "type": event["type"], "label": type_label(event["type"]),
            "kind": terms.kind_label(event["type"], event["mode"]),
            "colour": colour(event["type"]), "place": event["place"], "feature": event["feature"],
            "country": event["country"], "date": terms.date_text(event["date"], event["date_grain"]),
            "mark": terms.grain_mark(event["date_grain"]),
            "lat": event["lat"], "lon": event["lon"], "fatalities": event["fatalities"],
            "area": event["feature"] if event["feature"] in ("country", "region") else None,
            "shape": terms.country_shape(event["country"]) if event["feature"] == "country" else None,
            "sentence": event["sentence"], "sources": event["source_count"],
            "confidence": terms.confidence_band(event["confidence"])}


def filter_query(filters: EventFilters) -> str:
    """The filters as the query string of the page (kept in the URL, shareable) and of the exports."""
    pairs = {"from": filters.date_from, "to": filters.date_to, "place": filters.place, "type": filters.type,
             "actor": filters.actor, "entity": filters.entity, "background": "true" if filters.background else None}
    return urlencode({k: v for k, v in pairs.items() if v})


def chronicle_view(store: svc.Service, filters: EventFilters, page: int = 1) -> dict[str, Any]:
    """A page of the event list, and the events the timeline and the map draw: the WINDOW around
    it (a chronicle of a million events is not drawn whole); counts and toll of all of them."""
    query = filters.query()
    summary = store.read(lambda c: c.event_summary(**query))
    facets = store.read(lambda c: c.facets())
    pages = max(1, -(-summary["total"] // PAGE))
    page = min(max(1, page), pages)
    start = (page - 1) * PAGE // WINDOW * WINDOW
    if "ids" in summary:  # a place filter, refined once by the summary: draw its events by id
        window = {**{k: v for k, v in query.items() if k != "place"}, "ids": summary["ids"][start:start + WINDOW]}
        events = store.read(lambda c: c.events(**window))
    else:
        events = store.read(lambda c: c.events(limit=WINDOW, offset=start, **query))
    shown = events[(page - 1) * PAGE - start:page * PAGE - start]
    return {"events": shown, "total": summary["total"], "page": page, "pages": pages,
            "items": [timeline_item(e) for e in events], "filters": filters,
            "drawn": (start + 1, start + len(events)) if len(events) < summary["total"] else None,
            "query": filter_query(filters), "formats": FORMATS,
            "by_type": summary["by_type"], "fatalities": summary["fatalities"],
            "unlocated": [e for e in events if e["lat"] is None or e["lon"] is None],
            "types": sorted(facets["types"], key=type_label), "places": facets["places"],
            "actors": facets["actors"]}


Page = Annotated[int, Query(ge=1, le=100_000, description="page of the list")]


@router.get("/")
def timeline(request: Request, store: Service, filters: Filters, page: Page = 1) -> HTMLResponse:
    return _chronicle_page(request, store, filters, page, "timeline.html", "timeline")


@router.get("/map")
def map_page(request: Request, store: Service, filters: Filters, page: Page = 1) -> HTMLResponse:
    return _chronicle_page(request, store, filters, page, "map.html", "map")


def _chronicle_page(request: Request, store: svc.Service, filters: EventFilters, page: int, template: str,
                    key: str) -> HTMLResponse:
    try:
        view = chronicle_view(store, filters, page)
    except svc.BadInput as error:  # a mistyped date in a shared link: the page, with the reason
        view = chronicle_view(store, EventFilters(), page) | {"error": error.ru}
    return render(request, template, page_key=key, view=key, **view)


@router.get("/events-list")
def events_list(request: Request, store: Service, filters: Filters, page: Page = 1,
                view: str = "timeline") -> HTMLResponse:
    """The htmx partial the filter forms swap in: the event list and the data the scripts draw."""
    try:
        return render(request, "_events.html", view=view, **chronicle_view(store, filters, page))
    except svc.BadInput as error:  # a mistyped date: said where the list stood, as form feedback
        return render(request, "_error.html", message=error.ru)


@router.get("/graph")
def graph_page(request: Request, store: Service) -> HTMLResponse:
    return render(request, "graph.html", page_key="graph", graph=store.read(lambda c: c.graph()))


@router.get("/articles")
def articles_page(request: Request, store: Service) -> HTMLResponse:
    return render(request, "articles.html", page_key="articles", articles=store.read(lambda c: c.articles()))


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str, store: Service,
                 event: Annotated[str | None, Query(description="an event id to show its evidence")] = None
                 ) -> HTMLResponse:
    record = store.read(lambda c: c.article(article_id))
    if record is None:
        return error_page(request, 404, f"Статья «{article_id}» не найдена.")
    [meta] = store.read(lambda c: c.articles(ids=[record["id"]])) or [{}]
    reviewed = {e["id"]: e for e in store.read(lambda c: c.reviews.article_events(record["id"]))}
    notes = highlight.records(record, reviewed)
    return form_page(request, "article.html", page_key="articles", article=record, meta=meta,
                  runs=highlight.runs(record, event, reviewed), notes=notes, reviewed=reviewed,
                  focus=event if event in {e["id"] for e in record["events"]} else None)


@router.get("/entities/{name}")
def entity_page(request: Request, name: str, store: Service, page: Page = 1) -> HTMLResponse:
    found = store.read(lambda c: c.entity_page(name, limit=ENTITIES, offset=(page - 1) * ENTITIES, brief=True))
    if not found["total"]:
        return error_page(request, 404, f"Сущность «{name}» не найдена.")
    shown = found["entities"]
    ids = sorted({m["article"] for e in shown for m in e["mentions"]} | {q["article"] for e in shown for q in e["quotes"]})
    articles = {a["id"]: a for a in store.read(lambda c: c.articles(ids=ids, entities=False))}
    return render(request, "entity.html", page_key="graph", name=name, found=shown, articles=articles,
                  total=found["total"], page=page, pages=-(-found["total"] // ENTITIES),
                  first=(page - 1) * ENTITIES + 1)


@router.get("/search")
def search_page(request: Request, store: Service, q: str = "", shown: int = search_view.STEP) -> HTMLResponse:
    return render(request, "search.html", page_key="search", q=q, example=search_view.example(store),
                  **search_view.results(store, q, shown))


@router.get("/search-results")
def search_results(request: Request, store: Service, q: str = "", shown: int = search_view.STEP) -> HTMLResponse:
    return render(request, "_results.html", q=q, **search_view.results(store, q, shown))
