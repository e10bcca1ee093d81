"""Running the pipeline over a batch of articles, and what an ingest reports: how many were read,
stored, already known, and which inputs failed with what reason."""
from __future__ import annotations

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


def failure(article: Article, step: str, error: Exception) -> ReadError:
    """The error an input gets when a step fails on it, naming the step and the exception."""
    return ReadError(article.path or article.id, f"{step} failed: {type(error).__name__}: {error}")
