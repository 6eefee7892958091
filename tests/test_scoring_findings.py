"""Findings: verdicts, grades, evidence, labels and the rules' edge cases, on runs with human roles and on
edited event streams."""

from __future__ import annotations

import json

import pytest

from drillsim import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.scoring import Observation, Override, score_exercise
from drillsim.scoring.parameters import AREAS, COMPLIANT, SEVERITIES
from drillsim.scoring.ratings import rating_of
from tests.test_scoring_support import ALL_SCENARIOS, MINI_MINE, card, events, loaded

MIN = 60_000
POLICIES = ("plan", "late-reporter", "no-handover", "concealer")


def _human_enterprise(decisions=(), until=None):
    sc = loaded(MINI_MINE)
    x = play(sc.plan, sc.scenario, 1, "plan", decisions=decisions, until=until, human_roles=["enterprise"])
    return x.events, score_exercise(sc, x.events, baseline=list(events(MINI_MINE, "plan", 1)))


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=[p.stem for p in ALL_SCENARIOS])
def test_every_evidence_seq_exists_in_the_events(path, policy):
    for seed in (0, 1):
        seqs = {e.seq: e.t for e in events(path, policy, seed)}
        for f in card(path, policy, seed).findings:
            for seq, t in f.evidence:
                assert seqs.get(seq) == t, (f.id, seq)


@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=[p.stem for p in ALL_SCENARIOS])
def test_findings_are_well_formed(path):
    c = card(path, "late-reporter", 0)
    ids = [f.id for f in c.findings]
    assert len(ids) == len(set(ids))
    for f in c.findings:
        assert f.area in AREAS
        assert f.rule.zh and f.rule.at and f.rule.source
        assert f.severity is None or f.severity in SEVERITIES
        if f.verdict in COMPLIANT:
            assert f.severity is None and f.points_lost == 0, f.id
        if f.points_lost > 0:
            assert f.severity is not None and f.evidence, f.id
    assert sum(f.points_lost for f in c.findings) == pytest.approx(100 - c.overall, abs=0.06)


def test_every_plan_obligation_and_msel_expectation_is_judged():
    c = card(MINI_MINE, "plan", 0)
    sc = loaded(MINI_MINE)
    from tests.test_scoring_support import index

    for rule_id in index(MINI_MINE).obligations:
        assert any(f.id in (f"obligation:{rule_id}",) or f.id.startswith(f"obligation:{rule_id}#") for f in c.findings)
    for inj in sc.scenario.msel:
        for n, _ in enumerate(inj.expected, start=1):
            assert c.finding(f"msel:{inj.id}#{n}") is not None
    for g in sc.plan.definition.working_groups:
        assert c.finding(f"group:{g.id}") is not None
    for h in sc.plan.definition.field_command.handovers:
        assert c.finding(f"handover:{h.id}") is not None


def test_external_rules_are_labelled_external():
    c = card(MINI_MINE, "plan", 0)
    assert c.finding("obligation:situation_changed").rule.external
    assert c.finding("obligation:region_to_nation").rule.external
    assert not c.finding("obligation:unit_head_phone").rule.external
    data = c.to_dict()
    assert any(f["rule"]["external"] for f in data["findings"])


def test_may_and_unplayed_obligations_cost_nothing():
    c = card(MINI_MINE, "late-reporter", 0)
    may = c.finding("obligation:site_direct_to_county")
    assert may.verdict == "optional" and may.points_lost == 0 and may.rule.modality == "may"
    park = c.finding("obligation:park_to_county")
    assert park.verdict == "not_played" and park.points_lost == 0


def test_running_clocks_at_the_end_are_pending_not_missed():
    c = card(MINI_MINE, "plan", 0)
    assert c.finding("obligation:final_report").verdict == "pending"
    sc = loaded(MINI_MINE)
    cut = play(sc.plan, sc.scenario, 1, "plan", until=12 * MIN).events
    cc = score_exercise(sc, cut, baseline=list(events(MINI_MINE, "plan", 1)))
    pending = [f for f in cc.findings if f.verdict == "pending"]
    assert pending and all(f.points_lost == 0 for f in pending)
    assert not [f for f in cc.findings if f.verdict == "missed"]


def test_a_silent_enterprise_misses_its_reports_and_nothing_downstream_costs():
    evs, c = _human_enterprise()
    lost = {f.id for f in c.losing()}
    assert {"obligation:site_to_unit_head", "command:enterprise", "initial:evacuate", "initial:cordon"} <= lost
    assert c.finding("obligation:site_to_unit_head").verdict == "missed"
    assert c.finding("obligation:site_to_unit_head").severity == "不足项"
    for fid in ("obligation:unit_head_phone", "obligation:county_to_prefecture", "level:4"):
        assert c.finding(fid).points_lost == 0, fid
    assert c.finding("level:4").verdict == "not_informed"


