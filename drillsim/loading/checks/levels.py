"""Response levels: numbered 1, 2, ... once each, people_at_risk ranges that select one level, references resolve."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from drillsim.loading.checks.problems import Problem
from drillsim.loading.plain_data import DataPath, Pattern, as_int, entries, format_path, related, select

__all__ = ["check_levels"]

_LEVEL_REFS: tuple[Pattern, ...] = (
    ("working_groups", "*", "levels", "*"),
    ("information_release", "levels", "*"),
    ("information_release", "by_level", "*", "levels", "*"),
    ("field_command", "establishment", "*", "level"),
    ("field_command", "handovers", "*", "level"),
    ("reporting", "obligations", "*", "starts_on", "level"),
)


def check_levels(data: Any, doubtful: Collection[DataPath]) -> Iterator[Problem]:
    """Level numbering, people_at_risk ranges, then the references to levels elsewhere in the plan.

    `doubtful` holds the paths the schema already rejected.
    """
    numbered = [(path, as_int(lv.get("level"))) for path, lv in entries(data, ("response_levels",))]
    seen: set[int] = set()
    duplicate = False
    for path, level in numbered:
        if level is not None and level in seen:
            duplicate = True
            yield Problem((*path, "level"), f"duplicate response level {level}; number the levels 1, 2, ... once each")
        if level is not None:
            seen.add(level)
    gaps = False
    if not duplicate and numbered and all(level is not None for _, level in numbered):
        want = set(range(1, len(numbered) + 1))
        for path, level in numbered:
            if level not in want:
                gaps = True
                missing = ", ".join(str(m) for m in sorted(want - seen))
                yield Problem((*path, "level"), f"response levels must be numbered 1 to {len(numbered)} without "
                              f"gaps; found {level}, missing {missing}")
    yield from _people_at_risk(data, doubtful)
    yield from _judging_bodies(data)
    if duplicate or gaps:
        return  # references to levels mean little until the levels themselves are numbered right
    for pattern in _LEVEL_REFS:
        for path, value in select(data, pattern):
            if as_int(value) is not None and seen and value not in seen:
                known = ", ".join(str(s) for s in sorted(seen))
                yield Problem(path, f"undefined response level {value}; the plan defines levels {known}")


def _people_at_risk(data: Any, doubtful: Collection[DataPath]) -> Iterator[Problem]:
    """Each people_at_risk trigger has min <= max, and the ranges of different levels do not overlap."""
    ranges: list[tuple[int, DataPath, int, float]] = []
    for level_index, (level_path, level) in enumerate(entries(data, ("response_levels",))):
        for path, trigger in entries(level, ("triggers",)):
            if trigger.get("kind") != "people_at_risk" or any(related((*level_path, *path), d) for d in doubtful):
                continue
            low, high = as_int(trigger.get("min", 0)), trigger.get("max")
            if low is None or (high is not None and as_int(high) is None):
                continue
            if high is not None and low > high:
                yield Problem((*level_path, *path, "max"), f"max ({high}) is below min ({low})")
                continue
            ranges.append((level_index, (*level_path, *path), low, float("inf") if high is None else high))
    for i, (level_a, path_a, low_a, high_a) in enumerate(ranges):
        for level_b, path_b, low_b, high_b in ranges[i + 1 :]:
            if level_a != level_b and low_b <= high_a and low_a <= high_b:
                yield Problem(path_b, f"people_at_risk range {_span(low_b, high_b)} overlaps the range "
                              f"{_span(low_a, high_a)} at {format_path(path_a)}; a count must select one level",
                              see=path_a)


def _judging_bodies(data: Any) -> Iterator[Problem]:
    """A body that may judge a response necessary (认为需要, a decided_by trigger) does so for one level: its
    judgement justifies that level, not whichever higher level also names it."""
    first: dict[str, tuple[DataPath, Any]] = {}
    for level_path, level in entries(data, ("response_levels",)):
        for path, trigger in entries(level, ("triggers",)):
            body = trigger.get("body") if trigger.get("kind") == "decided_by" else None
            if not isinstance(body, str):
                continue
            seen = first.setdefault(body, ((*level_path, *path), level.get("level")))
            if seen[1] != level.get("level"):
                yield Problem((*level_path, *path, "body"),
                              f"{body} already judges level {seen[1]} necessary (decided_by); a body's judgement "
                              "justifies one level", see=seen[0])


def _span(low: int, high: float) -> str:
    return f"{low} or more" if high == float("inf") else f"{low}-{int(high)}"
