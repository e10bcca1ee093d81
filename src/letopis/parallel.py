"""All cores on one machine: a process pool whose workers each build one Pipeline and keep it.

Workers are spawned (not forked), so the pool behaves the same on Linux, macOS and Windows and
never inherits half-initialised state from the parent. Batches go out in order and come back in
order; at most a few batches per worker are in flight, so memory stays flat on long inputs.
Workers exit when their parent dies (lifeline.py) and leave Ctrl-C to it (stops.py): a pool left
by an error or a stop kills its workers instead of waiting for their batches.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from .lifeline import die_with_parent
from .models import Models
from .pipeline import Pipeline
from .records import Article

IN_FLIGHT = 2  # batches queued per worker: enough to keep every worker busy

_pipeline: Pipeline | None = None  # the worker's own pipeline, built once per process


def default_workers() -> int:
    """The cores this process may use (the affinity mask, where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def process(articles: Iterable[Article], workers: int | None = None,
            batch_size: int = 16) -> Iterator[Article]:
    """Run the pipeline over articles on `workers` processes (all cores when None), in input order.

    workers=1, or an input that fits in one batch, runs in this process (its matrix products on
    `workers` threads): a pool would only add its start-up time."""
    workers = workers or default_workers()
    articles = iter(articles)
    first = list(islice(articles, batch_size))
    if workers <= 1 or len(first) < batch_size:
        yield from Pipeline(Models(threads=workers), batch_size=batch_size).stream(chain(first, articles))
        return
    with Pool(workers, batch_size) as pool:
        yield from pool.stream(chain(first, articles))


class Pool:
    """The pipeline on worker processes, with the Pipeline's run() and stream(); the workers
    start on first use. Chronicle.ingest_paths(pipeline=Pool(n), batch_size=n * 16) runs its
    batches on all cores.

    Articles come back without their tokens (sentences keep their spans): records, the store and
    exports never read them, and unpickling them cost this process 5 ms an article, a quarter of
    a core at pool speed."""

    def __init__(self, workers: int | None = None, batch_size: int = 16):
        self.workers = workers or default_workers()
        self.batch_size = batch_size
        self._executor: ProcessPoolExecutor | None = None
        self._abandoned = False

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.close(abandon=kind is not None)

    def close(self, abandon: bool = False) -> None:
        """Let the workers finish and go; `abandon` kills them in the middle of their batches,
        and the pool takes no more work (another thread may be waiting on it)."""
        self._abandoned = self._abandoned or abandon
        if self._executor is None:
            return
        if abandon:  # the executor has no public way to stop a busy worker
            for worker in list(getattr(self._executor, "_processes", {}).values()):
                worker.kill()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None

    def run(self, articles: list[Article]) -> list[Article]:
        return list(self.stream(articles))

    def stream(self, articles: Iterable[Article]) -> Iterator[Article]:
        executor = self._start()
        pending: deque[Future] = deque()
        try:
            for batch in _batches(iter(articles), self.batch_size):
                pending.append(executor.submit(_run, batch))
                if len(pending) >= IN_FLIGHT * self.workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:  # the caller stopped early: drop what it will not read
                future.cancel()

    def _start(self) -> ProcessPoolExecutor:
        if self._abandoned:
            raise RuntimeError("the pool was abandoned")
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(self.batch_size, os.getpid()))
        return self._executor


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(islice(articles, size)):
        yield batch


def _start_worker(batch_size: int, parent: int) -> None:
    global _pipeline
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    _pipeline = Pipeline(batch_size=batch_size)


def _run(batch: list[Article]) -> list[Article]:
    assert _pipeline is not None, "the pool initializer builds the pipeline"
    articles = _pipeline.run(batch)
    for article in articles:
        for sentence in article.sentences:
            sentence.tokens = []
    return articles
