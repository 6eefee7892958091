"""The evaluator's commands: score, report, observe, override — overrides are events, never edits."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from drillsim.cli import app
from tests.conftest import MINI_MINE

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_score_report_override_observe(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 's.sqlite'}"
    out = invoke("run", str(MINI_MINE), "--seed", "1", "--policy", "late-reporter", "--store", store, "--lang", "en")
    ident = re.search(r"Exercise: ([0-9a-f]{8})", out).group(1)
    card = json.loads(invoke("score", ident, "--json", "--store", store))
    late = [f for f in card["findings"] if f["id"] == "obligation:unit_head_phone"][0]
    assert late["points_lost"] > 0 and late["severity"] == "不足项"
    assert "Overall" in invoke("score", ident, "--store", store, "--lang", "en")

    invoke("override", ident, "obligation:unit_head_phone", "--author", "李评估", "--reason", "line was down",
           "--severity", "改进项", "--store", store)
    invoke("observe", ident, "--text", "简报清楚", "--author", "李评估", "--at", "01:00", "--store", store)
    after = json.loads(invoke("score", ident, "--json", "--store", store))
    assert after["procedure"] > card["procedure"] and after["overall"] >= card["overall"]
    assert after["overrides"][0]["author"] == "李评估" and after["overrides"][0]["reason"] == "line was down"
    assert after["observations"][0]["text"] == "简报清楚"
    # the stored simulation did not change: verify still passes
    assert "identical" in invoke("verify", ident, "--store", store)

    html = tmp_path / "r.html"
    invoke("report", ident, "--format", "html", "-o", str(html), "--lang", "zh", "--store", store)
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text and "http" not in text.split("<body")[0]
    md = invoke("report", ident, "--format", "md", "--lang", "en", "--store", store)
    assert md.startswith("#") and "unit_head_phone" in md


def test_override_needs_a_change_and_a_reason(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 's.sqlite'}"
    out = invoke("run", str(MINI_MINE), "--seed", "1", "--store", store, "--lang", "en")
    ident = re.search(r"Exercise: ([0-9a-f]{8})", out).group(1)
    none = runner.invoke(app, ["override", ident, "x", "--author", "a", "--reason", "r", "--store", store])
    assert none.exit_code == 2 and "give --verdict" in none.output
    blank = runner.invoke(app, ["override", ident, "x", "--author", "a", "--reason", " ", "--verdict", "met",
                                "--store", store])
    assert blank.exit_code == 2 and "--reason" in blank.output
    bad = runner.invoke(app, ["report", ident, "--format", "pdf", "--store", store])
    assert bad.exit_code == 2
