"""Library, briefing, decision-form validation, help and score card, one behaviour per test."""

from __future__ import annotations

from tui.app import make_app
from tui.screens.briefing import BriefingScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.replay import ReplayScreen
from tui.screens.scorecard import ScoreCardScreen
from tui.widgets.live.decision_panel import DecisionPanel

from tests.tui.helpers import ORDOS, SIZE, open_briefing, settle, start_drill, stored_exercise, text_of, until


async def test_library_lists_scenarios_and_scored_exercises(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/drills.db"
    ident = stored_exercise(url)
    app = make_app(url, "en")
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await until(pilot, lambda: ident.hex in library.scores and len(library.loaded) == len(library.files))
        assert ORDOS in [p.stem for p in library.files]
        row = library.query_one("#exercises").get_row(ident.hex)
        title = next(x for x in library.loaded.values() if x.scenario.id == ORDOS).scenario.title.en
        assert row[0] == ident.hex[:8] and row[1] == title  # named, not by its id
        assert str(row[4]) == "ended (terminated)"
        assert str(row[5]).split()[0].replace(".", "").isdigit()  # e.g. "99.7 excellent"
        library.query_one("#exercises").focus()
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        await pilot.press("escape", "r")
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen) and app.screen.state is not None)


async def test_briefing_refuses_a_bad_seed(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_briefing(pilot)
        briefing = app.screen
        seed = briefing.query_one("#seed")
        seed.value = ""
        await pilot.click("#start")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert "whole number" in text_of(briefing.query_one("#briefing-error"))


async def test_decision_form_validates_before_sending(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "en")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        form = live.query_one(DecisionPanel).form("enterprise")
        events = len(live.session.events)
        form.fill("set_cordon", radius="0")
        form.submit()
        assert "whole number" in str(form.query_one("#result").content)
        form.fill("evacuate")
        form.submit()
        assert "Please fill in" in str(form.query_one("#result").content)
        form.fill("report", obligation="unit_head_phone", figures="trapped=two")
        form.submit()
        assert "name=number" in str(form.query_one("#result").content)
        await settle(pilot)
        assert len(live.session.events) == events  # nothing reached the engine


async def test_help_lists_the_keys_of_every_screen(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = text_of(app.screen.query_one("#help-text"))
        for words in ("演练控制台", "600×", "假设分支", "导出报告", "切换语言"):
            assert words in text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_score_card_says_when_scoring_is_unavailable(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/drills.db"
    ident = stored_exercise(url)
    app = make_app(url, "en")

    def scoring_missing(_ident: object) -> None:
        raise ImportError("No module named 'drillsim.scoring'")

    app.workspace.score = scoring_missing  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        assert "Scoring unavailable: No module named" in text_of(app.screen.query_one("#score-head"))
        await pilot.press("x", "a")  # nothing to export or show; the screen stays usable
        await settle(pilot)
        assert isinstance(app.screen, ScoreCardScreen)
