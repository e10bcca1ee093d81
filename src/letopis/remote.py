"""The Chronicle the commands use, answered by the server that owns the database (owner.py):
the same methods, the same values, over the REST API. Errors come back as RemoteError with the
server's own message."""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO, Any

from .owner import Owner

PARAMS = {"date_from": "from", "date_to": "to"}  # the API's names for the chronicle filters
WAIT = 600.0  # seconds a request may take: an export of a large chronicle


class RemoteError(Exception):
    """The server refused or failed a request, or could not be reached; the message says why."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class RemoteChronicle:
    def __init__(self, owner: Owner):
        self.owner = owner

    def __enter__(self) -> RemoteChronicle:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    # -- reading, as letopis.Chronicle ------------------------------------------------------

    def events(self, limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
        body = self.fetch("/export/jsonl", **filters, limit=limit)[0]
        return [json.loads(line) for line in body.decode("utf-8").splitlines() if line]

    def export(self, fmt: str, out: IO | str | Path, limit: int | None = None, **filters: Any) -> int:
        body, headers = self.fetch(f"/export/{urllib.parse.quote(fmt)}", **filters, limit=limit)
        if isinstance(out, (str, Path)):
            Path(out).write_bytes(body)
        elif hasattr(out, "buffer"):  # a text stream over bytes: stdout
            out.flush()
            out.buffer.write(body)
            out.buffer.flush()
        else:
            out.write(body.decode("utf-8"))
        return int(headers.get("X-Letopis-Count", 0))

    def entities(self, limit: int | None = None) -> list[dict[str, Any]]:
        return self.json("/entities", limit=limit)

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        return self.json("/articles", limit=limit)

    def search(self, text: str, kind: str | None = None, limit: int = 20, **filters: Any) -> list[dict[str, Any]]:
        return self.json("/search", q=text, kind=kind, limit=limit, **filters)

    def entity(self, name: str, type: str | None = None) -> list[dict[str, Any]]:
        try:
            return self.json(f"/entities/{urllib.parse.quote(name, safe='')}", type=type)
        except RemoteError as error:
            if error.status == 404:
                return []
            raise

    # -- HTTP ------------------------------------------------------------------------------

    def json(self, path: str, **params: Any) -> Any:
        return json.loads(self.fetch(path, **params)[0])

    def fetch(self, path: str, body: bytes | None = None, content_type: str = "application/json",
              **params: Any) -> tuple[bytes, Any]:
        """GET (or POST, with a gzipped body) a path with query parameters; (body, headers)."""
        query = urllib.parse.urlencode({PARAMS.get(k, k): _param(v) for k, v in params.items()
                                        if v is not None and v is not False})
        headers = self.owner.headers()
        if body is not None:
            headers |= {"Content-Type": content_type, "Content-Encoding": "gzip"}
        request = urllib.request.Request(f"{self.owner.url}{path}{'?' + query if query else ''}",
                                         data=body, headers=headers, method="POST" if body is not None else "GET")
        try:
            with urllib.request.urlopen(request, timeout=WAIT) as answer:
                return answer.read(), answer.headers
        except urllib.error.HTTPError as error:
            raise RemoteError(_message(error), error.code) from None
        except OSError as error:
            raise RemoteError(f"the server at {self.owner.url} did not answer ({error})") from None


def _param(value: Any) -> str:
    return "true" if value is True else str(value)


def _message(error: urllib.error.HTTPError) -> str:
    try:
        return json.loads(error.read())["message"]
    except (ValueError, KeyError, TypeError, OSError):
        return f"{error.code} {error.reason}"
