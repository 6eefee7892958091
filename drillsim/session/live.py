"""A live exercise bound to the store: every step and every decision is committed as it happens."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from drillsim.engine import events as ev
from drillsim.engine.authority import Rejection
from drillsim.decisions import Decision, decision_dict, parse_decision
from drillsim.engine.runner import ENGINE_VERSION
from drillsim.engine.simulation import Simulation
from drillsim.engine.state import ExerciseState
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.session.provenance import content_hashes
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore

CHECKPOINT_EVERY = 500
"""Domain events between two checkpoints of the projection."""

HOUR = 3_600_000
HEADLESS_STEP = 4 * HOUR
"""How far a headless run goes between two progress reports."""
HEADLESS_COMMIT_EVENTS = CHECKPOINT_EVERY
"""Events a headless run collects before it commits (so checkpoints stay about as dense as in a live run)."""
CLOCK_RESOLUTION = 60_000
"""A step without events is still recorded once the clock has moved this far, so resumes start where it stood."""


FACILITATOR_ACTIONS = ("pause", "resume", "speed", "note", "discussion", "participant")
"""What a facilitator action records (store.aggregate.ExerciseLog.FacilitatorActed)."""


class ResumeError(RuntimeError):
    """An exercise cannot be resumed (ended, or its stored log no longer matches a re-simulation)."""


def scenario_for(log: ExerciseLog) -> LoadedScenario:
    """The scenario an exercise ran: the recorded file if it is still the same (SHA-256), else the catalog's by id.

    The recorded path is data from the store: it is read only to hash it, never shown or parsed unless the
    hash is the recorded one.
    """
    from drillsim.catalog import find_scenario
    from drillsim.session.content import file_with_hash

    path = file_with_hash(log.scenario_path, log.scenario_sha256) or find_scenario(log.scenario_id)
    return load_scenario(path)


def nothing_committed(log: ExerciseLog) -> bool:
    """Only the exercise's Created record is stored: its run stopped (killed, server lost) before its first commit."""
    return log.last_seq < 0 and log.status != "ended"


def decision_overrides(fork: dict[str, Any] | None) -> dict[int, Decision | None]:
    """The computer-decision overrides a what-if fork recorded."""
    if not fork:
        return {}
    return {int(k): (parse_decision(v) if v is not None else None) for k, v in fork.get("computer_overrides", {}).items()}


def apply_input(exercise: Simulation, kind: str, payload: dict[str, Any]) -> Rejection | None:
    """Put one recorded input into a running exercise; a rejected decision returns why."""
    if kind == "decision":
        return exercise.decide(parse_decision(payload["decision"]))
    if kind == "inject":
        exercise.inject(payload["to_role"], payload["text_zh"], payload["text_en"])
        return None
    if kind == "steer_inject":
        exercise.steer_inject(payload["action"], payload["inject"], payload.get("text_zh", ""),
                              payload.get("text_en", ""))
        return None
    if kind == "end":
        exercise.end_now()
        return None
    raise ValueError(f"unknown input kind {kind!r}")


def resimulate(loaded: LoadedScenario, log: ExerciseLog, inputs: Sequence[tuple[int, str, dict[str, Any]]],
               until: int | None, sink: Callable[[ev.DomainEvent], None] | None = None) -> Simulation:
    """Play the exercise again from its seed and inputs up to `until` (None: to its end)."""
    exercise = Simulation(loaded.plan, loaded.scenario, log.seed, log.policy, sink, log.human_roles,
                          decision_overrides(log.fork))
    for t, kind, payload in inputs:
        exercise.advance_to(t)
        if exercise.ended:
            break
        apply_input(exercise, kind, payload)
    if until is None:
        exercise.run()
    else:
        exercise.advance_to(until)
    return exercise


