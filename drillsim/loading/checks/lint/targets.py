"""A decision's target: which decisions need one, and whether it names something of the right kind."""

from __future__ import annotations

from collections.abc import Iterable

from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.suggestions import suggest

__all__ = ["TARGET_NEEDED", "target_problem", "target_hint"]

TARGET_NEEDED = {
    "report": "an obligation id",
    "take_action": "a scenario action id",
    "activate_response": "a level number such as \"3\"",
    "adjust_response": "a level number such as \"3\"",
    "hand_over_command": "the body that takes command",
    "activate_working_group": "a working-group id",
    "dispatch_resource": "a resource id",
    "issue_warning": "a warning colour",
    "lift_warning": "a warning colour",
}
"""Decisions a computer role can carry out only with a target, and what that target is."""


def target_problem(ctx: LintContext, decision: str, target: str) -> str | None:
    """A message when a decision's target names nothing of the right kind."""
    if decision == "take_action" and target not in ctx.actions:
        return f"undefined scenario action {target!r}: none under `actions` has this id"
    if decision == "report" and target not in ctx.obligations:
        return f"undefined obligation {target!r}"
    if decision == "activate_working_group" and target not in ctx.groups:
        return f"undefined working group {target!r}"
    if decision == "dispatch_resource" and target not in ctx.resources:
        return f"undefined resource {target!r}"
    if decision == "hand_over_command" and target not in ctx.bodies:
        return f"undefined body {target!r}"
    if decision in ("activate_response", "adjust_response", "terminate") and target is not None:
        if not (target.isdigit() and int(target) in ctx.levels):
            return f"the plan has no response level {target!r} (levels: {', '.join(map(str, sorted(ctx.levels)))})"
    if decision in ("issue_warning", "lift_warning") and target not in ctx.colours:
        return f"the plan has no {target!r} warning (colours: {', '.join(ctx.colours)})"
    return None


def target_hint(ctx: LintContext, decision: str, target: str) -> str | None:
    """'did you mean ...?' among the ids of the kind the decision targets."""
    pool: Iterable[str] = {
        "take_action": ctx.actions, "report": ctx.obligations, "activate_working_group": ctx.groups,
        "dispatch_resource": ctx.resources, "hand_over_command": ctx.bodies,
        "issue_warning": ctx.colours, "lift_warning": ctx.colours,
    }.get(decision, ())
    return suggest(target, pool)
