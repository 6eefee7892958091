"""The console in a small terminal (80×24) and a medium one (120×40), in both languages: the whole app is
walked (tests/tui/test_untranslated.walk_every_screen) and what the terminal shows is checked — the footer
keeps help, language and quit; the deadlines panel shows its rows; a figure stays with its name; role names
and findings are readable; a decision's result is on screen; no line starts with a closing mark."""

from __future__ import annotations

import pytest

from drillsim.glossary import FIGURE_NAMES, term
from drillsim.workspace import Workspace

from tui.i18n import tr
from tui.view import view_of

from tests.tui.helpers import ORDOS, scenario_path
from tests.tui.test_untranslated import walk_every_screen

FULL_SCREENS = ("library", "analysis", "briefing", "live console", "event log", "replay", "score card")
CLOSING = "，。、；：！？）」』】"
"""Chinese marks no line may start with (line-breaking rule, tui/line_break.py)."""


def cells(line: str) -> list[str]:
    """The text between a line's panel borders."""
    return [part.strip() for part in line.replace("│", "\0").replace("╭", "\0").replace("╰", "\0").split("\0")]


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
    for name, text in seen.items():
        for line in text.splitlines():
            for cell in cells(line):
                if cell and cell[0] in CLOSING:
                    problems.append(f"{name}: a line starts with {cell[0]!r}: {line.strip()}")
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
    assert not problems, "\n".join(problems)  # noqa: the screens are in the messages


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
