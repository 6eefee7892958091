"""A decision's target: which decisions need one, and whether it names something of the right kind (each
decision type says so itself, in drillsim/decisions/)."""

from __future__ import annotations

from drillsim.decisions import DECISION_TYPES
from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.suggestions import suggest

__all__ = ["TARGET_NEEDED", "target_problem", "target_hint"]

TARGET_NEEDED = {kind: cls.target_needed for kind, cls in DECISION_TYPES.items() if cls.target_needed}
"""Decisions a computer role can carry out only with a target, and what that target is."""


def target_problem(ctx: LintContext, decision: str, target: str) -> str | None:
    """A message when a decision's target names nothing of the right kind."""
    kind = DECISION_TYPES.get(decision)
    return kind.lint_target_problem(ctx, target) if kind is not None else None


def target_hint(ctx: LintContext, decision: str, target: str) -> str | None:
    """'did you mean ...?' among the ids of the kind the decision targets."""
    kind = DECISION_TYPES.get(decision)
    return suggest(target, kind.lint_target_pool(ctx) if kind is not None else ())
