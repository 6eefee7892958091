"""When reports fall due: the plan's reporting rules start their clocks on what happens (the accident, a grade,
a level, a report received, new casualty figures, the end of the response) and miss when the deadline passes."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from drillsim.engine import events as ev
from drillsim.engine.part import SimulationPart
from drillsim.decisions import obligation_instance
from drillsim.model.plan import GradeReached, LevelActivated, ReportReceived, SituationChanged
from drillsim.rules.obligations import applies_to

if TYPE_CHECKING:
    from drillsim.engine.simulation import Simulation



class ReportingClocks(SimulationPart):
    """The started reporting obligations of one exercise and the processes that watch their deadlines."""

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        index = self.index
        self.started_rules: set[str] = set()
        self.waiting_for_grade: set[str] = set()
        """Started grade-gated rules whose reporter does not yet know the accident reached their grade."""
        self.instances: dict[str, int] = {}
        self.reporters: set[str] = set()
        """Bodies that have submitted a report (their follow-ups can start)."""
        self.rules_by_start: dict[tuple, list[str]] = {}
        for rule_id, eo in index.obligations.items():
            start = eo.obligation.starts_on
            if not isinstance(start, SituationChanged) and index.role(eo.obligation.from_) is not None:
                self.rules_by_start.setdefault(start_key(start), []).append(rule_id)
        self.situation_rules = [rule_id for rule_id, eo in index.obligations.items()
                                if isinstance(eo.obligation.starts_on, SituationChanged)
                                and index.role(eo.obligation.from_) is not None]

    def start(self, key: tuple) -> None:
        """Start the rules whose clock starts on this occurrence (see `start_key`), in plan order."""
        for rule_id in self.rules_by_start.get(key, ()):
            if rule_id not in self.started_rules:
                self.started_rules.add(rule_id)
                if self._reporter_knows_grade(rule_id):
                    self._open(rule_id, rule_id)
                else:
                    self.waiting_for_grade.add(rule_id)

    def _open(self, instance: str, rule_id: str) -> None:
        eo = self.index.obligations[rule_id]
        ob = eo.obligation
        deadline = int(self.env.now) + eo.deadline_ms
        self.sim.emit(
            ev.ObligationStarted,
            obligation=instance,
            rule=rule_id,
            from_body=ob.from_,
            to=ob.to,
            channel=ob.channel,
            deadline_t=deadline,
            layer=eo.layer,
            optional=ob.modality == "may",
        )
        if ob.modality != "may":
            self.timers.after(deadline - int(self.env.now), self._deadline_passed, instance, deadline)

    def _deadline_passed(self, instance: str, deadline: int) -> None:
        status = self.state.obligations[instance]
        if status.status == "pending" and not self.state.ended:
            self.sim.emit(ev.ObligationMissed, obligation=instance, deadline_t=deadline)

    def situation_changed(self) -> None:
        """News after a report (see `World.follow_up`): open a follow-up instance of every situation_changed rule."""
        for rule_id in self.situation_rules:
            reporter = self.index.obligations[rule_id].obligation.from_
            has_reported = reporter in self.reporters or reporter == self.state.commander
            latest = obligation_instance(self.state, rule_id)
            if not has_reported or (latest and self.state.obligations[latest].status in ("pending", "missed")):
                continue
            n = self.instances.get(rule_id, 0)
            self.instances[rule_id] = n + 1
            self._open(rule_id if n == 0 else f"{rule_id}#{n}", rule_id)

    def _reporter_knows_grade(self, rule_id: str) -> bool:
        """Whether the reporter of a grade-gated rule knows the accident has reached the rule's grade (or, with
        min_level, that the facts justify that response level).

        The truth at the enterprise; elsewhere what the reporter's role was told — a body cannot owe a report
        on a 较大 accident it was told is 一般 (瞒报 upstream stops the upward reports too).
        """
        ob = self.index.obligations[rule_id].obligation
        if ob.min_grade is None:
            return True
        known = self.sim.classify(self.sim.knowledge(ob.from_))
        return applies_to(ob, known.grade.id, known.level.level if known.level else None)

    def _open_waiting_for_grade(self, told: Collection[str] | None = None) -> None:
        """Open the started grade-gated rules whose reporters now know the accident reached their grade
        (only those whose reporter's role is in `told`, when given: nobody else learned anything)."""
        for rule_id in sorted(self.waiting_for_grade):
            if told is not None and self.index.role(self.index.obligations[rule_id].obligation.from_) not in told:
                continue
            if self._reporter_knows_grade(rule_id):
                self.waiting_for_grade.discard(rule_id)
                self._open(rule_id, rule_id)

    # --- what starts a clock ----------------------------------------------------------------------------

    def on_accident(self, e: ev.AccidentOccurred) -> None:
        self.start(("accident_occurred",))

    def on_grade_changed(self, e: ev.GradeChanged) -> None:
        self.start(("grade_reached", e.grade))
        self._open_waiting_for_grade()

    def on_situation_flagged(self, e: ev.SituationFlagged) -> None:
        """Rules due from a response level (min_level) may apply now that a crossing or capacity is known."""
        if self.waiting_for_grade:
            self._open_waiting_for_grade()

    def on_informed(self, e: ev.ReportSubmitted) -> None:
        """The recipients' roles learn the grade too."""
        if self.waiting_for_grade:
            self._open_waiting_for_grade(told=tuple(self.index.role(b) for b in e.to))

    def on_report(self, rule_id: str) -> None:
        """A first report on a rule starts the rules that run from its receipt."""
        self.start(("report_received", rule_id))

    def on_response_activated(self, e: ev.ResponseActivated) -> None:
        self.start(("level_activated", e.level))

    def on_response_terminated(self, e: ev.ResponseTerminated) -> None:
        if self.state.level is None:  # the final report, once the last response has ended
            self.start(("response_terminated",))


def start_key(start: Any) -> tuple:
    """What starts a rule's clock, as a key: ('report_received', obligation), ('level_activated', 2), ..."""
    if isinstance(start, ReportReceived):
        return (start.kind, start.obligation)
    if isinstance(start, LevelActivated):
        return (start.kind, start.level)
    if isinstance(start, GradeReached):
        return (start.kind, start.grade)
    return (start.kind,)
