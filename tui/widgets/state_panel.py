"""A panel that shows the exercise's state at one moment and is drawn again only when what it shows changed.

The live console asks every panel to show the state whenever new events arrive, but most events leave most
panels as they were; a Static that is updated — or given a border title, even the same one — re-renders its
Rich table (a few ms each) on the next frame even when the content is the same. The panel compares what it
would show with what it shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static

Shown = tuple[tuple[str, str, str, tuple], ...]


def shown_key(cells: Iterable[str | Text]) -> Shown:
    """What `cells` show — characters, their kind of wrapping, base style and styled spans — comparable with
    an earlier key."""
    return tuple(
        (type(cell).__name__, cell, "", ()) if isinstance(cell, str)
        else (type(cell).__name__, cell.plain, str(cell.style), tuple(cell.spans))
        for cell in cells
    )


class StatePanel(Static):
    """A bordered panel of the live, seat and replay screens."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """Textual sets it while laying the screen out; for a widget that does not scroll (its virtual size is its
    content's size, just placed) the second layout Textual would then ask for changes nothing."""

    def __init__(self, id: str | None = None, fixed: bool = True) -> None:
        super().__init__("", id=id, classes="panel")
        self.fixed = fixed
        """True when CSS fixes the panel's size, so an update need not lay the screen out again."""
        self._shown: Shown | None = None
        self._height: tuple[int, int] | None = None
        """(width, lines) of the content last shown by a panel that is not `fixed`."""
        self.redraws = 0
        """How often the content changed (what tests count)."""

    def show_content(self, title: str, content: RenderableType, key: Shown) -> None:
        """Show `content` (whose cells' `shown_key` is `key`) under `title`, unless the panel shows that already."""
        key = (("title", title, "", ()), *key)
        if key == self._shown:
            return
        self._shown = key
        self.redraws += 1
        self.border_title = title
        self.update(content, layout=False)
        if self.fixed:
            return
        # The panel is as tall as its content: a layout of the screen (tens of ms) only when that height changed.
        width = self.content_size.width
        height = (width, self.get_content_height(self.size, self.app.size, width)) if width else None
        if height is None or height != self._height:
            self.refresh(layout=True)
        self._height = height
