"""A worker process that exits when its parent dies, so that a `kill -9` of `letopis ingest`
leaves no workers behind: the kernel's parent-death signal on Linux, and everywhere a thread
that watches the parent's pid (a worker reparented to init has another parent)."""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_EVERY = 0.5  # seconds between looks at the parent


def die_with_parent(parent: int) -> None:
    """Call first thing in a worker: it exits within a second of `parent` dying."""
    _ask_kernel()
    if os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="letopis-lifeline").start()


def _ask_kernel() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl to be had: the watching thread alone
        pass


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_EVERY)
    os._exit(1)
