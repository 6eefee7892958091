"""What one pydantic error means for the author: expected what, found what, where, with a hint."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from drillsim.loading.plain_data import DataPath
from drillsim.loading.suggestions import suggest
from drillsim.loading.validation.schema_walk import Walk, all_field_names, field_names, is_model, is_union, union_tags
from drillsim.loading.validation.wording import format_value, id_fix, pattern_phrase, quoted, type_hint, type_phrase

__all__ = ["Found", "MAPPING_TYPES", "describe"]

MAPPING_TYPES = {"model_type", "model_attributes_type", "dict_type"}
"""The error kinds that mean 'expected a mapping here'."""

_COMPARISONS = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">", "less_than": "<"}


@dataclass(frozen=True)
class Found:
    """One translated pydantic error before it gets a position."""

    path: DataPath
    message: str
    hint: str | None
    expected: str | None
    kind: str
    sites: tuple[tuple[DataPath, str], ...]
    suggested: tuple[str, ...] = ()


def describe(err: Mapping[str, Any], walk: Walk, root: type[BaseModel]) -> Found | None:
    """What one pydantic error means for the author; None when another error already says it."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    path, hint, expected = walk.path, None, None
    if kind == "missing":
        return Found(path, f"missing required field {path[-1]!r}", None, None, kind, walk.sites)
    if kind == "extra_forbidden":
        allowed = field_names(walk.owner) if walk.owner else all_field_names(root)
        key = str(path[-1])
        close = tuple(difflib.get_close_matches(key, allowed, n=3, cutoff=0.6))
        return Found(path, f"unknown field {key!r}", suggest(key, allowed), None, kind, walk.sites, close)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        disc = str(ctx.get("discriminator", "'kind'")).strip("'")
        tags = union_tags(walk.end, disc) if is_union(walk.end) else quoted(str(ctx.get("expected_tags", "")))
        allowed = ", ".join(tags)
        if kind == "union_tag_not_found":
            return Found(path, f"missing {disc!r}: say which kind this is ({allowed})", None, None, kind, walk.sites)
        tag = str(ctx.get("tag"))
        message = f"unknown {disc} {tag!r}; the kinds allowed here are {allowed}"
        return Found((*path, disc), message, suggest(tag, tags, listing=0), None, kind, walk.sites)
    if kind == "too_short" and isinstance(value, (list, tuple)) and len(value) >= ctx.get("min_length", 0):
        return None  # reported for the items that failed
    if kind == "value_error":
        return Found(path, str(ctx.get("error", err["msg"])), None, None, kind, walk.sites)
    if kind == "literal_error":
        options = quoted(str(ctx.get("expected", "")))
        expected = "one of " + ", ".join(repr(o) for o in options) if len(options) > 1 else repr(options[0])
        hint = suggest(str(value), options, listing=0) if isinstance(value, str) else None
    elif kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        expected, hint = pattern_phrase(pattern), id_fix(pattern, value)
    elif kind == "string_too_short":
        expected = "non-empty text" if ctx.get("min_length") == 1 else f"at least {ctx.get('min_length')} characters"
    elif kind in ("too_short", "too_long"):
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        expected = f"at {'least' if kind == 'too_short' else 'most'} {bound} items"
        count = len(value) if isinstance(value, (list, tuple, dict)) else "?"
        return Found(path, f"expected {expected}, found {count}", None, expected, kind, walk.sites)
    elif kind == "model_type" or (kind in MAPPING_TYPES and is_model(walk.end)):
        fields = field_names(walk.end) if is_model(walk.end) else []
        listed = ", ".join(fields[:6]) + (", ..." if len(fields) > 6 else "")
        expected = f"a mapping with fields {listed}" if fields else "a mapping"
    elif kind in _COMPARISONS:
        bound = next(iter(ctx.values()), "?")
        expected = f"a number {_COMPARISONS[kind]} {bound}"
    elif kind == "invalid_key":
        return Found(path, f"mapping keys must be text, found {format_value(value)}", None, None, kind, walk.sites)
    elif type_phrase(kind) is not None:
        expected, hint = type_phrase(kind), type_hint(kind, value)
    if expected is None:
        return Found(path, f"{err['msg']}, found {format_value(value)}", None, None, kind, walk.sites)
    return Found(path, f"expected {expected}, found {format_value(value)}", hint, expected, kind, walk.sites)
