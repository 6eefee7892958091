"""Writes the crafted exports of this folder (run from the repository root: python tests/fuzz/jsonl/make_import_cases.py).

Each is refused by `drillsim import` with exit 2 and one line naming file, line and field (tests/test_fuzz.py);
forged but well-formed exports are in tests/test_import.py, built from a real export.
"""

import json, copy
from pathlib import Path
out = Path("tests/fuzz/jsonl")
H = {"record": "exercise", "format": "drillsim-exercise", "format_version": 1,
     "id": "9f6d3a99-3490-5226-b3e3-faca358a58ad", "scenario_id": "ordos-coal-mine", "plan_id": "ordos-2024",
     "scenario_sha256": "a" * 64, "plan_sha256": "b" * 64, "layers_sha256": {"decree-493": "c" * 64},
     "engine_version": "4", "seed": 42, "policy": "plan", "human_roles": [], "participants": [],
     "start_clock": "2025-03-14T02:10:00+08:00", "parent_id": None, "fork": None,
     "scenario_path": "scenarios/ordos-coal-mine.yaml", "label": "", "created_at": "2026-11-23T00:00:00+00:00"}
STEP = {"record": "step", "t": 0, "events": [{"type": "exercise_started", "v": 1, "t": 0, "seq": 0,
        "scenario": "ordos-coal-mine", "plan": "ordos-2024", "seed": 42, "policy": "plan",
        "start_clock": "2025-03-14T02:10:00+08:00", "roles": {"enterprise": "computer"}}]}
def d(x): return json.dumps(x, ensure_ascii=False)
def head(**kw):
    h = copy.deepcopy(H); h.update(kw)
    for k, v in list(kw.items()):
        if v is KeyError: del h[k]
    return h
def write(name, lines):
    data = b"".join((l if isinstance(l, bytes) else l.encode()) + b"\n" for l in lines)
    (out / name).write_bytes(data)
def step(**kw):
    s = copy.deepcopy(STEP); s.update(kw); return s
def event(**kw):
    s = copy.deepcopy(STEP); s["events"][0].update(kw); return s
write("bad-id.jsonl", [d(head(id="not-a-uuid")), d(STEP)])
write("missing-id.jsonl", [d(head(id=KeyError)), d(STEP)])
write("nan-step-time.jsonl", [d(head()), d(STEP).replace('"t": 0,', '"t": NaN,', 1)])
write("infinity-seed.jsonl", [d(head()).replace('"seed": 42', '"seed": Infinity'), d(STEP)])
write("float-overflow-seed.jsonl", [d(head()).replace('"seed": 42', '"seed": 1e400'), d(STEP)])
write("huge-int-seed.jsonl", [d(head()).replace('"seed": 42', '"seed": ' + "9" * 5000), d(STEP)])
write("seed-is-true.jsonl", [d(head(seed=True)), d(STEP)])
write("non-utf8.jsonl", [d(head()).replace('"label": ""', '"label": "XX"').encode().replace(b"XX", b"\xff\xfe"), d(STEP)])
write("deep-json-100k.jsonl", [d(head()), '{"record": "step", "t": 0, "events": ' + "[" * 100_000 + "]" * 100_000 + "}"])
write("deep-json-70.jsonl", [d(head()), '{"record": "step", "t": 0, "events": [' + '{"a":' * 70 + "1" + "}" * 70 + "]}"])
write("empty.jsonl", [])
write("blank-lines-only.jsonl", ["", "   ", ""])
write("not-json.jsonl", ["{record: exercise}"])
write("first-record-is-a-step.jsonl", [d(STEP)])
write("first-record-is-a-list.jsonl", ["[]"])
write("newer-format.jsonl", [d(head(format_version=99)), d(STEP)])
write("format-version-is-text.jsonl", [d(head(format_version="abc")), d(STEP)])
write("step-t-soon.jsonl", [d(head()), d(step(t="soon"))])
write("event-t-soon.jsonl", [d(head()), d(event(t="soon"))])
write("negative-t.jsonl", [d(head()), d(step(t=-5))])
write("unknown-record.jsonl", [d(head()), d({"record": "rm -rf"})])
write("record-is-a-string.jsonl", [d(head()), d("step")])
write("duplicate-keys.jsonl", [d(head()).replace('"seed": 42', '"seed": 42, "seed": 43'), d(STEP)])
write("events-not-a-list.jsonl", [d(head()), d(step(events="many"))])
write("event-unknown-type.jsonl", [d(head()), d(event(type="__import__"))])
write("event-missing-fields.jsonl", [d(head()), d({"record": "step", "t": 0, "events": [{"type": "exercise_started", "t": 0, "seq": 0}]})])
write("events-out-of-order.jsonl", [d(head()), d(event(seq=5))])
write("policy-unknown.jsonl", [d(head(policy="os-system")), d(STEP)])
write("start-clock-bad.jsonl", [d(head(start_clock="yesterday")), d(STEP)])
write("label-20k.jsonl", [d(head(label="x" * 20_000)), d(STEP)])
write("fork-garbage.jsonl", [d(head(fork={"computer_overrides": {"x": 5}})), d(STEP)])
write("scenario-path-to-passwd.jsonl", [d(head(scenario_id="no-such-scenario", scenario_path="/etc/passwd")), d(STEP)])
write("scenario-id-is-a-path.jsonl", [d(head(scenario_id="../../etc/passwd")), d(STEP)])
write("layer-id-path-traversal.jsonl", [d(head(format_version=2, layers_sha256={"../../../../tmp/x": "c" * 64},
      content={"scenario": {"sha256": "a" * 64, "text": "x"}, "plan": {"sha256": "b" * 64, "text": "y"},
               "layers": {"../../../../tmp/x": {"sha256": "c" * 64, "text": "z"}}})), d(STEP)])
import hashlib
_lines = [d(head(format_version=2, content={"scenario": {"sha256": "a" * 64, "text": "x"},
      "plan": {"sha256": "b" * 64, "text": "y"}, "layers": {"decree-493": {"sha256": "c" * 64, "text": "z"}}})), d(STEP)]
write("content-hash-mismatch.jsonl", [*_lines, d({"record": "end", "records": 2,
      "sha256": hashlib.sha256("\n".join(_lines).encode()).hexdigest()})])
write("v2-without-end-record.jsonl", [d(head(format_version=2)), d(STEP)])
write("newer-engine.jsonl", [d(head(engine_version="999")), d(STEP)])
write("input-decision-garbage.jsonl", [d(head()), d(STEP), d({"record": "input", "t": 0, "kind": "decision", "payload": {"decision": {"type": "launch_missiles"}}})])
write("observation-empty-author.jsonl", [d(head()), d(STEP), d({"record": "observation", "author": "", "text": "x", "t": 0})])
write("forged-replay-divergence.jsonl", [d(head()), d(STEP)])
