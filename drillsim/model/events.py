"""Typed domain events: everything that happens in an exercise, with simulation time and sequence number.

Events are frozen dataclasses with JSON-native fields (str, int, bool, tuples of str, dicts of str → int).
Each class has a `kind` (its stable name in stored logs) and a `version` (bumped with an upcaster when its
fields change).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from dataclasses import dataclass, field
from typing import Any, ClassVar

EVENT_TYPES: dict[str, type[DomainEvent]] = {}


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainEvent:
    """Base of all events: simulation time in ms since the accident and position in the stream."""

    kind: ClassVar[str] = ""
    version: ClassVar[int] = 1
    t: int
    seq: int


def event(kind: str, version: int = 1):  # noqa: ANN201 - decorator
    """Class decorator: a frozen, slotted, keyword-only dataclass registered under `kind`."""

    def wrap(cls: type) -> type:
        cls.kind = kind
        cls.version = version
        made = dataclass(frozen=True, slots=True, kw_only=True)(cls)
        EVENT_TYPES[kind] = made
        return made

    return wrap


Figures = dict[str, int]


@event("exercise_started")
class ExerciseStarted(DomainEvent):
    scenario: str
    plan: str
    seed: int
    policy: str
    start_clock: str
    roles: dict[str, str] = field(default_factory=dict)
    """role id → 'human' or 'computer'."""


@event("accident_occurred")
class AccidentOccurred(DomainEvent):
    description_zh: str
    description_en: str
    figures: Figures


@event("figures_changed")
class FiguresChanged(DomainEvent):
    cause: str
    figures: Figures
    """The new values of the figures that changed."""
    note_zh: str = ""
    note_en: str = ""


@event("situation_flagged")
class SituationFlagged(DomainEvent):
    """Facts about the accident beyond the figures: it crosses jurisdictions, exceeds a tier's capacity."""

    cross_jurisdiction: tuple[str, ...] = ()
    capacity_exceeded: tuple[str, ...] = ()


@event("situation_cleared")
class SituationCleared(DomainEvent):
    """Situation flags that no longer hold: the accident no longer crosses these lines or exceeds these tiers'
    capacity (`cause`: the scenario change that ended them, or `termination_conditions_met`)."""

    cross_jurisdiction: tuple[str, ...] = ()
    capacity_exceeded: tuple[str, ...] = ()
    cause: str = ""


@event("action_taken")
class ActionTaken(DomainEvent):
    by: str
    action: str


@event("grade_changed")
class GradeChanged(DomainEvent):
    grade: str
    previous: str | None


@event("level_justified")
class LevelJustified(DomainEvent):
    """The true figures now justify this response level (scoring measures activation delay from here)."""

    level: int | None
    previous: int | None
    activated_by: str | None
    reasons: tuple[str, ...] = ()


@event("obligation_started")
class ObligationStarted(DomainEvent):
    obligation: str
    rule: str
    from_body: str
    to: tuple[str, ...]
    channel: str
    deadline_t: int
    layer: str | None = None
    optional: bool = False
    """A 'may' rule (e.g. reporting directly in an emergency): no deadline clock runs."""


@event("report_submitted")
class ReportSubmitted(DomainEvent):
    obligation: str
    by: str
    to: tuple[str, ...]
    channel: str
    figures: Figures
    content: tuple[str, ...]
    follow_up: bool = False


@event("obligation_met")
class ObligationMet(DomainEvent):
    obligation: str
    late_by: int
    """0 when in time; otherwise milliseconds past the deadline."""


@event("obligation_missed")
class ObligationMissed(DomainEvent):
    obligation: str
    deadline_t: int


@event("response_activated")
class ResponseActivated(DomainEvent):
    level: int
    by: str
    previous: int | None = None


@event("response_terminated")
class ResponseTerminated(DomainEvent):
    level: int
    by: str


@event("command_established")
class CommandEstablished(DomainEvent):
    commander: str


@event("command_handed_over")
class CommandHandedOver(DomainEvent):
    from_body: str
    to_body: str
    briefing: tuple[str, ...]
    missing_briefing: tuple[str, ...]
    lower_joins: bool


@event("official_dispatched")
class OfficialDispatched(DomainEvent):
    body: str
    eta: int


@event("official_arrived")
class OfficialArrived(DomainEvent):
    body: str


@event("working_group_activated")
class WorkingGroupActivated(DomainEvent):
    group: str
    by: str
    lead: tuple[str, ...]


@event("working_groups_selected")
class WorkingGroupsSelected(DomainEvent):
    """The command chose the working groups to set up (Ordos 选择设置, Xinjiang 可以调整); those it dropped stand down."""

    by: str
    groups: tuple[str, ...]
    stood_down: tuple[str, ...] = ()


@event("support_requested")
class SupportRequested(DomainEvent):
    by: str
    to: str
    rule: str
    """The plan's support_requests entry that allows it."""


@event("response_judged_necessary")
class ResponseJudgedNecessary(DomainEvent):
    """A body judges a response necessary (认为需要): the plan's decided_by triggers naming it now hold."""

    by: str
    body: str
    """The body the plan's trigger names (`by` acts for it)."""
    level: int


@event("guidance_team_sent")
class GuidanceTeamSent(DomainEvent):
    """A team sent to guide the local command, which keeps command (现场工作指导组)."""

    team: str
    by: str
    guides: str | None
    """The body holding field command when it was sent."""


@event("resource_dispatched")
class ResourceDispatched(DomainEvent):
    resource: str
    by: str
    eta: int


