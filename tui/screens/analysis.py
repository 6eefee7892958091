"""Analysis: the sweeps (`drillsim sweep`) found in the working folder, and for the highlighted one its groups
(scenario × parameters × policy) with score, the obligations missed with their Wilson 95 % intervals, and the
minutes until each response level. `x` writes the sweep's HTML report beside its dataset."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from drillsim.glossary import POLICY_NAMES, term

from tui.i18n import tr
from tui.view import view_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.table_fill import refill


def named(cell: object, names: dict[str, str]) -> object:
    """A table cell with an id at its start (`ordos-coal-mine` or `ordos-coal-mine · plan`) named instead."""
    if not isinstance(cell, str):
        return cell
    head, sep, rest = cell.partition(" · ")
    return names.get(head, head) + sep + rest


class AnalysisScreen(Screen):
    """Sweeps on the left; the highlighted sweep's overview, miss rates and time to level on the right."""

    BINDINGS = [
        Binding("x", "export", "key.export"),
        Binding("f5", "reload", "key.refresh"),
        Binding("escape", "back", "key.back"),
    ]

    @dataclass
    class Listed(Message):
        sweeps: list[Any]

    @dataclass
    class Summarised(Message):
        path: Path
        tables: dict[str, Any] | None
        error: str | None

    @dataclass
    class Exported(Message):
        path: Path | None
        error: str | None

    def __init__(self, folder: Path) -> None:
        super().__init__(classes="analysis-screen")
        self.folder = folder
        self.sweeps: list[Any] = []
        self.tables: dict[str, Any] | None = None
        self.shown: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="analysis-title", classes="screen-title")
        with Horizontal(id="analysis-main"):
            with Vertical(id="analysis-sweeps", classes="panel"):
                yield DataTable(id="sweeps", cursor_type="row")
            with VerticalScroll(id="analysis-detail", classes="panel"):
                yield Static("", id="analysis-status")
                for key in ("overview", "misses", "levels"):
                    yield Static("", id=f"sweep-{key}-title", classes="analysis-heading")
                    yield DataTable(id=f"sweep-{key}", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self._relabel(self.app.lang)
        self.query_one("#sweeps", DataTable).focus()
        self._list()

    # --- workers ------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis-list", exit_on_error=False)
    def _list(self) -> None:
        self.post_message(self.Listed(self.app.workspace.sweeps(self.folder)))

    @work(thread=True, exclusive=True, group="analysis-summary", exit_on_error=False)
    def _summarise(self, path: Path, lang: str) -> None:
        try:
            self.post_message(self.Summarised(path, self.app.workspace.sweep_tables(path, lang), None))
        except Exception as error:  # noqa: BLE001 - a damaged dataset is shown, the app carries on
            self.post_message(self.Summarised(path, None, f"{type(error).__name__}: {error}"))

    @work(thread=True, exclusive=True, group="analysis-export", exit_on_error=False)
    def _export(self, path: Path, lang: str) -> None:
        try:
            self.post_message(self.Exported(self.app.workspace.sweep_report(path, lang), None))
        except Exception as error:  # noqa: BLE001
            self.post_message(self.Exported(None, f"{type(error).__name__}: {error}"))

    # --- messages -----------------------------------------------------------------------------------

    def on_analysis_screen_listed(self, message: Listed) -> None:
        self.sweeps = message.sweeps
        lang = self.app.lang
        names = self._names(lang, [x for s in self.sweeps for x in s.scenarios], obligations=False)
        rows = [(str(s.parquet), (s.parquet.stem, ", ".join(names.get(x, x) for x in s.scenarios),
                                  ", ".join(term(POLICY_NAMES, p, lang) for p in s.policies), str(s.runs)))
                for s in self.sweeps]
        refill(self.query_one("#sweeps", DataTable),
               [("name", tr("analysis.name", lang)), ("scenarios", tr("analysis.scenarios", lang)),
                ("policies", tr("analysis.policies", lang)), ("runs", tr("analysis.runs", lang))], rows, 40)
        if not self.sweeps:
            self._status(tr("analysis.none", lang, folder=str(self.folder)))
        else:
            self._show(self.sweeps[0].parquet)

    def on_analysis_screen_summarised(self, message: Summarised) -> None:
        if message.path != self.shown:
            return
        if message.error is not None or message.tables is None:
            self._status(message.error or "")
            return
        self.tables = message.tables
        self._status(tr("analysis.showing", self.app.lang, name=message.path.stem))
        sweep = next((s for s in self.sweeps if s.parquet == message.path), None)
        names = self._names(self.app.lang, sweep.scenarios if sweep else ())
        for key in ("overview", "misses", "levels"):
            title, table = message.tables[key]
            self.query_one(f"#sweep-{key}-title", Static).update(title)
            refill(self.query_one(f"#sweep-{key}", DataTable),
                   [(f"c{i}", named(h, names)) for i, h in enumerate(table.headers)],
                   [(str(i), tuple(named(cell, names) for cell in row)) for i, row in enumerate(table.rows)], 48)

    def _names(self, lang: str, scenarios: Any, obligations: bool = True) -> dict[str, str]:
        """The ids of `scenarios` and (with `obligations`) of their obligations → their names, from the
        scenarios the library has loaded (the sweep tables name them by id; a scenario it has not loaded
        keeps its ids)."""
        from tui.screens.library import LibraryScreen

        library = self.app.screen_stack[0]
        names: dict[str, str] = {}
        for loaded in library.loaded.values() if isinstance(library, LibraryScreen) else ():
            if loaded.scenario.id not in scenarios:
                continue
            view = view_of(loaded, lang)  # type: ignore[arg-type]
            names[loaded.scenario.id] = view.text(loaded.scenario.title)
            if obligations:
                names.update({o.id: view.text(o.name) for o in view.all_obligations()})
        return names

    def on_analysis_screen_exported(self, message: Exported) -> None:
        if message.error is not None:
            self.notify(message.error, severity="error", timeout=10)
        else:
            self.notify(tr("analysis.exported", self.app.lang, path=str(message.path)))

    @on(DataTable.RowHighlighted, "#sweeps")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show(Path(event.row_key.value))

    # --- actions ------------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self._list()

    def action_export(self) -> None:
        if self.shown is not None:
            self._export(self.shown, self.app.lang)

    # --- drawing ------------------------------------------------------------------------------------

    def _show(self, path: Path) -> None:
        if path == self.shown and self.tables is not None:
            return
        self.shown, self.tables = path, None
        self._status(tr("library.loading", self.app.lang))
        self._summarise(path, self.app.lang)

    def _status(self, text: str) -> None:
        self.query_one("#analysis-status", Static).update(text)

    def _relabel(self, lang: str) -> None:
        self.query_one("#analysis-title", Static).update(tr("analysis.title", lang))  # type: ignore[arg-type]
        self.query_one("#analysis-sweeps").border_title = tr("analysis.sweeps", lang)  # type: ignore[arg-type]
        if self.sweeps:
            self.on_analysis_screen_listed(self.Listed(self.sweeps))
            if self.shown is not None:
                shown, self.shown, self.tables = self.shown, None, None
                self._show(shown)
