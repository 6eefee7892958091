"""The score card says when a cap held the conclusion down (a 不足项, avoidable harm, or a table that never
decided), beside the conclusion, in either language."""

from __future__ import annotations

from drillsim.workspace import Workspace

from tui.app import make_app
from tui.screens.scorecard import ScoreCardScreen

from tests.tui.helpers import ORDOS, SIZE, scenario_path, text_of, until


def late_reporter_exercise(url: str) -> object:
    """Ordos seed 1 with late-reporting computer roles: 不足项 stand, the points alone would give more than 89.9."""
    workspace = Workspace(url)
    try:
        session = workspace.start(workspace.load_scenario(scenario_path(ORDOS)), 1, "late-reporter", [], [])
        session.run()
        return session.id
    finally:
        workspace.close()


async def test_the_score_card_says_the_cap_that_held_the_conclusion(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/drills.db"
    ident = late_reporter_exercise(url)
    app = make_app(url, "zh")
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        card = app.screen.result.card
        assert card.cap is not None and card.overall == 89.9 and card.procedure > 89.9
        head = text_of(app.screen.query_one("#score-head"))
        assert "良好" in head and "结论封顶为良好（最高89.9分），因为存在不足项" in head, head
        await pilot.press("l")
        await until(pilot, lambda: "capped at" in text_of(app.screen.query_one("#score-head")))
        head = text_of(app.screen.query_one("#score-head"))
        assert "capped at good (89.9 at best) because a deficiency (不足项) stands" in head, head


async def test_a_card_without_a_cap_says_none(tmp_path) -> None:
    from tests.tui.helpers import app_with_exercise

    app, ident = app_with_exercise(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        assert app.screen.result.card.cap is None
        assert "capped" not in text_of(app.screen.query_one("#score-head"))
