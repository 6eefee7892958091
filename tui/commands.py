"""The command palette (Ctrl+P): every key of the current screen and of the app, by its name in the
interface language, so an action can be found by what it does rather than by its key."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from tui.i18n import tr

NOT_OFFERED = frozenset({"command_palette"})


def screen_commands(screen: DOMNode, app: DOMNode) -> Iterator[tuple[str, str, DOMNode, str]]:
    """(name, key, owner, action) of each binding of `screen`, then of `app`, once per action."""
    lang = getattr(app, "lang", "en")
    seen: set[str] = set()
    for owner in (screen, app):
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or not binding.action or binding.action in NOT_OFFERED:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            name = tr(binding.description, lang) if binding.description else binding.action
            yield name, app.get_key_display(binding), owner, binding.action


class ScreenActions(Provider):
    """Offers the bindings of the screen the palette was opened on, and the app's, translated."""

    def _hits(self) -> list[tuple[str, str, object]]:
        return [(name, key, partial(owner.run_action, action))
                for name, key, owner, action in screen_commands(self.screen, self.app)]

    async def discover(self) -> Hits:
        for name, key, run in self._hits():
            yield DiscoveryHit(name, run, help=key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key, run in self._hits():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=key)
