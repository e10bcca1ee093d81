"""Which way a command reaches its database: through the server that owns it (`letopis serve`,
found by the file it leaves beside the database), or by opening the file. When neither can work,
one line says what holds the file and what to do, and the command exits 2."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from .. import owner
from ..chronicle import Chronicle
from ..remote import RemoteChronicle, RemoteError
from .exits import give_up

HOLDER = re.compile(r"held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


@contextmanager
def chronicle_at(db: Path, create: bool = False) -> Iterator[Any]:
    """A Chronicle, or a RemoteChronicle when a server owns the file; `create` makes the file
    when there is none (an ingest), otherwise a missing file ends the command."""
    server = owner.find(db)
    if server is not None:
        try:
            yield RemoteChronicle(server)
        except RemoteError as error:
            give_up(f"the server at {server.url} answered: {error}")
        return
    if not create and not db.exists():
        give_up(f"no database at {db}: run `letopis ingest PATH --db {db}` first")
    with open_file(db) as chronicle:
        yield chronicle


@contextmanager
def open_file(db: Path) -> Iterator[Chronicle]:
    try:
        chronicle = Chronicle(db)
    except duckdb.IOException as error:
        give_up(cannot_open(db, error))
    with chronicle:
        yield chronicle


def cannot_open(db: Path, error: Exception) -> str:
    """What holds the file and what to do, in one line."""
    text = str(error).splitlines()[0]
    held = HOLDER.search(text)
    if held is None and "lock" not in text.lower():
        return f"cannot open {db}: {text}"
    who = f"{held['program']}, PID {held['pid']}" if held else "another process, maybe on another machine"
    return (f"cannot open {db}: it is in use by {who}. Wait for that process or stop it; to work on "
            f"the file while it is served, start the server with `letopis serve --db {db}` and "
            "commands go through it")
