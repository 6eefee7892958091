"""The plan's termination conditions can all hold in this scenario once a response is active."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.conditions import unreachable
from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.checks.lint.reach import bound_text

__all__ = ["check_termination"]


def check_termination(ctx: LintContext) -> Iterator[LintFinding]:
    """People at risk who never reach 0; `contained_when` / `environment_ok_when` that can never hold."""
    if not ctx.active_levels:
        return
    dyn = ctx.scenario.dynamics
    wanted = ctx.plan.termination.conditions
    if "endangered_rescued" in wanted:
        lo, _ = ctx.reach.par()
        if lo > 0:
            yield LintFinding("termination-unreachable", "warning", ("dynamics",),
                              f"the plan ends the response only when nobody is endangered, trapped or missing, but in "
                              f"this scenario at least {bound_text(lo)} always are: no rescue effect, change or growth "
                              "brings them to 0")
    for key, wanted_name in (("contained_when", "scene_controlled"), ("environment_ok_when", "environment_ok")):
        cond = getattr(dyn, key)
        if cond is None or wanted_name not in wanted:
            continue
        reasons = list(unreachable(ctx, cond, ("dynamics", key), set()))
        if reasons:
            yield LintFinding("termination-unreachable", "warning", ("dynamics", key),
                              f"`{key}` can never hold, so the termination condition {wanted_name} is never met")
            for path, why in reasons:
                yield LintFinding("condition-unreachable", "warning", path, why)
