"""Response levels the scenario can reach have someone to activate them and to activate their working groups."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext

__all__ = ["check_levels"]


def check_levels(ctx: LintContext) -> Iterator[LintFinding]:
    """A justified level whose activating body no role plays; an active level whose commander none plays."""
    for level in sorted(ctx.reach.justified):
        lv = ctx.levels[level]
        if not ctx.played(lv.activated_by):
            yield LintFinding("level-unactivatable", "error", ("roles",),
                              f"the scenario can justify level {level}, but {ctx.name(lv.activated_by)}, who activates "
                              "it, is played by no role", f"add {lv.activated_by} to a role")
    for level in sorted(ctx.active_levels):
        lv = ctx.levels[level]
        groups = ctx.index.groups_for_level(level)
        if groups and not ctx.played(lv.commander):
            yield LintFinding("groups-unactivated", "warning", ("roles",),
                              f"level {level} requires {len(groups)} working group(s), but its commander "
                              f"{ctx.name(lv.commander)} is played by no role, so nobody activates them",
                              f"add {lv.commander} to a role")