def test_false_figures_are_caught_both_ways():
    decisions = [
        (1 * MIN, d.EstablishCommand(actor="enterprise")),
        (2 * MIN, d.Report(actor="site_personnel", obligation="site_to_unit_head", figures={"trapped": 1})),
        (5 * MIN, d.Report(actor="unit_head", obligation="unit_head_phone", figures={"trapped": 9})),
        (6 * MIN, d.Report(actor="unit_head", obligation="unit_head_written",
                           content=("enterprise", "time", "place"))),
    ]
    _, c = _human_enterprise(decisions)
    concealed = c.finding("obligation:site_to_unit_head")
    assert concealed.verdict == "false_report" and "瞒报" in concealed.detail.zh
    assert concealed.rule.at == "四(一)5"  # the prohibition of 迟报、漏报、谎报、瞒报
    inflated = c.finding("obligation:unit_head_phone")
    assert inflated.verdict == "false_report" and "谎报" in inflated.detail.zh
    incomplete = c.finding("obligation:unit_head_written")
    assert incomplete.verdict == "incomplete" and incomplete.severity == "整改项"
    assert 0 < incomplete.points_lost < inflated.points_lost


def test_unauthorised_release_is_a_deficiency():
    _, c = _human_enterprise([(3 * MIN, d.ReleaseInformation(actor="enterprise", text="2人被困"))])
    f = c.finding("release:1")
    assert f.verdict == "unauthorised" and f.severity == "不足项" and f.points_lost > 0


def test_rescue_not_suspended_when_rescuers_are_threatened():
    evs = list(events(MINI_MINE, "plan", 1))
    assert any(isinstance(e, ev.RescuersThreatened) for e in evs)
    edited = [e for e in evs if not isinstance(e, (ev.RescueSuspended, ev.RescueResumed))]
    c = score_exercise(loaded(MINI_MINE), edited, baseline=evs)
    f = c.finding("suspension:roof_fall")
    assert f.verdict == "missed" and f.area == "protection" and f.points_lost > 0
    assert card(MINI_MINE, "plan", 1).finding("suspension:roof_fall").verdict == "met"


def test_termination_before_the_conditions_is_premature():
    evs = list(events(MINI_MINE, "plan", 0))
    edited = [e for e in evs if not isinstance(e, ev.TerminationConditionsMet)]
    c = score_exercise(loaded(MINI_MINE), edited, baseline=evs)
    assert c.finding("termination").verdict == "premature"


def test_score_card_is_json_native_with_stable_keys():
    data = card(MINI_MINE, "concealer", 0).to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert {"overall", "ratings", "findings", "deviations", "observations", "overrides", "conversion"} <= set(data)
    f = data["findings"][0]
    assert {"id", "area", "rule", "verdict", "severity", "points_lost", "detail", "evidence"} <= set(f)
    assert set(f["rule"]) == {"source", "at", "zh", "en", "modality", "external"}
    assert set(f["detail"]) == {"zh", "en"}
    assert set(data["ratings"]) == set(AREAS)
    assert data["conversion"]["bands"][0] == {"min": 90.0, "zh": "优秀", "en": "excellent"}


def test_overrides_change_findings_and_ratings_with_author_and_reason():
    sc = loaded(MINI_MINE)
    evs = list(events(MINI_MINE, "late-reporter", 1))
    base = list(events(MINI_MINE, "plan", 1))
    plain = score_exercise(sc, evs, baseline=base)
    overrides = [
        Override("obligation:unit_head_phone", "Wang", "phone line down, confirmed by the exercise control", verdict="waived"),
        Override("obligation:unit_head_written", "Wang", "minor", severity="改进项"),
        Override("", "Li", "the team handled reporting well overall", rating_area="warning_reporting", rating="S"),
        Override("no-such-finding", "Li", "typo", verdict="met"),
    ]
    c = score_exercise(sc, evs, overrides=overrides, baseline=base)
    waived = c.finding("obligation:unit_head_phone")
    assert waived.verdict == "waived" and waived.points_lost == 0
    assert waived.override.author == "Wang" and waived.override.verdict_before == "late"
    softer = c.finding("obligation:unit_head_written")
    assert softer.severity == "改进项" and softer.points_lost < plain.finding("obligation:unit_head_written").points_lost
    assert c.procedure > plain.procedure and c.overall >= plain.overall  # a 不足项 left keeps the 良好 cap
    assert c.ratings["warning_reporting"] == "S"
    assert [o.applied for o in c.overrides] == [True, True, True, False]