class LiveSession:
    """A running exercise bound to the store; commits after every change. Interfaces hold it through
    `drillsim.workspace.LiveExercise`, which serialises calls with the workspace's lock."""

    def __init__(self, store: ExerciseStore, log: ExerciseLog, loaded: LoadedScenario, exercise: Simulation) -> None:
        self.store = store
        self.log = log
        self.loaded = loaded
        self.exercise = exercise
        self._pending: list[ev.DomainEvent] = []
        self._next_checkpoint = (exercise.state.seq // CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY
        exercise.sink = self._pending.append

    # --- construction -------------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        store: ExerciseStore,
        loaded: LoadedScenario,
        seed: int,
        policy: str = "plan",
        human_roles: Iterable[str] = (),
        participants: Iterable[dict[str, str]] = (),
        parent_id: str | None = None,
        fork: dict[str, Any] | None = None,
        label: str = "",
        commit: bool = True,
    ) -> LiveSession:
        """Create a new exercise in the store and start it.

        The exercise's Created record is committed at once (that claims its id). Its opening events are too,
        so the exercise can be resumed; with `commit=False` (a headless run that goes on straight away) they
        go out with its first commit.
        """
        scenario_sha, plan_sha, layers_sha = content_hashes(loaded)
        roles = sorted(human_roles)
        pending: list[ev.DomainEvent] = []
        exercise = Simulation(loaded.plan, loaded.scenario, seed, policy, pending.append, roles,
                              decision_overrides(fork))
        log = store.create({
            "scenario_id": loaded.scenario.id, "plan_id": loaded.plan.definition.id, "scenario_sha256": scenario_sha,
            "plan_sha256": plan_sha, "layers_sha256": layers_sha, "engine_version": ENGINE_VERSION, "seed": seed,
            "policy": policy, "human_roles": roles, "participants": list(participants),
            "start_clock": loaded.scenario.setting.start, "parent_id": parent_id, "fork": fork,
            "scenario_path": str(loaded.path.resolve()), "label": label,
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        })
        session = cls(store, log, loaded, exercise)
        session._pending.extend(pending)
        if commit:
            session._commit(exercise.now)
        return session

    @classmethod
    def resume(cls, store: ExerciseStore, ident: UUID) -> LiveSession:
        """Carry on an exercise where its last commit left it (re-simulating seed and inputs up to there)."""
        read = store.read(ident)
        log = read.log
        if log.status == "ended":
            raise ResumeError(f"exercise {ident.hex[:8]} has ended ({log.ended_reason}); fork it to play on")
        loaded = scenario_for(log)
        if nothing_committed(log):  # start again from the seed; the opening events go out with the next commit
            pending: list[ev.DomainEvent] = []
            exercise = Simulation(loaded.plan, loaded.scenario, log.seed, log.policy, pending.append, log.human_roles,
                                  decision_overrides(log.fork))
            session = cls(store, log, loaded, exercise)
            session._pending.extend(pending)
            return session
        exercise = resimulate(loaded, log, read.inputs, log.last_t)
        stored = [ev.to_dict(e) for e in read.events]
        replayed = [ev.to_dict(e) for e in exercise.events]
        if stored != replayed:
            first = next((i for i, (a, b) in enumerate(zip(stored, replayed)) if a != b), min(len(stored), len(replayed)))
            if log.engine_version != ENGINE_VERSION:
                raise ResumeError(
                    f"exercise {ident.hex[:8]} was recorded by engine {log.engine_version} and this drillsim runs "
                    f"engine {ENGINE_VERSION}, which plays it differently from event #{first}: it can still be "
                    f"replayed, scored and exported, but not resumed")
            raise ResumeError(f"exercise {ident.hex[:8]} cannot resume: its log differs from a re-simulation at "
                              f"event #{first}; run `drillsim verify {ident.hex[:8]}`")
        return cls(store, log, loaded, exercise)

    # --- reading ------------------------------------------------------------------------------------

    @property
    def id(self) -> UUID:
        return self.log.id

    @property
    def now(self) -> int:
        return self.exercise.now

    @property
    def state(self) -> ExerciseState:
        return self.exercise.state

    @property
    def events(self) -> list[ev.DomainEvent]:
        return self.exercise.events

    @property
    def ended(self) -> bool:
        return self.exercise.ended

    # --- the clock ----------------------------------------------------------------------------------

    def advance_to(self, t: int) -> list[ev.DomainEvent]:
        """Run the simulation to `t` and commit what happened; returns the new events."""
        start = len(self.exercise.events)
        self.exercise.advance_to(t)
        self._commit(self.exercise.now)
        return self.exercise.events[start:]

    def step(self) -> list[ev.DomainEvent]:
        """Advance to just past the next scheduled moment."""
        nxt = self.exercise.next_event_time()
        return self.advance_to(nxt + 1) if nxt is not None else []

    def run(self, until: int | None = None, progress: Callable[[int, int], None] | None = None,
            commit_events: int = HEADLESS_COMMIT_EVENTS, step: int = HEADLESS_STEP) -> None:
        """Play on headless to `until` or the end, reporting progress every `step` ms of simulation time.

        Without people's inputs everything a headless stretch produces follows from the seed, so it is
        committed in batches of `commit_events` events and at the end (each commit costs a disk sync); a
        resume after a crash re-simulates the uncommitted stretch.
        """
        end = self.exercise.end_time + 1 if until is None else until
        t = self.now
        while t < end and not self.ended:
            t = min(end, (t // step + 1) * step)
            self.exercise.advance_to(t)
            if len(self._pending) >= commit_events:
                self._commit(self.now)
            if progress is not None:
                progress(self.now, end)
        self._commit(self.now)

    # --- inputs -------------------------------------------------------------------------------------

    def decide(self, decision: Decision) -> Rejection | None:
        """Apply a person's decision now and commit it; None when accepted, else why it was rejected.

        A `Rejection` carries a stable `code` and the explanation in both languages; interfaces show
        `rejection.text(lang)` in the reader's language.
        """
        return self.put("decision", {"decision": decision_dict(decision)})

    def inject(self, to_role: str, text_zh: str, text_en: str) -> None:
        """Deliver a facilitator's own inject now and commit it."""
        self.put("inject", {"to_role": to_role, "text_zh": text_zh, "text_en": text_en})

    def steer_inject(self, action: str, inject_id: str, text_zh: str = "", text_en: str = "") -> None:
        """Hold, release, advance (fire now) or edit an MSEL inject not yet delivered, and commit it."""
        payload = {"action": action, "inject": inject_id}
        if action == "edit":
            payload.update(text_zh=text_zh, text_en=text_en)
        self.put("steer_inject", payload)

    def end(self, reason: str) -> None:
        """End the exercise now, for `reason` (the facilitator's words, kept in the input and the log)."""
        if not reason.strip():
            raise ValueError("ending an exercise needs a reason")
        if not self.ended:
            self.put("end", {"reason": reason})

    def put(self, kind: str, payload: dict[str, Any],
            then: Callable[[Rejection | None], None] | None = None) -> Rejection | None:
        """Apply one input (a decision or a manual inject, as stored) now and commit it with its effects.

        `then(result)` runs before the commit: what it records on the log goes out in the same transaction.
        """
        result = apply_input(self.exercise, kind, payload)
        if then is not None:
            then(result)
        self._commit(self.now, [(self.now, kind, payload)])
        return result

    def facilitate(self, action: str, value: str = "") -> None:
        """Record a facilitator action: pause, resume, speed (value = multiplier), note (value = text),
        discussion (a pause for discussion; value = why) or participant (value = `role=name`)."""
        if action not in FACILITATOR_ACTIONS:
            raise ValueError(f"unknown facilitator action {action!r}")
        self.log.facilitate(self.now, action, value)
        self.store.save(self.log)

    # --- committing ---------------------------------------------------------------------------------

    def _commit(self, t: int, inputs: Sequence[tuple[int, str, dict[str, Any]]] = ()) -> None:
        events, self._pending[:] = list(self._pending), []
        checkpoint = None
        if self.state.seq >= self._next_checkpoint:
            checkpoint = self.state
            self._next_checkpoint = (self.state.seq // CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY
        ending = (self.state.t, self.state.ended or "ended") if self.ended and self.log.status != "ended" else None
        clock_moved = t - self.log.last_t >= CLOCK_RESOLUTION and not self.ended
        if events or inputs or checkpoint is not None or ending is not None or clock_moved:
            self.store.commit(self.log, t, events, inputs, checkpoint, ending)

    def close(self) -> None:
        """Record how far the clock has got, so that a resume starts exactly here."""
        if not self.ended and self.now > self.log.last_t:
            self.store.commit(self.log, self.now, [], [])
