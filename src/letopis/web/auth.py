"""Who may do what. With a token (`letopis serve --token`, or LETOPIS_TOKEN) writes to the API
need `Authorization: Bearer <token>`, and with `--private` reads need it too; a browser signs in
once at /ui/login and then carries a session cookie (SameSite=Strict), good for reads and for the
pages' own forms. Every form that changes state carries a CSRF token that must match a cookie of
the same browser. Without a token the server is for this machine alone (serve refuses other hosts),
but a write another site's page sends from a browser on it is still refused by its Origin."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "letopis_session"
CSRF_COOKIE = "letopis_csrf"
CSRF_FIELD = "csrf"
READS = {"GET", "HEAD", "OPTIONS"}
# Assets, the sign-in page and the API's description: nothing of the chronicle in them.
OPEN = ("/static/", "/vendor/", "/ui/login", "/openapi.json", "/docs")


@dataclass(frozen=True)
class Access:
    token: str | None = None
    private: bool = False
    name: str = "token"  # who holds the token: the reviewer its reviews are signed with

    @property
    def reviewer(self) -> str:
        """Who a write comes from: the token's holder, or "local" on a server without a token
        (for this machine alone)."""
        return "local" if self.token is None else self.name

    @property
    def session(self) -> str | None:
        """The cookie a signed-in browser carries: derived from the token, not the token itself."""
        if self.token is None:
            return None
        return hmac.new(self.token.encode(), b"letopis session", hashlib.sha256).hexdigest()

    def matches(self, given: object) -> bool:
        return isinstance(given, str) and _same(given, self.token)

    def refusal(self, request: Request) -> tuple[int, str] | None:
        """(status, reason) when the request may not go on, None when it may."""
        path, writing = request.url.path, request.method not in READS
        if writing and _cross_site(request):
            return 403, "a write from another site's page is refused"
        if self.token is None or path == "/" or path.startswith(OPEN):
            return None
        if self.matches(_bearer(request)):
            return None
        signed_in = _same(request.cookies.get(SESSION_COOKIE), self.session)
        if not writing and (signed_in or not self.private):
            return None
        if writing and signed_in and path.startswith("/ui/"):
            return None  # the pages' forms, which check their CSRF token
        what = "writes" if writing else "reads"
        return 401, f"{what} need the header `Authorization: Bearer <token>`"


def csrf_token(request: Request) -> str:
    """The browser's CSRF token: its cookie's value, or a new one (set_csrf_cookie sends it)."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)


def set_csrf_cookie(response: Response, token: str) -> None:
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/ui")


def csrf_valid(request: Request, sent: object) -> bool:
    return isinstance(sent, str) and _same(request.cookies.get(CSRF_COOKIE), sent)


def sign_in(response: Response, access: Access) -> None:
    response.set_cookie(SESSION_COOKIE, access.session or "", httponly=True, samesite="strict", path="/")


def _bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def _same(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(given.encode(), expected.encode())


def _cross_site(request: Request) -> bool:
    """A browser says where a page sent the request from; another site's page may not write."""
    origin = request.headers.get("origin")
    if origin is None:  # not sent from a page: curl, the CLI, a same-origin read
        return False
    return origin.rstrip("/") != f"{request.url.scheme}://{request.headers.get('host', '')}"
