"""Checks a schema cannot make: references resolve, ids are unique, grades and levels hang together.

The checks read the plain data of a plan or layer file, not the validated model, so they also run on
files the schema rejected; any value of the wrong shape is skipped (the schema reports it). Each finding
points at the exact offending node by its data path.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from drillsim.loading.plain_data import (
    DataPath,
    Pattern,
    as_int,
    defined_ids,
    entries,
    format_path,
    node_at,
    related,
    select,
)
from drillsim.loading.suggestions import suggest

__all__ = [
    "Finding",
    "Pattern",
    "GRADE_ORDER",
    "check_plan",
    "check_layer",
    "select",
    "entries",
    "defined_ids",
    "duplicate_ids",
    "undefined_refs",
]

GRADE_ORDER = ("especially_major", "major", "larger", "general")
CRITERIA = ("deaths", "serious_injuries", "direct_loss_cny")

class Finding(NamedTuple):
    """One problem: where (data path), what, and optionally a hint such as 'did you mean ...?'."""

    path: DataPath
    message: str
    hint: str | None = None
    see: DataPath | None = None  # a related node (the first definition of a duplicate id, say)


_PLAN_REFS: tuple[tuple[str, Pattern], ...] = (
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
    ("working group", ("response_levels", "*", "working_groups", "*")),
    ("obligation", ("reporting", "obligations", "*", "starts_on", "obligation")),
    ("parameter", ("reporting", "obligations", "*", "deadline", "param")),
)
_LAYER_REFS: tuple[tuple[str, Pattern], ...] = (
    ("body", ("reporting", "obligations", "*", "from")),
    ("body", ("reporting", "obligations", "*", "to", "*")),
    ("obligation", ("reporting", "obligations", "*", "starts_on", "obligation")),
    ("parameter", ("reporting", "obligations", "*", "deadline", "param")),
)
_LEVEL_REFS: tuple[Pattern, ...] = (
    ("working_groups", "*", "levels", "*"),
    ("information_release", "levels", "*"),
    ("field_command", "establishment", "*", "level"),
    ("field_command", "handovers", "*", "level"),
    ("reporting", "obligations", "*", "starts_on", "level"),
)
_PLAN_LISTS: tuple[Pattern, ...] = (
    ("sources",),
    ("parameters",),
    ("tiers",),
    ("bodies",),
    ("response_levels", "*", "actions"),
    ("reporting", "obligations"),
    ("warnings", "levels"),
    ("initial_response",),
    ("field_command", "handovers"),
    ("working_groups",),
)
_PLAN_DEFINED: dict[str, Pattern] = {
    "tier": ("tiers",),
    "body": ("bodies",),
    "working group": ("working_groups",),
    "obligation": ("reporting", "obligations"),
    "parameter": ("parameters",),
}
_LAYER_LISTS: tuple[Pattern, ...] = (("sources",), ("parameters",), ("reporting", "obligations"))
_PLAN_WHERE = {
    "tier": "tiers",
    "body": "bodies",
    "working group": "working_groups",
    "obligation": "reporting.obligations (here or in an inherited layer)",
    "parameter": "parameters (here or in an inherited layer)",
}
_LAYER_WHERE = {"body": "bodies_required", "obligation": "reporting.obligations", "parameter": "parameters"}


# --- shared checks -----------------------------------------------------------------------------------


def duplicate_ids(data: Any, lists: Iterable[Pattern]) -> Iterator[Finding]:
    """Within each list matching a pattern, every `id` is used once."""
    for pattern in lists:
        for list_path, items in select(data, pattern):
            first: dict[str, DataPath] = {}
            for index, item in enumerate(items if isinstance(items, list) else []):
                ident = item.get("id") if isinstance(item, dict) else None
                if not isinstance(ident, str):
                    continue
                if ident in first:
                    where = format_path(first[ident])
                    yield Finding((*list_path, index, "id"), f"duplicate id {ident!r}; {where} already uses it",
                                  see=first[ident])
                else:
                    first[ident] = (*list_path, index)


def _unique_words(data: Any, pattern: Pattern) -> Iterator[Finding]:
    seen: set[str] = set()
    for path, value in select(data, (*pattern, "*")):
        if isinstance(value, str):
            if value in seen:
                yield Finding(path, f"{value!r} is listed twice")
            seen.add(value)


def _shaky(data: Any, lists: Pattern, doubtful: Collection[DataPath]) -> bool:
    """Whether the ids defined under `lists` may be incomplete, so 'undefined' would be noise.

    True when the schema rejected the list, one of its entries or an entry's id, or when the list is
    absent but a key close to its name is present (a misspelt section).
    """
    size = len(lists)
    for bad in doubtful:
        if lists[: len(bad)] == bad or (bad[:size] == lists and (len(bad) <= size + 1 or bad[size + 1] == "id")):
            return True
    parent = node_at(data, lists[:-1])
    if isinstance(parent, dict) and lists[-1] not in parent:
        keys = [k for k in parent if isinstance(k, str)]
        return bool(difflib.get_close_matches(lists[-1], keys, n=1, cutoff=0.8))
    return False


def undefined_refs(
    data: Any, table: Iterable[tuple[str, Pattern]], defined: Mapping[str, Iterable[str]], where: Mapping[str, str]
) -> Iterator[Finding]:
    """Every value matching a (kind, pattern) of `table` is among `defined[kind]`; kinds absent are skipped.

    `where[kind]` says in the message where such ids are defined.
    """
    for what, pattern in table:
        if what not in defined:
            continue
        names = set(defined[what])
        for path, value in select(data, pattern):
            if isinstance(value, str) and value not in names:
                yield Finding(path, f"undefined {what} {value!r}: none under {where[what]} has this id",
                              suggest(value, names))


def _citations(data: Any, sources: Iterable[str], path: DataPath = ()) -> Iterator[Finding]:
    """Every `cite.src` anywhere names an entry under `sources`."""
    if isinstance(data, dict):
        for key, value in data.items():
            src = value.get("src") if key == "cite" and isinstance(value, dict) else None
            if isinstance(src, str) and src not in set(sources):
                message = f"undefined source {src!r}: none under sources has this id"
                yield Finding((*path, key, "src"), message, suggest(src, sources))
            yield from _citations(value, sources, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _citations(item, sources, (*path, index))


def _parameters(data: Any) -> Iterator[Finding]:
    for path, param in entries(data, ("parameters",)):
        has = [key for key in ("duration", "number") if param.get(key) is not None]
        name = param.get("id", "?")
        if len(has) == 2:
            yield Finding((*path, "number"), f"parameter {name!r} has both a duration and a number; give exactly one")
        elif not has:
            yield Finding(path, f"parameter {name!r} needs a duration or a number")


def _cycles(data: Any) -> Iterator[Finding]:
    """report_received chains must end somewhere: no obligation may (indirectly) wait for itself."""
    nxt: dict[str, tuple[str, DataPath]] = {}
    for path, item in entries(data, ("reporting", "obligations")):
        start = item.get("starts_on")
        if isinstance(item.get("id"), str) and isinstance(start, dict) and start.get("kind") == "report_received":
            if isinstance(start.get("obligation"), str):
                nxt.setdefault(item["id"], (start["obligation"], (*path, "starts_on", "obligation")))
    reported: set[str] = set()
    for origin in nxt:
        chain = [origin]
        while chain[-1] in nxt and nxt[chain[-1]][0] not in chain:
            chain.append(nxt[chain[-1]][0])
        if chain[-1] not in nxt:
            continue
        loop = chain[chain.index(nxt[chain[-1]][0]) :]
        if reported.isdisjoint(loop):
            reported.update(loop)
            shown = " → ".join([*loop, loop[0]])
            yield Finding(nxt[loop[0]][1], f"report_received chain forms a cycle: {shown}")


# --- plan-only checks --------------------------------------------------------------------------------


def _grades(data: Any) -> Iterator[Finding]:
    grades = [(path, g) for path, g in entries(data, ("grades",)) if g.get("id") in GRADE_ORDER]
    first: dict[str, tuple[DataPath, dict[str, Any]]] = {}
    for path, grade in grades:
        gid = grade["id"]
        if gid in first:
            missing = [g for g in GRADE_ORDER if g not in {x["id"] for _, x in grades}]
            lack = f"; {', '.join(repr(m) for m in missing)} is missing" if missing else ""
            message = f"duplicate grade {gid!r}: each of {', '.join(GRADE_ORDER)} appears once{lack}"
            yield Finding((*path, "id"), message)
            continue
        first[gid] = (path, grade)
        rank, want = as_int(grade.get("rank")), GRADE_ORDER.index(gid) + 1
        if rank is not None and rank != want:
            yield Finding((*path, "rank"), f"grade {gid!r} has rank {want}, found {rank}")
    listed = list(first)
    if listed != sorted(listed, key=GRADE_ORDER.index):
        wrong = next(g for g, w in zip(listed, sorted(listed, key=GRADE_ORDER.index)) if g != w)
        yield Finding((*first[wrong][0], "id"), "list the grades from especially_major down to general")
    for criterion in CRITERIA:
        above: tuple[str, int] | None = None
        for gid in GRADE_ORDER:
            path, grade = first.get(gid, ((), {}))
            bounds = grade.get("at_least")
            value = as_int(bounds.get(criterion)) if isinstance(bounds, dict) else None
            if value is None:
                continue
            if above is not None and value >= above[1]:
                yield Finding((*path, "at_least", criterion), f"{criterion} threshold of {gid!r} must be below "
                              f"that of {above[0]!r} ({above[1]}), found {value}")
            above = (gid, value)


def _levels(data: Any, doubtful: Collection[DataPath]) -> Iterator[Finding]:
    numbered = [(path, as_int(lv.get("level"))) for path, lv in entries(data, ("response_levels",))]
    seen: set[int] = set()
    duplicate = False
    for path, level in numbered:
        if level is not None and level in seen:
            duplicate = True
            yield Finding((*path, "level"), f"duplicate response level {level}; number the levels 1, 2, ... once each")
        if level is not None:
            seen.add(level)
    gaps = False
    if not duplicate and numbered and all(level is not None for _, level in numbered):
        want = set(range(1, len(numbered) + 1))
        for path, level in numbered:
            if level not in want:
                gaps = True
                missing = ", ".join(str(m) for m in sorted(want - seen))
                yield Finding((*path, "level"), f"response levels must be numbered 1 to {len(numbered)} without "
                              f"gaps; found {level}, missing {missing}")
    yield from _people_at_risk(data, doubtful)
    if duplicate or gaps:
        return  # references to levels mean little until the levels themselves are numbered right
    for pattern in _LEVEL_REFS:
        for path, value in select(data, pattern):
            if as_int(value) is not None and seen and value not in seen:
                known = ", ".join(str(s) for s in sorted(seen))
                yield Finding(path, f"undefined response level {value}; the plan defines levels {known}")


def _people_at_risk(data: Any, doubtful: Collection[DataPath]) -> Iterator[Finding]:
    ranges: list[tuple[int, DataPath, int, float]] = []
    for level_index, (level_path, level) in enumerate(entries(data, ("response_levels",))):
        for path, trigger in entries(level, ("triggers",)):
            if trigger.get("kind") != "people_at_risk" or any(related((*level_path, *path), d) for d in doubtful):
                continue
            low, high = as_int(trigger.get("min", 0)), trigger.get("max")
            if low is None or (high is not None and as_int(high) is None):
                continue
            if high is not None and low > high:
                yield Finding((*level_path, *path, "max"), f"max ({high}) is below min ({low})")
                continue
            ranges.append((level_index, (*level_path, *path), low, float("inf") if high is None else high))
    for i, (level_a, path_a, low_a, high_a) in enumerate(ranges):
        for level_b, path_b, low_b, high_b in ranges[i + 1 :]:
            if level_a != level_b and low_b <= high_a and low_a <= high_b:
                yield Finding(path_b, f"people_at_risk range {_span(low_b, high_b)} overlaps the range "
                              f"{_span(low_a, high_a)} at {format_path(path_a)}; a count must select one level",
                              see=path_a)


def _span(low: int, high: float) -> str:
    return f"{low} or more" if high == float("inf") else f"{low}-{int(high)}"


def _inherits(data: Any, layers: Mapping[str, Any], available: Iterable[str]) -> Iterator[Finding]:
    bodies = defined_ids(data, ("bodies",))
    for path, layer_id in select(data, ("inherits", "*")):
        if not isinstance(layer_id, str):
            continue
        if layer_id not in layers:
            yield Finding(path, f"unknown layer {layer_id!r}: there is no file {layer_id}.yaml among the layers",
                          suggest(layer_id, available))
            continue
        for _, body in select(layers[layer_id], ("bodies_required", "*")):
            if isinstance(body, str) and body not in bodies:
                yield Finding(path, f"layer {layer_id!r} requires body {body!r}, which this plan does not define "
                              "under bodies", suggest(body, bodies))


def _supersedes(data: Any, layers: Mapping[str, Any], complete: bool) -> Iterator[Finding]:
    """`supersedes: layer:obligation` names an obligation of an inherited layer.

    When some inherited layer is unknown, a wrong layer name is most likely that same mistake: not reported.
    """
    inherited = [lid for _, lid in select(data, ("inherits", "*")) if isinstance(lid, str)]
    for path, value in select(data, ("reporting", "obligations", "*", "supersedes")):
        if not isinstance(value, str):
            continue
        layer_id, sep, obligation = value.partition(":")
        if not sep:
            yield Finding(path, f"expected 'layer-id:obligation-id', found {value!r}")
        elif layer_id not in inherited and complete:
            yield Finding(path, f"layer {layer_id!r} is not inherited by this plan", suggest(layer_id, inherited))
        elif layers.get(layer_id) is not None:
            known = defined_ids(layers[layer_id], ("reporting", "obligations"))
            if obligation not in known:
                yield Finding(path, f"undefined obligation {obligation!r} in layer {layer_id!r}",
                              suggest(obligation, known))


def _shadowed(data: Any, layers: Mapping[str, Any]) -> Iterator[Finding]:
    """A plan obligation with the id of an inherited one must say it replaces it (`supersedes`)."""
    inherited = [lid for _, lid in select(data, ("inherits", "*")) if isinstance(lid, str)]
    for path, item in entries(data, ("reporting", "obligations")):
        ident = item.get("id")
        for layer_id in inherited:
            layer = layers.get(layer_id)
            if isinstance(ident, str) and isinstance(layer, dict) and ident in defined_ids(layer, ("reporting", "obligations")) \
                    and item.get("supersedes") != f"{layer_id}:{ident}":
                yield Finding((*path, "id"), f"obligation {ident!r} is also defined by layer {layer_id!r}; "
                              f"add `supersedes: \"{layer_id}:{ident}\"` or choose another id")


# --- entry points ------------------------------------------------------------------------------------


def check_plan(
    plan: Any,
    layers: Mapping[str, Any] | None = None,
    available: Iterable[str] = (),
    doubtful: Collection[DataPath] = (),
) -> list[Finding]:
    """Semantic problems of a plan's plain data.

    `layers` maps each inherited layer id that has a file to that file's plain data (None when the file
    could not be read); `available` lists every layer id there is, for suggestions; `doubtful` holds the
    paths the schema already rejected, so that their consequences are not reported a second time.
    """
    if not isinstance(plan, dict):
        return []
    layers = layers or {}
    inherits = plan.get("inherits", [])
    ids = [lid for lid in inherits if isinstance(lid, str)] if isinstance(inherits, list) else []
    inherited = [layers[lid] for lid in ids if isinstance(layers.get(lid), dict)]
    complete = isinstance(inherits, list) and len(inherited) == len(inherits)
    defined: dict[str, Any] = {}
    for what, lists in _PLAN_DEFINED.items():
        if not _shaky(plan, lists, doubtful):
            defined[what] = list(defined_ids(plan, lists))
    for what, lists in (("obligation", ("reporting", "obligations")), ("parameter", ("parameters",))):
        if what in defined and complete:
            defined[what] += [i for layer in inherited for i in defined_ids(layer, lists)]
        else:
            defined.pop(what, None)
    findings = [
        *duplicate_ids(plan, _PLAN_LISTS),
        *_unique_words(plan, ("inherits",)),
        *undefined_refs(plan, _PLAN_REFS, defined, _PLAN_WHERE),
        *([] if _shaky(plan, ("sources",), doubtful) else _citations(plan, defined_ids(plan, ("sources",)))),
        *_parameters(plan),
        *_grades(plan),
        *_levels(plan, doubtful),
        *_cycles(plan),
        *_inherits(plan, layers, available),
        *_supersedes(plan, layers, complete),
        *_shadowed(plan, layers),
    ]
    return list(dict.fromkeys(findings))


def check_layer(layer: Any, doubtful: Collection[DataPath] = ()) -> list[Finding]:
    """Semantic problems of an external layer's plain data: its obligations use its own bodies and parameters."""
    if not isinstance(layer, dict):
        return []
    defined: dict[str, Any] = {}
    if not _shaky(layer, ("bodies_required",), doubtful):
        defined["body"] = [b for _, b in select(layer, ("bodies_required", "*")) if isinstance(b, str)]
    for what, lists in (("obligation", ("reporting", "obligations")), ("parameter", ("parameters",))):
        if not _shaky(layer, lists, doubtful):
            defined[what] = list(defined_ids(layer, lists))
    findings = [
        *duplicate_ids(layer, _LAYER_LISTS),
        *_unique_words(layer, ("bodies_required",)),
        *undefined_refs(layer, _LAYER_REFS, defined, _LAYER_WHERE),
        *([] if _shaky(layer, ("sources",), doubtful) else _citations(layer, defined_ids(layer, ("sources",)))),
        *_parameters(layer),
        *_cycles(layer),
    ]
    return list(dict.fromkeys(findings))


# Earlier names, used by drillsim.loading.scenario_checks.
_entries, _ids, _unique, _refs = entries, defined_ids, duplicate_ids, undefined_refs
