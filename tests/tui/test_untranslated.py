"""In Chinese, no screen shows an English word or a raw id: the whole app is walked with the keyboard —
library, briefing, live console with a decision form open, the MSEL and its edit dialog, replay, fork, score
card, analysis, help, and the multi-seat screens (hosting, each seat console and its dialogs, the room view, the join prompt) — and
every visible line is scanned for Latin words that are not on the allow-list below."""

from __future__ import annotations

import asyncio
import re

from drillsim.loading.scenarios import load_scenario
from drillsim.sweep.api import run_sweep

from tui.app import make_app
from tui.screens.facilitator_dialogs import EditInjectDialog
from tui.screens.live.msel_dialog import MselDialog
from tui.widgets.live.decision_panel import DecisionPanel

from tests.tui.helpers import (ORDOS, SIZE, open_briefing, run_to, scenario_path, screen_text, settle, start_drill, until,
                               until_shown)

ALLOWED = {
    # key names as printed on the keys
    "space", "esc", "enter", "tab", "ctrl", "shift", "Space", "Esc", "Enter", "Tab", "Ctrl", "Shift", "F",
    "f", "q", "l", "a", "c", "r", "s", "d", "i", "b", "g", "x", "n", "e", "m", "p", "o", "t", "u", "v", "w", "y",
    "z", "h", "j", "k",
    # capability ratings: HSEEP's letters, which the Chinese score card keeps (P 完全胜任 … U 未能完成)
    "P", "S", "M", "U",
    # Latin the Chinese scenario texts themselves use: a plant's control system, a risk grade (A级)
    "DCS", "A",
    # the language switch names the other language in that language
    "English",
    # units written as SI symbols in Chinese text too
    "km", "kg", "MPa", "ppm", "mg", "min",
    # the product's name
    "drillsim",
}
"""Latin words a Chinese screen may show: key names, SI units (m, km, h, min), HSEEP's rating letters and
the Latin inside the Chinese source texts. Ids (obligation, inject, scenario, policy ids) are not allowed,
nor is "MSEL": Chinese readers see 主事件清单."""

LATIN = re.compile(r"[A-Za-z][A-Za-z_\-.]*[A-Za-z]|[A-Za-z]")
HEX_ID = re.compile(r"#[0-9a-f]{6,}")
JOIN_COMMAND = re.compile(r"drillsim join [a-z2-7]{4}(-[a-z2-7]{4}){7}")
"""The command a seat types (a command and a code, the same in every language)."""


def foreign_words(text: str) -> list[str]:
    """Latin words in `text` outside the allow-list, with their line."""
    found = []
    for line in text.splitlines():
        for word in LATIN.findall(HEX_ID.sub("", JOIN_COMMAND.sub("", line))):
            if word not in ALLOWED:
                found.append(f"{word!r} in: {line.strip()}")
    return found


async def visit(pilot, seen: dict[str, str], name: str) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()
    seen[name] = screen_text(pilot.app)


