"""Stored topics name drillsim's own event classes, and nothing else is ever imported from them.

eventsourcing's Mapper turns a stored topic ("module:Class") into a class with `resolve_topic`, which
imports whatever module the topic names. A store is data, so a rewritten topic (`this:s`) must be an
error that names the row, not an import.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from eventsourcing.domain import CanMutateAggregate, Snapshot
from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.utils import get_topic


class ForeignTopic(ValueError):
    """A stored record whose topic is not one of drillsim's event classes."""


@cache
def event_topics() -> frozenset[str]:
    """The topics of the exercise log's event classes and of its snapshots."""
    from drillsim.store.aggregate import ExerciseLog
    from drillsim.store.seats import SeatInbox

    classes = [v for owner in (ExerciseLog, SeatInbox) for v in vars(owner).values()
               if isinstance(v, type) and issubclass(v, CanMutateAggregate)]
    return frozenset(get_topic(cls) for cls in classes) | {get_topic(Snapshot)}


@cache
def aggregate_topics() -> frozenset[str]:
    """The aggregate classes a snapshot or a Created record may name."""
    from drillsim.store.aggregate import ExerciseLog
    from drillsim.store.seats import SeatInbox

    return frozenset({get_topic(ExerciseLog), get_topic(SeatInbox)})


def check_topic(stored: StoredEvent) -> None:
    """Raise ForeignTopic unless the record's topic is an allowed event class."""
    if stored.topic not in event_topics():
        raise ForeignTopic(f"exercise {stored.originator_id} record v{stored.originator_version}: topic "
                           f"{stored.topic[:80]!r} is not one of drillsim's event classes (the store was altered)")


class AllowListMapper(Mapper[Any]):
    """A Mapper that resolves only allowed topics, and the aggregate topic a snapshot or Created record names."""

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        check_topic(stored_event)
        event = super().to_domain_event(stored_event)
        named = event.topic if isinstance(event, Snapshot) else vars(event).get("originator_topic")
        if named is not None and named not in aggregate_topics():  # a Created record or a snapshot names it
            raise ForeignTopic(f"exercise {stored_event.originator_id} record v{stored_event.originator_version}: "
                               f"aggregate topic {str(named)[:80]!r} is not drillsim's exercise log")
        return event
