"""What is news and for whom (issue 12), on real SimPy runs: follow-up reports open on casualties and the grade,
bystanders who report are not the enterprise, and situation flags end."""

from __future__ import annotations

from pathlib import Path

import pytest

from drillsim.catalog import find_scenario
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.engine.simulation import Simulation
from drillsim.loading.scenarios import load_scenario

DATA = Path(__file__).parent / "data" / "scenarios"


def kinds(exercise: Simulation, cls: type) -> list:
    return [e for e in exercise.events if isinstance(e, cls)]


def follow_ups_at(exercise: Simulation, t: int) -> list[ev.ObligationStarted]:
    return [e for e in kinds(exercise, ev.ObligationStarted)
            if e.t == t and exercise.index.obligations[e.rule].obligation.starts_on.kind == "situation_changed"]


# --- 续报: Decree 493 Art. 13 "伤亡人数发生变化的，应当及时补报" -------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2])
def test_more_people_endangered_opens_no_follow_up_report(seed: int) -> None:
    """Decree 493 Art. 13: a follow-up (补报/续报) is due when casualties change. 400 pupils newly in the
    chlorine cloud's path (the school inject) are endangered, not casualties: no follow-up opens on them."""
    loaded = load_scenario(find_scenario("bingtuan-chlorine-leak"))
    ex = play(loaded.plan, loaded.scenario, seed, "plan")
    school = next(e for e in kinds(ex, ev.FiguresChanged) if e.cause == "inj-08-school")
    assert set(school.figures) == {"endangered"}
    assert ex.state.obligations.get("unit_head_to_county") is not None  # the unit head had reported by then
    assert follow_ups_at(ex, school.t) == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_people_rescued_open_no_follow_up_but_new_casualties_do(mini_mine, seed: int) -> None:
    """Decree 493 Art. 13: miners brought out (trapped → rescued) are not a change of casualties, so a rescue
    opens no follow-up; a serious injury (the roof fall) or more people trapped does."""
    ex = play(mini_mine.plan, mini_mine.scenario, seed, "plan")
    rescues = [e for e in kinds(ex, ev.FiguresChanged) if e.cause == "brigade_rescue"]
    assert rescues, "the brigade rescued nobody"
    assert all(follow_ups_at(ex, e.t) == [] for e in rescues)
    reported = {e.by for e in kinds(ex, ev.ReportSubmitted)}
    worse = [e for e in kinds(ex, ev.FiguresChanged) if e.t > 0 and ("serious_injuries" in e.figures
             or "deaths" in e.figures) and "unit_head" in reported]
    for e in worse:
        assert follow_ups_at(ex, e.t), f"no follow-up opened on {e.figures} at {e.t}"


# --- bystanders: 知情单位或个人 (000:L366) are not the enterprise ---------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_bystander_raises_the_alarm_in_time_under_the_late_reporter_policy(seed: int) -> None:
    """000:L366 知情单位或个人应当立即…报告: the neighbouring farmers who see the picker burn are not the
    enterprise, and the enterprise's 迟报 (late-reporter policy) is not theirs."""
    loaded = load_scenario(find_scenario("cotton-picker-fire"))
    ex = play(loaded.plan, loaded.scenario, seed, "late-reporter")
    assert ex.state.obligations["informant_alarm"].status == "met"
    assert ex.state.obligations["unit_head_to_county"].status in ("late", "missed")  # the enterprise is still late


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_bystander_reports_what_it_sees_under_the_concealer_policy(seed: int) -> None:
    """000:L366: a bystander's call is not the enterprise's report, so the enterprise's 瞒报 (concealer policy)
    does not halve the casualties it gives."""
    loaded = load_scenario(find_scenario("zhundong-coal-chemical-fire"))
    ex = play(loaded.plan, loaded.scenario, seed, "concealer")
    alarm = next(e for e in kinds(ex, ev.ReportSubmitted) if e.by == "informant")
    truth = _truth_at(ex, alarm.seq)
    assert truth["deaths"] > 0
    assert {k: alarm.figures[k] for k in ("deaths", "serious_injuries", "missing")} == {
        k: truth[k] for k in ("deaths", "serious_injuries", "missing")}
    unit_head = next(e for e in kinds(ex, ev.ReportSubmitted) if e.by == "unit_head" and e.obligation
                     == "unit_head_to_county")
    truth_then = _truth_at(ex, unit_head.seq)
    assert sum(unit_head.figures[k] for k in ("deaths", "serious_injuries")) < sum(
        truth_then[k] for k in ("deaths", "serious_injuries"))  # the enterprise still conceals


def _truth_at(ex: Simulation, seq: int) -> dict[str, int]:
    figures: dict[str, int] = {}
    for e in ex.events[:seq]:
        if isinstance(e, ev.AccidentOccurred):
            figures = dict(e.figures)
        elif isinstance(e, ev.FiguresChanged):
            figures.update(e.figures)
    return figures


# --- situation flags end ----------------------------------------------------------------------------------


def _crossing_fire_with(tmp_path: Path, extra_change: str) -> Path:
    text = (DATA / "crossing-fire.yaml").read_text(encoding="utf-8")
    anchor = "    - {id: knocked-down,"
    path = tmp_path / "crossing-fire.yaml"
    path.write_text(text.replace(anchor, extra_change + "\n" + anchor), encoding="utf-8")
    return path


@pytest.mark.parametrize("seed", [1, 2])
def test_a_scenario_can_end_a_crossing(tmp_path: Path, seed: int) -> None:
    """Xinjiang 1.3 (3) (L257): a crossing of the local/Bingtuan line calls for the region. When the fire is
    driven back over the line (a scenario change `clear_cross_jurisdiction`), the crossing ends: the flag is
    cleared and the level the facts justify falls back."""
    path = _crossing_fire_with(tmp_path, "    - {id: back-over-line, at: 2h, change: {clear_cross_jurisdiction: "
                                         "[local_bingtuan]}, note: {zh: 火线退回兵团一侧, en: The fire is back on "
                                         "the Bingtuan side}}")
    loaded = load_scenario(path)
    ex = play(loaded.plan, loaded.scenario, seed, "plan")
    cleared = kinds(ex, ev.SituationCleared)
    assert [(e.cross_jurisdiction, e.cause) for e in cleared][0] == (("local_bingtuan",), "back-over-line")
    after = [e for e in kinds(ex, ev.LevelJustified) if e.seq > cleared[0].seq]
    assert after and after[0].previous == 2 and (after[0].level or 5) > 2
    assert ex.state.cross_jurisdiction == []


@pytest.mark.parametrize("seed", [1, 2, 3, 6, 9, 11])
def test_an_ended_response_is_not_activated_again_by_late_news(seed: int) -> None:
    """000:L494 (谁启动谁终止) and 1.3 (3): once the conditions for ending the response hold, the flags (the
    crossing into Bingtuan land) clear and the levels end one by one; late reports reaching an activator
    afterwards re-activate nothing, and the exercise ends when the last level does, not at its time limit."""
    loaded = load_scenario(find_scenario("bingtuan-chlorine-leak"))
    ex = play(loaded.plan, loaded.scenario, seed, "late-reporter")
    met = kinds(ex, ev.TerminationConditionsMet)[0]
    assert [e.cause for e in kinds(ex, ev.SituationCleared)] == ["termination_conditions_met"]
    assert not [e for e in kinds(ex, ev.ResponseActivated) if e.t > met.t]
    assert ex.state.ended == "terminated"
