"""The facilitator's and evaluator's keys, pressed in the real app (Pilot): an evaluator's note, a bookmark, a
discussion pause, the MSEL (hold, fire now, edit), participants' names, ending the exercise, the command
palette, a screenshot, and on the score card an override and a note. Each is checked in the store."""

from __future__ import annotations

from textual.command import CommandPalette

from drillsim.workspace import Workspace, events

from tui.app import make_app
from tui.screens.library import LibraryScreen
from tui.screens.facilitator_dialogs import EditInjectDialog, EndDialog, NoteDialog, OverrideDialog, ParticipantsDialog
from tui.screens.live.msel_dialog import MselDialog
from tui.screens.prompt import PromptDialog
from tui.screens.scorecard import ScoreCardScreen
from tui.widgets.live.clock_bar import ClockBar

from tests.tui.helpers import SIZE, run_to, settle, start_drill, stored_exercise, text_of, until

MINUTE = 60_000


def app_for(tmp_path, lang: str = "en"):
    app = make_app(f"sqlite:///{tmp_path}/drills.db", lang)
    app.export_dir = tmp_path
    return app


def replay_of(tmp_path, ident):
    workspace = Workspace(f"sqlite:///{tmp_path}/drills.db")
    try:
        return workspace.replay(ident)
    finally:
        workspace.close()


async def type_into(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_note_and_bookmark_keys_store_an_observation_and_a_marker(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await run_to(pilot, live, 20 * MINUTE)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteDialog))
        await type_into(pilot, "slow first report")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is live)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        await type_into(pilot, "look here")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is live)
        await settle(pilot)
    replay = replay_of(tmp_path, live.session.id)
    [note] = replay.observations()
    assert (note.text, note.author, note.t) == ("slow first report", "evaluator", 20 * MINUTE)
    assert [(m.kind, m.t, m.text) for m in replay.markers()] == [("bookmark", 20 * MINUTE, "look here")]


async def test_discussion_pause_stops_the_clock_and_space_resumes_it(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await pilot.press("space")
        assert not live.paused
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        assert live.paused
        await type_into(pilot, "who calls the banner")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is live)
        await settle(pilot)
        stopped = live.snapshot.now
        assert "Discussion pause" in text_of(live.query_one(ClockBar))
        await pilot.press("space")
        assert not live.paused
        assert "Discussion pause" not in text_of(live.query_one(ClockBar))
        await pilot.press("space")
        await settle(pilot)
    kinds = [(m.kind, m.text) for m in replay_of(tmp_path, live.session.id).markers()]
    assert kinds == [("discussion", "who calls the banner"), ("resume", "")]
    assert [m.t for m in replay_of(tmp_path, live.session.id).markers()][0] == stopped


async def test_msel_dialog_holds_fires_and_edits_injects_and_the_log_verifies(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MselDialog))
        dialog = app.screen
        assert list(dialog.entries)[:3] == ["inj-01-inrush", "inj-02-report-clock", "inj-03-blind-rescue"]
        await pilot.press("down")
        await pilot.press("h")
        await until(pilot, lambda: dialog.entries["inj-02-report-clock"].status == "held")
        await pilot.press("down")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditInjectDialog))
        app.screen.query_one("#edit-en").value = "The rescue team wants to go in now"
        await pilot.press("enter")
        await until(pilot, lambda: dialog.entries["inj-03-blind-rescue"].edited)
        await pilot.press("a")
        await until(pilot, lambda: dialog.entries["inj-03-blind-rescue"].status == "delivered")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is live)
        await run_to(pilot, live, 20 * MINUTE)
        delivered = [e for e in live.events if isinstance(e, events.InjectDelivered)]
        assert "inj-02-report-clock" not in [e.inject for e in delivered]  # held past its time
        [edited] = [e for e in delivered if e.inject == "inj-03-blind-rescue"]
        assert edited.t == 0 and edited.text_en == "The rescue team wants to go in now"
        assert [e.inject for e in live.events if isinstance(e, events.InjectHeld)] == ["inj-02-report-clock"]
        ident = live.session.id
    with Workspace(f"sqlite:///{tmp_path}/drills.db") as workspace:
        assert workspace.verify(ident).identical


async def test_participants_are_named_beside_their_roles(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"enterprise"})
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, ParticipantsDialog))
        await type_into(pilot, "Wang Wei")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is live and live.session.participants)
        await settle(pilot)
        tabs = live.query_one("#role-tabs")
        assert str(tabs.get_tab("role-enterprise").label).endswith("· Wang Wei")
    assert replay_of(tmp_path, live.session.id).participants == {"enterprise": "Wang Wei"}