def test_observations_are_kept_in_time_order():
    sc = loaded(MINI_MINE)
    evs = list(events(MINI_MINE, "plan", 0))
    obs = [Observation("Li", "handover briefing was crisp", 5_000_000, "command"),
           Observation("Wang", "dispatch room calm", 60_000)]
    c = score_exercise(sc, evs, observations=obs, baseline=evs)
    assert [o["author"] for o in c.to_dict()["observations"]] == ["Wang", "Li"]


def test_reference_run_is_played_when_not_given():
    sc = loaded(MINI_MINE)
    evs = list(events(MINI_MINE, "late-reporter", 2))
    assert score_exercise(sc, evs).baseline == card(MINI_MINE, "late-reporter", 2).baseline


def test_deviations_say_where_and_by_how_much():
    c = card(MINI_MINE, "late-reporter", 1)
    row = next(r for r in c.deviations if r.finding_id == "obligation:unit_head_phone")
    assert row.baseline_verdict == "met" and row.verdict == "late"
    assert row.delta_t > 0 and row.points_delta > 0


def test_events_of_another_scenario_are_refused():
    with pytest.raises(ValueError):
        score_exercise(loaded(ALL_SCENARIOS[0]), list(events(MINI_MINE, "plan", 0)))


def test_ratings_thresholds_and_the_deficiency_cap():
    assert rating_of(95, False) == "P"
    assert rating_of(95, True) == "M"
    assert rating_of(80, False) == "S"
    assert rating_of(60, False) == "M"
    assert rating_of(10, False) == "U"


def test_an_unauthorised_release_names_who_may_release_at_the_level_of_the_moment():
    """Ordos: the banner government releases during the level-4 response, the city propaganda department from
    level 3 (四(八)1); the finding names those of the level in force, not the plan's whole list."""
    from tests.tui.helpers import scenario_path

    path = scenario_path("ordos-coal-mine")
    sc = loaded(path)
    x = play(sc.plan, sc.scenario, 1, "plan", decisions=[  # the computer plays every role; the enterprise also releases
        (20 * MIN, d.ReleaseInformation(actor="enterprise", text="2人被困")),
        (60 * MIN, d.ReleaseInformation(actor="enterprise", text="5人被困"))])
    levels = {e.t: e.level for e in x.events if isinstance(e, ev.ResponseActivated)}
    assert [lv for t, lv in sorted(levels.items()) if t <= 60 * MIN][-2:] == [4, 3]
    assert max(t for t, lv in levels.items() if lv == 4) < 20 * MIN < min(t for t, lv in levels.items() if lv == 3)
    c = score_exercise(sc, x.events, baseline=list(events(path, "plan", 1)))
    banner, city = "旗区人民政府", "市委宣传部"
    first, second = c.finding("release:1"), c.finding("release:2")
    assert first.verdict == second.verdict == "unauthorised"
    assert first.detail.zh.endswith(f"授权发布主体为{banner}。"), first.detail.zh
    assert second.detail.zh.endswith(f"授权发布主体为{city}。"), second.detail.zh
    assert "propaganda" in second.detail.en.split("authorised:")[1] and "anner" not in second.detail.en.split("authorised:")[1]


def test_a_cap_that_held_the_score_says_which_and_why():
    """A 不足项 holds the conclusion at 良好 (89.9); a table that never decided at 不合格 (59.9); a cap the
    points never reached is not reported."""
    ordos = next(p for p in ALL_SCENARIOS if p.stem == "ordos-coal-mine")
    capped = card(ordos, "late-reporter", 1)
    assert capped.cap is not None and capped.cap.reasons == ("deficiency",) and capped.cap.ceiling == 89.9
    assert capped.cap.note("zh") == "结论封顶为良好（最高89.9分），因为存在不足项"
    assert capped.cap.note("en") == "capped at good (89.9 at best) because a deficiency (不足项) stands"
    assert all(capped.finding(i).severity == "不足项" for i in capped.cap.causes)
    sc = loaded(MINI_MINE)
    x = play(sc.plan, sc.scenario, 1, "plan", human_roles=["city"])  # the city's players never decide
    idle = score_exercise(sc, x.events, baseline=list(events(MINI_MINE, "plan", 1)))
    assert idle.cap is not None and idle.cap.reasons == ("inaction",) and idle.overall == 59.9 < idle.procedure
    assert idle.cap.note("en") == "capped at unsatisfactory (59.9 at best) because nobody at the table decided"
    assert idle.cap.note("zh") == "结论封顶为不合格（最高59.9分），因为参演人员未作任何决策"
    assert card(ordos, "plan", 1).cap is None
    assert card(ordos, "concealer", 1).cap is None  # 88.0: below the 不足项's ceiling, nothing was held down
