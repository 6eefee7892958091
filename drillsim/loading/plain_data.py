"""A data file's plain data: where nodes sit (paths, patterns over lists), look-ups by either, typed reads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = [
    "DataPath",
    "Pattern",
    "format_path",
    "node_at",
    "related",
    "select",
    "entries",
    "defined_ids",
    "as_int",
]

DataPath = tuple[str | int, ...]
"""Where a node sits in a data file: mapping keys and list indices from the top."""

Pattern = tuple[str, ...]
"""A data path with '*' standing for every item of a list."""


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


def select(data: Any, pattern: Pattern, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    """Every (path, value) in `data` matching `pattern`."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from select(item, rest, (*path, index))
    elif isinstance(data, dict) and head in data:
        yield from select(data[head], rest, (*path, head))


def entries(data: Any, pattern: Pattern) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """The mapping items of every list matching `pattern`."""
    for path, items in select(data, pattern):
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    yield (*path, index), item


def defined_ids(data: Any, pattern: Pattern) -> dict[str, DataPath]:
    """id -> path of its first definition, for the items of the lists matching `pattern`."""
    found: dict[str, DataPath] = {}
    for path, item in entries(data, pattern):
        if isinstance(item.get("id"), str):
            found.setdefault(item["id"], path)
    return found


def as_int(value: object) -> int | None:
    """`value` when it is an integer (true and false are not), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
