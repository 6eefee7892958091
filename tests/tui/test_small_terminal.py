"""The console in a small terminal (80×24) and a medium one (120×40), in both languages: the whole app is
walked (tests/tui/test_untranslated.walk_every_screen) and what the terminal shows is checked — the footer
keeps help, language and quit; the deadlines panel shows its rows; a figure stays with its name; role names
and findings are readable; a decision's result is on screen; the MSEL dialog and its edit dialog show their
columns, rows and keys; no line starts with a closing mark."""

from __future__ import annotations

import re

import pytest

from drillsim.glossary import FIGURE_NAMES, term
from drillsim.workspace import Workspace

from tui.i18n import tr
from tui.view import view_of

from tests.tui.helpers import ORDOS, scenario_path
from tests.tui.test_untranslated import JOIN_COMMAND, SEAT_HUMANS, walk_every_screen, walk_seat_screens

FULL_SCREENS = ("library", "analysis", "briefing", "live console", "event log", "replay", "score card")
CLOSING = "，。、；：！？）」』】"
"""Chinese marks no line may start with (line-breaking rule, tui/line_break.py)."""


def cells(line: str) -> list[str]:
    """The text between a line's panel borders."""
    return [part.strip() for part in line.replace("│", "\0").replace("╭", "\0").replace("╰", "\0").split("\0")]


def closing_marks(seen: dict[str, str]) -> list[str]:
    """Lines (within panels) that start with a closing mark, by screen."""
    return [f"{name}: a line starts with {cell[0]!r}: {line.strip()}"
            for name, text in seen.items() for line in text.splitlines()
            for cell in cells(line) if cell and cell[0] in CLOSING]


def squeezed(text: str) -> str:
    """`text` without its whitespace and panel borders (a wrapped sentence reads whole again)."""
    return re.sub(r"[\s│]+", "", text)


def right_panel(text: str) -> str:
    """The text of the rightmost panel on each line that ends in a panel border."""
    return "\n".join(cells(line)[-2] for line in text.splitlines() if line.rstrip().endswith("│"))


@pytest.fixture(scope="module")
def loaded():
    return Workspace.load_scenario(scenario_path(ORDOS))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_fits_a_small_terminal(tmp_path, loaded, lang, size) -> None:
    seen = {name: text.replace("\u00a0", " ") for name, text in (await walk_every_screen(tmp_path, lang, size)).items()}
    view = view_of(loaded, lang)
    problems: list[str] = []
    for name in FULL_SCREENS:
        footer = "\n".join(seen[name].splitlines()[-3:])
        for key in ("key.help", "key.lang", "key.quit"):
            if tr(key, lang) not in footer:
                problems.append(f"{name}: the footer does not show {tr(key, lang)!r}:\n{footer}")
    problems += closing_marks(seen)
    live = seen["live console"]
    deadline = view.obligation(view.all_obligations()[0].id)[:6]
    if deadline not in live:
        problems.append(f"live console: no deadline row shows ({deadline!r}):\n{live}")
    for key in ("trapped", "deaths"):
        name = term(FIGURE_NAMES, key, lang)
        if not any(f"{name} " in line and line.split(f"{name} ")[1][:1].isdigit() for line in live.splitlines()):
            problems.append(f"live console: {name!r} is not followed by its figure on its line:\n{live}")
    said = [tr(key, lang, what="", reason="").rstrip(": ") for key in ("form.accepted", "form.rejected")]
    if not any(x in live for x in said):
        problems.append(f"live console: the decision's result is not on screen:\n{live}")
    problems += msel_problems(seen, view, lang)
    assert not problems, "\n".join(problems)  # noqa: the screens are in the messages


