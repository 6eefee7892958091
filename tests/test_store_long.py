"""Long exercises on a real SQLite store: checkpoints that do not grow, exact `state_at`, one read to score."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from drillsim import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.state import fold, state_to_dict
from drillsim.session.live import LiveSession
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore
from drillsim.store.checkpoints import CheckpointError
from drillsim.workspace import Workspace

MIN = 60_000
EVERY = 50


@pytest.fixture
def dense_checkpoints(monkeypatch) -> None:
    """A checkpoint every 50 events, so that short exercises have many."""
    import drillsim.session.live as live

    monkeypatch.setattr(live, "CHECKPOINT_EVERY", EVERY)


def played(store: ExerciseStore, loaded, notes: int, seed: int = 4, until: int | None = None) -> LiveSession:  # noqa: ANN001
    """A people-played exercise: command, warnings issued and lifted, a rejected decision, and `notes` notes."""
    session = LiveSession.start(store, loaded, seed=seed, human_roles=["banner", "enterprise"])
    session.advance_to(2 * MIN)
    session.decide(d.EstablishCommand(actor="enterprise"))
    session.decide(d.LiftWarning(actor="county_government", color="red"))  # none issued: rejected
    end = until or loaded.scenario.duration - MIN
    step = max((end - 3 * MIN) // max(notes, 1), 1)
    for i in range(notes):
        session.advance_to(3 * MIN + (i + 1) * step)
        session.decide(d.Note(actor="county_government", text=f"记录 {i}"))
        if i % 97 == 0:
            session.decide(d.IssueWarning(actor="county_government", color="blue"))
        if i % 97 == 50:
            session.decide(d.LiftWarning(actor="county_government", color="blue"))
    if until is None:
        session.run(commit_events=EVERY)
    return session


def checkpoint_sizes(path: Path) -> list[int]:
    """The stored size in bytes of every checkpoint record, oldest first."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT length(state) FROM stored_events WHERE topic LIKE '%Checkpoint%' "
                          "ORDER BY originator_version").fetchall()
    return [size for (size,) in rows]


