"""Working groups: every group the plan defines, which are active (and who leads), which the level needs."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from tui.i18n import tr
from tui.view import View
from tui.widgets.state_panel import StatePanel, shown_key


class WorkingGroups(StatePanel):
    """The plan's working groups at one moment."""

    def show(self, state: Any, view: View) -> None:
        lang = view.lang
        active = len(state.groups)
        title = f"{tr('live.groups', lang)} {active}/{len(view.plan.working_groups)}"
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, width=1)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        cells: list[Text] = []
        for group in view.plan.working_groups:
            name = Text(view.text(group.name))
            if group.id in state.groups:
                mark = Text("✓", style="bold green")
                name.stylize("green")
                name.append("  " + ", ".join(view.body(b) for b in state.groups[group.id]), style="dim")
            elif state.level is not None and state.level in group.levels:
                mark = Text("!", style="bold yellow")
                name.stylize("yellow")
                name.append("  " + tr("groups.needed", lang), style="yellow")
            else:
                mark = Text("·", style="dim")
                name.stylize("dim")
            table.add_row(mark, name)
            cells += [mark, name]
        self.show_content(title, table, shown_key(cells))
