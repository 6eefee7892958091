"""The sweep's HTML report rendered by headless Chromium: its charts are drawn, in each group's colour.

Skipped when chromium is absent (`apt-get install -y chromium`)."""

from __future__ import annotations

from pathlib import Path

from drillsim.loading.scenarios import load_scenario
from drillsim.sweep.api import run_sweep
from drillsim.sweep.charts import PALETTE
from drillsim.sweep.report import write_report
from tests.conftest import MINI_MINE
from tests.test_reports_chromium import count_colours, needs_chromium, read_png, screenshot


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


@needs_chromium
def test_sweep_report_charts_are_visible_in_a_headless_chromium_screenshot(tmp_path: Path) -> None:
    result = run_sweep([load_scenario(MINI_MINE)], [], ["plan", "late-reporter"], range(1, 13), tmp_path / "s")
    page = write_report(result.parquet, lang="zh")
    width, height, rows, bpp = read_png(screenshot(page, tmp_path, 1280, 2400).read_bytes())
    assert (width, height) == (1280, 2400)
    counts = count_colours(rows, bpp, {"plan": _rgb(PALETTE[0]), "late-reporter": _rgb(PALETTE[1])})
    for name, n in counts.items():
        assert n >= 400, (name, counts)
