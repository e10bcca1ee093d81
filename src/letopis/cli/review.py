"""`letopis reprocess` and `letopis gold export --reviewed`: processing stored articles again
(their reviews are re-applied), and gold files made from what analysts reviewed, which
`letopis eval OUT/` scores. Both go through the server that owns the database, if one does."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..chronicle import DEFAULT_DB
from ..stops import Stopped, stopping
from . import app
from .access import chronicle_at
from .exits import outcome, report_error, stderr
from .options import Db

gold = typer.Typer(no_args_is_help=True, help="Gold files for `letopis eval`.")
app.add_typer(gold, name="gold")


@app.command()
def reprocess(
    ids: Annotated[list[str] | None, typer.Argument(help="Stored article ids (default: every article)")] = None,
    db: Db = Path(DEFAULT_DB),
) -> None:
    """Run stored articles through the pipeline again (after the rules or models changed): what
    was found in them is replaced, and their reviews are applied again to the matching events;
    reviews that match none are listed as orphaned on /ui/review."""
    columns = (TextColumn("reprocess"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    try:
        with stopping() as stop, chronicle_at(db) as store, Progress(*columns, console=stderr) as progress:
            task = progress.add_task("reprocess", total=None)
            report = store.reprocess(ids or None, total=lambda n: progress.update(task, total=n),
                                     progress=lambda k: progress.advance(task, k), stop=stop)
    except Stopped as stopped:
        stderr.print(f"letopis: stopped by {stopped}; the batches done are kept", highlight=False)
        raise typer.Exit(stopped.exit_code) from None
    for error in report.failed:
        report_error(error)
    stderr.print(f"{report.processed} processed again, {report.errors} errors → {db}", highlight=False)
    raise typer.Exit(outcome(report.added, report.errors))


@gold.command("export")
def gold_export(
    out: Annotated[Path, typer.Argument(help="Folder to write the gold files to")],
    reviewed: Annotated[bool, typer.Option("--reviewed", help="Gold from reviews (the only kind there is)")] = False,
    db: Db = Path(DEFAULT_DB),
) -> None:
    """Write a SCHEMA.md gold file (and the article's text) for each article whose events were
    all reviewed; `letopis eval OUT/` then scores the extractor on these articles."""
    if not reviewed:
        raise typer.BadParameter("say --reviewed: gold is made from reviewed events", param_hint="--reviewed")
    with chronicle_at(db) as store:
        files = store.reviews.gold_files()
    (out / "texts").mkdir(parents=True, exist_ok=True)
    for item in files:
        (out / "texts" / f"{item['name']}.txt").write_text(item["text"], encoding="utf-8")
        (out / f"{item['name']}.json").write_text(json.dumps(item["gold"], ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
    events = sum(len(item["gold"]["events"]) for item in files)
    stderr.print(f"{len(files)} gold files ({events} events) → {out}; score them with `letopis eval {out}`",
                 highlight=False)
