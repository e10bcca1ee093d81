"""Real processes for the tests: the `letopis` command and `letopis serve` in processes of their
own, run from this checkout, and what they cost."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def environment(**extra: str) -> dict[str, str]:
    """This environment, with the checkout's src/ first on the path and a wide terminal."""
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, "COLUMNS": "200", **extra}


def command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "letopis.cli", *map(str, args)]


def letopis(*args: str | Path, timeout: float = 300, **extra: str) -> subprocess.CompletedProcess:
    """Run `letopis ARGS` to the end; stdout and stderr as text."""
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=timeout,
                          env=environment(**extra), cwd=ROOT)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, *args: str, port: int | None = None, wait: float = 60, **extra: str
            ) -> Iterator[tuple[str, subprocess.Popen]]:
    """`letopis serve --db DB ARGS` in a process of its own, until it answers at its address;
    stopped with SIGTERM at the end (SIGKILL if it does not stop within 10 s). Its output goes
    to a file (a pipe nobody reads could fill up and stall it)."""
    port = port or free_port()
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(command("serve", "--db", db, "--port", str(port), *args), stdout=log,
                                  stderr=subprocess.STDOUT, text=True, env=environment(**extra), cwd=ROOT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + wait
            while not answers(url):
                if server.poll() is not None:
                    log.seek(0)
                    raise AssertionError(f"the server exited with {server.returncode}: {log.read()}")
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
            yield url, server
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


@contextmanager
def app_serving(app) -> Iterator[str]:
    """An ASGI app under uvicorn in a thread of this process, on a free port of 127.0.0.1: its address."""
    import threading
    import uvicorn
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/openapi.json", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def peak_memory(pid: int) -> int:
    """A live process's peak resident memory in bytes (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmHWM for {pid}")


# Linux keeps a process's peak memory across exec, and a child forked from this (large) test
# process starts with this process's size: the command is started by a small Python of its own,
# which waits for it and reports its time and peak.
MEASURE = """
import json, os, subprocess, sys, time
started = time.monotonic()
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "seconds": time.monotonic() - started,
                  "peak": usage.ru_maxrss * 1024}))
"""


def run_measured(args: list[str], timeout: float = 120) -> tuple[int, float, int, str]:
    """Run a command to its end: (exit code, seconds, peak resident bytes of it and the children
    it waited for, stderr)."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True, text=True,
                          timeout=timeout, env=environment(), cwd=ROOT)
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    return measured["code"], measured["seconds"], measured["peak"], done.stderr


def descendants(pid: int) -> set[int]:
    """Every process below `pid` now (children, their children ...)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def resident(pid: int) -> int:
    """A process's resident memory in bytes now (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def pool_workers(pid: int) -> set[int]:
    """The multiprocessing pool workers below `pid` (not its resource tracker)."""
    found = set()
    for child in descendants(pid):
        try:
            line = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"spawn_main" in line:
            found.add(child)
    return found


def wait_for_busy_workers(pid: int, count: int, timeout: float = 120) -> set[int]:
    """Wait until `count` pool workers below `pid` have loaded their models (a few hundred MB)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = pool_workers(pid)
        if len(workers) >= count and all(resident(w) > 250 * 2**20 for w in workers):
            return workers
        time.sleep(0.2)
    raise AssertionError(f"{count} workers did not start below {pid}")


def still_alive(pids: set[int], within: float = 10) -> list[int]:
    """The processes of `pids` still running after waiting up to `within` seconds for them to go."""
    deadline = time.monotonic() + within
    while (left := [p for p in pids if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left
