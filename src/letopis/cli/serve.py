"""`letopis serve`: the REST API and the web pages over a chronicle file, which the server then
owns: it leaves its address beside the file and commands on the file go through it. On an address
other than loopback it needs a token (`--token` or LETOPIS_TOKEN): writes then need it, and with
`--private` reads too (web/auth.py). With `--watch SOURCES` it also keeps the chronicle current
from those feeds and pages (web/watching.py)."""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Annotated, Any

import typer

from ..chronicle import DEFAULT_DB
from . import app
from .access import cannot_open
from .exits import give_up
from .options import Backoff, Interval, Retries, Timeout, politeness


@app.command()
def serve(
    db: Annotated[Path, typer.Option(help="The chronicle file (created when absent)")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(envvar="LETOPIS_TOKEN", show_envvar=True,
                                              help="Writes need `Authorization: Bearer TOKEN`")] = None,
    private: Annotated[bool, typer.Option("--private", help="Reads need the token too")] = False,
    token_name: Annotated[str, typer.Option(envvar="LETOPIS_TOKEN_NAME", show_envvar=True,
                                            help="Who holds the token: the reviewer its reviews are signed with")] = "token",
    workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                         help="Processes the ingest jobs run on")] = 1,
    watch: Annotated[Path | None, typer.Option(help="Watch the feeds and pages listed in this file")] = None,
    every: Annotated[str, typer.Option(help="With --watch: time from one round to the next")] = "10m",
    interval: Interval = 1.0, timeout: Timeout = 20.0, retries: Retries = 3, backoff: Backoff = 2.0,
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
    watching = _watching(watch, every, politeness(interval, timeout, retries, backoff))
    try:
        listening = socket.create_server((host.strip("[]"), port),
                                         family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as error:
        give_up(f"cannot listen on {host}:{port}: {error.strerror or error}")
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    url = f"http://{_reachable(host)}:{port}"
    try:
        web = create_app(db, access=Access(token, private, token_name), url=url, workers=workers, watch=watching)
    except duckdb.IOException as error:
        give_up(cannot_open(db, error))
    typer.echo(f"letopis: serving {db} at http://{shown}:{port}/ (API at /docs; Ctrl+C stops)")
    server = uvicorn.Server(uvicorn.Config(web, log_level="warning", timeout_graceful_shutdown=2))
    try:
        server.run(sockets=[listening])
    except KeyboardInterrupt:  # uvicorn hands the Ctrl-C back once it has shut down
        raise typer.Exit(130) from None


def _watching(sources: Path | None, every: str, polite: Any) -> Any:
    """The watcher's settings, checked before the server starts."""
    if sources is None:
        return None
    from ..watch import parse_every
    from ..web.watching import WatchSettings
    try:
        seconds = parse_every(every)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--every") from None
    if not sources.is_file():
        give_up(f"no list of sources at {sources}: one feed or page URL per line")
    return WatchSettings(sources, seconds, polite)


def loopback(host: str) -> bool:
    """Whether an address is this machine's alone (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _reachable(host: str) -> str:
    """The address commands on this machine reach the server at."""
    host = host.strip("[]")
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host
