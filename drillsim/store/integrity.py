"""Check one exercise's stored records as they are in the database: readable, allowed, numbered, chained.

Reads the raw rows (never through the aggregate, which refuses a damaged log), so a deleted, renumbered,
reordered, duplicated, edited or foreign record is named instead of crashing the reader. The newest
snapshot is the anchor against truncation: it records how long the log was and its chain head then.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

from eventsourcing.domain import Snapshot

from drillsim.store.chain import ChainReport, RecordSummary, check_chain, summarize

_PAGE = 500


class DamagedLog(ValueError):
    """An exercise log the store cannot rebuild (a record is missing, foreign or unreadable)."""


def check_records(store: Any, ident: UUID) -> ChainReport:
    """The chain report of exercise `ident`, including the snapshot anchor."""
    heads: dict[int, str] = {}

    def read() -> Iterator[RecordSummary | str]:
        for stored in _rows(store.recorder, ident):
            try:
                event = store.mapper.to_domain_event(stored)
            except Exception as error:  # noqa: BLE001 - a damaged row can fail in any way; the report names it
                yield f"record v{stored.originator_version} cannot be read: {first_line(error)}"
                continue
            summary = summarize(stored.originator_version, event)
            heads[summary.version] = summary.stored_digest or summary.digest
            yield summary

    report = check_chain(read())
    _check_snapshot(store, ident, report, heads)
    return report


def _rows(recorder: Any, ident: UUID) -> Iterator[Any]:
    gt = None
    while True:
        page = recorder.select_events(ident, gt=gt, limit=_PAGE)
        yield from page
        if len(page) < _PAGE:
            return
        gt = page[-1].originator_version


def _check_snapshot(store: Any, ident: UUID, report: ChainReport, heads: dict[int, str]) -> None:
    if store.snapshots is None:
        return
    rows = store.snapshots.recorder.select_events(ident, desc=True, limit=1)
    if not rows:
        return
    try:
        snapshot = store.mapper.to_domain_event(rows[0])
    except Exception as error:  # noqa: BLE001
        report.problems.append(f"snapshot v{rows[0].originator_version} cannot be read: {first_line(error)}")
        return
    if not isinstance(snapshot, Snapshot):
        report.problems.append(f"snapshot v{rows[0].originator_version} is not a snapshot")
        return
    version = snapshot.originator_version
    if version > report.last_version:
        report.problems.append(f"the log ends at record v{report.last_version} but was snapshotted at v{version}: "
                               "its later records were deleted (truncated)")
        return
    head = snapshot.state.get("chain_head")
    if head and heads.get(version) != head:
        report.problems.append(f"the snapshot at v{version} does not match record v{version}: one was altered")


def first_line(error: BaseException) -> str:
    """An exception as one short line: its class and the first line of its message."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200] if text else ''}"


def originator_ids(recorder: Any) -> list[UUID]:
    """Every exercise id with at least one record, whether or not its Created record survives."""
    table = getattr(recorder, "events_table_name", None)
    datastore = getattr(recorder, "datastore", None)
    if table is None or datastore is None:  # the in-memory store: read its notifications
        seen: dict[UUID, None] = {}
        for notification in recorder.select_notifications(start=1, limit=10**9):
            seen.setdefault(notification.originator_id, None)
        return list(seen)
    placeholder = "%s" if type(recorder).__module__.endswith("postgres") else "?"
    schema = getattr(datastore, "schema", "")
    name = f'"{schema}"."{table}"' if schema else f'"{table}"'
    ids: list[UUID] = []
    last: Any = None
    with datastore.transaction(commit=False) as curs:
        while True:  # a skip scan over the primary key: one index probe per exercise
            where, args = ("", ()) if last is None else (f"WHERE originator_id > {placeholder}", (last,))
            curs.execute(f"SELECT originator_id AS id FROM {name} {where} "  # noqa: S608 - names from the recorder
                         "ORDER BY originator_id LIMIT 1", args)
            row = curs.fetchone()
            value = row["id"] if row is not None else None
            if value is None:
                return ids
            last = value
            ids.append(value if isinstance(value, UUID) else UUID(str(value)))
