"""Import a JSON-lines export: nothing is stored that `verify` would not accept, unless the user asks for it.

An export is hostile input. Each line is parsed with limits (UTF-8, JSON without NaN or duplicate keys, at
most 64 levels deep), each record validated by its strict model, the domain events checked for order, the
scenario taken from the carried content (hash-checked) or the catalog (never from the path in the file),
and the exercise re-simulated from its seed and inputs. Only a log identical to the re-simulation is stored;
with `allow_unverified` a refused one is stored too, marked as an unverified import.

An exercise recorded by an older engine cannot be re-simulated by this one (engines play differently across
versions); it is stored after the structural checks, and `verify` says which engine recorded it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from drillsim.engine import events as ev
from drillsim.decisions import parse_decision
from drillsim.engine.policies import POLICIES
from drillsim.engine.runner import ENGINE_VERSION
from drillsim.engine.state import ExerciseState
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.session.content import ContentError, check_content, materialize
from drillsim.session.export_records import (
    FORMAT,
    FORMAT_VERSION,
    RECORDS,
    EndedRecord,
    EndOfExport,
    FacilitatorRecord,
    Head,
    InputRecord,
    ObservationRecord,
    OverrideRecord,
    StepRecord,
    first_error,
)
from drillsim.session.live import CHECKPOINT_EVERY, decision_overrides, resimulate
from drillsim.session.provenance import content_hashes
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore
from drillsim.store.checkpoints import CheckpointWriter

MAX_EXPORT_BYTES = 256 << 20
"""Largest export file imported (a 24-hour exercise exports to a few MB)."""
MAX_LINE_BYTES = 64 << 20
MAX_DEPTH = 64
"""Deepest JSON nesting accepted (the deepest a real export has is about 8)."""
UNVERIFIED = "[unverified import] "
"""The label prefix of an exercise imported with allow_unverified although it failed the checks."""


class ExportFileError(ValueError):
    """An export file that cannot be imported; names the line (and column) and what is wrong, on one line."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.message, self.line, self.column = message, line, column
        where = "" if line is None else f"line {line}" + ("" if column is None else f", column {column}") + ": "
        super().__init__(where + message)

    def located(self, path: str) -> str:
        """`path:line:col: message` for the command line."""
        where = "".join(f":{n}" for n in (self.line, self.column) if n is not None)
        return f"{path}{where}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    """What an import stored."""

    id: UUID
    verified: bool
    """True: identical to a re-simulation from its seed and inputs."""
    notes: list[str] = field(default_factory=list)


@dataclass
class _Parsed:
    head: Head
    records: list[tuple[int, Any]]
    events: list[ev.DomainEvent]
    event_lines: list[int]


# --- parsing -------------------------------------------------------------------------------------------------

def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key[:40]!r}")
        out[key] = value
    return out


def _depth_ok(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


def parse_lines(lines: Iterable[bytes | str]) -> list[tuple[int, bytes, Any]]:
    """(line number, raw bytes, JSON value) of each non-blank line; ExportFileError names the first bad one."""
    rows: list[tuple[int, bytes, Any]] = []
    total = 0
    for number, line in enumerate(lines, start=1):
        raw = (line.encode("utf-8", "surrogateescape") if isinstance(line, str) else line).rstrip(b"\r\n")
        total += len(raw)
        if len(raw) > MAX_LINE_BYTES or total > MAX_EXPORT_BYTES:
            raise ExportFileError(f"too long (the limit is {MAX_LINE_BYTES:,} bytes a line, "
                                  f"{MAX_EXPORT_BYTES:,} a file)", number)
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ExportFileError(f"not UTF-8 (byte 0x{raw[error.start]:02x})", number, error.start + 1) from None
        try:
            value = json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as error:
            raise ExportFileError(f"not JSON ({error.msg})", number, error.colno) from None
        except RecursionError:
            raise ExportFileError(f"nested deeper than {MAX_DEPTH} levels", number) from None
        except ValueError as error:  # from the hooks (NaN, Infinity, a duplicate key) or a 5000-digit number
            message = "a number with too many digits" if "digits" in str(error) else str(error)
            raise ExportFileError(message, number) from None
        if not _depth_ok(value):
            raise ExportFileError(f"nested deeper than {MAX_DEPTH} levels", number)
        rows.append((number, raw, value))
    if not rows:
        raise ExportFileError("the file is empty")
    return rows


def _head(number: int, value: Any) -> Head:
    if not isinstance(value, dict) or value.get("record") != "exercise" or value.get("format") != FORMAT:
        raise ExportFileError("not a drillsim exercise export (the first record must be the 'exercise' record)",
                              number)
    version = value.get("format_version")
    if type(version) is int and version > FORMAT_VERSION:
        raise ExportFileError(f"format version {version} is newer than this drillsim reads ({FORMAT_VERSION})",
                              number)
    try:
        head = Head.model_validate(value)
    except ValidationError as error:
        raise ExportFileError(first_error(error), number) from None
    if head.policy not in POLICIES:
        raise ExportFileError(f"policy: unknown policy {head.policy!r} (known: {', '.join(POLICIES)})", number)
    try:
        decision_overrides(head.fork)
    except (ValidationError, ValueError, TypeError, AttributeError) as error:
        raise ExportFileError(f"fork: not a what-if fork ({str(error).splitlines()[0][:200]})", number) from None
    return head


def _records(rows: list[tuple[int, bytes, Any]], head: Head) -> list[tuple[int, Any]]:
    records: list[tuple[int, Any]] = []
    for index, (number, _, value) in enumerate(rows[1:], start=1):
        kind = value.get("record") if isinstance(value, dict) else None
        model = RECORDS.get(kind) if isinstance(kind, str) else None
        if model is None:
            raise ExportFileError(f"unknown record {str(kind)[:40]!r} (known: {', '.join(RECORDS)})", number)
        try:
            record = model.model_validate(value)
        except ValidationError as error:
            raise ExportFileError(first_error(error), number) from None
        if isinstance(record, EndOfExport):
            _check_end(record, rows, index)
            return records
        records.append((number, record))
    if head.format_version >= 2:
        raise ExportFileError("the file ends without its 'end' record: it was cut short", rows[-1][0])
    return records


def _check_end(end: EndOfExport, rows: list[tuple[int, bytes, Any]], index: int) -> None:
    number = rows[index][0]
    if index != len(rows) - 1:
        raise ExportFileError("records follow the 'end' record", rows[index + 1][0])
    if end.records != index:
        raise ExportFileError(f"the 'end' record counts {end.records} records, the file has {index}: records were "
                              "added or removed", number)
    digest = hashlib.sha256(b"\n".join(raw for _, raw, _ in rows[:index])).hexdigest()
    if digest != end.sha256:
        raise ExportFileError("the records do not match the SHA-256 of the 'end' record: the file was altered", number)


def _events(records: list[tuple[int, Any]]) -> tuple[list[ev.DomainEvent], list[int]]:
    """The domain events of the step records, checked for type, order and numbering."""
    events: list[ev.DomainEvent] = []
    lines: list[int] = []
    for number, record in records:
        if not isinstance(record, StepRecord):
            continue
        for position, data in enumerate(record.events):
            where = f"event {position} of the step"
            if type(data.get("t")) is not int or type(data.get("seq")) is not int:
                raise ExportFileError(f"{where}: 't' and 'seq' must be whole numbers", number)
            try:
                event = ev.from_dict(data)
            except Exception as error:  # noqa: BLE001 - from_dict on foreign data can fail in many ways
                raise ExportFileError(f"{where}: not a drillsim event ({str(error).splitlines()[0][:200]})",
                                      number) from None
            if event.seq != len(events):
                raise ExportFileError(f"{where} is numbered #{event.seq}, expected #{len(events)}: events are missing, "
                                      "repeated or out of order", number)
            if events and event.t < events[-1].t:
                raise ExportFileError(f"{where} (#{event.seq}) happens before the event it follows", number)
            events.append(event)
            lines.append(number)
    return events, lines


def _check_sequence(parsed: _Parsed) -> None:
    """Records in a possible order: nothing simulated after the end, times within the exercise, inputs valid."""
    ended = [(n, r) for n, r in parsed.records if isinstance(r, EndedRecord)]
    final = next((e for e in reversed(parsed.events) if isinstance(e, ev.ExerciseEnded)), None)
    if len(ended) > 1:
        raise ExportFileError("a second 'ended' record", ended[1][0])
    if final is not None and not ended:
        raise ExportFileError("the simulation ended but the file has no 'ended' record", parsed.event_lines[-1])
    if ended:
        number, record = ended[0]
        if final is None:
            raise ExportFileError("an 'ended' record, but the simulation never ended", number)
        if record.reason != final.reason:
            raise ExportFileError(f"reason: {record.reason!r}, but the simulation ended {final.reason!r}", number)
    seen_end = False
    start_t = parsed.events[0].t if parsed.events else 0
    for number, record in parsed.records:
        t = getattr(record, "t", None)
        if isinstance(t, int) and t < start_t:
            raise ExportFileError(f"t: {t} ms is before the exercise starts ({start_t} ms)", number)
    last_t = max([r.t for _, r in parsed.records if isinstance(r, (StepRecord, FacilitatorRecord, EndedRecord))],
                 default=0)
    for number, record in parsed.records:
        if seen_end and isinstance(record, (StepRecord, InputRecord)):
            raise ExportFileError(f"a '{record.record}' record after the exercise ended", number)
        seen_end = seen_end or isinstance(record, EndedRecord)
        if isinstance(record, ObservationRecord) and record.t > last_t:
            raise ExportFileError(f"t: the observation is at {record.t} ms, after the exercise's last moment "
                                  f"({last_t} ms)", number)
        if isinstance(record, InputRecord):
            _check_input(number, record)


def _check_input(number: int, record: InputRecord) -> None:
    payload = record.payload
    if record.kind == "decision":
        try:
            parse_decision(payload.get("decision"))  # type: ignore[arg-type]
        except ValidationError as error:
            raise ExportFileError(f"payload.decision: {first_error(error)}", number) from None
        return
    shapes = _INPUT_SHAPES[record.kind]
    if frozenset(payload) not in shapes or not all(isinstance(v, str) and len(v) <= 20_000 for v in payload.values()):
        wanted = " or ".join(", ".join(sorted(shape)) for shape in shapes)
        raise ExportFileError(f"payload: {record.kind} needs exactly {wanted}, as text", number)
    if record.kind == "steer_inject" and payload["action"] not in ("hold", "release", "advance", "edit"):
        raise ExportFileError("payload.action: expected hold, release, advance or edit", number)


_INPUT_SHAPES: dict[str, tuple[frozenset[str], ...]] = {
    "inject": (frozenset({"to_role", "text_zh", "text_en"}),),
    "steer_inject": (frozenset({"action", "inject"}), frozenset({"action", "inject", "text_zh", "text_en"})),
    "end": (frozenset({"reason"}),),
}
"""The payload keys of each input kind but decisions (session.live.apply_input reads them)."""


# --- the scenario ------------------------------------------------------------------------------------------

def _scenario(head: Head, given: LoadedScenario | None, content_dir: Any) -> LoadedScenario:
    if given is not None:
        return given
    if head.content is not None:
        try:
            check_content(head.content, head.scenario_sha256, head.plan_sha256, head.layers_sha256)
        except ContentError as error:
            raise ExportFileError(str(error), 1) from None
        return load_scenario(materialize(head.content, head.scenario_id, head.plan_id, content_dir))
    from drillsim.catalog import NotFound, find_scenario

    try:
        return load_scenario(find_scenario(head.scenario_id))
    except NotFound:
        raise ExportFileError(f"the export carries no scenario content and {head.scenario_id!r} is not a shipped "
                              "scenario: give its file with --scenario", 1) from None


def _unverifiable(head: Head, loaded: LoadedScenario) -> str | None:
    """Why this scenario cannot verify the exercise (None: it is the one the exercise ran)."""
    if (loaded.scenario.id, loaded.plan.definition.id) != (head.scenario_id, head.plan_id):
        return (f"the scenario is {loaded.scenario.id} under plan {loaded.plan.definition.id}, the exercise ran "
                f"{head.scenario_id} under {head.plan_id}")
    roles = {role.id for role in loaded.scenario.roles}
    if unknown := [r for r in head.human_roles if r not in roles]:
        return f"human_roles: {', '.join(unknown)} are not roles of {head.scenario_id}"
    return None


# --- building and checking the log ---------------------------------------------------------------------------

def _provenance(head: Head, loaded: LoadedScenario, label: str) -> dict[str, Any]:
    data = head.model_dump(exclude={"record", "format", "format_version", "id", "content"})
    return {**data, "scenario_path": str(loaded.path.resolve()), "label": label}


def _fill(log: ExerciseLog, records: list[tuple[int, Any]]) -> None:
    """Append the records to `log`, with checkpoints rebuilt every CHECKPOINT_EVERY events."""
    state, checkpoints = ExerciseState(), CheckpointWriter()
    next_checkpoint = CHECKPOINT_EVERY
    for _, record in records:
        if isinstance(record, StepRecord):
            events = [ev.from_dict(data) for data in record.events]
            for event in events:
                state.apply(event)
            log.record_step(record.t, [ev.to_dict(event) for event in events])
            if state.seq >= next_checkpoint:
                checkpoints.write(log, state)
                next_checkpoint = (state.seq // CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY
        elif isinstance(record, InputRecord):
            log.record_input(record.t, record.kind, record.payload)
        elif isinstance(record, FacilitatorRecord):
            log.facilitate(record.t, record.action, record.value)
        elif isinstance(record, ObservationRecord):
            log.observe(record.author, record.text, record.t, record.area, record.recorded_at)
        elif isinstance(record, OverrideRecord):
            log.override(record.finding_id, record.author, record.reason, dict(record.changes), record.recorded_at)
        elif isinstance(record, EndedRecord):
            log.end(record.t, record.reason)


def _divergence(parsed: _Parsed, log: ExerciseLog, loaded: LoadedScenario) -> str | None:
    """Where the file's events differ from a re-simulation from its seed and inputs (None: identical)."""
    inputs = [(r.t, r.kind, r.payload) for _, r in parsed.records if isinstance(r, InputRecord)]
    try:
        replayed = [ev.to_dict(e) for e in resimulate(loaded, log, inputs, None if log.status == "ended"
                                                      else log.last_t).events]
    except Exception as error:  # noqa: BLE001 - forged inputs can make the engine refuse in many ways
        return f"its inputs cannot be replayed ({str(error).splitlines()[0][:200]})"
    stored = [ev.to_dict(e) for e in parsed.events]
    for index, (a, b) in enumerate(zip(stored, replayed)):
        if a != b:
            key = next((k for k in {**a, **b} if a.get(k) != b.get(k)), "type")
            return (f"line {parsed.event_lines[index]}: event #{index} differs from a re-simulation from the seed and "
                    f"inputs ({key}: {json.dumps(a.get(key), ensure_ascii=False)[:80]} in the file, "
                    f"{json.dumps(b.get(key), ensure_ascii=False)[:80]} re-simulated)")
    if len(stored) != len(replayed):
        return f"the file has {len(stored)} events, a re-simulation from the seed and inputs {len(replayed)}"
    return None


