"""Breakpoint classes for every screen of an app (the drill app's and a seat's): -narrow (< 100 columns) or
-wide, -short (< 32 lines) or -tall; styles.tcss lays panels out smaller for -narrow/-short (its last section)."""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen


class SizeClasses(App):
    """Mixed into an app: gives each screen its breakpoint classes as it comes to the top (Textual sets them
    only when the terminal is resized, so a screen pushed later would be laid out as if it were large)."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._size_classes)
        self._size_classes(self.screen)

    def _size_classes(self, screen: Screen) -> None:
        width, height = self.size
        classes = {name: False for _, name in [*self.HORIZONTAL_BREAKPOINTS, *self.VERTICAL_BREAKPOINTS]}
        for value, points in ((width, self.HORIZONTAL_BREAKPOINTS), (height, self.VERTICAL_BREAKPOINTS)):
            classes[max((p for p in points if value >= p[0]), default=points[0])[1]] = True
        screen.update_classes(classes, animate=False)