def msel_problems(seen: dict[str, str], view, lang: str) -> list[str]:
    """The MSEL dialog (opened at +01:30) shows its four column headers on one line, the next inject by its
    time and the head of its text, and its keys; its edit dialog names that inject and shows its buttons."""
    from drillsim.render.timeline import clock

    from tui.line_break import head

    problems = []
    msel, edit = seen["MSEL"], seen["MSEL edit"]
    labels = [tr(f"msel.{key}", lang) for key in ("due", "status", "text", "to")]
    if not any(all(label in line for label in labels) for line in msel.splitlines()):
        problems.append(f"MSEL: the column headers {labels} are not all on screen:\n{msel}")
    if squeezed(tr("msel.hint", lang)) not in squeezed(msel):
        problems.append(f"MSEL: the keys' hint is cut off:\n{msel}")
    after = min((i for i in view.scenario.msel if i.at is not None and i.at > 90 * 60_000), key=lambda i: i.at)
    named = head(view.text(after.text), 16)[:-1]
    if not any(clock(after.at) in line and named in line for line in msel.splitlines()):
        problems.append(f"MSEL: no row shows {clock(after.at)} with {named!r}:\n{msel}")
    if not any(clock(after.at) in line and named[:4] in line for line in edit.splitlines()):
        problems.append(f"MSEL edit: the title does not name {clock(after.at)} {named[:4]!r}:\n{edit}")
    if not all(tr(key, lang) in edit for key in ("dialog.save", "dialog.cancel")):
        problems.append(f"MSEL edit: the buttons are not on screen:\n{edit}")
    return problems


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_role_names_wrap_within_the_briefing_at_80_columns(tmp_path, lang) -> None:
    from rich.cells import cell_len

    from tui.line_break import wrap_lines

    from tui.app import make_app

    from tests.tui.helpers import open_briefing

    app = make_app(f"sqlite:///{tmp_path}/drills.db", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_briefing(pilot)
        table = app.screen.query_one("#roles")
        who, role = list(table.columns.values())[:2]
        shown = who.get_render_width(table) + role.get_render_width(table)
        assert shown <= table.scrollable_content_region.width, "the role column runs off the panel"
        for row in table.rows:
            name = str(table.get_cell(row, role.key))
            lines = wrap_lines(name, role.width)
            assert max(cell_len(line) for line in lines) <= role.width, name
            assert table.rows[row].height >= len(lines), name  # it wraps, not cut


SEAT_SCREENS = ("hosting", "role seat", "evaluator seat", "facilitator seat", "room view", "join prompt")
"""The multi-seat screens with a footer (the join prompt's offers F1, F2 and Ctrl+Q: its field takes every
printable key)."""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_seat_screen_fits_a_small_terminal(tmp_path, monkeypatch, loaded, lang, size) -> None:
    """The multi-seat screens (tests/tui/test_untranslated.walk_seat_screens): each join command on one line,
    the hosting title whole, a seat's decision answered on screen, deadlines and every seat's last action
    shown, the room's level, command and deadlines, a wrong code's message whole; footers keep help,
    language and quit; no line starts with a closing mark."""
    seen = {name: text.replace("\u00a0", " ")
            for name, text in (await walk_seat_screens(tmp_path, lang, size, monkeypatch)).items()}
    view = view_of(loaded, lang)
    problems = closing_marks(seen)
    for name in SEAT_SCREENS:
        footer = "\n".join(seen[name].splitlines()[-3:])
        for key in ("key.help", "key.lang", "key.quit"):
            if tr(key, lang) not in footer:
                problems.append(f"{name}: the footer does not show {tr(key, lang)!r}:\n{footer}")
    hosting = seen["hosting"]
    commands = [line for line in hosting.splitlines() if "drillsim join" in line]
    if len(commands) != len(SEAT_HUMANS[:1]) + 3 or not all(JOIN_COMMAND.search(line) for line in commands):
        problems.append(f"hosting: a seat's join command is not whole on its line:\n{hosting}")
    title = tr("hosting.title", lang, id="", scenario="").split("—")[-1]
    if squeezed(title) not in squeezed(hosting):
        problems.append(f"hosting: the title's instruction {title!r} is cut off:\n{hosting}")
    role = seen["role seat accepted"]
    accepted = tr("form.accepted", lang, what="").rstrip(": ")
    if accepted not in role:
        problems.append(f"role seat: the decision's result is not on screen:\n{role}")
    rejected = tr("form.rejected", lang, reason="").rstrip(": ")
    if rejected not in seen["role seat rejected"]:
        problems.append(f"role seat: the refusal is not on screen:\n{seen['role seat rejected']}")
    deadline = view.obligation(view.all_obligations()[0].id)[:6]
    for name in ("role seat", "facilitator seat", "room view"):
        if deadline not in seen[name]:
            problems.append(f"{name}: no deadline row shows ({deadline!r}):\n{seen[name]}")
    facilitator = right_panel(seen["facilitator seat"])
    for shown in (view.role("enterprise"), tr("seat.evaluator", lang), tr("seat.did.resume", lang),
                  tr("seat.did.left", lang)):
        if squeezed(shown) not in squeezed(facilitator):
            problems.append(f"facilitator seat: the seats panel does not show {shown!r}:\n{facilitator}")
    room = seen["room view"]
    for key in ("seat.level", "seat.commander"):
        if tr(key, lang) not in room:
            problems.append(f"room view: {tr(key, lang)!r} is not shown:\n{room}")
    wrong = tr("seat.code.unknown", lang)
    if squeezed(wrong) not in squeezed(seen["join prompt with a wrong code"]):
        problems.append(f"join prompt: {wrong!r} is not shown whole:\n{seen['join prompt with a wrong code']}")
    assert not problems, "\n".join(problems)  # noqa: the screens are in the messages
