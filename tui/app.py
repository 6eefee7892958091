"""The drillsim terminal app: the screens, the keys every screen shares, and the one factory the CLI and the
tests both use (`make_app`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID

from textual import work
from textual.binding import Binding
from textual.reactive import reactive

from drillsim.i18n import default_lang
from drillsim.workspace import LiveExercise, LoadedScenario, Snapshot, Workspace, last_export_dir

from tui.commands import ScreenActions
from tui.i18n import Lang, other, tr
from tui.screens.library import LibraryScreen
from tui.size_classes import SizeClasses


class DrillApp(SizeClasses):
    """Library → briefing → live console → score card → replay → what-if fork."""

    CSS_PATH = "styles.tcss"
    TITLE = "drillsim"
    COMMANDS = {ScreenActions}
    """The palette offers the keys of the screen it opens on and the app's, in the interface language."""
    BINDINGS = [
        Binding("question_mark", "help", "key.help"),
        Binding("l", "toggle_lang", "key.lang"),
        Binding("q", "ask_quit", "key.quit"),
        Binding("ctrl+p", "command_palette", "key.palette", show=False),
        Binding("ctrl+s", "take_screenshot", "key.screenshot", show=False),
    ]

    lang: reactive[str] = reactive("en")
    """The interface language, `zh` or `en`; every screen redraws its labels when it changes."""

    def __init__(self, store_url: str | None = None, lang: Lang | None = None) -> None:
        super().__init__()
        self.workspace = Workspace(store_url)
        """The session API; the store opens on first use."""
        self.set_reactive(DrillApp.lang, lang or default_lang())
        self.export_dir = last_export_dir()
        """Where reports and screenshots are written: offered when exporting; the last folder chosen, in this
        run or an earlier one (`remember_export_dir`), else the current folder."""
        self.sweep_dir = Path.cwd()
        """Where the analysis screen looks for sweeps (`drillsim sweep` writes them in the current folder)."""

    def get_default_screen(self) -> LibraryScreen:
        return LibraryScreen()

    def watch_lang(self, lang: str) -> None:
        self.title = tr("app.title", lang)  # type: ignore[arg-type]
        self.refresh_bindings()

    # --- keys every screen has ----------------------------------------------------------------------

    def action_toggle_lang(self) -> None:
        self.lang = other(self.lang)  # type: ignore[arg-type]

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=tr("palette.placeholder", self.lang),  # type: ignore[arg-type]
                                            id="--command-palette"))

    def action_take_screenshot(self) -> None:
        """Save the screen as SVG in the export folder and say where."""
        try:
            path = self.save_screenshot(path=str(self.export_dir))
        except OSError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify(tr("screenshot.saved", self.lang, path=path), timeout=8)  # type: ignore[arg-type]
    def action_help_quit(self) -> None:
        """Ctrl+C: say, in the interface language, which key quits (Textual's own toast is English)."""
        lang = self.lang
        key = next((k for k, b in self.active_bindings.items() if b.binding.action in ("quit", "app.quit")), "q")
        self.notify(tr("app.quit_hint", lang, quit_key=key), title=tr("app.quit_title", lang))  # type: ignore[arg-type]

    def action_ask_quit(self) -> None:
        """`q`: quit once the facilitator confirms (ctrl+q quits at once)."""
        from tui.screens.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return
        lang = self.lang

        def answered(yes: bool | None) -> None:
            if yes:
                self._close_live_sessions()
                self.exit()

        self.push_screen(ConfirmDialog(tr("app.quit_question", lang), lang, tr("app.quit_detail", lang),  # type: ignore[arg-type]
                                       yes="confirm.quit"), answered)

    async def action_quit(self) -> None:
        self._close_live_sessions()
        self.exit()

    def _close_live_sessions(self) -> None:
        from tui.screens.live import LiveScreen

        for screen in self.screen_stack:
            if isinstance(screen, LiveScreen):
                screen.session.close()

    def on_unmount(self) -> None:
        self.workspace.close()

    # --- moving between screens ---------------------------------------------------------------------

    def open_briefing(self, ref: str) -> None:
        from tui.screens.briefing import BriefingScreen

        self.push_screen(BriefingScreen(ref))

    def open_live(self, session: LiveExercise, snapshot: Snapshot, loaded: LoadedScenario, replace: bool = False) -> None:
        from tui.screens.live import LiveScreen

        screen = LiveScreen(session, snapshot, loaded)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_resume(self, ident: UUID) -> None:
        self._resume(ident)

    @work(thread=True, exclusive=True, group="app-open", exit_on_error=False)
    def _resume(self, ident: UUID) -> None:
        try:
            session = self.workspace.resume(ident)
        except Exception as error:  # noqa: BLE001 - e.g. the log no longer re-simulates; say so
            self.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        self.call_from_thread(self.open_live, session, session.snapshot(), session.loaded)

    def open_replay(self, ident: UUID, seq: int | None = None) -> None:
        from tui.screens.replay import ReplayScreen

        self.push_screen(ReplayScreen(ident, seq))

    def open_score(self, ident: UUID) -> None:
        from tui.screens.scorecard import ScoreCardScreen

        self.push_screen(ScoreCardScreen(ident))

    def open_analysis(self) -> None:
        from tui.screens.analysis import AnalysisScreen

        self.push_screen(AnalysisScreen(self.sweep_dir))

    def leave_live(self, session: LiveExercise) -> None:
        self._close_session(session)
        self.to_library()

    @work(thread=True, group="app-close", exit_on_error=False)
    def _close_session(self, session: LiveExercise) -> None:
        session.close()

    def to_library(self) -> None:
        """Back to the library (the bottom screen), with the exercise list refreshed."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.pop_screen()
        library = self.screen_stack[0]
        if isinstance(library, LibraryScreen):
            library.reload()


def make_app(store_url: str | None = None, lang: str | None = None) -> DrillApp:
    """The app the `drillsim` command opens; tests build theirs here too.

    `store_url`: the exercise store (default: SQLite in the user's data directory, or DRILLSIM_STORE).
    `lang`: `zh` or `en` (default: Chinese under a Chinese locale, else English).
    """
    if lang not in (None, "zh", "en"):
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    return DrillApp(store_url, lang)  # type: ignore[arg-type]
