"""The store over real texts (where ../shared holds them): NEREL train's 746 articles through
the pipeline and the real write path, what the file takes per article, and what storing 10 more
(NEREL dev's first) costs in it against an empty store, in the same run: the store's part alone
(the articles processed beforehand), and `letopis ingest` as a user runs it."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..chronicle import Chronicle
from ..ingest import read_paths
from ..records import Article
from .seeds import NEREL

MORE = 10
REPEATS = 3  # each timing, the median taken


def measure(shared: Path) -> tuple[dict[str, Any], list[Article]] | None:
    """The figures, and the train articles processed (seeds for the synthetic stores)."""
    train = sorted((shared / NEREL).glob("*.txt"))
    dev = sorted((shared / NEREL).parent.joinpath("dev").glob("*.txt"))[:MORE]
    if not train or len(dev) < MORE:
        return None
    from ..pipeline import Pipeline
    pipeline = Pipeline()
    articles = _processed(train, pipeline)
    more = _processed(dev, pipeline)
    with tempfile.TemporaryDirectory(prefix="letopis-nerel-") as folder:
        full = Path(folder) / "nerel.duckdb"
        with Chronicle(full) as chronicle:
            chronicle.ingest(articles)
        size = os.path.getsize(full)
        _timed_ingest(Path(folder) / "warm.duckdb", more)  # what the first ingest of a process loads
        timings: dict[str, list[float]] = {"into_full": [], "into_empty": [], "command_full": [],
                                           "command_empty": []}
        for n in range(REPEATS):
            for kind, target in (("full", Path(folder) / f"full{n}.duckdb"), ("empty", Path(folder) / f"empty{n}.duckdb")):
                if kind == "full":
                    shutil.copyfile(full, target)
                timings[f"into_{kind}"].append(_timed_ingest(target, more))
                if kind == "full":
                    shutil.copyfile(full, target)
                else:
                    target.unlink()
                timings[f"command_{kind}"].append(_timed_command(target, dev))
    return {"articles": len(articles), "bytes": size, "more": MORE,
            **{key: statistics.median(values) for key, values in timings.items()}}, articles


def _processed(files: list[Path], pipeline: Any) -> list[Article]:
    read = [a for a in read_paths([str(f) for f in files]) if isinstance(a, Article)]
    return [a for start in range(0, len(read), 32) for a in pipeline.run(read[start:start + 32])]


def _timed_command(path: Path, files: list[Path]) -> float:
    """Seconds `letopis ingest FILES --db PATH` takes, as a user runs it (one worker)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "letopis.cli", "ingest", *map(str, files), "--db", str(path),
                    "--workers", "1"], check=True, capture_output=True)
    return time.perf_counter() - start


def _timed_ingest(path: Path, articles: list[Article]) -> float:
    """Seconds to store processed articles: opening the store for writing, one batch, closing."""
    start = time.perf_counter()
    with Chronicle(path) as chronicle:
        chronicle.ingest(articles)
    return time.perf_counter() - start