async def walk_every_screen(tmp_path, lang: str, size: tuple[int, int]) -> dict[str, str]:
    """Screen name → the text the terminal shows on it, walking the app as a facilitator does."""
    run_sweep([load_scenario(scenario_path(ORDOS))], [], ["plan", "late-reporter"], range(1, 3), tmp_path / "夜班")
    app = make_app(f"sqlite:///{tmp_path}/drills.db", lang)
    app.export_dir = app.sweep_dir = tmp_path
    seen: dict[str, str] = {}
    async with app.run_test(size=size) as pilot:
        library = app.screen
        await until(pilot, lambda: library.files and len(library.loaded) == len(library.files))
        await visit(pilot, seen, "library")
        await pilot.press("a")
        await until(pilot, lambda: getattr(app.screen, "tables", None) is not None)
        await visit(pilot, seen, "analysis")
        await pilot.press("escape")
        await open_briefing(pilot)
        await visit(pilot, seen, "briefing")
        await pilot.press("s")  # the start question
        await until(pilot, lambda: app.screen.query("#confirm-question"))
        await visit(pilot, seen, "start question")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        library.query_one("#scenarios").move_cursor(row=0)
        live = await start_drill(pilot, {"enterprise"})
        await run_to(pilot, live, 90 * 60_000)
        await pilot.press("d")
        form = live.query_one(DecisionPanel).form("enterprise")
        form.fill("establish_command")
        form.submit()
        await until(pilot, lambda: "…" not in str(form.query_one("#result").content))
        await visit(pilot, seen, "live console")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MselDialog) and app.screen.entries)
        await visit(pilot, seen, "MSEL")
        await pilot.press("e")  # the cursor is on the first inject still to come
        await until(pilot, lambda: isinstance(app.screen, EditInjectDialog))
        app.screen.query_one("#edit-en").value = ""  # the inject's English text, there to be rewritten
        await visit(pilot, seen, "MSEL edit")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MselDialog))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is live)
        live.query_one("#feeds").active = "tab-log"
        await visit(pilot, seen, "event log")
        await pilot.press("question_mark")
        await visit(pilot, seen, "help")
        await pilot.press("question_mark")
        await settle(pilot)
        live.action_replay()
        await until(pilot, lambda: getattr(app.screen, "state", None) is not None)
        replay = app.screen
        replay.go_to_event(len(replay.events) - 1)
        await visit(pilot, seen, "replay")
        await pilot.press("f")
        await until(pilot, lambda: app.screen is not replay)
        await visit(pilot, seen, "fork")
        await pilot.press("escape")
        await settle(pilot)
        replay.action_score()
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None)
        await visit(pilot, seen, "score card")
    return seen


async def test_every_screen_in_chinese_is_in_chinese(tmp_path) -> None:
    seen = await walk_every_screen(tmp_path, "zh", SIZE)
    leaks = {name: foreign_words(text) for name, text in seen.items()}
    leaks = {name: words for name, words in leaks.items() if words}
    assert not leaks, "\n".join(f"{name}:\n  " + "\n  ".join(words) for name, words in leaks.items())


def test_english_names_what_the_chinese_data_says() -> None:
    """A computer role's note is stored in Chinese (the inject's expected text); English readers see its
    English; a finding's grade reads in English; ids give way to names in the console's sentences."""
    from drillsim.render.timeline import describer_for
    from drillsim.workspace import Workspace
    from drillsim.workspace import events as ev

    from tui.screens.scorecard import severity
    from tui.view import view_of

    loaded = Workspace.load_scenario(scenario_path(ORDOS))
    expected = next(x for inj in loaded.scenario.msel for x in inj.expected if x.decision == "note")
    note = ev.NoteRecorded(t=0, seq=1, by=expected.by, text=expected.text.zh)
    view = view_of(loaded, "en")
    assert view.describe(note).endswith(expected.text.en)
    assert describer_for(loaded.plan.definition, loaded.scenario, "zh").describe(note).endswith(expected.text.zh)
    assert severity("不足项", "en") == "deficiency" and severity("不足项", "zh") == "不足项"
    missed = ev.ObligationMissed(t=0, seq=2, obligation=view.all_obligations()[0].id, deadline_t=0)
    named = view.text(view.all_obligations()[0].name)
    assert view.describe(missed) == f"DEADLINE MISSED: no report: {named}"
    cli = describer_for(loaded.plan.definition, loaded.scenario, "en")
    assert cli.describe(missed) == f"DEADLINE MISSED: no report [{missed.obligation}]"


def test_rejections_name_bodies_without_their_ids() -> None:
    """The engine's rejection texts give a body's id beside its name (kept in the event for the CLI); the
    console drops the id."""
    from drillsim.render.timeline import without_ids

    assert without_ids("现场指挥权由旗区人民政府（county_government）行使") == "现场指挥权由旗区人民政府行使"
    assert without_ids("already held by county_government (Banner/district government)") == \
        "already held by Banner/district government"
    assert without_ids("see (a) and b (c d)") == "see (a) and b (c d)"
    assert without_ids("现场指挥权由事发单位(生产经营单位应急指挥机构)（enterprise）行使") == \
        "现场指挥权由事发单位(生产经营单位应急指挥机构)行使"
    assert without_ids("浓度（ppm）与（DCS）") == "浓度（ppm）与（DCS）"  # units and upper-case names stay
    assert without_ids("already held by enterprise (Accident enterprise (its emergency command))") == \
        "already held by Accident enterprise (its emergency command)"
    assert without_ids("county_government (Banner (district) government) and enterprise (Mine) hold it") == \
        "Banner (district) government and Mine hold it"
    assert without_ids("not yet (it starts on report) (see (a))") == "not yet (it starts on report) (see (a))"


