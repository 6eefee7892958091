"""The situation board: grade, response level, people at risk and casualties, loss, hazard, weather, flags."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from drillsim.glossary import COLOUR_NAMES, FIGURE_NAMES, term
from drillsim.workspace import ALWAYS_SHOWN, PEOPLE

from tui.i18n import Lang, tr
from tui.line_break import NO_BREAK_SPACE, Wrapped, joined
from tui.view import View
from tui.widgets.state_panel import StatePanel, shown_key


class SituationBoard(StatePanel):
    """The true state of the accident and the response at one moment."""

    def show(self, state: Any, view: View) -> None:
        rows = self._rows(state, view)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(style="dim", no_wrap=True)
        table.add_column(ratio=1)
        for label, value in rows:
            table.add_row(label, value)
        self.show_content(tr("live.situation", view.lang), table, shown_key(cell for row in rows for cell in row))

    def _rows(self, state: Any, view: View) -> list[tuple[str, Wrapped]]:
        lang = view.lang
        rows = [(tr("board.grade", lang), Wrapped(view.grade(state.grade), style="bold"))]
        level = Wrapped(view.level(state.level), style="bold yellow" if state.level else "")
        if state.level is None and state.terminated_by:
            level.append("  " + tr("board.terminated", lang, body=view.body(state.terminated_by)), style="green")
        elif state.level_by:
            level.append("  " + tr("board.by", lang, body=view.body(state.level_by)), style="dim")
        rows.append((tr("board.level", lang), level))
        justified = state.justified_level
        if justified is not None and not state.terminated_by and (state.level is None or justified < state.level):
            rows.append((tr("board.justified", lang), Wrapped(view.level(justified), style="bold red")))
        rows.append((tr("board.people", lang), self._people(state.figures, lang)))
        # What calls for action first: at 80×24 the panel shows seven lines and the last rows fall away.
        rows.append((tr("board.flags", lang), self._flags(state, lang)))
        warnings = ", ".join(term(COLOUR_NAMES, c, lang) for c in state.warnings) or tr("board.none", lang)
        rows.append((tr("board.warnings", lang), Wrapped(warnings)))
        rows.append((tr("board.hazard", lang), Wrapped(joined(state.figures.get("hazard_extent", 0), "%"))))
        loss = state.figures.get("direct_loss_cny", 0)
        rows.append((tr("board.loss", lang), Wrapped(tr("board.yuan", lang, v=f"{loss:,}"))))
        rows.append((tr("board.weather", lang), Wrapped(view.weather())))
        return rows

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
