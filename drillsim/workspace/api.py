"""The Workspace: one exercise store and the scenario library, with every operation an interface needs.

Every method that touches the store or a running exercise holds the workspace's one lock, so an interface
may call it from worker threads. The store is opened on first use (or by `open()`, which turns connection
problems into a `StoreUnavailable` with a one-line message).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from drillsim.catalog import find_scenario, scenario_paths
from drillsim.decisions import Decision
from drillsim.engine import events as ev
from drillsim.engine.policies import POLICIES
from drillsim.engine.runner import play
from drillsim.engine.state import ExerciseState
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.seats.host import Host
from drillsim.seats.seat import SeatClient
from drillsim.session.compare import Comparison, compare
from drillsim.session.exchange import export_csv, export_jsonl
from drillsim.session.importing import ImportResult, import_export
from drillsim.session.live import LiveSession, scenario_for
from drillsim.session.replay import VerifyReport, fork, verify
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore, ExerciseSummary
from drillsim.store.config import StoreConfigError, describe, redact, resolve_store_url
from drillsim.store.connection_check import StoreConnectionError
from drillsim.workspace.live import LiveExercise
from drillsim.workspace.replay import Replay, ScoredExercise

if TYPE_CHECKING:
    from drillsim.reports.tables import Table
    from drillsim.sweep.api import SweepResult
    from drillsim.sweep.listing import SweepListing
    from drillsim.sweep.worst import StoredRun

_SCENARIOS: dict[tuple[str, int, int], LoadedScenario] = {}
"""Validated scenarios by (path, mtime, size), shared by every Workspace of the process: validating one takes
about half a second, and an edited file gets a new key."""
_SCENARIOS_LOCK = threading.Lock()


class StoreUnavailable(RuntimeError):
    """The store cannot be opened (a bad URL, a server that does not answer); the message says which."""


@dataclass(frozen=True)
class Played:
    """A whole exercise played headless: its events, its final state, and its id when it was stored."""

    events: list[ev.DomainEvent]
    state: ExerciseState
    id: UUID | None


class Workspace:
    """One store and the shipped scenarios: the session API every interface goes through."""

    def __init__(self, store_url: str | None = None, connections: int | None = None) -> None:
        self.requested_url = store_url
        self.connections = connections
        """PostgreSQL connections to keep open (None: the default pool; a seat asks for one)."""
        self.url = resolve_store_url(store_url)
        self.lock = threading.RLock()
        """Serialises everything that touches the store or a running exercise."""
        self._store: ExerciseStore | None = None
        self._scores: dict[tuple[UUID, int, int, int], ScoredExercise] = {}
        self._writers: dict[UUID, ExerciseLog] = {}
        """The one aggregate each exercise is written through here (a live session's, else the first read)."""

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- the store ------------------------------------------------------------------------------------

    def open(self) -> None:
        """Open the store now rather than on first use; a failure is a `StoreUnavailable`."""
        self._opened()

    def _opened(self) -> ExerciseStore:
        with self.lock:
            if self._store is None:
                try:
                    self._store = ExerciseStore.open(self.url, self.connections)
                except StoreConnectionError as error:
                    raise StoreUnavailable(f"cannot open the store {describe(self.url)}: {error}") from None
                except StoreConfigError as error:
                    raise StoreUnavailable(str(error)) from None
                except Exception as error:  # the persistence layer raises driver-specific errors
                    raise StoreUnavailable(f"cannot open the store {describe(self.url)}: "
                                           f"{redact(str(error), self.url)}") from None
            return self._store

    @property
    def where(self) -> str:
        """The store's URL without its password, for messages."""
        return describe(self.url)

    def redact(self, text: str) -> str:
        """`text` (say, a driver's error) with the store's password taken out."""
        return redact(text, self.url)

    @property
    def store_label(self) -> str:
        """Where the exercises are kept, without the directory (it differs between machines and tests) and
        without user or password: only the kind of a server store."""
        url = self.url if self._store is not None else self.requested_url
        if not url:
            return "…"
        kind, _, rest = url.partition("://")
        return f"{kind}: {Path(rest).name}" if kind.startswith("sqlite") else kind

    def close(self) -> None:
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            self._writers.clear()

    def _writer(self, log: ExerciseLog) -> ExerciseLog:
        with self.lock:
            return self._writers.setdefault(log.id, log)

    def _live(self, session: LiveSession) -> LiveExercise:
        with self.lock:
            self._writers[session.id] = session.log
            return LiveExercise(session, self.lock)

    # --- the library ------------------------------------------------------------------------------------

    @staticmethod
    def scenario_files() -> list[Path]:
        return scenario_paths()

    @staticmethod
    def load_scenario(ref: str | Path) -> LoadedScenario:
        """A scenario with its plan, from its id or file (cached while the file is unchanged)."""
        path = find_scenario(str(ref))
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        with _SCENARIOS_LOCK:
            cached = _SCENARIOS.get(key)
        if cached is None:
            cached = load_scenario(path)
            with _SCENARIOS_LOCK:
                _SCENARIOS[key] = cached
        return cached

    @staticmethod
    def policies() -> list[str]:
        """The behaviours a computer-played role can follow."""
        return list(POLICIES)

    def exercises(self) -> list[ExerciseSummary]:
        with self.lock:
            return self._opened().summaries()

    def resolve(self, ref: str) -> UUID:
        """The exercise a full id or a unique prefix names (`ExerciseNotFound` otherwise)."""
        with self.lock:
            return self._opened().resolve(ref)

    def scenario_of(self, ident: UUID) -> LoadedScenario:
        """The scenario an exercise ran: the recorded file if it still exists, else the catalog's."""
        with self.lock:
            log = self._opened().log(ident)
        return scenario_for(log)

    def state_at(self, ident: UUID, t: int | None = None) -> ExerciseState:
        """An exercise's state at simulation time `t` (default: where its last commit left it)."""
        with self.lock:
            store = self._opened()
            return store.state_at(ident, store.log(ident).last_t if t is None else t)

    # --- running ----------------------------------------------------------------------------------------

    def start(self, loaded: LoadedScenario, seed: int, policy: str = "plan", human_roles: Iterable[str] = (),
              participants: Iterable[dict[str, str]] = ()) -> LiveExercise:
        """A new exercise, stored, at its start."""
        with self.lock:
            return self._live(LiveSession.start(self._opened(), loaded, seed, policy, human_roles, participants))

    def play(self, loaded: LoadedScenario, seed: int, policy: str = "plan", human_roles: Sequence[str] = (),
             until: int | None = None, keep: bool = True) -> Played:
        """Play a whole exercise headless to `until` or its end; stored (in batches) unless `keep` is False."""
        if not keep:
            exercise = play(loaded.plan, loaded.scenario, seed, policy, until=until, human_roles=list(human_roles))
            return Played(exercise.events, exercise.state, None)
        with self.lock:
            session = LiveSession.start(self._opened(), loaded, seed, policy, human_roles, commit=False)
            session.run(until=until)
            return Played(session.events, session.state, session.id)

    def resume(self, ident: UUID) -> LiveExercise:
        """Carry on an exercise where its last commit left it (`ResumeError` when it cannot)."""
        with self.lock:
            return self._live(LiveSession.resume(self._opened(), ident))

    def host(self, loaded: LoadedScenario, seed: int, human_roles: Iterable[str], policy: str = "plan",
             speed: int = 60) -> Host:
        """Host a multi-seat drill: create the exercise and issue a join code per human role and per
        facilitator, evaluator and room seat (`host.codes`). The caller runs `host.serve(...)`."""
        with self.lock:
            return Host.start(self._opened(), loaded, seed, human_roles, policy, speed=speed)

    def resume_host(self, ident: UUID) -> Host:
        """Host a multi-seat drill again after its host stopped: seats keep their codes and reconnect."""
        with self.lock:
            return Host.resume(self._opened(), ident)

    def join(self, code: str) -> SeatClient:
        """Join a hosted drill with a join code: the seat's role comes from the code (CodeError if it is
        unknown or revoked)."""
        with self.lock:
            return SeatClient(self._opened(), code)

    def fork(self, ident: UUID, at_decision: int, replacement: Decision | None) -> LiveExercise:
        """A what-if exercise: decision #`at_decision` dropped (None) or replaced, same seed (`ForkError`)."""
        with self.lock:
            return self._live(fork(self._opened(), ident, at_decision, replacement))

    # --- afterwards -------------------------------------------------------------------------------------

    def replay(self, ident: UUID) -> Replay:
        """A stored exercise opened for replay, bookmarks and evaluators' notes."""
        with self.lock:
            return Replay(self._opened(), ident, self.lock, self._writer)

    # --- what evaluators and facilitators add, live or afterwards (the CLI and the app share these) ------

    def observe(self, ident: UUID, author: str, text: str, t: int, area: str | None = None) -> None:
        """An evaluator's observation at simulation time `t`, optionally about one capability area."""
        if not author.strip() or not text.strip():
            raise ValueError("an observation needs an author and a text")
        self.replay(ident).observe(author, text, t, area)

    def override(self, ident: UUID, finding_id: str, author: str, reason: str, **changes: str | None) -> None:
        """An evaluator's override of a finding (verdict=, severity=) or of an area's rating (rating_area=,
        rating=), with a reason; the score card applies it on top of the computed findings."""
        if not author.strip():
            raise ValueError("an override needs an author")
        self.replay(ident).override(finding_id, author, reason, **changes)

    def bookmark(self, ident: UUID, t: int, text: str) -> None:
        """Mark moment `t` of an exercise, live or stored."""
        self.replay(ident).add_bookmark(t, text)

    def verify(self, ident: UUID, scenario: Path | None = None) -> VerifyReport:
        """Re-simulate from the stored seed and inputs and compare event by event with the stored log.

        `scenario` replaces the recorded scenario file (read afresh, never from the cache).
        """
        loaded = load_scenario(scenario) if scenario is not None else None
        with self.lock:
            return verify(self._opened(), ident, loaded)

    def compare(self, a: UUID, b: UUID) -> Comparison:
        """The outcomes of two exercises side by side, and where their event streams part."""
        with self.lock:
            return compare(self._opened(), a, b)

    def export(self, ident: UUID, fmt: Literal["jsonl", "csv"], lang: str = "en") -> str:
        """The whole log as JSON lines (re-importable), or the domain events as CSV."""
        with self.lock:
            store = self._opened()
            if fmt == "jsonl":
                return "\n".join(export_jsonl(store, ident)) + "\n"
            return export_csv(store, ident, lang)

    def import_export(self, lines: Iterable[bytes | str], new_id: bool = False, scenario: LoadedScenario | None = None,
                      allow_unverified: bool = False) -> ImportResult:
        """Check a JSON-lines export against a re-simulation and store it (`ExportFileError` names the line).

        `scenario` replaces the scenario the export carries or names; `allow_unverified` stores an export that
        differs from its re-simulation, marked as such.
        """
        with self.lock:
            return import_export(self._opened(), lines, new_id, scenario, allow_unverified)

    def score(self, ident: UUID) -> ScoredExercise:
        """The score card of a stored exercise, with the evaluators' overrides and observations applied.

        Cached until the exercise gains events, overrides or observations.
        """
        from drillsim.scoring.api import score_exercise
        from drillsim.scoring.overrides import evaluator_input

        replay = self.replay(ident)
        with self.lock:
            overrides, observations = evaluator_input(replay.overrides(), replay.observations())
            key = (ident, len(replay.events), len(overrides), len(observations))
            cached = self._scores.get(key)
            if cached is not None:
                return cached
        card = score_exercise(replay.loaded, replay.events, overrides, observations)
        scored = ScoredExercise(replay, card)
        with self.lock:
            self._scores[key] = scored
        return scored

    # --- sweeps -----------------------------------------------------------------------------------------

    @staticmethod
    def sweeps(folder: Path) -> list[SweepListing]:
        """The sweeps (`drillsim sweep`) whose datasets are in `folder`."""
        from drillsim.sweep.listing import find_sweeps

        return find_sweeps(folder)

    @staticmethod
    def sweep_tables(parquet: Path, lang: Literal["zh", "en"]) -> dict[str, tuple[str, Table]]:
        """The summary tables of a sweep's dataset, each with its title: overview, miss rates, time to level."""
        from drillsim.sweep.listing import summary_tables

        return summary_tables(parquet, lang)

    @staticmethod
    def sweep_report(parquet: Path, lang: Literal["zh", "en"]) -> Path:
        """Write the sweep's HTML report beside its dataset and return its path."""
        from drillsim.sweep.report import write_report

        return write_report(parquet, lang=lang)

    def store_worst(self, result: SweepResult, k: int) -> list[StoredRun]:
        """Play a sweep's `k` lowest-scoring runs again and store them as full exercises."""
        from drillsim.sweep.worst import store_worst

        with self.lock:
            return store_worst(self._opened(), result, k)


__all__ = ["Played", "StoreUnavailable", "Workspace"]
