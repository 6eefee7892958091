"""The live console, one behaviour per test: the clock keys, the decide key, language, injects, resuming."""

from __future__ import annotations

import asyncio

from tui.screens.confirm import ConfirmDialog
from tui.screens.library import LibraryScreen
from tui.screens.live import LiveScreen
from tui.screens.live.inject_dialog import InjectDialog
from tui.widgets.live.clock_bar import ClockBar
from tui.widgets.live.decision_panel import DecisionPanel
from tui.widgets.live.event_log import event_line
from tui.widgets.live.inject_feed import InjectFeed

from tests.tui.helpers import SIZE, app_for, run_to, settle, start_drill, text_of, until


async def test_speed_keys_run_the_clock_and_space_pauses_it(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        assert live.paused and live.snapshot.now == 0
        await pilot.press("4", "space")
        assert live.speed == 600 and not live.paused
        await asyncio.sleep(0.5)  # half a second of wall time is five simulated minutes at 600×
        await settle(pilot)
        assert live.snapshot.now >= 2 * 60_000
        await pilot.press("space")
        await settle(pilot)
        stopped = live.snapshot.now
        await asyncio.sleep(0.3)
        await settle(pilot)
        assert live.paused and live.snapshot.now == stopped
        assert "×600" in text_of(live.query_one(ClockBar)) and "paused" in text_of(live.query_one(ClockBar))


async def test_single_step_runs_to_the_next_scheduled_moment(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        before = len(live.events)
        await pilot.press("s")
        await until(pilot, lambda: len(live.events) > before)
        assert live.paused and live.snapshot.now > 0


async def test_decide_key_puts_the_keyboard_in_the_role_form(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        form = live.query_one(DecisionPanel).form("enterprise")
        await pilot.press("d")
        assert app.focused is form.query_one("#f-type")
        await pilot.press("enter")  # open the decision-type list ...
        await pilot.pause()
        for _ in range(4):  # ... report, take action, activate, adjust, establish command
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert form.query_one("#f-type").value == "establish_command"
        assert form.query_one("#f-actor").value == "enterprise"
        form.query_one("#submit").focus()
        await pilot.press("enter")
        await until(pilot, lambda: live.snapshot.state.commander == "enterprise")
        assert "Accepted" in str(form.query_one("#result").content)


async def test_language_key_relabels_the_console(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        form = live.query_one(DecisionPanel).form("enterprise")
        await pilot.press("l")
        await settle(pilot)
        assert app.lang == "zh"
        assert "已暂停" in text_of(live.query_one(ClockBar))
        assert str(form.query_one("#lbl-type").content) == "决策类型"
        assert "报告" in text_of(form.query_one("#f-type #label"))
        await pilot.press("l")
        await settle(pilot)
        assert "paused" in text_of(live.query_one(ClockBar))
        assert str(form.query_one("#lbl-type").content) == "Decision"


async def test_a_rejected_decision_is_explained_in_chinese_in_the_chinese_console(tmp_path) -> None:
    app = app_for(tmp_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        form = live.query_one(DecisionPanel).form("enterprise")
        form.fill("hand_over_command", to="county_field_hq")
        form.submit()
        await until(pilot, lambda: "…" not in str(form.query_one("#result").content))
        said = str(form.query_one("#result").content)
        assert said == "被驳回: 尚未成立现场指挥部", said
        logged = event_line(live.events[-1], live.view).plain  # the event log's line for the rejection
        assert "驳回" in logged and logged.endswith("移交指挥权 — 尚未成立现场指挥部"), logged
        await pilot.press("l")  # the verdict follows the language switch
        await settle(pilot)
        assert str(form.query_one("#result").content) == "Rejected: no field command has been established"


async def test_facilitator_inject_reaches_the_feed(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, InjectDialog))
        await pilot.press(*"Journalists at the gate", "enter")
        await until(pilot, lambda: live.query_one(InjectFeed).count == 1 and app.screen is live)
        assert live.events[-1].text_en == "Journalists at the gate"


async def test_leaving_and_resuming_an_open_exercise(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await run_to(pilot, live, 30 * 60_000)
        ident = live.session.id
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.exercises)
        library = app.screen
        assert [s.status for s in library.exercises] == ["open"]
        library.query_one("#exercises").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LiveScreen))
        resumed = app.screen
        assert resumed.session.id == ident and resumed.snapshot.now == 30 * 60_000
        assert len(resumed.events) == len(live.events)


async def test_a_silent_mine_leaves_the_computer_region_without_command(tmp_path) -> None:
    """The issue-12 drill: the enterprise at the table never reports, every government is the computer's. At
    +03:30 nobody has taken field command and the region has had no inject (before engine 6 the region was told
    of '12 trapped, level 3' at +01:40 and set up field command soon after)."""
    from drillsim.engine import events as ev

    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        await run_to(pilot, live, 210 * 60_000, step=30 * 60_000)
        assert live.snapshot.state.commander is None and live.snapshot.state.level is None
        told = [e.inject for e in live.events if isinstance(e, ev.InjectDelivered)]
        assert "inj-01-inrush" in told and not any(i in told for i in ("inj-08-twelve-trapped", "inj-09-region-level2"))
        assert not any(isinstance(e, ev.DecisionAccepted) and e.source == "computer" and e.actor.startswith("region")
                       for e in live.events)
