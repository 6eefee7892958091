"""The MSEL while a drill runs: every scripted inject with its time or condition and state, the ones to come
first; the facilitator holds or releases one (h), fires it now (a) or rewrites it (e). Each is stored as an
input through the live screen, so a replay plays it the same."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from drillsim.render.msel import MselEntry, msel_entries
from drillsim.render.timeline import clock

from tui.i18n import tr
from tui.line_break import Wrapped
from tui.screens.facilitator_dialogs import EditInjectDialog
from tui.view import View
from tui.widgets.table_fill import refill

Steer = Callable[[str, str, str, str], None]
"""(action, inject id, text_zh, text_en) → stored by the live screen."""

STATUS_STYLE = {"upcoming": "", "held": "bold yellow", "delivered": "dim"}


class MselDialog(ModalScreen[None]):
    """The MSEL with hold/release, fire now and edit; Esc closes it."""

    BINDINGS = [
        Binding("h", "hold", "key.hold"),
        Binding("a", "advance", "key.advance"),
        Binding("e", "edit", "key.edit"),
        Binding("escape", "close", "key.back"),
    ]

    DEFAULT_CSS = """
    #msel-dialog { width: 100; height: 90%; }
    #msel { height: 1fr; }
    #msel-text { height: 4; margin-top: 1; }
    """

    def __init__(self, view: View, events: Callable[[], list[Any]], steer: Steer) -> None:
        super().__init__(classes="dialog-screen")
        self.view = view
        self.events = events
        self.steer = steer
        self.entries: dict[str, MselEntry] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="msel-dialog"):
            yield Label(tr("msel.title", self.view.lang), classes="dialog-title")
            yield DataTable(id="msel", cursor_type="row", zebra_stripes=True)
            yield Static("", id="msel-text")
            yield Static(Text(tr("msel.hint", self.view.lang), style="dim"), id="msel-hint")

    def on_mount(self) -> None:
        self.show()
        self.query_one("#msel", DataTable).focus()

    def show(self) -> None:
        """Fill the table from the exercise's events as they stand now."""
        view = self.view
        lang = view.lang
        listed = msel_entries(view.scenario, self.events())
        self.entries = {m.id: m for m in listed}
        rows = []
        for m in listed:
            due = clock(m.at) if m.at is not None else tr("msel.when", lang)
            status = (tr("msel.delivered", lang, time=clock(m.delivered_t or 0)) if m.status == "delivered"
                      else tr(f"msel.{m.status}", lang))
            if m.edited:
                status += f" · {tr('msel.edited', lang)}"
            rows.append((m.id, (due, Text(status, style=STATUS_STYLE[m.status]), m.id, view.role(m.to_role))))
        table = self.query_one("#msel", DataTable)
        row = table.cursor_row
        refill(table, [("due", tr("msel.due", lang)), ("status", tr("msel.status", lang)), ("id", "MSEL"),
                       ("to", tr("msel.to", lang))], rows, max_width=24)
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))
        self._show_text()

    @on(DataTable.RowHighlighted, "#msel")
    def _show_text(self) -> None:
        """The whole text of the inject under the cursor, below the table."""
        table = self.query_one("#msel", DataTable)
        entry = self.entries.get(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)) \
            if table.row_count else None
        text = "" if entry is None else entry.text_zh if self.view.lang == "zh" else entry.text_en
        self.query_one("#msel-text", Static).update(Wrapped(text, overflow="ellipsis"))

    def selected(self) -> MselEntry | None:
        """The inject under the cursor if it is still to come (else says so)."""
        table = self.query_one("#msel", DataTable)
        if not table.row_count:
            return None
        entry = self.entries.get(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))
        if entry is None or not entry.upcoming:
            self.notify(tr("msel.not_upcoming", self.view.lang), severity="warning")
            return None
        return entry

    def action_hold(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.steer("release" if entry.status == "held" else "hold", entry.id, "", "")

    def action_advance(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.steer("advance", entry.id, "", "")

    def action_edit(self) -> None:
        entry = self.selected()
        if entry is None:
            return

        def edited(texts: tuple[str, str] | None) -> None:
            if texts is not None:
                self.steer("edit", entry.id, *texts)

        self.app.push_screen(EditInjectDialog(self.view.lang, entry.id, entry.text_zh, entry.text_en), edited)

    def action_close(self) -> None:
        self.dismiss(None)
