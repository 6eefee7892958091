"""A stored exercise as interfaces hold it: its events, its state at any moment, its bookmarks and the
evaluators' notes; and its score card."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal
from uuid import UUID

from drillsim.engine import events as ev
from drillsim.engine.state import ExerciseState, fold
from drillsim.loading.scenarios import LoadedScenario
from drillsim.render.markers import Marker
from drillsim.render.timeline import clock
from drillsim.session.live import scenario_for
from drillsim.session.markers import BOOKMARK, markers_of
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore

if TYPE_CHECKING:
    from drillsim.scoring.card import ScoreCard



@dataclass(frozen=True)
class Bookmark:
    """A moment of an exercise an evaluator marked (stored as a facilitator note)."""

    t: int
    text: str


class Replay:
    """A stored exercise opened by a `Workspace`: read it, and add bookmarks, observations and overrides.

    Its log is read once, when it is opened, and what it records is added to what it read; what touches the
    store runs under the workspace's lock. It records through `writer`, the one aggregate the workspace
    writes this exercise through, so that a bookmark taken while the exercise is live does not conflict
    with the live session's next commit.
    """

    def __init__(self, store: ExerciseStore, ident: UUID, lock: threading.RLock,
                 writer: Callable[[ExerciseLog], ExerciseLog]) -> None:
        self._store = store
        self._lock = lock
        self._writer = writer
        self.id = ident
        with lock:
            self._stored = store.read(ident)
        self._log: ExerciseLog = self._stored.log
        self.events: list[ev.DomainEvent] = self._stored.events

    @cached_property
    def loaded(self) -> LoadedScenario:
        """The scenario and plan it ran: the recorded file if it still exists, else the catalog's."""
        return scenario_for(self._log)

    @property
    def end_t(self) -> int:
        return self.events[-1].t if self.events else 0

    def state_at(self, t: int) -> ExerciseState:
        """The state as it was at simulation time `t` (from the store's checkpoints)."""
        with self._lock:
            return self._store.state_at(self.id, t)

    def latest_state(self) -> ExerciseState:
        """The state where its last commit left it."""
        return self.state_at(self._log.last_t)

    def state_at_event(self, seq: int) -> ExerciseState:
        """The state just after event number `seq`."""
        return fold(self.events[: seq + 1])

    def decisions(self) -> list[ev.DomainEvent]:
        """Every decision record (accepted or rejected), in order: the points a what-if fork can start from."""
        return [e for e in self.events if isinstance(e, (ev.DecisionAccepted, ev.DecisionRejected))]

    @property
    def participants(self) -> dict[str, str]:
        """Who played which role: role id → name (the names given at the start and since, the latest wins)."""
        return participants_of(self._writer(self._log))

    def markers(self) -> list[Marker]:
        """The facilitator's marks in time order: discussion pauses, bookmarks, participants named, the end."""
        with self._lock:
            return markers_of(self._stored)

    # --- what people add afterwards --------------------------------------------------------------------

    def bookmarks(self) -> list[Bookmark]:
        with self._lock:
            return [Bookmark(r.t, r.value.removeprefix(BOOKMARK))
                    for r in self._stored.of_kind(ExerciseLog.FacilitatorActed)
                    if r.action == "note" and r.value.startswith(BOOKMARK)]

    def _check_moment(self, t: int) -> None:
        """A moment of this exercise: not before its first event (0, or the start of a warning phase)."""
        start = self.events[0].t if self.events else 0
        if t < start:
            raise ValueError(f"{clock(t)} is before the exercise starts ({clock(start)})")

    def add_bookmark(self, t: int, text: str) -> list[Bookmark]:
        """Mark moment `t`; returns every bookmark, the new one included."""
        self._check_moment(t)
        with self._lock:
            self._save(lambda log: log.facilitate(t, "note", BOOKMARK + text))
            return self.bookmarks()

    def observe(self, author: str, text: str, t: int, area: str | None = None) -> None:
        """An evaluator's observation, stored as an event with its author."""
        self._check_moment(t)
        with self._lock:
            self._save(lambda log: log.observe(author, text, t, area, _now()))

    def override(self, finding_id: str, author: str, reason: str, **changes: str | None) -> None:
        """An evaluator's override of a finding or rating, stored as an event with author and reason."""
        if not reason.strip():
            raise ValueError("an override needs a reason")
        with self._lock:
            self._save(lambda log: log.override(finding_id, author, reason, dict(changes), _now()))

    def _save(self, record: Callable[[ExerciseLog], None]) -> None:
        log = self._writer(self._log)
        record(log)
        self._stored.records.extend(recording.domain_event for recording in self._store.save(log))

    def observations(self) -> list[Any]:
        with self._lock:
            return self._stored.of_kind(ExerciseLog.ObservationRecorded)

    def overrides(self) -> list[Any]:
        with self._lock:
            return self._stored.of_kind(ExerciseLog.OverrideRecorded)


def participants_of(log: ExerciseLog) -> dict[str, str]:
    """role id → name of an exercise's participants, from its log."""
    return {p["role"]: p["name"] for p in log.participants if p.get("role") and p.get("name")}


@dataclass(frozen=True)
class ScoredExercise:
    """A stored exercise with its score card."""

    replay: Replay
    card: ScoreCard

    def report(self, fmt: Literal["md", "html"], lang: Literal["zh", "en"]) -> str:
        """The evaluation report (AQ/T 9009 shape) in Markdown or self-contained HTML."""
        from drillsim.reports import render_report

        replay = self.replay
        return render_report(self.card, replay.loaded, replay.events, fmt, lang, replay.markers(),
                             replay.participants)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
