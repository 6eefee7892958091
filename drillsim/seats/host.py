"""The host of a multi-seat drill: the one process that runs the simulation and writes the exercise log.

Seats never touch the simulation: they write requests into their inboxes. The host reads them in store
order, checks each (the MAC made with the seat's code, revocation, the seat's role), applies it at the
current simulation time exactly as the single-seat console would (same input records, same engine events),
and records that it handled it in the same transaction as its effects — so a host killed at any moment and
resumed from the store applies every request once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from drillsim.decisions import decision_dict, parse_decision
from drillsim.engine.authority import Rejection
from drillsim.glossary import AREA_NAMES
from drillsim.loading.scenarios import LoadedScenario
from drillsim.rules.plan_index import PlanIndex
from drillsim.seats.refusals import Refused
from drillsim.seats.codes import code_for, code_sha256, host_key, mac_matches, new_seat_id, request_mac
from drillsim.seats.view import EVALUATOR, FACILITATOR, ROOM, SPECIAL_SEATS
from drillsim.session.live import LiveSession
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore
from drillsim.store.follow import StoreFollower
from drillsim.store.seats import SeatInbox, inbox_id

TICK_SECONDS = 0.1
MAX_CATCH_UP_SECONDS = 0.5
"""After a stall the clock does not leap ahead by more than this (as in the single-seat console)."""
MAX_TEXT = 2000
"""The longest inject or observation text a seat may send."""
MAX_AUTHOR = 100
"""The longest name an observation may be signed with (the seat's role signs it when none is given)."""
CONTROLS = ("pause", "resume", "speed", "inject", "broadcast", "revoke", "steer", "end")
STEERS = ("hold", "release", "advance", "edit")
SPEEDS = (1, 10, 60, 600)


@dataclass
class SeatRecord:
    seat: str
    role: str
    revoked: bool = False


class Host:
    """Runs one exercise for its seats. Not thread-safe: one loop calls `tick()` (or `serve()`)."""

    def __init__(self, store: ExerciseStore, session: LiveSession, seats: Iterable[SeatRecord],
                 handled: set[tuple[str, int]]) -> None:
        self.store = store
        self.session = session
        self.index = PlanIndex.build(session.loaded.plan, session.loaded.scenario)
        self.key = host_key(session.id, create=True)
        self.seats = {s.seat: s for s in seats}
        self.handled = handled
        self.paused = session.log.status != "running"
        self.speed = session.log.speed
        self.codes: dict[str, str] = {}
        """Codes issued by this process, by role (what `drillsim host` prints)."""
        self._inboxes = {inbox_id(session.id, s): s for s in self.seats}
        self._requests = StoreFollower(store, [SeatInbox.Requested])
        self._last_wall = time.monotonic()

    # --- construction -------------------------------------------------------------------------------

    @classmethod
    def start(cls, store: ExerciseStore, loaded: LoadedScenario, seed: int, human_roles: Iterable[str],
              policy: str = "plan", seats: Iterable[str] = SPECIAL_SEATS, speed: int = 60) -> Host:
        """Create the exercise and issue a join code for each human role and each of `seats`."""
        roles = sorted(human_roles)
        unknown = [r for r in roles if r not in {x.id for x in loaded.scenario.roles}]
        if unknown:
            raise ValueError(f"unknown role {unknown[0]!r}; roles: {', '.join(r.id for r in loaded.scenario.roles)}")
        session = LiveSession.start(store, loaded, seed, policy, roles)
        host = cls(store, session, [], set())
        host.speed, host.paused = speed, True
        session.facilitate("speed", str(speed))
        session.facilitate("pause")  # the clock waits for the facilitator (seats read this too)
        for role in [*roles, *seats]:
            host.issue(role)
        return host

    @classmethod
    def resume(cls, store: ExerciseStore, ident: UUID) -> Host:
        """Carry on hosting an exercise (after the host was stopped or killed): the seats keep their codes."""
        session = LiveSession.resume(store, ident)
        seats: dict[str, SeatRecord] = {}
        handled: set[tuple[str, int]] = set()
        for record in store.read(ident).records:
            if isinstance(record, ExerciseLog.SeatIssued):
                seats[record.seat] = SeatRecord(record.seat, record.role)
            elif isinstance(record, ExerciseLog.SeatRevoked) and record.seat in seats:
                seats[record.seat].revoked = True
            elif isinstance(record, ExerciseLog.SeatRequestHandled):
                handled.add((record.seat, record.request))
        return cls(store, session, seats.values(), handled)

    # --- seats --------------------------------------------------------------------------------------

    @property
    def id(self) -> UUID:
        return self.session.id

    def issue(self, role: str) -> str:
        """A new join code for `role` (a human-played role, or facilitator, evaluator, room)."""
        if role not in SPECIAL_SEATS and role not in self.session.log.human_roles:
            raise Refused("no_seat", role=repr(role), seats=", ".join(SPECIAL_SEATS))
        seat = new_seat_id()
        code = code_for(self.key, seat)
        self.store.issue_seat(self.session.log, seat, role, code_sha256(code))
        self.seats[seat] = SeatRecord(seat, role)
        self._inboxes[inbox_id(self.id, seat)] = seat
        self.codes[role] = code
        return code

    def revoke(self, role: str, reason: str = "revoked by the facilitator") -> int:
        """Revoke every code of `role`; returns how many were revoked."""
        count = 0
        for record in self.seats.values():
            if record.role == role and not record.revoked:
                self.session.log.revoke_seat(record.seat, reason)
                record.revoked = True
                count += 1
        self.store.save(self.session.log)
        return count

    # --- the loop -----------------------------------------------------------------------------------

    def serve(self, stop: Callable[[], bool], on_tick: Callable[[Host], None] | None = None) -> None:
        """Run the clock and apply requests until `stop()` is true or the exercise has ended and been
        closed; wakes at once when a request is stored (LISTEN on PostgreSQL, a short poll on SQLite)."""
        self._last_wall = time.monotonic()
        while not stop():
            self.tick()
            if on_tick is not None:
                on_tick(self)
            self._requests.wait(TICK_SECONDS)
        self.close()

    def tick(self) -> int:
        """Apply the requests stored since the last tick, then move the clock on; returns how many requests."""
        count = self.intake()
        wall = time.monotonic()
        elapsed = min(wall - self._last_wall, MAX_CATCH_UP_SECONDS)
        if not self.paused and not self.session.ended and elapsed >= TICK_SECONDS:
            self._last_wall = wall
            self.session.advance_to(self.session.now + max(1, int(elapsed * 1000 * self.speed)))
        elif self.paused or self.session.ended:
            self._last_wall = wall
        return count

    def intake(self) -> int:
        """Apply every request stored since the last intake, in store order."""
        count = 0
        for _position, request in self._requests.read():
            seat = self._inboxes.get(request.originator_id)
            if seat is None or (seat, request.originator_version) in self.handled:
                continue
            self._handle(self.seats[seat], request)
            self.handled.add((seat, request.originator_version))
            count += 1
        return count

    def close(self) -> None:
        self._requests.close()
        self.session.close()

    # --- one request --------------------------------------------------------------------------------

    def _handle(self, record: SeatRecord, request: Any) -> None:
        version = request.originator_version
        try:
            self._check(record, request)
            self._apply(record, version, request.kind, request.payload)
        except ValueError as refusal:  # a Refused, or the engine refusing an input (which then changes nothing)
            self._record(record, version, "refused", str(refusal))
            self.store.save(self.session.log)

    def _check(self, record: SeatRecord, request: Any) -> None:
        if record.revoked:
            raise Refused("revoked")
        expected = request_mac(code_for(self.key, record.seat), self.id, record.seat, request.originator_version,
                               request.kind, request.payload)
        if not mac_matches(expected, request.mac):
            raise Refused("unsigned")
        if not isinstance(request.payload, dict):
            raise Refused("payload")

    def _record(self, record: SeatRecord, version: int, outcome: str, detail: str = "") -> None:
        self.session.log.seat_request_handled(self.session.now, record.seat, version, outcome, detail[:500])

    def _apply(self, record: SeatRecord, version: int, kind: str, payload: dict[str, Any]) -> None:
        if self.session.ended and kind in ("decision", "control"):
            raise Refused("ended")
        if kind in ("hello", "bye"):  # a console opened or closed: what the facilitator's seat list shows
            self._record(record, version, "done", "joined" if kind == "hello" else "left")
            self.store.save(self.session.log)
        elif kind == "decision":
            self._decide(record, version, payload)
        elif kind == "control":
            if record.role != FACILITATOR:
                raise Refused("controls")
            self._control(record, version, payload)
        elif kind == "observe":
            if record.role not in (EVALUATOR, FACILITATOR):
                raise Refused("observes")
            text, area = _text(payload, "text"), payload.get("area")
            author = _text(payload, "author", max_length=MAX_AUTHOR) if "author" in payload else record.role
            if area is not None and area not in AREA_NAMES:
                raise Refused("area", areas=", ".join(AREA_NAMES))
            self.session.log.observe(author, text, self.session.now, area,
                                     datetime.now(timezone.utc).isoformat(timespec="seconds"))
            self._record(record, version, "done", "observation")
            self.store.save(self.session.log)
        else:
            raise Refused("kind", kind=repr(str(kind)[:40]))

    def _decide(self, record: SeatRecord, version: int, payload: dict[str, Any]) -> None:
        if record.role in (EVALUATOR, ROOM, FACILITATOR) or record.role not in self.session.log.human_roles:
            raise Refused("decides", role=record.role)
        try:
            decision = parse_decision(payload.get("decision"))
        except Exception as error:  # noqa: BLE001 - hostile input fails validation in many ways
            raise Refused("decision", error=str(error).splitlines()[0][:200]) from None
        if decision.actor not in self.index.role_bodies.get(record.role, ()):
            raise Refused("actor", role=record.role, actor=repr(decision.actor[:60]))

        def outcome(rejection: Rejection | None) -> None:
            if rejection is None:
                self._record(record, version, "accepted", decision.type)
            else:
                self._record(record, version, "rejected", rejection.text("en"))

        self.session.put("decision", {"decision": decision_dict(decision)}, then=outcome)

    def _control(self, record: SeatRecord, version: int, payload: dict[str, Any]) -> None:
        action = payload.get("action")
        if action not in CONTROLS:
            raise Refused("control", action=repr(str(action)[:40]))
        if action in ("pause", "resume"):
            self.paused = action == "pause"
            self._last_wall = time.monotonic()
            self._record(record, version, "done", action)
            self.session.facilitate(action)
        elif action == "speed":
            speed = payload.get("value")
            if speed not in SPEEDS:
                raise Refused("speed", speeds=", ".join(map(str, SPEEDS)))
            self.speed = speed
            self._record(record, version, "done", f"speed {speed}")
            self.session.facilitate("speed", str(speed))
        elif action in ("inject", "broadcast"):
            roles = list(self.session.log.human_roles) if action == "broadcast" else [payload.get("to_role")]
            if not roles or any(r not in self.index.roles for r in roles):
                raise Refused("inject_role")
            text_zh, text_en = _text(payload, "text_zh", allow_empty=True), _text(payload, "text_en", allow_empty=True)
            if not (text_zh or text_en):
                raise Refused("inject_text")
            for i, role in enumerate(roles):
                last = i == len(roles) - 1
                self.session.put("inject", {"to_role": role, "text_zh": text_zh or text_en, "text_en": text_en or text_zh},
                                 then=(lambda _r: self._record(record, version, "done", action)) if last else None)
        elif action == "steer":  # the MSEL: hold, release, advance or edit an inject not delivered yet
            steer, inject = payload.get("steer"), payload.get("inject")
            if steer not in STEERS or not isinstance(inject, str) or len(inject) > 200:
                raise Refused("steer", steers=", ".join(STEERS))
            stored = {"action": steer, "inject": inject}
            if steer == "edit":
                stored.update(text_zh=_text(payload, "text_zh"), text_en=_text(payload, "text_en"))
            self.session.put("steer_inject", stored, then=lambda _r: self._record(record, version, "done", f"{steer} {inject}"))
        elif action == "end":
            reason = _text(payload, "reason")
            self.session.put("end", {"reason": reason}, then=lambda _r: self._record(record, version, "done", "end"))
        else:
            role = payload.get("role")
            if not isinstance(role, str) or role == FACILITATOR:
                raise Refused("revoke")
            self._record(record, version, "done", f"revoked {role}")
            self.revoke(role)


def _text(payload: dict[str, Any], key: str, allow_empty: bool = False, max_length: int = MAX_TEXT) -> str:
    value = payload.get(key, "")
    if not isinstance(value, str) or len(value) > max_length or (not value.strip() and not allow_empty):
        raise Refused("text", field=key, length=max_length)
    return value.strip()
