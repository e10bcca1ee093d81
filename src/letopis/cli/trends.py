"""`letopis trends`: events per place and period with the spike rule's verdict (docs/trends.md),
thin over Chronicle.trends, or over the server that owns the database (access.py)."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from ..chronicle import DEFAULT_DB
from ..store.trends import LEVELS
from ..trends import ROW_FIELDS, WINDOWS
from . import app
from .access import chronicle_at
from .options import Db, From, To, Type, checked_date

FORMATS = ("table", "jsonl", "csv")


def _one_of(choices: tuple[str, ...], option: str):
    def check(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"choose one of {', '.join(choices)}", param_hint=option)
        return value
    return check


@app.command()
def trends(
    db: Db = Path(DEFAULT_DB),
    by: Annotated[str, typer.Option(help="place, region or country: a city's events count for its "
                                    "region and country", callback=_one_of(LEVELS, "--by"))] = "place",
    window: Annotated[str, typer.Option(help="day, week (ISO, from Monday) or month",
                                        callback=_one_of(WINDOWS, "--window"))] = "week",
    type: Type = None, date_from: From = None, date_to: To = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv",
                                        callback=_one_of(FORMATS, "--format"))] = "table",
) -> None:
    """Chronicle events per place and period: count, fatalities, the count expected from the
    place's own previous periods, how unusual it is (score) and whether it is a spike."""
    with chronicle_at(db) as store:
        rows = store.trends(by=by, window=window, type=type, date_from=checked_date(date_from, "--from"),
                            date_to=checked_date(date_to, "--to"))
    if format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif format == "csv":
        writer = csv.DictWriter(sys.stdout, ROW_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(row[k]) for k in ROW_FIELDS} for row in rows)
    else:
        Console().print(_table(rows, by, window))


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _table(rows: list[dict[str, Any]], by: str, window: str) -> Table:
    table = Table(title=f"Trends by {by} and {window}", box=box.SIMPLE)
    table.add_column("place", min_width=12, overflow="fold")
    for column in ("period", "count", "deaths", "exp.", "score", "spike", "deaths\nspike"):
        table.add_column(column, no_wrap=True, justify="left" if column == "period" else "right")
    for i, row in enumerate(rows):
        last_of_place = i + 1 == len(rows) or rows[i + 1]["place"] != row["place"]
        table.add_row(row["place"] if i == 0 or rows[i - 1]["place"] != row["place"] else "",
                      row["period"], str(row["count"]), str(row["fatalities"]), _number(row["expected"]),
                      _number(row["score"]), "SPIKE" if row["spike"] else "",
                      "SPIKE" if row["fatality_spike"] else "", end_section=last_of_place)
    return table


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"
