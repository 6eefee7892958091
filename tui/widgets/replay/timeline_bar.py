"""The replay's scrubber: the exercise from start to end on one line, with the people's decisions (◆),
injects (▾) and bookmarks (★) marked and the current moment under a caret. Click anywhere to go there."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from drillsim.render.timeline import clock


@dataclass(frozen=True)
class Marks:
    """What the bar shows besides the caret."""

    end_t: int
    start_t: int = 0
    """Where the bar begins: 0, or the first moment of a warning phase (negative)."""
    decisions: tuple[int, ...] = ()
    injects: tuple[int, ...] = ()
    bookmarks: tuple[int, ...] = ()


class TimelineBar(Widget):
    """A one-line map of the exercise; `t` is the moment shown."""

    DEFAULT_CSS = """
    TimelineBar { height: 4; padding: 0 1; }
    """

    @dataclass
    class Seek(Message):
        """The user clicked the bar at simulation time `t`."""

        t: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TimelineBar.Seek)

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks = Marks(end_t=1)
        self.t = 0
        self.caption = ""

    def show(self, marks: Marks, t: int, caption: str) -> None:
        self.marks, self.t, self.caption = marks, t, caption
        self.refresh()

    def _width(self) -> int:
        return max(10, self.content_size.width)

    def _x(self, t: int) -> int:
        width = self._width()
        start, span = self.marks.start_t, max(1, self.marks.end_t - self.marks.start_t)
        return min(width - 1, max(0, round((t - start) * (width - 1) / span)))

    def render(self) -> Text:
        width = self._width()
        bar = ["─"] * width
        styles = ["dim"] * width
        for times, mark, style in ((self.marks.injects, "▾", "magenta"),
                                   (self.marks.decisions, "◆", "bold yellow"),
                                   (self.marks.bookmarks, "★", "bold cyan")):
            for t in times:
                x = self._x(t)
                bar[x], styles[x] = mark, style
        line = Text()
        for ch, style in zip(bar, styles):
            line.append(ch, style=style)
        caret = Text(" " * self._x(self.t) + "▲", style="bold green")
        start, end = clock(self.marks.start_t), clock(self.marks.end_t)
        scale = Text(start + " " * max(1, width - len(start) - len(end)) + end, style="dim")
        return Text("\n").join([scale, line, caret, Text(self.caption, style="bold")])

    def on_click(self, event: events.Click) -> None:
        width = self._width()
        x = min(width - 1, max(0, event.x - 1))
        span = self.marks.end_t - self.marks.start_t
        self.post_message(self.Seek(self.marks.start_t + round(x * span / max(1, width - 1))))
