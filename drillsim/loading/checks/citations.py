"""Every citation (`cite: {src: ...}`) anywhere in a file names a defined source."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from drillsim.loading.checks.problems import Problem
from drillsim.loading.checks.references import undefined
from drillsim.loading.plain_data import DataPath

__all__ = ["check_citations", "citations"]


def citations(node: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """Every `cite:` mapping anywhere in plain YAML data, with its path, in document order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "cite" and isinstance(value, dict):
                yield (*path, key), value
            else:
                yield from citations(value, (*path, key))
    elif isinstance(node, (list, tuple)):
        for index, value in enumerate(node):
            yield from citations(value, (*path, index))


def check_citations(data: Any, sources: Collection[str], where: str, path: DataPath = ()) -> Iterator[Problem]:
    """Every `cite.src` in `data` is one of `sources`; `where` says in the message where sources are defined."""
    for cite_path, cite in citations(data, path):
        src = cite.get("src")
        if isinstance(src, str) and src not in sources:
            yield undefined((*cite_path, "src"), "source", src, sources, where)
