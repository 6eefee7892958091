"""A stored topic is data: only drillsim's own event classes are ever resolved from it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from drillsim.session.live import LiveSession
from drillsim.store.application import ExerciseStore
from drillsim.store.integrity import DamagedLog
from drillsim.store.topics import ForeignTopic, event_topics
from tests.conftest import REPO


def _stored_exercise(tmp_path: Path, mini_mine) -> tuple[Path, str]:
    path = tmp_path / "s.sqlite"
    store = ExerciseStore.open(f"sqlite:///{path}")
    session = LiveSession.start(store, mini_mine, seed=4)
    session.run()
    for n in range(100):  # enough records for a snapshot
        session.facilitate("note", f"note {n}")
    store.close()
    return path, str(session.id)


def test_every_stored_topic_is_allowed(tmp_path: Path, mini_mine) -> None:
    path, _ = _stored_exercise(tmp_path, mini_mine)
    with sqlite3.connect(path) as db:
        topics = {t for (t,) in db.execute("SELECT topic FROM stored_events UNION SELECT topic FROM stored_snapshots")}
    assert topics and topics <= event_topics()


@pytest.mark.parametrize("table", ["stored_events", "stored_snapshots"])
def test_a_rewritten_topic_is_not_imported(tmp_path: Path, mini_mine, table: str) -> None:
    """`this:s` in place of an event class used to run `import this` (it prints the Zen of Python)."""
    path, ident = _stored_exercise(tmp_path, mini_mine)
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE {table} SET topic = 'this:s' WHERE originator_version = "
                   f"(SELECT MAX(originator_version) FROM {table})")
    code = (f"from uuid import UUID\nfrom drillsim.store.application import ExerciseStore\n"
            f"store = ExerciseStore.open('sqlite:///{path}')\n"
            f"try:\n    store.log(UUID('{ident}'))\nexcept Exception as e:\n    print(type(e).__name__, e)\n"
            f"import sys\nprint('this' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert "Beautiful is better than ugly" not in result.stdout
    assert result.stdout.splitlines()[-1] == "False"
    assert result.stdout.startswith(("DamagedLog", "ForeignTopic")) and "'this:s' is not one of drillsim's event classes" in result.stdout


def test_an_unknown_aggregate_topic_inside_a_snapshot_is_refused(tmp_path: Path, mini_mine) -> None:
    path, ident = _stored_exercise(tmp_path, mini_mine)
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT originator_version, state FROM stored_snapshots").fetchall()
        assert rows, "the run is long enough to be snapshotted"
        version, state = rows[-1]
        db.execute("UPDATE stored_snapshots SET state = ? WHERE originator_version = ?",
                   (state.replace(b"drillsim.store.aggregate:ExerciseLog", b"this:s"), version))
    store = ExerciseStore.open(f"sqlite:///{path}")
    from uuid import UUID

    with pytest.raises((ForeignTopic, DamagedLog), match="aggregate topic .this:s."):
        store.log(UUID(ident))
