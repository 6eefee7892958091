"""Issue 14, the console tried in a real terminal: each behaviour bug it found, as the facilitator met it."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input, Select

from tui.screens.confirm import ConfirmDialog
from tui.screens.fork import ForkDialog
from tui.screens.library import LibraryScreen
from tui.screens.live import LiveScreen
from tui.screens.prompt import PromptDialog
from tui.screens.replay import ReplayScreen
from tui.screens.scorecard import ScoreCardScreen
from tui.widgets.live.clock_bar import ClockBar
from tui.widgets.live.command_structure import CommandStructure
from tui.widgets.live.decision_form import DecisionForm
from tui.widgets.live.decision_panel import DecisionPanel

from tests.tui.helpers import (SIZE, app_for, app_with_exercise, open_briefing, run_to, settle, start_drill, text_of,
                               until)


# --- the clock ------------------------------------------------------------------------------------------


async def test_single_step_moves_the_clock_once_it_has_run(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await run_to(pilot, live, (39 * 60 + 31) * 1000)  # where the facilitator pressed `s` in vain
        for _ in range(3):
            before = live.snapshot.now
            shown = text_of(live.query_one(ClockBar))
            await pilot.press("s")
            await until(pilot, lambda: live.snapshot.now != before)
            assert live.paused
            assert live.snapshot.now >= before + 1000, (before, live.snapshot.now)  # not a millisecond
            assert text_of(live.query_one(ClockBar)) != shown


async def test_a_speed_key_while_paused_sets_the_speed_and_stays_paused(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await pilot.press("3")
        await settle(pilot)
        assert live.speed == 60 and live.paused and live.snapshot.now == 0
        assert "×60" in text_of(live.query_one(ClockBar)) and "paused" in text_of(live.query_one(ClockBar))


# --- the decision form ----------------------------------------------------------------------------------


async def choose(pilot, form: DecisionForm, field: str, value: str) -> None:
    """What choosing `value` in the form's `field` list does (the select posts Changed as for a person)."""
    form.query_one(f"#f-{field}", Select).value = value
    await settle(pilot)


async def test_choosing_the_level_keeps_the_acting_body_chosen(tmp_path) -> None:
    async with app_for(tmp_path).run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        form = live.query_one(DecisionPanel).form("enterprise")
        for field, value in (("type", "activate_response"), ("actor", "enterprise"), ("level", "4")):
            await choose(pilot, form, field, value)
        assert form.query_one("#f-actor", Select).value == "enterprise"
        decision, error = form.build()
        assert error is None and decision.actor == "enterprise" and decision.level == 4
        await choose(pilot, form, "type", "report")  # a new type: the form suggests again
        await choose(pilot, form, "obligation", "unit_head_phone")
        assert form.query_one("#f-actor", Select).value == "unit_head"


