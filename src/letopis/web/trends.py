"""Trends on the web: `GET /trends` and `GET /trends/spikes` (what an alerting script polls), and
the page /ui/trends (small multiples and the map), thin over Chronicle.trends."""
from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from . import service as svc
from .api import Service
from .pages import render

router = APIRouter(tags=["trends"])
pages = APIRouter(prefix="/ui", include_in_schema=False, default_response_class=HTMLResponse)

MAX_CARDS = 120  # sparklines on the page; the rest are in the table of GET /trends


class TrendRow(BaseModel):
    place: str
    country: str | None
    lat: float | None
    lon: float | None
    period: str
    count: int
    fatalities: int
    expected: float | None
    score: float | None
    spike: bool
    fatalities_expected: float | None
    fatality_score: float | None
    fatality_spike: bool


def trend_options(
    by: Annotated[Literal["place", "region", "country"],
                  Query(description="the level places are counted at: a city's events count for its "
                                    "region and country")] = "place",
    window: Annotated[Literal["day", "week", "month"], Query(description="the period: ISO weeks start on Monday")] = "week",
    type: Annotated[str | None, Query(description="PLOVER type, TYPE/mode or family")] = None,
    date_from: Annotated[str | None, Query(alias="from", description="YYYY[-MM[-DD]]: periods from")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY[-MM[-DD]]: periods to")] = None,
) -> dict[str, Any]:
    low, high = svc.date_bounds(date_from, date_to)
    return {"by": by, "window": window, "type": type or None, "date_from": low, "date_to": high}


Options = Annotated[dict[str, Any], Depends(trend_options)]


@router.get("/trends", summary="Events per place and period: count, fatalities, expected, score, spike",
            response_model=list[TrendRow])
def list_trends(store: Service, options: Options) -> list[dict[str, Any]]:
    return store.read(lambda c: c.trends(**options))


@router.get("/trends/spikes", summary="The current spikes (of events or of fatalities), newest first",
            response_model=list[TrendRow])
def current_spikes(store: Service, options: Options,
                   recent: Annotated[int, Query(ge=1, le=400, description="the last this many periods")] = 2
                   ) -> list[dict[str, Any]]:
    return store.read(lambda c: c.spikes(recent=recent, **options))


@pages.get("/trends")
def trends_page(request: Request, store: Service, options: Options) -> HTMLResponse:
    # the map shows countries and regions, whatever the sparklines count
    wanted = tuple(dict.fromkeys((options["by"], "country", "region")))
    levels = store.read(lambda c: c.trends_levels(wanted, **{k: v for k, v in options.items() if k != "by"}))
    rows = levels[options["by"]]
    places = cards(rows)
    return render(request, "trends.html", page_key="trends", options=options, places=places[:MAX_CARDS],
                  hidden=max(0, len(places) - MAX_CARDS), families=store.read(lambda c: c.families()),
                  latest=max((r["period"] for r in rows), default=None),
                  countries=[_country(r) for r in latest(levels["country"])],
                  regions=latest(levels["region"]))


def cards(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One sparkline's data per place, the most unusual latest period first (places with no
    baseline yet last)."""
    series: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        card = series.setdefault((row["place"], row["country"]), {
            "place": row["place"], "country": row["country"], "periods": [], "counts": [],
            "expected": [], "spikes": [], "fatality_spikes": []})
        card["periods"].append(row["period"])
        card["counts"].append(row["count"])
        card["expected"].append(row["expected"])
        if row["spike"]:
            card["spikes"].append(row["period"])
        if row["fatality_spike"]:
            card["fatality_spikes"].append(row["period"])
        card["latest"] = row
    return sorted(series.values(), key=lambda c: (c["latest"]["score"] is None, -(c["latest"]["score"] or 0),
                                                  -c["latest"]["count"], c["place"]))


def latest(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of the last period."""
    last = max((r["period"] for r in rows), default=None)
    return [r for r in rows if r["period"] == last]


def _country(row: dict[str, Any]) -> dict[str, Any]:
    """A country's row with the ISO 3166 numeric code world-atlas names its shape by."""
    return {**row, "shape": _numeric(row["country"])}


@cache
def _numeric(code: str | None) -> str | None:
    import pycountry
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.numeric if country else None
