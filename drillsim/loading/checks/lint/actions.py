"""Scenario actions: one id each, taken by bodies the plan defines, at least one of them played."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.suggestions import suggest

__all__ = ["check_actions"]


def check_actions(ctx: LintContext) -> Iterator[LintFinding]:
    """Duplicate action ids, undefined bodies, actions no role can take."""
    seen: dict[str, int] = {}
    for n, action in enumerate(ctx.scenario.actions):
        if action.id in seen:
            yield LintFinding("action-duplicate", "error", ("actions", n, "id"),
                              f"scenario action {action.id!r} is already defined at actions[{seen[action.id]}]")
        seen.setdefault(action.id, n)
        for k, body in enumerate(action.by):
            if body not in ctx.bodies:
                yield LintFinding("action-undefined-body", "error", ("actions", n, "by", k),
                                  f"undefined body {body!r}: none under the plan's bodies has this id",
                                  suggest(body, ctx.bodies))
        if not any(ctx.played(b) for b in action.by if b in ctx.bodies):
            yield LintFinding("action-unplayed", "warning", ("actions", n, "by"),
                              f"no role plays any of {', '.join(action.by)}, so nobody can take action {action.id!r}")
