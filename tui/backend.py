"""The app's one door into drillsim: the session API (Workspace, LiveSession, Replay), scoring and reports.

Every method here blocks (it reads YAML, folds events or talks to the store), so screens call them only from
`@work(thread=True)` workers and post the result back. One lock serialises everything that touches the store
or a running exercise, so a clock tick, a decision and a facilitator action never interleave.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from drillsim.decisions import Decision
from drillsim.engine.events import DomainEvent
from drillsim.engine.state import ExerciseState
from drillsim.session.live import LiveSession, Rejection
from drillsim.session.workspace import Replay, Workspace

if TYPE_CHECKING:
    from drillsim.scoring.api import ScoreCard


_SCENARIOS: dict[tuple[str, int, int], Any] = {}
"""Validated scenarios by (path, mtime, size), shared by every Backend of the process: validating one takes
about half a second, and an edited file gets a new key."""
_SCENARIOS_LOCK = threading.Lock()


@dataclass(frozen=True)
class Snapshot:
    """What one step of a live exercise left behind, safe to read on the UI thread."""

    count: int
    """How many events the exercise has (the UI reads the ones it has not shown yet)."""
    state: ExerciseState
    now: int
    ended: bool


@dataclass(frozen=True)
class ScoreResult:
    """A score card, or why there is none."""

    card: ScoreCard | None
    error: str | None
    replay: Replay | None = None


class Backend:
    """A Workspace opened on first use, a cache of loaded scenarios and score cards, and the lock."""

    def __init__(self, store_url: str | None = None) -> None:
        self.store_url = store_url
        self.lock = threading.RLock()
        self._workspace: Workspace | None = None
        self._scores: dict[tuple[UUID, int], ScoreResult] = {}

    # --- the library --------------------------------------------------------------------------------

    @property
    def workspace(self) -> Workspace:
        with self.lock:
            if self._workspace is None:
                self._workspace = Workspace(self.store_url)
            return self._workspace

    @property
    def store_label(self) -> str:
        """Where the exercises are kept, without the directory (it differs between machines and tests)."""
        if self._workspace is None:
            return self.store_url or "…"
        url = self._workspace.url
        kind, _, rest = url.partition("://")
        return f"{kind}: {Path(rest).name}" if kind.startswith("sqlite") else kind

    @staticmethod
    def scenario_files() -> list[Path]:
        return Workspace.scenario_files()

    def load(self, ref: str | Path) -> Any:
        """The scenario with its plan (cached while its file is unchanged)."""
        path = Path(ref)
        if path.suffix not in (".yaml", ".yml"):
            return Workspace.load_scenario(ref)
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        with _SCENARIOS_LOCK:
            cached = _SCENARIOS.get(key)
        if cached is None:
            cached = Workspace.load_scenario(path)
            with _SCENARIOS_LOCK:
                _SCENARIOS[key] = cached
        return cached

    def policies(self) -> list[str]:
        return Workspace.policies()

    def exercises(self) -> list[Any]:
        with self.lock:
            return self.workspace.exercises()

    # --- running ------------------------------------------------------------------------------------

    def start(self, loaded: Any, seed: int, policy: str, human_roles: list[str]) -> LiveSession:
        with self.lock:
            return self.workspace.start(loaded, seed, policy, human_roles, [])

    def resume(self, ident: UUID) -> LiveSession:
        with self.lock:
            return self.workspace.resume(ident)

    def advance(self, session: LiveSession, t: int) -> Snapshot:
        with self.lock:
            session.advance_to(t)
            return self.snapshot(session)

    def step(self, session: LiveSession) -> Snapshot:
        with self.lock:
            session.step()
            return self.snapshot(session)

    def decide(self, session: LiveSession, decision: Decision) -> tuple[Rejection | None, Snapshot]:
        """Apply a person's decision: None when accepted, else why it was rejected (in both languages)."""
        with self.lock:
            rejection = session.decide(decision)
            return rejection, self.snapshot(session)

    def inject(self, session: LiveSession, to_role: str, text_zh: str, text_en: str) -> Snapshot:
        with self.lock:
            session.inject(to_role, text_zh, text_en)
            return self.snapshot(session)

    def facilitate(self, session: LiveSession, action: str, value: str = "") -> None:
        with self.lock:
            if not session.ended:
                session.facilitate(action, value)

    def close_session(self, session: LiveSession) -> None:
        with self.lock:
            session.close()

    def snapshot(self, session: LiveSession) -> Snapshot:
        with self.lock:
            return Snapshot(len(session.events), copy.deepcopy(session.state), session.now, session.ended)

    # --- afterwards ---------------------------------------------------------------------------------

    def replay(self, ident: UUID) -> Replay:
        with self.lock:
            return self.workspace.replay(ident)

    def state_at_event(self, replay: Replay, seq: int) -> ExerciseState:
        return replay.state_at_event(seq)

    def add_bookmark(self, replay: Replay, t: int, text: str) -> list[Any]:
        with self.lock:
            replay.add_bookmark(t, text)
            return replay.bookmarks()

    def bookmarks(self, replay: Replay) -> list[Any]:
        with self.lock:
            return replay.bookmarks()

    def fork(self, ident: UUID, at_decision: int, replacement: Decision | None) -> LiveSession:
        with self.lock:
            return self.workspace.fork(ident, at_decision, replacement)

    def score(self, ident: UUID) -> ScoreResult:
        """The score card of a stored exercise (cached per exercise and event count)."""
        try:
            from drillsim.scoring.api import score_exercise
            from drillsim.scoring.stored import evaluator_input
        except ImportError as error:  # scoring is optional while it is being written
            return ScoreResult(None, str(error))
        replay = self.replay(ident)
        key = (ident, len(replay.events))
        if key in self._scores:
            return self._scores[key]
        try:
            with self.lock:
                overrides, observations = evaluator_input(replay)
            card = score_exercise(replay.loaded, replay.events, overrides, observations)
            result = ScoreResult(card, None, replay)
        except Exception as error:  # noqa: BLE001 - shown to the user, the app carries on
            result = ScoreResult(None, f"{type(error).__name__}: {error}", replay)
        self._scores[key] = result
        return result

    def cached_score(self, ident: UUID) -> ScoreResult | None:
        return next((r for (i, _), r in self._scores.items() if i == ident), None)

    def export_report(self, result: ScoreResult, fmt: str, lang: str, directory: Path) -> Path:
        """Write the evaluation report next to the user (Markdown or HTML) and return its path."""
        from drillsim.reports import render_report

        assert result.card is not None and result.replay is not None
        text = render_report(result.card, result.replay.loaded, result.replay.events, fmt, lang)  # type: ignore[arg-type]
        path = directory / f"drillsim-report-{result.replay.id.hex[:8]}-{lang}.{fmt}"
        path.write_text(text, encoding="utf-8")
        return path

    # --- analysis of sweeps ---------------------------------------------------------------------------

    @staticmethod
    def sweeps(folder: Path) -> list[Any]:
        """The sweeps (`drillsim sweep`) whose datasets are in `folder`."""
        from drillsim.sweep.listing import find_sweeps

        return find_sweeps(folder)

    @staticmethod
    def sweep_tables(parquet: Path, lang: str) -> dict[str, Any]:
        """The summary tables of a sweep's dataset: overview, miss rates, time to level."""
        from drillsim.sweep.listing import summary_tables

        return summary_tables(parquet, lang)  # type: ignore[arg-type]

    @staticmethod
    def sweep_report(parquet: Path, lang: str) -> Path:
        """Write the sweep's HTML report beside its dataset."""
        from drillsim.sweep.report import write_report

        return write_report(parquet, lang=lang)  # type: ignore[arg-type]

    def events_of(self, session: LiveSession, start: int, stop: int) -> list[DomainEvent]:
        """Events `start:stop` of a live exercise (they never change once appended)."""
        return session.events[start:stop]

    def close(self) -> None:
        with self.lock:
            if self._workspace is not None:
                self._workspace.close()
                self._workspace = None
