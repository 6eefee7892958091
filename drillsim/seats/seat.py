"""A seat of a multi-seat drill: join with a code, follow the exercise, see what the role knows, send requests.

The seat reads the exercise log as the host writes it (store order), folds the engine's state and shows
only its projection for the seat's role (`seats.view`). What it asks for goes into its inbox, signed with
its code; the host's verdict comes back as a `SeatRequestHandled` record.
"""

from __future__ import annotations

import threading
import time
from typing import Any
from uuid import UUID

from drillsim.decisions import Decision, decision_dict
from drillsim.engine import events as ev
from drillsim.engine.state import ExerciseState
from drillsim.loading.scenarios import LoadedScenario
from drillsim.rules.plan_index import PlanIndex
from drillsim.seats.codes import CodeError, code_sha256, normalise, request_mac
from drillsim.seats.view import EVALUATOR, FACILITATOR, ROOM, EventFilter, SeatOutcome, SeatView, seat_state
from drillsim.session.live import CLOCK_RESOLUTION, scenario_for
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore
from drillsim.store.follow import StoreFollower

FOLLOWED = (ExerciseLog.StepRecorded, ExerciseLog.FacilitatorActed, ExerciseLog.SeatRevoked,
            ExerciseLog.SeatRequestHandled, ExerciseLog.SeatIssued, ExerciseLog.Ended)


