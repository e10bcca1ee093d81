"""Running the pipeline over a batch of articles, and what an ingest reports: how many were read,
stored, already known, and which inputs failed with what reason."""
from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from .ingest import ReadError
from .records import Article


@dataclass
class IngestReport:
    read: int = 0  # articles read
    added: int = 0  # articles stored now
    known: int = 0  # already stored (same cleaned text): skipped
    processed: int = 0  # run through the pipeline
    failed: list[ReadError] = field(default_factory=list)  # inputs that could not be read or processed
    stored: dict[str, bool] = field(default_factory=dict)  # each article's hash → whether it was stored before

    @property
    def errors(self) -> int:
        return len(self.failed)


def process_batch(pipeline: Any, batch: list[Article]) -> tuple[list[Article], list[ReadError]]:
    """Run the pipeline over a batch; if it fails, article by article, to name the one that fails."""
    try:
        return pipeline.run(batch), []
    except Exception:
        done, failed = [], []
        for article in batch:
            try:
                done += pipeline.run([article])
            except Exception as error:
                failed.append(failure(article, "pipeline", error))
        return done, failed


def run_batches(pipeline: Any, articles: list[Article], batch_size: int, report: IngestReport,
                store: Callable[[list[Article], list[ReadError]], None], lock: AbstractContextManager,
                total: Callable[[int], Any] | None = None, progress: Callable[[int], Any] | None = None,
                stop: Any = None) -> None:
    """Articles through the pipeline a batch at a time, each batch stored (with the inputs it
    failed on) under the lock: `total(n)` hears how many, `progress(k)` each k done, and
    `stop.check()` runs before each batch and raises to end the run there."""
    if total:
        total(len(articles))
    for start in range(0, len(articles), batch_size):
        if stop is not None:
            stop.check()
        batch = articles[start:start + batch_size]
        processed, failed = process_batch(pipeline, batch)
        with lock:
            store(processed, failed)
        report.processed += len(batch)
        if progress:
            progress(len(batch))


def failure(article: Article, step: str, error: Exception) -> ReadError:
    """The error an input gets when a step fails on it, naming the step and the exception."""
    return ReadError(article.path or article.id, f"{step} failed: {type(error).__name__}: {error}")
