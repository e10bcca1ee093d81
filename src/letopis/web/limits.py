"""Request bodies counted as they arrive: refused with 413 once past the limit on the wire (with
or without a Content-Length), and a gzip Content-Encoding decompressed a chunk at a time and
refused once the body it expands to passes its own limit. Nothing holds a body beyond its limit."""
from __future__ import annotations

import zlib
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import Headers
from fastapi import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..ingest.limits import MAX_BODY_BYTES, MAX_EXPANDED_BYTES


Receive = Callable[[], Awaitable[dict[str, Any]]]
ErrorPage = Callable[[Request, int, str], Response]


class BodyLimit:
    """ASGI middleware; `error(request, status, message)` makes the answer to a refused request."""

    def __init__(self, app: Any, error: ErrorPage, max_body: int = MAX_BODY_BYTES,
                 max_expanded: int = MAX_EXPANDED_BYTES):
        self.app, self.error, self.max_body, self.max_expanded = app, error, max_body, max_expanded

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        coding = headers.get("content-encoding", "identity").strip().lower()
        length = headers.get("content-length")
        refusal = None
        if coding not in ("identity", "gzip"):
            refusal = 415, f"Content-Encoding {coding!r} is not accepted: send gzip or none"
        elif length and (not length.isdigit() or int(length) > self.max_body):
            refusal = 413, f"request body over the limit of {self.max_body} bytes"
        if refusal:
            return await self.error(Request(scope), *refusal)(scope, receive, send)
        receive = self._counted(receive)
        if coding == "gzip":
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"]
                                          if k.lower() not in (b"content-encoding", b"content-length")]}
            receive = self._expanded(receive)
        await self.app(scope, receive, send)

    def _counted(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, f"request body over the limit of {self.max_body} bytes")
            return message
        return counted

    def _expanded(self, receive: Receive) -> Receive:
        inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        expanded = 0

        async def expand() -> dict[str, Any]:
            nonlocal expanded
            message = await receive()
            if message["type"] != "http.request":
                return message
            pending, out = message.get("body", b""), bytearray()
            try:
                while pending:
                    piece = inflate.decompress(pending, self.max_expanded - expanded + 1)
                    expanded += len(piece)
                    if expanded > self.max_expanded:
                        raise HTTPException(413, "request body over the limit of "
                                                 f"{self.max_expanded} bytes once decompressed")
                    out += piece
                    pending = inflate.unconsumed_tail
            except zlib.error as error:
                raise HTTPException(400, f"broken gzip body ({error})") from None
            if not message.get("more_body", False) and not inflate.eof:
                raise HTTPException(400, "broken gzip body (it ends before its end)")
            return {**message, "body": bytes(out)}
        return expand
