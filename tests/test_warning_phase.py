"""A scenario may start before the accident: injects at negative times (the warning phase — Xinjiang 3.2.3 预警行动,
the cotton measures' wind rules, Ordos 三(三)3 warning actions). The exercise clock starts at the first of them,
the accident happens at 0, the reporting clocks count from it, and store, replay, fork, export and the clocks
people read all take negative times."""

from __future__ import annotations

from pathlib import Path

import pytest

from drillsim.catalog import data_root
from drillsim.cli.store_commands import parse_clock
from drillsim.decisions import parse_decision
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.loading import DataFileError
from drillsim.loading.scenarios import load_scenario
from drillsim.model.base import MINUTE
from drillsim.render.timeline import clock
from drillsim.workspace import Workspace
from tui.screens.replay import parse_time

HOUR = 60 * MINUTE
COTTON = data_root() / "xinjiang-cotton-yard-fire.yaml"
FORECAST = -(16 * HOUR + 40 * MINUTE)
"""lb-1-forecast: 09:30 the day before the 02:10 fire."""


@pytest.fixture(scope="module")
def cotton():
    return load_scenario(COTTON)


def _first(events, kind):
    return next(e for e in events if isinstance(e, kind))


def test_the_exercise_starts_at_the_first_warning_inject_and_the_accident_at_zero(cotton) -> None:
    assert cotton.scenario.starts_at == FORECAST
    events = play(cotton.plan, cotton.scenario, 3).events
    assert events[0].t == FORECAST and isinstance(events[0], ev.ExerciseStarted)
    forecast = _first(events, ev.InjectDelivered)
    assert (forecast.inject, forecast.t) == ("lb-1-forecast", FORECAST)
    assert _first(events, ev.AccidentOccurred).t == 0
    before = [e for e in events if e.t < 0]
    assert {type(e) for e in before} <= {ev.ExerciseStarted, ev.InjectDelivered, ev.DecisionAccepted,
                                         ev.ActionTaken, ev.WarningIssued}
    assert any(isinstance(e, ev.WarningIssued) and e.color == "blue" for e in before)  # 3.2.2, before the fire
    assert [e.inject for e in before if isinstance(e, ev.InjectDelivered)] == [
        "lb-1-forecast", "lb-2-fire-ban", "lb-3-ignition-sources"]


def test_deadlines_count_from_the_accident_not_from_the_start_of_the_exercise(cotton) -> None:
    events = play(cotton.plan, cotton.scenario, 3).events
    started = {e.obligation: e for e in events if isinstance(e, ev.ObligationStarted)}
    assert min(e.t for e in started.values()) == 0
    assert started["informant_alarm"].deadline_t == 15 * MINUTE
    unit_head = started["unit_head_to_county"]
    assert unit_head.deadline_t == unit_head.t + HOUR  # from the report it answers, after the accident


def test_conditions_wait_for_the_accident(cotton) -> None:
    """inj-12 waits for hazard_extent <= 25: before the accident there are no figures, and it must not be
    delivered at the forecast because 0 <= 25."""
    events = play(cotton.plan, cotton.scenario, 3).events
    smoulder = next(e for e in events if isinstance(e, ev.InjectDelivered) and e.inject == "inj-12-smouldering")
    assert smoulder.t > 0
    assert not any(isinstance(e, ev.HazardContained) and e.t <= 0 for e in events)


def test_a_decision_in_the_warning_phase_counts_after_the_accident(cotton) -> None:
    """The 24-hour patrol ordered the day before stops the fire's half-hour head start at +15min."""
    patrol = parse_decision({"type": "take_action", "actor": "enterprise", "action": "patrol_24h"})
    with_patrol = play(cotton.plan, cotton.scenario, 3, decisions=[(FORECAST + 5 * MINUTE, patrol)],
                       human_roles=["enterprise"]).events
    without = play(cotton.plan, cotton.scenario, 3, human_roles=["enterprise"]).events
    accepted = _first(with_patrol, ev.DecisionAccepted)
    assert accepted.t == FORECAST + 5 * MINUTE and accepted.params == {"action": "patrol_24h"}
    causes = {e.cause for e in without if isinstance(e, ev.FiguresChanged)}
    assert "unwatched-head-start" in causes
    assert "unwatched-head-start" not in {e.cause for e in with_patrol if isinstance(e, ev.FiguresChanged)}


def test_a_scenario_without_a_warning_phase_still_starts_at_the_accident() -> None:
    loaded = load_scenario(data_root() / "ordos-coal-mine.yaml")
    assert loaded.scenario.starts_at == 0
    events = play(loaded.plan, loaded.scenario, 1).events
    assert events[0].t == 0 and isinstance(events[1], ev.AccidentOccurred)


