"""`letopis chronicle`, `search`, `entity`, `export`, `compact`: thin commands over letopis.Chronicle, or
over the server that owns the database (access.py), with the same output either way.

Data goes to stdout; progress bars, logs and summaries go to stderr.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from .. import owner
from ..chronicle import DEFAULT_DB
from ..remote import RemoteChronicle
from ..store.export import FORMATS
from . import app
from .access import cannot_open, chronicle_at
from .exits import give_up, stderr
from .options import Actor, Background, Db, EntityName, From, Place, To, Type, filters

stdout = Console()


@app.command()
def chronicle(
    db: Db = Path(DEFAULT_DB), date_from: From = None, date_to: To = None, place: Place = None,
    type: Type = None, actor: Actor = None, entity: EntityName = None, background: Background = False,
    format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl, json or "
                                        + ", ".join(FORMATS))] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many events")] = None,
) -> None:
    """The chronicle: date, place, event type, actor → target, fatalities, sources."""
    chosen = filters(date_from, date_to, place, type, actor, entity) | {"background": background}
    if format not in ("table", "json", *FORMATS):
        raise typer.BadParameter(f"unknown format {format!r}", param_hint="--format")
    with chronicle_at(db) as store:
        if format in FORMATS:
            store.export(format, sys.stdout, **chosen, limit=limit)
            return
        events = store.events(**chosen, limit=limit)
        if format == "json":
            _dump(events, format)
        elif events or any(chosen.values()):
            stdout.print(_events_table(events))
        else:  # no events extracted yet: show what the store does hold
            stdout.print(_table("Entities", store.entities(limit=limit or 30),
                                ("name", "type", "roles", "articles", "mentions")))
            stdout.print(_table("Articles", store.articles(limit=limit or 30),
                                ("id", "published", "outlet", "entities", "duplicate_of")))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words in any form: `Токаева` finds `Токаев`")],
    db: Db = Path(DEFAULT_DB),
    kind: Annotated[str | None, typer.Option(help="article, quote or event")] = None,
    limit: Annotated[int, typer.Option(help="At most this many hits")] = 20,
    date_from: From = None, date_to: To = None, place: Place = None, type: Type = None,
    actor: Actor = None, entity: EntityName = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl")] = "table",
) -> None:
    """Full-text search over articles, quotes and event sentences."""
    with chronicle_at(db) as store:
        hits = store.search(query, kind=kind, limit=limit,
                            **filters(date_from, date_to, place, type, actor, entity))
    if format == "jsonl":
        _dump(hits, "jsonl")
    else:
        stdout.print(_table(f"«{query}»", hits, ("kind", "article", "score", "text"), snippet="text"))


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name in any case form, or a Wikidata QID (Q232)")],
    db: Db = Path(DEFAULT_DB),
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """An entity's mentions, quotes, events and the entities met beside it (exit code 1 when no
    entity has the name, as grep's when nothing matches)."""
    with chronicle_at(db) as store:
        reports = store.entity(name)
    if not reports:
        stderr.print(f"no entity named {name!r}", highlight=False)
        raise typer.Exit(1)
    if format == "json":
        _dump(reports, "json")
        return
    for report in reports:
        qid = f" {report['wikidata']}" if report.get("wikidata") else ""
        stdout.print(f"[bold]{report['name']}[/bold] ({report['type']}{qid}) {', '.join(report['roles'] or [])}"
                     f"  aliases: {', '.join(report['aliases'] or [])}", highlight=False)
        stdout.print(_table("Mentions", report["mentions"], ("article", "published", "count", "forms")))
        stdout.print(_table("Quotes", report["quotes"], ("article", "kind", "text"), snippet="text"))
        stdout.print(_events_table(report["events"]))
        stdout.print(_table("Met with", report["co_occurring"], ("name", "type", "articles")))


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help=", ".join(FORMATS))],
    db: Db = Path(DEFAULT_DB),
    out: Annotated[Path | None, typer.Option("--out", "-o", help="A file (default: stdout)")] = None,
    date_from: From = None, date_to: To = None, place: Place = None, type: Type = None,
    actor: Actor = None, entity: EntityName = None, background: Background = False,
    partition: Annotated[str | None, typer.Option(
        help="month: a Parquet dataset of events, sources and entities in the folder --out, "
             "partitioned year=/month= (the months written replace theirs)")] = None,
) -> None:
    """The chronicle as ACLED-style CSV, GeoJSON, JSON Lines or Parquet, with evidence and sources."""
    if format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if partition is not None and (partition != "month" or format != "parquet" or out is None):
        raise typer.BadParameter("--partition month writes Parquet (--format parquet) into a folder (--out)",
                                 param_hint="--partition")
    chosen = filters(date_from, date_to, place, type, actor, entity)
    with chronicle_at(db) as store:
        if partition:  # the folder is written where this command runs, also through a server
            count = _partitioned(store, db, out, background=background, **chosen)
        else:
            count = store.export(format, out or sys.stdout, background=background, **chosen)
    stderr.print(f"{count} events exported", highlight=False)


