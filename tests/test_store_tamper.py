"""Every kind of tampering with a stored exercise is found by `verify`, which names the record and the damage.

The rows are altered directly in real SQLite files and a real PostgreSQL database (tests/tamper.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import pytest
from typer.testing import CliRunner

from drillsim.cli import app
from drillsim.session.live import LiveSession
from drillsim.session.replay import verify
from drillsim.store.application import ExerciseStore
from drillsim.workspace import Workspace
from tests.tamper import RawLog

MIN = 60_000


@dataclass(frozen=True)
class Built:
    url: str
    id: UUID

    @property
    def raw(self) -> RawLog:
        return RawLog(self.url, self.id)


def build(url: str, mini_mine, monkeypatch, *, notes: int = 0, after_end: bool = True) -> Built:
    """A mini-mine exercise with every kind of record: steps, an input, checkpoints, facilitator actions,
    observations, overrides and its end (then, unless `after_end` is False, records after the end)."""
    import drillsim.session.live as live

    monkeypatch.setattr(live, "CHECKPOINT_EVERY", 20)
    store = ExerciseStore.open(url)
    session = LiveSession.start(store, mini_mine, seed=4)
    session.run(until=30 * MIN, commit_events=20, step=5 * MIN)
    session.inject("enterprise", "再次透水", "a second inrush")
    for n in range(notes):
        session.facilitate("note", f"note {n}")
    session.run(commit_events=20, step=5 * MIN)
    store.close()
    if after_end:
        with Workspace(url) as workspace:
            replay = workspace.replay(session.id)
            replay.add_bookmark(40 * MIN, "second inrush")
            replay.observe("李静", "the report to the county was late", 50 * MIN, "reporting")
            replay.override("obligation:site_to_unit_head", "李静", "the phone log shows the call", status="met")
    return Built(url, session.id)


def problems(built: Built) -> list[str]:
    store = ExerciseStore.open(built.url)
    try:
        report = verify(store, built.id)
    finally:
        store.close()
    assert not report.identical
    return report.problems


def edit_payload(kind: str, change: Callable[[dict], None], which: int = 0) -> Callable[[RawLog], list[str]]:
    def tamper(raw: RawLog) -> list[str]:
        version = raw.version_of(kind, which)
        state = raw.state(version)
        change(state)
        raw.set_state(version, state)
        return [f"record v{version} ({kind}", "was altered: its content does not match its digest"]

    return tamper


def _deaths(state: dict) -> None:
    state["delta"]["update"].setdefault("figures", {})["deaths"] = 99


def _trapped(state: dict) -> None:
    state["events"][-1]["t"] += 1


def delete_created(raw: RawLog) -> list[str]:
    raw.delete(1)
    return ["the Created record (v1) is missing; the log starts at record v2 (StepRecorded"]


def delete_middle(raw: RawLog) -> list[str]:
    raw.delete(4)
    return ["record v4 missing before record v5 ("]


def delete_ended_not_last(raw: RawLog) -> list[str]:
    version = raw.version_of("Ended")
    raw.delete(version)
    return [f"record v{version} missing before record v{version + 1} (FacilitatorActed"]


def swap(raw: RawLog) -> list[str]:
    raw.swap(4, 5)
    return ["record v4 (", "should follow record v5, not record v3", "record v5 (", "should follow record v3, not record v4"]


def renumber_gap(raw: RawLog) -> list[str]:
    last = raw.rows()[-1][0]
    raw.renumber(last, last + 3)
    return [f"record v{last}–v{last + 2} missing before record v{last + 3}"]


def renumber_close_gap(raw: RawLog) -> list[str]:
    """Delete a record, then move every later one down so the numbers run on without a gap."""
    raw.delete(4)
    for version, _, _ in raw.rows():
        if version > 4:
            raw.renumber(version, version - 1)
    return ["record v4 (", "does not follow record v3: a record between them was deleted"]


def duplicate(raw: RawLog) -> list[str]:
    rows = raw.rows()
    version, topic, state = rows[3]
    raw.insert(rows[-1][0] + 1, topic, state)
    return [f"record v{rows[-1][0] + 1} (", f"duplicates record v{version}", f"should follow record v{version - 1}"]


def foreign_topic(raw: RawLog) -> list[str]:
    raw.set_topic(3, "this:s")
    return ["record v3 cannot be read", "'this:s' is not one of drillsim's event classes"]


def other_event_topic(raw: RawLog) -> list[str]:
    version = raw.version_of("FacilitatorActed")
    raw.set_topic(version, raw.rows()[version - 1][1].replace("FacilitatorActed", "ObservationRecorded"))
    return [f"record v{version} (ObservationRecorded", "was altered"]


TAMPERING = {
    "step payload": edit_payload("StepRecorded", _trapped, 1),
    "input payload": edit_payload("InputRecorded", lambda s: s["payload"].update(text_en="all clear")),
    "checkpoint": edit_payload("CheckpointRecorded", _deaths, -1),
    "facilitator action": edit_payload("FacilitatorActed", lambda s: s.update(value="bookmark: nothing")),
    "observation": edit_payload("ObservationRecorded", lambda s: s.update(text="all reports were on time")),
    "override": edit_payload("OverrideRecorded", lambda s: s.update(reason="I said so")),
    "end reason": edit_payload("Ended", lambda s: s.update(reason="time_limit")),
    "provenance (seed)": edit_payload("Created", lambda s: s.update(seed=5)),
    "delete Created": delete_created,
    "delete a middle record": delete_middle,
    "delete Ended": delete_ended_not_last,
    "swap two records": swap,
    "renumber (gap)": renumber_gap,
    "renumber (no gap)": renumber_close_gap,
    "duplicate a record": duplicate,
    "foreign topic": foreign_topic,
    "another event class's topic": other_event_topic,
}


def test_the_untouched_exercise_verifies(store_url: str, mini_mine, monkeypatch) -> None:
    built = build(store_url, mini_mine, monkeypatch)
    kinds = {topic.rsplit(".", 1)[-1] for _, topic, _ in built.raw.rows()}
    assert kinds == {"Created", "StepRecorded", "InputRecorded", "CheckpointRecorded", "FacilitatorActed",
                     "ObservationRecorded", "OverrideRecorded", "Ended"}
    store = ExerciseStore.open(store_url)
    report = verify(store, built.id)
    assert report.identical and not report.problems and not report.warnings
    assert report.chain.unchained == 0 and report.chain.records == len(built.raw.rows())


@pytest.mark.parametrize("kind", TAMPERING)
def test_tampering_is_found_and_named(store_url: str, mini_mine, monkeypatch, kind: str) -> None:
    built = build(store_url, mini_mine, monkeypatch)
    expected = TAMPERING[kind](built.raw)
    found = "\n".join(problems(built))
    for words in expected:
        assert words in found, f"{kind}: {words!r} not in\n{found}"


def test_a_deleted_created_record_is_listed_as_damaged(store_url: str, mini_mine, monkeypatch) -> None:
    """The exercise used to vanish from `drillsim exercises`; now it is listed, and `show` says it is damaged."""
    built = build(store_url, mini_mine, monkeypatch)
    built.raw.delete(1)
    store = ExerciseStore.open(store_url)
    [summary] = store.summaries()
    assert summary.id == built.id and summary.status == "damaged (no Created record)"
    result = CliRunner().invoke(app, ["show", built.id.hex[:8], "--store", store_url])
    assert result.exit_code == 2 and "its stored log is damaged" in result.output and "Traceback" not in result.output


def test_a_deleted_final_ended_record_is_found(store_url: str, mini_mine, monkeypatch) -> None:
    """The Ended record is the last one: no later link points at it, but the simulation's own end does."""
    built = build(store_url, mini_mine, monkeypatch, after_end=False)
    built.raw.delete(built.raw.version_of("Ended"))
    [problem] = problems(built)
    assert problem.startswith("the simulation ended (terminated) at event #") and "no Ended record" in problem


