"""Seat inboxes: where a seat of a multi-seat drill writes its requests for the host to apply.

Only the host writes the exercise log; each seat writes its own inbox (one aggregate per seat), so a seat
and the host never contend for the same aggregate version. A request carries a MAC made with the seat's
join code (drillsim/seats/codes.py); the host checks it before applying anything.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from drillsim.store.aggregate import NAMESPACE


def inbox_id(exercise: UUID, seat: str) -> UUID:
    """The id of a seat's inbox: derived from the exercise and the seat, so both sides find it."""
    return uuid5(NAMESPACE, f"inbox:{exercise}:{seat}")


class SeatInbox(Aggregate):
    """The requests one seat sent, in order; its version numbers the requests."""

    class Opened(Aggregate.Created):
        exercise_id: str
        seat: str

    def __init__(self, exercise_id: str, seat: str) -> None:
        self.exercise_id = exercise_id
        self.seat = seat

    @classmethod
    def open(cls, exercise: UUID, seat: str) -> SeatInbox:
        return cls._create(cls.Opened, id=inbox_id(exercise, seat), exercise_id=str(exercise), seat=seat)

    class Requested(Aggregate.Event):
        """A decision, a facilitator control or an observation the seat asks the host to apply."""

        kind: str
        payload: dict[str, Any]
        mac: str

        def apply(self, inbox: SeatInbox) -> None:
            pass

    def request(self, kind: str, payload: dict[str, Any], mac: str) -> None:
        self.trigger_event(self.Requested, kind=kind, payload=payload, mac=mac)
