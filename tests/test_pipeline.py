"""Cron-readiness of `samorzad run`: one process per archive and dataset, stale locks taken
over only when their process is really gone, and loud health problems."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from transform.pipeline import RunError, RunLock, health_problems, process_start

ROOT = Path(__file__).resolve().parents[1]


def _holder(lock: Path) -> dict:
    return json.loads(lock.read_text())


def test_second_run_is_refused_while_the_first_holds_the_lock(tmp_path):
    lock = tmp_path / ".samorzad.lock"
    with RunLock(lock, verb="crawl"):
        assert _holder(lock)["pid"] == os.getpid() and _holder(lock)["verb"] == "crawl"
        with pytest.raises(RunError, match=r"another samorzad process \(pid \d+, samorzad crawl"):
            with RunLock(lock):
                pass
    assert not lock.exists()


def test_lock_of_a_killed_run_is_taken_over(tmp_path):
    lock = tmp_path / ".samorzad.lock"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.write_text(f"{dead.stdout.strip()} somehost\n")  # the older "PID HOST" form
    with RunLock(lock):
        assert _holder(lock)["pid"] == os.getpid()


def _sleeper():
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def test_a_reused_pid_is_recognised_by_its_start_time(tmp_path):
    """A lock naming a live process that is not the one that wrote it (pid reuse)."""
    lock = tmp_path / ".samorzad.lock"
    other = _sleeper()
    try:
        start = process_start(other.pid)
        assert start is not None
        lock.write_text(json.dumps({"pid": other.pid, "start": start - 1, "verb": "run"}))
        with RunLock(lock):  # same pid, other start time: its writer is gone
            assert _holder(lock)["pid"] == os.getpid()
        lock.write_text(json.dumps({"pid": other.pid, "start": start, "verb": "run"}))
        with pytest.raises(RunError, match=f"pid {other.pid}"):  # really that process: respected
            with RunLock(lock):
                pass
    finally:
        other.kill()
        other.wait()


def test_a_lock_held_by_another_process_blocks_until_it_dies(tmp_path):
    lock = tmp_path / ".samorzad.lock"
    code = ("import sys, time; sys.path.insert(0, sys.argv[2]); from transform.pipeline import RunLock\n"
            "with RunLock(sys.argv[1], verb='build'):\n    print('held', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(lock), str(ROOT)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RunError, match=rf"pid {holder.pid}, samorzad build"):
            with RunLock(lock):
                pass
    finally:
        holder.kill()  # SIGKILL: no cleanup, the lock file stays behind
        holder.wait()
    assert lock.exists()
    with RunLock(lock):
        assert _holder(lock)["pid"] == os.getpid()


def _crawl(answered: int, failed: int, by_source: dict, requests: int = 10, robots=()) -> dict:
    return {"answered": answered, "requests": requests, "pages": {"failed": failed},
            "answered_by_source": by_source, "robots_outcomes": list(robots)}


def test_health_problems_name_what_cron_must_hear_about():
    assert health_problems(_crawl(20, 2, {"a": 12, "b": 8}), []) == []
    assert health_problems(_crawl(0, 10, {"a": 0}, requests=273), [])[0] == \
        "fetched nothing (none of 273 requests got an answer)"
    blocked = health_problems(_crawl(0, 1, {"a": 0}, robots=[{"url": "http://x.pl/robots.txt",
                                                             "outcome": "disallow"}]), [])
    assert blocked[0] == "fetched nothing (robots.txt unavailable at http://x.pl/robots.txt)"
    too_many = health_problems(_crawl(4, 6, {"a": 4}), [], max_failed_share=0.5)
    assert too_many == ["6 of 10 pages failed (more than 50%; see crawl.fault_reasons)"]
    assert health_problems(_crawl(4, 6, {"a": 4}), [], max_failed_share=0.7) == []


def test_a_source_silent_for_n_runs_is_reported():
    history = [{"crawl": _crawl(5, 0, {"a": 5, "b": 0})}, {"crawl": _crawl(5, 0, {"a": 5, "b": 0})}]
    now = _crawl(5, 0, {"a": 5, "b": 0})
    assert health_problems(now, history, silent_runs=3) == ["source b answered nothing for 3 runs in a row"]
    assert health_problems(now, history[1:], silent_runs=3) == []  # only two runs so far
    assert health_problems(now, [{"crawl": _crawl(5, 0, {"a": 5, "b": 3})}] + history[1:],
                           silent_runs=3) == []
    assert health_problems(now, history, silent_runs=0) == []
