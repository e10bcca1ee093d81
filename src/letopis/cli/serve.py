"""`letopis serve`: the REST API and the web pages over a chronicle file."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..chronicle import DEFAULT_DB
from . import app


@app.command()
def serve(
    db: Annotated[Path, typer.Option(help="The chronicle file (created when absent)")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
) -> None:
    """Serve the API (/openapi.json, /docs) and the web pages (timeline, map, graph, articles)."""
    import duckdb
    import uvicorn

    from ..web import create_app

    try:
        web = create_app(db)
    except duckdb.IOException as error:  # another process holds the file (an ingest running)
        raise typer.BadParameter(f"cannot open {db}: {error}", param_hint="--db") from None
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"letopis: serving {db} at http://{shown}:{port}/ (API at /docs; Ctrl+C stops)")
    uvicorn.run(web, host=host, port=port, log_level="warning")
