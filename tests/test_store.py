"""The event store on real SQLite files and a real PostgreSQL server: record, replay, resume, verify, fork."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from drillsim import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.engine.state import fold
from drillsim.session.compare import compare
from drillsim.session.exchange import ExportFileError, export_jsonl, import_jsonl
from drillsim.session.live import LiveSession, ResumeError
from drillsim.session.replay import ForkError, fork, verify
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseNotFound, ExerciseStore

MIN = 60_000


def streams(events: list[ev.DomainEvent]) -> list[dict]:
    return [ev.to_dict(e) for e in events]


def test_persisted_run_equals_in_memory_run(store_url: str, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    session = LiveSession.start(store, mini_mine, seed=7)
    session.run()
    in_memory = play(mini_mine.plan, mini_mine.scenario, 7)
    assert streams(store.domain_events(session.id)) == streams(in_memory.events)
    assert store.full_state(session.id) == in_memory.state
    log = store.log(session.id)
    assert log.status == "ended" and log.ended_reason == in_memory.state.ended


def test_first_event_records_provenance(store_url: str, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    session = LiveSession.start(store, mini_mine, seed=3, policy="late-reporter", human_roles=["banner"],
                                participants=[{"name": "王伟", "role": "banner"}])
    created = next(iter(store.stored(session.id)))
    assert isinstance(created, ExerciseLog.Created)
    assert len(created.scenario_sha256) == len(created.plan_sha256) == 64
    assert created.layers_sha256.keys() == {"decree-493"}
    assert (created.seed, created.policy, created.human_roles) == (3, "late-reporter", ["banner"])
    assert created.participants == [{"name": "王伟", "role": "banner"}]
    assert created.engine_version
    assert created.timestamp.isoformat().startswith("2025-03-14T02:10")  # simulation time, not the wall clock


def test_ids_are_deterministic_per_store(tmp_path: Path, mini_mine) -> None:
    ids = []
    for name in ("a", "b"):
        store = ExerciseStore.open(f"sqlite:///{tmp_path / name}.sqlite")
        ids.append([LiveSession.start(store, mini_mine, seed=5).id for _ in range(2)])
    assert ids[0] == ids[1] and ids[0][0] != ids[0][1]


def test_same_seed_runs_are_separate_exercises_with_the_same_story(tmp_path: Path, mini_mine) -> None:
    """Two runs with one seed are two exercises; the events do not depend on the id."""
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    sessions = [LiveSession.start(store, mini_mine, seed=5) for _ in range(2)]
    for session in sessions:
        session.run()
    assert sessions[0].id != sessions[1].id
    assert streams(store.domain_events(sessions[0].id)) == streams(store.domain_events(sessions[1].id))


def test_state_at_equals_fold_of_prefix(store_url: str, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    session = LiveSession.start(store, mini_mine, seed=2)
    session.run()
    events = store.domain_events(session.id)
    for t in (0, 20 * MIN, 45 * MIN, 90 * MIN, 4 * 60 * MIN, events[-1].t):
        assert store.state_at(session.id, t) == fold(events, until_t=t)


def test_checkpoints_are_used_and_agree(tmp_path: Path, mini_mine, monkeypatch) -> None:
    import drillsim.session.live as live

    monkeypatch.setattr(live, "CHECKPOINT_EVERY", 50)
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    session = LiveSession.start(store, mini_mine, seed=2)
    session.run(commit_events=50, step=10 * MIN)
    log = store.log(session.id)
    assert len(log.checkpoints) >= 3
    events = store.domain_events(session.id)
    for _, seq, t in log.checkpoints:
        assert store.state_at(session.id, t) == fold(events, until_t=t)


def test_list_and_resolve(store_url: str, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    a = LiveSession.start(store, mini_mine, seed=1)
    a.run()
    b = LiveSession.start(store, mini_mine, seed=2)
    rows = {r.id: r for r in store.summaries()}
    assert rows[a.id].status == "ended (terminated)" and rows[b.id].status == "open"
    assert store.resolve(a.id.hex[:8]) == a.id
    with pytest.raises(ExerciseNotFound, match="no exercise"):
        store.resolve("ffffffffffff")


def test_decisions_commit_and_resume_in_a_new_process(store_url: str, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    session = LiveSession.start(store, mini_mine, seed=11, human_roles=["enterprise"])
    session.advance_to(2 * MIN)
    assert session.decide(d.EstablishCommand(actor="enterprise", rationale="at once")) is None
    session.advance_to(6 * MIN)
    assert session.decide(d.Report(actor="site_personnel", obligation="site_to_unit_head")) is None
    session.inject("enterprise", "矿长电话打不通", "The mine manager does not answer")
    session.facilitate("pause")
    session.advance_to(20 * MIN)
    before = streams(session.events)
    store.close()

    reopened = ExerciseStore.open(store_url)  # as a later process would
    resumed = LiveSession.resume(reopened, session.id)
    assert streams(resumed.events) == before and resumed.now == 20 * MIN
    assert resumed.decide(d.Report(actor="unit_head", obligation="unit_head_phone")) is None
    resumed.run()
    assert resumed.ended
    report = verify(reopened, session.id)
    assert report.identical, report.divergence
    kinds = [k for _, k, _ in reopened.inputs(session.id)]
    assert kinds == ["decision", "decision", "inject", "decision"]


def test_ended_exercise_does_not_resume(store_url: str, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    session = LiveSession.start(store, mini_mine, seed=1)
    session.run()
    with pytest.raises(ResumeError, match="has ended"):
        LiveSession.resume(store, session.id)


def _tamper_sqlite(path: str, ident) -> None:  # noqa: ANN001
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT rowid, state FROM stored_events ORDER BY originator_version").fetchall()
        for rowid, state in rows:
            text = bytes(state).decode()
            if '"trapped":5' in text.replace(" ", ""):
                db.execute("UPDATE stored_events SET state=? WHERE rowid=?",
                           (text.replace('"trapped": 5', '"trapped": 4').replace('"trapped":5', '"trapped":4').encode(),
                            rowid))
                return
    raise AssertionError("nothing to tamper with")


def _tamper_postgres(url: str, ident) -> None:  # noqa: ANN001
    import psycopg

    from drillsim.store.config import persistence_env

    env = persistence_env(url)
    conninfo = f"host={env['POSTGRES_HOST']} port={env['POSTGRES_PORT']} user={env['POSTGRES_USER']} " \
               f"dbname={env['POSTGRES_DBNAME']}"
    with psycopg.connect(conninfo, autocommit=True) as c:
        rows = c.execute("SELECT originator_version, state FROM drillsim_events WHERE originator_id=%s "
                         "ORDER BY originator_version", (ident,)).fetchall()
        for version, state in rows:
            text = bytes(state).decode()
            if '"trapped":5' in text.replace(" ", ""):
                new = text.replace('"trapped": 5', '"trapped": 4').replace('"trapped":5', '"trapped":4').encode()
                c.execute("UPDATE drillsim_events SET state=%s WHERE originator_id=%s AND originator_version=%s",
                          (new, ident, version))
                return
    raise AssertionError("nothing to tamper with")


def test_verify_detects_an_altered_event(store_url: str, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    session = LiveSession.start(store, mini_mine, seed=4)
    session.run()
    assert verify(store, session.id).identical
    store.close()
    if store_url.startswith("sqlite"):
        _tamper_sqlite(store_url.removeprefix("sqlite:///"), session.id)
    else:
        _tamper_postgres(store_url, session.id)
    report = verify(ExerciseStore.open(store_url), session.id)
    assert not report.identical
    assert len(report.problems) == 1 and "(StepRecorded at +" in report.problems[0]
    assert report.problems[0].endswith("was altered: its content does not match its digest")


def test_fork_drop_and_replace_and_diff(store_url: str, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    parent = LiveSession.start(store, mini_mine, seed=6)
    parent.run()
    handover = next(e for e in store.domain_events(parent.id)
                    if isinstance(e, ev.DecisionAccepted) and e.decision == "hand_over_command")
    dropped = fork(store, parent.id, handover.number, None)
    assert dropped.log.parent_id == str(parent.id)
    assert dropped.log.fork["change"] == "drop"
    assert verify(store, dropped.id).identical
    comparison = compare(store, parent.id, dropped.id)
    assert comparison.first_divergence is not None and comparison.rows()

    replaced = fork(store, parent.id, handover.number,
                    d.HandOverCommand(actor=handover.actor, to=handover.params["to"], briefing=("situation",)))
    handovers = [e for e in replaced.events if isinstance(e, ev.CommandHandedOver)]
    assert handovers[0].missing_briefing  # the what-if briefing was incomplete
    assert verify(store, replaced.id).identical
    with pytest.raises(ForkError, match="no decision #9999"):
        fork(store, parent.id, 9999, None)


def test_fork_of_a_human_decision(store_url: str, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    parent = LiveSession.start(store, mini_mine, seed=8, human_roles=["enterprise"])
    parent.advance_to(3 * MIN)
    parent.decide(d.EstablishCommand(actor="enterprise"))
    parent.advance_to(30 * MIN)
    number = next(e.number for e in parent.events if isinstance(e, ev.DecisionAccepted) and e.source == "human")
    child = fork(store, parent.id, number, None)
    assert child.state.commander is None
    assert [k for _, k, _ in store.inputs(child.id)] == []
    assert verify(store, child.id).identical


def test_export_import_round_trip(store_url: str, tmp_path: Path, mini_mine) -> None:
    store = ExerciseStore.open(store_url)
    session = LiveSession.start(store, mini_mine, seed=9, human_roles=["banner"])
    session.advance_to(40 * MIN)
    session.decide(d.Note(actor="county_government", text="召开会商会"))
    session.run()
    lines = list(export_jsonl(store, session.id))
    other = ExerciseStore.open(f"sqlite:///{tmp_path / 'other.sqlite'}")
    ident = import_jsonl(other, lines)
    assert ident == session.id
    assert streams(other.domain_events(ident)) == streams(store.domain_events(session.id))
    assert verify(other, ident).identical
    with pytest.raises(ExportFileError, match="already in this store"):
        import_jsonl(other, lines)
    copy = import_jsonl(other, lines, new_id=True)
    assert copy != ident
    with pytest.raises(ExportFileError, match="line 1"):
        import_jsonl(other, ['{"record": "nonsense"}'])
    with pytest.raises(ExportFileError, match="line 2, column 2: not JSON"):
        import_jsonl(other, [lines[0], "{not json"])


def test_sqlite_file_passes_integrity_check(tmp_path: Path, mini_mine) -> None:
    path = tmp_path / "s.sqlite"
    store = ExerciseStore.open(f"sqlite:///{path}")
    LiveSession.start(store, mini_mine, seed=1).run()
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_export_is_valid_json_lines(tmp_path: Path, mini_mine) -> None:
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    session = LiveSession.start(store, mini_mine, seed=1)
    session.run()
    rows = [json.loads(line) for line in export_jsonl(store, session.id)]
    assert rows[0]["record"] == "exercise" and rows[-2]["record"] == "ended" and rows[-1]["record"] == "end"
    assert rows[-1]["records"] == len(rows) - 1 and set(rows[0]["content"]) == {"scenario", "plan", "layers"}


def test_headless_run_commits_once_per_batch(tmp_path: Path, mini_mine, monkeypatch) -> None:
    """A headless run without people commits its events in batches (each commit is a disk sync), and a run
    started with commit=False sends its opening events with the first batch; nothing is lost either way."""
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    commits: list[int] = []
    real_commit = ExerciseStore.commit
    monkeypatch.setattr(ExerciseStore, "commit",
                        lambda self, log, t, events, *a, **k: (commits.append(len(events)),
                                                               real_commit(self, log, t, events, *a, **k))[1])
    session = LiveSession.start(store, mini_mine, seed=2, commit=False)
    assert commits == []
    session.run(commit_events=100_000)
    assert len(commits) == 1 and commits[0] == len(session.events)
    assert [ev.to_dict(e) for e in store.domain_events(session.id)] == [ev.to_dict(e) for e in session.events]
    assert store.log(session.id).status == "ended"


def test_checkpoint_data_is_the_json_round_trip_of_the_state(mini_mine) -> None:
    import dataclasses

    from drillsim.engine.state import state_to_dict

    exercise = play(mini_mine.plan, mini_mine.scenario, 3, "concealer")
    for cut in range(0, len(exercise.events), 25):
        state = fold(exercise.events[:cut])
        assert state_to_dict(state) == json.loads(json.dumps(dataclasses.asdict(state)))


def test_an_exercise_stopped_before_its_first_commit_verifies_and_resumes(store_url: str, mini_mine) -> None:
    """A headless run commits its Created record at once and its events later; killed in between, it is an
    exercise with no events that verifies and resumes from the start."""
    store = ExerciseStore.open(store_url)
    session = LiveSession.start(store, mini_mine, seed=3, commit=False)
    store.close()
    store = ExerciseStore.open(store_url)
    assert verify(store, session.id).identical and store.domain_events(session.id) == []
    resumed = LiveSession.resume(store, session.id)
    resumed.run()
    assert streams(store.domain_events(session.id)) == streams(play(mini_mine.plan, mini_mine.scenario, 3).events)
    assert verify(store, session.id).identical
