"""The seat app with Pilot: the join screen takes a code (a browser seat starts there), a role's console shows
what its role knows, the room view shows no figures. A real host on a real SQLite store drives them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from drillsim.workspace import Host, Workspace

from tests.tui.helpers import SIZE, text_of
from tests.tui.helpers import until_shown as until
from tui.seat_app import make_seat_app
from tui.screens.seat.console import SeatScreen
from tui.screens.seat.room import RoomScreen
from tui.widgets.live.situation_board import SituationBoard


@pytest.fixture()
def hosted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Host]:
    monkeypatch.setenv("DRILLSIM_HOST_KEYS", str(tmp_path / "keys"))
    url = f"sqlite:///{tmp_path}/drills.sqlite"
    workspace = Workspace(url)
    from tests.conftest import MINI_MINE

    host = workspace.host(workspace.load_scenario(MINI_MINE), 7, ["enterprise", "banner"])
    host.session.advance_to(20 * 60_000)
    yield url, host
    host.close()


async def test_the_join_screen_opens_the_seat_of_a_valid_code(hosted: tuple[str, Host]) -> None:
    url, host = hosted
    app = make_seat_app(None, "en", Workspace(url, connections=1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#join-code", Input).value = "abcd-efgh"
        await pilot.press("enter")
        await until(pilot, lambda: "join code is 32" in text_of(app.screen.query_one("#join-error", Static)))
        app.screen.query_one("#join-code", Input).value = "b" * 32
        await pilot.press("enter")
        await until(pilot, lambda: "unknown join code" in text_of(app.screen.query_one("#join-error", Static)))
        app.screen.query_one("#join-code", Input).value = host.codes["banner"]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SeatScreen) and app.screen.seat_view is not None)
        assert app.screen.role == "banner"


async def test_a_role_console_shows_its_knowledge_not_the_truth(hosted: tuple[str, Host]) -> None:
    url, host = hosted
    truth = host.session.state.figures
    assert truth.get("trapped")
    for role, expected in (("enterprise", f"trapped {truth['trapped']}"), ("banner", "trapped 0")):
        app = make_seat_app(Workspace(url, connections=1).join(host.codes[role]), "en")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.screen.seat_view is not None)
            board = text_of(app.screen.query_one(SituationBoard))
            assert expected in board, board


async def test_the_room_view_shows_the_clock_and_deadlines_without_figures(hosted: tuple[str, Host]) -> None:
    url, host = hosted
    app = make_seat_app(Workspace(url, connections=1).join(host.codes["room"]), "en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RoomScreen) and not app.screen.first or True)
        await until(pilot, lambda: "Response level" in text_of(app.screen.query_one("#room-level", Static)))
        assert not app.screen.query(SituationBoard)


async def test_the_facilitator_hosts_from_the_briefing_and_a_seat_joins(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.tui.helpers import open_briefing
    from tui.app import make_app
    from tui.screens.seat.hosting import HostingScreen

    monkeypatch.setenv("DRILLSIM_HOST_KEYS", str(tmp_path / "keys"))
    url = f"sqlite:///{tmp_path}/drills.sqlite"
    app = make_app(url, "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_briefing(pilot)
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HostingScreen))
        screen = app.screen
        codes = text_of(screen.query_one("#hosting-codes", Static))
        assert all(code in codes for code in screen.host.codes.values()) and "Room view" in codes
        seat = Workspace(url, connections=1).join(screen.host.codes["room"])
        await until(pilot, lambda: "1 requests handled" in text_of(screen.query_one("#hosting-status", Static)))
        seat.close()
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, HostingScreen))


async def test_the_facilitator_seat_steers_the_msel_through_the_host(hosted: tuple[str, Host]) -> None:
    """`m` on the facilitator's seat opens the single-seat console's MSEL dialog; hold, edit and fire now go
    to the host as requests, which stores them as the single-seat console's inputs (replay verifies)."""
    from textual.widgets import DataTable

    from drillsim.session.replay import verify
    from drillsim.store.application import ExerciseStore

    from tui.screens.facilitator_dialogs import EditInjectDialog
    from tui.screens.live.msel_dialog import MselDialog

    url, host = hosted
    app = make_seat_app(Workspace(url, connections=1).join(host.codes["facilitator"]), "en")
    async with app.run_test(size=SIZE) as pilot:
        seat = app.screen
        await until(pilot, lambda: seat.seat_view is not None)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MselDialog) and app.screen.entries)
        dialog = app.screen
        upcoming = [m.id for m in dialog.entries.values() if m.upcoming]
        assert upcoming, "the scenario has injects still to come at 20 min"
        inject = upcoming[0]
        dialog.query_one("#msel", DataTable).move_cursor(row=list(dialog.entries).index(inject))

        def applied(check) -> bool:
            host.intake()
            return check()

        await pilot.press("h")
        await until(pilot, lambda: applied(lambda: dialog.entries[inject].status == "held"))
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditInjectDialog))
        app.screen.query_one("#edit-en", Input).value = "Rewritten by the facilitator"
        await pilot.press("enter")
        await until(pilot, lambda: applied(lambda: dialog.entries[inject].edited))
        await pilot.press("a")
        await until(pilot, lambda: applied(lambda: dialog.entries[inject].status == "delivered"))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is seat)
    steered = [(payload["action"], payload["inject"]) for _t, kind, payload in ExerciseStore.open(url).inputs(host.id)
               if kind == "steer_inject"]
    assert steered == [("hold", inject), ("edit", inject), ("advance", inject)]
    assert verify(ExerciseStore.open(url), host.id).identical


async def test_only_the_facilitator_seat_has_the_msel(hosted: tuple[str, Host]) -> None:
    url, host = hosted
    app = make_seat_app(Workspace(url, connections=1).join(host.codes["evaluator"]), "en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.seat_view is not None)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen)


async def test_a_refusal_the_facilitator_meets_reads_in_chinese(hosted: tuple[str, Host]) -> None:
    """After the end the host refuses a speed change; the Chinese seat says why in Chinese (the host records
    its refusals in English)."""
    url, host = hosted
    client = Workspace(url, connections=1).join(host.codes["facilitator"])
    number = client.control("end", reason="时间到")
    host.intake()
    assert client.outcome(number).outcome == "done" and host.session.ended
    app = make_seat_app(client, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.seat_view is not None and app.screen.seat_view.ended)
        app.clear_notifications()
        await pilot.press("2")

        def said() -> list[str]:
            host.intake()
            return [str(n.message) for n in app._notifications]

        await until(pilot, lambda: said())
        assert said() == ["被拒绝：演练已结束"], said()
