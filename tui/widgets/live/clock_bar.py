"""The clock bar: simulation time and local time, speed, running or paused, and which exercise this is."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.i18n import Lang, tr
from tui.view import View


class ClockBar(Static):
    """One line at the top of the live console."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.now = 0
        self.speed = 1
        self.paused = True
        self.ended = False
        self.busy = False
        self.caption = ""
        self.badge = ""
        """What sets this exercise apart, shown after the run state (a what-if fork and its parent)."""
        self.discussion = False
        """Paused for a discussion (the facilitator's `p`); the next show() that is not paused ends it."""

    def show(self, view: View, now: int, speed: int, paused: bool, ended: bool, label: str = "") -> None:
        self.now, self.speed, self.paused, self.ended, self.caption = now, speed, paused, ended, label
        self.discussion = self.discussion and paused
        self.update(self.render_bar(view), layout=False)  # always one line high

    def render_bar(self, view: View) -> Text:
        lang: Lang = view.lang
        if self.ended:
            state = ("■ " + tr("live.ended", lang), "bold white on dark_red")
        elif self.paused:
            state = ("⏸ " + tr("key.discussion" if self.discussion else "live.paused", lang), "bold black on yellow")
        else:
            state = ("▶ " + tr("live.running", lang), "bold black on green")
        parts: list[tuple[str, str] | str] = [
            (f" {state[0]} ", state[1]), "  ",
            *([(f" {self.badge} ", "bold white on magenta"), "  "] if self.badge else []),
            (tr("live.clock", lang) + " ", "dim"), (view.stamp(self.now), "bold"), "  ",
            (tr("live.speed", lang) + " ", "dim"), (f"×{self.speed}", "bold"), "  ",
            (view.text(view.scenario.title), "italic"),
        ]
        if self.caption:
            parts += ["  ", (self.caption, "dim")]
        return Text.assemble(*parts, no_wrap=True, overflow="ellipsis")
