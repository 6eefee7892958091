"""A clock tick does only the work its news needs — counted, not timed, so the machine's speed does not
matter (benchmarks/bench_tui.py times it): a line in the inject feed or a new obligation does not lay the
whole screen out, and a panel whose content the news left as it was is not drawn again. A move through a
replay lays the screen out only when a panel of the state changed its height."""

from __future__ import annotations

from typing import Any

from tui.screens.replay import ReplayScreen
from tui.widgets.live.inject_feed import InjectFeed
from tui.widgets.live.obligations import ObligationsTable
from tui.widgets.state_panel import StatePanel

from tests.tui.helpers import SIZE, app_for, app_with_exercise, run_to, settle, start_drill, until

MINUTE = 60_000


def count_renders(widget: Any, counts: dict[str, int]) -> None:
    """Count how often Textual asks `widget` for its content (after a refresh, on the next frame)."""
    render = widget.render

    def counted() -> Any:
        counts[widget.id] += 1
        return render()

    counts[widget.id] = 0
    widget.render = counted


async def test_news_in_the_feed_and_new_obligations_lay_nothing_out(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"region"})
        await run_to(pilot, live, 30 * MINUTE)
        feed, obligations = live.query_one(InjectFeed), live.query_one(ObligationsTable)
        assert feed.show_vertical_scrollbar and obligations.show_vertical_scrollbar  # no scrollbar comes or goes
        injects, rows = feed.count, len(obligations.rows)
        layouts: list[Any] = []
        live.screen_layout_refresh_signal.subscribe(live, layouts.append, immediate=True)
        await run_to(pilot, live, 90 * MINUTE, step=MINUTE)  # the clock's ticks, a minute each
        assert feed.count > injects and len(obligations.rows) > rows  # the stretch had news for both
        assert feed.text[-1] == "" and feed.scroll_y == feed.max_scroll_y  # the feed still follows its end
        assert layouts == []


async def test_a_panel_is_drawn_again_only_when_what_it_shows_changed(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"region"})
        await run_to(pilot, live, 30 * MINUTE)
        panels = list(live.query(StatePanel))
        assert len(panels) == 3
        renders: dict[str, int] = {}
        for panel in panels:
            count_renders(panel, renders)
        redraws = {panel.id: panel.redraws for panel in panels}
        ticks_with_news = 0
        for minute in range(31, 91):
            before = len(live.events)
            await run_to(pilot, live, minute * MINUTE, step=MINUTE)
            ticks_with_news += len(live.events) > before
        for panel in panels:
            changed = panel.redraws - redraws[panel.id]
            assert renders[panel.id] == changed, panel.id
            assert changed < ticks_with_news, panel.id  # some news left it as it was


async def test_a_tick_draws_again_only_the_deadlines_whose_countdown_changed(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"region"})
        await run_to(pilot, live, 20 * MINUTE)
        obligations = live.query_one(ObligationsTable)
        drawn: list[int] = []
        render_line = obligations.render_line

        def counted(y: int) -> Any:
            drawn.append(y)
            return render_line(y)

        def statuses() -> list[str]:
            return [live.snapshot.state.obligations[key].status for key in obligations.rows]

        obligations.render_line = counted
        checked = 0
        for minute in range(21, 61):
            before = statuses()
            drawn.clear()
            await run_to(pilot, live, minute * MINUTE, step=MINUTE)
            if statuses() != before or len(before) != len(obligations.rows):
                continue  # a deadline started or settled: the rows are sorted and drawn anew
            pending = [line for line, status in enumerate(before, start=1) if status == "pending"]
            assert sorted(drawn) == pending  # line 0 is the header
            checked += len(pending) < len(before)
        assert checked >= 5  # ticks where settled rows stayed as they were


async def test_a_replay_move_lays_the_screen_out_only_when_a_panel_changed_height(tmp_path) -> None:
    app, ident = app_with_exercise(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_replay(ident, 0)
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen) and app.screen.state is not None)
        replay = app.screen
        panels = list(replay.query(StatePanel))
        layouts: list[Any] = []
        replay.screen_layout_refresh_signal.subscribe(replay, layouts.append, immediate=True)
        taller = same = 0
        for seq in range(1, 60):
            heights = [panel.outer_size.height for panel in panels]
            layouts.clear()
            await pilot.press("down")
            await until(pilot, lambda seq=seq: replay.state is not None and replay.state.seq == replay.events[seq].seq)
            changed = heights != [panel.outer_size.height for panel in panels]
            assert len(layouts) == changed, seq  # one layout when a height changed, none otherwise
            taller += changed
            same += not changed
        assert taller and same
