"""The event log fills when its tab is opened after events were written while it was hidden."""

from __future__ import annotations

from textual.widgets import TabbedContent

from tests.tui.helpers import SIZE, run_to, settle, start_drill, until
from tui.app import make_app
from tui.widgets.live.event_log import EventLog


async def test_hidden_event_log_shows_its_lines_when_its_tab_opens(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "en")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await run_to(pilot, live, 30 * 60_000)
        log = live.query_one(EventLog)
        live.query_one("#feeds", TabbedContent).active = "tab-log"
        await settle(pilot)
        await until(pilot, lambda: len(log.lines) > 10, timeout=10)
        assert any("Exercise started" in line.text for line in log.lines)
