"""The event log: one line per event, in the same words as `drillsim timeline`, coloured by kind."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text

from drillsim.render.timeline import in_short_timeline

from tui.i18n import tr
from tui.view import CATEGORY_STYLE, View, pad
from tui.widgets.wrapping_log import WrappingLog


def event_line(event: Any, view: View) -> Text:
    """`+00:35:00 02:45  report   Banner EM bureau report → …`."""
    category = view.category(event)
    return Text.assemble(
        (view.stamp(event.t), "dim"), "  ",
        (pad(view.category_name(event), 8), CATEGORY_STYLE.get(category, "")), " ",
        view.describe(event),
    )


def shown(event: Any) -> bool:
    """Accepted decisions are told by their effects (as in the CLI timeline); notes stay."""
    return in_short_timeline(event)


class EventLog(WrappingLog):
    """Every event of the exercise so far, newest at the bottom."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, max_lines=20_000, classes="panel")

    def append(self, events: Iterable[Any], view: View) -> None:
        for event in events:
            if shown(event):
                self.add(event_line(event, view))

    def rebuild(self, events: Iterable[Any], view: View) -> None:
        self.border_title = tr("live.log", view.lang)
        self.clear()
        self.append(events, view)
