"""The inject feed: the scenario's messages to the roles (and the facilitator's own), as they arrive."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text

from drillsim.workspace import events as ev

from tui.i18n import tr
from tui.view import View
from tui.widgets.wrapping_log import WrappingLog


class InjectFeed(WrappingLog):
    """Injects delivered so far: time, receiving role, text."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, classes="panel")
        self.count = 0

    def append(self, events: Iterable[Any], view: View) -> None:
        for event in events:
            if isinstance(event, ev.InjectDelivered):
                self.count += 1
                head = Text.assemble((view.stamp(event.t), "dim"), "  ",
                                     (f"→ {view.role(event.to_role)}", "bold magenta"))
                self.add(head)
                self.add(Text(event.text_zh if view.lang == "zh" else event.text_en))
                self.add(Text(""))

    def rebuild(self, events: Iterable[Any], view: View) -> None:
        self.border_title = tr("live.injects", view.lang)
        self.count = 0
        self.clear()
        self.append(events, view)
