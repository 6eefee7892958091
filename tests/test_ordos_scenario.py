"""The shipped Ordos coal-mine drill under the plan policy and the flawed ones (issue: simulation engine)."""

from __future__ import annotations

import pytest

from drillsim.catalog import find_scenario
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.loading.scenarios import load_scenario
from drillsim.render.timeline import timeline_lines

SEEDS = [1, 2, 3, 4, 5, 11, 42]


@pytest.fixture(scope="module")
def ordos():
    return load_scenario(find_scenario("ordos-coal-mine"))


def kinds(exercise, cls):  # noqa: ANN001, ANN201
    return [e for e in exercise.events if isinstance(e, cls)]


@pytest.mark.parametrize("seed", SEEDS)
def test_plan_policy_escalates_with_the_trapped_count(ordos, seed: int) -> None:
    ex = play(ordos.plan, ordos.scenario, seed, "plan")
    assert [(e.level, e.by) for e in kinds(ex, ev.ResponseActivated)] == [
        (4, "county_government"), (3, "prefecture_commander"), (2, "region_hq")]
    trapped_at = {e.t: e.figures["trapped"] for e in kinds(ex, ev.FiguresChanged) if "trapped" in e.figures}
    first_five = min(t for t, n in trapped_at.items() if n >= 5)
    first_twelve = min(t for t, n in trapped_at.items() if n >= 10)
    levels = {e.level: e.t for e in kinds(ex, ev.ResponseActivated)}
    assert levels[3] >= first_five and levels[2] >= first_twelve


@pytest.mark.parametrize("seed", SEEDS)
def test_plan_policy_reports_in_time_and_hands_over(ordos, seed: int) -> None:
    ex = play(ordos.plan, ordos.scenario, seed, "plan")
    late = [o.id for o in ex.state.obligations.values() if o.status in ("late", "missed")]
    assert late == []
    chain = [ex.state.command_history[0][1]] + [e.to_body for e in kinds(ex, ev.CommandHandedOver)]
    assert chain == ["enterprise", "county_field_hq", "prefecture_field_hq"]
    assert {g.group for g in kinds(ex, ev.WorkingGroupActivated)} == {g.id for g in ordos.plan.definition.working_groups}
    assert ex.state.ended == "terminated"
    assert [e.by for e in kinds(ex, ev.ResponseTerminated)] == ["region_hq", "prefecture_commander", "county_government"]


@pytest.mark.parametrize(("policy", "visible"), [
    ("late-reporter", "DEADLINE MISSED: no report [unit_head_phone]"),
    ("no-handover", None),
])
def test_flawed_policies_show_in_the_timeline(ordos, policy: str, visible: str | None) -> None:
    ex = play(ordos.plan, ordos.scenario, 3, policy)
    text = "\n".join(timeline_lines(ex.events, ordos.plan.definition, "en", ordos.scenario))
    if policy == "late-reporter":
        assert visible in text and "Reported LATE" in text
    else:
        assert "Command handed over: Accident enterprise" not in text
        assert ex.state.commander == "enterprise"


@pytest.mark.parametrize("seed", range(8))
def test_each_tier_first_activates_its_own_level_even_when_news_arrives_late(ordos, seed: int) -> None:
    """Late reports reach the banner and the city with figures that already call for level 2: a tier told
    before a higher level is active still activates its own level first (Xinjiang 4.4.1 (1) 启动本级应急响应;
    Ordos: the city does the initial response of a level-2 accident), and 谁启动谁终止 ends them top down."""
    ex = play(ordos.plan, ordos.scenario, seed, "late-reporter")
    activations = [(e.level, e.by) for e in kinds(ex, ev.ResponseActivated)]
    levels = ordos.plan.definition.response_levels
    assert all(by == next(lv.activated_by for lv in levels if lv.level == level) for level, by in activations)
    assert [level for level, _ in activations] == sorted({level for level, _ in activations}, reverse=True)
    assert (3, "prefecture_commander") in activations and activations[-1] == (2, "region_hq")
    assert [e.by for e in kinds(ex, ev.ResponseTerminated)] == [by for _, by in reversed(activations)]
    if seed != 5:  # seed 5: the banner bureau tells the city before its own government, so the city acts first
        assert activations[0] == (4, "county_government")