@app.command()
def compact(db: Db = Path(DEFAULT_DB)) -> None:
    """Write the store anew in DuckDB's current format (a file from an older letopis gains zstd
    for its texts) and give back the space updates left free; the file is replaced once the new
    one is complete."""
    from ..store.compact import compact as rewrite
    if (server := owner.find(db)) is not None:
        give_up(f"the server at {server.url} holds {db}: stop it first")
    if not db.exists():
        give_up(f"no database at {db}")
    try:
        before, after = rewrite(db)
    except duckdb.IOException as error:
        give_up(cannot_open(db, error))
    stderr.print(f"{db}: {before / 1e6:.1f} MB → {after / 1e6:.1f} MB", highlight=False)


def _partitioned(store: Any, db: Path, out: Path, **chosen: Any) -> int:
    if isinstance(store, RemoteChronicle):
        give_up(f"the server at {store.owner.url} holds {db}: stop it to write a partitioned dataset "
                "(DuckDB writes it from the file)")
    return store.export("parquet", out, partition="month", **chosen)


def _dump(items: Any, format: str) -> None:
    if format == "jsonl":
        for item in items:
            sys.stdout.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")
    else:
        json.dump(items, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")


def _events_table(events: list[dict[str, Any]]) -> Table:
    table = Table(title="Chronicle")
    # dates and types stay whole; the wordy columns wrap rather than lose their ends
    for column, whole in (("date", True), ("place", False), ("event type", True),
                          ("actor → target", False), ("fatalities", True), ("source", False)):
        table.add_column(column, no_wrap=whole, overflow="fold")
    for e in events:
        kind = f"{e['type']}/{e['mode']}" if e["mode"] else e["type"]
        figure = "" if e["fatalities"] is None else str(e["fatalities"])
        if e["disputed"]:
            claims = sorted({s["fatalities"]["min"] for s in e["sources"] if s["fatalities"]})
            figure += f" (disputed: {'/'.join(map(str, claims))})"
        sides = " → ".join(p["text"] or "?" for p in (e["actor"], e["target"]))
        sources = "; ".join(dict.fromkeys(s["outlet"] or s["article"] for s in e["sources"]))
        table.add_row(e["date"] or "", e["place"] or "", kind, sides, figure, sources)
    return table


def _table(title: str, rows: list[dict[str, Any]], columns: tuple[str, ...], snippet: str | None = None) -> Table:
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        values = []
        for column in columns:
            value = row.get(column)
            if isinstance(value, list):
                value = ", ".join(map(str, value))
            if column == snippet and value and len(value) > 160:
                value = value[:160] + "…"
            values.append("" if value is None else str(value))
        table.add_row(*values)
    return table
