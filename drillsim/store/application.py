"""The eventsourcing Application that stores exercise logs. Methods fetch → call → save; queries return data."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, Mapper
from eventsourcing.utils import get_topic

from drillsim.engine import events as ev
from drillsim.engine.state import ExerciseState, fold
from drillsim.store.aggregate import ExerciseLog, exercise_id
from drillsim.store.checkpoints import CheckpointError, CheckpointWriter, restore
from drillsim.store.config import persistence_env
from drillsim.store.connection_check import check_postgres
from drillsim.store.integrity import DamagedLog, first_line, originator_ids
from drillsim.store.reading import ExerciseContents, collector_paused, fold_log
from drillsim.store.schema import ensure_postgres_schema
from drillsim.store.seats import SeatInbox, inbox_id
from drillsim.store.topics import AllowListMapper

_PAGE = 500


class ExerciseNotFound(LookupError):
    """No exercise matches the given id or id prefix."""


@dataclass(frozen=True)
class ExerciseSummary:
    """One line of `drillsim exercises`."""

    id: UUID
    scenario_id: str
    plan_id: str
    seed: int
    policy: str
    created: datetime
    """The scenario's own date and time (simulation start)."""
    created_at: str
    """When the exercise was created (wall clock, UTC)."""
    status: str
    parent_id: str | None
    label: str

    @property
    def short_id(self) -> str:
        return self.id.hex[:8]


