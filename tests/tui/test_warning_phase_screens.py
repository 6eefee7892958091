"""A drill with a warning phase on screen: the console's clock counts up from -16:40 to the accident, and the
replay's bar begins at the warning phase (one behaviour per test)."""

from __future__ import annotations

from tui.app import make_app
from tui.screens.library import LibraryScreen
from tui.screens.replay import ReplayScreen
from tui.widgets.live.clock_bar import ClockBar
from tui.widgets.replay.timeline_bar import TimelineBar

from tests.tui.helpers import SIZE, settle, start_drill, stored_exercise, text_of, until

COTTON = "xinjiang-cotton-yard-fire"
FORECAST = -(16 * 60 + 40) * 60_000


async def test_the_console_clock_reads_negative_before_the_accident(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "en")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"county"}, stem=COTTON)
        assert live.snapshot.now == FORECAST
        await settle(pilot)
        assert "-16:40" in text_of(live.query_one(ClockBar))
        await pilot.press("s")
        await until(pilot, lambda: live.snapshot.now > FORECAST)
        assert live.snapshot.now < 0 and "-16:" in text_of(live.query_one(ClockBar))


async def test_the_replay_bar_begins_with_the_warning_phase(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/drills.db"
    stored_exercise(url, stem=COTTON)
    app = make_app(url, "en")
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await until(pilot, lambda: len(library.exercises) == 1)  # the table shows a "none yet" row before
        library.query_one("#exercises").focus()
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen) and app.screen.state is not None)
        replay = app.screen
        replay.go_to_time(-10 * 3_600_000)
        await settle(pilot)
        bar = replay.query_one(TimelineBar)
        assert bar.marks.start_t == FORECAST
        assert bar.render().plain.splitlines()[0].strip().startswith("-16:40")
        assert 0 < bar._x(-10 * 3_600_000) < bar._x(0)
