"""Following the store as it grows: every process of a multi-seat drill reads the same notification log.

`StoreFollower.read()` returns the records stored since the last read, in store order (eventsourcing's
`select_notifications`); `wait(timeout)` blocks until there may be more. On PostgreSQL it LISTENs on the
channel eventsourcing's insert function NOTIFYs on every insert; SQLite has no notifications, so it polls
`max_notification_id()` at a short interval.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from eventsourcing.utils import get_topic

from drillsim.store.application import ExerciseStore

PAGE = 500
POLL_SECONDS = 0.02
"""How often a SQLite follower looks for new records while it waits."""


class StoreFollower:
    """Reads what was stored after a position, and waits for news."""

    def __init__(self, store: ExerciseStore, kinds: Sequence[type] = (), position: int = 0) -> None:
        self.store = store
        self.topics = [get_topic(kind) for kind in kinds]
        """Only records of these classes are read (all, when none are given)."""
        self.position = position
        """The newest record already read."""
        self._listener: Any = None
        if _is_postgres(store):
            self._listener = _listen(store)

    def read(self) -> list[tuple[int, Any]]:
        """Every record stored since the last read (of the followed topics), oldest first."""
        top = self.store.last_notification()  # read up to here, so that records of other topics are passed too
        out: list[tuple[int, Any]] = []
        while self.position < top:
            page = self.store.notifications_after(self.position, self.topics, stop=top)
            out.extend(page)
            if len(page) < PAGE:
                self.position = top
            else:
                self.position = page[-1][0]
        return out

    def wait(self, timeout: float) -> bool:
        """Block until something may have been stored (True) or `timeout` seconds pass (False)."""
        if self._listener is not None:
            return any(True for _ in self._listener.notifies(timeout=timeout, stop_after=1))
        deadline = time.monotonic() + timeout
        while True:
            if self.store.last_notification() > self.position:
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(POLL_SECONDS, left))

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None


def _is_postgres(store: ExerciseStore) -> bool:
    return type(store.recorder).__module__.endswith("postgres")


def _listen(store: ExerciseStore) -> Any:
    """A connection of its own that LISTENs on the channel eventsourcing NOTIFYs after each insert."""
    import psycopg
    from psycopg import sql

    recorder: Any = store.recorder
    settings = {k: v for k, v in recorder.datastore.pool.kwargs.items() if k != "row_factory"}
    connection = psycopg.connect(**settings, autocommit=True)
    connection.execute(sql.SQL("LISTEN {0}").format(sql.Identifier(recorder.channel_name)))
    return connection
