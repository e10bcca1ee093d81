"""`letopis watch SOURCES`: the feeds and pages listed in SOURCES, read every `--every` (or once),
their new articles stored in the file or through the server that owns it. A Ctrl-C or SIGTERM
stops it after the batch in flight; whatever was stored stays and the next run goes on."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..chronicle import DEFAULT_DB
from ..parallel import Pool
from ..pipeline import Pipeline
from ..stops import Stopped, stopping
from ..watch import Round, Watcher, parse_every
from . import app
from .access import chronicle_at
from .exits import give_up, outcome, report_error, stderr
from .options import Backoff, Db, Interval, Retries, Timeout, checked_date, politeness


@app.command()
def watch(
    sources: Annotated[Path, typer.Argument(help="A file of feed or page URLs, one per line (# comments)")],
    db: Db = Path(DEFAULT_DB),
    every: Annotated[str, typer.Option(help="Time from one round to the next: 30s, 10m, 1h")] = "10m",
    once: Annotated[bool, typer.Option("--once", help="One round, then exit")] = False,
    published: Annotated[str | None, typer.Option(help="Date for pages that give none (else the fetch day)")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Processes (default: all cores)")] = None,
    interval: Interval = 1.0, timeout: Timeout = 20.0, retries: Retries = 3, backoff: Backoff = 2.0,
) -> None:
    """Keep the chronicle current from feeds and pages. With --once: exits 0 when every source was
    read, 1 when some failed (see the errors table), 2 when none could be."""
    try:
        seconds = parse_every(every)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--every") from None
    published = checked_date(published, "--published")
    if not sources.is_file():
        give_up(f"no list of sources at {sources}: one feed or page URL per line")

    def tell(done: Round, count: int) -> None:
        for error in done.failed:
            report_error(error)
        stderr.print(f"{count} sources: {done.added} added, {done.known} already stored, {done.unchanged} "
                     f"feeds unchanged, {len(done.failed)} errors (see the errors table) → {db}", highlight=False)

    try:
        with stopping() as stop, chronicle_at(db, create=True) as store, Pool(workers) as pool:
            ingest = {"pipeline": pool if pool.workers > 1 else Pipeline(), "batch_size": 16 * pool.workers,
                      "stop": stop}
            watcher = Watcher(store, politeness(interval, timeout, retries, backoff), published,
                              ingest=ingest, tell=tell)
            total = watcher.run(sources, seconds, once=once, stop=stop)
    except Stopped as stopped:
        stderr.print(f"letopis: stopped by {stopped}; what was stored is kept, and the next run goes on "
                     "from there", highlight=False)
        raise typer.Exit(stopped.exit_code) from None
    raise typer.Exit(outcome(total.done, len(total.failed)))
