"""Escalation by judgement (issue 12): the decisions a higher body takes on its own assessment — it judges a
response necessary (认为需要), declares its capacity exceeded, asks for support, sends a guidance team
instead of taking over command, selects the working groups — and the corrections of the plan data that go
with them. One test per clause, each on a real simulation of the mini-mine (Ordos) or the crossing fire
(Xinjiang)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drillsim import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.simulation import Simulation
from drillsim.loading.scenarios import load_scenario
from drillsim.rules.grading import IncidentFacts, classify
from tests.conftest import REPO

MIN = 60_000


def of(sim: Simulation, kind: type) -> list:
    return [e for e in sim.events if isinstance(e, kind)]


@pytest.fixture(scope="module")
def steady(mini_mine):
    """The mini-mine with its 2 trapped and no further crews caught: the counts justify level 4 only."""
    sc = mini_mine.scenario
    dynamics = sc.dynamics.model_copy(update={"changes": ()})
    return replace(mini_mine, scenario=sc.model_copy(update={"dynamics": dynamics}))


def city_informed(sim: Simulation) -> None:
    """Play on until the city has received a report (mini-mine, seed 1: +00:24 or so)."""
    while not any(sim.index.role(b) == "city" for b in sim.state.informed_t):
        sim.step()


# --- 认为需要: a higher body judges a response necessary ---------------------------------------------------


def test_the_city_hq_judging_level_3_necessary_has_the_mayor_activate_it(steady) -> None:
    """Ordos 四(三)2(4) 市指挥部认为需要启动三级响应: with 2 trapped only level 4 is justified; once the city HQ
    judges level 3 necessary, the trigger holds and the computer-played mayor activates it."""
    sim = Simulation(steady.plan, steady.scenario, 1, "plan")
    city_informed(sim)
    assert sim.state.justified_level == 4 and sim.state.level == 4
    judged_at = sim.now
    assert sim.decide(d.JudgeResponseNeeded(actor="prefecture_hq", level=3)) is None
    judged = of(sim, ev.ResponseJudgedNecessary)
    assert [(e.by, e.body, e.level) for e in judged] == [("prefecture_hq", "prefecture_hq", 3)]
    justified = of(sim, ev.LevelJustified)[-1]
    assert (justified.level, justified.reasons) == (3, ("decided_by",)) and justified.t == judged_at
    sim.advance_to(judged_at + 30 * MIN)
    raised = [e for e in of(sim, ev.ResponseActivated) if e.level == 3]
    assert raised and raised[0].by == "prefecture_commander"
    assert not [e for e in of(Simulation(steady.plan, steady.scenario, 1, "plan"), ev.ResponseActivated)
                if e.level == 3], "without the judgement nothing raises the level"


def test_only_the_body_the_plan_names_judges_a_level_necessary(steady) -> None:
    sim = Simulation(steady.plan, steady.scenario, 1, "plan")
    city_informed(sim)
    rejection = sim.decide(d.JudgeResponseNeeded(actor="county_government", level=3))
    assert rejection is not None and rejection.code == "not_a_judge" and "prefecture_hq" in rejection.en
    assert sim.decide(d.JudgeResponseNeeded(actor="prefecture_commander", level=3)) is None  # one role: the city
    again = sim.decide(d.JudgeResponseNeeded(actor="prefecture_hq", level=3))
    assert again is not None and again.code == "already_judged"


def test_a_regional_judgement_justifies_level_2_not_level_1(xinjiang) -> None:
    """Xinjiang 1.3(4) L258 自治区党委、政府认为需要处置: the region handles the accident, at level 2 under the
    vice-chair; level 1 and the principal leader (L286) are for 特别重大 accidents only."""
    for body in ("region_government", "region_party_committee"):
        result = classify(xinjiang.definition, IncidentFacts(decided_by=frozenset({body})))
        assert result.level is not None and result.level.level == 2, body
        assert result.level.commander == "region_commander"


# --- 超出处置能力: a government declares its capacity exceeded ----------------------------------------------


def test_the_banner_declaring_its_capacity_exceeded_makes_level_3_apply(steady) -> None:
    """Ordos 四(三)2(3) 超出旗区人民政府应急处置能力: the banner's declaration sets the capacity flag for its tier,
    level 3 becomes justified and the city activates it once it knows."""
    sim = Simulation(steady.plan, steady.scenario, 1, "plan")
    sim.advance_to(20 * MIN)
    assert sim.decide(d.DeclareCapacityExceeded(actor="county_government")) is None
    flagged = of(sim, ev.SituationFlagged)
    assert [e.capacity_exceeded for e in flagged] == [("county",)]
    assert sim.state.capacity_exceeded == ["county"] and sim.state.justified_level == 3
    sim.advance_to(60 * MIN)
    assert any(e.level == 3 and e.by == "prefecture_commander" for e in of(sim, ev.ResponseActivated))


def test_only_the_tier_that_leads_declares_its_capacity_exceeded(mini_mine) -> None:
    sim = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan")
    sim.advance_to(20 * MIN)
    unit = sim.decide(d.DeclareCapacityExceeded(actor="unit_head"))
    assert unit is not None and unit.code == "no_capacity_rule"
    assert sim.decide(d.DeclareCapacityExceeded(actor="county_government")) is None
    again = sim.decide(d.DeclareCapacityExceeded(actor="county_hq"))
    assert again is not None and again.code == "capacity_already_exceeded"


# --- who releases information depends on the level -----------------------------------------------------


@pytest.mark.parametrize(("minute", "actor", "authorised"), [
    (20, "county_government", True),       # level 4: the banner government (四(八)1 一般)
    (20, "prefecture_propaganda", False),
    (60, "county_government", False),      # level 3: the city propaganda department (四(八)1 较大)
    (60, "prefecture_propaganda", True),
])
def test_who_may_release_information_depends_on_the_level(mini_mine, minute, actor, authorised) -> None:
    sim = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan")
    sim.advance_to(minute * MIN)
    assert sim.state.level == (4 if minute == 20 else 3)
    assert sim.decide(d.ReleaseInformation(actor=actor, text="通报")) is None
    assert of(sim, ev.InformationReleased)[-1].authorised is authorised


# --- 请求支援: asking the next level up, or the forces the plan names ----------------------------------------


@pytest.fixture(scope="module")
def with_forces(steady):
    """The steady mini-mine with the armed police detachment as a computer-played role controlling a unit: no
    report ever reaches it, so only a request for support sets the unit out."""
    sc = steady.scenario
    role = sc.roles[-1].model_copy(update={"id": "forces", "bodies": ("prefecture_armed_police",),
                                           "name": sc.roles[-1].name})
    unit = sc.resources[-1].model_copy(update={"id": "armed_police_unit", "controlled_by": "prefecture_armed_police"})
    return replace(steady, scenario=sc.model_copy(update={"roles": (*sc.roles, role),
                                                          "resources": (*sc.resources, unit)}))


def test_the_field_hq_asking_the_armed_police_for_support_sets_their_unit_out(with_forces) -> None:
    """Ordos 四(五)4(3) 请求鄂尔多斯军分区、武警鄂尔多斯支队等应急力量支持: the request is recorded, and the force
    asked (played by the computer) sends the unit it controls."""
    untouched = Simulation(with_forces.plan, with_forces.scenario, 1, "plan")
    untouched.run(3 * 60 * MIN)
    assert "armed_police_unit" not in untouched.state.resources
    sim = Simulation(with_forces.plan, with_forces.scenario, 1, "plan")
    sim.advance_to(20 * MIN)
    assert sim.decide(d.RequestSupport(actor="county_field_hq", to="prefecture_armed_police")) is None
    asked = of(sim, ev.SupportRequested)
    assert [(e.by, e.to, e.rule) for e in asked] == [("county_field_hq", "prefecture_armed_police", "field_to_forces")]
    sim.run(3 * 60 * MIN)
    sent = [e for e in of(sim, ev.ResourceDispatched) if e.resource == "armed_police_unit"]
    assert sent and sent[0].by == "prefecture_armed_police"


def test_support_is_asked_only_along_the_plans_channels(mini_mine) -> None:
    """Ordos 一(四) 提请上一级人民政府: the banner asks the city, not the region; the city asks the region (二(一)2(5))."""
    sim = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan")
    sim.advance_to(45 * MIN)
    skip = sim.decide(d.RequestSupport(actor="county_government", to="region_hq"))
    assert skip is not None and skip.code == "no_support_channel" and "prefecture_hq" in skip.en
    assert sim.decide(d.RequestSupport(actor="county_government", to="prefecture_hq")) is None
    assert sim.decide(d.RequestSupport(actor="prefecture_commander", to="region_hq")) is None
    assert sim.state.support_requests[-2:] == [(45 * MIN, "county_government", "prefecture_hq"),
                                               (45 * MIN, "prefecture_commander", "region_hq")]


# --- 现场工作指导组: guidance that does not replace the local command -----------------------------------------


def test_a_regional_guidance_team_leaves_command_with_the_prefecture() -> None:
    """Xinjiang 2.1.5 L310 不替代地方指挥机构的指挥职责 (L450: a field HQ or a guidance team): once the region has
    sent its guidance team, the prefecture field HQ keeps command when the regional officials arrive."""
    loaded = load_scenario(REPO / "scenarios" / "bingtuan-chlorine-leak.yaml")
    plain = Simulation(loaded.plan, loaded.scenario, 1, "plan")
    plain.run()
    assert any(e.to_body == "region_field_hq" for e in of(plain, ev.CommandHandedOver))
    sim = Simulation(loaded.plan, loaded.scenario, 1, "plan")
    while not any(e.level == 2 for e in of(sim, ev.ResponseActivated)):
        sim.step()
    assert sim.decide(d.SendGuidanceTeam(actor="region_hq", team="region_guidance_team")) is None
    sent = of(sim, ev.GuidanceTeamSent)
    assert [(e.team, e.by) for e in sent] == [("region_guidance_team", "region_hq")]
    sim.run()
    assert any(e.body == "region_field_hq" for e in of(sim, ev.OfficialArrived))
    assert not any(e.to_body == "region_field_hq" for e in of(sim, ev.CommandHandedOver))
    assert sim.state.command_history[-1][1] == "prefecture_field_hq"


def test_the_city_work_team_guides_the_banner_and_the_city_still_takes_over_at_level_3(mini_mine) -> None:
    """Ordos 四(四)1 市有关事故处置牵头部门可根据需要派出工作组 … 指导旗区: the team guides; at level 3 the city field
    HQ still takes command (四(四)2(3) 接管指挥权)."""
    sim = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan")
    sim.advance_to(45 * MIN)
    assert sim.decide(d.SendGuidanceTeam(actor="prefecture_regulator", team="city_work_team")) is None
    sim.run()
    assert any(e.to_body == "prefecture_field_hq" for e in of(sim, ev.CommandHandedOver))


# --- 选择设置工作组: the command chooses its working groups ---------------------------------------------------


def test_the_field_command_selects_its_working_groups_and_drops_the_rest(mini_mine) -> None:
    """Ordos 四(五)1 现场指挥部选择设置: the groups chosen are set up, those in place but not chosen stand down, and
    when the region raises the response to level 2 its computer-played commander sets up no other group."""
    sim = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan")
    sim.advance_to(60 * MIN)
    assert sim.state.level == 3 and len(sim.state.groups) > 3
    before = list(sim.state.groups)
    chosen = ("comprehensive_coordination", "professional_response", "medical_rescue")
    assert sim.decide(d.SelectWorkingGroups(actor="prefecture_hq", groups=chosen)) is None
    selected = of(sim, ev.WorkingGroupsSelected)[-1]
    assert selected.groups == chosen and selected.stood_down == tuple(g for g in before if g not in chosen)
    assert set(sim.state.groups) == set(chosen)
    sim.run()
    assert any(e.level == 2 and e.t > 60 * MIN for e in of(sim, ev.ResponseActivated))
    assert set(sim.state.groups) == set(chosen)


def test_without_a_selection_the_levels_groups_apply_as_before(mini_mine) -> None:
    sim = Simulation(mini_mine.plan, mini_mine.scenario, 1, "plan")
    sim.run()
    assert sim.state.groups_selected is None
    assert set(sim.state.groups) == set(sim.index.groups_for_level(3))


def test_plan_show_lists_the_new_rules_with_their_clauses(ordos) -> None:
    from drillsim.render.plan_text import render_plan

    text = render_plan(ordos.definition, ordos.layers, "en")
    assert "(field_to_forces) [ordos-2024 四(五)4(3)]" in text
    assert "(region_work_team); does not take over field command [ordos-2024 四(五)2(4)]" in text
    assert "choosing the working groups" in text and "[ordos-2024 四(五)1]" in text
    assert "at level 4: Banner/district government [ordos-2024 四(八)1]" in text
