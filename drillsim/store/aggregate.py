"""The exercise log: one event-sourced aggregate per exercise.

Its first event records provenance; then every simulation step's domain events, every input from people
(decisions, manual injects), facilitator actions, checkpoints of the projection, evaluator observations and
overrides. Timestamps are derived from simulation time so that reruns store the same log.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from drillsim.store.chain import GENESIS, content_digest, record_digest

NAMESPACE = UUID("6f1d3c1e-2b0e-5a43-9a57-6b7c1b6c9d10")


def exercise_id(provenance_key: str, ordinal: int) -> UUID:
    """A deterministic id: the same provenance and ordinal give the same id."""
    return uuid5(NAMESPACE, f"{provenance_key}#{ordinal}")


def sim_timestamp(start_clock: str, t_ms: int) -> datetime:
    """The wall-clock moment in the scenario that simulation time `t_ms` stands for."""
    return datetime.fromisoformat(start_clock) + timedelta(milliseconds=t_ms)


class ExerciseLog(Aggregate):
    """An exercise as stored: provenance plus a compact summary of how far it has got."""

    chain_head = GENESIS
    """Digest of the newest record (see store/chain.py); a class default for snapshots older than the chain."""

    class Event(Aggregate.Event):
        """Every record is chained: `prev` is the digest of the record before, `digest` that of this one."""

        prev: str
        digest: str

        def mutate(self, aggregate: Any) -> Any:
            aggregate = super().mutate(aggregate)
            aggregate.chain_head = vars(self).get("digest") or record_digest(self)  # older records: no digest
            return aggregate

    def trigger_event(self, event_class: type[Any], **kwargs: Any) -> None:
        kwargs["prev"] = self.chain_head
        kwargs["digest"] = content_digest(get_topic(event_class), {**kwargs, "originator_id": self.id})
        super().trigger_event(event_class, **kwargs)

    class Created(Event, Aggregate.Created):
        scenario_id: str
        plan_id: str
        scenario_sha256: str
        plan_sha256: str
        layers_sha256: dict[str, str]
        engine_version: str
        seed: int
        policy: str
        human_roles: list[str]
        participants: list[dict[str, str]]
        start_clock: str
        parent_id: str | None
        fork: dict[str, Any] | None
        scenario_path: str
        label: str
        created_at: str

    def __init__(
        self,
        scenario_id: str,
        plan_id: str,
        scenario_sha256: str,
        plan_sha256: str,
        layers_sha256: dict[str, str],
        engine_version: str,
        seed: int,
        policy: str,
        human_roles: list[str],
        participants: list[dict[str, str]],
        start_clock: str,
        parent_id: str | None,
        fork: dict[str, Any] | None,
        scenario_path: str,
        label: str,
        created_at: str,
    ) -> None:
        self.scenario_id = scenario_id
        self.plan_id = plan_id
        self.scenario_sha256 = scenario_sha256
        self.plan_sha256 = plan_sha256
        self.layers_sha256 = layers_sha256
        self.engine_version = engine_version
        self.seed = seed
        self.policy = policy
        self.human_roles = human_roles
        self.participants = participants
        self.start_clock = start_clock
        self.parent_id = parent_id
        self.fork = fork
        self.scenario_path = scenario_path
        self.label = label
        self.created_at = created_at
        """Wall-clock time the exercise was created (information only; never part of a replay)."""
        self.status = "running"
        self.ended_reason: str | None = None
        self.last_t = 0
        self.last_seq = -1
        self.inputs = 0
        self.speed = 1
        self.checkpoints: list[list[int]] = []
        """[version, seq, t] of every checkpoint, oldest first."""

    @classmethod
    def create(cls, ident: UUID, **provenance: Any) -> ExerciseLog:
        fields = {**provenance, "timestamp": sim_timestamp(provenance["start_clock"], 0), "prev": GENESIS}
        digest = content_digest(get_topic(cls.Created), {**fields, "originator_id": ident,
                                                         "originator_topic": get_topic(cls)})
        return cls._create(cls.Created, id=ident, digest=digest, **fields)

    def _at(self, t: int) -> datetime:
        return sim_timestamp(self.start_clock, t)

    class StepRecorded(Event):
        """The domain events of one simulation step (or of one decision), in order."""

        t: int
        events: list[dict[str, Any]]

        def apply(self, log: ExerciseLog) -> None:
            if self.events:
                log.last_seq = self.events[-1]["seq"]
            # The first step sets the clock: it may start before the accident (a warning phase, t < 0).
            first = bool(self.events) and self.events[0]["seq"] == 0
            log.last_t = self.t if first else max(log.last_t, self.t)

    def record_step(self, t: int, events: list[dict[str, Any]]) -> None:
        self.trigger_event(self.StepRecorded, timestamp=self._at(t), t=t, events=events)

    class InputRecorded(Event):
        """Something people put into the simulation: a decision or a manual inject."""

        t: int
        kind: str
        payload: dict[str, Any]

        def apply(self, log: ExerciseLog) -> None:
            log.inputs += 1

    def record_input(self, t: int, kind: str, payload: dict[str, Any]) -> None:
        self.trigger_event(self.InputRecorded, timestamp=self._at(t), t=t, kind=kind, payload=payload)

    class Checkpointed(Event):
        """The whole projection after event `seq` (written until engine 4; still read, no longer written).

        It held every note and decision so far, so its size grew with the exercise.
        """

        seq: int
        t: int
        state: dict[str, Any]

        def apply(self, log: ExerciseLog) -> None:
            log.checkpoints.append([self.originator_version, self.seq, self.t])

    class CheckpointRecorded(Event):
        """The projection after event `seq` as a delta against the previous checkpoint (store/checkpoints.py),
        so that `show --at` need not fold from the start and no checkpoint grows with the exercise."""

        seq: int
        t: int
        delta: dict[str, Any]

        def apply(self, log: ExerciseLog) -> None:
            log.checkpoints.append([self.originator_version, self.seq, self.t])

    def checkpoint(self, seq: int, t: int, delta: dict[str, Any]) -> None:
        self.trigger_event(self.CheckpointRecorded, timestamp=self._at(t), seq=seq, t=t, delta=delta)

    class FacilitatorActed(Event):
        """Pause, discussion pause (value: why), resume, speed change, a facilitator's note, or a participant
        named for a role (value: `role=name`)."""

        t: int
        action: str
        value: str

        def apply(self, log: ExerciseLog) -> None:
            if self.action in ("pause", "discussion"):
                log.status = "paused"
            elif self.action == "participant":
                role, _, name = self.value.partition("=")
                log.participants = [p for p in log.participants if p.get("role") != role] + (
                    [{"role": role, "name": name}] if name else [])
            elif self.action == "resume":
                log.status = "running"
            elif self.action == "speed":
                log.speed = int(self.value)
            log.last_t = max(log.last_t, self.t)

    def facilitate(self, t: int, action: str, value: str = "") -> None:
        self.trigger_event(self.FacilitatorActed, timestamp=self._at(t), t=t, action=action, value=value)

    class ObservationRecorded(Event):
        author: str
        text: str
        t: int
        area: str | None
        recorded_at: str

        def apply(self, log: ExerciseLog) -> None:
            pass

    def observe(self, author: str, text: str, t: int, area: str | None, recorded_at: str) -> None:
        self.trigger_event(self.ObservationRecorded, timestamp=self._at(self.last_t), author=author, text=text, t=t,
                           area=area, recorded_at=recorded_at)

    class OverrideRecorded(Event):
        finding_id: str
        author: str
        reason: str
        changes: dict[str, str | None]
        recorded_at: str

        def apply(self, log: ExerciseLog) -> None:
            pass

    def override(self, finding_id: str, author: str, reason: str, changes: dict[str, str | None],
                 recorded_at: str) -> None:
        self.trigger_event(self.OverrideRecorded, timestamp=self._at(self.last_t), finding_id=finding_id,
                           author=author, reason=reason, changes=changes, recorded_at=recorded_at)

    class SeatIssued(Event):
        """A join code was issued for a seat: the seat's id, the role it plays and the SHA-256 of its code."""

        seat: str
        role: str
        code_sha256: str
        issued_at: str

        def apply(self, log: ExerciseLog) -> None:
            pass

    def issue_seat(self, seat: str, role: str, code_sha256: str, issued_at: str) -> None:
        self.trigger_event(self.SeatIssued, timestamp=self._at(self.last_t), seat=seat, role=role,
                           code_sha256=code_sha256, issued_at=issued_at)

    class SeatRevoked(Event):
        """A seat's join code no longer works."""

        seat: str
        reason: str

        def apply(self, log: ExerciseLog) -> None:
            pass

    def revoke_seat(self, seat: str, reason: str) -> None:
        self.trigger_event(self.SeatRevoked, timestamp=self._at(self.last_t), seat=seat, reason=reason)

    class SeatRequestHandled(Event):
        """The host handled a seat's request (stored with the request's effects, so it is applied once)."""

        t: int
        seat: str
        request: int
        """The request's version in the seat's inbox."""
        outcome: str
        """accepted | rejected (by the engine) | refused (by the host: code, revocation, authority) | done."""
        detail: str

        def apply(self, log: ExerciseLog) -> None:
            pass

    def seat_request_handled(self, t: int, seat: str, request: int, outcome: str, detail: str = "") -> None:
        self.trigger_event(self.SeatRequestHandled, timestamp=self._at(max(t, self.last_t)), t=t, seat=seat,
                           request=request, outcome=outcome, detail=detail)

    class Ended(Event):
        t: int
        reason: str

        def apply(self, log: ExerciseLog) -> None:
            log.status = "ended"
            log.ended_reason = self.reason
            log.last_t = max(log.last_t, self.t)

    def end(self, t: int, reason: str) -> None:
        self.trigger_event(self.Ended, timestamp=self._at(t), t=t, reason=reason)
