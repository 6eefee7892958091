"""Evaluating the structured conditions of scenario files over the exercise state.

Conditions are compiled once into small closures; the engine evaluates them every simulated minute.
"""

from __future__ import annotations

from collections.abc import Callable

from drillsim.engine.state import ExerciseState
from drillsim.model.scenario import Condition

Check = Callable[[ExerciseState, int], bool]
_COMPILED: dict[int, tuple[Condition, Check]] = {}


def holds(cond: Condition, state: ExerciseState, now: int | None = None) -> bool:
    """Whether a condition holds in this state at simulation time `now` (default: the last event's time)."""
    return checker(cond)(state, state.t if now is None else now)


def checker(cond: Condition) -> Check:
    """The compiled check of a condition, compiled on first use."""
    cached = _COMPILED.get(id(cond))
    if cached is None or cached[0] is not cond:  # the id of a collected condition may be reused
        cached = _COMPILED[id(cond)] = (cond, compile_condition(cond))
    return cached[1]


def compile_condition(cond: Condition) -> Check:  # noqa: C901 - one branch per kind, flat
    """A function of the state that tells whether `cond` holds."""
    kind = cond.kind
    if kind == "figure":
        figure, low, high = cond.figure, cond.at_least, cond.at_most
        return lambda s, now: (low is None or s.figures.get(figure, 0) >= low) and (
            high is None or s.figures.get(figure, 0) <= high)
    if kind == "level":
        active, at_least, at_most = cond.active, cond.at_least, cond.at_most

        def level_check(s: ExerciseState, now: int) -> bool:
            level = s.level
            if active is not None and (level is not None) != active:
                return False
            if at_least is not None and (level is None or level > at_least):
                return False
            return not (at_most is not None and level is not None and level < at_most)

        return level_check
    if kind == "decision":
        key = f"{cond.decision}|{cond.by or '*'}|{cond.target if cond.target is not None else '*'}"
        made = cond.made
        return lambda s, now: (key in s.accepted_keys) == made
    if kind == "obligation":
        obligation, status = cond.obligation, cond.status
        if status in ("open", "reported"):
            wanted = ("pending", "missed") if status == "open" else ("met", "late")
            return lambda s, now: obligation in s.obligations and s.obligations[obligation].status in wanted
        return lambda s, now: obligation in s.obligations and s.obligations[obligation].status == status
    if kind == "resource":
        resource, status = cond.resource, cond.status
        if status == "dispatched":
            return lambda s, now: resource in s.resources
        return lambda s, now: s.resources.get(resource) == status
    if kind == "inject":
        inject = cond.inject
        return lambda s, now: inject in s.injects
    if kind == "after":
        time = cond.time
        return lambda s, now: now >= time
    if kind == "all":
        parts = [compile_condition(c) for c in cond.of]

        def all_check(s: ExerciseState, now: int) -> bool:
            for part in parts:
                if not part(s, now):
                    return False
            return True

        return all_check
    if kind == "any":
        parts = [compile_condition(c) for c in cond.of]

        def any_check(s: ExerciseState, now: int) -> bool:
            for part in parts:
                if part(s, now):
                    return True
            return False

        return any_check
    if kind == "not":
        inner = compile_condition(cond.cond)
        return lambda s, now: not inner(s, now)
    raise TypeError(f"unknown condition {cond!r}")