def test_stored_live_resumed_forked_exported_and_verified_at_negative_times(cotton, tmp_path: Path) -> None:
    with Workspace(f"sqlite:///{tmp_path}/drills.sqlite") as workspace:
        live = workspace.start(cotton, 3, "plan", ["enterprise"])
        assert live.snapshot().now == FORECAST
        live.advance_to(FORECAST + 10 * MINUTE)
        live.decide(parse_decision({"type": "take_action", "actor": "enterprise", "action": "patrol_24h"}))
        live.advance_to(-10 * HOUR)
        ident = live.id
        live.close()
        resumed = workspace.resume(ident)
        assert resumed.snapshot().now == -10 * HOUR  # not the accident: where the clock had got
        resumed.run()
        resumed.close()
        assert workspace.verify(ident).identical
        state = workspace.state_at(ident, -12 * HOUR)
        assert state.t < 0 and not state.figures and ("patrol_24h" in {a for _, a, _ in state.actions})
        number = next(e.number for e in workspace.replay(ident).events if isinstance(e, ev.DecisionAccepted)
                      and e.source == "human")
        fork = workspace.fork(ident, number, None)
        fork.run()
        fork.close()
        assert "unwatched-head-start" in {e.cause for e in fork.events if isinstance(e, ev.FiguresChanged)}
        exported = workspace.export(ident, "jsonl")
    with Workspace(f"sqlite:///{tmp_path}/other.sqlite") as other:
        copied = other.import_export(exported.splitlines())
        assert copied.verified and other.verify(copied.id).identical


def test_clocks_read_and_parse_negative_times() -> None:
    assert clock(-20 * MINUTE) == "-00:20:00"
    assert clock(FORECAST) == "-16:40:00"
    assert clock(-(20 * MINUTE + 5_000)) == "-00:20:05"
    assert clock(90 * MINUTE) == "+01:30:00"
    assert parse_clock("-00:20") == parse_clock("-20min") == -20 * MINUTE
    assert parse_clock("+01:30") == 90 * MINUTE
    assert parse_time("-00:20") == -20 * MINUTE and parse_time("-1h30m") == -90 * MINUTE
    assert parse_time("--00:20") is None


def _with_inject_at(tmp_path: Path, at: str, extra: str = "") -> Path:
    text = COTTON.read_text(encoding="utf-8").replace("    at: -16h40min\n", f"    at: {at}\n{extra}", 1)
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    plans = tmp_path / "plans"
    if not plans.exists():
        plans.symlink_to(data_root() / "plans")
    return path


def test_an_inject_before_the_accident_changes_no_figures(tmp_path: Path) -> None:
    path = _with_inject_at(tmp_path, "-2h", "    change: {add: {hazard_extent: 5}}\n")
    with pytest.raises(DataFileError) as caught:
        load_scenario(path)
    (issue,) = caught.value.issues
    assert issue.source_line.strip() == "change: {add: {hazard_extent: 5}}"
    assert "comes before the accident (at -2h)" in issue.message


@pytest.mark.parametrize("at", ["--20min", "-20", "-20mins", "-1h-5min"])
def test_a_malformed_negative_time_is_a_positioned_error(tmp_path: Path, at: str) -> None:
    with pytest.raises(DataFileError) as caught:
        load_scenario(_with_inject_at(tmp_path, at))
    issue = caught.value.issues[0]
    assert issue.source_line.strip() == f"at: {at}" and "-20min" in issue.message


def test_the_scenario_schema_accepts_negative_inject_times() -> None:
    import re

    from drillsim.model.scenario import Inject

    pattern = Inject.model_json_schema()["properties"]["at"]["anyOf"][0]["pattern"]
    assert re.match(pattern, "-16h40min") and re.match(pattern, "30min") and not re.match(pattern, "--5min")


def test_a_warning_phase_expectation_is_timed_from_its_inject_not_from_hearing_of_the_accident(cotton) -> None:
    """lb-2 asks the county for a fire-ban order within 20 min of the brigade's proposal (-15h40min); the county
    hears of the fire only after 0. An order at -14h is 1h20min late, not early for a clock started later."""
    from drillsim.scoring import api as scoring

    ban = parse_decision({"type": "take_action", "actor": "county_government", "action": "fire_ban_order"})
    sim = play(cotton.plan, cotton.scenario, 3, decisions=[(-14 * HOUR, ban)], human_roles=["county"])
    finding = next(f for f in scoring.evaluate(cotton, sim.events) if f.id.startswith("msel:lb-2-fire-ban"))
    assert finding.verdict == "late"
    assert finding.due_t == -15 * HOUR - 40 * MINUTE + 20 * MINUTE
