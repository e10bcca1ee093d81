"""The file beside a database that says a server owns it. `letopis serve` writes its address,
token and pid there (readable by its user alone) once it listens, and removes it on exit;
commands on the database find the server through it, and ignore a file left stale: its process
gone, or its address not answering as that process."""
from __future__ import annotations

import json
import os
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ANSWER_WITHIN = 3.0  # seconds a live server takes to say who it is


@dataclass(frozen=True)
class Owner:
    url: str
    token: str | None
    pid: int
    db: str

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def owner_file(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(db.name + ".server.json")


def claim(db: str | Path, url: str, token: str | None) -> Owner:
    """Say that this process serves `db` at `url`."""
    owner = Owner(url, token, os.getpid(), str(Path(db).resolve()))
    path = owner_file(db)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(owner), out)
    os.replace(draft, path)  # whole or not at all: a reader never sees half a file
    return owner


def release(db: str | Path) -> None:
    """Remove the file, if it is still this process's."""
    found = _read(owner_file(db))
    if found is not None and found.pid == os.getpid():
        owner_file(db).unlink(missing_ok=True)


def find(db: str | Path) -> Owner | None:
    """The live server that owns `db`, or None."""
    owner = _read(owner_file(db))
    if owner is None or not _running(owner.pid):
        return None
    return owner if _answers(owner) else None


def _read(path: Path) -> Owner | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Owner(str(data["url"]), data.get("token"), int(data["pid"]), str(data["db"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _answers(owner: Owner) -> bool:
    request = urllib.request.Request(f"{owner.url}/status", headers=owner.headers())
    try:
        with urllib.request.urlopen(request, timeout=ANSWER_WITHIN) as answer:
            return json.load(answer).get("pid") == owner.pid
    except (OSError, ValueError, AttributeError):
        return False
