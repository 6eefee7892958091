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


async def test_rarer_refusals_read_in_chinese_on_a_chinese_seat(hosted: tuple[str, Host]) -> None:
    """Malformed requests (a speed the host does not run, an observation's unknown area, a text too long)
    are refused by the host in English; the Chinese facilitator's seat says why in Chinese."""
    from drillsim.glossary import AREA_NAMES, term
    from drillsim.seats.host import MAX_TEXT

    url, host = hosted
    client = Workspace(url, connections=1).join(host.codes["facilitator"])
    app = make_seat_app(client, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.seat_view is not None)
        app.clear_notifications()
        client.control("speed", value=7)
        client.observe("ok", area="nowhere")
        client.control("inject", to_role="banner", text_zh="长" * (MAX_TEXT + 1))

        def said() -> list[str]:
            host.intake()
            return [str(n.message) for n in app._notifications]

        await until(pilot, lambda: len(said()) == 3)
        areas = "、".join(term(AREA_NAMES, area, "zh") for area in AREA_NAMES)
        assert areas.startswith("预警与信息报告、应急启动与动员")
        assert said() == ["被拒绝：速度须为 1, 10, 60, 600 倍之一", f"被拒绝：观察的领域须为：{areas}",
                          f"被拒绝：中文内容须为 1 至 {MAX_TEXT} 个字符的文字"], said()


def test_every_refusal_of_the_host_reads_in_chinese_and_english() -> None:
    """Each reason the host may give (drillsim.seats.refusals) has a Chinese text without English words or
    ids, and an English one; the host's record of it is read back to its reason and fields."""
    from drillsim.seats.refusals import REFUSALS, Refused, parse

    from tests.conftest import MINI_MINE
    from tests.tui.test_untranslated import foreign_words
    from tui.screens.seat.wording import refusal_text
    from tui.view import view_of

    loaded = Workspace.load_scenario(MINI_MINE)
    samples = {"kind": "'boom'", "areas": "command, resources", "role": "banner", "error": "field required",
               "actor": "'enterprise'", "action": "'jump'", "speeds": "1, 10", "steers": "hold, edit",
               "field": "reason", "length": 2000, "seats": "facilitator, room"}
    for reason, words in REFUSALS.items():
        fields = {name: value for name, value in samples.items() if f"{{{name}}}" in words}
        recorded = str(Refused(reason, **fields))
        assert parse(recorded) == (reason, {k: str(v) for k, v in fields.items()}), recorded
        zh = refusal_text(recorded, view_of(loaded, "zh"))
        sent = zh.replace("'boom'", "").replace("'jump'", "")  # the kind or control a request named
        assert zh != recorded and not foreign_words(sent), (reason, zh)
        english = refusal_text(recorded, view_of(loaded, "en"))
        assert english and not any("\u4e00" <= c <= "\u9fff" for c in english), (reason, english)
    assert refusal_text("an engine's own refusal", view_of(loaded, "zh")) == "an engine's own refusal"


async def test_the_join_screen_has_a_footer_and_the_seat_app_a_help_key(hosted: tuple[str, Host]) -> None:
    """The join prompt's field takes every printable key (a code may hold q and l), so its footer offers
    help, language and quit on F1, F2 and Ctrl+Q; F1 opens the single-seat app's help screen with the join
    screen's keys. On a joined seat `?` opens it with that seat's keys (a role's: decide, not the MSEL)."""
    from tui.i18n import tr
    from tui.screens.help import HelpScreen
    from tui.screens.seat.join import JoinScreen

    from tests.tui.helpers import screen_text

    url, host = hosted
    app = make_seat_app(None, "zh", Workspace(url, connections=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, JoinScreen) and app.screen.query("#join-code"))
        await pilot.pause()
        footer = "\n".join(screen_text(app).splitlines()[-3:])
        for key, name in (("F1", "key.help"), ("F2", "key.lang"), ("^q", "key.quit")):
            assert f"{key} {tr(name, 'zh')}" in footer, footer
        assert "? " not in footer, footer
        await pilot.press("q", "l", "question_mark")
        assert app.screen.query_one("#join-code", Input).value == "ql?" and app.lang == "zh"
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        shown = screen_text(app)
        assert tr("help.join", "zh") in shown and "F2" in shown and "Ctrl+Q" in shown, shown
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, JoinScreen))
        await pilot.press("f2")
        await until(pilot, lambda: app.lang == "en")

    app = make_seat_app(Workspace(url, connections=1).join(host.codes["banner"]), "en")
    async with app.run_test(size=SIZE) as pilot:
        seat = app.screen
        await until(pilot, lambda: seat.seat_view is not None)
        await until(pilot, lambda: "? Help" in screen_text(app))
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        shown = screen_text(app)
        assert tr("help.seat", "en") in shown and tr("key.decide", "en") in shown, shown
        assert tr("key.msel", "en") not in shown and tr("key.lang", "en") in shown, shown
        await pilot.press("question_mark")
        await until(pilot, lambda: app.screen is seat)
