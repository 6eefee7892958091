"""Reporting obligations with live countdowns: green while more than half the time is left, then amber, red
when due soon or missed.

The countdowns change on every clock tick, so this panel draws its own lines (a ScrollView, like Textual's
Log) instead of using a DataTable, whose cell updates re-render every visible row: a tick re-renders only
the lines whose countdown changed. Rows are re-sorted only when an obligation starts or settles.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from drillsim.glossary import CHANNEL_NAMES, OBLIGATION_STATUS_NAMES, term
from drillsim.render.timeline import clock

from tui.i18n import tr
from tui.view import View, countdown, urgency
from tui.widgets.scroll_extent import FixedExtent

STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red", "met": "green", "late": "yellow",
         "missed": "bold white on red"}
COLUMNS = ("left", "obligation", "from_to", "channel", "due")
MIN_WIDTH = {"left": 9}
MAX_WIDTH = 70
GAP = 2


class ObligationsTable(FixedExtent, ScrollView, can_focus=True):
    """Started obligations: pending first (soonest deadline on top), then settled ones, newest first."""

    BINDINGS = [
        Binding("up", "scroll_up", show=False), Binding("down", "scroll_down", show=False),
        Binding("pageup", "page_up", show=False), Binding("pagedown", "page_down", show=False),
        Binding("home", "scroll_home", show=False), Binding("end", "scroll_end", show=False),
        Binding("left", "scroll_left", show=False), Binding("right", "scroll_right", show=False),
    ]

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, classes="panel")
        self._shape: tuple = ()
        self._lang = ""
        self._header = Text()
        self._keys: list[str] = []
        self._cells: dict[str, list[Text]] = {}
        self._lines: dict[str, Strip] = {}
        self._widths: list[int] = []
        self.rows: dict[str, list[str]] = {}
        """The plain text of every row, by obligation id (what tests and screen readers see)."""

    # --- data ---------------------------------------------------------------------------------------

    def show(self, state: Any, view: View, now: int) -> None:
        obligations = state.obligations
        shape = tuple((key, ob.status) for key, ob in obligations.items())
        if shape != self._shape or view.lang != self._lang:
            self._rebuild(obligations, view, now)
            self._shape, self._lang = shape, view.lang
            return
        top, width, height = self.scroll_offset.y, self.size.width, self.size.height
        for index, key in enumerate(self._keys):
            ob = obligations[key]
            if ob.status == "pending":
                left = self._left(ob, now, view)
                if left.plain != self._cells[key][0].plain or left.style != self._cells[key][0].style:
                    self._cells[key][0] = left
                    self._lines.pop(key, None)
                    y = index + 1 - top  # line 0 is the header
                    if 0 < y < height:
                        self.refresh(Region(0, y, width, 1))  # that line only: the others keep their render

    def _rebuild(self, obligations: dict[str, Any], view: View, now: int) -> None:
        lang = view.lang
        self.border_title = tr("live.obligations", lang)
        pending = sorted((ob for ob in obligations.values() if ob.status == "pending"), key=lambda o: o.deadline_t)
        settled = sorted((ob for ob in obligations.values() if ob.status != "pending"), key=lambda o: -o.started_t)
        self._keys = [ob.id for ob in [*pending, *settled]]
        join = "、" if lang == "zh" else ", "
        self._cells = {
            ob.id: [
                self._left(ob, now, view),
                Text(view.obligation(ob.id)),
                Text(f"{view.body(ob.from_body)} → {join.join(view.body(b) for b in ob.to)}"),
                Text(term(CHANNEL_NAMES, ob.channel, lang)),
                Text(clock(ob.deadline_t)),
            ]
            for ob in obligations.values()
        }
        headers = [tr(f"col.{c}", lang) for c in COLUMNS]
        self._widths = [
            min(MAX_WIDTH, max([cell_len(h), MIN_WIDTH.get(c, 0)] + [self._cells[k][i].cell_len for k in self._keys]))
            for i, (c, h) in enumerate(zip(COLUMNS, headers))
        ]
        self._header = self._assemble([Text(h, style="bold") for h in headers])
        self._lines.clear()
        self.rows = {k: [c.plain for c in self._cells[k]] for k in self._keys}
        self.virtual_size = Size(sum(self._widths) + GAP * len(self._widths), len(self._keys) + 1)
        self.refresh()

    def _assemble(self, cells: list[Text]) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for cell, width in zip(cells, self._widths):
            piece = cell.copy()
            piece.truncate(width, overflow="ellipsis", pad=True)
            line.append_text(piece)
            line.append(" " * GAP)
        return line

    @staticmethod
    def _left(ob: Any, now: int, view: View) -> Text:
        kind = urgency(ob.status, ob.started_t, ob.deadline_t, now)
        lang = view.lang
        if kind in ("green", "amber", "red"):
            label = countdown(ob.deadline_t - now)
        elif kind == "late":
            label = tr("ob.late", lang, d=countdown(ob.late_by))
        else:
            label = term(OBLIGATION_STATUS_NAMES, kind, lang)
        return Text(label, style=STYLE.get(kind, ""))

    # --- drawing ------------------------------------------------------------------------------------

    def _strip(self, text: Text) -> Strip:
        segments = list(text.render(self.app.console))
        return Strip([s for s in segments if s.text != "\n"])

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        style = self.rich_style
        if y == 0:
            strip = self._strip(self._header)  # the header stays put when the rows scroll
        else:
            index = scroll_y + y - 1
            if index >= len(self._keys):
                return Strip.blank(width, style)
            key = self._keys[index]
            strip = self._lines.get(key)
            if strip is None:
                strip = self._lines[key] = self._strip(self._assemble(self._cells[key]))
        strip = strip.crop_extend(scroll_x, scroll_x + width, style)
        return strip.apply_style(style)
