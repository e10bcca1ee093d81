"""`letopis ingest`: read (files, folders, pages and feeds by URL), process and store articles,
on all cores or a Ray cluster, or through the server that owns the file (its ingest jobs), with
the same output. A first Ctrl-C or SIGTERM
stops after the batch in flight (or abandons it within the grace period); a second quits at once
(stops.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .. import owner
from ..batches import IngestReport
from ..chronicle import DEFAULT_DB
from ..fetch.inputs import is_feed_file, read_inputs
from ..fetch.urls import is_url
from ..ingest import MAX_FILES, Limits
from ..parallel import Pool
from ..pipeline import Pipeline
from ..stops import Stopped, stopping
from . import app
from .access import chronicle_at, open_file
from .exits import give_up, outcome, report_error, stderr
from .options import Backoff, Db, Interval, Retries, Timeout, checked_date, politeness


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, feed files and URLs of pages or feeds",
                                                metavar="INPUTS...")],
    db: Db = Path(DEFAULT_DB),
    published: Annotated[str | None, typer.Option(help="Date for articles without one")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Processes (default: all cores)")] = None,
    engine: Annotated[str, typer.Option(help="local, or ray for a Ray cluster")] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster address (head:6379); local Ray without")] = None,
    shards: Annotated[Path | None, typer.Option(help="Folder for Ray's record shards (default: a new temporary one)")] = None,
    lake: Annotated[Path | None, typer.Option(help="Also write the months this ingest changed into this Parquet "
                                                   "dataset (the layout of export --partition month)")] = None,
    max_files: Annotated[int, typer.Option(help="A folder with more files is refused", min=1)] = MAX_FILES,
    interval: Interval = 1.0, timeout: Timeout = 20.0, retries: Retries = 3, backoff: Backoff = 2.0,
) -> None:
    """Process articles and store them; already stored articles (and URLs) are skipped. Exits 0
    when every input was stored (or was already), 1 when some failed, 2 when nothing could be stored."""
    published = checked_date(published, "--published")
    if engine not in ("local", "ray"):
        raise typer.BadParameter("choose local or ray", param_hint="--engine")
    if engine == "ray":
        if (server := owner.find(db)) is not None:
            give_up(f"the server at {server.url} holds {db}: the Ray engine cannot go through it; "
                    "ingest without --engine ray, or stop the server first")
        if any(is_url(i) or is_feed_file(i) for i in inputs):
            give_up("the Ray engine reads files and folders: ingest URLs and feeds without --engine ray")
        report = _ingest_on_ray([Path(i) for i in inputs], db, published, address, shards, lake)
    else:
        if lake is not None:
            raise typer.BadParameter("the local engine writes no dataset: use letopis export --format parquet "
                                     "--partition month", param_hint="--lake")
        report = _ingest_here(inputs, db, published, workers, Limits(files=max_files),
                              politeness(interval, timeout, retries, backoff))
    for error in report.failed:
        report_error(error)
    stderr.print(f"{report.read} read, {report.added} added, {report.known} already stored, "
                 f"{report.errors} errors (see the errors table) → {db}", highlight=False)
    raise typer.Exit(outcome(report.added + report.known, report.errors))


def _ingest_here(inputs: list[str], db: Path, published: str | None, workers: int | None,
                 limits: Limits, polite: Any) -> IngestReport:
    """Read (and fetch) here, then store: into the file, or through the server that owns it (its
    jobs). What feeds answered is saved once their items are stored."""
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    try:
        # the pool closes before the chronicle: a stop kills the workers, then the file is closed
        with (stopping() as stop, chronicle_at(db, create=True) as store, Pool(workers) as pool,
              Progress(*columns, console=stderr) as progress):
            task = progress.add_task("ingest", total=None)
            found = read_inputs(inputs, store, published, limits, polite)
            report = store.ingest_read(found.articles, found.errors,
                                       pipeline=pool if pool.workers > 1 else Pipeline(),
                                       batch_size=16 * pool.workers,
                                       total=lambda n: progress.update(task, total=n),
                                       progress=lambda k: progress.advance(task, k), stop=stop)
            store.save_feed_validators(found.feeds)
            report.known += found.known + found.unchanged  # URLs not fetched again, feeds unchanged
            return report
    except Stopped as stopped:
        stderr.print(f"letopis: stopped by {stopped}; what was stored before it is kept (and what the server "
                     "was sent, it goes on with), and the same command goes on from there", highlight=False)
        raise typer.Exit(stopped.exit_code) from None


def _ingest_on_ray(paths: list[Path], db: Path, published: str | None, address: str | None,
                   shards: Path | None, lake: Path | None) -> IngestReport:
    import tempfile

    from .. import distributed
    out = shards or Path(tempfile.mkdtemp(prefix="letopis-shards-")) / "records"
    with open_file(db) as chronicle:
        try:
            return distributed.ingest(paths, chronicle, out, lake=lake, address=address, published=published)
        except (FileNotFoundError, FileExistsError) as error:
            raise typer.BadParameter(str(error)) from None
