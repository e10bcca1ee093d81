"""Workers die with their parent: `kill -9` of a running `letopis ingest` leaves no process of it
behind within 10 s; and the watching thread alone (without the kernel's parent-death signal)
ends an orphaned worker, as does the kernel's signal alone."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from processes import ROOT, descendants, environment, still_alive, wait_for_busy_workers
from test_stops import _start_ingest, long_corpus


def test_kill_9_of_ingest_leaves_no_process(tmp_path):
    child = _start_ingest(long_corpus(tmp_path / "in", count=24), tmp_path / "c.duckdb")
    workers = wait_for_busy_workers(child.pid, 2)
    everyone = descendants(child.pid)
    assert workers <= everyone
    child.kill()
    child.wait()
    assert not still_alive(everyone, within=10), "processes of the ingest outlived it"


# A parent that starts a child which takes one of lifeline's two ways to notice its parent's
# death (then waits), prints the child's pid, and waits.
ORPHAN = textwrap.dedent("""
    import os, subprocess, sys, time
    way = {"kernel": "lifeline._ask_kernel(); time.sleep(600)", "watcher": "lifeline._watch(int(sys.argv[1]))"}
    code = "import sys, time; from letopis import lifeline; " + way[sys.argv[1]]
    child = subprocess.Popen([sys.executable, "-c", code, str(os.getpid())])
    print(child.pid, flush=True)
    time.sleep(600)
""")


@pytest.mark.parametrize("way", ["kernel", "watcher"])
def test_each_way_alone_ends_an_orphan(way):
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN, way], stdout=subprocess.PIPE, text=True,
                              env=environment(), cwd=ROOT, start_new_session=True)
    orphan = int(parent.stdout.readline())
    time.sleep(1)
    assert still_alive({orphan}, within=0) == [orphan], "the child exited with its parent alive"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    assert not still_alive({orphan}, within=5)
