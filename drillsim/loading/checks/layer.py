"""The semantic checks of an external layer: its obligations use its own bodies, obligations and parameters."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from drillsim.loading.checks.citations import check_citations
from drillsim.loading.checks.problems import Problem
from drillsim.loading.checks.obligations import check_parameters, check_report_cycles
from drillsim.loading.checks.references import check_unique_words, duplicate_ids, ids_may_be_incomplete, undefined_refs
from drillsim.loading.plain_data import DataPath, Pattern, defined_ids, select

__all__ = ["check_layer"]

_REFS: tuple[tuple[str, Pattern], ...] = (
    ("body", ("reporting", "obligations", "*", "from")),
    ("body", ("reporting", "obligations", "*", "to", "*")),
    ("obligation", ("reporting", "obligations", "*", "starts_on", "obligation")),
    ("parameter", ("reporting", "obligations", "*", "deadline", "param")),
)
_LISTS: tuple[Pattern, ...] = (("sources",), ("parameters",), ("reporting", "obligations"))
_WHERE = {"body": "bodies_required", "obligation": "reporting.obligations", "parameter": "parameters"}


def check_layer(layer: Any, doubtful: Collection[DataPath] = ()) -> list[Problem]:
    """Semantic problems of an external layer's plain data: its obligations use its own bodies and parameters."""
    if not isinstance(layer, dict):
        return []
    defined: dict[str, Any] = {}
    if not ids_may_be_incomplete(layer, ("bodies_required",), doubtful):
        defined["body"] = [b for _, b in select(layer, ("bodies_required", "*")) if isinstance(b, str)]
    for what, lists in (("obligation", ("reporting", "obligations")), ("parameter", ("parameters",))):
        if not ids_may_be_incomplete(layer, lists, doubtful):
            defined[what] = list(defined_ids(layer, lists))
    sources_known = not ids_may_be_incomplete(layer, ("sources",), doubtful)
    problems = [
        *duplicate_ids(layer, _LISTS),
        *check_unique_words(layer, ("bodies_required",)),
        *undefined_refs(layer, _REFS, defined, _WHERE),
        *(check_citations(layer, defined_ids(layer, ("sources",)), "sources") if sources_known else []),
        *check_parameters(layer),
        *check_report_cycles(layer),
    ]
    return list(dict.fromkeys(problems))