def test_a_findings_ids_are_named_on_the_score_card() -> None:
    from drillsim.workspace import Workspace

    from tui.view import view_of

    loaded = Workspace.load_scenario(scenario_path(ORDOS))
    view = view_of(loaded, "zh")
    first = view.all_obligations()[0]
    inject = next(i for i in loaded.scenario.msel if i.at is not None)
    said = view.readable(f"此前偏离预案：obligation:{first.id}；增长来自{inject.id}、unknown_thing。")
    assert view.text(first.name) in said and inject.id not in said and "unknown_thing" in said


async def test_ctrl_c_and_a_forks_label_speak_chinese(tmp_path) -> None:
    """Textual's own Ctrl+C toast is English; a what-if fork is stored with an English label."""
    from tests.tui.helpers import stored_exercise, until
    from drillsim.workspace import Workspace

    url = f"sqlite:///{tmp_path}/drills.db"
    parent = stored_exercise(url)
    workspace = Workspace(url)
    try:
        forked = workspace.fork(parent, 1, None)
        forked.close()
    finally:
        workspace.close()
    app = make_app(url, "zh")
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        await until(pilot, lambda: len(library.exercises) == 2)
        await pilot.press("ctrl+c")
        await pilot.pause()
        toasts = [f"{n.title} {n.message}" for n in app._notifications]
        assert toasts and all("退出" in t and "quit" not in t.lower() for t in toasts), toasts
        labels = [str(library.query_one("#exercises").get_row_at(i)[-1]) for i in range(2)]
        assert any(label.startswith("假设分支") for label in labels) and not any("fork of" in x for x in labels)


SEAT_HUMANS = ["enterprise", "banner"]


async def seat_visit(pilot, seen: dict[str, str], name: str) -> None:
    """Like `visit`, without waiting for workers: a seat's follow worker runs for as long as the screen."""
    for _ in range(3):
        await pilot.pause()
        await asyncio.sleep(0.05)
    pilot.app.clear_notifications()
    await pilot.pause()
    seen[name] = screen_text(pilot.app)


