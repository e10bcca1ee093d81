"""`letopis serve`: the REST API and the web pages over a chronicle file. On an address other
than loopback it needs a token (`--token` or LETOPIS_TOKEN): writes then need it, and with
`--private` reads too (web/auth.py)."""
from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from ..chronicle import DEFAULT_DB
from . import app
from .exits import give_up


@app.command()
def serve(
    db: Annotated[Path, typer.Option(help="The chronicle file (created when absent)")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(envvar="LETOPIS_TOKEN", show_envvar=True,
                                              help="Writes need `Authorization: Bearer TOKEN`")] = None,
    private: Annotated[bool, typer.Option("--private", help="Reads need the token too")] = False,
) -> None:
    """Serve the API (/openapi.json, /docs) and the web pages (timeline, map, graph, articles)."""
    import duckdb
    import uvicorn

    from ..web import create_app
    from ..web.auth import Access

    token = token or None
    if token is None and not loopback(host):
        give_up(f"serving on {host} lets other machines in: give a token with --token or "
                "LETOPIS_TOKEN (or serve on 127.0.0.1)")
    if private and token is None:
        give_up("--private needs a token: give one with --token or LETOPIS_TOKEN")
    try:
        web = create_app(db, access=Access(token, private))
    except duckdb.IOException as error:  # another process holds the file (an ingest running)
        raise typer.BadParameter(f"cannot open {db}: {error}", param_hint="--db") from None
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"letopis: serving {db} at http://{shown}:{port}/ (API at /docs; Ctrl+C stops)")
    uvicorn.run(web, host=host, port=port, log_level="warning")


def loopback(host: str) -> bool:
    """Whether an address is this machine's alone (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
