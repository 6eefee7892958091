"""How an exercise's accident ended up: final and peak figures, the highest grade, the boundaries it crossed.
Read from a Trace (the engine's own fold), so the exercise and its reference run are compared alike."""

from __future__ import annotations

from dataclasses import dataclass

from drillsim.engine import events as ev
from drillsim.scoring.trace import Trace


@dataclass(frozen=True)
class Outcome:
    """The harm an exercise ended with, and the events by which each figure rose."""

    final: dict[str, int]
    peak: dict[str, int]
    grade: str | None
    """The most severe grade the accident reached."""
    grade_rank: int | None
    """Its rank (1 = 特别重大 ... 4 = 一般)."""
    crossings: tuple[str, ...]
    """Cross-jurisdiction scopes the accident reached (SituationFlagged; one cleared later still happened)."""
    ended: str | None
    rises: dict[str, tuple[tuple[ev.DomainEvent, int], ...]]
    """figure → (event, value after it) for every event that raised it."""


def outcome_of(trace: Trace) -> Outcome:
    """The outcome of the traced exercise."""
    figures: dict[str, int] = {}
    peak: dict[str, int] = {}
    rises: dict[str, list[tuple[ev.DomainEvent, int]]] = {}
    changes = sorted([*trace.of(ev.AccidentOccurred), *trace.of(ev.FiguresChanged)], key=lambda e: e.seq)
    for e in changes:
        for k, v in e.figures.items():
            if v > figures.get(k, 0):
                rises.setdefault(k, []).append((e, v))
            figures[k] = v
            peak[k] = max(peak.get(k, 0), v)
    ranks = {g.id: g.rank for g in trace.index.loaded.definition.grades}
    grades = [g.grade for g in trace.of(ev.GradeChanged) if g.grade in ranks]
    worst = min(grades, key=lambda g: ranks[g]) if grades else None
    return Outcome(
        final=dict(trace.state.figures), peak=peak, grade=worst, grade_rank=ranks.get(worst) if worst else None,
        crossings=tuple(dict.fromkeys(x for e in trace.of(ev.SituationFlagged) for x in e.cross_jurisdiction)),
        ended=trace.state.ended,
        rises={k: tuple(v) for k, v in rises.items()},
    )
