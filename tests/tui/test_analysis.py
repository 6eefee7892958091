"""The Analysis screen: the sweeps in the working folder, and the highlighted one's summary tables."""

from __future__ import annotations

from pathlib import Path

from drillsim.loading.scenarios import load_scenario
from drillsim.sweep.api import run_sweep
from tui.app import make_app
from tui.screens.analysis import AnalysisScreen

from tests.conftest import MINI_MINE
from tests.tui.helpers import SIZE, until


def _cells(table) -> list[str]:  # noqa: ANN001 - DataTable
    return [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]


async def test_analysis_lists_sweeps_and_shows_miss_rates_and_time_to_level(tmp_path: Path) -> None:
    run_sweep([load_scenario(MINI_MINE)], [], ["plan", "late-reporter"], range(1, 7), tmp_path / "night-shift")
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "en")
    app.sweep_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AnalysisScreen) and app.screen.tables is not None)
        screen = app.screen
        assert screen.query_one("#sweeps").get_row_at(0)[0] == "night-shift"
        overview = _cells(screen.query_one("#sweep-overview"))
        assert "late-reporter" in overview and "6" in overview
        misses = _cells(screen.query_one("#sweep-misses"))
        assert "unit_head_phone" in misses and "100.0 % [61.0–100.0] n=6" in misses
        assert any(cell.startswith("0.0 % [0.0–39.0]") for cell in misses)
        assert screen.query_one("#sweep-levels").row_count >= 1
        await pilot.press("x")
        await until(pilot, lambda: (tmp_path / "night-shift.html").is_file())
        await pilot.press("l")
        await until(pilot, lambda: app.screen.tables is not None and "策略" in
                    [str(c.label) for c in app.screen.query_one("#sweep-overview").columns.values()])
        await pilot.press("escape")
        assert not isinstance(app.screen, AnalysisScreen)


async def test_analysis_says_where_it_looked_when_there_is_no_sweep(tmp_path: Path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "en")
    app.sweep_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AnalysisScreen)
                    and "No sweeps in" in str(app.screen.query_one("#analysis-status").content))
