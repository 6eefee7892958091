"""The situation board: grade, response level, people at risk and casualties, loss, hazard, weather, flags."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.widgets import Static

from drillsim.glossary import COLOUR_NAMES, FIGURE_NAMES, term
from drillsim.workspace import ALWAYS_SHOWN, PEOPLE

from tui.i18n import Lang, tr
from tui.line_break import NO_BREAK_SPACE, Wrapped, joined
from tui.view import View


class SituationBoard(Static):
    """The true state of the accident and the response at one moment."""

    def __init__(self, id: str | None = None, fixed: bool = True) -> None:
        super().__init__("", id=id, classes="panel")
        self.fixed = fixed
        """True when CSS fixes the panel's size, so an update need not lay the screen out again."""

    def show(self, state: Any, view: View) -> None:
        lang = view.lang
        self.border_title = tr("live.situation", lang)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(style="dim", no_wrap=True)
        table.add_column(ratio=1)
        table.add_row(tr("board.grade", lang), Wrapped(view.grade(state.grade), style="bold"))
        level = Wrapped(view.level(state.level), style="bold yellow" if state.level else "")
        if state.level is None and state.terminated_by:
            level.append("  " + tr("board.terminated", lang, body=view.body(state.terminated_by)), style="green")
        elif state.level_by:
            level.append("  " + tr("board.by", lang, body=view.body(state.level_by)), style="dim")
        table.add_row(tr("board.level", lang), level)
        justified = state.justified_level
        if justified is not None and not state.terminated_by and (state.level is None or justified < state.level):
            table.add_row(tr("board.justified", lang), Wrapped(view.level(justified), style="bold red"))
        table.add_row(tr("board.people", lang), self._people(state.figures, lang))
        # What calls for action first: at 80×24 the panel shows seven lines and the last rows fall away.
        table.add_row(tr("board.flags", lang), self._flags(state, lang))
        warnings = ", ".join(term(COLOUR_NAMES, c, lang) for c in state.warnings) or tr("board.none", lang)
        table.add_row(tr("board.warnings", lang), Wrapped(warnings))
        table.add_row(tr("board.hazard", lang), Wrapped(joined(state.figures.get("hazard_extent", 0), "%")))
        loss = state.figures.get("direct_loss_cny", 0)
        table.add_row(tr("board.loss", lang), Wrapped(tr("board.yuan", lang, v=f"{loss:,}")))
        table.add_row(tr("board.weather", lang), Wrapped(view.weather()))
        self.update(table, layout=not self.fixed)

    @staticmethod
    def _people(figures: dict[str, int], lang: Lang) -> Wrapped:
        text = Wrapped()
        for key in PEOPLE:
            value = figures.get(key, 0)
            if value or key in ALWAYS_SHOWN:
                if text:
                    text.append(" · ")
                style = "bold red" if key in ALWAYS_SHOWN and value else ""
                text.append(f"{term(FIGURE_NAMES, key, lang)}{NO_BREAK_SPACE}", style="dim")
                text.append(str(value), style=style or "bold")
        return text

    @staticmethod
    def _flags(state: Any, lang: str) -> Wrapped:
        flags: list[tuple[str, str]] = []
        if state.suspended:
            flags.append((tr("board.suspended", lang), "bold red"))
        if state.rescuers_threatened:
            flags.append((tr("board.threatened", lang), "bold red"))
        if state.contained:
            flags.append((tr("board.contained", lang), "green"))
        if state.cordon_m:
            flags.append((tr("board.cordon", lang, m=state.cordon_m), ""))
        if state.evacuated:
            flags.append((tr("board.evacuated", lang, areas=", ".join(state.evacuated)), ""))
        text = Wrapped()
        for i, (label, style) in enumerate(flags):
            if i:
                text.append(" · ")
            text.append(label, style=style)
        return text or Wrapped(tr("board.none", lang), style="dim")
