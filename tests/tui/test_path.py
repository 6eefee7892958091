"""The whole path a facilitator walks, with Pilot: library → start the Ordos drill → decide → see the
response escalate → hand over command → end → score → open evidence in the replay → go to a moment →
bookmark it → fork a what-if from a decision."""

from __future__ import annotations

from tui.app import make_app
from tui.screens.fork import ForkDialog
from tui.screens.live import LiveScreen
from tui.screens.prompt import PromptDialog
from tui.screens.replay import ReplayScreen
from tui.screens.scorecard import ScoreCardScreen
from tui.widgets.live.command_structure import CommandStructure
from tui.widgets.live.decision_panel import DecisionPanel
from tui.widgets.live.situation_board import SituationBoard

from tests.tui.helpers import SIZE, run_to, settle, start_drill, text_of, until

HOUR = 3_600_000


async def decide(pilot, form, kind: str, **values) -> str:
    """Fill a decision form, submit it with a mouse click, and return what the form says came of it."""
    form.fill(kind, **values)
    await pilot.pause()
    form.query_one("#submit").scroll_visible(animate=False)
    await pilot.pause()
    await pilot.click(form.query_one("#submit"))
    await until(pilot, lambda: "…" not in str(form.query_one("#result").content))
    return str(form.query_one("#result").content)


async def test_library_to_fork(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "en")
    app.export_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        # --- start the Ordos drill with the enterprise played by a person --------------------------------
        live = await start_drill(pilot, {"enterprise"})
        assert isinstance(live, LiveScreen) and live.human_roles == ["enterprise"]
        form = live.query_one(DecisionPanel).form("enterprise")

        # --- decide: a rejected decision is explained, accepted ones take effect -------------------------
        said = await decide(pilot, form, "hand_over_command", to="county_field_hq")
        assert said.startswith("Rejected") and "no field command" in said
        assert (await decide(pilot, form, "establish_command")).startswith("Accepted")
        assert (await decide(pilot, form, "report", obligation="site_to_unit_head")).startswith("Accepted")
        assert (await decide(pilot, form, "report", obligation="unit_head_phone")).startswith("Accepted")
        assert live.snapshot.state.commander == "enterprise"

        # --- the banner activates level 4 and its field HQ arrives; the enterprise hands over ------------
        while live.snapshot.state.officials.get("county_field_hq") != "on_scene":
            await run_to(pilot, live, live.snapshot.now + 5 * 60_000)
        assert live.snapshot.state.level == 4
        assert "Level 4" in text_of(live.query_one(SituationBoard))
        said = await decide(pilot, form, "hand_over_command", to="county_field_hq")
        assert said.startswith("Accepted"), said
        assert live.snapshot.state.commander == "county_field_hq"
        assert "Banner field HQ" in text_of(live.query_one(CommandStructure))
        assert (await decide(pilot, form, "report", obligation="unit_head_written")).startswith("Accepted")

        # --- the response escalates 4 → 3 → 2 and command moves up to the city ---------------------------
        await run_to(pilot, live, 3 * HOUR)
        state = live.snapshot.state
        assert [level for _, level, _ in state.level_history] == [4, 3, 2]
        assert [body for _, body in state.command_history] == ["enterprise", "county_field_hq", "prefecture_field_hq"]
        assert "Level 2" in text_of(live.query_one(SituationBoard))

        # --- to the end -----------------------------------------------------------------------------------
        await run_to(pilot, live, 13 * HOUR, step=HOUR)
        assert live.snapshot.ended
        assert live.snapshot.state.ended == "terminated"

        # --- score ----------------------------------------------------------------------------------------
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        card = app.screen
        assert card.result.card is not None, card.result.error
        assert 0 <= card.result.card.overall <= 100
        assert "Overall" in text_of(card.query_one("#score-head"))
        await pilot.press("x")  # the folder offered is the export folder: Enter takes it
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        await pilot.press("enter")
        await until(pilot, lambda: sorted(p.suffix for p in tmp_path.glob("drillsim-report-*")) == [".html", ".md"])

        # --- a finding's evidence opens the event in the replay ------------------------------------------
        with_evidence = next(i for i, f in enumerate(card.findings) if f.evidence)
        card.query_one("#findings").move_cursor(row=with_evidence)
        seq = card.findings[with_evidence].evidence[0][0]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen) and app.screen.state is not None)
        replay = app.screen
        assert replay.seq == seq

        # --- replay to a moment: the state as it was at +01:00 --------------------------------------------
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"+01:00", "enter")
        await until(pilot, lambda: replay.state is not None and replay.state.t <= HOUR < replay.events[replay.seq + 1].t)
        assert replay.state.level == 3 and replay.state.commander == "county_field_hq"
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"two lines of command", "enter")
        await until(pilot, lambda: [b.text for b in replay.bookmarks] == ["two lines of command"])

        # --- fork: drop the last decision before this moment and play on ----------------------------------
        decision = replay.decision_at_cursor()
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, ForkDialog))
        await pilot.click("#fork-drop")
        await until(pilot, lambda: isinstance(app.screen, LiveScreen) and app.screen is not live)
        fork = app.screen
        assert fork.session.id != live.session.id
        assert fork.session.parent_id == str(live.session.id)
        assert fork.session.fork["at_decision"] == decision.number
