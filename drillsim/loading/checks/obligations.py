"""Reporting obligations and their parameters: each parameter has one value, report chains end."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drillsim.loading.checks.problems import Problem
from drillsim.loading.plain_data import DataPath, entries

__all__ = ["check_parameters", "check_report_cycles"]


def check_parameters(data: Any) -> Iterator[Problem]:
    """Every parameter gives exactly one of a duration and a number."""
    for path, param in entries(data, ("parameters",)):
        has = [key for key in ("duration", "number") if param.get(key) is not None]
        name = param.get("id", "?")
        if len(has) == 2:
            yield Problem((*path, "number"), f"parameter {name!r} has both a duration and a number; give exactly one")
        elif not has:
            yield Problem(path, f"parameter {name!r} needs a duration or a number")


def check_report_cycles(data: Any) -> Iterator[Problem]:
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
            yield Problem(nxt[loop[0]][1], f"report_received chain forms a cycle: {shown}")
