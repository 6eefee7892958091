"""Checks a schema cannot make on a scenario: every reference resolves against the scenario and its plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from drillsim.decisions import DECISION_TYPES
from drillsim.loading.checks.citations import check_citations
from drillsim.loading.checks.problems import Problem
from drillsim.loading.checks.references import duplicate_ids, undefined, undefined_refs
from drillsim.loading.plain_data import DataPath, Pattern, defined_ids, entries
from drillsim.rules.obligations import effective_obligations

if TYPE_CHECKING:  # plans imports the plan checks of this package
    from drillsim.loading.plans import LoadedPlan

__all__ = ["check_scenario"]

_UNIQUE_LISTS: tuple[Pattern, ...] = (
    ("objectives",),
    ("msel",),
    ("roles",),
    ("resources",),
    ("sources",),
    ("dynamics", "changes"),
    ("dynamics", "growth"),
    ("dynamics", "rescue"),
    ("dynamics", "secondary"),
)
_CHANGES: tuple[Pattern, ...] = (
    ("dynamics", "changes", "*", "change"),
    ("dynamics", "secondary", "*", "change"),
    ("msel", "*", "change"),
    ("actions", "*", "change"),
)
"""Where a scenario changes the situation (FigureChanges): the tiers whose capacity it names are the plan's."""
_REFS: tuple[tuple[str, Pattern], ...] = (
    ("body", ("roles", "*", "bodies", "*")),
    ("body", ("resources", "*", "controlled_by")),
    ("body", ("officials", "*", "body")),
    ("body", ("msel", "*", "expected", "*", "by")),
    ("tier", ("setting", "jurisdiction", "*", "tier")),
    ("role", ("msel", "*", "to")),
    ("objective", ("msel", "*", "objectives", "*")),
    ("resource", ("dynamics", "rescue", "*", "resource")),
    ("decision type", ("msel", "*", "expected", "*", "decision")),
    ("tier", ("initial", "capacity_exceeded", "*")),
    *(("tier", (*change, flag, "*")) for change in _CHANGES for flag in ("capacity_exceeded", "clear_capacity_exceeded")),
)
_WHERE = {
    "body": "the plan's bodies",
    "tier": "the plan's tiers",
    "role": "roles",
    "objective": "objectives",
    "resource": "resources",
    "obligation": "the plan's reporting obligations",
    "working group": "the plan's working_groups",
    "inject": "msel",
    "source": "sources (the scenario's or its plan's)",
    "decision type": "the decision types (drillsim/decisions/)",
}


def check_scenario(data: Any, loaded: LoadedPlan) -> list[Problem]:
    """Every problem found in the scenario's plain data, given the plan it runs under."""
    if not isinstance(data, dict):
        return []
    plan = loaded.definition
    defined = {
        "body": [b.id for b in plan.bodies],
        "tier": [t.id for t in plan.tiers],
        "role": list(defined_ids(data, ("roles",))),
        "objective": list(defined_ids(data, ("objectives",))),
        "resource": list(defined_ids(data, ("resources",))),
        "obligation": [eo.id for eo in effective_obligations(plan, loaded.layers)],
        "working group": [g.id for g in plan.working_groups],
        "inject": list(defined_ids(data, ("msel",))),
        "source": [s.id for s in plan.sources] + [s.id for layer in loaded.layers for s in layer.sources]
        + list(defined_ids(data, ("sources",))),
        "decision type": list(DECISION_TYPES),
    }
    problems = list(duplicate_ids(data, _UNIQUE_LISTS))
    problems += undefined_refs(data, _REFS, defined, _WHERE)
    problems += _targets(data, defined, {lv.level for lv in plan.response_levels})
    problems += _conditions(data, defined)
    problems += check_citations(data, defined["source"], _WHERE["source"])
    problems += _roles(data)
    problems += _injects(data)
    return problems


def _targets(data: Any, defined: dict[str, list[str]], levels: set[int]) -> Iterator[Problem]:
    """An expected action's target must name the right kind of thing for its decision."""
    for path, exp in entries(data, ("msel", "*", "expected")):
        target, decision = exp.get("target"), exp.get("decision")
        if not isinstance(target, str):
            continue
        kind = DECISION_TYPES.get(decision) if isinstance(decision, str) else None
        what = kind.loading_target if kind is not None else None
        if what is not None and what != "level":
            if target not in defined[what]:
                yield undefined((*path, "target"), what, target, defined[what], _WHERE[what])
        elif what == "level" and not (target.isdigit() and int(target) in levels):
            yield Problem((*path, "target"), f"response level {target!r} is not defined by the plan (levels: "
                          f"{', '.join(map(str, sorted(levels)))})")


def _conditions(data: Any, defined: dict[str, list[str]], path: DataPath = ()) -> Iterator[Problem]:
    """References inside structured conditions (decision type and body, obligation, inject) resolve."""
    if isinstance(data, dict):
        kind = data.get("kind")
        refs = {"decision": ("by", "body"), "obligation": ("obligation", "obligation"), "inject": ("inject", "inject"),
                "resource": ("resource", "resource")}
        if isinstance(kind, str) and kind in refs:  # a malformed kind is the schema's to report
            key, what = refs[kind]
            value = data.get(key)
            if isinstance(value, str) and value not in defined[what]:
                yield undefined((*path, key), what, value, defined[what], _WHERE[what])
        named = data.get("decision") if kind == "decision" else None
        if isinstance(named, str) and named not in defined["decision type"]:
            yield undefined((*path, "decision"), "decision type", named, defined["decision type"],
                            _WHERE["decision type"])
        for key, value in data.items():
            yield from _conditions(value, defined, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _conditions(value, defined, (*path, index))


def _roles(data: Any) -> Iterator[Problem]:
    """A body is played by one role only."""
    seen: dict[str, str] = {}
    for path, role in entries(data, ("roles",)):
        bodies = role.get("bodies")
        for index, body in enumerate(bodies if isinstance(bodies, list) else []):  # else the schema reports it
            if isinstance(body, str):
                if body in seen:
                    yield Problem((*path, "bodies", index), f"body {body!r} is already played by role {seen[body]!r}")
                seen.setdefault(body, str(role.get("id")))


def _injects(data: Any) -> Iterator[Problem]:
    """Every inject is timed (`at`) or conditional (`when`); one of the warning phase changes no figures."""
    for path, inj in entries(data, ("msel",)):
        if inj.get("at") is None and inj.get("when") is None:
            yield Problem(path, f"inject {inj.get('id')!r} has neither `at` nor `when`: it would never be delivered")
        at = inj.get("at")
        if isinstance(at, str) and at.strip().startswith("-") and inj.get("change") is not None:
            yield Problem((*path, "change"), f"inject {inj.get('id')!r} comes before the accident (at {at.strip()}), "
                          "when there are no figures yet: the accident sets them at 0 (`initial`); move the change "
                          "to `initial` or to an inject at or after 0")
