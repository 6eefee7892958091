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


class HelpScreen(ModalScreen[None]):
    """Keys by screen; Esc or ? closes it."""

    BINDINGS = [Binding("escape", "close", "key.back")]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

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
        for title, bindings in _sections():
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
        table.add_row("", tr("help.store", lang, store=self.app.workspace.store_label))
        table.add_row("", Text(tr("help.close", lang), style="dim"))
        self.query_one("#help-text", Static).update(table)

    def _key(self, key: str) -> str:
        names = {"question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]", "space": "Space",
                 "escape": "Esc", "enter": "Enter", "up": "↑", "down": "↓", "f5": "F5", "ctrl+p": "Ctrl+P",
                 "ctrl+s": "Ctrl+S"}
        return names.get(key, key)

    def action_close(self) -> None:
        self.app.pop_screen()
