"""The Chronicle the commands use, answered by the server that owns the database (owner.py):
the same methods, the same values, over the REST API. An ingest sends the articles as read here
in gzipped batches, which the server queues as jobs, and follows the jobs to their end. Errors
come back as RemoteError with the server's own message."""
from __future__ import annotations

import gzip
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .batches import IngestReport
from .fetch.validators import Validators
from .ingest import READ_FIELDS, ReadError
from .owner import Owner
from .records import Article
from .ingest.limits import MAX_BODY_BYTES, MAX_EXPANDED_BYTES

# One request's articles: gzipped one by one they fill at most this much of the request's limit
# (together they pack tighter), and as JSON at most half of what the server expands a request to.
BATCH_GZIPPED = MAX_BODY_BYTES * 3 // 4
BATCH_JSON = MAX_EXPANDED_BYTES // 2
FOLLOW_EVERY = 0.5  # seconds between looks at a job
URLS_PER_ASK = 50  # URLs one GET /urls asks about
ENTITIES_PER_ASK = 100  # the most GET /entities/{name} gives at once

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
        self._validators: dict[str, Validators] = {}

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

    def trends(self, **options: Any) -> list[dict[str, Any]]:
        return self.json("/trends", **options)

    def entity(self, name: str, type: str | None = None) -> list[dict[str, Any]]:
        """Every entity of the name: the server gives them a page at a time."""
        found: list[dict[str, Any]] = []
        while True:
            try:
                body, headers = self.fetch(f"/entities/{urllib.parse.quote(name, safe='')}", type=type,
                                           limit=ENTITIES_PER_ASK, offset=len(found))
            except RemoteError as error:
                if error.status == 404:
                    return found
                raise
            page = json.loads(body)
            found += page
            if not page or len(found) >= int(headers.get("X-Total-Count") or 0):
                return found

    def known_urls(self, urls: list[str]) -> set[str]:
        """Those of the canonical `urls` the server's database holds."""
        stored: set[str] = set()
        for start in range(0, len(urls), URLS_PER_ASK):
            stored |= set(self.json("/urls", url=urls[start:start + URLS_PER_ASK])["stored"])
        return stored

    # A feed's validators live in this process (a watcher's rounds); the server's feeds table is
    # for the watcher it runs itself (`letopis serve --watch`).
    def feed_validators(self, url: str) -> Validators | None:
        return self._validators.get(url)

    def save_feed_validators(self, feeds: dict[str, Validators]) -> None:
        self._validators.update(feeds)

    # -- writing, as letopis.Chronicle.ingest_read ------------------------------------------

    def ingest_read(self, articles: Iterable[Article], errors: Iterable[ReadError] = (), pipeline: Any = None,
                    batch_size: int = 16, progress: Callable[[int], Any] | None = None,
                    total: Callable[[int], Any] | None = None, stop: Any = None) -> IngestReport:
        """Send the articles as read (and the inputs that failed) to the server, which runs them
        through its own pipeline; `pipeline` and `batch_size` are the server's business here.
        The report counts as Chronicle's does; `total(n)` hears how many were processed, at the end."""
        report = IngestReport()
        tickets, errors = [], list(errors)
        for batch in _batches(list(articles), report):
            if stop is not None:
                stop.check()
            tickets.append(self._send(batch, errors))
            errors = []  # sent with the first request
        if errors:  # no article to send them with
            tickets.append(self._send([], errors))
        for ticket in tickets:
            result = self._follow(ticket, progress or (lambda k: None), stop)
            report.read += result["read"]
            report.added += result["added"]
            report.known += result["known"]
            report.processed += result["processed"]
            report.failed += [ReadError(e["path"], e["reason"]) for e in result["errors"]]
        if total:
            total(report.processed)
        return report

    def _send(self, articles: list[dict[str, Any]], errors: list[ReadError]) -> dict[str, Any]:
        body = json.dumps({"articles": articles, "errors": [{"path": e.path, "reason": e.reason} for e in errors]},
                          ensure_ascii=False).encode("utf-8")
        return json.loads(self.fetch("/articles", body=gzip.compress(body, compresslevel=6))[0])

    def _follow(self, ticket: dict[str, Any], progress: Callable[[int], Any], stop: Any) -> dict[str, Any]:
        """A job's result once it ends (a small one is answered with its result at once); the
        articles it processes are told to `progress` as it goes."""
        told = 0
        while ticket.get("state") in ("queued", "running"):
            if stop is not None:
                stop.check()
            time.sleep(FOLLOW_EVERY)
            ticket = self.json(ticket["url"])
            if ticket["state"] == "running" and ticket["done"] > told:
                progress(ticket["done"] - told)
                told = ticket["done"]
        if ticket.get("state") == "failed":
            raise RemoteError(f"job {ticket['id']} failed: {ticket['error']}")
        result = ticket.get("result") or ticket
        if result["processed"] > told:
            progress(result["processed"] - told)
        return result

    @property
    def reviews(self) -> RemoteChronicle:
        """What the commands ask of Chronicle.reviews, answered by the server (gold_files)."""
        return self

    def gold_files(self) -> list[dict[str, Any]]:
        return self.json("/review/gold")

    def reprocess(self, ids: list[str] | None = None, progress: Callable[[int], Any] | None = None,
                  total: Callable[[int], Any] | None = None, stop: Any = None, **_: Any) -> IngestReport:
        """The server processes its stored articles again (all when `ids` is None), as a job."""
        ids = ids if ids is not None else [a["id"] for a in self.json("/articles", limit=10_000)]
        report = IngestReport()
        if total:
            total(len(ids))
        if not ids:
            return report
        body = json.dumps({"ids": ids}, ensure_ascii=False).encode("utf-8")
        ticket = json.loads(self.fetch("/articles/reprocess", body=gzip.compress(body))[0])
        result = self._follow(ticket, progress or (lambda k: None), stop)
        report.read, report.added, report.processed = result["read"], result["added"], result["processed"]
        report.failed += [ReadError(e["path"], e["reason"]) for e in result["errors"]]
        return report

    # -- HTTP ------------------------------------------------------------------------------

    def json(self, path: str, **params: Any) -> Any:
        return json.loads(self.fetch(path, **params)[0])

    def fetch(self, path: str, body: bytes | None = None, content_type: str = "application/json",
              **params: Any) -> tuple[bytes, Any]:
        """GET (or POST, with a gzipped body) a path with query parameters; (body, headers)."""
        query = urllib.parse.urlencode({PARAMS.get(k, k): _param(v) for k, v in params.items()
                                        if v is not None and v is not False}, doseq=True)
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


