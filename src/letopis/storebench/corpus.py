"""The store over real texts (where ../shared holds them): NEREL train's 746 articles through
the pipeline and the real write path, what the file takes per article, and what storing 10 more
(NEREL dev's first) costs in it against an empty store, in the same run (the store's part: the
pipeline's is the same in both)."""
from __future__ import annotations

import os
import shutil
import statistics
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
        into_full, into_empty = [], []
        for n in range(REPEATS):
            copy = Path(folder) / f"full{n}.duckdb"
            shutil.copyfile(full, copy)
            into_full.append(_timed_ingest(copy, more))
            into_empty.append(_timed_ingest(Path(folder) / f"empty{n}.duckdb", more))
    return {"articles": len(articles), "bytes": size, "more": MORE,
            "into_full": statistics.median(into_full), "into_empty": statistics.median(into_empty)}, articles


def _processed(files: list[Path], pipeline: Any) -> list[Article]:
    read = [a for a in read_paths([str(f) for f in files]) if isinstance(a, Article)]
    return [a for start in range(0, len(read), 32) for a in pipeline.run(read[start:start + 32])]


def _timed_ingest(path: Path, articles: list[Article]) -> float:
    """Seconds to store processed articles: opening the store for writing, one batch, closing."""
    start = time.perf_counter()
    with Chronicle(path) as chronicle:
        chronicle.ingest(articles)
    return time.perf_counter() - start
