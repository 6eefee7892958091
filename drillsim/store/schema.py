"""Create a PostgreSQL store's tables once, however many processes open it at the same moment.

eventsourcing runs its CREATE TYPE / CREATE TABLE IF NOT EXISTS / CREATE OR REPLACE FUNCTION statements on
every open. Two processes doing that at once on a new database fail ("tuple concurrently updated",
duplicate pg_type rows). The store is therefore opened without table creation, and the statements run
under a PostgreSQL advisory lock, only while the tables are missing.
"""

from __future__ import annotations

from typing import Any

SCHEMA_LOCK = 0x6472_696C_6C73_696D
"""The advisory lock key ("drillsim" in ASCII) held while the tables are created."""


def ensure_postgres_schema(recorders: list[Any]) -> None:
    """Create the recorders' tables (all on one PostgreSQL datastore) unless they exist."""
    datastore = recorders[0].datastore
    tables = [f"{datastore.schema}.{r.events_table_name}" for r in recorders]
    if not _all_exist(datastore, tables):
        with datastore.get_connection() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
            try:
                if not _all_exist(datastore, tables):
                    for recorder in recorders:
                        recorder.create_table()
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))
    datastore.register_type_adapters()  # the composite type may have been created after the recorders were


def _all_exist(datastore: Any, tables: list[str]) -> bool:
    with datastore.transaction(commit=False) as curs:
        for table in tables:
            curs.execute("SELECT to_regclass(%s) AS found", (table,))
            row = curs.fetchone()
            if row is None or row["found"] is None:
                return False
    return True
