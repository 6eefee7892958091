"""Command structure: who commands in the field now, the handovers so far, officials on their way, levels."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from drillsim.render.timeline import clock

from tui.i18n import tr
from tui.view import View


class CommandStructure(Static):
    """The chain of field command at one moment."""

    def __init__(self, id: str | None = None, fixed: bool = True) -> None:
        super().__init__("", id=id, classes="panel")
        self.fixed = fixed
        """True when CSS fixes the panel's size, so an update need not lay the screen out again."""

    def show(self, state: Any, view: View) -> None:
        lang = view.lang
        self.border_title = tr("live.command", lang)
        lines: list[Text] = []
        head = Text(tr("command.now", lang) + " ", style="dim")
        if state.commander:
            head.append(view.body(state.commander), style="bold cyan")
        else:
            head.append(tr("command.none", lang), style="yellow")
        lines.append(head)
        if len(state.command_history) > 1:
            chain = Text(tr("command.history", lang) + " ", style="dim")
            for i, (t, body) in enumerate(state.command_history):
                if i:
                    chain.append(" → ", style="dim")
                chain.append(f"{clock(t)} ", style="dim")
                chain.append(view.body(body))
            lines.append(chain)
        if state.officials:
            lines.append(Text(tr("command.officials", lang), style="dim"))
            for body, where in state.officials.items():
                style = "green" if where == "on_scene" else "yellow"
                line = Text("  " + view.body(body) + "  ")
                line.append(tr(f"command.{where}", lang), style=style)
                lines.append(line)
        if state.level_history:
            levels = Text(tr("command.levels", lang) + " ", style="dim")
            for i, (t, level, _by) in enumerate(state.level_history):
                if i:
                    levels.append(" → ", style="dim")
                levels.append(f"{clock(t)} ", style="dim")
                levels.append(view.level(level), style="yellow")
            lines.append(levels)
        self.update(Group(*lines), layout=not self.fixed)
