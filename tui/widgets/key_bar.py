"""The footer, in the interface language: every binding's description is an i18n key (`key.pause`, …).

Textual's Footer prints `Binding.description` as it is; this one looks it up in `tui.i18n` and redraws when
the language changes. Clicking a key works as pressing it.
"""

from __future__ import annotations

from collections import defaultdict

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.i18n import tr


class KeyBar(Footer):
    """Footer with translated key descriptions."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)
        self._signature: tuple = ()

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

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        lang = getattr(self.app, "lang", "en")
        by_action: defaultdict[str, list] = defaultdict(list)
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        for entries in by_action.values():
            binding, enabled, tooltip = entries[0]
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                tr(binding.description, lang),
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
