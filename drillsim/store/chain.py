"""The exercise log's hash chain: every record carries the digest of its own content and of the record before.

An edit changes a record's content (its digest no longer matches), a deletion, duplication or reordering
breaks a link, a renumbering leaves a gap or a broken link, so `drillsim verify` finds and names each of
them. The chain covers the store records (exercise log events), not the engine's domain events inside them,
which stay byte-identical. It is tamper-evidence, not a signature: whoever can write the store can also
recompute the chain.

Logs written before the chain existed have records without links; they are reported as unchained, not as
tampered. A log resumed by a chaining drillsim links its new records to the digest of its last old one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from drillsim.render.timeline import clock

GENESIS = ""
"""The link of an exercise's first record (its Created record)."""

UNHASHED = ("originator_version", "digest")
"""Fields outside a record's digest: its position is checked by the links, and the digest cannot cover itself."""


def _plain(value: object) -> str:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def content_digest(topic: str, state: Mapping[str, Any]) -> str:
    """SHA-256 of a record's topic and fields (top-level keys sorted; nested order kept as stored)."""
    content = {k: state[k] for k in sorted(state) if k not in UNHASHED}
    text = json.dumps([topic, content], separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_digest(event: Any) -> str:
    """The digest a stored record should carry, recomputed from its decoded content."""
    from eventsourcing.utils import get_topic

    return content_digest(get_topic(type(event)), vars(event))


@dataclass(frozen=True)
class RecordSummary:
    """What the chain check needs of one stored record."""

    version: int
    kind: str
    t: int | None
    digest: str
    """As recomputed from the content."""
    stored_digest: str | None
    """As stored (None: a record of a drillsim before the chain)."""
    link: str | None


@dataclass
class ChainReport:
    """What the chain check found: the records' count and every problem, each naming its record."""

    records: int = 0
    unchained: int = 0
    """Records written by a drillsim before the chain (their edits cannot be detected)."""
    problems: list[str] = field(default_factory=list)
    last_version: int = 0
    head: str = GENESIS

    @property
    def intact(self) -> bool:
        return not self.problems


def _name(record: RecordSummary) -> str:
    at = f" at {clock(record.t)}" if record.t is not None else ""
    return f"record v{record.version} ({record.kind}{at})"


def summarize(version: int, event: Any) -> RecordSummary:
    """One decoded record, reduced to what the chain check compares."""
    state = vars(event)
    t = state.get("t")
    return RecordSummary(version, type(event).__name__, t if isinstance(t, int) else None, record_digest(event),
                         state.get("digest"), state.get("prev"))


def check_chain(records: Iterable[RecordSummary | str], created_kind: str = "Created") -> ChainReport:
    """Check versions, links and digests of one exercise's records, oldest first.

    A str in `records` is a record that could not be read (the message names it).
    """
    report = ChainReport()
    summaries: list[RecordSummary] = []
    for record in records:
        report.records += 1
        if isinstance(record, str):
            report.problems.append(record)
        else:
            summaries.append(record)
    first_digest = {}
    for record in summaries:
        first_digest.setdefault(record.stored_digest or record.digest, record.version)
    expected, previous, head, chained = 1, None, GENESIS, False
    for record in summaries:
        if record.version != expected:
            missing = (f"v{expected}" if record.version == expected + 1 else f"v{expected}–v{record.version - 1}")
            report.problems.append(f"record {missing} missing before {_name(record)}: deleted, or records renumbered"
                                   if expected > 1 else f"the Created record (v1) is missing; the log starts at "
                                   f"{_name(record)}")
        if record.version == 1 and record.kind != created_kind:
            report.problems.append(f"{_name(record)} should be the exercise's Created record")
        elif record.version > 1 and record.kind == created_kind:
            report.problems.append(f"{_name(record)} is a second Created record")
        if record.stored_digest is None:
            report.unchained += 1
            if chained:
                report.problems.append(f"{_name(record)} has no chain link although earlier records have: "
                                       "it was written or altered outside drillsim")
        else:
            chained = True
            if record.stored_digest != record.digest:
                report.problems.append(f"{_name(record)} was altered: its content does not match its digest")
            if record.link != head:
                report.problems.append(_broken_link(record, previous, first_digest))
            earlier = first_digest.get(record.stored_digest)
            if earlier is not None and earlier != record.version:
                report.problems.append(f"{_name(record)} duplicates record v{earlier}")
        head = record.stored_digest or record.digest
        previous, expected = record, record.version + 1
    report.last_version = summaries[-1].version if summaries else 0
    report.head = head
    return report


def _broken_link(record: RecordSummary, previous: RecordSummary | None, first_digest: dict[str, int]) -> str:
    before = f"record v{previous.version}" if previous is not None else "the start of the log"
    linked = first_digest.get(record.link or "")
    if record.link == GENESIS:
        return f"{_name(record)} claims to be the first record but follows {before}: records were reordered"
    if linked is not None:
        return (f"{_name(record)} should follow record v{linked}, not {before}: "
                "records were reordered, duplicated or renumbered")
    return f"{_name(record)} does not follow {before}: a record between them was deleted or {before} was replaced"