class SeatClient:
    """One joined seat. Thread-safe: a UI may refresh on one thread and send requests from another."""

    def __init__(self, store: ExerciseStore, code: str) -> None:
        self.store = store
        self._code = normalise(code)
        issued = store.seats(code_sha256(self._code))
        if not issued:
            raise CodeError("unknown join code: check it with the facilitator", "unknown")
        record = issued[-1]
        self.exercise: UUID = record.originator_id
        self.seat: str = record.seat
        self.role: str = record.role
        self._lock = threading.RLock()
        position = store.last_notification()  # before the read: what follows it is read by the follower
        contents = store.read(self.exercise)
        self._version = contents.log.version
        self.loaded: LoadedScenario = scenario_for(contents.log)
        self.index = PlanIndex.build(self.loaded.plan, self.loaded.scenario)
        self.human_roles: list[str] = list(contents.log.human_roles)
        self._filter = EventFilter(self.index, self.role)
        self._state = ExerciseState()
        self._seen: list[Any] = []
        self._outcomes: list[SeatOutcome] = []
        self._presence: dict[str, tuple[str, int]] = {}
        self._roles_of: dict[str, str] = {}
        self._revoked = False
        self._paused = contents.log.status != "running"
        self._speed = contents.log.speed
        self._ended = contents.log.status == "ended"
        self._clock_at = (0, time.monotonic())
        """(simulation time, wall time when it was read): the shown clock runs on from there while running."""
        for event in contents.events:
            self._take_event(event)
        for stored in contents.records:
            self._take_record(stored)
        if self._revoked:
            raise CodeError("this join code was revoked; ask the facilitator for a new one", "revoked")
        self._follower = StoreFollower(store, FOLLOWED, position)
        self.send("hello", {})

    # --- following the log ----------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Read what the host stored since the last refresh; True when something new arrived."""
        with self._lock:
            news = False
            for _position, stored in self._follower.read():
                if stored.originator_id != self.exercise or stored.originator_version <= self._version:
                    continue
                self._version = stored.originator_version
                news = True
                if isinstance(stored, ExerciseLog.StepRecorded):
                    for data in stored.events:
                        self._take_event(ev.from_dict(data))
                    self._clock_at = (max(self._state.t, stored.t), time.monotonic())
                else:
                    self._take_record(stored)
            return news

    def wait(self, timeout: float) -> bool:
        """Block until the store may hold news (or `timeout` seconds pass)."""
        return self._follower.wait(timeout)

    def _take_event(self, event: ev.DomainEvent) -> None:
        self._state.apply(event)
        if self._filter.sees(event):
            self._seen.append(event)
        if isinstance(event, ev.ExerciseEnded):
            self._ended = True

    def _take_record(self, stored: Any) -> None:
        if isinstance(stored, ExerciseLog.SeatIssued):
            self._roles_of[stored.seat] = stored.role
        elif isinstance(stored, ExerciseLog.SeatRevoked) and stored.seat == self.seat:
            self._revoked = True
        elif isinstance(stored, ExerciseLog.SeatRequestHandled):
            if stored.seat == self.seat:
                self._outcomes.append(SeatOutcome(stored.request, stored.outcome, stored.detail))
            role = self._roles_of.get(stored.seat)
            if role is not None:
                self._presence[role] = (stored.outcome if stored.outcome != "done" else stored.detail, stored.t)
        elif isinstance(stored, ExerciseLog.FacilitatorActed):
            if stored.action in ("pause", "resume"):
                self._paused = stored.action == "pause"
            elif stored.action == "speed":
                self._speed = int(stored.value)
            self._clock_at = (max(self._clock_at[0], stored.t), time.monotonic())
        elif isinstance(stored, ExerciseLog.Ended):
            self._ended = True

    # --- what the seat shows --------------------------------------------------------------------------

    def view(self) -> SeatView:
        """The seat's picture now (a copy: later refreshes do not change it)."""
        with self._lock:
            known_t, read_at = self._clock_at
            now = max(known_t, self._state.t)
            if not self._paused and not self._ended:  # the host commits the clock every simulated minute
                now += min(CLOCK_RESOLUTION, int((time.monotonic() - read_at) * 1000 * self._speed))
            sees_all = self.role in (FACILITATOR, EVALUATOR)
            return SeatView(self.role, now, seat_state(self._state, self.index, self.role), list(self._seen),
                            list(self._outcomes), self._paused, self._speed, self._ended, self._revoked,
                            dict(self._presence) if sees_all else {})

    # --- requests -------------------------------------------------------------------------------------

    def send(self, kind: str, payload: dict[str, Any]) -> int:
        """Store one request for the host; returns its number (its version in the seat's inbox)."""
        def sign(version: int) -> str:
            return request_mac(self._code, self.exercise, self.seat, version, kind, payload)

        return self.store.send_request(self.exercise, self.seat, kind, payload, sign)

    def decide(self, decision: Decision) -> int:
        """Ask the host to apply a decision of this seat's role."""
        if self.role in (FACILITATOR, EVALUATOR, ROOM):
            raise CodeError(f"the {self.role} seat does not decide", "not_deciding")
        return self.send("decision", {"decision": decision_dict(decision)})

    def control(self, action: str, **values: Any) -> int:
        """Facilitator: pause, resume, speed (value=…), inject (to_role, text_zh, text_en), broadcast, revoke."""
        return self.send("control", {"action": action, **values})

    def observe(self, text: str, area: str | None = None, author: str | None = None) -> int:
        """Evaluator: an observation, tagged with an AQ/T 9009 area and signed by `author` (else by the seat)."""
        return self.send("observe", {"text": text, "area": area, **({"author": author} if author else {})})

    def outcome(self, request: int, timeout: float = 10.0) -> SeatOutcome:
        """Wait for the host's verdict on one request."""
        deadline = time.monotonic() + timeout
        while True:
            self.refresh()
            with self._lock:
                found = next((o for o in self._outcomes if o.request == request), None)
            if found is not None:
                return found
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"the host has not handled request {request} within {timeout:.0f} s "
                                   f"(is `drillsim host` running?)")
            self.wait(min(left, 0.5))

    def close(self, leaving: bool = True) -> None:
        """Stop following; `leaving` tells the facilitator's seat list that this console closed (a console that
        crashes cannot: its last action stays shown until it rejoins)."""
        if leaving and not self._revoked:
            try:
                self.send("bye", {})
            except Exception:  # noqa: BLE001 - the store may be gone already; leaving must not fail
                pass
        self._follower.close()
