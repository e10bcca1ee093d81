"""Exit codes, the same for every command (README): 0 when everything was read and stored,
1 when some inputs failed (each named on stderr), 2 for usage errors or when nothing could be done."""
from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

from ..ingest import ReadError

DONE, SOME_FAILED, NOTHING_DONE = 0, 1, 2

stderr = Console(stderr=True)


def outcome(done: int, failed: int) -> int:
    """`done` inputs read (and stored), `failed` refused: the exit code that tells which."""
    if done == 0:
        return NOTHING_DONE
    return SOME_FAILED if failed else DONE


def report_error(error: ReadError) -> None:
    stderr.print(f"[red]error[/red] {error}", highlight=False)


def give_up(message: str) -> NoReturn:
    """One line on stderr, no traceback, exit code 2."""
    stderr.print(f"letopis: {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(NOTHING_DONE)
