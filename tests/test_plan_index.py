"""The plan index's rule that a role's bodies act for one another, which the engine and lint both ask."""

from __future__ import annotations

from drillsim.rules.plan_index import PlanIndex


def test_a_body_acts_for_itself_and_for_the_bodies_of_its_role(mini_mine) -> None:
    index = PlanIndex.build(mini_mine.plan, mini_mine.scenario)
    assert index.acts_for("county_em_bureau", "county_em_bureau")
    assert index.acts_for("county_em_bureau", "county_government")  # both in the banner role
    assert not index.acts_for("county_em_bureau", "prefecture_government")  # the city's
    unplayed = next(b for b in index.bodies if b not in index.role_of_body)
    assert index.acts_for(unplayed, unplayed)
    assert not index.acts_for(unplayed, "county_government")
    assert not index.acts_for("county_government", unplayed)
