"""One pass over an exercise's events through the engine's own projection (ExerciseState), keeping what the
rules need: obligation instances with their reports, what each role knew, and the state at key moments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from drillsim.engine import events as ev
from drillsim.engine.knowledge import knowledge, situation
from drillsim.rules.plan_index import PlanIndex
from drillsim.engine.state import ExerciseState
from drillsim.rules.grading import IncidentFacts, classify


@dataclass(frozen=True)
class ReportCheck:
    """A submitted report and how its figures compare with what the reporter knew at that moment."""

    event: ev.ReportSubmitted
    known: dict[str, int]
    wrong: dict[str, tuple[int, int]]
    """figure → (reported, known) for the figures the report states that differ from what was known."""


@dataclass
class Instance:
    """One started obligation (a rule may start several: `id`, `id#1`, ...)."""

    started: ev.ObligationStarted
    reports: list[ReportCheck] = field(default_factory=list)
    met: ev.ObligationMet | None = None
    missed: ev.ObligationMissed | None = None


@dataclass(frozen=True)
class KnownLevel:
    """After a report reached a role: the response level that role's knowledge justifies."""

    t: int
    role: str
    level: int | None
    event: ev.ReportSubmitted


@dataclass
class Trace:
    """What the rules read. `state` is the final ExerciseState of the same fold the engine uses."""

    index: PlanIndex
    state: ExerciseState
    started: ev.ExerciseStarted
    end_t: int = 0
    ended: ev.ExerciseEnded | None = None
    by_kind: dict[str, list[ev.DomainEvent]] = field(default_factory=dict)
    instances: dict[str, Instance] = field(default_factory=dict)
    known_levels: list[KnownLevel] = field(default_factory=list)
    informed: dict[str, ev.DomainEvent] = field(default_factory=dict)
    """role key → the event by which it first learned of the accident."""
    commander_at: dict[int, str | None] = field(default_factory=dict)
    """seq of OfficialArrived → the field commander at that moment."""
    threatened_at: dict[int, bool] = field(default_factory=dict)
    """seq of RescueSuspended / RescueResumed → whether rescuers were threatened then."""
    termination_ctx: dict[int, tuple[str | None, ev.DomainEvent | None, int]] = field(default_factory=dict)
    """seq of ResponseTerminated → (activator of the level, conditions-met event, people at risk)."""
    level_at: dict[int, int | None] = field(default_factory=dict)
    """seq of InformationReleased → the response level then (who may release depends on it)."""

    def of(self, kind: type[ev.DomainEvent]) -> list:
        return self.by_kind.get(kind.kind, [])

    def role_key(self, body: str) -> str:
        role = self.index.role(body)
        return role if role is not None else f"body:{body}"

    def informed_event(self, body: str) -> ev.DomainEvent | None:
        """When the body's role first knew of the accident (enterprise bodies: at the accident)."""
        return self.informed.get(self.role_key(body))


class _Builder:
    """Folds the events once and fills a Trace."""

    def __init__(self, index: PlanIndex, checked: Sequence[str]) -> None:
        self.index = index
        self.checked = tuple(checked)
        self.state = ExerciseState()
        self.activator_roles = {index.role(lv.activated_by) for lv in index.levels.values()} - {None}
        self._levels: dict[IncidentFacts, int | None] = {}

    def build(self, events: Sequence[ev.DomainEvent]) -> Trace:
        if not events or not isinstance(events[0], ev.ExerciseStarted):
            raise ValueError("an exercise's events start with exercise_started")
        trace = Trace(self.index, self.state, events[0])
        for e in events:
            self._before(trace, e)
            self.state.apply(e)
            trace.by_kind.setdefault(e.kind, []).append(e)
            self._after(trace, e)
        trace.end_t = events[-1].t
        return trace

    def _before(self, trace: Trace, e: ev.DomainEvent) -> None:
        s = self.state
        if isinstance(e, ev.ReportSubmitted):
            known = knowledge(s, self.index, e.by)
            # Only the figures the report states: leaving one out is not 瞒报 (content completeness is judged
            # on its own); a stated figure below what the reporter knew is.
            wrong = {k: (e.figures[k], known.get(k, 0)) for k in self.checked
                     if k in e.figures and e.figures[k] != known.get(k, 0)}
            inst = trace.instances.get(e.obligation)
            if inst is not None:
                inst.reports.append(ReportCheck(e, known, wrong))
        elif isinstance(e, ev.OfficialArrived):
            trace.commander_at[e.seq] = s.commander
        elif isinstance(e, ev.InformationReleased):
            trace.level_at[e.seq] = s.level
        elif isinstance(e, (ev.RescueSuspended, ev.RescueResumed)):
            trace.threatened_at[e.seq] = s.rescuers_threatened
        elif isinstance(e, ev.ResponseTerminated):
            met = trace.by_kind.get(ev.TerminationConditionsMet.kind, [None])[0]
            trace.termination_ctx[e.seq] = (s.level_by, met if s.conditions_met else None, s.people_at_risk)

    def _after(self, trace: Trace, e: ev.DomainEvent) -> None:
        if isinstance(e, ev.AccidentOccurred):
            for role in self.index.roles.values():
                if any(self.index.rank(b) == 0 for b in role.bodies):
                    trace.informed.setdefault(role.id, e)
        elif isinstance(e, ev.ObligationStarted):
            trace.instances[e.obligation] = Instance(e)
        elif isinstance(e, ev.ObligationMet):
            trace.instances[e.obligation].met = e
        elif isinstance(e, ev.ObligationMissed):
            trace.instances[e.obligation].missed = e
        elif isinstance(e, ev.ReportSubmitted):
            self._received(trace, e)
        elif isinstance(e, ev.ExerciseEnded):
            trace.ended = e

    def _received(self, trace: Trace, e: ev.ReportSubmitted) -> None:
        roles: list[str] = []
        for body in e.to:
            key = trace.role_key(body)
            trace.informed.setdefault(key, e)
            if key in self.activator_roles and key not in roles:
                roles.append(key)
        for role in roles:
            bodies = self.index.roles[role].bodies
            body = next((b for b in bodies if self.index.rank(b) > 0), bodies[0])
            fig = situation(self.state, knowledge(self.state, self.index, body))
            if fig not in self._levels:
                result = classify(self.index.loaded.definition, fig)
                self._levels[fig] = result.level.level if result.level else None
            trace.known_levels.append(KnownLevel(e.t, role, self._levels[fig], e))


def build_trace(index: PlanIndex, events: Sequence[ev.DomainEvent], checked: Sequence[str]) -> Trace:
    """Fold the events once and collect what scoring needs."""
    return _Builder(index, checked).build(events)
