"""The score card: overall score and conclusion, a rating per capability area, and the findings — each with
the clause it is judged by and the events that justify it. Enter on a finding (or one of its evidence
events) opens the replay at that event; `x` exports the evaluation report in Markdown and HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from drillsim.glossary import AREA_NAMES, MODALITY_NAMES, POLICY_NAMES, SEVERITY_NAMES, VERDICT_NAMES, term
from drillsim.i18n import pick
from drillsim.workspace import UNSCORED, Finding, clock, remember_export_dir

from tui.i18n import tr
from tui.line_break import Wrapped
from tui.screens.prompt import PromptDialog
from tui.screens.evaluator_actions import EVALUATOR_BINDINGS, EvaluatorActions
from tui.score_result import ScoreResult, one_line_error, score_of, write_report
from tui.view import view_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.table_fill import refill

RATING_STYLE = {"P": "bold green", "S": "green", "M": "bold yellow", "U": "bold red"}


NARROW = 100
"""Columns below which the findings table shows verdict, points and finding only."""
FINDING_COLUMNS = ("verdict", "severity", "lost", "area", "finding")


def severity(grade: str | None, lang: str) -> str:
    """A finding's grade for the narrow column: the English name without the Chinese term reports add."""
    return term(SEVERITY_NAMES, grade, lang).split(" (")[0] if grade else ""


def place(at: str, lang: str) -> str:
    """Where in its source a rule stands: `L376` is line 376 (第 376 行); a section number stays as it is."""
    match = re.fullmatch(r"L(\d+)(?:-L?(\d+))?", at)
    return tr("score.line", lang, n=match.group(1)) if match else at


