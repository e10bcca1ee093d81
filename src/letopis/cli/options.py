"""Options the commands share: the database, the chronicle filters, dates checked as the CLI's."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..ingest import InputError, parse_published

Db = Annotated[Path, typer.Option("--db", help="The DuckDB file")]
From = Annotated[str | None, typer.Option("--from", help="Events on or after YYYY[-MM[-DD]]")]
To = Annotated[str | None, typer.Option("--to", help="Events on or before YYYY[-MM[-DD]]")]
Place = Annotated[str | None, typer.Option(help="A place, with everything inside it")]
Type = Annotated[str | None, typer.Option("--type", help="PLOVER type, TYPE/mode or family")]
Actor = Annotated[str | None, typer.Option(help="Actor text or entity name")]
EntityName = Annotated[str | None, typer.Option("--entity", help="An entity the events involve")]
Background = Annotated[bool, typer.Option("--background", help="Also events told as history or context")]


Interval = Annotated[float, typer.Option(min=0, help="Seconds between two requests to one host")]
Timeout = Annotated[float, typer.Option(min=0.1, help="Seconds to wait for a server to connect or answer")]
Retries = Annotated[int, typer.Option(min=0, help="Tries again after a 5xx or a timeout")]
Backoff = Annotated[float, typer.Option(min=0, help="Seconds before the first retry; doubling after")]


def politeness(interval: float, timeout: float, retries: int, backoff: float):
    from ..fetch.client import Politeness
    return Politeness(interval=interval, timeout=timeout, retries=retries, backoff=backoff)


def checked_date(value: str | None, option: str) -> str | None:
    try:
        return parse_published(value, what=option) if value else None
    except InputError as error:
        raise typer.BadParameter(str(error), param_hint=option) from None


def filters(date_from: str | None, date_to: str | None, place: str | None, type: str | None,
            actor: str | None, entity: str | None) -> dict[str, Any]:
    return {"date_from": checked_date(date_from, "--from"), "date_to": checked_date(date_to, "--to"),
            "place": place, "type": type, "actor": actor, "entity": entity}
