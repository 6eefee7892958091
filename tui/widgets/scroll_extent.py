"""Scrolling panels whose own size the stylesheet sets: more content means a longer scrollbar, not a new
layout of the screen.

Textual's `Widget.virtual_size` lays the whole screen out again whenever it changes — it must, for a widget
whose height is `auto`. A RichLog changes it on every `write`, a line-API table whenever a row is added; on the
live console each inject and each new obligation cost a reflow and a repaint of every panel (~20–50 ms at
140×45, the slowest ticks of `benchmarks/bench_tui.py`). For a scroll view whose size CSS fixes (a number,
`1fr`, a percentage), content does not move any other widget: updating its scrollbars and repainting it is all
a layout would do. A scrollbar that appears or goes still lays the screen out (Textual's
`show_vertical_scrollbar` asks for that itself).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive


class FixedExtent:
    """Mix into a `ScrollView` subclass (before it) whose width and height are not `auto`."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        if self.styles.auto_dimensions:  # type: ignore[attr-defined]
            self.refresh(layout=True)  # type: ignore[attr-defined]
        elif self.container_size:  # type: ignore[attr-defined]
            self._scroll_update(size)  # type: ignore[attr-defined]  # what the layout would do for it
