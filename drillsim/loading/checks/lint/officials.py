"""Officials who travel to the scene: command passes to them, their tier leads a reachable level, a role plays them."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.plain_data import DataPath
from drillsim.loading.suggestions import suggest

__all__ = ["check_officials"]


def check_officials(ctx: LintContext) -> Iterator[LintFinding]:
    """An official no handover names, one who never travels, one no role plays."""
    targets = {h.to for h in ctx.plan.field_command.handovers}
    top = ctx.highest_leading_rank()
    for n, off in enumerate(ctx.scenario.officials):
        path: DataPath = ("officials", n, "body")
        if off.body not in ctx.bodies:
            continue
        if off.body not in targets:
            yield LintFinding("official-not-handover-target", "warning", path,
                              f"{ctx.name(off.body)} travels to the scene, but no handover of the plan passes command "
                              f"to it, so its arrival changes nothing (handover targets: {', '.join(sorted(targets))})",
                              suggest(off.body, targets))
        rank = ctx.rank(off.body)
        if rank == 0 or rank > top:
            yield LintFinding("official-never-travels", "warning", path,
                              f"officials travel when a level led by their tier or a higher one is activated; "
                              f"{ctx.name(off.body)} never does here (highest leading tier rank reachable: {top})")
        if not ctx.played(off.body):
            yield LintFinding("official-unplayed", "warning", path,
                              f"{ctx.name(off.body)} takes command on arrival but no role plays it: after the handover "
                              "nobody commands (suspension, termination and on-scene measures stall)")
