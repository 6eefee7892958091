"""Import stores nothing `verify` would not accept: forged exports are refused with their line, unless the user
asks for them, and then they are marked. Exports carry their scenario content; the path in the file is never read.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from drillsim.session.exchange import ExportFileError, export_jsonl, import_jsonl
from drillsim.session.importing import UNVERIFIED, import_export
from drillsim.session.live import LiveSession
from drillsim.session.replay import verify
from drillsim.store.aggregate import ExerciseLog
from drillsim.store.application import ExerciseStore
from tests.conftest import MINI_MINE, REPO

MIN = 60_000


@pytest.fixture
def exported(tmp_path: Path, mini_mine) -> list[dict]:
    """A played mini-mine exercise with a person's inject and an observation, exported (records as dicts)."""
    url = f"sqlite:///{tmp_path / 'source.sqlite'}"
    store = ExerciseStore.open(url)
    session = LiveSession.start(store, mini_mine, seed=8, human_roles=["banner"])
    session.run(until=20 * MIN)
    session.inject("enterprise", "再次透水", "a second inrush")
    session.run()
    store.close()
    from drillsim.workspace import Workspace

    with Workspace(url) as workspace:
        workspace.replay(session.id).observe("李静", "the county heard late", 30 * MIN, "reporting")
    store = ExerciseStore.open(url)
    rows = [json.loads(line) for line in export_jsonl(store, session.id)]
    store.close()
    return rows


def reseal(rows: list[dict]) -> list[str]:
    """The rows as lines, with the end record recomputed (as a forger who read the format would)."""
    lines = [json.dumps(r, ensure_ascii=False) for r in rows if r["record"] != "end"]
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return [*lines, json.dumps({"record": "end", "records": len(lines), "sha256": digest})]


def fresh(tmp_path: Path, name: str = "target") -> ExerciseStore:
    return ExerciseStore.open(f"sqlite:///{tmp_path / name}.sqlite")


def steps(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["record"] == "step" and r["events"]]


def test_a_round_trip_verifies_and_reads_no_path_from_the_file(tmp_path: Path, exported: list[dict]) -> None:
    exported[0]["scenario_path"] = "/etc/passwd"
    store = fresh(tmp_path)
    result = import_export(store, reseal(exported))
    assert result.verified and not result.notes
    log = store.log(result.id)
    assert log.scenario_path != "/etc/passwd" and Path(log.scenario_path).is_relative_to(tmp_path.parent.parent)
    report = verify(store, result.id)
    assert report.identical and not report.problems and report.chain.unchained == 0


def test_the_carried_content_replaces_a_missing_scenario_file(tmp_path: Path, mini_mine) -> None:
    """The scenario file the exercise ran is gone on the importing side; the export carried it."""
    folder = tmp_path / "elsewhere"
    shutil.copytree(MINI_MINE.parent.parent.parent.parent / "scenarios" / "plans", folder / "plans")
    shutil.copy(MINI_MINE, folder / "mini-mine.yaml")
    from drillsim.loading.scenarios import load_scenario

    store = fresh(tmp_path, "source")
    session = LiveSession.start(store, load_scenario(folder / "mini-mine.yaml"), seed=2)
    session.run()
    lines = list(export_jsonl(store, session.id))
    shutil.rmtree(folder)
    target = fresh(tmp_path)
    ident = import_jsonl(target, lines)
    assert verify(target, ident).identical


def _forge(rows: list[dict], change: Callable[[list[dict]], None]) -> list[str]:
    change(rows)
    return reseal(rows)


def _deaths(rows: list[dict]) -> None:
    event = next(e for r in steps(rows) for e in r["events"] if "figures" in e)
    event["figures"]["deaths"] = 99


def _swap_events(rows: list[dict]) -> None:
    events = max(steps(rows), key=lambda r: len(r["events"]))["events"]
    events[1], events[2] = events[2], events[1]


def _duplicate_event(rows: list[dict]) -> None:
    events = steps(rows)[-1]["events"]
    events.insert(1, dict(events[0]))


def _policy(rows: list[dict]) -> None:
    rows[0]["policy"] = "late-reporter"


def _seed(rows: list[dict]) -> None:
    rows[0]["seed"] = 9


def _end_reason(rows: list[dict]) -> None:
    ended = next(r for r in rows if r["record"] == "ended")
    assert ended["reason"] == "time_limit"  # nobody played the banner role, so the clock ran out
    ended["reason"] = "terminated"


def _end_reason_everywhere(rows: list[dict]) -> None:
    _end_reason(rows)
    next(e for r in steps(rows) for e in r["events"] if e["type"] == "exercise_ended")["reason"] = "terminated"


def _late_observation(rows: list[dict]) -> None:
    next(r for r in rows if r["record"] == "observation")["t"] = 10**9


def _soon(rows: list[dict]) -> None:
    steps(rows)[1]["events"][0]["t"] = "soon"


def _soon_record(rows: list[dict]) -> None:
    steps(rows)[1]["t"] = "soon"


def _input(rows: list[dict]) -> None:
    next(r for r in rows if r["record"] == "input")["payload"]["to_role"] = "nobody"


