"""Clean stops of `letopis ingest`, as a real process with its pool: Ctrl-C (to the whole
process group, as a terminal sends it) or SIGTERM finish the batch in flight or abandon it whole,
within 5 s, and leave nothing behind; a second Ctrl-C quits at once; the next run goes on."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from processes import ROOT, command, descendants, environment, letopis, still_alive, wait_for_busy_workers
from test_store import _integrity

CITIES = ["Самаре", "Казани", "Перми", "Уфе", "Томске", "Омске", "Твери", "Туле", "Орле", "Курске"]


def long_corpus(folder: Path, count: int = 48) -> Path:
    """Distinct Russian reports of a few kilobytes each: a batch of them takes seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        city = CITIES[i % len(CITIES)]
        sentences = [f"В {city} {1 + (i + k) % 28} мая прошел митинг №{i}-{k}: по оценке полиции, на площадь "
                     f"вышли около {50 + 37 * i + k} человек, сообщил губернатор области журналистам."
                     for k in range(30)]
        (folder / f"news{i:03d}.txt").write_text("date 2023-05-01\n" + " ".join(sentences), encoding="utf-8")
    return folder


def _start_ingest(folder: Path, db: Path) -> subprocess.Popen:
    """`letopis ingest` on two workers, in a session of its own (its own process group)."""
    return subprocess.Popen(command("ingest", folder, "--db", db, "--workers", "2"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=environment(), cwd=ROOT,
                            start_new_session=True)


def _stopped(child: subprocess.Popen, timeout: float = 30) -> tuple[int, float, str]:
    """Wait for the child: (exit code, seconds it took, stderr)."""
    started = time.monotonic()
    _, stderr = child.communicate(timeout=timeout)
    return child.returncode, time.monotonic() - started, stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return long_corpus(tmp_path_factory.mktemp("stops") / "in")


def test_ctrl_c_stops_within_5_s_and_the_next_run_goes_on(corpus, tmp_path):
    db = tmp_path / "c.duckdb"
    child = _start_ingest(corpus, db)
    workers = wait_for_busy_workers(child.pid, 2)
    everyone = descendants(child.pid)
    time.sleep(1)  # the workers are inside their first batch
    os.killpg(child.pid, signal.SIGINT)
    code, seconds, stderr = _stopped(child)
    assert code == 130, stderr
    assert seconds < 5, f"took {seconds:.1f} s"
    assert "stopping after the batch in flight" in stderr
    assert "stopped by SIGINT" in stderr or "abandoned, nothing of it is stored" in stderr
    assert "Traceback" not in stderr
    assert workers <= everyone and not still_alive(everyone)  # the resource tracker goes last
    kept = _integrity(db)["articles"]  # whole batches or nothing of them
    assert kept < 48
    again = letopis("ingest", corpus, "--db", db, "--workers", "2")
    assert again.returncode == 0, again.stderr
    assert f"{48 - kept} added, {kept} already stored" in again.stderr
    assert _integrity(db)["articles"] == 48


def test_sigterm_stops_within_5_s(corpus, tmp_path):
    child = _start_ingest(corpus, tmp_path / "c.duckdb")
    wait_for_busy_workers(child.pid, 2)
    everyone = descendants(child.pid)
    time.sleep(1)
    child.send_signal(signal.SIGTERM)  # to the command alone, as `kill PID` does
    code, seconds, stderr = _stopped(child)
    assert code == 143 and "stopping after the batch in flight" in stderr, stderr
    assert seconds < 5, f"took {seconds:.1f} s"
    assert not still_alive(everyone)
    _integrity(tmp_path / "c.duckdb")


def test_second_ctrl_c_quits_at_once(corpus, tmp_path):
    child = _start_ingest(corpus, tmp_path / "c.duckdb")
    wait_for_busy_workers(child.pid, 2)
    everyone = descendants(child.pid)
    os.killpg(child.pid, signal.SIGINT)
    time.sleep(0.3)
    os.killpg(child.pid, signal.SIGINT)
    code, seconds, stderr = _stopped(child)
    assert code == 130, stderr
    assert "stopped by" not in stderr and "abandoned" not in stderr  # it quit, without an orderly stop
    assert seconds < 5, f"took {seconds:.1f} s"
    assert not still_alive(everyone)  # the workers die with their parent
    _integrity(tmp_path / "c.duckdb")  # the batch in flight rolled back when the file was opened again
