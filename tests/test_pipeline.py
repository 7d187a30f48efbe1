"""Cron-readiness of `samorzad run`: one run at a time, stale locks taken over."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from transform.pipeline import RunError, RunLock


def test_second_run_is_refused_while_the_first_holds_the_lock(tmp_path):
    lock = tmp_path / ".samorzad.lock"
    with RunLock(lock):
        assert lock.read_text().split()[0] == str(os.getpid())
        with pytest.raises(RunError, match="another run"):
            with RunLock(lock):
                pass
    assert not lock.exists()


def test_lock_of_a_killed_run_is_taken_over(tmp_path):
    lock = tmp_path / ".samorzad.lock"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.write_text(f"{dead.stdout.strip()} somehost\n")
    with RunLock(lock):
        assert lock.read_text().split()[0] == str(os.getpid())
