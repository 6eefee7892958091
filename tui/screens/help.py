"""The help screen: every key of every screen, read from the screens' own bindings so it cannot drift."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import tr


def _sections() -> list[tuple[str, list[Binding]]]:
    from tui.app import DrillApp
    from tui.screens.analysis import AnalysisScreen
    from tui.screens.briefing import BriefingScreen
    from tui.screens.library import LibraryScreen
    from tui.screens.live import LiveScreen
    from tui.screens.replay import ReplayScreen
    from tui.screens.scorecard import ScoreCardScreen

    return [
        ("help.global", list(DrillApp.BINDINGS)),
        ("help.library", list(LibraryScreen.BINDINGS)),
        ("help.briefing", list(BriefingScreen.BINDINGS)),
        ("help.live", list(LiveScreen.BINDINGS)),
        ("help.replay", [Binding("up,down", "", "key.prev_event"), *ReplayScreen.BINDINGS]),
        ("help.score", list(ScoreCardScreen.BINDINGS)),
        ("help.analysis", list(AnalysisScreen.BINDINGS)),
    ]


Sections = list[tuple[str, list[Binding]]]
"""(i18n key of a section's title, its bindings)."""


class HelpScreen(ModalScreen[None]):
    """Keys by screen; Esc or ? closes it."""

    BINDINGS = [Binding("escape", "close", "key.back"), Binding("question_mark,f1", "close", "key.back", show=False)]
    """? and F1 close it too: a modal screen does not hand keys on to the app's bindings."""

    def __init__(self, sections: Sections | None = None) -> None:
        """`sections`: the keys to list (the seat app's); by default every screen of the single-seat app."""
        super().__init__(classes="dialog-screen")
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static("", id="help-text")

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel)

    def _relabel(self, lang: str) -> None:
        self.query_one("#help").border_title = tr("help.title", lang)
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold yellow", no_wrap=True)
        table.add_column()
        for title, bindings in self.sections or _sections():
            table.add_row(Text(tr(title, lang), style="bold underline"), "")
            for binding in bindings:
                keys = " / ".join(self._key(k) for k in binding.key.split(","))
                description = tr(binding.description, lang)
                if binding.action == "toggle_lang":
                    description = tr("help.lang", lang)
                if binding.key == "up,down":
                    description = f"{tr('key.prev_event', lang)} / {tr('key.next_event', lang)}"
                table.add_row(keys, description)
            table.add_row("", "")
        table.add_row(tr("help.tab", lang), tr("help.tab_desc", lang))
        table.add_row("Enter", tr("help.enter_desc", lang))
        table.add_row("", "")
        table.add_row("", tr("help.mouse", lang))
        workspace = getattr(self.app, "workspace", None)  # a seat app joined by its code has none
        if workspace is not None:
            table.add_row("", tr("help.store", lang, store=workspace.store_label))
        table.add_row("", Text(tr("help.close", lang), style="dim"))
        self.query_one("#help-text", Static).update(table)

    def _key(self, key: str) -> str:
        names = {"question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]", "space": "Space",
                 "escape": "Esc", "enter": "Enter", "up": "↑", "down": "↓", "f5": "F5", "ctrl+p": "Ctrl+P",
                 "ctrl+s": "Ctrl+S", "ctrl+q": "Ctrl+Q", "f1": "F1", "f2": "F2"}
        return names.get(key, key)

    def action_close(self) -> None:
        self.app.pop_screen()
