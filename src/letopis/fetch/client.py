"""Fetching like a good citizen: httpx with timeouts, a User-Agent that names letopis, robots.txt
obeyed at every hop of a redirect, at most one request per host per `interval` seconds, retries
with a doubling backoff after a 5xx or a timeout, conditional GET (ETag, Last-Modified), and an
answer refused once it passes its size limit, as it arrives."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx2 as httpx

from ..ingest.limits import MAX_EXPANDED_BYTES
from .robots import Robots
from .urls import host_of, is_url

USER_AGENT = "letopis/0.1 (news chronicle reader; fetches only what its user lists; obeys robots.txt)"
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 60.0  # seconds a server's Retry-After is honoured up to


@dataclass(frozen=True)
class Politeness:
    interval: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds to connect, and to wait for each piece of an answer
    retries: int = 3  # further tries after a 5xx or a timeout
    backoff: float = 2.0  # seconds before the first retry; each next one waits twice as long
    max_bytes: int = MAX_EXPANDED_BYTES  # an answer's body, decompressed
    user_agent: str = USER_AGENT


@dataclass
class Answer:
    url: str  # where the body came from, after redirects
    status: int
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # where a redirect points
    retry_after: str | None = None
    tries: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in (self.content_type or "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip('"\' ').lower()
        return None


class FetchError(Exception):
    """A URL that could not be fetched; the message is the reason the errors table keeps."""


class Fetcher:
    def __init__(self, politeness: Politeness = Politeness(), sleep: Callable[[float], None] = time.sleep):
        self.politeness = politeness
        self.sleep = sleep  # the waits between retries go through it
        self.client = httpx.Client(follow_redirects=False,
                                   timeout=httpx.Timeout(politeness.timeout),
                                   headers={"User-Agent": politeness.user_agent})
        self.robots = Robots(politeness.user_agent, self._robots_txt)
        self.last: dict[str, float] = {}  # host → when its last request was sent

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Answer:
        """The answer to a GET, following redirects; a 304 comes back as an Answer too. Anything
        else but a 2xx raises FetchError with the reason."""
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        for _ in range(MAX_REDIRECTS + 1):
            if not is_url(url):
                raise FetchError(f"not an http(s) URL: {url}")
            if not self.robots.allowed(url):
                raise FetchError("forbidden by the site's robots.txt")
            answer = self._tries(url, headers)
            if answer.status in REDIRECTS and answer.location:
                url = urljoin(url, answer.location)
                continue
            if 200 <= answer.status < 300 or answer.not_modified:
                return answer
            tries = f" (after {answer.tries} tries)" if answer.tries > 1 else ""
            raise FetchError(f"HTTP {answer.status} {_phrase(answer.status)}{tries}")
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _tries(self, url: str, headers: dict[str, str]) -> Answer:
        """One URL's answer, asked again after a 5xx or a timeout, each wait twice the one
        before (or what the server's Retry-After says); FetchError when it never came."""
        p = self.politeness
        problem, answer = "", None
        for attempt in range(p.retries + 1):
            if attempt:
                asked = _retry_after(answer)
                self.sleep(p.backoff * 2 ** (attempt - 1) if asked is None else asked)
            answer = None
            try:
                answer = self._once(url, headers)
            except httpx.TimeoutException:
                problem = f"timed out (no answer within {p.timeout:g} s)"
                continue
            except httpx.TransportError as error:
                problem = f"cannot connect ({type(error).__name__}: {error})"
                continue
            answer.tries = attempt + 1
            if answer.status < 500:
                return answer
        if answer is not None:
            return answer  # a 5xx each time
        raise FetchError(f"{problem} (after {p.retries + 1} tries)")

    def _once(self, url: str, headers: dict[str, str]) -> Answer:
        self._wait_for(url)
        limit = self.politeness.max_bytes
        started = time.monotonic()
        with self.client.stream("GET", url, headers=headers) as response:
            body = bytearray()
            if 200 <= response.status_code < 300:
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > limit:
                        raise FetchError(f"answer too large (over {limit / 2**20:g} MiB)")
                    if time.monotonic() - started > 3 * self.politeness.timeout:  # a trickle
                        raise httpx.ReadTimeout("the answer kept trickling in", request=response.request)
            h = response.headers
            return Answer(str(response.url), response.status_code, bytes(body), h.get("content-type"),
                          h.get("etag"), h.get("last-modified"), h.get("location"), h.get("retry-after"))

    def _wait_for(self, url: str) -> None:
        host = host_of(url)
        if host in self.last:
            wait = self.politeness.interval - (time.monotonic() - self.last[host])
            if wait > 0:
                self.sleep(wait)
        self.last[host] = time.monotonic()

    def _robots_txt(self, url: str) -> tuple[int, bytes]:
        try:
            answer = self._tries(url, {})
        except FetchError:
            return 0, b""
        return answer.status, answer.body


def _phrase(status: int) -> str:
    from http import HTTPStatus
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _retry_after(answer: Answer | None) -> float | None:
    """The seconds a 503 or 429 asked to wait, capped; None when it named no number."""
    try:
        return min(float(answer.retry_after), MAX_RETRY_AFTER) if answer and answer.retry_after else None
    except ValueError:  # an HTTP date: the backoff's own wait will do
        return None