class ScoreCardScreen(EvaluatorActions, Screen):
    """Ratings and findings of one exercise; the evaluator's overrides and notes (`EvaluatorActions`)."""

    BINDINGS = [
        Binding("e", "evidence", "key.evidence"),
        Binding("a", "toggle_all", "score.show_all"),
        Binding("x", "export", "key.export"),
        Binding("r", "replay", "key.replay"),
        *EVALUATOR_BINDINGS,
        Binding("escape", "back", "key.back"),
    ]

    @dataclass
    class Scored(Message):
        result: ScoreResult

    @dataclass
    class Exported(Message):
        paths: list[Any]
        error: str | None
        folder: Path

    def __init__(self, ident: UUID) -> None:
        super().__init__(classes="score-screen")
        self.ident = ident
        self.result: ScoreResult | None = None
        self.show_all = False
        self._narrow = False
        self.findings: list[Finding] = []
        """The findings listed, in table order: those that cost points, or (with `show_all`) every one."""

    def compose(self) -> ComposeResult:
        yield Static("", id="score-title", classes="screen-title")
        yield Static("", id="score-head")
        with Horizontal(id="score-main"):
            with Vertical(id="score-ratings", classes="panel"):
                yield DataTable(id="ratings", cursor_type="row")
            with Vertical(id="score-findings", classes="panel"):
                yield DataTable(id="findings", cursor_type="row")
        with Horizontal(id="score-detail"):
            with VerticalScroll(id="score-rule", classes="panel"):
                yield Static("", id="finding-detail")
            with Vertical(id="score-evidence", classes="panel"):
                yield DataTable(id="evidence", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self._relabel(self.app.lang)
        self._score()

    @work(thread=True, exclusive=True, group="score", exit_on_error=False)
    def _score(self) -> None:
        self.post_message(self.Scored(score_of(self.app.workspace, self.ident)))

    def on_score_card_screen_scored(self, message: Scored) -> None:
        self.result = message.result
        self._relabel(self.app.lang)
        self.query_one("#findings", DataTable).focus()

    # --- showing ------------------------------------------------------------------------------------

    def _relabel(self, _lang: str) -> None:
        lang = self.app.lang
        self.query_one("#score-title", Static).update(
            Text(f"{tr('score.title', lang)} #{self.ident.hex[:8]}", style="bold"))
        self.query_one("#score-ratings").border_title = tr("score.ratings", lang)
        self.query_one("#score-findings").border_title = tr("score.findings", lang)
        head = self.query_one("#score-head", Static)
        if self.result is None:
            head.update(Text(tr("score.computing", lang), style="dim"))
            return
        if self.result.card is None:
            head.update(Text(tr("score.unavailable", lang, reason=self.result.error), style="bold red"))
            return
        card = self.result.card
        meta = card.meta
        zh, en = card.conclusion
        scenario = self.result.replay.loaded.scenario if self.result.replay else None
        provisional = [(f" {tr('score.provisional', lang)} ", "bold black on yellow"), "  "] if meta.ended is None else []
        head.update(Wrapped.assemble(
            *provisional,
            (f"{tr('score.overall', lang)} ", "dim"), (f"{card.overall:.1f}", "bold"),
            f"  {zh if lang == 'zh' else en}  ",
            *([(card.cap.note(lang), "yellow"), "  "] if card.cap is not None else []), " ",
            (f"{tr('score.baseline', lang)} ", "dim"), f"{card.baseline.overall:.1f}   ",
            (tr("score.meta", lang, scenario=pick(scenario.title, lang) if scenario else meta.scenario,
                seed=meta.seed, policy=term(POLICY_NAMES, meta.policy, lang), events=meta.events,
                end=clock(meta.end_t)), "dim"),
        ))
        self._fill_ratings()
        self._fill_findings()

    def _fill_ratings(self) -> None:
        lang = self.app.lang
        card = self.result.card
        table = self.query_one("#ratings", DataTable)
        rows = []
        for area, rating in card.ratings.items():
            percent = card.area_percent.get(area)
            rows.append((area, (term(AREA_NAMES, area, lang), Text(rating or "—", style=RATING_STYLE.get(rating or "", "dim")),
                                "—" if percent is None else f"{percent:.0f} %")))
        refill(table, [(key, tr(f"col.{key}", lang)) for key in ("area", "rating", "percent")], rows)

    def on_resize(self) -> None:
        if self.result is not None and self.result.card is not None and (self.app.size.width < NARROW) != self._narrow:
            self._fill_findings()

    def _fill_findings(self) -> None:
        lang = self.app.lang
        table = self.query_one("#findings", DataTable)
        row = table.cursor_row
        shown = [f for f in self.result.card.findings if self.show_all or f.verdict not in UNSCORED]
        self.findings = sorted(shown, key=lambda f: (-round(f.points_lost, 2), f.verdict == "met", f.id))
        rows = []
        # Below 100 columns the finding itself would fall off the right edge: grade and area leave the table
        # (the detail panel under it names both).
        keys = FINDING_COLUMNS if self.app.size.width >= NARROW else ("verdict", "lost", "finding")
        self._narrow = self.app.size.width < NARROW
        for f in self.findings:
            style = "green" if f.verdict in ("met", "waived") else "dim" if f.verdict in UNSCORED else "bold red"
            cells = {"verdict": Text(term(VERDICT_NAMES, f.verdict, lang), style=style),
                     "severity": severity(f.severity, lang),
                     "lost": f"{round(f.points_lost, 2):.1f}" if f.points_lost else "",
                     "area": term(AREA_NAMES, f.area, lang), "finding": self._readable(pick(f.detail, lang))}
            rows.append((f.id, tuple(cells[k] for k in keys)))
        refill(table, [(key, tr(f"col.{key}", lang)) for key in keys], rows, max_width=200)
        if self.findings:
            table.move_cursor(row=min(row, len(self.findings) - 1))
        self._show_detail()

    @on(DataTable.RowHighlighted, "#findings")
    def _show_detail(self) -> None:
        detail = self.query_one("#finding-detail", Static)
        finding = self.selected()
        if finding is None:
            detail.update("")
            return
        lang = self.app.lang
        rule = finding.rule
        detail.update(Group(
            Wrapped(self._readable(pick(finding.detail, lang)), style="bold"),
            Wrapped.assemble((term(VERDICT_NAMES, finding.verdict, lang), "bold"),
                             f" · {severity(finding.severity, lang)}" if finding.severity else "",
                             " · ", term(AREA_NAMES, finding.area, lang), style="dim"),
            Wrapped.assemble((f"{tr('score.rule', lang)} ", "dim"), self._source(rule.source), " ",
                             place(rule.at, lang), " · ", term(MODALITY_NAMES, rule.modality, lang),
                             (" · " + tr("score.external", lang)) if rule.external else ""),
            Wrapped(f"「{rule.zh}」" if lang == "zh" else rule.en, style="italic"),
        ))
        self._fill_evidence(finding)

    def _readable(self, text: str) -> str:
        """A finding's detail with the ids scoring wrote into it named (the report keeps them)."""
        replay = self.result.replay if self.result else None
        return view_of(replay.loaded, self.app.lang).readable(text) if replay else text

    def _source(self, source_id: str) -> str:
        """A rule's source document: by its title in Chinese (the documents are Chinese), by id in English."""
        replay = self.result.replay if self.result else None
        if replay is None or self.app.lang != "zh":
            return source_id
        plan = replay.loaded.plan
        sources = [*plan.definition.sources, *(s for layer in plan.layers for s in layer.sources)]
        found = next((s for s in sources if s.id == source_id), None)
        return f"《{found.title}》" if found else source_id

    def _fill_evidence(self, finding: Finding) -> None:
        lang = self.app.lang
        self.query_one("#score-evidence").border_title = tr("score.evidence", lang)
        table = self.query_one("#evidence", DataTable)
        rows: list = []
        replay = self.result.replay if self.result else None
        describer = view_of(replay.loaded, lang) if replay else None
        for seq, t in finding.evidence:
            e = replay.events[seq] if replay and seq < len(replay.events) else None
            text = describer.describe(e) if (describer and e) else f"#{seq}"
            rows.append((str(seq), (clock(t), text)))
        if not finding.evidence:
            rows.append(("none", ("", Text(tr("score.no_evidence", lang), style="dim"))))
        refill(table, [("time", tr("col.time", lang)), ("event", tr("col.event", lang))], rows, max_width=200)

    def selected(self) -> Finding | None:
        table = self.query_one("#findings", DataTable)
        if not self.findings or table.cursor_row >= len(self.findings):
            return None
        return self.findings[table.cursor_row]

    # --- actions ------------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#findings")
    def action_evidence(self) -> None:
        finding = self.selected()
        if finding is None:
            return
        seq = finding.evidence[0][0] if finding.evidence else None
        self.app.open_replay(self.ident, seq)

    @on(DataTable.RowSelected, "#evidence")
    def _evidence_chosen(self, event: DataTable.RowSelected) -> None:
        if (event.row_key.value or "").isdigit():
            self.app.open_replay(self.ident, int(event.row_key.value))

    def action_toggle_all(self) -> None:
        if self.result is not None and self.result.card is not None:
            self.show_all = not self.show_all
            self._fill_findings()

    def action_export(self) -> None:
        """`x`: ask which folder (the last one used is offered), then write the report there."""
        if self.result is None or self.result.card is None:
            return
        lang = self.app.lang

        def chosen(folder: str | None) -> None:
            if folder:
                self._export(lang, Path(folder).expanduser())

        self.app.push_screen(PromptDialog(tr("score.export_to", lang), lang, str(self.app.export_dir)), chosen)

    @work(thread=True, exclusive=True, group="score-export", exit_on_error=False)
    def _export(self, lang: str, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            paths = [write_report(self.result, fmt, lang, folder) for fmt in ("md", "html")]
            self.post_message(self.Exported(paths, None, folder))
        except Exception as error:  # noqa: BLE001 - reports are optional while being written
            self.post_message(self.Exported([], one_line_error(error), folder))

    def on_score_card_screen_exported(self, message: Exported) -> None:
        lang = self.app.lang
        if message.error:
            self.notify(tr("score.export_failed", lang, reason=message.error), severity="error", timeout=10)
        else:
            self.app.export_dir = message.folder  # offered first next time, in this run and the next ones
            remember_export_dir(message.folder)
            self.notify(tr("score.exported", lang, path=", ".join(str(p) for p in message.paths)), timeout=8)

    def action_replay(self) -> None:
        self.app.open_replay(self.ident)

    def action_back(self) -> None:
        self.app.pop_screen()
