"""The fixture news sites (tests/fixtures/web) served on 127.0.0.1 for the tests, and for trying
`letopis watch` by hand:

    python tests/newssite.py 8765        # serves, and writes feeds.txt for `letopis watch feeds.txt`

Two outlets: «Волжская правда» (RSS 2.0 at /volga/rss.xml) and «Северный курьер» (Atom at
/sever/atom.xml); `{base}` in a file becomes the server's address. A page that is not there is a
404; /volga/news/2026/03/15/ulyanovsk-vzyatka.html answers only after `slow` seconds (a page that
times out); every answer waits `delay` seconds first; /flaky/ pages answer 503 the first `flaky` times; robots.txt forbids /volga/private/.
Feeds carry an ETag and a Last-Modified and answer a matching conditional GET with 304. Every
request is logged in `requests`."""
from __future__ import annotations

import hashlib
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "fixtures" / "web"
SLOW = "/volga/news/2026/03/15/ulyanovsk-vzyatka.html"
FEED_MODIFIED = "Sun, 15 Mar 2026 09:00:00 GMT"
TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
         ".xml": "application/xml; charset=utf-8"}
CHARSETS = {"arhangelsk-pikety.html": "text/html; charset=windows-1251"}
FEEDS = ("/volga/rss.xml", "/sever/atom.xml")
EXTRA_PAGE = "/volga/news/2026/03/13/pozhar-kazan.html"  # a page listed on its own in feeds.txt
MISSING_PAGE = "/volga/news/2026/03/01/net-takoy.html"  # listed too: a 404


@dataclass
class Request:
    path: str
    user_agent: str
    conditional: bool  # it carried If-None-Match or If-Modified-Since
    at: float = 0.0  # time.monotonic() when it arrived
    status: int = 0


class Site:
    def __init__(self, root: Path = ROOT, port: int = 0, slow: float = 3.0, flaky: int = 1, delay: float = 0.0):
        self.root, self.slow, self.flaky, self.delay = root, slow, flaky, delay
        self.requests: list[Request] = []
        self.failures: dict[str, int] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def sources(self, path: Path) -> Path:
        """A SOURCES file: both feeds, a page on its own, a page that is not there, comments."""
        path.write_text("# ленты\n" + "".join(f"{self.url(f)}\n" for f in FEEDS) +
                        f"\n# отдельные страницы\n{self.url(EXTRA_PAGE)}   # пожар в Казани\n"
                        f"{self.url(MISSING_PAGE)}\n", encoding="utf-8")
        return path

    def fetched(self, path: str) -> int:
        """How many GETs reached a path."""
        with self.lock:
            return sum(1 for r in self.requests if r.path == path)

    def body(self, path: str) -> bytes | None:
        file = (self.root / path.lstrip("/")).resolve()
        if self.root.resolve() not in file.parents or not file.is_file():
            return None
        return file.read_bytes().replace(b"{base}", self.base.encode())

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
                request = Request(path, self.headers.get("User-Agent", ""), conditional, time.monotonic())
                with site.lock:
                    site.requests.append(request)
                request.status = site._answer(self, path)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def _answer(self, handler: BaseHTTPRequestHandler, path: str) -> int:
        time.sleep(self.delay)  # a far server: a watcher's round takes a while
        if path == SLOW:
            time.sleep(self.slow)
        if path.startswith("/flaky/"):
            with self.lock:
                self.failures[path] = self.failures.get(path, 0) + 1
                failing = self.failures[path] <= self.flaky
            if failing:
                return _send(handler, 503, b"busy", "text/plain", {"Retry-After": "0"})
            path = "/volga" + path.removeprefix("/flaky")
        body = self.body(path)
        if body is None:
            return _send(handler, 404, "<h1>Страница не найдена</h1>".encode(), "text/html; charset=utf-8")
        headers = {}
        if path in FEEDS:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers = {"ETag": etag, "Last-Modified": FEED_MODIFIED}
            if handler.headers.get("If-None-Match") == etag:
                return _send(handler, 304, b"", None, headers)
        kind = CHARSETS.get(Path(path).name) or TYPES.get(Path(path).suffix, "application/octet-stream")
        return _send(handler, 200, body, kind, headers)


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str | None,
          headers: dict[str, str] | None = None) -> int:
    try:
        handler.send_response(status)
        if kind:
            handler.send_header("Content-Type", kind)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (a timeout)
        pass
    return status


if __name__ == "__main__":
    with Site(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8765) as site:
        site.sources(Path("feeds.txt"))
        print(f"serving the fixture sites at {site.base}/; feeds.txt lists them. Ctrl-C stops.")
        try:
            site.thread.join()
        except KeyboardInterrupt:
            pass
