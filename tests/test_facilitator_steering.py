"""The facilitator's hand on a running exercise: holding, releasing, advancing and editing MSEL injects, ending
it with a reason, discussion pauses, bookmarks and participants. Each is stored, so a replay plays it the same
and `verify` passes; the marks reach the timeline and the report."""

from __future__ import annotations

import json
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drillsim.render.timeline import clock, timeline_lines
from drillsim.workspace import ResumeError, Workspace, events

from tests.conftest import MINI_MINE

MINUTE = 60_000
ORDOS = "ordos-coal-mine"


def delivered(live, inject: str) -> list:
    return [e for e in live.events if isinstance(e, events.InjectDelivered) and e.inject == inject]


def test_a_held_inject_waits_until_released_and_then_comes_at_once(tmp_path) -> None:
    with Workspace(f"sqlite:///{tmp_path}/d.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(ORDOS), 3, "plan", ["enterprise"])
        live.steer_inject("hold", "inj-02-report-clock")  # due at 5 min
        live.advance_to(30 * MINUTE)
        assert delivered(live, "inj-02-report-clock") == []
        live.steer_inject("release", "inj-02-report-clock")
        [late] = delivered(live, "inj-02-report-clock")
        assert late.t == 30 * MINUTE
        live.advance_to(60 * MINUTE)
        assert len(delivered(live, "inj-02-report-clock")) == 1
        assert workspace.verify(live.id).identical


def test_an_advanced_inject_fires_now_and_only_once(tmp_path) -> None:
    with Workspace(f"sqlite:///{tmp_path}/d.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(ORDOS), 3, "plan", ["enterprise"])
        live.advance_to(2 * MINUTE)
        live.steer_inject("advance", "inj-03-blind-rescue")  # due at 15 min
        live.steer_inject("advance", "inj-05-five-trapped")  # conditional: 3 or more trapped
        live.advance_to(90 * MINUTE)
        assert [e.t for e in delivered(live, "inj-03-blind-rescue")] == [2 * MINUTE]
        assert [e.t for e in delivered(live, "inj-05-five-trapped")] == [2 * MINUTE]
        assert workspace.verify(live.id).identical


def test_an_edited_inject_is_delivered_with_its_new_text(tmp_path) -> None:
    with Workspace(f"sqlite:///{tmp_path}/d.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(ORDOS), 3, "plan", ["enterprise"])
        live.steer_inject("edit", "inj-03-blind-rescue", "新的情景", "A new situation")
        live.advance_to(20 * MINUTE)
        [inject] = delivered(live, "inj-03-blind-rescue")
        assert (inject.text_zh, inject.text_en) == ("新的情景", "A new situation")
        assert workspace.verify(live.id).identical


@pytest.mark.parametrize("action, inject", [
    ("hold", "inj-01-inrush"),  # delivered at the start
    ("release", "inj-03-blind-rescue"),  # not held
    ("advance", "no-such-inject"),
    ("edit", "inj-03-blind-rescue"),  # without a text
    ("shelve", "inj-03-blind-rescue"),
])
def test_a_steer_that_cannot_apply_is_refused_and_stores_nothing(tmp_path, action: str, inject: str) -> None:
    with Workspace(f"sqlite:///{tmp_path}/d.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(ORDOS), 3, "plan", ["enterprise"])
        live.advance_to(MINUTE)
        count = live.snapshot().count
        with pytest.raises(ValueError):
            live.steer_inject(action, inject)
        assert live.snapshot().count == count
        assert workspace.replay(live.id).events == live.events
        assert workspace.verify(live.id).identical


def test_ending_stores_the_reason_makes_the_score_final_and_refuses_a_resume(tmp_path) -> None:
    with Workspace(f"sqlite:///{tmp_path}/d.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(ORDOS), 3, "plan", ["enterprise"])
        live.advance_to(40 * MINUTE)
        with pytest.raises(ValueError):
            live.end("  ")
        snapshot = live.end("the room has to be cleared")
        assert snapshot.ended and snapshot.state.ended == "facilitator"
        assert workspace.score(live.id).card.meta.ended == "facilitator"
        assert workspace.verify(live.id).identical
        with pytest.raises(ResumeError):
            workspace.resume(live.id)
        [end] = [m for m in workspace.replay(live.id).markers() if m.kind == "end"]
        assert (end.t, end.text) == (40 * MINUTE, "the room has to be cleared")


def test_discussion_pause_bookmark_and_participants_reach_timeline_and_report(tmp_path) -> None:
    with Workspace(f"sqlite:///{tmp_path}/d.sqlite") as workspace:
        loaded = workspace.load_scenario(ORDOS)
        live = workspace.start(loaded, 4, "plan", ["enterprise"])
        live.name_participant("enterprise", "王伟")
        with pytest.raises(ValueError):
            live.name_participant("no-such-role", "x")
        live.advance_to(30 * MINUTE)
        live.discussion_pause("who reports to the banner?")
        workspace.bookmark(live.id, 30 * MINUTE, "first report due")
        live.facilitate("resume")
        live.advance_to(45 * MINUTE)
        live.end("time")
        assert live.participants == {"enterprise": "王伟"}
        replay = workspace.replay(live.id)
        assert replay.participants == {"enterprise": "王伟"}
        assert [(m.t, m.kind) for m in replay.markers()] == [
            (0, "participant"), (30 * MINUTE, "discussion"), (30 * MINUTE, "bookmark"), (30 * MINUTE, "resume"),
            (45 * MINUTE, "end")]
        lines = timeline_lines(replay.events, loaded.plan.definition, "en", loaded.scenario,
                               markers=replay.markers())
        assert f"{clock(30 * MINUTE)} 02:40  marker   discussion pause: who reports to the banner?" in lines
        report = workspace.score(live.id).report("md", "zh")
        assert "讨论暂停: who reports to the banner?" in report and "enterprise (人员: 王伟)" in report
        html = workspace.score(live.id).report("html", "en")
        assert 'id="mark-2"' in html and "discussion pause: who reports to the banner?" in html
        assert workspace.verify(live.id).identical


def test_an_export_with_steered_injects_and_an_end_imports_and_verifies(tmp_path) -> None:
    with Workspace(f"sqlite:///{tmp_path}/a.sqlite") as source, Workspace(f"sqlite:///{tmp_path}/b.sqlite") as target:
        live = source.start(source.load_scenario(ORDOS), 5, "plan", ["enterprise"])
        live.steer_inject("hold", "inj-02-report-clock")
        live.steer_inject("edit", "inj-03-blind-rescue", "改", "changed")
        live.advance_to(20 * MINUTE)
        live.discussion_pause("why")
        live.name_participant("enterprise", "Li")
        live.steer_inject("advance", "inj-02-report-clock")
        live.end("done")
        exported = source.export(live.id, "jsonl")
        result = target.import_export(exported.splitlines())
        assert target.verify(result.id).identical
        assert target.replay(result.id).markers() == source.replay(live.id).markers()


STEERS = st.lists(st.tuples(st.integers(0, 120), st.sampled_from(["hold", "release", "advance", "edit"]),
                            st.sampled_from(["alarm", "families"])), max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**16), steers=STEERS, end_at=st.one_of(st.none(), st.integers(0, 180)))
def test_any_run_with_held_advanced_and_edited_injects_replays_identically(seed, steers, end_at) -> None:
    """Live = replay: whatever the facilitator does to the MSEL and whenever it ends, `verify` re-simulates the
    stored log exactly, and a resumed exercise picks up the same stream."""
    with tempfile.TemporaryDirectory() as folder, Workspace(f"sqlite:///{folder}/d.sqlite") as workspace:
        live = workspace.start(workspace.load_scenario(MINI_MINE), seed, "plan", ["enterprise"])
        for minute, action, inject in sorted(steers):
            live.advance_to(minute * MINUTE)
            try:
                live.steer_inject(action, inject, f"改 {minute}", f"edit {minute}")
            except ValueError:
                pass  # delivered already, not held, held twice: refused, nothing stored
            if end_at is not None and minute >= end_at:
                live.end("stop")
                break
        live.advance_to(200 * MINUTE)
        live.close()
        assert workspace.verify(live.id).identical
        stream = [json.dumps(events.to_dict(e), sort_keys=True) for e in live.events]
        if not live.snapshot().ended:
            resumed = workspace.resume(live.id)
            assert [json.dumps(events.to_dict(e), sort_keys=True) for e in resumed.events] == stream
