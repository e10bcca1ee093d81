"""Real processes for the tests: the `letopis` command in a subprocess, run from this checkout."""
from __future__ import annotations

import os
import subprocess
import sys
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
