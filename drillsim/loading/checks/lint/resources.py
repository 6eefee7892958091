"""Every resource can leave its base: it starts dispatched or a role plays the body that dispatches it."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext

__all__ = ["check_resources"]


def check_resources(ctx: LintContext) -> Iterator[LintFinding]:
    """Resources nobody can dispatch; a warning naming the rescue it stalls when a rescue effect needs it."""
    needed = {e.resource for e in ctx.scenario.dynamics.rescue}
    for n, res in enumerate(ctx.scenario.resources):
        if res.dispatched_at_start or ctx.played(res.controlled_by) or res.controlled_by not in ctx.bodies:
            continue
        if res.id in needed:
            yield LintFinding("rescue-resource-uncontrolled", "warning", ("resources", n, "controlled_by"),
                              f"a rescue effect needs {res.id!r}, but {ctx.name(res.controlled_by)}, who dispatches "
                              "it, is played by no role and it is not dispatched at the start: "
                              "the rescue never happens",
                              "add the body to a role, or set `dispatched_at_start: true`")
        else:
            yield LintFinding("resource-uncontrolled", "warning", ("resources", n, "controlled_by"),
                              f"{res.id!r} is dispatched by {ctx.name(res.controlled_by)}, which no role plays: "
                              "it never leaves its base")
