"""A running exercise as interfaces hold it: every call runs under its workspace's lock and answers with a
`Snapshot` that is safe to read on another thread."""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from drillsim.decisions import Decision, Rejection
from drillsim.engine.events import DomainEvent
from drillsim.engine.state import ExerciseState
from drillsim.loading.scenarios import LoadedScenario
from drillsim.session.live import LiveSession


@dataclass(frozen=True)
class Snapshot:
    """What one step of a live exercise left behind, safe to read on the UI thread."""

    count: int
    """How many events the exercise has (an interface reads the ones it has not shown yet)."""
    state: ExerciseState
    now: int
    ended: bool


class LiveExercise:
    """A live exercise handed out by a `Workspace`; each step and input is committed as it happens.

    The calls block (they simulate and write to the store): an interface with an event loop makes them from
    worker threads. The workspace's one lock keeps a clock tick, a decision and a facilitator action from
    interleaving.
    """

    def __init__(self, session: LiveSession, lock: threading.RLock) -> None:
        self._session = session
        self._lock = lock
        self._copied: tuple[int, ExerciseState, ExerciseState] | None = None
        """(event count, the state, its copy) at the last snapshot."""

    # --- reading (no lock: these never change, or only grow) -----------------------------------------

    @property
    def id(self) -> UUID:
        return self._session.id

    @property
    def parent_id(self) -> str | None:
        """The exercise this one was forked from (None unless it is a what-if fork)."""
        return self._session.log.parent_id

    @property
    def fork(self) -> dict[str, Any] | None:
        """What the what-if fork changed: parent, decision number, drop or replace (None unless a fork)."""
        return self._session.log.fork

    @property
    def loaded(self) -> LoadedScenario:
        """The scenario and plan the exercise runs."""
        return self._session.loaded

    @property
    def events(self) -> list[DomainEvent]:
        """Every event so far; the list only grows, so slicing up to a snapshot's `count` is safe anywhere."""
        return self._session.events

    def snapshot(self) -> Snapshot:
        """The exercise as it stands, copied so that later steps do not change it (readers must not change
        it either: a snapshot after a tick without events shares the copy of the one before)."""
        with self._lock:
            session = self._session
            count = len(session.events)
            if self._copied is None or self._copied[0] != count or self._copied[1] is not session.state:
                # The state changes only by folding an event, so with no new event the last copy still holds;
                # copying it on every clock tick took half the tick's time in the worker.
                self._copied = (count, session.state, copy.deepcopy(session.state))
            return Snapshot(count, self._copied[2], session.now, session.ended)

    # --- the clock -----------------------------------------------------------------------------------

    def advance_to(self, t: int) -> Snapshot:
        """Run the simulation to `t` ms and commit what happened."""
        with self._lock:
            self._session.advance_to(t)
            return self.snapshot()

    def step(self) -> Snapshot:
        """Advance to just past the next scheduled moment."""
        with self._lock:
            self._session.step()
            return self.snapshot()

    def run(self, until: int | None = None) -> Snapshot:
        """Play on headless to `until` or the end, committing in batches."""
        with self._lock:
            self._session.run(until=until)
            return self.snapshot()

    # --- inputs --------------------------------------------------------------------------------------

    def decide(self, decision: Decision) -> tuple[Rejection | None, Snapshot]:
        """Apply a person's decision now: None when accepted, else why it was rejected (in both languages)."""
        with self._lock:
            rejection = self._session.decide(decision)
            return rejection, self.snapshot()

    def inject(self, to_role: str, text_zh: str, text_en: str) -> Snapshot:
        """Deliver a facilitator's own inject now."""
        with self._lock:
            self._session.inject(to_role, text_zh, text_en)
            return self.snapshot()

    def steer_inject(self, action: str, inject_id: str, text_zh: str = "", text_en: str = "") -> Snapshot:
        """Hold, release, advance (deliver now) or edit an MSEL inject not yet delivered; stored as an input, so
        a replay and `verify` play it the same (ValueError, nothing stored, for an unknown or delivered one)."""
        with self._lock:
            self._session.steer_inject(action, inject_id, text_zh, text_en)
            return self.snapshot()

    def end(self, reason: str) -> Snapshot:
        """The facilitator ends the exercise now, saying why (ValueError without a reason); final afterwards."""
        with self._lock:
            self._session.end(reason)
            return self.snapshot()

    def facilitate(self, action: str, value: str = "") -> None:
        """Record pause, resume, speed (value = multiplier) or note (value = text); nothing once it has ended."""
        with self._lock:
            if not self._session.ended:
                self._session.facilitate(action, value)

    def discussion_pause(self, reason: str) -> None:
        """Stop the clock for a discussion, recording why (a marker on the timeline and in the report); the
        interface stops its clock, and a `facilitate("resume")` ends the discussion."""
        if not reason.strip():
            raise ValueError("a discussion pause needs a reason")
        self.facilitate("discussion", reason.strip())

    @property
    def participants(self) -> dict[str, str]:
        """Who plays which role: role id → name."""
        from drillsim.workspace.replay import participants_of

        return participants_of(self._session.log)

    def name_participant(self, role: str, name: str) -> None:
        """Record who plays `role` from now on (an empty name clears it); shown in the console, timeline, report."""
        from drillsim.session.markers import participant_value

        if role not in {r.id for r in self.loaded.scenario.roles}:
            raise ValueError(f"unknown role {role!r}")
        self.facilitate("participant", participant_value(role, name))

    def close(self) -> None:
        """Record how far the clock has got, so that a resume starts exactly there."""
        with self._lock:
            self._session.close()
