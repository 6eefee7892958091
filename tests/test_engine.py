"""The engine under the plan policy and the flawed policies, on real SimPy runs."""

from __future__ import annotations

import pytest

from drillsim import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.engine.simulation import Simulation
from drillsim.render.timeline import timeline_lines

MIN = 60_000


def kinds(exercise: Simulation, cls: type) -> list:
    return [e for e in exercise.events if isinstance(e, cls)]


@pytest.mark.parametrize("seed", [1, 2, 3, 17])
def test_plan_policy_escalates_four_three_two_by_the_right_authorities(mini_mine, seed: int) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, seed, "plan")
    levels = [(e.level, e.by) for e in kinds(ex, ev.ResponseActivated)]
    assert levels == [(4, "county_government"), (3, "prefecture_commander"), (2, "region_hq")]


@pytest.mark.parametrize("seed", [1, 2, 3, 17])
def test_plan_policy_reports_everything_in_time(mini_mine, seed: int) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, seed, "plan")
    statuses = {o.id: o.status for o in ex.state.obligations.values()}
    assert not [k for k, v in statuses.items() if v in ("missed", "late")]
    assert statuses["unit_head_phone"] == statuses["unit_head_written"] == "met"
    assert not kinds(ex, ev.ObligationMissed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_plan_policy_hands_command_up_as_officials_arrive(mini_mine, seed: int) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, seed, "plan")
    chain = [ex.state.command_history[0][1]] + [e.to_body for e in kinds(ex, ev.CommandHandedOver)]
    assert chain == ["enterprise", "county_field_hq", "prefecture_field_hq"]
    arrivals = {e.body: e.t for e in kinds(ex, ev.OfficialArrived)}
    for handover in kinds(ex, ev.CommandHandedOver):
        assert handover.t >= arrivals[handover.to_body]
        assert handover.missing_briefing == ()


def test_plan_policy_city_activates_the_nine_groups(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 5, "plan")
    groups = kinds(ex, ev.WorkingGroupActivated)
    plan_groups = {g.id for g in mini_mine.plan.definition.working_groups}
    assert {g.group for g in groups} == plan_groups and len(plan_groups) == 9
    assert all(g.by.startswith("prefecture_") for g in groups)


def test_plan_policy_ends_with_termination_by_the_activating_body(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 4, "plan")
    terminated = kinds(ex, ev.ResponseTerminated)
    # 谁启动谁终止: each tier ends the response it activated, the highest first
    assert [t.by for t in terminated] == ["region_hq", "prefecture_commander", "county_government"]
    assert [t.level for t in terminated] == [2, 3, 4]
    assert ex.state.ended == "terminated" and ex.state.level is None
    assert kinds(ex, ev.TerminationConditionsMet)[0].t <= terminated[0].t


def test_late_reporter_misses_the_enterprise_deadlines(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 1, "late-reporter")
    status = {o.id: o.status for o in ex.state.obligations.values()}
    assert status["unit_head_phone"] == "late" and status["unit_head_written"] == "late"
    missed = {e.obligation for e in kinds(ex, ev.ObligationMissed)}
    assert {"unit_head_phone", "unit_head_written"} <= missed
    # 迟报 is the enterprise's towards the government: site personnel still tell their unit head in time
    assert status["site_to_unit_head"] == "met" and "site_to_unit_head" not in missed
    text = "\n".join(timeline_lines(ex.events, mini_mine.plan.definition, "en"))
    assert "DEADLINE MISSED: no report [unit_head_phone]" in text
    assert "Reported LATE" in text


def test_no_handover_keeps_command_at_the_enterprise(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 1, "no-handover")
    assert not kinds(ex, ev.CommandHandedOver)
    assert {e.body for e in kinds(ex, ev.OfficialArrived)} == {"county_field_hq", "prefecture_field_hq"}
    assert ex.state.commander == "enterprise"
    text = "\n".join(timeline_lines(ex.events, mini_mine.plan.definition, "en"))
    assert "Command handed over" not in text


def test_concealer_reports_fewer_trapped_than_the_truth(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 1, "concealer")
    truth_at: dict[int, int] = {}
    trapped = 0
    under = 0
    for e in ex.events:
        if isinstance(e, (ev.AccidentOccurred, ev.FiguresChanged)):
            trapped = e.figures.get("trapped", trapped)
        if isinstance(e, ev.ReportSubmitted) and e.by == "unit_head" and e.figures.get("trapped", 0) < trapped:
            under += 1
        truth_at[e.seq] = trapped
    assert under > 0


def test_rejected_decision_explains_and_changes_nothing(mini_mine) -> None:
    ex = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan")
    ex.advance_to(30 * MIN)
    before = len(ex.events), ex.state.level, ex.state.commander
    rejection = ex.decide(d.ActivateResponse(actor="county_government", level=1))
    assert rejection is not None and rejection.code == "wrong_activator" and "activated by" in rejection.en
    assert "启动" in rejection.zh and "旗区人民政府" in rejection.zh
    last = ex.events[-1]
    assert last.kind == "decision_rejected"
    assert (last.reason, last.reason_zh, last.code) == (rejection.en, rejection.zh, rejection.code)
    assert (len(ex.events) - 1, ex.state.level, ex.state.commander) == before


def test_timeline_explains_a_rejection_in_the_readers_language(mini_mine) -> None:
    ex = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan")
    ex.advance_to(20 * MIN)
    rejection = ex.decide(d.Terminate(actor="prefecture_commander"))
    assert rejection is not None and rejection.code == "wrong_terminator"
    zh = timeline_lines(ex.events, mini_mine.plan.definition, "zh")[-1]
    en = timeline_lines(ex.events, mini_mine.plan.definition, "en")[-1]
    assert zh.endswith(f"驳回 市指挥部总指挥(市长): terminate — {rejection.zh}") and "谁启动谁终止：四级响应" in zh
    assert en.endswith(f"rejected City HQ commander-in-chief (the mayor): terminate — {rejection.en}")


