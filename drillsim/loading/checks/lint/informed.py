"""Nobody acts on news they never got: an inject that expects a government body to act on the news — pass on
a report, activate or raise a level, take command, ask for or send help — waits until news of the accident has
reached that body's role (`when: {kind: obligation, obligation: …, status: reported}`, a level the role activated, a
decision it took), not only until some time has passed."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.decisions import DECISION_TYPES
from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext
from drillsim.model.plan import ReportReceived
from drillsim.model.scenario import (AllOf, AnyOf, Condition, DecisionCondition, ExpectedAction, Inject,
                                     InjectCondition, LevelCondition, ObligationCondition)

__all__ = ["check_informed", "waits_until_informed"]

_ARRIVED = ("met", "late", "reported")
"""Obligation statuses that mean the report has reached its recipients."""

def waits_until_informed(ctx: LintContext, cond: Condition | None, role: str,
                         seen: frozenset[str] = frozenset()) -> bool:
    """Whether `cond` can hold only once `role` has news of the accident: a report to one of its bodies has
    arrived (or was accepted as a decision), one of its bodies has activated a response level, taken a decision
    or been handed command, or an inject that itself waits so has come. Every branch of an `any` must wait;
    one part of an `all` is enough."""
    if isinstance(cond, ObligationCondition):
        return cond.status in _ARRIVED and _reaches(ctx, cond.obligation, role)
    if isinstance(cond, DecisionCondition):
        return cond.made and _decision_informs(ctx, cond, role)
    if isinstance(cond, LevelCondition) and cond.at_least is not None:
        return any(ctx.index.role(lv.activated_by) == role for n, lv in ctx.levels.items() if n <= cond.at_least)
    if isinstance(cond, InjectCondition) and cond.inject in ctx.injects and cond.inject not in seen:
        _, other = ctx.injects[cond.inject]
        return waits_until_informed(ctx, other.when, role, seen | {cond.inject})
    if isinstance(cond, AllOf):
        return any(waits_until_informed(ctx, c, role, seen) for c in cond.of)
    if isinstance(cond, AnyOf):
        return all(waits_until_informed(ctx, c, role, seen) for c in cond.of)
    return False


def _decision_informs(ctx: LintContext, cond: DecisionCondition, role: str) -> bool:
    """A decision accepted from a body of `role` (it acted, so it knew), a report to it, or one that needs a
    body of `role` to have heard (command handed to it: the type's `news_body`)."""
    if cond.by is not None and ctx.index.role(cond.by) == role:
        return True
    if cond.target is None:
        return False
    if DECISION_TYPES[cond.decision].target_field == "obligation":
        return _reaches(ctx, cond.target, role)
    body = _news_body(cond.decision, cond.by, cond.target)
    return body is not None and ctx.index.role(body) == role


def _news_body(decision: str, by: str | None, target: str | None) -> str | None:
    """The body that must have heard for `decision` to make sense (`DecisionBase.news_body`), if any."""
    field = DECISION_TYPES[decision].news_body
    return by if field == "by" else target if field == "target" else None


def _reaches(ctx: LintContext, obligation: str, role: str) -> bool:
    ob = ctx.obligations.get(obligation)
    return ob is not None and any(ctx.index.role(b) == role for b in ob.to)


def check_informed(ctx: LintContext) -> Iterator[LintFinding]:
    """Expected actions of government bodies in injects that can come before any news has reached their role:
    a report passing on another role's news, and acts on the news (activating or raising a level, taking
    command — for a handover, the body command is handed to —, asking for or sending help)."""
    for n, inj in enumerate(ctx.scenario.msel):
        if inj.at is not None and inj.at < 0:
            continue  # the warning phase: there is no accident to hear of yet
        for k, exp in enumerate(inj.expected):
            finding = _passes_on_unheard_report(ctx, n, inj, k, exp) if _is_report(exp) else \
                _acts_on_unheard_news(ctx, n, inj, k, exp)
            if finding is not None:
                yield finding


def _is_report(exp: ExpectedAction) -> bool:
    return DECISION_TYPES[exp.decision].target_field == "obligation"


def _passes_on_unheard_report(ctx: LintContext, n: int, inj: Inject, k: int,
                              exp: ExpectedAction) -> LintFinding | None:
    """A government body's report that starts when another role's report arrives, expected before it can have."""
    if exp.target not in ctx.applies:
        return None  # one that never starts (expected-never-starts says so)
    start = ctx.obligations[exp.target].starts_on
    role = ctx.index.role(exp.by)
    if not isinstance(start, ReportReceived) or start.obligation not in ctx.obligations or role is None:
        return None
    if ctx.rank(exp.by) == 0:
        return None  # the enterprise knows its own accident
    if ctx.index.role(ctx.obligations[start.obligation].from_) == role:
        return None  # the news comes from inside the role: it has it already
    if waits_until_informed(ctx, inj.when, role):
        return None
    return LintFinding(
        "expected-uninformed", "warning", ("msel", n, "expected", k, "target"),
        f"inject {inj.id!r} expects {ctx.name(exp.by)} to pass on the report {exp.target!r}, which starts "
        f"when the report on {start.obligation!r} arrives, but the inject can come before any report has "
        f"reached role {role!r}: it would act on news it never got",
        f"add {{kind: obligation, obligation: {start.obligation}, status: reported}} to the inject's `when`")


def _acts_on_unheard_news(ctx: LintContext, n: int, inj: Inject, k: int,
                          exp: ExpectedAction) -> LintFinding | None:
    """An act on the news (the type's `news_body`) by a government body, or command going to one, before its
    role can have heard."""
    body = _news_body(exp.decision, exp.by, exp.target)
    if body is None or body not in ctx.bodies or ctx.rank(body) == 0:
        return None  # the enterprise knows its own accident
    role = ctx.index.role(body)
    if role is None or waits_until_informed(ctx, inj.when, role):
        return None
    act = f"act ({exp.decision})" if body == exp.by else f"receive {exp.decision} from {ctx.name(exp.by)}"
    return LintFinding(
        "expected-uninformed", "warning", ("msel", n, "expected", k, "target" if exp.target else "decision"),
        f"inject {inj.id!r} expects {ctx.name(body)} to {act}, but the inject can come before any news of the "
        f"accident has reached role {role!r} (a time or a figure is no report): it would act on news it never got",
        f"gate the inject's `when` on a report reaching role {role!r} ({_reports_to(ctx, role)}), or on a level "
        f"or decision of that role")


def _reports_to(ctx: LintContext, role: str) -> str:
    """An example condition: the first obligation in force whose report reaches `role`."""
    ob = next((oid for oid in ctx.applies if _reaches(ctx, oid, role)), None)
    return "no report in force reaches it" if ob is None else \
        f"{{kind: obligation, obligation: {ob}, status: reported}}"
