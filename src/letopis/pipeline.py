"""The order of the stages. Each stage is a module with NEEDS, ADDS and run(articles, models)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import ModuleType

from . import cleanup, confidence, entities, events, geo, language, link, quotes, times
from .models import Models
from .records import Article

STAGES: list[ModuleType] = [cleanup, language, entities, geo, link, times, quotes, events, confidence]


class Pipeline:
    """Runs the stages over batches of articles, with models loaded once."""

    def __init__(self, models: Models | None = None, stages: list[ModuleType] | None = None,
                 batch_size: int = 16):
        self.models = models or Models()
        self.stages = stages if stages is not None else STAGES
        self.batch_size = batch_size
        self.timings: dict[str, float] = {}

    def __call__(self, article: Article) -> Article:
        return self.run([article])[0]

    def run(self, articles: list[Article]) -> list[Article]:
        import time
        for stage in self.stages:
            started = time.perf_counter()
            articles = stage.run(articles, self.models)
            name = stage.__name__.rsplit(".", 1)[-1]
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
        return articles

    def stream(self, articles: Iterable[Article]) -> Iterator[Article]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self.run(batch)
                batch = []
        if batch:
            yield from self.run(batch)
