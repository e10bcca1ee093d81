"""`letopis ingest`, `chronicle`, `search`, `entity`, `export`: thin commands over letopis.Chronicle.

Data goes to stdout; progress bars, logs and summaries go to stderr.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..chronicle import DEFAULT_DB, Chronicle
from ..ingest import MAX_FILES, InputError, Limits, parse_published
from ..parallel import Pool
from ..pipeline import Pipeline
from ..store.export import FORMATS
from . import app
from .exits import give_up, outcome, report_error, stderr

stdout = Console()

Db = Annotated[Path, typer.Option("--db", help="The DuckDB file")]
From = Annotated[str | None, typer.Option("--from", help="Events on or after YYYY[-MM[-DD]]")]
To = Annotated[str | None, typer.Option("--to", help="Events on or before YYYY[-MM[-DD]]")]
Place = Annotated[str | None, typer.Option(help="A place, with everything inside it")]
Type = Annotated[str | None, typer.Option("--type", help="PLOVER type, TYPE/mode or family")]
Actor = Annotated[str | None, typer.Option(help="Actor text or entity name")]
EntityName = Annotated[str | None, typer.Option("--entity", help="An entity the events involve")]
Background = Annotated[bool, typer.Option("--background", help="Also events told as history or context")]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles")],
    db: Db = Path(DEFAULT_DB),
    published: Annotated[str | None, typer.Option(help="Date for articles without one")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Processes (default: all cores)")] = None,
    engine: Annotated[str, typer.Option(help="local, or ray for a Ray cluster")] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster address (head:6379); local Ray without")] = None,
    shards: Annotated[Path | None, typer.Option(help="Folder for Ray's record shards (default: a new temporary one)")] = None,
    max_files: Annotated[int, typer.Option(help="A folder with more files is refused", min=1)] = MAX_FILES,
) -> None:
    """Process articles and store them; already stored articles are skipped. Exits 0 when every
    input was stored (or was already), 1 when some failed, 2 when nothing could be stored."""
    published = _date(published, "--published")
    if engine not in ("local", "ray"):
        raise typer.BadParameter("choose local or ray", param_hint="--engine")
    if engine == "ray":
        report = _ingest_on_ray(paths, db, published, address, shards)
    else:
        report = _ingest_here(paths, db, published, workers, Limits(files=max_files))
    for error in report.failed:
        report_error(error)
    stderr.print(f"{report.read} read, {report.added} added, {report.known} already stored, "
                 f"{report.errors} errors (see the errors table) → {db}", highlight=False)
    raise typer.Exit(outcome(report.added + report.known, report.errors))


def _ingest_here(paths: list[Path], db: Path, published: str | None, workers: int | None, limits: Limits):
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with (Pool(workers) as pool, Chronicle(db) as chronicle,
          Progress(*columns, console=stderr) as progress):
        task = progress.add_task("ingest", total=None)
        pipeline = pool if pool.workers > 1 else Pipeline()
        return chronicle.ingest_paths(paths, pipeline=pipeline, published=published,
                                      batch_size=16 * pool.workers,
                                      total=lambda n: progress.update(task, total=n),
                                      progress=lambda k: progress.advance(task, k), limits=limits)


def _ingest_on_ray(paths: list[Path], db: Path, published: str | None, address: str | None,
                   shards: Path | None):
    import tempfile

    from .. import distributed
    out = shards or Path(tempfile.mkdtemp(prefix="letopis-shards-")) / "records"
    with Chronicle(db) as chronicle:
        try:
            return distributed.ingest(paths, chronicle, out, address=address, published=published)
        except (FileNotFoundError, FileExistsError) as error:
            raise typer.BadParameter(str(error)) from None


@app.command()
def chronicle(
    db: Db = Path(DEFAULT_DB), date_from: From = None, date_to: To = None, place: Place = None,
    type: Type = None, actor: Actor = None, entity: EntityName = None, background: Background = False,
    format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl, json or "
                                        + ", ".join(FORMATS))] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many events")] = None,
) -> None:
    """The chronicle: date, place, event type, actor → target, fatalities, sources."""
    filters = _filters(date_from, date_to, place, type, actor, entity) | {"background": background}
    if format not in ("table", "json", *FORMATS):
        raise typer.BadParameter(f"unknown format {format!r}", param_hint="--format")
    with Chronicle(_existing(db)) as store:
        if format in FORMATS:
            store.export(format, sys.stdout, **filters, limit=limit)
            return
        events = store.events(**filters, limit=limit)
        if format == "json":
            _dump(events, format)
        elif events or any(filters.values()):
            stdout.print(_events_table(events))
        else:  # no events extracted yet: show what the store does hold
            stdout.print(_table("Entities", store.entities(limit=limit or 30),
                                ("name", "type", "roles", "articles", "mentions")))
            stdout.print(_table("Articles", store.articles(limit=limit),
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
    with Chronicle(_existing(db)) as store:
        hits = store.search(query, kind=kind, limit=limit,
                            **_filters(date_from, date_to, place, type, actor, entity))
    if format == "jsonl":
        _dump(hits, "jsonl")
    else:
        stdout.print(_table(f"«{query}»", hits, ("kind", "article", "score", "text"), snippet="text"))


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name in any case form")],
    db: Db = Path(DEFAULT_DB),
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """An entity's mentions, quotes, events and the entities met beside it (exit code 1 when no
    entity has the name, as grep's when nothing matches)."""
    with Chronicle(_existing(db)) as store:
        reports = store.entity(name)
    if not reports:
        stderr.print(f"no entity named {name!r}", highlight=False)
        raise typer.Exit(1)
    if format == "json":
        _dump(reports, "json")
        return
    for report in reports:
        stdout.print(f"[bold]{report['name']}[/bold] ({report['type']}) {', '.join(report['roles'] or [])}"
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
) -> None:
    """The chronicle as ACLED-style CSV, GeoJSON, JSON Lines or Parquet, with evidence and sources."""
    if format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    with Chronicle(_existing(db)) as store:
        count = store.export(format, out or sys.stdout, background=background,
                             **_filters(date_from, date_to, place, type, actor, entity))
    stderr.print(f"{count} events exported", highlight=False)


def _existing(db: Path) -> Path:
    if not db.exists():
        give_up(f"no database at {db}: run `letopis ingest PATH --db {db}` first")
    return db


def _date(value: str | None, option: str) -> str | None:
    try:
        return parse_published(value, what=option) if value else None
    except InputError as error:
        raise typer.BadParameter(str(error), param_hint=option) from None


def _filters(date_from: str | None, date_to: str | None, place: str | None, type: str | None,
             actor: str | None, entity: str | None) -> dict[str, Any]:
    return {"date_from": _date(date_from, "--from"), "date_to": _date(date_to, "--to"),
            "place": place, "type": type, "actor": actor, "entity": entity}


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
