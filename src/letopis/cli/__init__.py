"""The `letopis` command: thin Typer commands over letopis.Pipeline and letopis.Chronicle."""
from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Russian news into a structured chronicle of events.")

from . import extract, ingest, kb, review, serve, store, trends, watch  # noqa: E402,F401  (commands register themselves on `app`)
