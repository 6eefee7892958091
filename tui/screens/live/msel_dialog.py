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
from tui.line_break import Wrapped, head
from tui.screens.facilitator_dialogs import EditInjectDialog
from tui.view import View
from tui.widgets.table_fill import refill

Steer = Callable[[str, str, str, str], None]
"""(action, inject id, text_zh, text_en) → stored by the live screen."""

STATUS_STYLE = {"upcoming": "", "held": "bold yellow", "delivered": "dim"}
TEXT_CELLS = (16, 30)
"""The head of an inject's text in the table below / from 100 columns (the whole text shows below it)."""
TO_CELLS = 20


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
        cells = TEXT_CELLS[self.app.size.width >= 100]
        for m in listed:
            status = (tr("msel.delivered", lang, time=clock(m.delivered_t or 0)) if m.status == "delivered"
                      else tr(f"msel.{m.status}", lang))
            if m.edited:
                status += f" · {tr('msel.edited', lang)}"
            rows.append((m.id, (self.due(m), Text(status, style=STATUS_STYLE[m.status]),
                                head(self.text_of(m), cells), head(view.role(m.to_role), TO_CELLS))))
        table = self.query_one("#msel", DataTable)
        row = table.cursor_row
        refill(table, [("due", tr("msel.due", lang)), ("status", tr("msel.status", lang)),
                       ("text", tr("msel.text", lang)), ("to", tr("msel.to", lang))], rows,
               max_width=max(cells, TO_CELLS))
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))
        self._show_text()

    @on(DataTable.RowHighlighted, "#msel")
    def _show_text(self) -> None:
        """The whole text of the inject under the cursor, below the table."""
        table = self.query_one("#msel", DataTable)
        entry = self.entries.get(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)) \
            if table.row_count else None
        text = "" if entry is None else self.text_of(entry)
        self.query_one("#msel-text", Static).update(Wrapped(text, overflow="ellipsis"))

    def due(self, entry: MselEntry) -> str:
        """When the inject falls due, or that it waits for a condition."""
        return clock(entry.at) if entry.at is not None else tr("msel.when", self.view.lang)

    def text_of(self, entry: MselEntry) -> str:
        return entry.text_zh if self.view.lang == "zh" else entry.text_en

    def inject_name(self, entry: MselEntry) -> str:
        """The inject as the reader knows it: its time and the head of its text (`+01:10:00「井下…」`)."""
        return tr("msel.name", self.view.lang, due=self.due(entry), head=head(self.text_of(entry), 20))

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

        dialog = EditInjectDialog(self.view.lang, self.inject_name(entry), entry.text_zh, entry.text_en)
        self.app.push_screen(dialog, edited)

    def action_close(self) -> None:
        self.dismiss(None)
