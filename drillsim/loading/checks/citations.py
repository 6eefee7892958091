"""Every citation (`cite: {src: ...}`) anywhere in a plan or layer names one of its sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from drillsim.loading.checks.findings import Finding
from drillsim.loading.plain_data import DataPath
from drillsim.loading.suggestions import suggest

__all__ = ["check_citations"]


def check_citations(data: Any, sources: Iterable[str], path: DataPath = ()) -> Iterator[Finding]:
    """Every `cite.src` anywhere names an entry under `sources`."""
    if isinstance(data, dict):
        for key, value in data.items():
            src = value.get("src") if key == "cite" and isinstance(value, dict) else None
            if isinstance(src, str) and src not in set(sources):
                message = f"undefined source {src!r}: none under sources has this id"
                yield Finding((*path, key, "src"), message, suggest(src, sources))
            yield from check_citations(value, sources, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from check_citations(item, sources, (*path, index))
