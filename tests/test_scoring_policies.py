"""The scoring discriminates: the `plan` policy scores at least 90 on every scenario, and each flawed policy
loses points exactly on the obligations it breaks, recomputed here from the events."""

from __future__ import annotations

import statistics

import pytest

from drillsim.scoring.parameters import MINUTE
from tests.test_scoring_support import (
    ALL_SCENARIOS,
    MINI_MINE,
    card,
    concealed_enterprise_reports,
    enterprise_handovers_broken,
    events,
    late_enterprise_reports,
    losing_ids,
    plan_noise,
    procedure_losing_ids,
)

SEEDS = range(20)
FLAWED_SEEDS = range(8)
IDS = [p.stem for p in ALL_SCENARIOS]

DEPENDENT: dict[tuple[str, str], frozenset[str]] = {
    # No 120/119 report from the enterprise: the county first hears of the fire from the 119 call, and its
    # sampled reaction time can exceed the 5/10-minute window (under `plan` it had already dispatched).
    ("cotton-picker-fire", "late-reporter"): frozenset({"msel:inj-05-119#1", "msel:inj-05-119#2"}),
    # The late-report prompt makes the unit head write a note; the engine then treats inj-06's note by the
    # same body as done and never writes it (engine problem: expectations are de-duplicated across injects).
    # With the officials later, the county field HQ takes command after inj-08 and the engine never retries
    # the evacuation and cordon it could not order at the inject (engine problem: no retry).
    ("zhundong-coal-chemical-fire", "late-reporter"): frozenset(
        {"msel:inj-06-four-dead#1", "msel:inj-08-wind-shift#1", "msel:inj-08-wind-shift#2"}),
}
"""MSEL findings causally dependent on what a flawed policy breaks, by (scenario, policy): allowed, not
required. On-scene orders a body could not give because it never held command cost nothing (not_triggered)."""


LEVEL_HELD_DOWN: dict[tuple[str, str], frozenset[str]] = {
    # The flawed policy keeps the banner's level 4 the active one when the city releases information (the city
    # is told too little or too late to raise it), and who may release depends on the level (Ordos 四(八)1,
    # Xinjiang L488): the city's release is unauthorised at level 4. Allowed, not required.
    ("mini-mine", "concealer"): frozenset({"release:1"}),
    ("mini-mine", "late-reporter"): frozenset({"release:1"}),
    ("xinjiang-cotton-yard-fire", "concealer"): frozenset({"release:1"}),
}
"""Release findings that follow from the level the flawed policy holds down, by (scenario, policy)."""


def _allowed(path, policy: str, lost: set[str]) -> set[str]:
    """Losing ids minus the named dependent ones (any MSEL finding on a scenario not named yet)."""
    lost = lost - LEVEL_HELD_DOWN.get((path.stem, policy), frozenset())
    named = DEPENDENT.get((path.stem, policy))
    if named is None and not any(k[0] == path.stem for k in DEPENDENT):
        return {i for i in lost if not i.startswith("msel:")}
    return lost - (named or frozenset())


@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=IDS)
def test_plan_policy_scores_at_least_90_median_over_20_seeds(path):
    scores = [card(path, "plan", s).overall for s in SEEDS]
    assert statistics.median(scores) >= 90, scores


@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=IDS)
def test_plan_policy_is_its_own_reference(path):
    c = card(path, "plan", 0)
    assert c.overall == c.baseline.overall
    assert c.deviations == ()


def test_plan_policy_on_mini_mine_loses_nothing():
    for s in SEEDS:
        assert losing_ids(card(MINI_MINE, "plan", s)) == set(), s


# --- late-reporter: the enterprise's reports, late or missed --------------------------------------------


def test_late_reporter_loses_on_the_enterprise_reports_named():
    for s in FLAWED_SEEDS:
        lost = losing_ids(card(MINI_MINE, "late-reporter", s))
        assert {"obligation:unit_head_phone", "obligation:unit_head_written"} <= lost, s
        assert "obligation:site_to_unit_head" not in lost, s  # inside the enterprise: not 迟报


@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=IDS)
def test_late_reporter_loses_exactly_on_late_enterprise_reports(path):
    noise = plan_noise(path, SEEDS)
    for s in FLAWED_SEEDS:
        c = card(path, "late-reporter", s)
        expected = late_enterprise_reports(path, events(path, "late-reporter", s))
        assert _allowed(path, "late-reporter", procedure_losing_ids(c) - noise) == expected - noise, s
        assert all(c.finding(i).verdict in ("late", "missed") for i in expected), s


def test_late_reporter_does_not_blame_the_government_for_late_news():
    """Activation, relays and handovers wait on the late report: their clocks start when news arrives."""
    c = card(MINI_MINE, "late-reporter", 1)
    for fid in ("level:4", "level:3", "level:2", "obligation:county_to_prefecture",
                "handover:enterprise_to_county_field_hq"):
        assert c.finding(fid).points_lost == 0, fid


# --- no-handover: the handovers -------------------------------------------------------------------------


def test_no_handover_loses_on_the_enterprise_handovers_named():
    for s in FLAWED_SEEDS:
        assert procedure_losing_ids(card(MINI_MINE, "no-handover", s)) == {
            "handover:enterprise_to_county_field_hq", "handover:enterprise_to_prefecture_field_hq"}, s


@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=IDS)
def test_no_handover_loses_exactly_on_the_handovers(path):
    noise = plan_noise(path, SEEDS)
    for s in FLAWED_SEEDS:
        c = card(path, "no-handover", s)
        expected = enterprise_handovers_broken(path, events(path, "no-handover", s), 30 * MINUTE)
        assert _allowed(path, "no-handover", procedure_losing_ids(c) - noise) == expected - noise, s
        assert all(i.startswith("handover:") for i in expected)


# --- concealer: false reports (瞒报) of the enterprise -------------------------------------------------


def test_concealer_loses_on_the_concealed_reports_named():
    for s in FLAWED_SEEDS:
        c = card(MINI_MINE, "concealer", s)
        assert {"obligation:unit_head_phone", "obligation:unit_head_written"} <= losing_ids(c), s
        assert c.finding("obligation:site_to_unit_head").verdict == "met", s  # inside the enterprise: not 瞒报
        assert all(f.verdict == "false_report" and "瞒报" in f.detail.zh for f in c.losing()
                   if f.id not in LEVEL_HELD_DOWN[("mini-mine", "concealer")])


@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=IDS)
def test_concealer_loses_exactly_on_false_enterprise_reports(path):
    noise = plan_noise(path, SEEDS)
    for s in FLAWED_SEEDS:
        c = card(path, "concealer", s)
        expected = concealed_enterprise_reports(path, events(path, "concealer", s))
        assert expected, s
        assert _allowed(path, "concealer", procedure_losing_ids(c) - noise) == expected - noise, s


def test_concealment_is_not_blamed_on_relaying_bodies():
    """The banner relays what it was told: its reports match its knowledge, so they are not false."""
    c = card(MINI_MINE, "concealer", 1)
    assert c.finding("obligation:county_to_prefecture").verdict == "met"
    assert c.finding("level:2").verdict in ("not_informed", "met")


@pytest.mark.parametrize("policy", ["late-reporter", "no-handover", "concealer"])
def test_flawed_policies_score_below_the_plan_policy(policy):
    for s in FLAWED_SEEDS:
        c = card(MINI_MINE, policy, s)
        assert c.overall < c.baseline.overall, s
        assert any(d.points_delta > 0 for d in c.deviations)
