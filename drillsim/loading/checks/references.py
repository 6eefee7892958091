"""Ids are defined once and references to them resolve: the checks every kind of data file shares."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from drillsim.loading.checks.problems import Problem
from drillsim.loading.plain_data import DataPath, Pattern, format_path, node_at, select
from drillsim.loading.suggestions import suggest

__all__ = ["undefined", "undefined_refs", "duplicate_ids", "check_unique_words", "ids_may_be_incomplete"]


def undefined(path: DataPath, what: str, value: str, names: Iterable[str], where: str) -> Problem:
    """'undefined <what> <value>: none under <where> has this id', with close matches among `names`."""
    return Problem(path, f"undefined {what} {value!r}: none under {where} has this id", suggest(value, names))


def undefined_refs(
    data: Any, table: Iterable[tuple[str, Pattern]], defined: Mapping[str, Iterable[str]], where: Mapping[str, str]
) -> Iterator[Problem]:
    """Every value matching a (kind, pattern) of `table` is among `defined[kind]`; kinds absent are skipped.

    `where[kind]` says in the message where such ids are defined.
    """
    for what, pattern in table:
        if what not in defined:
            continue
        names = set(defined[what])
        for path, value in select(data, pattern):
            if isinstance(value, str) and value not in names:
                yield undefined(path, what, value, names, where[what])


def duplicate_ids(data: Any, lists: Iterable[Pattern]) -> Iterator[Problem]:
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
                    yield Problem((*list_path, index, "id"), f"duplicate id {ident!r}; {where} already uses it",
                                  see=first[ident])
                else:
                    first[ident] = (*list_path, index)


def check_unique_words(data: Any, pattern: Pattern) -> Iterator[Problem]:
    """The list of words at `pattern` names each word once."""
    seen: set[str] = set()
    for path, value in select(data, (*pattern, "*")):
        if isinstance(value, str):
            if value in seen:
                yield Problem(path, f"{value!r} is listed twice")
            seen.add(value)


def ids_may_be_incomplete(data: Any, lists: Pattern, doubtful: Collection[DataPath]) -> bool:
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
