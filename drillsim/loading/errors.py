"""Problems found in data files, each pointing at a file, a line and the offending value.

An `Issue` is one problem; a `DataFileError` carries all the problems of one load and renders them as

    scenarios/plans/x.yaml:42:7: reporting.obligations[2].deadline: expected ..., found '-30min'
        42 |       deadline: -30min
           |       ^
           = did you mean ...?
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

if TYPE_CHECKING:
    from drillsim.loading.yaml_source import YamlDocument

__all__ = [
    "DataPath",
    "Issue",
    "DataFileError",
    "format_path",
    "format_value",
    "node_at",
    "related",
    "display_file",
    "suggest",
    "field_names",
    "all_field_names",
    "validation_issues",
]

DataPath = tuple[str | int, ...]
"""Where a node sits in a data file: mapping keys and list indices from the top."""


@dataclass(frozen=True)
class Issue:
    """One problem in a data file. `line` and `col` are 1-based; 0 means the file as a whole."""

    file: str
    line: int
    col: int
    path: DataPath
    message: str
    source_line: str = ""
    hint: str | None = None

    def render(self) -> str:
        """`file:line:col: path: message`, then the line with a caret under the column, then the hint."""
        where = f"{self.file}:{self.line}:{self.col}" if self.line > 0 else self.file
        head = f"{where}: {format_path(self.path)}: {self.message}" if self.path else f"{where}: {self.message}"
        out = [head]
        gutter = " " * len(str(self.line))
        if self.line > 0 and self.source_line:
            out.append(f"    {self.line} | {self.source_line.expandtabs(1)}")
            out.append(f"    {gutter} | {' ' * max(self.col - 1, 0)}^")
        if self.hint:
            out.append(f"    {gutter} = {self.hint}")
        return "\n".join(out)


class DataFileError(Exception):
    """One or more problems in data files; `issues` holds them all, `render()` shows them."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues: list[Issue] = list(issues)
        super().__init__(self.render())

    def __reduce__(self) -> tuple[type[DataFileError], tuple[list[Issue]]]:
        return (DataFileError, (self.issues,))

    def render(self) -> str:
        """Every issue, separated by blank lines, followed by a count when there are several."""
        text = "\n\n".join(issue.render() for issue in self.issues)
        if len(self.issues) > 1:
            text += f"\n\n{len(self.issues)} problems"
        return text


def format_path(path: DataPath) -> str:
    """('reporting', 'obligations', 2, 'deadline') -> 'reporting.obligations[2].deadline'."""
    text = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def node_at(data: Any, path: DataPath) -> Any:
    """The node at `path` in plain data, or None when there is none."""
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def related(a: DataPath, b: DataPath) -> bool:
    """Whether one path lies within the other (or they are equal)."""
    size = min(len(a), len(b))
    return a[:size] == b[:size]


def format_value(value: object, limit: int = 60) -> str:
    """A short, YAML-minded rendering of a found value: 'text', 5, true, null, a mapping, a list."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true (a boolean)" if value else "false (a boolean)"
    if isinstance(value, dict):
        keys = ", ".join(str(k) for k in list(value)[:5])
        return f"a mapping with keys {keys}" if value else "an empty mapping"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item{'s' if len(value) > 1 else ''}" if value else "an empty list"
    text = repr(value)
    if len(text) <= limit:
        return text
    return text[: limit - 4] + ("...'" if isinstance(value, str) else "...")


def display_file(path: Path) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def suggest(word: str, candidates: Iterable[str], *, listing: int = 8) -> str | None:
    """'did you mean ...?' from close matches, else the list of allowed names when it is short."""
    pool = sorted({c for c in candidates if isinstance(c, str)})
    scored = sorted(((difflib.SequenceMatcher(None, word, c).ratio(), c) for c in pool), reverse=True)
    close = [c for score, c in scored[:3] if score >= 0.6 and score >= scored[0][0] - 0.05]
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    if 0 < len(pool) <= listing:
        return "allowed: " + ", ".join(pool)
    return None


# --- pydantic ValidationError -> Issues -------------------------------------------------------------


@dataclass(frozen=True)
class _Walk:
    """Where a pydantic `loc` lands in the data and in the schema."""

    path: DataPath  # the data path, union tags and member names removed
    owner: type[BaseModel] | None  # the model whose field the last loc element names
    end: Any  # the (unwrapped) type at the end of loc
    sites: tuple[tuple[DataPath, str], ...]  # plain-union members tried: (data path of the union, member label)


def _unwrap(tp: Any, disc: str | None = None) -> tuple[Any, str | None]:
    """Strip Annotated (keeping a discriminator) and the None of an Optional."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            base, *meta = get_args(tp)
            for item in meta:
                if isinstance(item, FieldInfo) and isinstance(item.discriminator, str):
                    disc = item.discriminator
            tp = base
        elif origin in (Union, UnionType) and len(_members(tp)) == 1:
            tp = _members(tp)[0]
        else:
            return tp, disc


def _members(tp: Any) -> list[Any]:
    return [arg for arg in get_args(tp) if arg is not type(None)]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, UnionType)