class ExerciseStore(Application[UUID]):
    """All exercises of one store (a SQLite file or a PostgreSQL database)."""

    name = "drillsim"
    snapshotting_intervals = {ExerciseLog: 100}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._checkpoint_writers: dict[UUID, CheckpointWriter] = {}

    @classmethod
    def open(cls, url: str, connections: int | None = None) -> ExerciseStore:
        """Open (and on first use create) the store at `url`; on PostgreSQL keep `connections` open (default 5:
        a seat of a multi-seat drill needs one, and a server's connections are shared by every seat)."""
        env = persistence_env(url)
        if connections is not None and env["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
            env.update(POSTGRES_POOL_SIZE=str(connections), POSTGRES_MAX_OVERFLOW=str(connections))
        if env["PERSISTENCE_MODULE"] != "eventsourcing.postgres":
            return cls(env={**env, "CREATE_TABLE": "y"})
        check_postgres(env)  # names a wrong password, database or port, which the pool would only time out on
        store = cls(env={**env, "CREATE_TABLE": "n"})
        ensure_postgres_schema([store.recorder, *([store.snapshots.recorder] if store.snapshots else [])])
        return store

    def construct_mapper(self) -> Mapper[UUID]:
        """Stored topics resolve only to drillsim's own event classes (see store/topics.py)."""
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=AllowListMapper)

    # --- commands -----------------------------------------------------------------------------------

    def create(self, provenance: dict[str, Any]) -> ExerciseLog:
        """A new exercise log, committed at once, with a deterministic id: the provenance key plus how many
        exercises with that key came before it.

        Two runs with the same seed are two exercises. Processes creating the same run at the same moment
        may pick the same ordinal: the one whose Created record lands first keeps it, the others take the next.
        """
        key = "/".join(str(provenance[k]) for k in ("scenario_sha256", "plan_sha256", "seed", "policy", "parent_id"))
        key += "/" + ",".join(provenance["human_roles"]) + "/" + repr(provenance.get("fork"))
        ordinal = 0
        while True:
            ident = exercise_id(key, ordinal)
            ordinal += 1
            if self.exists(ident):
                continue
            log = ExerciseLog.create(ident, **provenance)
            try:
                self.save(log)
            except IntegrityError:  # another process claimed this id after exists() looked
                continue
            return log

    def issue_seat(self, log: ExerciseLog, seat: str, role: str, code_sha256: str) -> None:
        """Record a seat's join code (its hash) in the exercise log and open the seat's inbox, in one transaction."""
        log.issue_seat(seat, role, code_sha256, datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self.save(log, SeatInbox.open(log.id, seat))

    def send_request(self, exercise: UUID, seat: str, kind: str, payload: dict[str, Any],
                     mac_for: Callable[[int], str]) -> int:
        """Append a request to a seat's inbox; `mac_for(version)` signs it at the version it gets.

        Two processes of one seat (a console and its rejoin) may append at once: the one that loses the
        version re-reads the inbox and signs again. Returns the request's version.
        """
        while True:
            try:
                inbox = self.repository.get(inbox_id(exercise, seat))
            except AggregateNotFoundError:
                raise ExerciseNotFound(f"no inbox for seat {seat[:8]} of exercise {exercise.hex[:8]}") from None
            version = inbox.version + 1
            inbox.request(kind, payload, mac_for(version))
            try:
                self.save(inbox)
            except IntegrityError:
                continue
            return version

    def last_notification(self) -> int:
        """The position of the newest record in the store (0 when it is empty)."""
        return self.recorder.max_notification_id() or 0

    def notifications_after(self, position: int, topics: Sequence[str] = (), limit: int = _PAGE,
                            stop: int | None = None) -> list[tuple[int, Any]]:
        """(position, record) for up to `limit` records after `position` (up to `stop`), in store order."""
        page = self.recorder.select_notifications(start=position, limit=limit, stop=stop, topics=topics,
                                                  inclusive_of_start=False)
        return [(n.id, self.mapper.to_domain_event(n)) for n in page]

    def seats(self, code_sha256: str | None = None) -> list[ExerciseLog.SeatIssued | ExerciseLog.SeatRevoked]:
        """Every seat issue and revocation in the store, in order (only the issues of one code hash, if given)."""
        topics = [get_topic(ExerciseLog.SeatIssued), get_topic(ExerciseLog.SeatRevoked)]
        found = [self.mapper.to_domain_event(n) for n in self._notifications(topics)]
        if code_sha256 is None:
            return found
        return [r for r in found if isinstance(r, ExerciseLog.SeatIssued) and r.code_sha256 == code_sha256]

    def exists(self, ident: UUID) -> bool:
        """Whether the store holds any record of exercise `ident`."""
        return bool(self.recorder.select_events(ident, limit=1))

    def commit(self, log: ExerciseLog, t: int, events: Sequence[ev.DomainEvent],
               inputs: Sequence[tuple[int, str, dict[str, Any]]] = (),
               checkpoint: ExerciseState | None = None, ended: tuple[int, str] | None = None) -> None:
        """Record inputs, a step's domain events, a checkpoint and the end, in one transaction."""
        for t_in, kind, payload in inputs:
            log.record_input(t_in, kind, payload)
        if events or t > log.last_t:
            log.record_step(t, [ev.to_dict(e) for e in events])
        if checkpoint is not None:
            self._checkpoint_writer(log).write(log, checkpoint)
        if ended is not None and log.status != "ended":
            log.end(*ended)
        self.save(log)

    def _checkpoint_writer(self, log: ExerciseLog) -> CheckpointWriter:
        """The writer whose last delta is the log's newest checkpoint (rebuilt from the store after a resume)."""
        last = log.checkpoints[-1][0] if log.checkpoints else 0
        writer = self._checkpoint_writers.get(log.id)
        if writer is None or writer.version != last:
            writer = CheckpointWriter.after(last, self._checkpoint_state(log.id, last) if last else None)
            self._checkpoint_writers[log.id] = writer
        return writer

    # --- queries -------------------------------------------------------------------------------------

    def log(self, ident: UUID) -> ExerciseLog:
        """The exercise log; DamagedLog if its records cannot be folded (verify names them)."""
        try:
            return self.repository.get(ident)
        except AggregateNotFoundError:
            raise ExerciseNotFound(f"no exercise with id {ident}") from None
        except Exception as error:  # noqa: BLE001 - a damaged row can fail in any way
            raise _damaged(ident, error) from None

    def resolve(self, ref: str) -> UUID:
        """An exercise id from a full id or a unique prefix of its hex form."""
        text = ref.strip().lower().replace("-", "")
        matches = [s.id for s in self.summaries() if s.id.hex.startswith(text)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ExerciseNotFound(f"no exercise with id {ref!r}; `drillsim exercises` lists them")
        raise ExerciseNotFound(f"{ref!r} matches {len(matches)} exercises; give more of the id")

    def summaries(self) -> list[ExerciseSummary]:
        """Every exercise, oldest first, from the Created and Ended notifications (no aggregate loads).

        An exercise whose Created record is gone is listed last as damaged rather than left out.
        """
        created_topic, ended_topic = get_topic(ExerciseLog.Created), get_topic(ExerciseLog.Ended)
        rows: dict[UUID, dict[str, Any]] = {}
        for notification in self._notifications([created_topic, ended_topic]):
            event = self.mapper.to_domain_event(notification)
            if isinstance(event, ExerciseLog.Created):
                rows[event.originator_id] = {
                    "id": event.originator_id, "scenario_id": event.scenario_id, "plan_id": event.plan_id,
                    "seed": event.seed, "policy": event.policy, "created": event.timestamp,
                    "created_at": event.created_at, "status": "open",
                    "parent_id": event.parent_id, "label": event.label,
                }
            elif event.originator_id in rows:
                rows[event.originator_id]["status"] = f"ended ({event.reason})"
        inboxes = {n.originator_id for n in self._notifications([get_topic(SeatInbox.Opened)])}
        for ident in originator_ids(self.recorder):
            if ident not in rows and ident not in inboxes:
                rows[ident] = {"id": ident, "scenario_id": "?", "plan_id": "?", "seed": 0, "policy": "?",
                               "created": datetime.fromtimestamp(0, timezone.utc), "created_at": "",
                               "status": "damaged (no Created record)", "parent_id": None, "label": ""}
        return [ExerciseSummary(**row) for row in rows.values()]

    def _notifications(self, topics: list[str]) -> Iterator[Any]:
        start = 1
        while True:
            page = self.recorder.select_notifications(start=start, limit=_PAGE, topics=topics)
            yield from page
            if len(page) < _PAGE:
                return
            start = page[-1].id + 1

    def stored(self, ident: UUID, gt: int | None = None) -> Iterator[Any]:
        """The aggregate's stored events after version `gt`, as domain objects, in pages."""
        while True:
            try:
                page = list(self.events.get(ident, gt=gt, limit=_PAGE))
            except Exception as error:  # noqa: BLE001 - a damaged row can fail in any way
                raise _damaged(ident, error) from None
            yield from page
            if len(page) < _PAGE:
                return
            gt = page[-1].originator_version

    def domain_events(self, ident: UUID, gt_version: int | None = None) -> list[ev.DomainEvent]:
        """The simulation's domain events in order."""
        out: list[ev.DomainEvent] = []
        with collector_paused():
            for stored in self.stored(ident, gt=gt_version):
                if isinstance(stored, ExerciseLog.StepRecorded):
                    out.extend(ev.from_dict(d) for d in stored.events)
        return out

    def inputs(self, ident: UUID) -> list[tuple[int, str, dict[str, Any]]]:
        """What people put in, in order: (t, kind, payload)."""
        return [(s.t, s.kind, s.payload) for s in self.stored(ident) if isinstance(s, ExerciseLog.InputRecorded)]

    def records(self, ident: UUID, kind: type) -> list[Any]:
        """Stored events of one class (facilitator actions, observations, overrides, ...)."""
        return [s for s in self.stored(ident) if isinstance(s, kind)]

    def read(self, ident: UUID) -> ExerciseContents:
        """The exercise's log, domain events, inputs and records, from one pass over its stored events."""
        try:
            stored = fold_log(self.stored(ident))
        except DamagedLog:
            raise
        except Exception as error:  # noqa: BLE001 - a record missing or out of order fails the fold
            raise _damaged(ident, error) from None
        if stored is None:
            raise ExerciseNotFound(f"no exercise with id {ident}")
        return stored

    def state_at(self, ident: UUID, t: int) -> ExerciseState:
        """The exercise's state as it was at simulation time `t` (events at `t` included).

        Starts from the newest checkpoint at or before `t` and folds only what follows it.
        """
        log = self.log(ident)
        usable = [c for c in log.checkpoints if c[2] <= t]
        after = usable[-1][0] if usable else None
        state = self._checkpoint_state(ident, after) if after else ExerciseState()
        for stored in self.stored(ident, gt=after):
            if not isinstance(stored, ExerciseLog.StepRecorded):
                continue
            for data in stored.events:
                if data["t"] > t:
                    return state
                state.apply(ev.from_dict(data))
        return state

    def _checkpoint_state(self, ident: UUID, version: int) -> ExerciseState:
        """The state recorded by the checkpoint at log version `version` (following its chain of deltas)."""
        def fetch(v: int) -> Any:
            record = next(iter(self.events.get(ident, gt=v - 1, lte=v)), None)
            if not isinstance(record, (ExerciseLog.CheckpointRecorded, ExerciseLog.Checkpointed)):
                raise CheckpointError(f"exercise {ident.hex[:8]}: record v{v} is not a checkpoint")
            return record

        return restore(version, fetch)

    def full_state(self, ident: UUID) -> ExerciseState:
        """The state after every stored event (a full fold, no checkpoints)."""
        return fold(self.domain_events(ident))


def _damaged(ident: UUID, error: BaseException) -> DamagedLog:
    return DamagedLog(f"exercise {ident.hex[:8]}: its stored log is damaged ({first_line(error)}); "
                      f"`drillsim verify {ident.hex[:8]}` names the records")
