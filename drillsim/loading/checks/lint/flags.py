"""A situation flag a scenario clears is one it can raise (a crossing, a capacity exceeded)."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.plain_data import DataPath
from drillsim.model.scenario import FigureChanges

__all__ = ["check_flags"]


def check_flags(ctx: LintContext) -> Iterator[LintFinding]:
    """`clear_cross_jurisdiction` / `clear_capacity_exceeded` naming a flag nothing in the scenario raises."""
    raised = {"clear_cross_jurisdiction": ctx.reach.cross, "clear_capacity_exceeded": ctx.reach.capacity}
    for path, change in _changes(ctx):
        for key, can_be_raised in raised.items():
            for k, flag in enumerate(getattr(change, key)):
                if flag not in can_be_raised:
                    yield LintFinding("flag-never-raised", "warning", (*path, key, k),
                                      f"{key} names {flag!r}, which neither the initial situation nor any change "
                                      "raises: clearing it does nothing",
                                      f"raise it first ({key.removeprefix('clear_')}) or remove it")


def _changes(ctx: LintContext) -> Iterator[tuple[DataPath, FigureChanges]]:
    """Every FigureChanges of the scenario with its data path."""
    sc = ctx.scenario
    for n, ch in enumerate(sc.dynamics.changes):
        yield ("dynamics", "changes", n, "change"), ch.change
    for n, s in enumerate(sc.dynamics.secondary):
        yield ("dynamics", "secondary", n, "change"), s.change
    for n, inj in enumerate(sc.msel):
        if inj.change is not None:
            yield ("msel", n, "change"), inj.change
    for n, action in enumerate(sc.actions):
        if action.change is not None:
            yield ("actions", n, "change"), action.change