def test_checkpoint_size_does_not_grow_with_the_exercise(tmp_path: Path, mini_mine, dense_checkpoints) -> None:
    sizes = {}
    for notes in (100, 800):
        path = tmp_path / f"{notes}.sqlite"
        store = ExerciseStore.open(f"sqlite:///{path}")
        session = played(store, mini_mine, notes)
        assert len(session.events) > 2 * notes
        sizes[notes] = checkpoint_sizes(path)
        store.close()
    short, long = sizes[100], sizes[800]
    assert len(long) > 4 * len(short)
    # eight times the notes: the newest checkpoint is no bigger than the biggest of the short exercise
    assert max(long[len(long) // 2:]) <= 1.2 * max(short)
    full = len(json.dumps(state_to_dict(session.state), ensure_ascii=False).encode())
    assert max(long) < full / 10  # a whole state holds every note; a checkpoint holds about 50 events' worth


def test_state_at_any_time_equals_the_fold_of_the_events_before_it(tmp_path: Path, mini_mine,
                                                                    dense_checkpoints) -> None:
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    session = played(store, mini_mine, 150)
    events = store.domain_events(session.id)
    assert any(isinstance(e, ev.DecisionRejected) for e in events)
    assert any(isinstance(e, ev.WarningLifted) for e in events)  # a dict entry removed between checkpoints
    checkpoints = store.log(session.id).checkpoints
    assert len(checkpoints) >= 6
    moments = {t + dt for _, _, t in checkpoints for dt in (-1, 0, 1)} | {e.t for e in events[::37]}
    for t in sorted(moments):
        assert store.state_at(session.id, t) == fold(events, until_t=t), t


def test_a_resumed_exercise_carries_on_its_chain_of_checkpoints(tmp_path: Path, mini_mine, dense_checkpoints) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    first = ExerciseStore.open(url)
    session = played(first, mini_mine, 60, until=200 * MIN)
    session.close()
    first.close()
    store = ExerciseStore.open(url)  # a new process: the next delta's base comes from the stored chain
    resumed = LiveSession.resume(store, session.id)
    for i in range(60):
        resumed.advance_to(resumed.now + 2 * MIN)
        resumed.decide(d.Note(actor="county_government", text=f"续 {i}"))
    resumed.run(commit_events=EVERY)
    events = store.domain_events(session.id)
    for _, _, t in store.log(session.id).checkpoints:
        assert store.state_at(session.id, t) == fold(events, until_t=t)


def _legacy_checkpoint(log: ExerciseLog, state) -> None:  # noqa: ANN001
    """A checkpoint as drillsim wrote them until engine 4: the whole state."""
    log.trigger_event(ExerciseLog.Checkpointed, timestamp=log._at(state.t), seq=state.seq, t=state.t,
                      state=state_to_dict(state))


def test_checkpoints_of_the_older_full_format_still_read(tmp_path: Path, mini_mine, monkeypatch,
                                                         dense_checkpoints) -> None:
    """An exercise whose first checkpoints are whole states (older drillsim), resumed by this one: every
    checkpoint, old and new, gives the state of the events before it."""
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    with monkeypatch.context() as older:
        older.setattr(ExerciseLog, "checkpoint", lambda self, seq, t, delta: None)
        session = LiveSession.start(store, mini_mine, seed=5, human_roles=["banner"])
        for i in range(3):
            session.advance_to((i + 1) * 20 * MIN)
            session.decide(d.Note(actor="county_government", text=f"旧 {i}"))
            _legacy_checkpoint(session.log, session.state)
            store.save(session.log)
        session.close()
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    resumed = LiveSession.resume(store, session.id)
    resumed.run(commit_events=EVERY)
    topics = [r.topic.rsplit(".", 1)[-1] for r in store.recorder.select_events(session.id)]
    assert topics.count("Checkpointed") == 3 and "CheckpointRecorded" in topics
    events = store.domain_events(session.id)
    checkpoints = store.log(session.id).checkpoints
    for _, _, t in checkpoints:
        assert store.state_at(session.id, t) == fold(events, until_t=t)


def test_a_broken_chain_is_an_error_not_a_wrong_state(tmp_path: Path, mini_mine, dense_checkpoints) -> None:
    path = tmp_path / "s.sqlite"
    store = ExerciseStore.open(f"sqlite:///{path}")
    session = played(store, mini_mine, 40)
    store.close()
    with sqlite3.connect(path) as db:
        version, state = db.execute("SELECT originator_version, state FROM stored_events WHERE topic LIKE "
                                    "'%CheckpointRecorded' ORDER BY originator_version DESC LIMIT 1").fetchone()
        data = json.loads(state)
        data["delta"]["base"] = version + 5
        db.execute("UPDATE stored_events SET state = ? WHERE originator_version = ? AND topic LIKE "
                   "'%CheckpointRecorded'", (json.dumps(data).encode(), version))
    store = ExerciseStore.open(f"sqlite:///{path}")
    with pytest.raises(CheckpointError, match="as its base"):
        store.state_at(session.id, store.log(session.id).last_t)


def test_scoring_a_stored_exercise_reads_its_log_once(tmp_path: Path, mini_mine) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    store = ExerciseStore.open(url)
    session = played(store, mini_mine, 30)
    store.close()
    with Workspace(url) as workspace:
        workspace.replay(session.id).observe("评估员", "指挥部建立及时", 10 * MIN, "command_coordination")
        workspace.replay(session.id).override("R1", "评估员", "复核", verdict="met")
    with Workspace(url) as workspace:  # as `drillsim score` does: open, read, score
        store = workspace._opened()
        stored = len(store.recorder.select_events(session.id))
        rows: list[int] = []
        select_events = store.recorder.select_events

        def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            page = select_events(*args, **kwargs)
            rows.append(len(page))
            return page

        store.recorder.select_events = counted  # the real recorder, counting what it returns
        scored = workspace.score(session.id)
    assert sum(rows) == stored
    assert len(scored.replay.events) == len(session.events)
    assert [o.author for o in scored.card.observations] == ["评估员"]


def test_reading_pauses_the_collector_and_restores_it(tmp_path: Path, mini_mine) -> None:
    import gc
    import threading

    from drillsim.store.reading import collector_paused

    store = ExerciseStore.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    session = played(store, mini_mine, 5)
    assert gc.isenabled()
    store.read(session.id)
    store.domain_events(session.id)
    assert gc.isenabled()
    inside = threading.Event()
    leave = threading.Event()

    def reader() -> None:
        with collector_paused():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=reader)
    thread.start()
    inside.wait(10)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other reader still reads
    leave.set()
    thread.join()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