def import_export(store: ExerciseStore, lines: Iterable[bytes | str], new_id: bool = False,
                  scenario: LoadedScenario | None = None, allow_unverified: bool = False,
                  content_dir: Any = None) -> ImportResult:
    """Check an export and store it as a new exercise (see the module docstring).

    Keeps the exported id unless the store has it (then an error, or with `new_id` a copy under a new id).
    `scenario` replaces the carried or shipped scenario; `content_dir` where carried content is written.
    """
    rows = parse_lines(lines)
    head = _head(rows[0][0], rows[0][2])
    records = _records(rows, head)
    events, event_lines = _events(records)
    parsed = _Parsed(head, records, events, event_lines)
    _check_sequence(parsed)
    recorded, current = int(head.engine_version), int(ENGINE_VERSION)
    if recorded > current:
        raise ExportFileError(f"recorded by engine {recorded}, newer than this drillsim's engine {current}", 1)
    loaded = _scenario(head, scenario, content_dir)
    ident = UUID(head.id)
    probe = ExerciseLog.create(ident, **_provenance(head, loaded, head.label))
    _fill(probe, records)
    notes: list[str] = []
    if content_hashes(loaded) != (head.scenario_sha256, head.plan_sha256, head.layers_sha256):
        notes.append("the scenario, its plan or a layer has changed since the exercise (SHA-256 differs)")
    problem = _unverifiable(head, loaded)
    if problem is None and recorded == current:
        problem = _divergence(parsed, probe, loaded)
    elif problem is None:
        notes.append(f"recorded by engine {recorded}; this drillsim (engine {current}) plays differently and cannot "
                     "re-simulate it: stored after the structural checks")
    if problem is not None and not allow_unverified:
        raise ExportFileError(f"not stored: {problem} (--allow-unverified stores it marked as unverified)")
    label = head.label if problem is None else UNVERIFIED + head.label
    if problem is not None:
        notes.append(f"stored as an unverified import: {problem}")
    if store.exists(ident):
        if not new_id:
            raise ExportFileError(f"exercise {ident.hex[:8]} is already in this store (use --new-id to import a copy)")
        log = store.create(_provenance(head, loaded, label + " (imported copy)"))
    else:
        log = ExerciseLog.create(ident, **_provenance(head, loaded, label))
    _fill(log, records)
    if problem is not None:
        log.facilitate(log.last_t, "note", f"unverified import: {problem}"[:20_000])
    store.save(log)
    return ImportResult(log.id, problem is None, notes)
