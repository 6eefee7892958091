"""The reference run: the same scenario and seed played by the `plan` policy, and where the team departed
from it."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.loading.scenarios import LoadedScenario
from drillsim.scoring.findings import Finding

TIME_THRESHOLD = 5 * 60_000
"""A timing difference smaller than this (ms) is not listed as a deviation."""


@dataclass(frozen=True)
class Deviation:
    """One finding where the team departed from the reference run: verdicts, points and times of both."""

    finding_id: str
    area: str
    verdict: str | None
    baseline_verdict: str | None
    points_lost: float
    baseline_points_lost: float
    points_delta: float
    done_t: int | None
    baseline_done_t: int | None
    delta_t: int | None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def baseline_events(loaded: LoadedScenario, events: Sequence[ev.DomainEvent]) -> list[ev.DomainEvent]:
    """Play the reference run with the seed of the exercise's ExerciseStarted event."""
    start = events[0]
    if not isinstance(start, ev.ExerciseStarted):
        raise ValueError("an exercise's events start with exercise_started")
    return list(play(loaded.plan, loaded.scenario, start.seed, "plan").events)


def deviations(
    findings: Sequence[Finding], reference: Sequence[Finding], threshold: int = TIME_THRESHOLD
) -> list[Deviation]:
    """Findings whose verdict, points or timing differ from the reference run's finding of the same id."""
    ref = {f.id: f for f in reference}
    seen: set[str] = set()
    out: list[Deviation] = []
    for f in findings:
        seen.add(f.id)
        b = ref.get(f.id)
        row = _row(f, b, threshold)
        if row is not None:
            out.append(row)
    for b in reference:
        if b.id not in seen and b.points_lost > 0:
            out.append(_entry(None, b))
    out.sort(key=lambda r: (-abs(r.points_delta), -abs(r.delta_t or 0)))
    return out


def _row(f: Finding, b: Finding | None, threshold: int) -> Deviation | None:
    if b is None:
        return _entry(f, None) if f.points_lost > 0 else None
    delta_t = f.done_t - b.done_t if f.done_t is not None and b.done_t is not None else None
    if f.verdict != b.verdict and not (f.compliant and b.compliant):
        return _entry(f, b)
    if abs(f.points_lost - b.points_lost) >= 0.005:
        return _entry(f, b)
    if delta_t is not None and abs(delta_t) >= threshold:
        return _entry(f, b)
    if (f.done_t is None) != (b.done_t is None) and not (f.compliant and b.compliant):
        return _entry(f, b)
    return None


def _entry(f: Finding | None, b: Finding | None) -> Deviation:
    one = f or b
    assert one is not None
    done, base_done = (f.done_t if f else None), (b.done_t if b else None)
    return Deviation(
        finding_id=one.id,
        area=one.area,
        verdict=f.verdict if f else None,
        baseline_verdict=b.verdict if b else None,
        points_lost=round(f.points_lost, 2) if f else 0.0,
        baseline_points_lost=round(b.points_lost, 2) if b else 0.0,
        points_delta=round((f.points_lost if f else 0.0) - (b.points_lost if b else 0.0), 2),
        done_t=done,
        baseline_done_t=base_done,
        delta_t=done - base_done if done is not None and base_done is not None else None,
    )
