"""An uninformed government does not act on news it never got (issue 12): with the enterprise played by a person
who never reports, no inject tells a government what a report would have told it, and no computer-played
government activates a level, sets up or takes field command, or sends its forces on such an inject."""

from __future__ import annotations

import pytest

from drillsim.catalog import data_root
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.loading.scenarios import load_scenario
from drillsim.model.base import MINUTE
from drillsim.rules.plan_index import PlanIndex

ORDOS = data_root() / "ordos-coal-mine.yaml"
BINGTUAN = data_root() / "bingtuan-chlorine-leak.yaml"
ACTS_ON_NEWS = ("activate_response", "adjust_response", "establish_command", "hand_over_command",
                "dispatch_resource", "request_support", "send_guidance_team", "judge_response_needed")
OWN_MEANS = frozenset({"inj-08-school", "inj-02-video"})
"""Injects that are themselves how a government hears (the scenarios say so): Bingtuan's head teacher calls the
county; Zhundong's zone EM bureau spots the video online (L567)."""


def _silent(path, seed: int, role: str = "enterprise"):  # noqa: ANN001, ANN202 - a path and a play result
    """The scenario with `role` played by a person who decides nothing, everything else by the computer."""
    loaded = load_scenario(path)
    return loaded, play(loaded.plan, loaded.scenario, seed, human_roles=[role]).events


def _delivered(events, inject_id):  # noqa: ANN001, ANN202
    return next((e for e in events if isinstance(e, ev.InjectDelivered) and e.inject == inject_id), None)


def _uninformed_acts(loaded, events, own_means: frozenset[str] = frozenset()) -> list[str]:  # noqa: ANN001
    """Decisions on the news (ACTS_ON_NEWS) by a body of a role no report had reached yet — of the roles some
    report in force can reach (a role none reaches, like the Bingtuan division on its own monitoring platform,
    hears by its own means), leaving out the injects in `own_means` (news that reaches a body by a call of its
    own, which the scenario says so of)."""
    index = PlanIndex.build(loaded.plan, loaded.scenario)
    reachable = {index.role(b) for eo in index.obligations.values() for b in eo.obligation.to}
    informed: set[str] = set()
    wrong = []
    for e in events:
        if isinstance(e, ev.InjectDelivered) and e.inject in own_means:
            informed.add(e.to_role)
        elif isinstance(e, ev.ReportSubmitted):
            informed |= {index.role(b) for b in e.to}
        elif isinstance(e, ev.DecisionAccepted) and e.decision in ACTS_ON_NEWS and index.rank(e.actor) > 0:
            role = index.role(e.actor)
            if role in reachable and role not in informed:
                wrong.append(f"{e.t // MINUTE} min: {e.actor} {e.decision} {e.params}")
    return wrong


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_silent_mine_leaves_banner_city_and_region_untold(seed: int) -> None:
    """Ordos, the mine silent: before, the region got 'Ordos's follow-up: 12 trapped, level 3' at 1 h 40 min
    (a 100-minute fallback) and set up field command; the city got 'from the scene: 12 trapped'."""
    loaded, events = _silent(ORDOS, seed)
    assert not any(isinstance(e, ev.ReportSubmitted) and e.by != "site_personnel" for e in events)
    for inject in ("inj-04-banner-level4", "inj-06-city-level3", "inj-07-enterprise-handover",
                   "inj-08-twelve-trapped", "inj-09-region-level2", "inj-12-families-rumours",
                   "inj-13-expert-pause"):
        assert _delivered(events, inject) is None, inject
    # the water still rises on the rescue route at 4 h: the world's change does not wait for news
    assert any(isinstance(e, ev.FiguresChanged) and "rising-water-rescue-route" in e.cause and e.t == 240 * MINUTE
               for e in events)
    assert not any(isinstance(e, ev.CommandEstablished | ev.CommandHandedOver | ev.ResponseActivated)
                   for e in events)
    assert _uninformed_acts(loaded, events) == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_silent_enterprise_and_informant_leave_the_bingtuan_region_untold(seed: int) -> None:
    """Bingtuan, the enterprise role (with its informant) silent: the county's command post does not move and
    the region is not asked to coordinate, activate level 2 or release the facts."""
    loaded, events = _silent(BINGTUAN, seed)
    for inject in ("inj-04-county-level4", "inj-07-wind-shift", "inj-11-crossing", "inj-13-rumours",
                   "inj-14-gasket"):
        assert _delivered(events, inject) is None, inject
    assert not any(isinstance(e, ev.ResponseActivated) for e in events)
    assert _uninformed_acts(loaded, events, OWN_MEANS) == []


@pytest.mark.parametrize("path", [ORDOS, BINGTUAN, data_root() / "zhundong-coal-chemical-fire.yaml",
                                  data_root() / "xinjiang-cotton-yard-fire.yaml"], ids=lambda p: p.stem)
@pytest.mark.parametrize("policy", ["plan", "late-reporter", "concealer", "no-handover", "silent enterprise"])
def test_no_computer_government_acts_before_a_report_reached_it(path, policy: str) -> None:  # noqa: ANN001
    loaded = load_scenario(path)
    for seed in (1, 2, 3):
        if policy == "silent enterprise":
            events = play(loaded.plan, loaded.scenario, seed, human_roles=["enterprise"]).events
        else:
            events = play(loaded.plan, loaded.scenario, seed, policy).events
        assert _uninformed_acts(loaded, events, OWN_MEANS) == [], (policy, seed)


def test_the_region_hears_of_twelve_trapped_when_the_city_reports_it() -> None:
    """Ordos inj-09 waits for the city's follow-up (or, its first report in, 100 min): under `plan` it comes
    with the follow-up, within the minute the conditions are watched in."""
    loaded = load_scenario(ORDOS)
    for seed in (1, 2, 3):
        events = play(loaded.plan, loaded.scenario, seed).events
        follow_up = next(e for e in events if isinstance(e, ev.ObligationMet) and e.obligation == "prefecture_follow_up")
        told = _delivered(events, "inj-09-region-level2")
        assert told is not None and follow_up.t <= told.t < follow_up.t + MINUTE
