"""The live console screen and its dialogs (its panels live in `tui/widgets/live/`)."""

from tui.screens.live.console import LiveScreen

__all__ = ["LiveScreen"]
