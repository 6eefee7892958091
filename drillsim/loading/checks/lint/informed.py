"""Nobody acts on news they never got: an inject that expects a government to pass on a report waits until a
report has reached it (`when: {kind: obligation, obligation: …, status: reported}`)."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.decisions import DECISION_TYPES
from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext
from drillsim.model.plan import ReportReceived
from drillsim.model.scenario import AllOf, AnyOf, Condition, DecisionCondition, LevelCondition, ObligationCondition

__all__ = ["check_informed", "waits_until_informed"]

_ARRIVED = ("met", "late", "reported")
"""Obligation statuses that mean the report has reached its recipients."""


def waits_until_informed(ctx: LintContext, cond: Condition | None, role: str) -> bool:
    """Whether `cond` can hold only once `role` has news of the accident: a report to one of its bodies has
    arrived (or was accepted as a decision), or one of its bodies has activated a response level. Every branch
    of an `any` must wait; one part of an `all` is enough."""
    if isinstance(cond, ObligationCondition):
        return cond.status in _ARRIVED and _reaches(ctx, cond.obligation, role)
    if isinstance(cond, DecisionCondition):
        return (cond.made and cond.target is not None and DECISION_TYPES[cond.decision].target_field == "obligation"
                and _reaches(ctx, cond.target, role))
    if isinstance(cond, LevelCondition) and cond.at_least is not None:
        return any(ctx.index.role(lv.activated_by) == role for n, lv in ctx.levels.items() if n <= cond.at_least)
    if isinstance(cond, AllOf):
        return any(waits_until_informed(ctx, c, role) for c in cond.of)
    if isinstance(cond, AnyOf):
        return all(waits_until_informed(ctx, c, role) for c in cond.of)
    return False


def _reaches(ctx: LintContext, obligation: str, role: str) -> bool:
    ob = ctx.obligations.get(obligation)
    return ob is not None and any(ctx.index.role(b) == role for b in ob.to)


def check_informed(ctx: LintContext) -> Iterator[LintFinding]:
    """An expected report by a government body that passes on news from another role (its obligation starts
    when that role's report arrives), in an inject that can come before any report has reached its role."""
    for n, inj in enumerate(ctx.scenario.msel):
        for k, exp in enumerate(inj.expected):
            if DECISION_TYPES[exp.decision].target_field != "obligation" or exp.target not in ctx.applies:
                continue  # not a report, or one that never starts (expected-never-starts says so)
            start = ctx.obligations[exp.target].starts_on
            role = ctx.index.role(exp.by)
            if not isinstance(start, ReportReceived) or start.obligation not in ctx.obligations or role is None:
                continue
            if ctx.rank(exp.by) == 0:
                continue  # the enterprise knows its own accident
            if ctx.index.role(ctx.obligations[start.obligation].from_) == role:
                continue  # the news comes from inside the role: it has it already
            if waits_until_informed(ctx, inj.when, role):
                continue
            yield LintFinding(
                "expected-uninformed", "warning", ("msel", n, "expected", k, "target"),
                f"inject {inj.id!r} expects {ctx.name(exp.by)} to pass on the report {exp.target!r}, which starts "
                f"when the report on {start.obligation!r} arrives, but the inject can come before any report has "
                f"reached role {role!r}: it would act on news it never got",
                f"add {{kind: obligation, obligation: {start.obligation}, status: reported}} to the inject's `when`")