async def walk_seat_screens(tmp_path, lang: str, size: tuple[int, int], monkeypatch) -> dict[str, str]:
    """Screen name → the terminal's text, for every screen of a multi-seat drill: the hosting screen (`h` in
    the briefing), then a real host on the same SQLite store with a seat app per seat — a role's console with
    a decision answered, the facilitator's with its inject, broadcast and end prompts, the evaluator's with
    its observation prompt, the room view, and the join prompt with a wrong code."""
    from drillsim.workspace import Workspace

    from tui.screens.seat.console import SeatScreen
    from tui.screens.seat.hosting import HostingScreen
    from tui.seat_app import make_seat_app

    monkeypatch.setenv("DRILLSIM_HOST_KEYS", str(tmp_path / "keys"))
    url = f"sqlite:///{tmp_path}/drills.db"
    seen: dict[str, str] = {}
    app = make_app(url, lang)
    async with app.run_test(size=size) as pilot:
        await open_briefing(pilot)
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HostingScreen))
        hosting = app.screen
        await until_shown(pilot, lambda: str(hosting.query_one("#hosting-status").content).strip())
        await seat_visit(pilot, seen, "hosting")
        await pilot.press("escape")
        await until_shown(pilot, lambda: not isinstance(app.screen, HostingScreen))

    workspace = Workspace(url)
    host = workspace.host(workspace.load_scenario(scenario_path(ORDOS)), 3, SEAT_HUMANS)
    try:
        host.session.advance_to(90 * 60_000)
        seats = Workspace(url, connections=1)

        async def open_seat(role: str):
            seat_app = make_seat_app(seats.join(host.codes[role]), lang)
            return seat_app, seat_app.run_test(size=size)

        seat_app, running = await open_seat("enterprise")
        async with running as pilot:
            screen = seat_app.screen
            await until_shown(pilot, lambda: screen.seat_view is not None)
            await pilot.press("d")
            form = screen.query_one(DecisionPanel).form("enterprise")
            form.fill("establish_command")
            form.submit()
            def answered() -> bool:
                host.intake()
                return "…" not in str(form.query_one("#result").content) and screen.shown_outcomes > 1

            await until_shown(pilot, answered)
            await seat_visit(pilot, seen, "role seat accepted")
            answers = screen.shown_outcomes
            form.fill("establish_command")  # again: the engine refuses it, and the seat says why in its language
            form.submit()
            await until_shown(pilot, lambda: host.intake() == 0 and screen.shown_outcomes > answers
                             and "…" not in str(form.query_one("#result").content))
            await seat_visit(pilot, seen, "role seat rejected")
            host.session.advance_to(100 * 60_000)
            await until_shown(pilot, lambda: screen.seat_view.now >= 100 * 60_000)
            await seat_visit(pilot, seen, "role seat")
            screen.query_one("#feeds").active = "tab-log"
            await seat_visit(pilot, seen, "role seat log")

        seat_app, running = await open_seat("evaluator")
        async with running as pilot:
            screen = seat_app.screen
            await until_shown(pilot, lambda: screen.seat_view is not None)
            await pilot.press("o")
            await until_shown(pilot, lambda: not isinstance(seat_app.screen, SeatScreen))
            await seat_visit(pilot, seen, "observation prompt")
            await pilot.press(*"ok", "enter")  # the observation's text; saved with Enter
            await until_shown(pilot, lambda: isinstance(seat_app.screen, SeatScreen) and host.intake() == 0
                             and "observation" in str(screen.seat_view.presence))
            await seat_visit(pilot, seen, "evaluator seat")

        seat_app, running = await open_seat("facilitator")
        async with running as pilot:
            screen = seat_app.screen
            await until_shown(pilot, lambda: screen.seat_view is not None)
            prompts = (("i", "inject dialog"), ("b", "broadcast prompt"), ("e", "end prompt"), ("m", "seat MSEL"))
            for key, name in prompts:
                await pilot.press(key)
                await until_shown(pilot, lambda: not isinstance(seat_app.screen, SeatScreen))
                await seat_visit(pilot, seen, name)
                await pilot.press("escape")
                await until_shown(pilot, lambda: isinstance(seat_app.screen, SeatScreen))
            await pilot.press("space")  # the clock runs for everyone
            await until_shown(pilot, lambda: host.intake() == 0 and not screen.seat_view.paused)
            await seat_visit(pilot, seen, "facilitator seat")

        seat_app, running = await open_seat("room")
        async with running as pilot:
            await until_shown(pilot, lambda: not seat_app.screen.first or seat_app.screen.query("#room-level"))
            await until_shown(pilot, lambda: str(seat_app.screen.query_one("#room-level").content).strip())
            await seat_visit(pilot, seen, "room view")

        seat_app = make_seat_app(None, lang, seats)
        async with seat_app.run_test(size=size) as pilot:
            await until_shown(pilot, lambda: seat_app.screen.query("#join-code"))
            await seat_visit(pilot, seen, "join prompt")
            seat_app.screen.query_one("#join-code").value = "b" * 32
            await pilot.press("enter")
            await until_shown(pilot, lambda: str(seat_app.screen.query_one("#join-error").content).strip())
            await seat_visit(pilot, seen, "join prompt with a wrong code")
    finally:
        host.close()
        workspace.close()
    return seen


async def test_every_seat_screen_in_chinese_is_in_chinese(tmp_path, monkeypatch) -> None:
    seen = await walk_seat_screens(tmp_path, "zh", SIZE, monkeypatch)
    leaks = {name: foreign_words(text) for name, text in seen.items()}
    leaks = {name: words for name, words in leaks.items() if words}
    assert not leaks, "\n".join(f"{name}:\n  " + "\n  ".join(words) for name, words in leaks.items())
