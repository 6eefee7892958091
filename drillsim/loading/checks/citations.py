"""Every citation (`cite: {src: ...}`) anywhere in a file names a defined source."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from drillsim.loading.checks.findings import Finding
from drillsim.loading.checks.references import undefined
from drillsim.loading.plain_data import DataPath

__all__ = ["check_citations"]


def check_citations(data: Any, sources: Collection[str], where: str, path: DataPath = ()) -> Iterator[Finding]:
    """Every `cite.src` in `data` is one of `sources`; `where` says in the message where sources are defined."""
    if isinstance(data, dict):
        for key, value in data.items():
            src = value.get("src") if key == "cite" and isinstance(value, dict) else None
            if isinstance(src, str) and src not in sources:
                yield undefined((*path, key, "src"), "source", src, sources, where)
            yield from check_citations(value, sources, where, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from check_citations(item, sources, where, (*path, index))