async def test_end_key_asks_for_a_reason_and_ends_the_exercise(tmp_path) -> None:
    app = app_for(tmp_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await run_to(pilot, live, 10 * MINUTE)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EndDialog))
        await pilot.press("enter")  # no reason: the dialog stays open
        await settle(pilot)
        assert isinstance(app.screen, EndDialog)
        await type_into(pilot, "time")
        await pilot.press("enter")
        await until(pilot, lambda: live.snapshot.ended)
        assert live.snapshot.state.ended == "facilitator"
        assert "已结束" in text_of(live.query_one(ClockBar))
        app.leave_live(live.session)
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.exercises)
        assert [s.status for s in app.screen.exercises] == ["ended (facilitator)"]
        assert str(app.screen._status("ended (facilitator)")) == "已结束（导调结束）"


async def test_command_palette_offers_the_screen_keys_in_the_interface_language(tmp_path) -> None:
    app = app_for(tmp_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, set())
        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app))
        await type_into(pilot, "情景清单")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, MselDialog))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is live)


async def test_screenshot_key_saves_an_svg_in_the_export_folder(tmp_path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start_drill(pilot, set())
        await pilot.press("ctrl+s")
        await settle(pilot)
    [svg] = list(tmp_path.glob("*.svg"))
    assert svg.read_text(encoding="utf-8").startswith("<svg")


async def test_score_card_override_and_note_are_stored_and_scored(tmp_path) -> None:
    ident = stored_exercise(f"sqlite:///{tmp_path}/drills.db", seed=3)
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        card = app.screen
        finding = card.selected()
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OverrideDialog))
        dialog = app.screen
        dialog.query_one("#override-verdict").value = "waived"
        dialog.query_one("#override-reason").value = "the exercise control cell asked for it"
        dialog.query_one("#override-reason").focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is card)
        await until(pilot, lambda: any(f.id == finding.id and f.verdict == "waived"
                                       for f in (card.result.card.findings if card.result.card else [])))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteDialog))
        await type_into(pilot, "good handover")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is card)
        await settle(pilot)
    replay = replay_of(tmp_path, ident)
    [override] = replay.overrides()
    assert (override.finding_id, override.changes["verdict"]) == (finding.id, "waived")
    assert [o.text for o in replay.observations()] == ["good handover"]


async def test_replay_lists_the_facilitators_marks_and_jumps_to_one(tmp_path) -> None:
    from tui.screens.replay import ReplayScreen

    with Workspace(f"sqlite:///{tmp_path}/drills.db") as workspace:
        live = workspace.start(workspace.load_scenario("ordos-coal-mine"), 2, "plan", ["enterprise"])
        live.name_participant("enterprise", "Li Na")
        live.advance_to(25 * MINUTE)
        live.discussion_pause("handover rules")
        live.facilitate("resume")
        live.advance_to(50 * MINUTE)
        live.end("room booked")
        ident = live.id
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_replay(ident)
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen) and app.screen.replay is not None)
        replay = app.screen
        table = replay.query_one("#bookmarks")
        shown = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert shown == ["participant: enterprise: Li Na", "discussion pause: handover rules", "exercise resumed",
                         "reason for ending: room booked"]
        table.focus()
        await pilot.press("down", "enter")
        await until(pilot, lambda: replay.events[replay.seq].t <= 25 * MINUTE < replay.events[replay.seq + 1].t)


async def test_score_card_override_of_an_area_rating(tmp_path) -> None:
    from tui.screens.facilitator_dialogs import RatingOverrideDialog

    ident = stored_exercise(f"sqlite:///{tmp_path}/drills.db", seed=4)
    app = app_for(tmp_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        card = app.screen
        ratings = card.query_one("#ratings")
        ratings.focus()
        area = str(ratings.coordinate_to_cell_key(ratings.cursor_coordinate).row_key.value)
        wanted = "U" if card.result.card.ratings[area] != "U" else "P"
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, RatingOverrideDialog))
        dialog = app.screen
        dialog.query_one("#override-rating").value = wanted
        dialog.query_one("#override-reason").value = "观察到的情况"
        dialog.query_one("#override-reason").focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is card and card.result.card is not None
                    and card.result.card.ratings[area] == wanted)
    [override] = replay_of(tmp_path, ident).overrides()
    assert (override.finding_id, override.changes["rating_area"], override.changes["rating"]) == ("rating", area, wanted)
