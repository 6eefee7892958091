"""Accident grades: each appears once, ranked and listed from especially_major down, thresholds falling."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drillsim.loading.checks.problems import Problem
from drillsim.loading.plain_data import DataPath, as_int, entries
from drillsim.model.figures import GRADE_CRITERIA
from drillsim.model.plan import GRADE_ORDER

__all__ = ["GRADE_ORDER", "CRITERIA", "check_grades"]

CRITERIA = GRADE_CRITERIA


def check_grades(data: Any) -> Iterator[Problem]:
    """The grades of a plan: once each, rank by position, in order, each threshold below the grade above."""
    grades = [(path, g) for path, g in entries(data, ("grades",)) if g.get("id") in GRADE_ORDER]
    first: dict[str, tuple[DataPath, dict[str, Any]]] = {}
    for path, grade in grades:
        gid = grade["id"]
        if gid in first:
            missing = [g for g in GRADE_ORDER if g not in {x["id"] for _, x in grades}]
            lack = f"; {', '.join(repr(m) for m in missing)} is missing" if missing else ""
            message = f"duplicate grade {gid!r}: each of {', '.join(GRADE_ORDER)} appears once{lack}"
            yield Problem((*path, "id"), message)
            continue
        first[gid] = (path, grade)
        rank, want = as_int(grade.get("rank")), GRADE_ORDER.index(gid) + 1
        if rank is not None and rank != want:
            yield Problem((*path, "rank"), f"grade {gid!r} has rank {want}, found {rank}")
    listed = list(first)
    if listed != sorted(listed, key=GRADE_ORDER.index):
        wrong = next(g for g, w in zip(listed, sorted(listed, key=GRADE_ORDER.index)) if g != w)
        yield Problem((*first[wrong][0], "id"), "list the grades from especially_major down to general")
    for criterion in CRITERIA:
        above: tuple[str, int] | None = None
        for gid in GRADE_ORDER:
            path, grade = first.get(gid, ((), {}))
            bounds = grade.get("at_least")
            value = as_int(bounds.get(criterion)) if isinstance(bounds, dict) else None
            if value is None:
                continue
            if above is not None and value >= above[1]:
                yield Problem((*path, "at_least", criterion), f"{criterion} threshold of {gid!r} must be below "
                              f"that of {above[0]!r} ({above[1]}), found {value}")
            above = (gid, value)
