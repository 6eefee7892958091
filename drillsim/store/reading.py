"""Everything stored for one exercise, read in one pass over its log.

Scoring, reports and resuming need the aggregate, the domain events, people's inputs and the evaluators'
records together; reading them separately read the whole log once for each.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from drillsim.engine import events as ev
from drillsim.store.aggregate import ExerciseLog

_NOT_RECORDS = (ExerciseLog.StepRecorded, ExerciseLog.InputRecorded, ExerciseLog.Checkpointed,
                ExerciseLog.CheckpointRecorded, ExerciseLog.Created)


@dataclass
class ExerciseContents:
    """One exercise as stored: its log (the aggregate), domain events, inputs and other records, in order."""

    log: ExerciseLog
    events: list[ev.DomainEvent] = field(default_factory=list)
    inputs: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    """What people put in, in order: (t, kind, payload)."""
    records: list[Any] = field(default_factory=list)
    """Facilitator actions, observations, overrides and the end, as stored."""

    def of_kind(self, kind: type) -> list[Any]:
        """The records of one class (ExerciseLog.FacilitatorActed, .ObservationRecorded, ...)."""
        return [r for r in self.records if isinstance(r, kind)]


def fold_log(stored: Iterable[Any]) -> ExerciseContents | None:
    """Fold an exercise's stored events, oldest first, into an ExerciseContents (None when there are none)."""
    log: ExerciseLog | None = None
    events: list[ev.DomainEvent] = []
    inputs: list[tuple[int, str, dict[str, Any]]] = []
    records: list[Any] = []
    from_dict = ev.from_dict
    with collector_paused():
        for record in stored:
            log = record.mutate(log)
            if isinstance(record, ExerciseLog.StepRecorded):
                events.extend(from_dict(data) for data in record.events)
            elif isinstance(record, ExerciseLog.InputRecorded):
                inputs.append((record.t, record.kind, record.payload))
            elif not isinstance(record, _NOT_RECORDS):
                records.append(record)
    return None if log is None else ExerciseContents(log, events, inputs, records)


_pause_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a whole log is read into objects.

    A read builds tens of thousands of small acyclic objects; each full collection on the way walks all of
    them again, which made reading 40,000 events cost 1.6 times as much per event as reading 2,500. Nested
    and concurrent pauses (reader threads) re-enable the collector only when the last one ends, and only if
    it was enabled before the first.
    """
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
