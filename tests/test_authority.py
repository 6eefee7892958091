"""Who may do what: every way the engine rejects a decision, driven by real decisions in real exercises.

Each rejection carries a stable code and an explanation in English and in Chinese that names the bodies in
its own language; the DecisionRejected event stores all three.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from drillsim import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.authority import REJECTION_CODES, Context, Rejection, check
from drillsim.engine.simulation import Simulation
from drillsim.engine.state import fold
from drillsim.loading.scenarios import load_scenario
from tests.conftest import REPO

MIN = 60_000
CJK = re.compile(r"[\u4e00-\u9fff]")
COTTON = REPO / "scenarios" / "cotton-picker-fire.yaml"

# mini-mine, seed 1, plan policy: the enterprise sets up command at +00:03, the banner activates level 4 at
# +00:17, the city raises it to 3 at +00:39 and activates its groups from +00:47; the banner field HQ arrives
# at +00:54 and takes command at +00:57, the city field HQ at +01:54; rescuers are threatened from +03:58 to
# +04:43 and rescue is suspended from +04:04 to +04:50; the exercise ends at +06:20.
END = None
BLUE = d.IssueWarning(actor="county_government", color="blue")
JUDGE_3 = d.JudgeResponseNeeded(actor="prefecture_hq", level=3)
BANNER_FULL = d.DeclareCapacityExceeded(actor="county_government")
ASK_CITY = d.RequestSupport(actor="county_government", to="prefecture_hq")
CITY_TEAM = d.SendGuidanceTeam(actor="prefecture_regulator", team="city_work_team")
REJECTIONS = [  # (scenario, minute, accepted first, decision, code, English words)
    ("mini", END, [], d.Note(actor="county_government", text="太晚了"), "exercise_ended", "has ended"),
    ("mini", 20, [], d.ActivateResponse(actor="nobody", level=4), "unknown_body", "unknown body"),
    ("mini", 20, [], d.Report(actor="unit_head", obligation="no_such_obligation"), "unknown_obligation",
     "unknown obligation"),
    ("mini", 20, [], d.Report(actor="county_government", obligation="unit_head_phone"), "wrong_reporter", "unit_head"),
    ("mini", 1, [], d.Report(actor="unit_head", obligation="unit_head_phone"), "obligation_not_started",
     "has not started"),
    ("mini", 20, [], d.TakeAction(actor="enterprise", action="pump_water"), "unknown_action", "no action"),
    ("cotton", 5, [], d.TakeAction(actor="enterprise", action="stop_picker"), "wrong_action_taker", "is taken by"),
    ("trimmed", 20, [], d.ActivateResponse(actor="nation_hq", level=1), "unknown_level", "no response level 1"),
    ("mini", 20, [], d.ActivateResponse(actor="county_government", level=1), "wrong_activator", "activated by"),
    ("mini", 1, [], d.ActivateResponse(actor="county_government", level=4), "not_informed", "not been informed"),
    ("mini", 20, [], d.ActivateResponse(actor="county_government", level=4), "already_active", "already active"),
    ("mini", 20, [], d.AdjustResponse(actor="county_government", level=4), "already_active", "already active"),
    ("mini", 1, [], d.AdjustResponse(actor="county_government", level=3), "no_active_level", "activate one first"),
    ("mini", 45, [], d.AdjustResponse(actor="county_government", level=4), "wrong_de_escalator", "may lower it"),
    ("mini", 1, [], d.EstablishCommand(actor="site_personnel"), "wrong_establisher", "is established by"),
    ("mini", 20, [], d.EstablishCommand(actor="enterprise"), "command_exists", "already held"),
    ("mini", 1, [], d.HandOverCommand(actor="enterprise", to="county_field_hq"), "no_command", "no field command"),
    ("mini", 20, [], d.HandOverCommand(actor="county_field_hq", to="prefecture_field_hq"), "not_commander",
     "only the current commander"),
    ("mini", 20, [], d.HandOverCommand(actor="enterprise", to="unit_head"), "no_handover_foreseen", "no handover"),
    ("mini", 120, [], d.HandOverCommand(actor="prefecture_field_hq", to="county_field_hq"), "handover_not_upward",
     "upward only"),
    ("mini", 20, [], d.HandOverCommand(actor="enterprise", to="county_field_hq"), "not_on_scene", "not arrived"),
    ("mini", 20, [], d.ActivateWorkingGroup(actor="county_government", group="nope"), "unknown_group",
     "no working group"),
    ("mini", 1, [], d.ActivateWorkingGroup(actor="county_government", group="medical_rescue"), "no_active_level",
     "no response level is active"),
    ("mini", 55, [], d.ActivateWorkingGroup(actor="prefecture_hq", group="medical_rescue"), "group_already_active",
     "already active"),
    ("mini", 20, [], d.ActivateWorkingGroup(actor="prefecture_em_bureau", group="medical_rescue"),
     "wrong_group_activator", "county HQ"),
    ("mini", 20, [], d.DispatchResource(actor="county_em_bureau", resource="helicopter"), "unknown_resource",
     "no resource"),
    ("mini", 20, [], d.DispatchResource(actor="unit_head", resource="brigade"), "wrong_dispatcher", "dispatched by"),
    ("mini", 20, [], d.DispatchResource(actor="enterprise", resource="own_team"), "resource_already_dispatched",
     "already on scene"),
    ("mini", 20, [], d.Evacuate(actor="county_government", area="village"), "not_field_command", "field command"),
    ("mini", 20, [], d.SetCordon(actor="county_government", radius_m=800), "not_field_command", "field command"),
    ("trimmed", 20, [], BLUE, "unknown_warning", "no blue warning"),
    ("mini", 20, [], d.IssueWarning(actor="enterprise", color="blue"), "wrong_issuer", "issued by"),
    ("mini", 20, [BLUE], BLUE, "warning_in_force", "already in force"),
    ("mini", 20, [], d.LiftWarning(actor="county_government", color="blue"), "no_warning_in_force",
     "no blue warning"),
    ("mini", 20, [BLUE], d.LiftWarning(actor="prefecture_government", color="blue"), "wrong_lifter", "谁发布谁解除"),
    ("mini", 250, [], d.SuspendRescue(actor="prefecture_field_hq"), "already_suspended", "already suspended"),
    ("mini", 20, [], d.ResumeRescue(actor="enterprise"), "not_suspended", "rescue is not suspended"),
    ("mini", 250, [], d.ResumeRescue(actor="prefecture_field_hq"), "rescuers_threatened", "still threatened"),
    ("mini", 20, [], d.SuspendRescue(actor="county_government"), "commander_only", "only the field command"),
    ("mini", 285, [], d.ResumeRescue(actor="enterprise"), "commander_only", "only the field command"),
    ("mini", 20, [], d.JudgeResponseNeeded(actor="county_government", level=3), "not_a_judge", "judged necessary by"),
    ("mini", 45, [JUDGE_3], JUDGE_3, "already_judged", "already judged"),
    ("mini", 20, [], d.DeclareCapacityExceeded(actor="unit_head"), "no_capacity_rule", "do not turn on"),
    ("mini", 20, [], d.DeclareCapacityExceeded(actor="affected_parties"), "not_tier_head", "activates or commands"),
    ("mini", 20, [BANNER_FULL], BANNER_FULL, "capacity_already_exceeded", "already known"),
    ("mini", 20, [], d.RequestSupport(actor="unit_head", to="region_hq"), "no_support_channel", "does not have"),
    ("mini", 20, [ASK_CITY], ASK_CITY, "support_already_requested", "already asked"),
    ("mini", 20, [], d.SendGuidanceTeam(actor="region_hq", team="nope"), "unknown_team", "no guidance team"),
    ("mini", 20, [], d.SendGuidanceTeam(actor="county_government", team="city_work_team"), "wrong_team_sender",
     "is sent by"),
    ("mini", 45, [CITY_TEAM], CITY_TEAM, "team_already_sent", "already been sent"),
    ("trimmed", 20, [], d.SelectWorkingGroups(actor="county_government", groups=("medical_rescue",)),
     "selection_not_foreseen", "choose its working groups"),
    ("mini", 1, [], d.Terminate(actor="county_government"), "no_active_level", "no response level is active"),
    ("mini", 20, [], d.Terminate(actor="prefecture_commander"), "wrong_terminator", "谁启动谁终止"),
    ("mini", 20, [], d.Terminate(actor="county_government"), "conditions_not_met", "termination conditions"),
]


@pytest.fixture(scope="module")
def scenarios(mini_mine) -> dict:
    """mini-mine; mini-mine under an Ordos plan without level 1, the blue warning and the choice of working
    groups; the cotton-picker fire."""
    plan = mini_mine.plan.definition
    warnings = plan.warnings.model_copy(update={"levels": tuple(w for w in plan.warnings.levels if w.id != "blue")})
    trimmed = plan.model_copy(update={"response_levels": tuple(lv for lv in plan.response_levels if lv.level != 1),
                                      "warnings": warnings, "working_group_selection": None})
    return {"mini": mini_mine, "trimmed": replace(mini_mine, plan=replace(mini_mine.plan, definition=trimmed)),
            "cotton": load_scenario(COTTON)}


def assert_bilingual(rejection: Rejection, loaded) -> None:  # noqa: ANN001
    """Both texts are there and differ; the Chinese one is Chinese and names bodies by their Chinese names."""
    assert rejection.code in REJECTION_CODES
    assert rejection.en.strip() and rejection.zh.strip() and rejection.en != rejection.zh
    assert CJK.search(rejection.zh), rejection.zh
    assert (rejection.text("zh"), rejection.text("en")) == (rejection.zh, rejection.en)
    for body in loaded.plan.definition.bodies:
        assert body.name.en not in rejection.zh, rejection.zh
        if f"{body.id} ({body.name.en})" in rejection.en:
            assert f"{body.name.zh}（{body.id}）" in rejection.zh, rejection.zh


@pytest.mark.parametrize(("scenario", "minute", "setup", "decision", "code", "words"), REJECTIONS,
                         ids=[f"{r[4]}-{r[3].type}" for r in REJECTIONS])
def test_decisions_checked_against_authority(scenarios, scenario, minute, setup, decision, code, words) -> None:
    loaded = scenarios[scenario]
    ex = Simulation(loaded.plan, loaded.scenario, 1, "plan")
    if minute is END:
        ex.run()
    else:
        ex.advance_to(minute * MIN)
    for accepted in setup:
        assert ex.decide(accepted) is None
    before = len(ex.events)
    rejection = ex.decide(decision)
    assert rejection is not None and rejection.code == code, rejection
    assert words in rejection.en
    assert_bilingual(rejection, loaded)
    if minute is END:  # nothing is recorded after the end
        assert len(ex.events) == before
        return
    assert len(ex.events) == before + 1
    stored = ex.events[-1]
    assert isinstance(stored, ev.DecisionRejected)
    assert (stored.code, stored.reason, stored.reason_zh) == (code, rejection.en, rejection.zh)
    assert ev.from_dict(ev.to_dict(stored)) == stored


def test_a_decision_after_the_final_termination_is_rejected(mini_mine) -> None:
    """The state right after the last ResponseTerminated, before ExerciseEnded (the engine ends the exercise in
    the same step, so no decision can arrive there through `decide`; `check` still answers for it)."""
    ex = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan")
    ex.run()
    last = max(i for i, e in enumerate(ex.events) if isinstance(e, ev.ResponseTerminated))
    assert ex.state.ended == "terminated" and isinstance(ex.events[-1], ev.ExerciseEnded)
    state = fold(ex.events[: last + 1])
    assert state.level is None and state.ended is None
    rejection = check(d.ActivateResponse(actor="county_government", level=4), Context(ex.index, state))
    assert rejection is not None and rejection.code == "response_terminated"
    assert_bilingual(rejection, mini_mine)
    assert check(d.Note(actor="county_government", text="复盘"), Context(ex.index, state)) is None


def test_a_decision_dropped_in_a_what_if_fork_is_recorded_as_rejected(mini_mine) -> None:
    ex = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan", overrides={1: None})
    ex.advance_to(10 * MIN)
    dropped = [e for e in ex.events if isinstance(e, ev.DecisionRejected)]
    assert [(e.number, e.source, e.code) for e in dropped] == [(1, "fork", "dropped_in_fork")]
    assert dropped[0].reason == "dropped in this what-if fork" and CJK.search(dropped[0].reason_zh)
    assert dropped[0].decision == "establish_command" and dropped[0].actor == "enterprise"


def test_every_rejection_code_is_reached_above() -> None:
    reached = {r[4] for r in REJECTIONS} | {"response_terminated", "dropped_in_fork"}
    assert reached == set(REJECTION_CODES)
    assert len(REJECTION_CODES) == len(set(REJECTION_CODES))


def test_an_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown rejection code"):
        Rejection("not_a_code", "x", "叉")
