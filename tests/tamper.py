"""Raw access to a store's rows, as someone editing the database by hand would have (SQLite or PostgreSQL).

Only the tests use this: they alter rows behind drillsim's back and check that `verify` names the damage.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID


class RawLog:
    """One exercise's rows in the events table: (version, topic, state bytes)."""

    def __init__(self, url: str, ident: UUID) -> None:
        self.url = url
        self.ident = ident
        self.postgres = url.startswith("postgres")
        self.table = "drillsim_events" if self.postgres else "stored_events"
        self.key: Any = ident if self.postgres else ident.hex
        self.mark = "%s" if self.postgres else "?"

    @contextmanager
    def _db(self) -> Iterator[Any]:
        if self.postgres:
            import psycopg

            from drillsim.store.config import persistence_env

            env = persistence_env(self.url)
            with psycopg.connect(f"host={env['POSTGRES_HOST']} port={env['POSTGRES_PORT']} "
                                 f"user={env['POSTGRES_USER']} dbname={env['POSTGRES_DBNAME']}", autocommit=True) as c:
                yield c
        else:
            db = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            try:
                with db:
                    yield db
            finally:
                db.close()

    def _run(self, sql: str, *args: Any) -> list[Any]:
        with self._db() as db:
            cursor = db.execute(sql.replace("?", self.mark).replace("TABLE", self.table), args)
            return cursor.fetchall() if sql.startswith("SELECT") else []

    def rows(self) -> list[tuple[int, str, bytes]]:
        return [(v, t, bytes(s)) for v, t, s in self._run(
            "SELECT originator_version, topic, state FROM TABLE WHERE originator_id = ? ORDER BY originator_version",
            self.key)]

    def version_of(self, kind: str, which: int = 0) -> int:
        """The version of the `which`-th record of a kind (e.g. 'Ended', 'StepRecorded'; -1 for the last)."""
        return [v for v, topic, _ in self.rows() if topic.endswith(f".{kind}")][which]

    def state(self, version: int) -> dict[str, Any]:
        return json.loads(next(s for v, _, s in self.rows() if v == version))

    def set_state(self, version: int, state: dict[str, Any] | bytes) -> None:
        data = state if isinstance(state, bytes) else json.dumps(state, ensure_ascii=False).encode()
        self._run("UPDATE TABLE SET state = ? WHERE originator_id = ? AND originator_version = ?", data, self.key,
                  version)

    def edit(self, version: int, **fields: Any) -> None:
        self.set_state(version, {**self.state(version), **fields})

    def set_topic(self, version: int, topic: str) -> None:
        self._run("UPDATE TABLE SET topic = ? WHERE originator_id = ? AND originator_version = ?", topic, self.key,
                  version)

    def delete(self, version: int) -> None:
        self._run("DELETE FROM TABLE WHERE originator_id = ? AND originator_version = ?", self.key, version)

    def truncate(self, keep: int) -> None:
        self._run("DELETE FROM TABLE WHERE originator_id = ? AND originator_version > ?", self.key, keep)

    def renumber(self, old: int, new: int) -> None:
        self._run("UPDATE TABLE SET originator_version = ? WHERE originator_id = ? AND originator_version = ?", new,
                  self.key, old)

    def insert(self, version: int, topic: str, state: bytes) -> None:
        self._run("INSERT INTO TABLE (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)",
                  self.key, version, topic, state)

    def swap(self, a: int, b: int) -> None:
        """Exchange the contents (topic and state) of two rows, keeping their numbers."""
        rows = {v: (t, s) for v, t, s in self.rows()}
        for version, other in ((a, b), (b, a)):
            self.set_topic(version, rows[other][0])
            self.set_state(version, rows[other][1])
