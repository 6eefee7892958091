"""Would the plan's authorities let this body take this decision at some point of this scenario?

The engine checks a decision against the state of one moment (each type's `check` in drillsim/decisions/);
the linter asks the static question each type answers in `lint_authority`: is there any moment this
scenario can reach at which the decision is allowed.
"""

from __future__ import annotations

from drillsim.decisions import DECISION_TYPES
from drillsim.loading.checks.lint.context import LintContext

__all__ = ["authority"]


def authority(ctx: LintContext, decision: str, by: str, target: str | None) -> str | None:
    """Why the plan's authorities would reject `by` taking this decision, or None."""
    kind = DECISION_TYPES.get(decision)
    if by not in ctx.bodies or kind is None:
        return None
    return kind.lint_authority(ctx, by, target)
