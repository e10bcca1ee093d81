"""What `make bench-store` times at each size: ingest batches through the real write path, the
common queries through letopis.Chronicle, the same pages through a real `letopis serve`, and
what the file takes."""
from __future__ import annotations

import io
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from ..chronicle import Chronicle
from .synth import Variants, month_bounds

REPEATS = 20  # timings per query, each with other parameters
WORDS = 2


def percentiles(seconds: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(seconds)
    return (1000 * statistics.median(ordered),
            1000 * ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))])


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def ingest(chronicle: Chronicle, variants: Variants, start: int, batches: int, size: int = 100
           ) -> tuple[list[float], int]:
    """Seconds per batch of `size` new articles through Chronicle.ingest (reprints, index and
    merge included), after one untimed batch (what a process loads on its first), and the index
    after the last article."""
    seconds = []
    for n in range(batches + 1):
        articles = [variants.article(i) for i in range(start, start + size)]
        seconds.append(timed(lambda: chronicle.ingest(articles, batch_size=size)))
        start += size
    return seconds[1:], start


def storage(path: Path) -> dict[str, float]:
    """Bytes per article: of the file, and of the blocks in use (after a checkpoint)."""
    with Chronicle(path) as chronicle:
        chronicle.db.execute("CHECKPOINT")
        articles = chronicle.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        _, _, block, total, used, *_ = chronicle.db.execute("PRAGMA database_size").fetchone()
    return {"file": os.path.getsize(path) / articles, "used": used * block / articles, "articles": articles}


def samples(chronicle: Chronicle, variants: Variants, seed: int = 19) -> dict[str, list[dict[str, Any]]]:
    """REPEATS parameter sets per query, drawn from what the store holds: a city and a month it
    has events in, two words of one sentence of a seed, an entity by its mentions (so the much
    mentioned come often), a month of the last year, the last three months for the trends."""
    rng = random.Random(seed)
    db = chronicle.db
    # DuckDB samples right after FROM, before WHERE: the filter goes inside, or a sample of the
    # whole table may hold no event of a city at all
    places = db.execute(
        "SELECT * FROM (SELECT location_name, date_from FROM chronicle_events WHERE feature = 'city' "
        "AND date_grain = 'day' AND NOT coalesce(background, false)) "
        f"USING SAMPLE reservoir({REPEATS} ROWS) REPEATABLE (19)").fetchall()
    people = db.execute(f"SELECT e.name FROM (SELECT entity_id FROM mentions USING SAMPLE reservoir({REPEATS} ROWS) "
                        "REPEATABLE (19)) m JOIN entities e ON e.id = m.entity_id").fetchall()
    last = db.execute("SELECT max(date_from) FROM chronicle_events WHERE NOT coalesce(background, false) "
                      "AND date_from <= current_date").fetchone()[0]
    # months of the last year the store has news of, the latest (still filling) left out if it can be
    held = [d for (d,) in db.execute(
        "SELECT DISTINCT date_trunc('month', date_from)::DATE FROM chronicle_events WHERE date_grain = 'day' "
        "AND NOT coalesce(background, false) AND date_from BETWEEN ? AND ? ORDER BY 1",
        [last - timedelta(days=365), last]).fetchall()]
    months = [month_bounds(rng.choice(held[:-1] or held)) for _ in range(REPEATS)]
    return {
        "chronicle": [{"place": p, "date_from": d.isoformat()[:7], "date_to": d.isoformat()[:7]} for p, d in places],
        "search": [{"text": _two_words(variants, rng)} for _ in range(REPEATS)],
        "entity": [{"name": n} for (n,) in people],
        "trends": [{"by": "place", "window": "week",
                    "date_from": (last - timedelta(days=91)).isoformat()}] * REPEATS,
        "export": [{"date_from": a, "date_to": b} for a, b in months],
        "parquet": [{"date_from": a, "date_to": b} for a, b in months],
    }


def _two_words(variants: Variants, rng: random.Random) -> str:
    """Two words of five letters or more from one sentence of a seed: a query someone would type."""
    while True:
        seed = rng.choice(variants.seeds)
        sentence = rng.choice(seed.sentences) if seed.sentences else None
        words = [w for w in seed.text[sentence.start:sentence.stop].split() if len(w) >= 5 and w.isalpha()] \
            if sentence else []
        if len(words) >= WORDS:
            return " ".join(rng.sample(words, WORDS))


QUERIES: dict[str, Callable[[Chronicle, dict[str, Any]], Any]] = {
    "chronicle": lambda c, p: c.events(**p),
    "search": lambda c, p: c.search(p["text"], limit=20),
    "entity": lambda c, p: c.entity_page(p["name"]),  # the first page, as the web page and the API ask
    "trends": lambda c, p: c.trends(**p),
    "export": lambda c, p: c.export("jsonl", io.StringIO(), **p),
    "parquet": lambda c, p: c.export("parquet", io.BytesIO(), **p),
}


def queries(chronicle: Chronicle, asked: dict[str, list[dict[str, Any]]]) -> dict[str, tuple[float, float]]:
    out = {}
    for name, query in QUERIES.items():
        query(chronicle, asked[name][0])  # the first call loads what later ones reuse
        out[name] = percentiles([timed(lambda p=p: query(chronicle, p)) for p in asked[name]])
    return out


def pages(asked: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    """The API requests and web pages of the same queries."""
    def q(**params: Any) -> str:
        return urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    return {
        "chronicle API": [f"/events?{q(place=p['place'], **{'from': p['date_from'], 'to': p['date_to']})}"
                          for p in asked["chronicle"]],
        "chronicle page": [f"/ui/?{q(place=p['place'], **{'from': p['date_from'], 'to': p['date_to']})}"
                           for p in asked["chronicle"]],
        "search API": [f"/search?{q(q=p['text'])}" for p in asked["search"]],
        "search page": [f"/ui/search?{q(q=p['text'])}" for p in asked["search"]],
        "entity API": [f"/entities/{urllib.parse.quote(p['name'], safe='')}" for p in asked["entity"]],
        "entity page": [f"/ui/entities/{urllib.parse.quote(p['name'], safe='')}" for p in asked["entity"]],
        "trends API": [f"/trends?{q(by=p['by'], window=p['window'], **{'from': p['date_from']})}" for p in asked["trends"]],
        "trends page": [f"/ui/trends?{q(by=p['by'], window=p['window'], **{'from': p['date_from']})}"
                        for p in asked["trends"]],
        "export API": [f"/export/jsonl?{q(**{'from': p['date_from'], 'to': p['date_to']})}" for p in asked["export"]],
        "export API (parquet)": [f"/export/parquet?{q(**{'from': p['date_from'], 'to': p['date_to']})}"
                                 for p in asked["parquet"]],
    }


def api(path: Path, asked: dict[str, list[dict[str, Any]]]) -> dict[str, tuple[float, float]]:
    """Each page's latency from a real server (`letopis serve`, uvicorn) over HTTP."""
    out = {}
    with serving(path) as url:
        for name, requests in pages(asked).items():
            _get(url + requests[0])
            out[name] = percentiles([timed(lambda r=r: _get(url + r)) for r in requests])
    return out


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=600) as response:
        return response.read()


@contextmanager
def serving(path: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen([sys.executable, "-m", "letopis.cli", "serve", "--db", str(path), "--port",
                                   str(port)], stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    json.loads(_get(url + "/status"))
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"letopis serve did not start: {log.read()[-2000:]}") from None
                    time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            server.wait(30)
