"""Every obligation the scenario sets off can be observed: its reporter and its recipients are played."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext

__all__ = ["check_obligations"]


def check_obligations(ctx: LintContext) -> Iterator[LintFinding]:
    """A `must`/`should` obligation whose reporter or a recipient no role plays (reported at `roles`)."""
    for oid, ob in ctx.applies.items():
        if ob.modality == "may":
            continue
        if not ctx.played(ob.from_):
            yield LintFinding("obligation-unobserved", "error", ("roles",),
                              f"obligation {oid} ({ob.name.en}) applies in this scenario but its reporter "
                              f"{ctx.name(ob.from_)} is played by no role: "
                              "it never starts and nobody can be scored on it",
                              f"add {ob.from_} to a role")
            continue
        for body in ob.to:
            if not ctx.played(body):
                yield LintFinding("recipient-unplayed", "warning", ("roles",),
                                  f"obligation {oid} ({ob.name.en}) reports to {ctx.name(body)}, which no role plays: "
                                  "the report reaches nobody who reacts, and any chain from it stops there",
                                  f"add {body} to a role (an outside party can sit in a control-cell role)")
