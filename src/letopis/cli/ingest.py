"""`letopis ingest`: read, process and store articles, on all cores or a Ray cluster, or through
the server that owns the file (its ingest jobs), with the same output. A first Ctrl-C or SIGTERM
stops after the batch in flight (or abandons it within the grace period); a second quits at once
(stops.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .. import owner
from ..chronicle import DEFAULT_DB, IngestReport
from ..ingest import MAX_FILES, Limits, ReadError, read_paths
from ..parallel import Pool
from ..pipeline import Pipeline
from ..records import Article
from ..stops import Stopped, stopping
from . import app
from .access import chronicle_at, open_file
from .exits import give_up, outcome, report_error, stderr
from .options import Db, checked_date


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
    published = checked_date(published, "--published")
    if engine not in ("local", "ray"):
        raise typer.BadParameter("choose local or ray", param_hint="--engine")
    if engine == "ray":
        if (server := owner.find(db)) is not None:
            give_up(f"the server at {server.url} holds {db}: the Ray engine cannot go through it; "
                    "ingest without --engine ray, or stop the server first")
        report = _ingest_on_ray(paths, db, published, address, shards)
    else:
        report = _ingest_here(paths, db, published, workers, Limits(files=max_files))
    for error in report.failed:
        report_error(error)
    stderr.print(f"{report.read} read, {report.added} added, {report.known} already stored, "
                 f"{report.errors} errors (see the errors table) → {db}", highlight=False)
    raise typer.Exit(outcome(report.added + report.known, report.errors))


def _ingest_here(paths: list[Path], db: Path, published: str | None, workers: int | None,
                 limits: Limits) -> IngestReport:
    """Read here, then store: into the file, or through the server that owns it (its jobs)."""
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    try:
        # the pool closes before the chronicle: a stop kills the workers, then the file is closed
        with (stopping() as stop, chronicle_at(db, create=True) as store, Pool(workers) as pool,
              Progress(*columns, console=stderr) as progress):
            task = progress.add_task("ingest", total=None)
            items = list(read_paths(paths, published, limits))
            return store.ingest_read([i for i in items if isinstance(i, Article)],
                                     [i for i in items if isinstance(i, ReadError)],
                                     pipeline=pool if pool.workers > 1 else Pipeline(),
                                     batch_size=16 * pool.workers,
                                     total=lambda n: progress.update(task, total=n),
                                     progress=lambda k: progress.advance(task, k), stop=stop)
    except Stopped as stopped:
        stderr.print(f"letopis: stopped by {stopped}; what was stored before it is kept (and what the server "
                     "was sent, it goes on with), and the same command goes on from there", highlight=False)
        raise typer.Exit(stopped.exit_code) from None


def _ingest_on_ray(paths: list[Path], db: Path, published: str | None, address: str | None,
                   shards: Path | None) -> IngestReport:
    import tempfile

    from .. import distributed
    out = shards or Path(tempfile.mkdtemp(prefix="letopis-shards-")) / "records"
    with open_file(db) as chronicle:
        try:
            return distributed.ingest(paths, chronicle, out, address=address, published=published)
        except (FileNotFoundError, FileExistsError) as error:
            raise typer.BadParameter(str(error)) from None
