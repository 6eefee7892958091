"""Can a condition ever hold? Every part that makes it impossible, with the reason, against the reach bounds."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.decisions import DECISION_TYPES
from drillsim.loading.checks.lint.authority import authority
from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.checks.lint.reach import bound_text
from drillsim.loading.checks.lint.starts import why_not_started
from drillsim.loading.checks.lint.targets import target_problem
from drillsim.loading.plain_data import DataPath
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

__all__ = ["unreachable", "inject_reachable"]


def inject_reachable(ctx: LintContext, inject_id: str, visiting: set[str]) -> bool:
    """Whether an inject can be delivered (a cycle through `visiting` counts as reachable)."""
    if inject_id in ctx.inject_reachable:
        return ctx.inject_reachable[inject_id]
    if inject_id not in ctx.injects or inject_id in visiting:
        return inject_id in visiting  # a cycle: assume reachable (it is reported on its own inject)
    _, inj = ctx.injects[inject_id]
    ok = inj.at is None or inj.at < ctx.scenario.duration
    if ok and inj.when is not None:
        ok = not any(True for _ in unreachable(ctx, inj.when, (), visiting | {inject_id}))
    ctx.inject_reachable[inject_id] = ok
    return ok


def unreachable(
    ctx: LintContext, cond: Condition, path: DataPath, visiting: set[str]
) -> Iterator[tuple[DataPath, str]]:
    """(path, reason) for every part that makes the condition impossible; nothing when it can hold."""
    r = ctx.reach
    duration = ctx.scenario.duration
    if isinstance(cond, AllOf):
        for k, part in enumerate(cond.of):
            yield from unreachable(ctx, part, (*path, "of", k), visiting)
    elif isinstance(cond, AnyOf):
        parts = [list(unreachable(ctx, part, (*path, "of", k), visiting)) for k, part in enumerate(cond.of)]
        if all(parts):
            for reasons in parts:
                yield from reasons
    elif isinstance(cond, NotCondition):
        return
    elif isinstance(cond, FigureCondition):
        lo, hi = r.lo[cond.figure], r.hi[cond.figure]
        if cond.at_least is not None and cond.at_most is not None and cond.at_least > cond.at_most:
            yield path, f"{cond.figure} cannot be at least {cond.at_least} and at most {cond.at_most}"
        elif cond.at_least is not None and hi < cond.at_least:
            yield path, (f"{cond.figure} never reaches {cond.at_least}: the initial situation and the dynamics "
                         f"(changes, growth, rescue, secondary events, inject and action changes) take it to "
                         f"{bound_text(hi)} at most")
        elif cond.at_most is not None and lo > cond.at_most:
            yield path, f"{cond.figure} never falls to {cond.at_most}: it stays at {bound_text(lo)} or more"
    elif isinstance(cond, LevelCondition):
        yield from _level_condition(ctx, cond, path)
    elif isinstance(cond, DecisionCondition):
        if cond.made:
            why = _decision_possible(ctx, cond)
            if why:
                yield path, why
    elif isinstance(cond, ObligationCondition):
        if cond.obligation in ctx.obligations and cond.obligation not in ctx.applies:
            yield path, (f"obligation {cond.obligation!r} never starts in this scenario "
                         f"({why_not_started(ctx, cond.obligation)})")
    elif isinstance(cond, InjectCondition):
        if cond.inject not in ctx.injects:
            yield path, f"undefined inject {cond.inject!r}"
        elif not inject_reachable(ctx, cond.inject, visiting):
            yield path, f"inject {cond.inject!r} is never delivered"
    elif isinstance(cond, AfterCondition):
        if cond.time >= duration:
            yield path, f"the exercise ends after {duration // 60_000} min, before this time"


def _level_condition(ctx: LintContext, cond: LevelCondition, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    known = sorted(ctx.levels)
    for key in ("at_least", "at_most"):
        value = getattr(cond, key)
        if value is not None and value not in ctx.levels:
            yield (*path, key), f"the plan has no response level {value} (levels: {', '.join(map(str, known))})"
            return
    active = ctx.active_levels
    wants_active = cond.active is True or cond.at_least is not None
    if wants_active and not active:
        yield path, "no response level can become active in this scenario"
        return
    if cond.at_least is not None and not any(lv <= cond.at_least for lv in active):
        best = min(active)
        yield path, (f"no level as high as {cond.at_least} can become active: the highest the scenario can "
                     f"justify and activate is {best}")
    elif cond.active is True and cond.at_most is not None and not any(lv >= cond.at_most for lv in active):
        yield path, f"no level as low as {cond.at_most} can become active"


def _decision_possible(ctx: LintContext, cond: DecisionCondition) -> str | None:
    if cond.by is not None and cond.by in ctx.bodies and not ctx.played(cond.by):
        return f"{ctx.name(cond.by)} is played by no role, so it never makes this decision"
    if cond.target is None:
        return None
    bad = target_problem(ctx, cond.decision, cond.target)
    if bad:
        return bad
    if DECISION_TYPES[cond.decision].target_field == "obligation" and cond.target not in ctx.applies:
        return f"obligation {cond.target!r} never starts in this scenario ({why_not_started(ctx, cond.target)})"
    if cond.by is not None:
        return authority(ctx, cond.decision, cond.by, cond.target)
    return None