async def test_choosing_the_level_in_the_fork_dialog_keeps_the_acting_body(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        form = live.query_one(DecisionPanel).form("enterprise")
        form.fill("establish_command")
        form.submit()
        await until(pilot, lambda: live.snapshot.state.commander == "enterprise")
        decided = next(e for e in live.events if e.kind == "decision_accepted")
        app.push_screen(ForkDialog(live.loaded, live.view, decided))
        await until(pilot, lambda: isinstance(app.screen, ForkDialog) and bool(app.screen.query(DecisionForm)))
        dialog = app.screen.query_one(DecisionForm)
        await choose(pilot, dialog, "type", "activate_response")
        await choose(pilot, dialog, "actor", "unit_head")
        await choose(pilot, dialog, "level", "3")
        assert dialog.query_one("#f-actor", Select).value == "unit_head"


async def test_figures_named_in_chinese_are_read_and_unknown_ones_named(tmp_path) -> None:
    app = app_for(tmp_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        form = live.query_one(DecisionPanel).form("enterprise")
        form.fill("report", obligation="unit_head_phone", figures="被困=0 死亡=1")
        decision, error = form.build()
        assert error is None and decision.figures == {"trapped": 0, "deaths": 1}
        form.fill("report", obligation="unit_head_phone", figures="injured=2")
        decision, error = form.build()
        assert decision is None
        assert "injured" in error and "被困" in error and "重伤" in error, error
        assert "trapped" not in error and "deaths" not in error, error  # the valid names in the console's language
        form.submit()
        await settle(pilot)
        assert "被困" in str(form.query_one("#result").content)


# --- keys that are easy to press by accident ------------------------------------------------------------


async def test_escape_asks_before_leaving_a_running_drill(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await pilot.press("space")
        assert not live.paused
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")  # no: back to the running drill
        await until(pilot, lambda: app.screen is live)
        assert not live.paused
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_q_asks_before_quitting(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Quit drillsim?" in str(app.screen.query_one("#confirm-question").content)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.is_running
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running


async def test_a_stray_s_in_the_briefing_starts_nothing(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_briefing(pilot)
        briefing = app.screen
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Seed 1" in text_of(app.screen.query_one("#confirm-detail"))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is briefing)
        await settle(pilot)
        assert app.workspace.exercises() == []


async def test_tab_and_enter_in_the_library_open_the_past_exercise(tmp_path) -> None:
    app, ident = app_with_exercise(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        await until(pilot, lambda: bool(library.exercises))
        library.query_one("#scenarios").focus()
        await pilot.press("tab", "enter")  # typed fast, as a facilitator does
        await until(pilot, lambda: not isinstance(app.screen, LibraryScreen))
        assert isinstance(app.screen, ReplayScreen) and app.screen.ident == ident


# --- what-if forks --------------------------------------------------------------------------------------


async def test_a_fork_says_so_and_that_its_replacement_was_rejected(tmp_path) -> None:
    app, ident = app_with_exercise(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = next(e for e in app.workspace.replay(ident).events if e.kind == "decision_accepted")
        app.open_replay(ident, first.seq)
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen) and app.screen.state is not None)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, ForkDialog) and bool(app.screen.query(DecisionForm)))
        form = app.screen.query_one(DecisionForm)
        form.fill("hand_over_command", to="county_field_hq")  # before any field command: rejected
        form.submit()
        await until(pilot, lambda: isinstance(app.screen, LiveScreen), timeout=60)
        fork = app.screen
        bar = text_of(fork.query_one(ClockBar))
        assert f"what-if fork of #{ident.hex[:8]} at decision #{first.number}" in bar, bar
        assert "replacement rejected" in bar, bar
        assert any("replacement decision was rejected" in n.message for n in app._notifications)


# --- times, the score card and its export ---------------------------------------------------------------

SHORT_TIME = re.compile(r"\+\d\d:\d\d(?!:\d\d)")
"""A moment written without its seconds (`+00:25` beside `+00:31:42`)."""


async def test_every_moment_is_written_with_its_seconds(tmp_path) -> None:
    app, ident = app_with_exercise(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        card = app.screen.result.card
        texts = [f.detail.en for f in card.findings] + [f.detail.zh for f in card.findings]
        texts += [text_of(app.screen.query_one("#score-head"))]
        assert any(re.search(r"\+\d\d:\d\d:\d\d", t) for t in texts)
        assert not [t for t in texts if SHORT_TIME.search(t)]
        await pilot.press("escape")
        live = await start_drill(pilot, {"enterprise"})
        await run_to(pilot, live, 70 * 60_000)  # command has changed hands and levels were activated by now
        shown = text_of(live.query_one(CommandStructure)) + text_of(live.query_one(ClockBar))
        assert re.search(r"\+\d\d:\d\d:\d\d", shown) and not SHORT_TIME.search(shown), shown


async def test_an_open_exercise_has_a_provisional_score_card(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await run_to(pilot, live, 20 * 60_000)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        assert "PROVISIONAL" in text_of(app.screen.query_one("#score-head"))
    app, ident = app_with_exercise(tmp_path / "ended")
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        assert "PROVISIONAL" not in text_of(app.screen.query_one("#score-head"))


async def export(pilot, folder: str | None) -> str:
    """Press x on the score card, answer the folder question (None: take the folder offered); returns the
    folder that was offered."""
    app = pilot.app
    await pilot.press("x")
    await until(pilot, lambda: isinstance(app.screen, PromptDialog))
    field = app.screen.query_one("#prompt-input", Input)
    offered = field.value
    if folder is not None:
        field.value = folder
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen))
    await settle(pilot)
    return offered


async def test_the_report_goes_to_the_folder_chosen_and_the_choice_is_remembered(tmp_path) -> None:
    app, ident = app_with_exercise(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        assert await export(pilot, str(tmp_path / "reports" / "night")) == str(Path.cwd())
        written = sorted(p.suffix for p in (tmp_path / "reports" / "night").glob("drillsim-report-*"))
        assert written == [".html", ".md"]
        assert await export(pilot, None) == str(tmp_path / "reports" / "night")
        (tmp_path / "a-file").write_text("")
        app.clear_notifications()
        await export(pilot, str(tmp_path / "a-file" / "reports"))
        [said] = [n.message for n in app._notifications]
        assert said.startswith("Export failed:") and "a-file" in said and "\n" not in said, said
        assert app.export_dir == tmp_path / "reports" / "night"
