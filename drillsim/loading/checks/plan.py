"""The semantic checks of a plan: its own ids and references, grades, levels, and what it inherits."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from drillsim.loading.checks.citations import check_citations
from drillsim.loading.checks.problems import Problem
from drillsim.loading.checks.grades import check_grades
from drillsim.loading.checks.inheritance import (
    check_dropped_permissions,
    check_inherits,
    check_shadowing,
    check_supersedes,
    inherited_ids,
)
from drillsim.loading.checks.levels import check_levels
from drillsim.loading.checks.obligations import check_parameters, check_report_cycles
from drillsim.loading.checks.references import check_unique_words, duplicate_ids, ids_may_be_incomplete, undefined_refs
from drillsim.loading.plain_data import DataPath, Pattern, defined_ids

__all__ = ["check_plan"]

_REFS: tuple[tuple[str, Pattern], ...] = (
    ("tier", ("bodies", "*", "tier")),
    ("tier", ("response_levels", "*", "led_by_tier")),
    ("tier", ("response_levels", "*", "triggers", "*", "tier")),
    ("body", ("response_levels", "*", "activated_by")),
    ("body", ("response_levels", "*", "commander")),
    ("body", ("response_levels", "*", "triggers", "*", "body")),
    ("body", ("response_levels", "*", "actions", "*", "by")),
    ("body", ("reporting", "obligations", "*", "from")),
    ("body", ("reporting", "obligations", "*", "to", "*")),
    ("body", ("warnings", "levels", "*", "issued_by")),
    ("body", ("warnings", "enterprise_warning", "by")),
    ("body", ("initial_response", "*", "by")),
    ("body", ("field_command", "establishment", "*", "by")),
    ("body", ("field_command", "handovers", "*", "from")),
    ("body", ("field_command", "handovers", "*", "to")),
    ("body", ("working_groups", "*", "lead", "*")),
    ("body", ("working_groups", "*", "members", "*")),
    ("body", ("suspension", "decided_by")),
    ("body", ("suspension", "report_to", "*")),
    ("body", ("termination", "confirmed_by")),
    ("body", ("information_release", "released_by", "*")),
    ("body", ("information_release", "by_level", "*", "released_by", "*")),
    ("body", ("field_command", "guidance_teams", "*", "sent_by")),
    ("body", ("support_requests", "*", "from", "*")),
    ("body", ("support_requests", "*", "to", "*")),
    ("working group", ("response_levels", "*", "working_groups", "*")),
    ("obligation", ("reporting", "obligations", "*", "starts_on", "obligation")),
    ("parameter", ("reporting", "obligations", "*", "deadline", "param")),
)
_LISTS: tuple[Pattern, ...] = (
    ("sources",),
    ("parameters",),
    ("tiers",),
    ("bodies",),
    ("response_levels", "*", "actions"),
    ("reporting", "obligations"),
    ("warnings", "levels"),
    ("initial_response",),
    ("field_command", "handovers"),
    ("field_command", "guidance_teams"),
    ("working_groups",),
    ("support_requests",),
)
_DEFINED: dict[str, Pattern] = {
    "tier": ("tiers",),
    "body": ("bodies",),
    "working group": ("working_groups",),
    "obligation": ("reporting", "obligations"),
    "parameter": ("parameters",),
}
_WHERE = {
    "tier": "tiers",
    "body": "bodies",
    "working group": "working_groups",
    "obligation": "reporting.obligations (here or in an inherited layer)",
    "parameter": "parameters (here or in an inherited layer)",
}


def check_plan(
    plan: Any,
    layers: Mapping[str, Any] | None = None,
    available: Iterable[str] = (),
    doubtful: Collection[DataPath] = (),
) -> list[Problem]:
    """Semantic problems of a plan's plain data.

    `layers` maps each inherited layer id that has a file to that file's plain data (None when the file
    could not be read); `available` lists every layer id there is, for suggestions; `doubtful` holds the
    paths the schema already rejected, so that their consequences are not reported a second time.
    """
    if not isinstance(plan, dict):
        return []
    layers = layers or {}
    inherits = plan.get("inherits", [])
    inherited = [layers[lid] for lid in inherited_ids(plan) if isinstance(layers.get(lid), dict)]
    complete = isinstance(inherits, list) and len(inherited) == len(inherits)
    defined: dict[str, Any] = {}
    for what, lists in _DEFINED.items():
        if not ids_may_be_incomplete(plan, lists, doubtful):
            defined[what] = list(defined_ids(plan, lists))
    # Obligations and parameters may come from layers: unless every layer was read, 'undefined' is a guess.
    for what, lists in (("obligation", ("reporting", "obligations")), ("parameter", ("parameters",))):
        if what in defined and complete:
            defined[what] += [i for layer in inherited for i in defined_ids(layer, lists)]
        else:
            defined.pop(what, None)
    sources_known = not ids_may_be_incomplete(plan, ("sources",), doubtful)
    problems = [
        *duplicate_ids(plan, _LISTS),
        *check_unique_words(plan, ("inherits",)),
        *undefined_refs(plan, _REFS, defined, _WHERE),
        *(check_citations(plan, defined_ids(plan, ("sources",)), "sources") if sources_known else []),
        *check_parameters(plan),
        *check_grades(plan),
        *check_levels(plan, doubtful),
        *check_report_cycles(plan),
        *check_inherits(plan, layers, available),
        *check_supersedes(plan, layers, complete),
        *check_shadowing(plan, layers),
        *check_dropped_permissions(plan, layers),
    ]
    return list(dict.fromkeys(problems))
