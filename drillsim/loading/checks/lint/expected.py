"""An expected action can be carried out: its body is played, its target exists and its authority allows it."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.decisions import DECISION_TYPES
from drillsim.loading.checks.lint.authority import authority
from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.checks.lint.starts import why_not_started
from drillsim.loading.checks.lint.targets import TARGET_NEEDED, target_hint, target_problem
from drillsim.loading.plain_data import DataPath
from drillsim.model.scenario import ExpectedAction

__all__ = ["check_expected"]


def check_expected(ctx: LintContext, exp: ExpectedAction, path: DataPath) -> Iterator[LintFinding]:
    """Findings on one expected action at `path` (msel[n].expected[k])."""
    if exp.by in ctx.bodies and not ctx.played(exp.by):
        yield LintFinding("expected-unplayed", "error", (*path, "by"),
                          f"{ctx.name(exp.by)} is played by no role: nobody can carry out this {exp.decision}",
                          "add the body to the `bodies` of the role that should act")
    if exp.target is None:
        if exp.decision in TARGET_NEEDED:
            yield LintFinding("expected-no-target", "error", path,
                              f"expected {exp.decision} has no target: computer roles need "
                              f"{TARGET_NEEDED[exp.decision]}")
        elif DECISION_TYPES[exp.decision].msel_event is not None and DECISION_TYPES[exp.decision].target_field:
            field = DECISION_TYPES[exp.decision].target_field
            yield LintFinding("expected-any-target", "warning", path,
                              f"expected {exp.decision} names no {field}: any {exp.decision} by "
                              f"{ctx.name(exp.by)}'s role after the inject would meet it, an unrelated one too",
                              f"give the {field} it is about as `target`")
    else:
        bad = target_problem(ctx, exp.decision, exp.target)
        if bad:
            yield LintFinding("undefined-reference", "error", (*path, "target"), bad,
                              target_hint(ctx, exp.decision, exp.target))
            return
    kind = DECISION_TYPES[exp.decision]
    if exp.counts_from != "inject" and kind.msel_event is None:
        yield LintFinding("expected-counts-from-unused", "warning", (*path, "counts_from"),
                          f"counts_from has no effect on an expected {exp.decision}: it is scored under the "
                          "plan's own rule or by the state at the inject, not by matching an action",
                          "remove counts_from")
    own = kind.lint_expected_findings(ctx, exp)
    if own is not None:
        for code, message in own:
            yield LintFinding(code, "warning", (*path, "by"), message)
        return
    if kind.target_field == "obligation" and exp.target in ctx.obligations and exp.target not in ctx.applies:
        yield LintFinding("expected-never-starts", "error", (*path, "target"),
                          f"obligation {exp.target!r} never starts in this scenario "
                          f"({why_not_started(ctx, exp.target)}), "
                          "so this report can never be made")
        return
    why = authority(ctx, exp.decision, exp.by, exp.target)
    if why:
        yield LintFinding("expected-unauthorised", "warning", (*path, "by"), why)
