"""Real processes for the tests: the `letopis` command and `letopis serve` in processes of their
own, run from this checkout, and what they cost."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
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
    stopped with SIGTERM at the end (SIGKILL if it does not stop within 10 s)."""
    port = port or free_port()
    server = subprocess.Popen(command("serve", "--db", db, "--port", str(port), *args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=environment(**extra), cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while not answers(url):
            if server.poll() is not None:
                raise AssertionError(f"the server exited with {server.returncode}: {server.stderr.read()}")
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
        server.stdout.close()
        server.stderr.close()


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


def run_measured(args: list[str], timeout: float = 120) -> tuple[int, float, int, str]:
    """Run a command to its end: (exit code, seconds, peak resident bytes of it and the children
    it waited for, stderr). The peak comes from wait4, for this child alone."""
    started = time.monotonic()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment(),
                             cwd=ROOT)
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    try:
        stderr = child.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
        child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, time.monotonic() - started, usage.ru_maxrss * 1024, stderr
