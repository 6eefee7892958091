"""The footer, in the interface language: every binding's description is an i18n key (`key.pause`, …).

Textual's Footer prints `Binding.description` as it is; this one looks it up in `tui.i18n` and redraws when
the language changes. Clicking a key works as pressing it.

When the keys do not fit on one line (80 columns, Chinese or English), they wrap onto a second or third line
instead of running off the right edge, so help, language and quit — always last — stay visible.
"""

from __future__ import annotations

from collections import defaultdict

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.i18n import tr


MAX_ROWS = 3


def key_width(key_display: str, description: str) -> int:
    """Cells a compact FooterKey takes: key, a space, description, and its right margin."""
    return cell_len(key_display) + 1 + cell_len(description) + 1


def rows_of(widths: list[int], width: int, max_rows: int = MAX_ROWS) -> list[int]:
    """How many keys go on each line when keys of `widths` are laid left to right in `width` cells."""
    rows: list[int] = []
    used = width
    for w in widths:
        if used + w > width and (len(rows) < max_rows or not rows):
            rows.append(0)
            used = 0
        rows[-1] += 1
        used += w
    return rows or [0]


class KeyBar(Footer):
    """Footer with translated key descriptions, on as many lines as it needs (up to three)."""

    DEFAULT_CSS = """
    KeyBar {
        layout: vertical;
        height: auto;
        max-height: 3;
    }
    KeyBar > HorizontalGroup {
        height: 1;
    }
    """

    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)
        self._signature: tuple = ()
        self._rows: list[int] = []

    def bindings_changed(self, screen) -> None:  # noqa: ANN001
        """Redraw only when the keys shown change (a focus change usually leaves them as they were, and
        rebuilding the footer is the slowest part of moving the focus)."""
        signature = self._shown(screen)
        if signature == self._signature and self._bindings_ready:
            return
        self._signature = signature
        super().bindings_changed(screen)

    def _shown(self, screen) -> tuple:  # noqa: ANN001
        return tuple((b.key, b.action, b.description, enabled)
                     for _node, b, enabled, _tip in screen.active_bindings.values() if b.show)

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "lang", self._language_changed, init=False)

    def _language_changed(self, _lang: str) -> None:
        self._signature = ()
        if self.is_attached:
            self.call_after_refresh(self.recompose)

    def on_resize(self, event: Resize) -> None:
        if self._bindings_ready and self._layout() != self._rows:
            self.call_after_refresh(self.recompose)

    def _keys(self) -> list[tuple[str, str, str, str, bool, str]]:
        """(key, shown key, description, action, enabled, tooltip) of each key the footer shows."""
        lang = getattr(self.app, "lang", "en")
        by_action: defaultdict[str, list] = defaultdict(list)
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        keys = []
        for entries in by_action.values():
            binding, enabled, tooltip = entries[0]
            keys.append((binding.key, self.app.get_key_display(binding), tr(binding.description, lang),
                         binding.action, enabled, tooltip))
        return keys

    def _layout(self) -> list[int]:
        keys = self._keys()
        return rows_of([key_width(k[1], k[2]) for k in keys], self.app.size.width)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys = self._keys()
        self._rows = rows_of([key_width(k[1], k[2]) for k in keys], self.app.size.width)
        start = 0
        for count in self._rows:
            with HorizontalGroup():
                for key, shown, description, action, enabled, tooltip in keys[start:start + count]:
                    yield FooterKey(key, shown, description, action, disabled=not enabled,
                                    tooltip=tooltip).data_bind(compact=Footer.compact)
            start += count
