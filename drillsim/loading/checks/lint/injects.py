"""Injects: each can be delivered, its expected actions can be carried out, none repeats an earlier one."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.conditions import unreachable
from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.checks.lint.expected import check_expected
from drillsim.loading.plain_data import DataPath

__all__ = ["check_injects", "check_duplicates"]


def check_injects(ctx: LintContext) -> Iterator[LintFinding]:
    """An inject due after the end or waiting for a condition that cannot hold; then its expected actions."""
    sc = ctx.scenario
    for n, inj in enumerate(sc.msel):
        base: DataPath = ("msel", n)
        if inj.at is not None and inj.at >= sc.duration:
            yield LintFinding("inject-unreachable", "error", (*base, "at"),
                              f"inject {inj.id!r} is due at or after the end of the exercise "
                              f"({sc.duration // 60_000} min)")
        if inj.when is not None:
            reasons = list(unreachable(ctx, inj.when, (*base, "when"), {inj.id}))
            if reasons:
                yield LintFinding("inject-unreachable", "error", (*base, "when"),
                                  f"inject {inj.id!r} can never be delivered: its condition cannot hold")
                for path, why in reasons:
                    yield LintFinding("condition-unreachable", "error", path, why)
        for k, exp in enumerate(inj.expected):
            yield from check_expected(ctx, exp, (*base, "expected", k))


def check_duplicates(ctx: LintContext) -> Iterator[LintFinding]:
    """Within one inject, a second expectation of the same decision by the same body (and the same target,
    or none) is satisfied by the first: a computer role never acts on it and it adds nothing."""
    for n, inj in enumerate(ctx.scenario.msel):
        for k, exp in enumerate(inj.expected):
            earlier = next((j for j, e in enumerate(inj.expected[:k]) if e.decision == exp.decision
                            and e.by == exp.by and (exp.target is None or e.target == exp.target)), None)
            if earlier is not None:
                what = f"{exp.decision} by {exp.by}" + (f" on {exp.target}" if exp.target else "")
                yield LintFinding("expected-duplicate", "warning", ("msel", n, "expected", k),
                                  f"expected[{earlier}] of this inject already expects {what}: whatever satisfies that "
                                  "satisfies this one too, so it is never acted on separately",
                                  "give it a distinct target (e.g. a scenario action) or another body")
