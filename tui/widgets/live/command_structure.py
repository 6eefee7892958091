"""Command structure: who commands in the field now, the handovers so far, officials on their way, levels."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text

from drillsim.render.timeline import clock

from tui.i18n import tr
from tui.view import View
from tui.widgets.state_panel import StatePanel, shown_key


class CommandStructure(StatePanel):
    """The chain of field command at one moment."""

    def show(self, state: Any, view: View) -> None:
        lang = view.lang
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
        self.show_content(tr("live.command", lang), Group(*lines), shown_key(lines))
