"""Every objective is scored: some inject serves it, and that inject expects an action to score it by."""

from __future__ import annotations

from collections.abc import Iterator

from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.context import LintContext
from drillsim.model.scenario import Inject

__all__ = ["check_objectives"]


def check_objectives(ctx: LintContext) -> Iterator[LintFinding]:
    """Injects with expected actions but no objective (or the reverse), then objectives nothing scores."""
    sc = ctx.scenario
    served: dict[str, list[Inject]] = {o.id: [] for o in sc.objectives}
    for n, inj in enumerate(sc.msel):
        for obj in inj.objectives:
            served.setdefault(obj, []).append(inj)
        if inj.expected and not inj.objectives:
            yield LintFinding("inject-no-objective", "warning", ("msel", n, "expected"),
                              f"inject {inj.id!r} expects {len(inj.expected)} action(s) but serves no objective, "
                              "so they count towards no objective's score", "add `objectives: [...]` to the inject")
        if inj.objectives and not inj.expected:
            yield LintFinding("inject-no-expected", "warning", ("msel", n, "objectives"),
                              f"inject {inj.id!r} serves {', '.join(inj.objectives)} but expects no action, "
                              "so it adds nothing to their score")
    for n, obj in enumerate(sc.objectives):
        injects = served.get(obj.id, [])
        if not injects:
            yield LintFinding("objective-unused", "error", ("objectives", n, "id"),
                              f"objective {obj.id!r} is served by no inject: "
                              "nothing in the exercise tests or scores it",
                              "list it under `objectives:` of the injects that exercise it")
        elif not any(inj.expected for inj in injects):
            names = ", ".join(inj.id for inj in injects)
            yield LintFinding("objective-unscored", "error", ("objectives", n, "id"),
                              f"objective {obj.id!r} is served only by injects that expect no action ({names}): "
                              "an objective is scored through the expected actions of its injects")