@event("resource_arrived")
class ResourceArrived(DomainEvent):
    resource: str


@event("evacuation_ordered")
class EvacuationOrdered(DomainEvent):
    by: str
    area: str


@event("cordon_set")
class CordonSet(DomainEvent):
    by: str
    radius_m: int


@event("warning_issued")
class WarningIssued(DomainEvent):
    by: str
    color: str


@event("warning_lifted")
class WarningLifted(DomainEvent):
    by: str
    color: str


@event("information_released")
class InformationReleased(DomainEvent):
    by: str
    text: str
    authorised: bool


@event("rescuers_threatened")
class RescuersThreatened(DomainEvent):
    cause: str
    until_t: int


@event("rescuers_safe")
class RescuersSafe(DomainEvent):
    cause: str


@event("rescue_suspended")
class RescueSuspended(DomainEvent):
    by: str
    reason: str


@event("rescue_resumed")
class RescueResumed(DomainEvent):
    by: str


@event("hazard_contained")
class HazardContained(DomainEvent):
    pass


@event("termination_conditions_met")
class TerminationConditionsMet(DomainEvent):
    conditions: tuple[str, ...]


@event("inject_delivered")
class InjectDelivered(DomainEvent):
    inject: str
    to_role: str
    text_zh: str
    text_en: str


@event("inject_held")
class InjectHeld(DomainEvent):
    """The facilitator holds an MSEL inject: it is not delivered, even when due, until released."""

    inject: str


@event("inject_released")
class InjectReleased(DomainEvent):
    """A held inject is released: delivered now if it fell due while held, else when it falls due."""

    inject: str


@event("inject_advanced")
class InjectAdvanced(DomainEvent):
    """The facilitator fires an MSEL inject now, before it falls due (its delivery follows)."""

    inject: str


@event("inject_edited")
class InjectEdited(DomainEvent):
    """The facilitator rewrites an MSEL inject that has not been delivered yet; it is delivered with this text."""

    inject: str
    text_zh: str
    text_en: str


@event("decision_accepted")
class DecisionAccepted(DomainEvent):
    number: int
    actor: str
    decision: str
    params: dict[str, Any]
    source: str
    """'human' or 'computer'."""
    rationale: str = ""


@event("decision_rejected", version=2)
class DecisionRejected(DomainEvent):
    number: int
    actor: str
    decision: str
    params: dict[str, Any]
    source: str
    reason: str
    """Why, in English (v1 logs have only this)."""
    reason_zh: str
    """Why, in Chinese ("" in events upcast from v1)."""
    code: str
    """The stable rejection code (see `drillsim.decisions.REJECTION_CODES`; "" when upcast from v1)."""


@event("note_recorded")
class NoteRecorded(DomainEvent):
    by: str
    text: str


@event("exercise_ended")
class ExerciseEnded(DomainEvent):
    reason: str
    """'terminated', 'time_limit' or 'facilitator' (the facilitator ended it; the log keeps why)."""


_LAYOUT: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple], tuple[str, ...]]] = {}


def _layout(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple], tuple[str, ...]]:
    """Field names, a getter of all their values at once, and the fields that hold tuples."""
    fields = dataclasses.fields(cls)
    names = tuple(f.name for f in fields)
    tuples = tuple(f.name for f in fields if str(f.type).startswith("tuple"))
    getter = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))
    _LAYOUT[cls] = (names, getter, tuples)
    return _LAYOUT[cls]


def to_dict(ev: DomainEvent) -> dict[str, Any]:
    """A JSON-native dict: {"type", "v", "t", "seq", ...fields}."""
    cls = type(ev)
    names, getter, tuples = _LAYOUT.get(cls) or _layout(cls)
    data: dict[str, Any] = {"type": cls.kind, "v": cls.version}
    data.update(zip(names, getter(ev)))
    for name in tuples:
        data[name] = list(data[name])
    return data


Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
UPCASTERS: dict[tuple[str, int], Upcaster] = {}
"""(kind, stored version) → function turning that version's dict into the next version's."""


def upcaster(kind: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register a function that lifts a stored event dict of `kind` from `from_version` to the next version."""

    def register(func: Upcaster) -> Upcaster:
        UPCASTERS[(kind, from_version)] = func
        return func

    return register


@upcaster("decision_rejected", 1)
def _rejection_reasons(data: dict[str, Any]) -> dict[str, Any]:
    """v1 → v2: the reason gained a Chinese text and a code; old logs have neither."""
    return {**data, "reason_zh": "", "code": ""}


def upcast(data: dict[str, Any]) -> dict[str, Any]:
    """Lift an event dict written by an older drillsim to the current version of its class."""
    data = dict(data)
    cls = EVENT_TYPES[data["type"]]
    version = int(data.get("v", 1))
    while version < cls.version:
        step = UPCASTERS.get((data["type"], version))
        if step is None:
            raise ValueError(f"no upcaster for {data['type']} v{version} → v{version + 1}")
        data = {**step(dict(data)), "type": data["type"], "v": version + 1}
        version += 1
    return data


def from_dict(data: dict[str, Any]) -> DomainEvent:
    """Rebuild an event from `to_dict` output (older versions upcast; lists become tuples again)."""
    values = upcast(data)
    cls = EVENT_TYPES[values.pop("type")]
    values.pop("v", None)
    for name, value in values.items():  # a key that is not a field fails in cls(**values) below either way
        if isinstance(value, list):
            values[name] = tuple(value)
    return cls(**values)