def _field(model: type[BaseModel], key: object) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if key in (info.alias, name):
            return info
    return None


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a data file may use for `model` (aliases where they exist)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_tags(model: Any, disc: str) -> list[str]:
    """The values a union member accepts for its discriminator field."""
    info = _field(model, disc) if _is_model(model) else None
    return [str(a) for a in get_args(info.annotation)] if info is not None else []


def _tags(union: Any, disc: str) -> list[str]:
    """The discriminator values of a discriminated union, in declaration order."""
    return [tag for member in _members(union) for tag in _model_tags(_unwrap(member)[0], disc)]


def _pick(members: list[Any], label: str, disc: str | None) -> Any:
    """The union member that a loc label (a tag, a class name, 'int', ...) stands for."""
    for member in members:
        base, _ = _unwrap(member)
        if disc and label in _model_tags(base, disc):
            return base
        if _is_model(base) and base.__name__ == label:
            return base
        if not disc and isinstance(base, type) and base.__name__ == label:
            return base
    return None


def _walk(root: type[BaseModel], data: Any, loc: tuple[Any, ...]) -> _Walk:
    """Follow `loc` through schema and data together: union tags and member names are schema-only steps."""
    tp: Any = root
    disc: str | None = None
    node, path, owner, sites, in_data = data, [], None, [], True
    for element in loc:
        tp, disc = _unwrap(tp, disc)
        if _is_union(tp):
            if not disc:
                sites.append((tuple(path), str(element)))
            tp, disc = _pick(_members(tp), str(element), disc), None
            continue
        if _is_model(tp):
            owner, info = tp, _field(tp, element)
            tp, disc = (info.annotation, info.discriminator) if info else (None, None)
            disc = disc if isinstance(disc, str) else None
        elif get_origin(tp) in (tuple, list):
            tp, disc = (get_args(tp) or (None,))[0], None
        else:
            owner, tp, disc = None, None, None
        if in_data and isinstance(node, dict) and element in node:
            node = node[element]
        elif in_data and isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node):
            node = node[element]
        else:
            in_data = False
        path.append(element)
    end, _ = _unwrap(tp, disc)
    return _Walk(tuple(path), owner, end, tuple(sites))


@lru_cache(maxsize=None)
def all_field_names(root: type[BaseModel]) -> tuple[str, ...]:
    """Every key used anywhere in the schema of `root`."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo: list[Any] = [root]
    while todo:
        tp, _ = _unwrap(todo.pop())
        if _is_model(tp) and tp not in seen:
            seen.add(tp)
            names.update(field_names(tp))
            todo.extend(info.annotation for info in tp.model_fields.values())
        else:
            todo.extend(get_args(tp))
    return tuple(sorted(names))


_ID_PATTERN = r"^[a-z][a-z0-9_]*(-[a-z0-9_]+)*$"
_PATTERNS = {
    _ID_PATTERN: "an id (lower-case letters, digits, _ and -, starting with a letter)",
    r"^\d{4}-\d{2}-\d{2}$": "a date written YYYY-MM-DD",
}
_EXPECTED = {
    "int_type": "an integer",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_attributes_type": "a mapping",
}
_MAPPING_TYPES = {"model_type", "model_attributes_type", "dict_type"}


@dataclass(frozen=True)
class _Found:
    """One translated pydantic error before it gets a position."""

    path: DataPath
    message: str
    hint: str | None
    expected: str | None
    kind: str
    sites: tuple[tuple[DataPath, str], ...]
    suggested: tuple[str, ...] = ()


def _literals(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def _describe(err: Mapping[str, Any], walk: _Walk, root: type[BaseModel]) -> _Found | None:
    """What one pydantic error means for the author: expected what, found what, where, with a hint."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    path, hint, expected = walk.path, None, None
    if kind == "missing":
        return _Found(path, f"missing required field {path[-1]!r}", None, None, kind, walk.sites)
    if kind == "extra_forbidden":
        allowed = field_names(walk.owner) if walk.owner else all_field_names(root)
        key = str(path[-1])
        close = tuple(difflib.get_close_matches(key, allowed, n=3, cutoff=0.6))
        return _Found(path, f"unknown field {key!r}", suggest(key, allowed), None, kind, walk.sites, close)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        disc = str(ctx.get("discriminator", "'kind'")).strip("'")
        tags = _tags(walk.end, disc) if _is_union(walk.end) else _literals(str(ctx.get("expected_tags", "")))
        allowed = ", ".join(tags)
        if kind == "union_tag_not_found":
            return _Found(path, f"missing {disc!r}: say which kind this is ({allowed})", None, None, kind, walk.sites)
        tag = str(ctx.get("tag"))
        message = f"unknown {disc} {tag!r}; the kinds allowed here are {allowed}"
        return _Found((*path, disc), message, suggest(tag, tags, listing=0), None, kind, walk.sites)
    if kind == "too_short" and isinstance(value, (list, tuple)) and len(value) >= ctx.get("min_length", 0):
        return None  # reported for the items that failed
    if kind == "value_error":
        return _Found(path, str(ctx.get("error", err["msg"])), None, None, kind, walk.sites)
    if kind == "literal_error":
        options = _literals(str(ctx.get("expected", "")))
        expected = "one of " + ", ".join(repr(o) for o in options) if len(options) > 1 else repr(options[0])
        hint = suggest(str(value), options, listing=0) if isinstance(value, str) else None
    elif kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        expected = _PATTERNS.get(pattern, f"text matching {pattern}")
        if pattern == _ID_PATTERN and isinstance(value, str):
            fixed = re.sub(r"[^a-z0-9_-]+", "_", value.strip().lower()).strip("_-")
            hint = f"try {fixed!r}" if re.match(_ID_PATTERN, fixed) else None
    elif kind == "string_too_short":
        expected = "non-empty text" if ctx.get("min_length") == 1 else f"at least {ctx.get('min_length')} characters"
    elif kind in ("too_short", "too_long"):
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        expected = f"at {'least' if kind == 'too_short' else 'most'} {bound} items"
        count = len(value) if isinstance(value, (list, tuple, dict)) else "?"
        return _Found(path, f"expected {expected}, found {count}", None, expected, kind, walk.sites)
    elif kind == "model_type" or (kind in _MAPPING_TYPES and _is_model(walk.end)):
        fields = field_names(walk.end) if _is_model(walk.end) else []
        listed = ", ".join(fields[:6]) + (", ..." if len(fields) > 6 else "")
        expected = f"a mapping with fields {listed}" if fields else "a mapping"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        sign = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">", "less_than": "<"}[kind]
        bound = next(iter(ctx.values()), "?")
        expected = f"a number {sign} {bound}"
    elif kind == "invalid_key":
        return _Found(path, f"mapping keys must be text, found {format_value(value)}", None, None, kind, walk.sites)
    elif kind in _EXPECTED:
        expected = _EXPECTED[kind]
        hint = _type_hint(kind, value)
    if expected is None:
        return _Found(path, f"{err['msg']}, found {format_value(value)}", None, None, kind, walk.sites)
    return _Found(path, f"expected {expected}, found {format_value(value)}", hint, expected, kind, walk.sites)


