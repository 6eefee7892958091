"""Export an exercise to JSON lines or CSV, and import a JSON-lines export into a store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO
from uuid import UUID

from drillsim.engine import events as ev
from drillsim.engine.state import ExerciseState
from drillsim.render.timeline import EventDescriber, clock
from drillsim.session.live import CHECKPOINT_EVERY, scenario_for
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore
from drillsim.store.checkpoints import CheckpointWriter

FORMAT = "drillsim-exercise"
FORMAT_VERSION = 1
_PROVENANCE = ("scenario_id", "plan_id", "scenario_sha256", "plan_sha256", "layers_sha256", "engine_version", "seed",
               "policy", "human_roles", "participants", "start_clock", "parent_id", "fork", "scenario_path", "label",
               "created_at")


class ExportFileError(ValueError):
    """An export file that cannot be imported; the message names the line."""


def export_jsonl(store: ExerciseStore, ident: UUID) -> Iterator[str]:
    """The whole exercise log as JSON lines: provenance first, then every record in stored order."""
    log = store.log(ident)
    head = {"record": "exercise", "format": FORMAT, "format_version": FORMAT_VERSION, "id": str(ident)}
    head.update({k: getattr(log, k) for k in _PROVENANCE})
    yield json.dumps(head, ensure_ascii=False)
    for stored in store.stored(ident, gt=1):
        record = _record(stored)
        if record is not None:
            yield json.dumps(record, ensure_ascii=False)


def _record(stored: Any) -> dict[str, Any] | None:
    if isinstance(stored, ExerciseLog.StepRecorded):
        return {"record": "step", "t": stored.t, "events": stored.events}
    if isinstance(stored, ExerciseLog.InputRecorded):
        return {"record": "input", "t": stored.t, "kind": stored.kind, "payload": stored.payload}
    if isinstance(stored, ExerciseLog.FacilitatorActed):
        return {"record": "facilitator", "t": stored.t, "action": stored.action, "value": stored.value}
    if isinstance(stored, ExerciseLog.ObservationRecorded):
        return {"record": "observation", "author": stored.author, "text": stored.text, "t": stored.t,
                "area": stored.area, "recorded_at": stored.recorded_at}
    if isinstance(stored, ExerciseLog.OverrideRecorded):
        return {"record": "override", "finding_id": stored.finding_id, "author": stored.author,
                "reason": stored.reason, "changes": stored.changes, "recorded_at": stored.recorded_at}
    if isinstance(stored, ExerciseLog.Ended):
        return {"record": "ended", "t": stored.t, "reason": stored.reason}
    return None  # checkpoints are derived data; import rebuilds them


def export_csv(store: ExerciseStore, ident: UUID, lang: str = "en") -> str:
    """The domain events as CSV: seq, t (ms), clock, type, description, data (JSON)."""
    log = store.log(ident)
    describer = EventDescriber(scenario_for(log).plan.definition, "zh" if lang == "zh" else "en")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["seq", "t_ms", "clock", "type", "description", "data"])
    for e in store.domain_events(ident):
        data = ev.to_dict(e)
        writer.writerow([e.seq, e.t, clock(e.t), e.kind, describer.describe(e),
                         json.dumps({k: v for k, v in data.items() if k not in ("type", "seq", "t")}, ensure_ascii=False)])
    return out.getvalue()


def import_jsonl(store: ExerciseStore, lines: Iterable[str], new_id: bool = False) -> UUID:
    """Create an exercise from an export. Keeps its id unless it exists (then an error, or a new id)."""
    rows = _parse(lines)
    head = rows[0][1]
    if head.get("record") != "exercise" or head.get("format") != FORMAT:
        raise ExportFileError(f"line {rows[0][0]}: not a drillsim exercise export (first record must be 'exercise')")
    if int(head.get("format_version", 0)) > FORMAT_VERSION:
        raise ExportFileError(f"line {rows[0][0]}: format version {head['format_version']} is newer than this drillsim")
    ident = UUID(head["id"])
    provenance = {k: head.get(k) for k in _PROVENANCE}
    provenance.setdefault("created_at", "")
    if store._exists(ident):
        if not new_id:
            raise ExportFileError(f"exercise {ident.hex[:8]} is already in this store (use --new-id to import a copy)")
        log = store.create({**provenance, "label": (provenance.get("label") or "") + " (imported copy)"})
    else:
        log = ExerciseLog.create(ident, **provenance)
    state, checkpoints = ExerciseState(), CheckpointWriter()
    next_checkpoint = CHECKPOINT_EVERY
    for number, row in rows[1:]:
        kind = row.get("record")
        try:
            if kind == "step":
                events = [ev.from_dict(data) for data in row["events"]]
                for event in events:
                    state.apply(event)
                log.record_step(row["t"], [ev.to_dict(event) for event in events])
                if state.seq >= next_checkpoint:
                    checkpoints.write(log, state)
                    next_checkpoint = (state.seq // CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY
            elif kind == "input":
                log.record_input(row["t"], row["kind"], row["payload"])
            elif kind == "facilitator":
                log.facilitate(row["t"], row["action"], row["value"])
            elif kind == "observation":
                log.observe(row["author"], row["text"], row["t"], row.get("area"), row.get("recorded_at", ""))
            elif kind == "override":
                log.override(row["finding_id"], row["author"], row["reason"], row["changes"], row.get("recorded_at", ""))
            elif kind == "ended":
                log.end(row["t"], row["reason"])
            else:
                raise ExportFileError(f"line {number}: unknown record {kind!r}")
        except (KeyError, TypeError) as error:
            raise ExportFileError(f"line {number}: malformed {kind!r} record ({error})") from None
    store.save(log)
    return log.id


def _parse(lines: Iterable[str]) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            raise ExportFileError(f"line {number}: not JSON ({error.msg})") from None
    if not rows:
        raise ExportFileError("the file is empty")
    return rows


def write_lines(lines: Iterable[str], out: TextIO) -> None:
    for line in lines:
        out.write(line + "\n")
