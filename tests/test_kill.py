"""SIGKILL at random moments never loses a committed decision; every exercise resumes and verifies."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from uuid import UUID

import pytest

from drillsim.session.live import LiveSession
from drillsim.session.replay import verify
from drillsim.store.application import ExerciseStore
from tests.conftest import MINI_MINE, REPO

KILLS = 20


@pytest.mark.slow
def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    path = tmp_path / "kill.sqlite"
    url = f"sqlite:///{path}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    outcomes = []
    for attempt in range(KILLS):
        proc = subprocess.Popen([sys.executable, str(REPO / "tests" / "kill_target.py"), url, str(MINI_MINE),
                                 str(attempt)], stdout=subprocess.PIPE, text=True, env=env)
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
        reader.start()
        deadline = time.monotonic() + 30
        while not lines and time.monotonic() < deadline:
            time.sleep(0.005)
        assert lines, "the target did not start"
        time.sleep(rng.uniform(0.0, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join(timeout=5)
        ident = UUID(lines[0].split()[1])
        # only whole lines count: a line cut short by the kill was not announced
        committed = [int(line.split()[1]) for line in lines[1:] if line.startswith("COMMITTED ") and line.endswith("\n")]

        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store = ExerciseStore.open(url)
        noted = [int(p["decision"]["text"].split()[1]) for _, kind, p in store.inputs(ident) if kind == "decision"]
        assert noted[: len(committed)] == committed, f"attempt {attempt}: a committed decision was lost"
        if store.log(ident).status != "ended":
            session = LiveSession.resume(store, ident)
            session.run()
        assert verify(store, ident).identical
        outcomes.append(len(committed))
        store.close()
    assert len(set(outcomes)) > 5, f"the kills did not land at different moments: {outcomes}"