def _scenario_text(rows: list[dict]) -> None:
    rows[0]["content"]["scenario"]["text"] += "\n# edited\n"


def _scenario_text_and_hash(rows: list[dict]) -> None:
    entry = rows[0]["content"]["scenario"]
    entry["text"] += "\n# edited\n"
    entry["sha256"] = hashlib.sha256(entry["text"].encode()).hexdigest()


FORGED: dict[str, tuple[Callable[[list[dict]], None], str]] = {
    "deaths": (_deaths, "differs from a re-simulation from the seed and inputs (figures:"),
    "seed": (_seed, "differs from a re-simulation"),
    "policy": (_policy, "differs from a re-simulation"),
    "end reason": (_end_reason, "reason: 'terminated', but the simulation ended 'time_limit'"),
    "end reason and end event": (_end_reason_everywhere, "differs from a re-simulation"),
    "observation after the end": (_late_observation, "t: the observation is at 1000000000 ms, after the exercise"),
    "reordered events": (_swap_events, "expected #"),
    "duplicated event": (_duplicate_event, "events are missing, repeated or out of order"),
    "t is 'soon'": (_soon, "'t' and 'seq' must be whole numbers"),
    "step t is 'soon'": (_soon_record, "t: Input should be a valid integer"),
    "inject to nobody": (_input, "its inputs cannot be replayed (unknown role 'nobody'"),
    "scenario text": (_scenario_text, "the carried scenario does not match its SHA-256"),
    "scenario text and its hash": (_scenario_text_and_hash, "the carried scenario is not the one the exercise recorded"),
}


@pytest.mark.parametrize("kind", FORGED)
def test_a_forged_export_is_refused_with_its_line(tmp_path: Path, exported: list[dict], kind: str) -> None:
    change, words = FORGED[kind]
    store = fresh(tmp_path)
    with pytest.raises(ExportFileError) as caught:
        import_export(store, _forge(exported, change))
    assert words in str(caught.value), str(caught.value)
    assert "\n" not in str(caught.value)
    assert store.summaries() == []


def test_a_truncated_export_is_refused(tmp_path: Path, exported: list[dict]) -> None:
    lines = reseal(exported)
    store = fresh(tmp_path)
    with pytest.raises(ExportFileError, match="without its 'end' record: it was cut short"):
        import_export(store, lines[: len(lines) // 2])
    cut = lines[:3] + lines[-1:]
    with pytest.raises(ExportFileError, match="counts .* records, the file has 3: records were added or removed"):
        import_export(store, cut)
    assert store.summaries() == []


def test_an_edited_export_without_a_new_end_record_is_refused(tmp_path: Path, exported: list[dict]) -> None:
    lines = reseal(exported)
    lines[2] = lines[2].replace('"t": ', '"t":  ', 1)
    with pytest.raises(ExportFileError, match="do not match the SHA-256 of the 'end' record"):
        import_export(fresh(tmp_path), lines)


def test_allow_unverified_stores_a_forgery_marked(tmp_path: Path, exported: list[dict]) -> None:
    store = fresh(tmp_path)
    result = import_export(store, _forge(exported, _deaths), allow_unverified=True)
    assert not result.verified and result.notes[-1].startswith("stored as an unverified import: line ")
    [summary] = store.summaries()
    assert summary.label.startswith(UNVERIFIED)
    notes = [r.value for r in store.records(result.id, ExerciseLog.FacilitatorActed)]
    assert notes[-1].startswith("unverified import: line ")
    report = verify(store, result.id)
    assert not report.identical and report.divergence is not None and not report.problems


def test_a_path_in_an_old_export_is_never_read(tmp_path: Path, exported: list[dict]) -> None:
    """A version-1 export carries no content; its scenario_path used to be loaded (and its first line shown)."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    head = {k: v for k, v in exported[0].items() if k != "content"}
    head.update(format_version=1, scenario_path=str(secret), scenario_id="not-shipped")
    lines = [json.dumps(head), *(json.dumps(r) for r in exported[1:-1])]
    with pytest.raises(ExportFileError, match="carries no scenario content and 'not-shipped' is not a shipped") as caught:
        import_export(fresh(tmp_path), lines)
    assert "root:" not in str(caught.value)


def test_the_command_gives_one_line_with_file_and_line(tmp_path: Path, exported: list[dict]) -> None:
    path = tmp_path / "forged.jsonl"
    path.write_text("\n".join(_forge(exported, _deaths)) + "\n", encoding="utf-8")
    store = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    refused = subprocess.run([sys.executable, "-m", "drillsim", "import", str(path), "--store", store],
                             capture_output=True, text=True, cwd=REPO, timeout=120)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.startswith(f"drillsim: {path}: not stored: line ") and refused.stderr.count("\n") == 1
    marked = subprocess.run([sys.executable, "-m", "drillsim", "import", str(path), "--store", store,
                             "--allow-unverified"], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert marked.returncode == 0 and marked.stdout.strip().endswith("(unverified)")
    assert "note: stored as an unverified import" in marked.stderr
