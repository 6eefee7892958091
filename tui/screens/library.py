"""The library: the shipped scenarios with their briefing, and past exercises with status and score.

The screen appears at once with the scenario files' names; a worker then lists the exercises, validates
the scenarios (about half a second each) and scores the ended exercises, posting each result as it comes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from drillsim.glossary import POLICY_NAMES, term
from drillsim.workspace import ExerciseSummary, LoadedScenario
from drillsim.render.timeline import duration_text

from tui.i18n import tr
from tui.score_result import ScoreResult, score_of
from tui.view import view_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.table_fill import refill


SCORE_RECENT = 30
"""Past exercises scored in the background when the library opens (newest first); each takes about a third
of a second, so older ones are scored when opened rather than all at start-up."""


class LibraryScreen(Screen):
    """Scenarios on the left, the highlighted one's briefing on the right, past exercises below."""

    BINDINGS = [
        Binding("enter", "open", "key.open", show=True),
        Binding("r", "replay", "key.replay"),
        Binding("c", "score", "key.score"),
        Binding("a", "analysis", "key.analysis"),
        Binding("f5", "reload", "key.refresh"),
    ]

    @dataclass
    class Listed(Message):
        files: list[Path]
        exercises: list[ExerciseSummary]

    @dataclass
    class ScenarioLoaded(Message):
        path: Path
        loaded: LoadedScenario

    @dataclass
    class Scored(Message):
        ident: UUID
        result: ScoreResult

    def __init__(self) -> None:
        super().__init__(classes="library-screen")
        self.files: list[Path] = []
        self.loaded: dict[str, LoadedScenario] = {}
        self.exercises: list[ExerciseSummary] = []
        self.scores: dict[str, ScoreResult] = {}
        self.to_score: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static("", id="library-title", classes="screen-title")
        with Horizontal(id="library-top"):
            with Vertical(id="library-left", classes="panel"):
                yield DataTable(id="scenarios", cursor_type="row")
            with VerticalScroll(id="library-preview", classes="panel", can_focus=False):  # Tab: list to list
                yield Static("", id="preview")
        with Vertical(id="library-bottom", classes="panel"):
            yield DataTable(id="exercises", cursor_type="row")
        yield Static("", id="library-hint", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self._relabel(self.app.lang)
        self.query_one("#scenarios", DataTable).focus()
        self.reload()

    # --- loading (workers) --------------------------------------------------------------------------

    def reload(self) -> None:
        """List scenarios and exercises again (after a drill, or on F5)."""
        self._list()

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _list(self) -> None:
        workspace = self.app.workspace
        files = workspace.scenario_files()
        exercises = workspace.exercises()
        self.post_message(self.Listed(files, exercises))
        for path in files:
            if str(path) not in self.loaded:
                self.post_message(self.ScenarioLoaded(path, workspace.load_scenario(path)))
        ended = [s for s in reversed(exercises) if s.status.startswith("ended")]
        for summary in ended[:SCORE_RECENT]:
            if get_current_worker().is_cancelled:
                return
            if summary.id.hex not in self.scores:
                self.post_message(self.Scored(summary.id, score_of(workspace, summary.id)))

    def on_library_screen_listed(self, message: Listed) -> None:
        self.files = message.files
        self.exercises = message.exercises
        ended = [s.id.hex for s in reversed(message.exercises) if s.status.startswith("ended")]
        self.to_score = set(ended[:SCORE_RECENT])
        self._fill_scenarios()
        self._fill_exercises()

    def on_library_screen_scenario_loaded(self, message: ScenarioLoaded) -> None:
        self.loaded[str(message.path)] = message.loaded
        self._fill_scenarios()
        if self.exercises:
            self._fill_exercises()  # they are listed by the scenario's title once it is known

    def on_library_screen_scored(self, message: Scored) -> None:
        self.scores[message.ident.hex] = message.result
        self._fill_exercises()

    # --- showing ------------------------------------------------------------------------------------

    def _relabel(self, _lang: str) -> None:
        lang = self.app.lang
        self.query_one("#library-title", Static).update(Text(tr("app.title", lang), style="bold"))
        self.query_one("#library-left").border_title = tr("library.scenarios", lang)
        self.query_one("#library-bottom").border_title = tr("library.exercises", lang)
        self.query_one("#library-hint", Static).update(tr("library.hint", lang))
        self._fill_scenarios()
        self._fill_exercises()

    def _fill_scenarios(self) -> None:
        lang = self.app.lang
        table = self.query_one("#scenarios", DataTable)
        row = table.cursor_row
        rows = []
        for path in self.files:
            loaded = self.loaded.get(str(path))
            if loaded is None:
                rows.append((str(path), (Text(path.stem), Text(tr("library.loading", lang), style="dim"), "")))
            else:
                view = view_of(loaded, lang)
                rows.append((str(path), (view.text(loaded.scenario.title), loaded.plan.definition.document_number,
                                         duration_text(loaded.scenario.duration, lang))))
        refill(table, [(key, tr(f"col.{key}", lang)) for key in ("title", "plan", "duration")], rows, max_width=70)
        if self.files:
            table.move_cursor(row=min(row, len(self.files) - 1))
        self._preview()

    def _fill_exercises(self) -> None:
        lang = self.app.lang
        table = self.query_one("#exercises", DataTable)
        row = table.cursor_row
        titles = {loaded.scenario.id: view_of(loaded, lang).text(loaded.scenario.title)
                  for loaded in self.loaded.values()}
        rows: list = [(summary.id.hex, (summary.short_id, titles.get(summary.scenario_id, summary.scenario_id),
                                        str(summary.seed), term(POLICY_NAMES, summary.policy, lang),
                                        self._status(summary.status), self._score(summary), self._label(summary.label)))
                      for summary in reversed(self.exercises)]
        if not self.exercises:
            rows.append(("none", ("", Text(tr("library.no_exercises", lang), style="dim"), "", "", "", "", "")))
        refill(table, [(key, tr(f"col.{key}", lang))
                       for key in ("id", "scenario", "seed", "policy", "status", "score", "label")], rows)
        if self.exercises and table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _label(self, label: str) -> str:
        """An exercise's label; a what-if fork's stored English label ("fork of 1a2b3c4d at #3") in the
        interface language."""
        match = re.fullmatch(r"fork of ([0-9a-f]+) at #(\d+)", label or "")
        return tr("fork.badge", self.app.lang, parent=match.group(1), n=match.group(2)) if match else label

    def _status(self, status: str) -> Text:
        lang = self.app.lang
        if status == "open":
            return Text(tr("status.open", lang), style="yellow")
        reason = status.removeprefix("ended (").removesuffix(")")
        key = f"status.{reason}" if reason in ("terminated", "time_limit", "facilitator") else "status.ended"
        return Text(tr(key, lang), style="green" if reason == "terminated" else "")

    def _score(self, summary: ExerciseSummary) -> Text:
        lang = self.app.lang
        result = self.scores.get(summary.id.hex)
        if not summary.status.startswith("ended"):
            return Text(tr("score.none", lang), style="dim")
        if result is None:
            pending = summary.id.hex in self.to_score
            return Text(tr("score.pending" if pending else "score.none", lang), style="dim")
        if result.card is None:
            return Text("?", style="red")
        zh, en = result.card.conclusion
        return Text(f"{result.card.overall:.1f} {zh if lang == 'zh' else en}", style="bold")

    @on(DataTable.RowHighlighted, "#scenarios")
    def _preview(self) -> None:
        preview = self.query_one("#preview", Static)
        path = self._selected_scenario()
        loaded = self.loaded.get(path) if path else None
        if loaded is None:
            preview.update(Text(tr("library.loading", self.app.lang), style="dim") if path else "")
            return
        view = view_of(loaded, self.app.lang)
        scenario = loaded.scenario
        roles = Text(" · ".join(view.role(r.id) for r in scenario.roles), style="cyan")
        preview.update(Group(
            Text(view.text(scenario.title), style="bold"),
            Text(f"{view.text(loaded.plan.definition.title)} ({loaded.plan.definition.document_number})", style="dim"),
            Text(""),
            Text(view.text(scenario.briefing)),
            Text(""),
            roles,
        ))

    # --- actions ------------------------------------------------------------------------------------

    def _selected_scenario(self) -> str | None:
        table = self.query_one("#scenarios", DataTable)
        if not self.files or table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _selected_exercise(self) -> ExerciseSummary | None:
        table = self.query_one("#exercises", DataTable)
        if not self.exercises or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.exercises if s.id.hex == key), None)

    @on(DataTable.RowSelected, "#scenarios")
    def _scenario_chosen(self) -> None:
        path = self._selected_scenario()
        if path:
            self.app.open_briefing(path)

    @on(DataTable.RowSelected, "#exercises")
    def _exercise_chosen(self) -> None:
        summary = self._selected_exercise()
        if summary is None:
            return
        if summary.status == "open":
            self.app.open_resume(summary.id)
        else:
            self.app.open_replay(summary.id)

    def action_open(self) -> None:
        if self.query_one("#exercises", DataTable).has_focus:
            self._exercise_chosen()
        else:
            self._scenario_chosen()

    def action_replay(self) -> None:
        summary = self._selected_exercise()
        if summary is not None:
            self.app.open_replay(summary.id)

    def action_score(self) -> None:
        summary = self._selected_exercise()
        if summary is not None:
            self.app.open_score(summary.id)

    def action_analysis(self) -> None:
        self.app.open_analysis()

    def action_reload(self) -> None:
        self.reload()