def test_human_role_decides_instead_of_the_computer(mini_mine) -> None:
    ex = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan", human_roles=["enterprise"])
    ex.advance_to(2 * MIN)
    assert ex.state.commander is None  # nobody set up command for the human enterprise
    assert ex.decide(d.EstablishCommand(actor="enterprise", rationale="first minutes")) is None
    assert ex.state.commander == "enterprise"
    ex.advance_to(10 * MIN)
    assert ex.decide(d.Report(actor="site_personnel", obligation="site_to_unit_head")) is None
    accepted = [e for e in ex.events if isinstance(e, ev.DecisionAccepted) and e.source == "human"]
    assert [a.decision for a in accepted] == ["establish_command", "report"]
    assert accepted[0].rationale == "first minutes"


def test_human_roles_unknown_is_an_error(mini_mine) -> None:
    with pytest.raises(ValueError, match="unknown role"):
        Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan", human_roles=["mayor"])


def test_events_are_numbered_and_time_ordered(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 9, "plan")
    assert [e.seq for e in ex.events] == list(range(len(ex.events)))
    assert all(a.t <= b.t for a, b in zip(ex.events, ex.events[1:]))
    assert all(isinstance(e.t, int) for e in ex.events)


def test_events_round_trip_through_dicts(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 2, "plan")
    for e in ex.events:
        assert ev.from_dict(ev.to_dict(e)) == e


def test_until_stops_early(mini_mine) -> None:
    ex = play(mini_mine.plan, mini_mine.scenario, 2, "plan", until=45 * MIN)
    assert ex.now == 45 * MIN and ex.state.ended is None
    assert all(e.t < 45 * MIN for e in ex.events)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_grade_raised_by_the_loss_alone_sets_off_follow_up_reports(seed: int) -> None:
    """The cotton-yard fire becomes a 较大 accident when the burned stock passes ¥10 million, with no new
    casualties: that is news to follow up (续报) all the same, and the enterprise's report goes out in time."""
    from drillsim.catalog import find_scenario
    from drillsim.loading.scenarios import load_scenario

    loaded = load_scenario(find_scenario("xinjiang-cotton-yard-fire"))
    ex = play(loaded.plan, loaded.scenario, seed, "plan")
    raised = next(e for e in kinds(ex, ev.GradeChanged) if e.previous is not None)
    same_moment = [e for e in ex.events if e.t == raised.t and e.seq < raised.seq]
    assert not any(isinstance(e, ev.FiguresChanged) and set(e.figures) & {"deaths", "serious_injuries", "trapped",
                                                                            "missing", "endangered"}
                   for e in same_moment)
    follow_ups = [e for e in kinds(ex, ev.ObligationStarted)
                  if e.t == raised.t and e.rule == "situation_changed" and e.from_body == "unit_head"]
    assert follow_ups, "no follow-up report started when the grade rose"
    assert ex.state.obligations[follow_ups[0].obligation].status == "met"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_grade_gated_report_starts_when_the_reporter_learns_the_grade(seed: int) -> None:
    """Xinjiang's prefecture reports to the region only for a 较大 accident or worse: its clock starts when a
    report telling it the loss passed ¥10 million reaches it, not when the loss passed it on the ground."""
    from drillsim.catalog import find_scenario
    from drillsim.loading.scenarios import load_scenario

    loaded = load_scenario(find_scenario("xinjiang-cotton-yard-fire"))
    ex = play(loaded.plan, loaded.scenario, seed, "plan")
    truth = next(e for e in kinds(ex, ev.GradeChanged) if e.grade == "larger")
    started = next(e for e in kinds(ex, ev.ObligationStarted) if e.rule == "prefecture_em_to_region")
    told = next(e for e in kinds(ex, ev.ReportSubmitted) if "prefecture_em_bureau" in e.to
                and e.figures.get("direct_loss_cny", 0) >= 10_000_000)
    assert truth.t < told.t == started.t
    assert ex.state.obligations["prefecture_em_to_region"].status == "met"


@pytest.mark.parametrize("seed", [1, 2])
def test_a_general_accident_crossing_into_bingtuan_land_reaches_the_region(seed: int) -> None:
    """A 一般 fire that crosses the local/Bingtuan line needs the region (Xinjiang 1.3 (3)): the prefecture's
    report up to the region is due from level 2 (`min_level`), the prefecture first activates its own level
    when it learns of the crossing, and the region activates level 2 once told."""
    from pathlib import Path

    from drillsim.loading.scenarios import load_scenario

    loaded = load_scenario(Path(__file__).parent / "data" / "scenarios" / "crossing-fire.yaml")
    ex = play(loaded.plan, loaded.scenario, seed, "plan")
    assert {e.grade for e in kinds(ex, ev.GradeChanged)} == {"general"}
    flagged = kinds(ex, ev.SituationFlagged)[0]
    up = next(e for e in kinds(ex, ev.ObligationStarted) if e.rule == "prefecture_em_to_region")
    assert up.t == flagged.t and ex.state.obligations["prefecture_em_to_region"].status == "met"
    assert [(e.level, e.by) for e in kinds(ex, ev.ResponseActivated)] == [
        (4, "county_government"), (3, "prefecture_government"), (2, "region_government")]
    assert [e.by for e in kinds(ex, ev.ResponseTerminated)] == ["region_government", "prefecture_government",
                                                                 "county_government"]
