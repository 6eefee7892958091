"""The session API: everything the terminal app (and other interfaces) may ask of drillsim, in one place.

Interfaces never touch SimPy or the event store directly; they hold a Workspace and the LiveSession /
Replay objects it hands out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any
from uuid import UUID

from drillsim.catalog import find_scenario, scenario_paths
from drillsim.engine import events as ev
from drillsim.decisions import Decision
from drillsim.engine.policies import POLICIES
from drillsim.engine.state import ExerciseState, fold
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.session.live import LiveSession, scenario_for
from drillsim.session.replay import fork, verify
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore, ExerciseSummary
from drillsim.store.config import resolve_store_url


@dataclass(frozen=True)
class Bookmark:
    """A moment of an exercise an evaluator marked (stored as a facilitator note)."""

    t: int
    text: str


class Replay:
    """A stored exercise opened for reading: its events, its state at any moment, its bookmarks.

    The log is read once, when the replay opens; what the replay itself records is added to what it read.
    """

    def __init__(self, store: ExerciseStore, ident: UUID) -> None:
        self.store = store
        self.id = ident
        self._stored = store.read(ident)
        self.log: ExerciseLog = self._stored.log
        self.events: list[ev.DomainEvent] = self._stored.events

    @cached_property
    def loaded(self) -> LoadedScenario:
        return scenario_for(self.log)

    @property
    def end_t(self) -> int:
        return self.events[-1].t if self.events else 0

    def state_at(self, t: int) -> ExerciseState:
        """The state as it was at simulation time `t` (from the store's checkpoints)."""
        return self.store.state_at(self.id, t)

    def state_at_event(self, seq: int) -> ExerciseState:
        """The state just after event number `seq`."""
        return fold(self.events[: seq + 1])

    def decisions(self) -> list[ev.DomainEvent]:
        """Every decision record (accepted or rejected), in order: the points a what-if fork can start from."""
        return [e for e in self.events if isinstance(e, (ev.DecisionAccepted, ev.DecisionRejected))]

    def bookmarks(self) -> list[Bookmark]:
        return [Bookmark(r.t, r.value.removeprefix("bookmark: "))
                for r in self._stored.of_kind(ExerciseLog.FacilitatorActed)
                if r.action == "note" and r.value.startswith("bookmark: ")]

    def add_bookmark(self, t: int, text: str) -> None:
        self.log.facilitate(t, "note", f"bookmark: {text}")
        self._save()

    def observe(self, author: str, text: str, t: int, area: str | None = None) -> None:
        """An evaluator's observation, stored as an event with its author."""
        self.log.observe(author, text, t, area, datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self._save()

    def override(self, finding_id: str, author: str, reason: str, **changes: str | None) -> None:
        """An evaluator's override of a finding or rating, stored as an event with author and reason."""
        if not reason.strip():
            raise ValueError("an override needs a reason")
        self.log.override(finding_id, author, reason, dict(changes),
                          datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self._save()

    def _save(self) -> None:
        self._stored.records.extend(recording.domain_event for recording in self.store.save(self.log))

    def observations(self) -> list[Any]:
        return self._stored.of_kind(ExerciseLog.ObservationRecorded)

    def overrides(self) -> list[Any]:
        return self._stored.of_kind(ExerciseLog.OverrideRecorded)


class Workspace:
    """One store and the shipped scenarios."""

    def __init__(self, store_url: str | None = None) -> None:
        self.url = resolve_store_url(store_url)
        self.store = ExerciseStore.open(self.url)

    def close(self) -> None:
        self.store.close()

    # --- the library --------------------------------------------------------------------------------

    @staticmethod
    def scenario_files() -> list[Path]:
        return scenario_paths()

    @staticmethod
    def load_scenario(ref: str | Path) -> LoadedScenario:
        path = Path(ref) if Path(ref).suffix in (".yaml", ".yml") else find_scenario(str(ref))
        return load_scenario(path)

    @staticmethod
    def policies() -> list[str]:
        return list(POLICIES)

    def exercises(self) -> list[ExerciseSummary]:
        return self.store.summaries()

    def resolve(self, ref: str) -> UUID:
        return self.store.resolve(ref)

    # --- running ------------------------------------------------------------------------------------

    def start(self, loaded: LoadedScenario, seed: int, policy: str = "plan", human_roles: list[str] | None = None,
              participants: list[dict[str, str]] | None = None) -> LiveSession:
        return LiveSession.start(self.store, loaded, seed, policy, human_roles or [], participants or [])

    def resume(self, ident: UUID) -> LiveSession:
        return LiveSession.resume(self.store, ident)

    def replay(self, ident: UUID) -> Replay:
        return Replay(self.store, ident)

    def fork(self, ident: UUID, at_decision: int, replacement: Decision | None) -> LiveSession:
        return fork(self.store, ident, at_decision, replacement)

    def verify(self, ident: UUID):  # noqa: ANN201 - VerifyReport
        return verify(self.store, ident)