def _type_hint(kind: str, value: object) -> str | None:
    if kind in ("int_type", "float_type") and isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
        return f"remove the quotes: write {value.strip()}"
    if kind in ("int_type", "float_type") and isinstance(value, bool):
        return "true and false are booleans, not numbers"
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        return "put the value in quotes if you mean text"
    if kind in ("tuple_type", "list_type") and isinstance(value, str):
        return f"write a list: [{value}]"
    return None


def _resolve_unions(found: list[_Found], data: Any) -> list[_Found]:
    """Keep the errors of the one union member the author evidently meant; merge scalar alternatives."""
    groups: dict[DataPath, list[_Found]] = {}
    out: list[_Found] = []
    for item in found:
        if item.sites:
            groups.setdefault(item.sites[0][0], []).append(item)
        else:
            out.append(item)
    for site, items in groups.items():
        by_member: dict[str, list[_Found]] = {}
        for item in items:
            by_member.setdefault(item.sites[0][1], []).append(item)
        value = node_at(data, site)
        members = list(by_member.values())
        if isinstance(value, dict):
            members.sort(key=lambda m: (-max(len(i.path) for i in m), len(m)))
            out.extend(members[0])
            continue
        scalar = [m for m in members if not any(i.kind in _MAPPING_TYPES for i in m)] or members[:1]
        if len(scalar) == 1 or not all(len(m) == 1 and m[0].expected for m in scalar):
            out.extend(scalar[0])
            continue
        phrases = list(dict.fromkeys(str(m[0].expected) for m in scalar))
        if set(phrases) == {"an integer", "a number"}:
            phrases = ["a number"]
        first = scalar[0][0]
        message = f"expected {' or '.join(phrases)}, found {format_value(value)}"
        out.append(_Found(first.path[: len(site)], message, first.hint, None, first.kind, ()))
    return out


def _drop_shadowed_missing(found: list[_Found]) -> list[_Found]:
    """A misspelt key gives 'unknown field' and 'missing field'; the first, with its hint, is enough."""
    meant = {(*item.path[:-1], name) for item in found if item.kind == "extra_forbidden" for name in item.suggested}
    return [item for item in found if not (item.kind == "missing" and item.path in meant)]


def validation_issues(err: ValidationError, doc: YamlDocument, root: type[BaseModel]) -> list[Issue]:
    """Translate a pydantic ValidationError on `doc.data` into positioned issues, one per problem."""
    found: list[_Found] = []
    for raw in err.errors(include_url=False):
        item = _describe(raw, _walk(root, doc.data, tuple(raw["loc"])), root)
        if item is not None:
            found.append(item)
    issues: list[Issue] = []
    seen: set[tuple[DataPath, str]] = set()
    for item in _drop_shadowed_missing(_resolve_unions(found, doc.data)):
        if (item.path, item.message) not in seen:
            seen.add((item.path, item.message))
            issues.append(doc.issue(item.path, item.message, item.hint))
    return issues
