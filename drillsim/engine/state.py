"""The exercise state as a fold over domain events — the one projection that engine, replay and scoring share."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from drillsim.decisions import decision_target
from drillsim.engine import events as ev
from drillsim.model.figures import PEOPLE_AT_RISK


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
    """pending → met | missed → late (met after the deadline); 'optional' for a 'may' rule until met."""
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
    decided_by: list[str] = field(default_factory=list)
    """Bodies that judged a response necessary (认为需要)."""
    actions: list[tuple[int, str, str]] = field(default_factory=list)
    """Scenario actions taken, as (t, action, by)."""
    grade: str | None = None
    justified_level: int | None = None
    level: int | None = None
    level_by: str | None = None
    level_stack: list[tuple[int, str]] = field(default_factory=list)
    """Active responses, lowest tier first, as (level, activating body): 谁启动谁终止 pops them one by one."""
    level_history: list[tuple[int, int, str]] = field(default_factory=list)
    commander: str | None = None
    command_history: list[tuple[int, str]] = field(default_factory=list)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    groups_selected: list[str] | None = None
    """The working groups the command chose (None: it chose none; the levels' lists apply)."""
    guidance_teams: dict[str, str] = field(default_factory=dict)
    """Guidance team → the body that sent it."""
    support_requests: list[tuple[int, str, str]] = field(default_factory=list)
    """Support asked for, as (t, by, to)."""
    warnings: dict[str, str] = field(default_factory=dict)
    obligations: dict[str, ObligationStatus] = field(default_factory=dict)
    latest_instance: dict[str, str] = field(default_factory=dict)
    """Rule id → its newest started instance (the rule id itself, then `id#1`, `id#2`, ...)."""
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
    accepted_keys: dict[str, int] = field(default_factory=dict)
    """How many accepted decisions match 'type|actor|target', with '*' for any actor or target."""
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
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            handler(self, event)

    def _on_exercise_started(self, e: ev.ExerciseStarted) -> None:
        self.scenario, self.plan, self.seed, self.policy = e.scenario, e.plan, e.seed, e.policy
        self.roles = dict(e.roles)

    def _on_accident_occurred(self, e: ev.AccidentOccurred) -> None:
        self.figures = dict(e.figures)

    def _on_figures_changed(self, e: ev.FiguresChanged) -> None:
        self.figures.update(e.figures)

    def _on_situation_flagged(self, e: ev.SituationFlagged) -> None:
        self.cross_jurisdiction.extend(x for x in e.cross_jurisdiction if x not in self.cross_jurisdiction)
        self.capacity_exceeded.extend(x for x in e.capacity_exceeded if x not in self.capacity_exceeded)

    def _on_situation_cleared(self, e: ev.SituationCleared) -> None:
        self.cross_jurisdiction = [x for x in self.cross_jurisdiction if x not in e.cross_jurisdiction]
        self.capacity_exceeded = [x for x in self.capacity_exceeded if x not in e.capacity_exceeded]

    def _on_action_taken(self, e: ev.ActionTaken) -> None:
        self.actions.append((e.t, e.action, e.by))

    def _on_grade_changed(self, e: ev.GradeChanged) -> None:
        self.grade = e.grade

    def _on_level_justified(self, e: ev.LevelJustified) -> None:
        self.justified_level = e.level

    def _on_obligation_started(self, e: ev.ObligationStarted) -> None:
        self.obligations[e.obligation] = ObligationStatus(
            e.obligation, e.rule, e.from_body, e.to, e.channel, e.t, e.deadline_t, e.layer,
            status="optional" if e.optional else "pending",
        )
        self.latest_instance[e.rule] = e.obligation

    def _on_report_submitted(self, e: ev.ReportSubmitted) -> None:
        status = self.obligations.get(e.obligation)
        if status is not None:
            status.reported = dict(e.figures)
        for body in e.to:
            self.known[body] = dict(e.figures)
            self.known_t[body] = e.t
            self.informed_t.setdefault(body, e.t)

    def _on_obligation_met(self, e: ev.ObligationMet) -> None:
        status = self.obligations[e.obligation]
        status.status = "late" if e.late_by > 0 else "met"
        status.met_t, status.late_by = e.t, e.late_by

    def _on_obligation_missed(self, e: ev.ObligationMissed) -> None:
        self.obligations[e.obligation].status = "missed"

    def _on_response_activated(self, e: ev.ResponseActivated) -> None:
        if self.level_stack and self.level_stack[-1][1] == e.by:
            self.level_stack[-1] = (e.level, e.by)  # the same body adjusts its own response
        else:
            self.level_stack.append((e.level, e.by))
        self.level, self.level_by = e.level, e.by
        self.level_history.append((e.t, e.level, e.by))

    def _on_response_terminated(self, e: ev.ResponseTerminated) -> None:
        if self.level_stack:
            self.level_stack.pop()
        self.level, self.level_by = self.level_stack[-1] if self.level_stack else (None, None)
        self.terminated_by = e.by

    def _on_command_established(self, e: ev.CommandEstablished) -> None:
        self.commander = e.commander
        self.command_history.append((e.t, e.commander))

    def _on_command_handed_over(self, e: ev.CommandHandedOver) -> None:
        self.commander = e.to_body
        self.command_history.append((e.t, e.to_body))

    def _on_official_dispatched(self, e: ev.OfficialDispatched) -> None:
        self.officials[e.body] = "en_route"

    def _on_official_arrived(self, e: ev.OfficialArrived) -> None:
        self.officials[e.body] = "on_scene"

    def _on_working_group_activated(self, e: ev.WorkingGroupActivated) -> None:
        self.groups[e.group] = e.lead

    def _on_working_groups_selected(self, e: ev.WorkingGroupsSelected) -> None:
        self.groups_selected = list(e.groups)
        for group in e.stood_down:
            self.groups.pop(group, None)

    def _on_support_requested(self, e: ev.SupportRequested) -> None:
        self.support_requests.append((e.t, e.by, e.to))

    def _on_response_judged_necessary(self, e: ev.ResponseJudgedNecessary) -> None:
        if e.body not in self.decided_by:
            self.decided_by.append(e.body)

    def _on_guidance_team_sent(self, e: ev.GuidanceTeamSent) -> None:
        self.guidance_teams[e.team] = e.by

    def _on_resource_dispatched(self, e: ev.ResourceDispatched) -> None:
        self.resources[e.resource] = "en_route"

    def _on_resource_arrived(self, e: ev.ResourceArrived) -> None:
        self.resources[e.resource] = "on_scene"

    def _on_evacuation_ordered(self, e: ev.EvacuationOrdered) -> None:
        self.evacuated.append(e.area)

    def _on_cordon_set(self, e: ev.CordonSet) -> None:
        self.cordon_m = e.radius_m

    def _on_warning_issued(self, e: ev.WarningIssued) -> None:
        self.warnings[e.color] = e.by

    def _on_warning_lifted(self, e: ev.WarningLifted) -> None:
        self.warnings.pop(e.color, None)

    def _on_information_released(self, e: ev.InformationReleased) -> None:
        self.releases.append((e.t, e.by, e.authorised))

    def _on_rescuers_threatened(self, e: ev.RescuersThreatened) -> None:
        self.rescuers_threatened = True

    def _on_rescuers_safe(self, e: ev.RescuersSafe) -> None:
        self.rescuers_threatened = False

    def _on_rescue_suspended(self, e: ev.RescueSuspended) -> None:
        self.suspended = True

    def _on_rescue_resumed(self, e: ev.RescueResumed) -> None:
        self.suspended = False

    def _on_hazard_contained(self, e: ev.HazardContained) -> None:
        self.contained = True

    def _on_termination_conditions_met(self, e: ev.TerminationConditionsMet) -> None:
        self.conditions_met = True

    def _on_inject_delivered(self, e: ev.InjectDelivered) -> None:
        self.injects.append(e.inject)

    def _on_decision_accepted(self, e: ev.DecisionAccepted) -> None:
        self.decisions += 1
        self.decisions_by_type[e.decision] = self.decisions_by_type.get(e.decision, 0) + 1
        target = decision_target(e.decision, e.params)
        self.accepted.append((e.t, e.decision, e.actor, target))
        for key in (f"{e.decision}|{e.actor}|{target}", f"{e.decision}|{e.actor}|*", f"{e.decision}|*|{target}",
                    f"{e.decision}|*|*"):
            self.accepted_keys[key] = self.accepted_keys.get(key, 0) + 1

    def _on_decision_rejected(self, e: ev.DecisionRejected) -> None:
        self.decisions += 1

    def _on_note_recorded(self, e: ev.NoteRecorded) -> None:
        self.notes.append((e.t, e.by, e.text))

    def _on_exercise_ended(self, e: ev.ExerciseEnded) -> None:
        self.ended = e.reason


_HANDLERS: dict[type, Callable[[ExerciseState, Any], None]] = {
    ev.ExerciseStarted: ExerciseState._on_exercise_started,
    ev.AccidentOccurred: ExerciseState._on_accident_occurred,
    ev.FiguresChanged: ExerciseState._on_figures_changed,
    ev.SituationFlagged: ExerciseState._on_situation_flagged,
    ev.SituationCleared: ExerciseState._on_situation_cleared,
    ev.ActionTaken: ExerciseState._on_action_taken,
    ev.GradeChanged: ExerciseState._on_grade_changed,
    ev.LevelJustified: ExerciseState._on_level_justified,
    ev.ObligationStarted: ExerciseState._on_obligation_started,
    ev.ReportSubmitted: ExerciseState._on_report_submitted,
    ev.ObligationMet: ExerciseState._on_obligation_met,
    ev.ObligationMissed: ExerciseState._on_obligation_missed,
    ev.ResponseActivated: ExerciseState._on_response_activated,
    ev.ResponseTerminated: ExerciseState._on_response_terminated,
    ev.CommandEstablished: ExerciseState._on_command_established,
    ev.CommandHandedOver: ExerciseState._on_command_handed_over,
    ev.OfficialDispatched: ExerciseState._on_official_dispatched,
    ev.OfficialArrived: ExerciseState._on_official_arrived,
    ev.WorkingGroupActivated: ExerciseState._on_working_group_activated,
    ev.WorkingGroupsSelected: ExerciseState._on_working_groups_selected,
    ev.SupportRequested: ExerciseState._on_support_requested,
    ev.ResponseJudgedNecessary: ExerciseState._on_response_judged_necessary,
    ev.GuidanceTeamSent: ExerciseState._on_guidance_team_sent,
    ev.ResourceDispatched: ExerciseState._on_resource_dispatched,
    ev.ResourceArrived: ExerciseState._on_resource_arrived,
    ev.EvacuationOrdered: ExerciseState._on_evacuation_ordered,
    ev.CordonSet: ExerciseState._on_cordon_set,
    ev.WarningIssued: ExerciseState._on_warning_issued,
    ev.WarningLifted: ExerciseState._on_warning_lifted,
    ev.InformationReleased: ExerciseState._on_information_released,
    ev.RescuersThreatened: ExerciseState._on_rescuers_threatened,
    ev.RescuersSafe: ExerciseState._on_rescuers_safe,
    ev.RescueSuspended: ExerciseState._on_rescue_suspended,
    ev.RescueResumed: ExerciseState._on_rescue_resumed,
    ev.HazardContained: ExerciseState._on_hazard_contained,
    ev.TerminationConditionsMet: ExerciseState._on_termination_conditions_met,
    ev.InjectDelivered: ExerciseState._on_inject_delivered,
    ev.DecisionAccepted: ExerciseState._on_decision_accepted,
    ev.DecisionRejected: ExerciseState._on_decision_rejected,
    ev.NoteRecorded: ExerciseState._on_note_recorded,
    ev.ExerciseEnded: ExerciseState._on_exercise_ended,
}


def fold(events: Iterable[ev.DomainEvent], until_t: int | None = None) -> ExerciseState:
    """The state after the given events (only those at or before `until_t`, when given)."""
    state = ExerciseState()
    for event in events:
        if until_t is not None and event.t > until_t:
            break
        state.apply(event)
    return state


def state_to_dict(state: ExerciseState) -> dict:
    """The state as JSON-native data (for checkpoints): a deep copy with tuples as lists."""
    return json_native(state)


def json_native(value: Any) -> Any:
    """What json.loads(json.dumps(dataclasses.asdict(value))) gives, without the text round trip."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): json_native(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_native(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {f.name: json_native(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"{type(value).__name__} is not JSON-native")


def state_from_dict(data: dict) -> ExerciseState:
    """Rebuild a state from `state_to_dict` output (lists become tuples where the state holds tuples)."""
    values = dict(data)
    values["obligations"] = {
        key: ObligationStatus(**{**ob, "to": tuple(ob["to"])}) for key, ob in data["obligations"].items()
    }
    # derived from the obligations, so checkpoints written before the field existed restore it too
    values["latest_instance"] = {ob.rule: key for key, ob in values["obligations"].items()}
    values["groups"] = {key: tuple(lead) for key, lead in data["groups"].items()}
    for name in ("level_history", "level_stack", "command_history", "accepted", "releases", "notes", "actions",
                 "support_requests"):
        values[name] = [tuple(item) for item in data.get(name, [])]
    return ExerciseState(**values)
