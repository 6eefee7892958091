"""Playing an exercise headless, and the engine's version."""

from __future__ import annotations

from collections.abc import Iterable

from drillsim.decisions import Decision
from drillsim.engine.simulation import Simulation, Sink
from drillsim.model.plan import LoadedPlan
from drillsim.model.scenario import Scenario

ENGINE_VERSION = "6"
"""Bumped whenever the same inputs would give a different event stream."""


def play(
    plan: LoadedPlan,
    scenario: Scenario,
    seed: int,
    policy: str = "plan",
    decisions: Iterable[tuple[int, Decision]] = (),
    until: int | None = None,
    sink: Sink | None = None,
    human_roles: Iterable[str] = (),
) -> Simulation:
    """Play a whole exercise headless, applying each (time, decision) when the clock reaches its time."""
    simulation = Simulation(plan, scenario, seed, policy, sink, human_roles)
    for t, decision in sorted(decisions, key=lambda td: td[0]):
        simulation.advance_to(t)
        if simulation.ended:
            break
        simulation.decide(decision)
    simulation.run(until)
    return simulation
