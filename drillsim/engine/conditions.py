"""Evaluating the structured conditions of scenario files over the exercise state."""

from __future__ import annotations

from drillsim.engine.state import ExerciseState
from drillsim.model.scenario import (
    AfterCondition,
    AllOf,
    AnyOf,
    Condition,
    DecisionCondition,
    FigureCondition,
    InjectCondition,
    LevelCondition,
    NotCondition,
    ObligationCondition,
)


def holds(cond: Condition, state: ExerciseState) -> bool:
    """Whether a condition holds in this state."""
    if isinstance(cond, FigureCondition):
        value = state.figures.get(cond.figure, 0)
        return (cond.at_least is None or value >= cond.at_least) and (cond.at_most is None or value <= cond.at_most)
    if isinstance(cond, LevelCondition):
        level = state.level
        if cond.active is not None and (level is not None) != cond.active:
            return False
        if cond.at_least is not None and (level is None or level > cond.at_least):
            return False
        if cond.at_most is not None and level is not None and level < cond.at_most:
            return False
        return True
    if isinstance(cond, DecisionCondition):
        made = any(
            kind == cond.decision
            and (cond.by is None or actor == cond.by)
            and (cond.target is None or target == cond.target)
            for _, kind, actor, target in state.accepted
        )
        return made == cond.made
    if isinstance(cond, ObligationCondition):
        status = state.obligations.get(cond.obligation)
        if cond.status == "open":
            return status is not None and status.status in ("pending", "missed")
        return status is not None and status.status == cond.status
    if isinstance(cond, InjectCondition):
        return cond.inject in state.injects
    if isinstance(cond, AfterCondition):
        return state.t >= cond.time
    if isinstance(cond, AllOf):
        return all(holds(c, state) for c in cond.of)
    if isinstance(cond, AnyOf):
        return any(holds(c, state) for c in cond.of)
    if isinstance(cond, NotCondition):
        return not holds(cond.cond, state)
    raise TypeError(f"unknown condition {cond!r}")
