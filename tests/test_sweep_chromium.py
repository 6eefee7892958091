"""The sweep's HTML report rendered by headless Chromium: its charts are drawn, in each group's colour.

Skipped when chromium is absent (`apt-get install -y chromium`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from drillsim.loading.scenarios import load_scenario
from drillsim.sweep.api import run_sweep
from drillsim.sweep.charts import PALETTE
from drillsim.sweep.report import write_report
from tests.conftest import MINI_MINE
from tests.test_reports_chromium import CHROMIUM, count_colours, read_png


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


@pytest.mark.skipif(not CHROMIUM.exists() and shutil.which("chromium") is None, reason="chromium not installed")
def test_sweep_report_charts_are_visible_in_a_headless_chromium_screenshot(tmp_path: Path) -> None:
    result = run_sweep([load_scenario(MINI_MINE)], [], ["plan", "late-reporter"], range(1, 13), tmp_path / "s")
    page = write_report(result.parquet, lang="zh")
    shot = tmp_path / "shot.png"
    command = [str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")), "--headless", "--no-sandbox",
               "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
               f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri()]
    subprocess.run(command, check=True, timeout=120, capture_output=True)
    width, height, rows, bpp = read_png(shot.read_bytes())
    assert (width, height) == (1280, 2400)
    counts = count_colours(rows, bpp, {"plan": _rgb(PALETTE[0]), "late-reporter": _rgb(PALETTE[1])})
    for name, n in counts.items():
        assert n >= 400, (name, counts)