def _batches(articles: list[Article], report: IngestReport) -> Iterator[list[dict[str, Any]]]:
    """The articles in batches that each go in one request; one too large to send, even gzipped
    and alone, goes to the report's failures."""
    batch, packed, size = [], 0, 0
    for article in articles:
        item = {k: getattr(article, k) for k in READ_FIELDS}
        raw = json.dumps(item, ensure_ascii=False).encode("utf-8")
        gzipped = len(gzip.compress(raw, compresslevel=1))
        if gzipped > BATCH_GZIPPED:
            report.read += 1
            report.failed.append(ReadError(article.path or article.id, "too large to send to the server "
                                           f"(over {BATCH_GZIPPED / 2**20:.1f} MiB gzipped)"))
            continue
        if batch and (packed + gzipped > BATCH_GZIPPED or size + len(raw) > BATCH_JSON):
            yield batch
            batch, packed, size = [], 0, 0
        batch.append(item)
        packed += gzipped
        size += len(raw)
    if batch:
        yield batch


def _param(value: Any) -> str | list[str]:
    if isinstance(value, list):  # a repeated parameter (?url=a&url=b)
        return [str(v) for v in value]
    return "true" if value is True else str(value)


def _message(error: urllib.error.HTTPError) -> str:
    try:
        return json.loads(error.read())["message"]
    except (ValueError, KeyError, TypeError, OSError):
        return f"{error.code} {error.reason}"
