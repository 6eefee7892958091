"""A log that wraps its lines to its own width (by the rule in `tui.line_break`) and wraps them again when
it is resized.

Textual's RichLog renders each line once, at least `min_width` (78) cells wide, and keeps it: in a narrower
panel the end of every long line sat behind the right edge ("two men did / out", the hidden "not get"
flipping the meaning), and lines written before the vertical scrollbar appeared were two cells too wide.
Here the scrollbar's gutter is always reserved, nothing scrolls sideways, and each entry keeps its text so a
new width re-wraps it.
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Resize
from textual.widgets import RichLog

from tui.line_break import Wrapped
from tui.widgets.scroll_extent import FixedExtent


def as_wrapped(text: Text) -> Wrapped:
    """The same text, styles and all, wrapping by the CJK-aware rule."""
    copy = Wrapped(text.plain, style=text.style, justify=text.justify, end=text.end)
    copy._spans = list(text._spans)  # noqa: SLF001 - Rich has no public way to carry spans over
    return copy


class WrappingLog(FixedExtent, RichLog):
    """A RichLog whose entries always fit its width."""

    DEFAULT_CSS = """
    WrappingLog {
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, max_lines: int | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, wrap=True, markup=False, highlight=False, min_width=1,
                         max_lines=max_lines)
        self.entries: list[Wrapped] = []
        self._width = 0

    def add(self, text: Text) -> None:
        """Append one entry (it may take several lines)."""
        entry = as_wrapped(text)
        self.entries.append(entry)
        if self.max_lines is not None and len(self.entries) > self.max_lines:
            del self.entries[: len(self.entries) - self.max_lines]
        if self._width:
            self.write(entry, width=self._width)

    def clear(self) -> WrappingLog:
        self.entries = []
        return super().clear()

    def on_resize(self, _event: Resize) -> None:
        width = self.scrollable_content_region.width
        if width > 0 and width != self._width:
            self._width = width
            self._size_known = True  # RichLog's own handler, which sets this, runs after this one
            super().clear()
            for entry in self.entries:
                self.write(entry, width=width, scroll_end=False)
            self.scroll_end(animate=False, immediate=False, x_axis=False)

    @property
    def text(self) -> list[str]:
        """The lines as shown (for tests and screenshots)."""
        return [line.text.rstrip() for line in self.lines]
