"""Export an exercise to JSON lines or CSV, and import a JSON-lines export into a store."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO
from uuid import UUID

from drillsim.engine import events as ev
from drillsim.loading.scenarios import LoadedScenario
from drillsim.render.timeline import EventDescriber, clock
from drillsim.session.content import bundle
from drillsim.session.export_records import FORMAT, FORMAT_VERSION
from drillsim.session.importing import ExportFileError, import_export
from drillsim.session.live import scenario_for
from drillsim.session.provenance import content_hashes
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore

__all__ = ["ExportFileError", "export_csv", "export_jsonl", "import_jsonl", "write_lines"]

_PROVENANCE = ("scenario_id", "plan_id", "scenario_sha256", "plan_sha256", "layers_sha256", "engine_version", "seed",
               "policy", "human_roles", "participants", "start_clock", "parent_id", "fork", "scenario_path", "label",
               "created_at")


def export_jsonl(store: ExerciseStore, ident: UUID) -> Iterator[str]:
    """The whole exercise log as JSON lines: provenance and the data files' content first, then every record in
    stored order, then an end record with their count and SHA-256 (so a cut or edited file is noticed)."""
    log = store.log(ident)
    head = {"record": "exercise", "format": FORMAT, "format_version": FORMAT_VERSION, "id": str(ident)}
    head.update({k: getattr(log, k) for k in _PROVENANCE})
    content = _content(log)
    if content is not None:
        head["content"] = content
    digest, count = hashlib.sha256(), 0
    for line in _lines(head, store.stored(ident, gt=1)):
        digest.update(b"\n" if count else b"")
        digest.update(line.encode("utf-8"))
        count += 1
        yield line
    yield json.dumps({"record": "end", "records": count, "sha256": digest.hexdigest()})


def _lines(head: dict[str, Any], stored: Iterable[Any]) -> Iterator[str]:
    yield json.dumps(head, ensure_ascii=False)
    for record in map(_record, stored):
        if record is not None:
            yield json.dumps(record, ensure_ascii=False)


def _content(log: ExerciseLog) -> dict[str, Any] | None:
    """The scenario, plan and layers the exercise ran, if the files at hand are still those (same SHA-256)."""
    try:
        loaded = scenario_for(log)
    except Exception:  # noqa: BLE001 - no scenario at hand: the export carries provenance only
        return None
    if content_hashes(loaded) != (log.scenario_sha256, log.plan_sha256, log.layers_sha256):
        return None
    return bundle(loaded)


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


def import_jsonl(store: ExerciseStore, lines: Iterable[bytes | str], new_id: bool = False,
                 scenario: LoadedScenario | None = None, allow_unverified: bool = False) -> UUID:
    """Create an exercise from an export after checking it (session/importing.py); returns its id."""
    return import_export(store, lines, new_id, scenario, allow_unverified).id


def write_lines(lines: Iterable[str], out: TextIO) -> None:
    for line in lines:
        out.write(line + "\n")
