"""What the dynamics can possibly produce: bounds of every figure, the flags set, the best grade, the levels
some trigger justifies. A static over-approximation: everything the engine can reach lies inside it."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

from drillsim.model.figures import FOLLOW_UP_FIGURES, GRADE_CRITERIA, PEOPLE_AT_RISK, STATE_ORDER
from drillsim.model.plan import (
    CapacityExceededTrigger,
    CrossJurisdictionTrigger,
    GradeTrigger,
    PeopleAtRiskTrigger,
    Plan,
)
from drillsim.model.scenario import FigureChanges, Scenario
from drillsim.rules.grading import IncidentFacts, grade_of

__all__ = ["Reach", "reach", "bound_text"]


@dataclass
class Reach:
    """Bounds of every figure, the flags, the best (lowest) grade rank and the justified levels."""

    lo: dict[str, float] = field(default_factory=dict)
    hi: dict[str, float] = field(default_factory=dict)
    cross: set[str] = field(default_factory=set)
    capacity: set[str] = field(default_factory=set)
    best_grade_rank: int = 4
    """Rank of the worst grade the figures can reach (1 = especially_major); every lower grade is reachable too."""
    justified: set[int] = field(default_factory=set)
    casualties_change: bool = False

    def par(self) -> tuple[float, float]:
        """Lowest and highest number of people at risk (trapped + missing + endangered)."""
        return sum(self.lo[f] for f in PEOPLE_AT_RISK), sum(self.hi[f] for f in PEOPLE_AT_RISK)

    def grade_reachable(self, rank: int) -> bool:
        """Whether the figures can reach a grade of this rank."""
        return rank >= self.best_grade_rank


def bound_text(value: float) -> str:
    """A figure's bound in a message: `1,200`, or `no limit`."""
    return "no limit" if value == math.inf else f"{int(value):,}"


def _whole(value: float) -> int:
    return sys.maxsize if value == math.inf else int(value)


def _changes(sc: Scenario) -> Iterator[FigureChanges]:
    for ch in sc.dynamics.changes:
        yield ch.change
    for s in sc.dynamics.secondary:
        yield s.change
    for inj in sc.msel:
        if inj.change is not None:
            yield inj.change
    for action in sc.actions:
        if action.change is not None:
            yield action.change


def reach(sc: Scenario, plan: Plan) -> Reach:
    """The bounds of what this scenario's dynamics can produce under this plan."""
    r = Reach()
    init = sc.initial
    changes = list(_changes(sc))
    for fig in STATE_ORDER:
        v0 = float(getattr(init, fig, 0))
        sets = [float(c.set[fig]) for c in changes if fig in c.set]
        adds = [float(c.add[fig]) for c in changes if fig in c.add]
        hi = max([v0, *sets])
        lo = min([v0, *sets])
        decreases = any(a < 0 for a in adds)
        for g in sc.dynamics.growth:
            if g.figure != fig:
                continue
            if g.amount > 0:
                hi = math.inf if g.cap is None else max(hi, float(g.cap))
            elif g.amount < 0:
                decreases = True
        hi += sum(a for a in adds if a > 0)
        if any(e.from_figure == fig for e in sc.dynamics.rescue):
            decreases = True
        r.lo[fig] = 0.0 if decreases else lo
        r.hi[fig] = hi
    for e in sc.dynamics.rescue:  # people moved by rescue can add up to everyone who could be moved
        r.hi[e.to_figure] = r.hi[e.to_figure] + r.hi[e.from_figure]
    r.cross = set(init.cross_jurisdiction) | {x for c in changes for x in c.cross_jurisdiction}
    r.capacity = set(init.capacity_exceeded) | {x for c in changes for x in c.capacity_exceeded}
    # the worst grade reachable is the grade of every criterion at its highest, graded as the engine grades
    r.best_grade_rank = grade_of(plan, IncidentFacts(**{c: _whole(r.hi[c]) for c in GRADE_CRITERIA})).rank
    initial_rank = grade_of(plan, IncidentFacts(**{c: getattr(init, c) for c in GRADE_CRITERIA})).rank
    # what `model.figures.calls_for_follow_up` and a changing grade make news to follow up
    r.casualties_change = r.best_grade_rank != initial_rank or any(
        f in c.set or f in c.add for c in changes for f in (*FOLLOW_UP_FIGURES, "trapped")
    ) or any(g.figure in (*FOLLOW_UP_FIGURES, "trapped") for g in sc.dynamics.growth) or any(
        e.to_figure in FOLLOW_UP_FIGURES for e in sc.dynamics.rescue
    )
    lo_par, hi_par = r.par()
    grade_rank = {g.id: g.rank for g in plan.grades}
    for lv in plan.response_levels:
        for t in lv.triggers:
            if isinstance(t, GradeTrigger) and r.grade_reachable(grade_rank[t.grade]):
                r.justified.add(lv.level)
            elif isinstance(t, PeopleAtRiskTrigger):
                top = math.inf if t.max is None else t.max
                if t.min <= hi_par and lo_par <= top:
                    r.justified.add(lv.level)
            elif isinstance(t, CapacityExceededTrigger) and t.tier in r.capacity:
                r.justified.add(lv.level)
            elif isinstance(t, CrossJurisdictionTrigger) and t.scope in r.cross:
                r.justified.add(lv.level)
            # decided_by triggers hold only once a body judges so (a judge_response_needed decision) and a
            # declared capacity likewise: what people may decide is not counted as reachable by the facts
    return r
