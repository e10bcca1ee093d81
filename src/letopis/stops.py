"""Clean stops for long commands. The first Ctrl-C or SIGTERM asks the work to stop after the
batch in flight; a batch not done within the grace period is abandoned whole: the process exits
there and then, its open transaction never commits (DuckDB keeps only committed batches) and the
workers die with it (lifeline.py). A second signal exits at once. What was committed stays, and
the same command run again goes on from there.

Nothing is raised from the signal handlers themselves: DuckDB turns an exception raised during a
query into its own "Query interrupted" error, which the store would take for a failed batch."""
from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

GRACE = 3.0  # seconds the batch in flight may take to finish: within the 5 s a stop may take
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    """Raised between batches once a stop was asked. A BaseException, as KeyboardInterrupt is:
    the handlers that retry an article one by one must not take it for that article's failure."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for Ctrl-C, 143 for SIGTERM


class Stop:
    """Whether a stop was asked; check() between batches raises Stopped when it was."""

    def __init__(self) -> None:
        self.signum: int | None = None

    @property
    def requested(self) -> bool:
        return self.signum is not None

    def request(self, signum: int = signal.SIGTERM) -> None:
        """Ask for the stop from code (a server shutting down) rather than from a signal."""
        self.signum = self.signum or signum

    def check(self) -> None:
        if self.signum is not None:
            raise Stopped(self.signum)


@contextmanager
def stopping(grace: float = GRACE) -> Iterator[Stop]:
    """Signal handlers for the work inside the block. Only the main thread can have them: called
    from another, the block runs without (its caller handles signals)."""
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def asked(signum: int, frame: object) -> None:
        if stop.requested:
            os._exit(128 + signum)  # a second signal: at once
        stop.request(signum)
        print("letopis: stopping after the batch in flight (Ctrl-C again quits at once)",
              file=sys.stderr, flush=True)
        signal.setitimer(signal.ITIMER_REAL, grace)

    def overdue(signum: int, frame: object) -> None:
        os.write(2, f"letopis: the batch in flight did not finish within {grace:g} s: abandoned, "
                    "nothing of it is stored\n".encode())
        os._exit(128 + (stop.signum or signal.SIGTERM))

    previous = {s: signal.signal(s, asked) for s in SIGNALS}
    previous[signal.SIGALRM] = signal.signal(signal.SIGALRM, overdue)
    try:
        yield stop
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
