"""The store commands as a user types them: run, exercises, show --at, timeline, verify, fork, diff, export, import."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillsim.cli import app
from tests.conftest import MINI_MINE

runner = CliRunner()


@pytest.fixture()
def store(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def run_one(store: str, *extra: str) -> str:
    out = invoke("run", str(MINI_MINE), "--seed", "3", "--store", store, "--lang", "en", *extra)
    return re.search(r"Exercise: ([0-9a-f]{8})", out).group(1)


def test_run_stores_and_lists(store: str) -> None:
    ident = run_one(store)
    listing = invoke("exercises", "--store", store)
    assert ident in listing and "mini-mine" in listing and "ended (terminated)" in listing
    rows = json.loads(invoke("exercises", "--store", store, "--json"))
    assert rows[0]["short_id"] == ident and rows[0]["seed"] == 3


def test_show_at_a_moment(store: str) -> None:
    ident = run_one(store)
    early = json.loads(invoke("show", ident, "--at", "00:10", "--json", "--store", store))
    later = json.loads(invoke("show", ident, "--at", "01:30", "--json", "--store", store))
    assert early["response_level"] is None and early["commander"] == "enterprise"
    assert later["response_level"] in (2, 3) and later["figures"]["trapped"] == 12
    text = invoke("show", ident, "--at", "90min", "--store", store, "--lang", "zh")
    assert "应急响应" in text and "报告义务" in text


def test_timeline_verify_fork_diff(store: str) -> None:
    ident = run_one(store)
    timeline = invoke("timeline", ident, "--store", store, "--lang", "en", "-v")
    number = re.search(r"#(\d+) .*hand_over_command", timeline).group(1)
    assert "identical" in invoke("verify", ident, "--store", store)
    forked = invoke("fork", ident, "--at-decision", number, "--drop", "--store", store)
    child = re.search(r"fork ([0-9a-f]{8})", forked).group(1)
    diff = invoke("diff", ident, child, "--store", store)
    assert "part at event" in diff and "commanders" in diff


def test_a_rejection_is_shown_in_the_chosen_language(store: str) -> None:
    """A fork that drops a decision records it as rejected; the timeline and the CSV explain it in --lang."""
    ident = run_one(store)
    timeline = invoke("timeline", ident, "--store", store, "--lang", "en", "-v")
    number = re.search(r"#(\d+) .*hand_over_command", timeline).group(1)
    forked = invoke("fork", ident, "--at-decision", number, "--drop", "--store", store)
    child = re.search(r"fork ([0-9a-f]{8})", forked).group(1)
    zh = invoke("timeline", child, "--store", store, "--lang", "zh")
    en = invoke("timeline", child, "--store", store, "--lang", "en")
    assert re.search(rf"#{number} 驳回 .*hand_over_command — 在此推演分支（what-if）中已删去该决策", zh), zh
    assert f"#{number} rejected " in en and "dropped in this what-if fork" in en
    assert "dropped in this what-if fork" not in zh
    csv_zh = invoke("export", child, "--format", "csv", "--store", store, "--lang", "zh")
    assert "在此推演分支（what-if）中已删去该决策" in csv_zh and '"code": "dropped_in_fork"' in csv_zh.replace('""', '"')


def test_fork_argument_errors(store: str) -> None:
    ident = run_one(store)
    both = runner.invoke(app, ["fork", ident, "--at-decision", "1", "--drop", "--replace", "{}", "--store", store])
    assert both.exit_code == 2 and "exactly one" in both.output
    bad = runner.invoke(app, ["fork", ident, "--at-decision", "1", "--replace", '{"type": "fly"}', "--store", store])
    assert bad.exit_code == 2 and "not a valid decision" in bad.output
    missing = runner.invoke(app, ["fork", ident, "--at-decision", "99999", "--drop", "--store", store])
    assert missing.exit_code == 2 and "no decision #99999" in missing.output


def test_export_import_csv(store: str, tmp_path: Path) -> None:
    ident = run_one(store)
    out = tmp_path / "x.jsonl"
    runner.invoke(app, ["export", ident, "--format", "jsonl", "-o", str(out), "--store", store])
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    assert "imported" in invoke("import", str(out), "--store", other)
    assert "identical" in invoke("verify", ident, "--store", other)
    csv_text = invoke("export", ident, "--format", "csv", "--store", store)
    assert csv_text.startswith("seq,t_ms,clock,type,description,data")


def test_unknown_exercise_and_bad_store(store: str) -> None:
    missing = runner.invoke(app, ["show", "deadbeef", "--store", store])
    assert missing.exit_code == 2 and "no exercise" in missing.output
    bad = runner.invoke(app, ["exercises", "--store", "mysql://x"])
    assert bad.exit_code == 2 and "unknown store URL" in bad.output
    down = runner.invoke(app, ["exercises", "--store", "postgresql://nobody@127.0.0.1:1/none"])
    assert down.exit_code == 2 and "cannot open the store" in down.output and "Traceback" not in down.output


def test_no_store_leaves_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'never.sqlite'}"
    invoke("run", str(MINI_MINE), "--no-store", "--store", url)
    assert not (tmp_path / "never.sqlite").exists()


def test_default_store_is_created_in_the_data_folder(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "drillsim", "run", str(MINI_MINE), "--lang", "en"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "drillsim" / "exercises.sqlite").is_file()


def test_verify_reports_damage_with_exit_1(store: str) -> None:
    import sqlite3

    ident = run_one(store)
    path = store.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT rowid, state FROM stored_events").fetchall()
        rowid, state = next((r, bytes(s)) for r, s in rows if b'"trapped":12' in bytes(s))
        db.execute("UPDATE stored_events SET state=? WHERE rowid=?", (state.replace(b'"trapped":12', b'"trapped":11'), rowid))
    result = runner.invoke(app, ["verify", ident, "--store", store])
    assert result.exit_code == 1 and "DAMAGED" in result.stdout and "(StepRecorded at +" in result.stdout
