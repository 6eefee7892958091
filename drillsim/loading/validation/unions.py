"""Errors from union fields: keep those of the member the author evidently meant, merge scalar alternatives."""

from __future__ import annotations

from typing import Any

from drillsim.loading.plain_data import DataPath, node_at
from drillsim.loading.validation.describe import MAPPING_TYPES, Found
from drillsim.loading.validation.wording import format_value

__all__ = ["resolve_unions", "drop_shadowed_missing"]


def resolve_unions(found: list[Found], data: Any) -> list[Found]:
    """Keep the errors of the one union member the author evidently meant; merge scalar alternatives."""
    groups: dict[DataPath, list[Found]] = {}
    out: list[Found] = []
    for item in found:
        if item.sites:
            groups.setdefault(item.sites[0][0], []).append(item)
        else:
            out.append(item)
    for site, items in groups.items():
        by_member: dict[str, list[Found]] = {}
        for item in items:
            by_member.setdefault(item.sites[0][1], []).append(item)
        value = node_at(data, site)
        members = list(by_member.values())
        if isinstance(value, dict):
            members.sort(key=lambda m: (-max(len(i.path) for i in m), len(m)))
            out.extend(members[0])
            continue
        scalar = [m for m in members if not any(i.kind in MAPPING_TYPES for i in m)] or members[:1]
        matched = [m for m in scalar if not any(i.kind.endswith("_type") for i in m)]
        scalar = matched or scalar  # a member whose type fits (but not its value, e.g. nan) is the one meant
        if len(scalar) == 1 or not all(len(m) == 1 and m[0].expected for m in scalar):
            out.extend(scalar[0])
            continue
        phrases = list(dict.fromkeys(str(m[0].expected) for m in scalar))
        if set(phrases) == {"an integer", "a number"}:
            phrases = ["a number"]
        first = scalar[0][0]
        message = f"expected {' or '.join(phrases)}, found {format_value(value)}"
        out.append(Found(first.path[: len(site)], message, first.hint, None, first.kind, ()))
    return out


def drop_shadowed_missing(found: list[Found]) -> list[Found]:
    """A misspelt key gives 'unknown field' and 'missing field'; the first, with its hint, is enough."""
    meant = {(*item.path[:-1], name) for item in found if item.kind == "extra_forbidden" for name in item.suggested}
    return [item for item in found if not (item.kind == "missing" and item.path in meant)]