def test_truncation_before_the_snapshot_is_found(store_url: str, mini_mine, monkeypatch) -> None:
    built = build(store_url, mini_mine, monkeypatch, notes=120)
    last = built.raw.rows()[-1][0]
    built.raw.truncate(60)
    [problem] = problems(built)
    assert problem.startswith("the log ends at record v60 but was snapshotted at v") and "truncated" in problem
    assert last > 100


def test_verify_command_names_the_damage(tmp_path, mini_mine, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    built = build(url, mini_mine, monkeypatch)
    version = built.raw.version_of("Ended")
    built.raw.edit(version, reason="time_limit")
    result = CliRunner().invoke(app, ["verify", built.id.hex[:8], "--store", url])
    assert result.exit_code == 1
    assert "DAMAGED" in result.stdout and f"record v{version} (Ended at +" in result.stdout


def rechain(built: Built) -> None:
    """Recompute every record's link and digest, as a forger who read store/chain.py would."""
    from eventsourcing.persistence import StoredEvent

    from drillsim.store.chain import GENESIS, content_digest

    store = ExerciseStore.open(built.url)
    head = GENESIS
    for number, topic, data in built.raw.rows():
        event = store.mapper.to_domain_event(StoredEvent(built.id, number, topic, data))
        fields = vars(event)
        fields["prev"] = head
        fields["digest"] = head = content_digest(topic, fields)
        built.raw.set_state(number, store.mapper.to_stored_event(event).state)
    store.close()


def test_a_rechained_forgery_still_diverges(tmp_path, mini_mine, monkeypatch) -> None:
    """Whoever recomputes the chain after an edit passes the chain check; the re-simulation still finds it."""
    built = build(f"sqlite:///{tmp_path / 's.sqlite'}", mini_mine, monkeypatch, after_end=False)
    version = built.raw.version_of("StepRecorded", 1)
    state = built.raw.state(version)
    state["events"][-1]["t"] += 1
    built.raw.set_state(version, state)
    rechain(built)
    report = verify(ExerciseStore.open(built.url), built.id)
    assert not report.problems and report.chain.intact
    assert not report.identical and report.divergence is not None


def test_a_rechained_forged_checkpoint_is_found(tmp_path, mini_mine, monkeypatch) -> None:
    """`show --at` trusted an edited checkpoint (it showed 99 deaths); verify folds the events and compares."""
    built = build(f"sqlite:///{tmp_path / 's.sqlite'}", mini_mine, monkeypatch)
    version = built.raw.version_of("CheckpointRecorded", -1)
    state = built.raw.state(version)
    _deaths(state)
    built.raw.set_state(version, state)
    rechain(built)
    report = verify(ExerciseStore.open(built.url), built.id)
    assert report.chain.intact and report.divergence is None and not report.identical
    assert report.problems == [f"checkpoint record v{version} (after event #{state['seq']}) does not match the "
                               "events before it (figures differs)"]
