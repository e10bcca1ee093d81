"""Screenshots of every page at 1400 px and at 390 px (a phone), into docs/screenshots/.

    python scripts/screenshots.py [--out docs/screenshots]      (make screenshots)

Builds a chronicle of the seed article (samples/) and the short made-up reports of
tests/fixtures/reports.jsonl in a temporary folder, reviews a few events as an analyst would (one confirmed, one corrected,
one rejected), serves it on 127.0.0.1 and drives Debian's chromium through Playwright.
"""
from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = {"wide": (1400, 900), "phone": (390, 844)}
CHROMIUM = "/usr/bin/chromium"


def build(db: Path) -> dict[str, int]:
    """The chronicle of the seed and the made-up reports, with three reviews; the chronicle ids the pages open."""
    from letopis.chronicle import Chronicle
    with Chronicle(db) as chronicle:
        chronicle.ingest_paths([ROOT / "samples", ROOT / "tests" / "fixtures" / "reports.jsonl"])
        events = chronicle.events()
        shooting = next(e for e in events if e["type"] == "ASSAULT" and e["fatalities"])
        crowd = next(e for e in events if e["actor"]["text"] and e["target"]["text"] and e["type"] == "ASSAULT")
        request = next((e for e in events if e["type"] == "REQUEST"), None)
        chronicle.reviews.review(crowd["id"], "confirmed", note="видео очевидцев", reviewer="аналитик")
        chronicle.reviews.review(shooting["id"], "corrected", {"fatalities": {"min": 8, "max": 10}},
                                 note="по данным больниц", reviewer="аналитик")
        if request:
            chronicle.reviews.review(request["id"], "rejected", note="требование, не событие", reviewer="аналитик")
        article = next(s["article"] for s in crowd["sources"])
        return {"event": shooting["id"], "article": article}


def serving(db: Path):
    import uvicorn

    from letopis.web import create_app
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="letopis-shots-") as folder:
        db = Path(folder) / "chronicle.duckdb"
        ids = build(db)
        server, base = serving(db)
        pages = {
            "timeline": ("/ui/", ".vis-item.event-item"), "map": ("/ui/map", "#map[data-drawn]"),
            "trends": ("/ui/trends", ".multiple"), "graph": ("/ui/graph", "#graph canvas"),
            "articles": ("/ui/articles", "#articles"),
            "article": (f"/ui/articles/{ids['article']}", "#article-text"),
            "event": (f"/ui/events/{ids['event']}", "#review"), "review": ("/ui/review", "#queue"),
            "search": ("/ui/search?q=Алматы", "#results"), "entity": ("/ui/entities/Алматы", "h1"),
            "upload": ("/ui/upload", "#upload"),
        }
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for label, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU",
                                              device_scale_factor=1)
                page = context.new_page()
                for name, (path, ready) in pages.items():
                    page.goto(base + path)
                    page.locator(ready).first.wait_for(state="attached")
                    page.wait_for_timeout(600)  # the map's countries and the graph's layout settle
                    page.screenshot(path=str(args.out / f"{name}-{width}.png"), full_page=True)
                    print(f"{name}-{width}.png")
                context.close()
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
