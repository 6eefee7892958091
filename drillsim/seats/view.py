"""What a seat is shown: the exercise as its role knows it, by the engine's knowledge rule.

A role seat sees the figures its role knows (`engine.knowledge`: the truth at the enterprise, else the
newest report that reached the role), the injects sent to its role, the reports its bodies sent or
received, its bodies' reporting obligations and decisions, and what anyone in the room can see (the
response level, field command, working groups, warnings). Never the ground truth of another body, other
roles' injects, the MSEL's expectations, facilitators' notes or evaluators' observations.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from drillsim.engine import events as ev
from drillsim.engine.knowledge import knowledge
from drillsim.engine.state import ExerciseState
from drillsim.rules.plan_index import PlanIndex

FACILITATOR, EVALUATOR, ROOM = "facilitator", "evaluator", "room"
SPECIAL_SEATS = (FACILITATOR, EVALUATOR, ROOM)
"""Seats that play no scenario role."""

PUBLIC_EVENTS = (ev.ExerciseStarted, ev.ResponseActivated, ev.ResponseTerminated, ev.CommandEstablished,
                 ev.CommandHandedOver, ev.WorkingGroupActivated, ev.OfficialArrived, ev.WarningIssued,
                 ev.WarningLifted, ev.InformationReleased, ev.ExerciseEnded)
"""What everyone in the room sees happen (it is on the projector)."""
SCENE_EVENTS = (ev.AccidentOccurred, ev.FiguresChanged, ev.SituationFlagged, ev.RescuersThreatened,
                ev.RescuersSafe, ev.HazardContained)
"""What only those at the scene (rank 0, the enterprise) see as it happens."""


@dataclass(frozen=True)
class SeatOutcome:
    """What the host made of one of the seat's requests."""

    request: int
    outcome: str
    """accepted | rejected | refused | done"""
    detail: str


@dataclass(frozen=True)
class SeatView:
    """One seat's picture of the exercise at one moment (safe to hand to another thread)."""

    seat_role: str
    now: int
    state: ExerciseState
    """The state as the seat's role knows it (the full state only for the evaluator and the facilitator)."""
    events: list[Any]
    """The events the seat saw happen, in order."""
    outcomes: list[SeatOutcome] = field(default_factory=list)
    paused: bool = True
    speed: int = 1
    ended: bool = False
    revoked: bool = False
    presence: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Facilitator and evaluator only: seat role → (last request's outcome, its time)."""


def at_scene(index: PlanIndex, role: str) -> bool:
    return any(index.rank(body) == 0 for body in index.role_bodies.get(role, ()))


def role_state(state: ExerciseState, index: PlanIndex, role: str) -> ExerciseState:
    """The state as `role` knows it: its figures by the knowledge rule, its obligations and decisions, and the
    public picture; the ground truth, the grade and what the level should be are left out."""
    bodies = index.role_bodies.get(role, frozenset())
    seen = copy.copy(state)
    lead = min(sorted(bodies), key=index.rank) if bodies else None
    seen.figures = knowledge(state, index, lead) if lead is not None else {}
    seen.grade = None
    seen.justified_level = None
    seen.conditions_met = False
    seen.notes = []
    seen.obligations = {k: copy.copy(o) for k, o in state.obligations.items() if o.from_body in bodies}
    seen.latest_instance = {o.rule: k for k, o in seen.obligations.items()}
    seen.known = {b: dict(f) for b, f in state.known.items() if b in bodies}
    seen.known_t = {b: t for b, t in state.known_t.items() if b in bodies}
    seen.informed_t = {b: t for b, t in state.informed_t.items() if b in bodies}
    seen.accepted = [a for a in state.accepted if a[2] in bodies]
    seen.actions = [a for a in state.actions if a[2] in bodies]
    seen.injects = []
    if not at_scene(index, role):
        seen.cross_jurisdiction, seen.capacity_exceeded = [], []
        seen.rescuers_threatened = seen.contained = False
    return seen


def room_state(state: ExerciseState) -> ExerciseState:
    """What the projector shows: clock, level, command, groups, deadlines — no figures."""
    seen = copy.copy(state)
    seen.figures, seen.known, seen.known_t, seen.notes, seen.injects = {}, {}, {}, [], []
    seen.grade = seen.justified_level = None
    seen.cross_jurisdiction, seen.capacity_exceeded = [], []
    return seen


class EventFilter:
    """Decides, event by event, whether a seat sees it (it remembers which obligations are the role's)."""

    def __init__(self, index: PlanIndex, role: str) -> None:
        self.index = index
        self.role = role
        self.bodies = index.role_bodies.get(role, frozenset())
        self.scene = at_scene(index, role)
        self._own: set[str] = set()

    def sees(self, event: Any) -> bool:
        if self.role in (FACILITATOR, EVALUATOR):
            return True
        if isinstance(event, PUBLIC_EVENTS):
            return True
        if isinstance(event, ev.ObligationStarted):
            mine = event.from_body in self.bodies and self.role != ROOM
            if mine or self.role == ROOM:
                self._own.add(event.obligation)
            return mine or self.role == ROOM
        if isinstance(event, (ev.ObligationMet, ev.ObligationMissed)):
            return event.obligation in self._own
        if self.role == ROOM:
            return False
        if isinstance(event, ev.InjectDelivered):
            return event.to_role == self.role
        if isinstance(event, ev.ReportSubmitted):
            return event.by in self.bodies or bool(self.bodies.intersection(event.to))
        if isinstance(event, (ev.DecisionAccepted, ev.DecisionRejected)):
            return event.actor in self.bodies
        if isinstance(event, (ev.ActionTaken, ev.EvacuationOrdered, ev.CordonSet, ev.RescueSuspended,
                              ev.RescueResumed, ev.ResourceDispatched, ev.OfficialDispatched)):
            return getattr(event, "by", getattr(event, "body", None)) in self.bodies
        if isinstance(event, SCENE_EVENTS):
            return self.scene
        return False


def seat_state(state: ExerciseState, index: PlanIndex, role: str) -> ExerciseState:
    """The state a seat of `role` is shown."""
    if role in (FACILITATOR, EVALUATOR):
        return copy.deepcopy(state)
    if role == ROOM:
        return copy.deepcopy(room_state(state))
    return copy.deepcopy(role_state(state, index, role))
