"""Old exercises stay replayable: a log written by an earlier drillsim loads, folds and verifies."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from drillsim.engine import events as ev
from drillsim.engine.runner import ENGINE_VERSION
from drillsim.render.state_text import state_dict
from drillsim.render.timeline import timeline_lines
from drillsim.session.exchange import import_jsonl
from drillsim.session.replay import verify
from drillsim.store.application import ExerciseStore
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden"


@pytest.mark.parametrize("name", ["mini-mine-v1", "mini-mine-v3-rejected"])
def test_golden_log_loads_and_replays(name: str, tmp_path, mini_mine) -> None:
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 'g.sqlite'}")
    with (GOLDEN / f"{name}.jsonl").open(encoding="utf-8") as lines:
        ident = import_jsonl(store, lines, scenario=mini_mine)  # older exports carry no scenario content
    expected = json.loads((GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    state = store.full_state(ident)
    assert json.loads(json.dumps(state_dict(state, state.t))) == expected
    log = store.log(ident)
    if log.engine_version == ENGINE_VERSION:
        assert verify(store, ident, mini_mine).identical
    else:  # a newer engine may play differently; the log must still load and fold, checked above
        assert int(log.engine_version) < int(ENGINE_VERSION)


def test_v1_rejections_load_without_chinese_and_the_timeline_falls_back_to_english(tmp_path, mini_mine) -> None:
    """Engine 3 stored DecisionRejected v1 (English reason only): it upcasts to v2 with reason_zh and code empty."""
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 'g.sqlite'}")
    with (GOLDEN / "mini-mine-v3-rejected.jsonl").open(encoding="utf-8") as lines:
        stored = [e for row in map(json.loads, lines) if row["record"] == "step" for e in row["events"]
                  if e["type"] == "decision_rejected"]
        lines.seek(0)
        ident = import_jsonl(store, lines, scenario=mini_mine)  # older exports carry no scenario content
    assert len(stored) == 4 and {e["v"] for e in stored} == {1} and all("code" not in e for e in stored)
    rejected = [e for e in store.domain_events(ident) if isinstance(e, ev.DecisionRejected)]
    assert [(e.code, e.reason_zh) for e in rejected] == [("", "")] * 4
    assert [e.reason for e in rejected] == [e["reason"] for e in stored]
    assert all(ev.to_dict(e)["v"] == 2 for e in rejected)
    zh = [line for line in timeline_lines(rejected, mini_mine.plan.definition, "zh") if "驳回" in line]
    assert len(zh) == 4 and zh[1].endswith("terminate — the termination conditions do not hold yet")


def test_decision_rejected_v1_dict_upcasts_to_v2() -> None:
    old = {"type": "decision_rejected", "v": 1, "t": 60_000, "seq": 7, "number": 2, "actor": "county_government",
           "decision": "terminate", "params": {}, "source": "human", "reason": "the termination conditions do not hold yet"}
    event = ev.from_dict(old)
    assert event == ev.DecisionRejected(t=60_000, seq=7, number=2, actor="county_government", decision="terminate",
                                        params={}, source="human", reason=old["reason"], reason_zh="", code="")
    assert ev.to_dict(event) == {**old, "v": 2, "reason_zh": "", "code": ""}
    assert "code" not in old  # the stored dict is not modified


def test_upcasters_lift_old_event_versions(monkeypatch) -> None:
    """A v1 dict of an event class now at v2 is lifted by its registered upcaster before it is rebuilt."""

    @ev.event("test_renamed_field", version=2)
    class Renamed(ev.DomainEvent):
        new_name: str

    monkeypatch.setitem(ev.EVENT_TYPES, "test_renamed_field", Renamed)

    @ev.upcaster("test_renamed_field", 1)
    def rename(data: dict[str, Any]) -> dict[str, Any]:
        data["new_name"] = data.pop("old_name")
        return data

    try:
        old = {"type": "test_renamed_field", "v": 1, "t": 5, "seq": 0, "old_name": "x"}
        event = ev.from_dict(old)
        assert event == Renamed(t=5, seq=0, new_name="x")
        assert ev.to_dict(event)["v"] == 2
        assert old["old_name"] == "x"  # the stored dict is not modified
    finally:
        ev.UPCASTERS.pop(("test_renamed_field", 1), None)
        ev.EVENT_TYPES.pop("test_renamed_field", None)


def test_missing_upcaster_is_a_clear_error(monkeypatch) -> None:
    @ev.event("test_unlifted", version=3)
    class Unlifted(ev.DomainEvent):
        x: int

    monkeypatch.setitem(ev.EVENT_TYPES, "test_unlifted", Unlifted)
    with pytest.raises(ValueError, match="no upcaster for test_unlifted v2"):
        ev.from_dict({"type": "test_unlifted", "v": 2, "t": 0, "seq": 0, "x": 1})


def test_every_event_class_has_a_version() -> None:
    for kind, cls in ev.EVENT_TYPES.items():
        assert cls.version >= 1 and cls.kind == kind
        assert dataclasses.is_dataclass(cls)


def test_an_open_exercise_of_an_older_engine_says_why_it_cannot_resume(tmp_path, mini_mine) -> None:
    """An exercise left open under engine 3 is replayable but not resumable under a newer engine, and the
    error says so instead of pointing at a mismatch the user cannot fix."""
    from drillsim.session.live import LiveSession, ResumeError

    lines = (GOLDEN / "mini-mine-v3-rejected.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    open_part = [line for line in lines if json.loads(line)["record"] != "ended"][:-1]  # stop before the end
    store = ExerciseStore.open(f"sqlite:///{tmp_path / 'g.sqlite'}")
    ident = import_jsonl(store, open_part, scenario=mini_mine)
    assert store.log(ident).status != "ended"
    with pytest.raises(ResumeError, match=f"recorded by engine 3 and this drillsim runs engine {ENGINE_VERSION}"):
        LiveSession.resume(store, ident)
    assert store.full_state(ident).seq > 0  # still readable
