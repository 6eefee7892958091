"""Compare the outcomes of two exercises (a fork and its parent, two seeds, two teams)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from drillsim.engine import events as ev
from drillsim.engine.state import ExerciseState, fold
from drillsim.store.application import ExerciseStore


@dataclass(frozen=True)
class Outcome:
    """The facts of an exercise that a comparison looks at."""

    id: UUID
    levels: list[tuple[int, int, str]]
    commanders: list[tuple[int, str]]
    groups: list[str]
    obligations: dict[str, str]
    figures: dict[str, int]
    ended: str | None
    end_t: int
    decisions: int
    events: int


def outcome(ident: UUID, events: list[ev.DomainEvent]) -> Outcome:
    state: ExerciseState = fold(events)
    return Outcome(
        id=ident,
        levels=list(state.level_history),
        commanders=list(state.command_history),
        groups=sorted(state.groups),
        obligations={k: o.status for k, o in sorted(state.obligations.items())},
        figures=dict(sorted(state.figures.items())),
        ended=state.ended,
        end_t=state.t,
        decisions=state.decisions,
        events=len(events),
    )


@dataclass(frozen=True)
class Comparison:
    a: Outcome
    b: Outcome
    first_divergence: int | None
    """Index of the first event that differs; None when the streams are identical."""

    def rows(self) -> list[tuple[str, Any, Any]]:
        """(what, in A, in B) for every aspect that differs."""
        out: list[tuple[str, Any, Any]] = []
        for name in ("levels", "commanders", "groups", "ended", "end_t", "decisions", "events"):
            va, vb = getattr(self.a, name), getattr(self.b, name)
            if va != vb:
                out.append((name, va, vb))
        for key in sorted(set(self.a.obligations) | set(self.b.obligations)):
            va, vb = self.a.obligations.get(key, "—"), self.b.obligations.get(key, "—")
            if va != vb:
                out.append((f"obligation {key}", va, vb))
        for key in sorted(set(self.a.figures) | set(self.b.figures)):
            va, vb = self.a.figures.get(key, 0), self.b.figures.get(key, 0)
            if va != vb:
                out.append((f"final {key}", va, vb))
        return out


def compare(store: ExerciseStore, a: UUID, b: UUID) -> Comparison:
    ea, eb = store.domain_events(a), store.domain_events(b)
    first = None
    for index in range(max(len(ea), len(eb))):
        da = ev.to_dict(ea[index]) if index < len(ea) else None
        db = ev.to_dict(eb[index]) if index < len(eb) else None
        if da != db:
            first = index
            break
    return Comparison(outcome(a, ea), outcome(b, eb), first)
