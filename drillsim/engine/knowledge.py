"""What a body knows of the accident — the rule computer-played roles act on and scoring judges them by.

At the enterprise a body sees the truth; elsewhere it knows the figures of the newest report that reached
any body of its role. Situation flags (crossing jurisdictions, capacity exceeded, a higher body's judgement) are known to
everyone.
"""

from __future__ import annotations

from drillsim.rules.plan_index import PlanIndex
from drillsim.engine.state import ExerciseState
from drillsim.model.figures import PEOPLE_AT_RISK
from drillsim.rules.grading import IncidentFacts


def role_knowledge(state: ExerciseState, index: PlanIndex, role: str) -> dict[str, int]:
    """The figures of the newest report that reached any body of the role ({} if none has)."""
    members = index.role_bodies[role]
    known_t = state.known_t
    best_t, best = -1, None
    for body, figures in state.known.items():
        if body in members and known_t[body] > best_t:
            best_t, best = known_t[body], figures
    return dict(best) if best is not None else {}


def knowledge(state: ExerciseState, index: PlanIndex, body: str) -> dict[str, int]:
    """What a body knows: the truth at the enterprise, else what its role (or, without one, it) was told."""
    if index.rank(body) == 0:
        return dict(state.figures)
    role = index.role(body)
    if role is None:
        return dict(state.known.get(body, {}))
    return role_knowledge(state, index, role)


def situation_key(state: ExerciseState, figures: dict[str, int]) -> tuple:
    """What a classification depends on, as a plain hashable tuple (cheap to build and to look up)."""
    return (figures.get("deaths", 0), figures.get("serious_injuries", 0), figures.get("direct_loss_cny", 0),
            sum([figures.get(k, 0) for k in PEOPLE_AT_RISK]),
            tuple(state.capacity_exceeded), tuple(state.cross_jurisdiction), tuple(state.decided_by))


def situation(state: ExerciseState, figures: dict[str, int]) -> IncidentFacts:
    """The figures a classification needs, with the situation flags of the state."""
    return figures_of(situation_key(state, figures))


def figures_of(key: tuple) -> IncidentFacts:
    """The classification input a `situation_key` stands for."""
    deaths, serious, loss, at_risk, capacity, cross, decided = key
    return IncidentFacts(deaths=deaths, serious_injuries=serious, direct_loss_cny=loss, people_at_risk=at_risk,
                         capacity_exceeded=frozenset(capacity), cross_jurisdiction=frozenset(cross),
                         decided_by=frozenset(decided))
