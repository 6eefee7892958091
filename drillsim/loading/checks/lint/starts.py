"""Which response levels can become active and which obligations the scenario sets off, and why one does not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drillsim.decisions import DECISION_TYPES
from drillsim.model.plan import (
    AccidentOccurred,
    GradeReached,
    LevelActivated,
    Obligation,
    ReportReceived,
    ResponseTerminatedStart,
    SituationChanged,
)
from drillsim.rules.obligations import applies_to

if TYPE_CHECKING:  # the context builds itself with these functions
    from drillsim.loading.checks.lint.context import LintContext

__all__ = ["active_levels", "applying_obligations", "grade_never_reached", "why_not_started"]


def active_levels(ctx: LintContext) -> set[int]:
    """Levels that can become active: justified by reachable facts, or expected of / open to a player."""
    out: set[int] = set()
    for level, lv in ctx.levels.items():
        if not ctx.played(lv.activated_by):
            continue
        if level in ctx.reach.justified or ctx.index.role_of_body[lv.activated_by] in ctx.human:
            out.add(level)
    for inj in ctx.scenario.msel:
        for exp in inj.expected:
            level = DECISION_TYPES[exp.decision].lint_activates_level(ctx, exp)
            if level is not None:
                out.add(level)
    return out


def grade_never_reached(ctx: LintContext, ob: Obligation) -> bool:
    """A grade-gated rule that applies (as the engine decides: `rules.obligations.applies_to`) at no grade the
    figures can reach and no level that can become active."""
    grades = [g.id for g in ctx.plan.grades if ctx.reach.grade_reachable(g.rank)]
    levels = [*sorted(ctx.active_levels), None]
    return not any(applies_to(ob, grade, level) for grade in grades for level in levels)


def _scope_tiers(ctx: LintContext) -> set[str]:
    tiers = {p.tier for p in ctx.scenario.setting.jurisdiction}
    tiers |= {ctx.levels[lv].led_by_tier for lv in ctx.active_levels}
    return tiers


def applying_obligations(ctx: LintContext) -> dict[str, Obligation]:
    """Obligations the scenario sets off (their start can happen and their reporter takes part), to a fixpoint."""
    grade_rank = ctx.grade_rank()
    scope = _scope_tiers(ctx)
    terminable = bool(ctx.active_levels)
    applies: dict[str, Obligation] = {}

    def in_scope(body: str, received: set[str]) -> bool:
        b = ctx.bodies.get(body)
        return ctx.played(body) or ctx.rank(body) == 0 or (b is not None and b.tier in scope) or body in received

    # bodies that can hold field command: the enterprise's own command and the officials who travel
    top = ctx.highest_leading_rank()
    commanders = {e.by for e in ctx.plan.field_command.establishment if e.when == "accident_occurred"}
    commanders |= {o.body for o in ctx.scenario.officials if 0 < ctx.rank(o.body) <= top and ctx.played(o.body)}
    changed = True
    while changed:
        changed = False
        received = {b for o in applies.values() for b in o.to}
        initial_reporters = {o.from_ for o in applies.values() if not isinstance(o.starts_on, SituationChanged)}
        for oid, ob in ctx.obligations.items():
            if oid in applies:
                continue
            if grade_never_reached(ctx, ob):
                continue
            start = ob.starts_on
            if isinstance(start, AccidentOccurred):
                ok = in_scope(ob.from_, received)
            elif isinstance(start, ReportReceived):
                ok = start.obligation in applies and in_scope(ob.from_, received)
            elif isinstance(start, LevelActivated):
                ok = start.level in ctx.active_levels and in_scope(ob.from_, received)
            elif isinstance(start, GradeReached):
                ok = ctx.reach.grade_reachable(grade_rank[start.grade]) and in_scope(ob.from_, received)
            elif isinstance(start, ResponseTerminatedStart):
                ok = terminable and in_scope(ob.from_, received)
            elif isinstance(start, SituationChanged):
                # the engine opens follow-ups for a body that has already reported or holds field command
                ok = ctx.reach.casualties_change and (ob.from_ in initial_reporters or ob.from_ in commanders)
            else:  # pragma: no cover - a new start kind
                ok = False
            if ok:
                applies[oid] = ob
                changed = True
    return applies


def why_not_started(ctx: LintContext, oid: str) -> str:
    """Why obligation `oid` never starts in this scenario, for a message."""
    ob = ctx.obligations[oid]
    start = ob.starts_on
    if grade_never_reached(ctx, ob):
        return f"it applies from grade {ob.min_grade}, which the figures never reach"
    if isinstance(start, ReportReceived) and start.obligation not in ctx.applies:
        return f"it starts when {start.obligation} is reported, which never starts"
    if isinstance(start, LevelActivated) and start.level not in ctx.active_levels:
        return f"it starts when level {start.level} is activated, which cannot happen"
    if isinstance(start, SituationChanged):
        if not ctx.reach.casualties_change:
            return "it starts when casualties or the grade change, and they never do"
        return f"it is a follow-up, and {ob.from_} makes no first report and never holds field command"
    if not ctx.played(ob.from_):
        return f"its reporter {ob.from_} takes no part: no role plays it"
    return "its start never happens"
