"""A problem found by a semantic check, and how problems join the schema's issues."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from drillsim.loading.errors import Issue
from drillsim.loading.plain_data import DataPath, related
from drillsim.loading.yaml_source import YamlDocument

__all__ = ["Problem", "merge_issues"]


class Problem(NamedTuple):
    """One problem: where (data path), what, and optionally a hint such as 'did you mean ...?'."""

    path: DataPath
    message: str
    hint: str | None = None
    see: DataPath | None = None  # a related node (the first definition of a duplicate id, say)


def merge_issues(doc: YamlDocument, schema: list[Issue], problems: Iterable[Problem]) -> list[Issue]:
    """Schema issues plus the semantic problems about other nodes (a bad node is reported once), by line."""
    semantic = [
        doc.issue(f.path, f.message + (f" (line {doc.locate(f.see)[0]})" if f.see else ""), f.hint)
        for f in problems
        if not any(related(f.path, i.path) for i in schema)
    ]
    return sorted([*schema, *semantic], key=lambda issue: (issue.line, issue.col))
