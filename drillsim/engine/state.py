"""The exercise state as a fold over domain events — the one projection that engine, replay and scoring share."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import singledispatchmethod

from drillsim.engine import events as ev

PEOPLE_AT_RISK = ("trapped", "missing", "endangered")


@dataclass
class ObligationStatus:
    """One started reporting obligation and how it stands."""

    id: str
    rule: str
    from_body: str
    to: tuple[str, ...]
    channel: str
    started_t: int
    deadline_t: int
    layer: str | None
    status: str = "pending"
    """pending → met | missed → late (met after the deadline)."""
    met_t: int | None = None
    late_by: int = 0
    reported: dict[str, int] = field(default_factory=dict)


@dataclass
class ExerciseState:
    """Everything a facilitator, evaluator or computer role may look at, at one moment."""

    t: int = 0
    seq: int = -1
    scenario: str = ""
    plan: str = ""
    seed: int = 0
    policy: str = ""
    roles: dict[str, str] = field(default_factory=dict)
    figures: dict[str, int] = field(default_factory=dict)
    cross_jurisdiction: list[str] = field(default_factory=list)
    capacity_exceeded: list[str] = field(default_factory=list)
    actions: list[tuple[int, str, str]] = field(default_factory=list)
    """Scenario actions taken, as (t, action, by)."""
    grade: str | None = None
    justified_level: int | None = None
    level: int | None = None
    level_by: str | None = None
    level_history: list[tuple[int, int, str]] = field(default_factory=list)
    commander: str | None = None
    command_history: list[tuple[int, str]] = field(default_factory=list)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    obligations: dict[str, ObligationStatus] = field(default_factory=dict)
    known: dict[str, dict[str, int]] = field(default_factory=dict)
    """What each body has been told: the figures of the last report it received."""
    known_t: dict[str, int] = field(default_factory=dict)
    """When each body last received a report."""
    informed_t: dict[str, int] = field(default_factory=dict)
    officials: dict[str, str] = field(default_factory=dict)
    resources: dict[str, str] = field(default_factory=dict)
    injects: list[str] = field(default_factory=list)
    decisions: int = 0
    decisions_by_type: dict[str, int] = field(default_factory=dict)
    accepted: list[tuple[int, str, str, str]] = field(default_factory=list)
    """Accepted decisions as (t, type, actor, target)."""
    evacuated: list[str] = field(default_factory=list)
    cordon_m: int | None = None
    releases: list[tuple[int, str, bool]] = field(default_factory=list)
    rescuers_threatened: bool = False
    suspended: bool = False
    contained: bool = False
    conditions_met: bool = False
    terminated_by: str | None = None
    ended: str | None = None
    notes: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def people_at_risk(self) -> int:
        return sum(self.figures.get(k, 0) for k in PEOPLE_AT_RISK)

    def apply(self, event: ev.DomainEvent) -> None:
        """Fold one event into the state."""
        self.t = event.t
        self.seq = event.seq
        self._apply(event)

    @singledispatchmethod
    def _apply(self, event: ev.DomainEvent) -> None:
        """Events that change nothing in this projection."""

    @_apply.register
    def _(self, e: ev.ExerciseStarted) -> None:
        self.scenario, self.plan, self.seed, self.policy = e.scenario, e.plan, e.seed, e.policy
        self.roles = dict(e.roles)

    @_apply.register
    def _(self, e: ev.AccidentOccurred) -> None:
        self.figures = dict(e.figures)

    @_apply.register
    def _(self, e: ev.FiguresChanged) -> None:
        self.figures.update(e.figures)

    @_apply.register
    def _(self, e: ev.SituationFlagged) -> None:
        self.cross_jurisdiction.extend(x for x in e.cross_jurisdiction if x not in self.cross_jurisdiction)
        self.capacity_exceeded.extend(x for x in e.capacity_exceeded if x not in self.capacity_exceeded)

    @_apply.register
    def _(self, e: ev.ActionTaken) -> None:
        self.actions.append((e.t, e.action, e.by))

    @_apply.register
    def _(self, e: ev.GradeChanged) -> None:
        self.grade = e.grade

    @_apply.register
    def _(self, e: ev.LevelJustified) -> None:
        self.justified_level = e.level

    @_apply.register
    def _(self, e: ev.ObligationStarted) -> None:
        self.obligations[e.obligation] = ObligationStatus(
            e.obligation, e.rule, e.from_body, e.to, e.channel, e.t, e.deadline_t, e.layer
        )

    @_apply.register
    def _(self, e: ev.ReportSubmitted) -> None:
        status = self.obligations.get(e.obligation)
        if status is not None:
            status.reported = dict(e.figures)
        for body in e.to:
            self.known[body] = dict(e.figures)
            self.known_t[body] = e.t
            self.informed_t.setdefault(body, e.t)

    @_apply.register
    def _(self, e: ev.ObligationMet) -> None:
        status = self.obligations[e.obligation]
        status.status = "late" if e.late_by > 0 else "met"
        status.met_t, status.late_by = e.t, e.late_by

    @_apply.register
    def _(self, e: ev.ObligationMissed) -> None:
        self.obligations[e.obligation].status = "missed"

    @_apply.register
    def _(self, e: ev.ResponseActivated) -> None:
        self.level, self.level_by = e.level, e.by
        self.level_history.append((e.t, e.level, e.by))

    @_apply.register
    def _(self, e: ev.ResponseTerminated) -> None:
        self.level = None
        self.terminated_by = e.by

    @_apply.register
    def _(self, e: ev.CommandEstablished) -> None:
        self.commander = e.commander
        self.command_history.append((e.t, e.commander))

    @_apply.register
    def _(self, e: ev.CommandHandedOver) -> None:
        self.commander = e.to_body
        self.command_history.append((e.t, e.to_body))

    @_apply.register
    def _(self, e: ev.OfficialDispatched) -> None:
        self.officials[e.body] = "en_route"

    @_apply.register
    def _(self, e: ev.OfficialArrived) -> None:
        self.officials[e.body] = "on_scene"

    @_apply.register
    def _(self, e: ev.WorkingGroupActivated) -> None:
        self.groups[e.group] = e.lead

    @_apply.register
    def _(self, e: ev.ResourceDispatched) -> None:
        self.resources[e.resource] = "en_route"

    @_apply.register
    def _(self, e: ev.ResourceArrived) -> None:
        self.resources[e.resource] = "on_scene"

    @_apply.register
    def _(self, e: ev.EvacuationOrdered) -> None:
        self.evacuated.append(e.area)

    @_apply.register
    def _(self, e: ev.CordonSet) -> None:
        self.cordon_m = e.radius_m

    @_apply.register
    def _(self, e: ev.WarningIssued) -> None:
        self.warnings[e.color] = e.by

    @_apply.register
    def _(self, e: ev.WarningLifted) -> None:
        self.warnings.pop(e.color, None)

    @_apply.register
    def _(self, e: ev.InformationReleased) -> None:
        self.releases.append((e.t, e.by, e.authorised))

    @_apply.register
    def _(self, e: ev.RescuersThreatened) -> None:
        self.rescuers_threatened = True

    @_apply.register
    def _(self, e: ev.RescuersSafe) -> None:
        self.rescuers_threatened = False

    @_apply.register
    def _(self, e: ev.RescueSuspended) -> None:
        self.suspended = True

    @_apply.register
    def _(self, e: ev.RescueResumed) -> None:
        self.suspended = False

    @_apply.register
    def _(self, e: ev.HazardContained) -> None:
        self.contained = True

    @_apply.register
    def _(self, e: ev.TerminationConditionsMet) -> None:
        self.conditions_met = True

    @_apply.register
    def _(self, e: ev.InjectDelivered) -> None:
        self.injects.append(e.inject)

    @_apply.register
    def _(self, e: ev.DecisionAccepted) -> None:
        self.decisions += 1
        self.decisions_by_type[e.decision] = self.decisions_by_type.get(e.decision, 0) + 1
        self.accepted.append((e.t, e.decision, e.actor, decision_target(e.params)))

    @_apply.register
    def _(self, e: ev.DecisionRejected) -> None:
        self.decisions += 1

    @_apply.register
    def _(self, e: ev.NoteRecorded) -> None:
        self.notes.append((e.t, e.by, e.text))

    @_apply.register
    def _(self, e: ev.ExerciseEnded) -> None:
        self.ended = e.reason


_TARGET_KEYS = ("obligation", "action", "level", "to", "group", "resource", "color", "area")


def decision_target(params: dict) -> str:
    """The object of a decision (obligation, level, receiving body, group, ...) as a string, or ''."""
    for key in _TARGET_KEYS:
        if key in params:
            return str(params[key])
    return ""


def fold(events: Iterable[ev.DomainEvent], until_t: int | None = None) -> ExerciseState:
    """The state after the given events (only those at or before `until_t`, when given)."""
    state = ExerciseState()
    for event in events:
        if until_t is not None and event.t > until_t:
            break
        state.apply(event)
    return state


def state_to_dict(state: ExerciseState) -> dict:
    """The state as JSON-native data (for checkpoints)."""
    data = dataclasses.asdict(state)
    return json.loads(json.dumps(data))


def state_from_dict(data: dict) -> ExerciseState:
    """Rebuild a state from `state_to_dict` output (lists become tuples where the state holds tuples)."""
    values = dict(data)
    values["obligations"] = {
        key: ObligationStatus(**{**ob, "to": tuple(ob["to"])}) for key, ob in data["obligations"].items()
    }
    values["groups"] = {key: tuple(lead) for key, lead in data["groups"].items()}
    for name in ("level_history", "command_history", "accepted", "releases", "notes", "actions"):
        values[name] = [tuple(item) for item in data[name]]
    return ExerciseState(**values)
