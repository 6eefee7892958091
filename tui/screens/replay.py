"""Replay: scrub the timeline, jump to any event or time, see the state as it was, bookmark moments, and
start a what-if fork from any decision. The state shown is the stored events folded up to the chosen one —
the same projection the live console and the score card use."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from uuid import UUID

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from drillsim.render.markers import Marker, marker_text
from drillsim.workspace import Bookmark, Decision, DomainEvent, ExerciseState, LiveExercise, Replay, Snapshot
from drillsim.workspace import events as ev

from tui.i18n import tr
from tui.screens.fork import ForkChoice, ForkDialog
from tui.screens.prompt import PromptDialog
from tui.view import CATEGORY_STYLE, View, view_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.table_fill import refill
from tui.widgets.live.command_structure import CommandStructure
from tui.widgets.live.situation_board import SituationBoard
from tui.widgets.live.working_groups import WorkingGroups
from tui.widgets.replay.timeline_bar import Marks, TimelineBar

STEP_MS = 10 * 60_000


def parse_time(text: str) -> int | None:
    """`+01:30`, `1:30`, `01:30:15`, `90m`, `2h`, `1h30m` as milliseconds, `-00:20` before the accident; None
    when it is none of these."""
    text = text.strip()
    if text.startswith("-"):
        before = parse_time(text[1:])
        return None if before is None or text[1:].lstrip().startswith(("-", "+")) else -before
    text = text.lstrip("+")
    if match := re.fullmatch(r"(\d+):(\d{1,2})(?::(\d{1,2}))?", text):
        h, m, s = (int(g or 0) for g in match.groups())
        return ((h * 60 + m) * 60 + s) * 1000
    if match := re.fullmatch(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?", text):
        h, m = match.groups()
        if h is None and m is None:
            return None
        return (int(h or 0) * 60 + int(m or 0)) * 60_000
    return None


class ReplayScreen(Screen):
    """One stored exercise, one moment of it at a time."""

    BINDINGS = [
        Binding("left_square_bracket", "jump(-1)", "key.back_10"),
        Binding("right_square_bracket", "jump(1)", "key.fwd_10"),
        Binding("g", "goto", "key.goto"),
        Binding("b", "bookmark", "key.bookmark"),
        Binding("f", "fork", "key.fork"),
        Binding("c", "score", "key.score"),
        Binding("escape", "back", "key.back"),
    ]

    @dataclass
    class Loaded(Message):
        replay: Replay
        bookmarks: list[Bookmark]

    @dataclass
    class StateAt(Message):
        seq: int
        state: ExerciseState

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ReplayScreen.StateAt)

    @dataclass
    class Bookmarked(Message):
        bookmarks: list[Bookmark]

    @dataclass
    class Forked(Message):
        session: LiveExercise
        snapshot: Snapshot

    def __init__(self, ident: UUID, seq: int | None = None) -> None:
        super().__init__(classes="replay-screen")
        self.ident = ident
        self.replay: Replay | None = None
        self.events: list[DomainEvent] = []
        self.times: list[int] = []
        self.seq = seq
        self.state: ExerciseState | None = None
        self.bookmarks: list[Bookmark] = []
        self.marks: list[Marker] = []
        """The facilitator's other marks (discussion pauses, participants, the end), listed after the bookmarks."""

    def compose(self) -> ComposeResult:
        yield Static("", id="replay-title", classes="screen-title")
        yield TimelineBar(id="timeline")
        with Horizontal(id="replay-main"):
            with Vertical(id="replay-events", classes="panel"):
                yield DataTable(id="events", cursor_type="row")
            with VerticalScroll(id="replay-state"):
                yield SituationBoard(id="replay-board", fixed=False)
                yield CommandStructure(id="replay-command", fixed=False)
                yield WorkingGroups(id="replay-groups", fixed=False)
        with Vertical(id="replay-bookmarks", classes="panel"):
            yield DataTable(id="bookmarks", cursor_type="row")
        yield KeyBar()

    @property
    def view(self) -> View | None:
        return view_of(self.replay.loaded, self.app.lang) if self.replay else None

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self.query_one("#replay-title", Static).update(Text(tr("library.loading", self.app.lang), style="dim"))
        self._load()

    @work(thread=True, exclusive=True, group="replay-load", exit_on_error=False)
    def _load(self) -> None:
        replay = self.app.workspace.replay(self.ident)
        replay.loaded  # noqa: B018 - load the scenario here, off the UI thread
        self.post_message(self.Loaded(replay, replay.bookmarks()))

    def on_replay_screen_loaded(self, message: Loaded) -> None:
        self.replay = message.replay
        self.events = list(self.replay.events)
        self.times = [e.t for e in self.events]
        self.bookmarks = message.bookmarks
        self.marks = [m for m in self.replay.markers() if m.kind != "bookmark"]
        last = len(self.events) - 1
        self.seq = last if self.seq is None else max(0, min(self.seq, last))
        self._relabel(self.app.lang)
        self.go_to_event(self.seq)
        self.query_one("#events", DataTable).focus()

    # --- showing ------------------------------------------------------------------------------------

    def _relabel(self, _lang: str) -> None:
        view = self.view
        if view is None:
            return
        lang = view.lang
        self.query_one("#replay-title", Static).update(Text.assemble(
            (tr("replay.title", lang) + f" #{self.ident.hex[:8]}  ", "bold"), view.text(view.scenario.title)))
        self.query_one("#replay-events").border_title = tr("live.log", lang)
        self.query_one("#replay-bookmarks").border_title = tr("replay.bookmarks", lang)
        table = self.query_one("#events", DataTable)
        rows = []
        for e in self.events:
            category = view.category(e)
            rows.append((str(e.seq), (view.stamp(e.t), Text(view.category_name(e), style=CATEGORY_STYLE.get(category, "")),
                                      view.describe(e))))
        refill(table, [(key, tr(f"col.{key}", lang)) for key in ("time", "kind", "event")], rows, max_width=400)
        self._fill_bookmarks()
        if self.seq is not None:
            table.move_cursor(row=self.seq, scroll=True)
            self._show_state()

    def _fill_bookmarks(self) -> None:
        lang = self.app.lang
        view = self.view
        table = self.query_one("#bookmarks", DataTable)
        rows: list = [(str(i), (view.stamp(mark.t) if view else str(mark.t), mark.text))
                      for i, mark in enumerate(self.bookmarks)]
        rows += [(f"m{i}", (view.stamp(mark.t) if view else str(mark.t), Text(marker_text(mark, lang), style="cyan")))
                 for i, mark in enumerate(self.marks)]
        if not rows:
            rows.append(("none", ("", Text(tr("replay.no_bookmarks", lang), style="dim"))))
        refill(table, [("time", tr("col.time", lang)), ("text", tr("col.label", lang))], rows)
        self._show_timeline()

    def _show_timeline(self) -> None:
        if not self.events or self.seq is None:
            return
        marks = Marks(
            end_t=max(1, self.replay.end_t),
            start_t=min(0, self.events[0].t),
            decisions=tuple(e.t for e in self.events if isinstance(e, ev.DecisionAccepted | ev.DecisionRejected)
                            and e.source != "computer"),
            injects=tuple(e.t for e in self.events if isinstance(e, ev.InjectDelivered)),
            bookmarks=tuple(b.t for b in self.bookmarks),
        )
        e = self.events[self.seq]
        caption = tr("replay.at", self.app.lang, seq=self.seq + 1, n=len(self.events), clock=self.view.stamp(e.t))
        self.query_one(TimelineBar).show(marks, e.t, caption)

    def _show_state(self) -> None:
        view = self.view
        if self.state is None or view is None:
            return
        self.query_one("#replay-board", SituationBoard).show(self.state, view)
        self.query_one("#replay-command", CommandStructure).show(self.state, view)
        self.query_one("#replay-groups", WorkingGroups).show(self.state, view)

    # --- moving -------------------------------------------------------------------------------------

    def go_to_event(self, seq: int) -> None:
        """Show the moment just after event `seq` (the events table follows)."""
        if not self.events:
            return
        self.seq = max(0, min(seq, len(self.events) - 1))
        table = self.query_one("#events", DataTable)
        if table.cursor_row != self.seq:
            table.move_cursor(row=self.seq, scroll=True)
        self._show_timeline()
        self._fold(self.seq)

    def go_to_time(self, t: int) -> None:
        """Show the state as it was at simulation time `t` (after every event up to then)."""
        self.go_to_event(max(0, bisect.bisect_right(self.times, t) - 1))

    @work(thread=True, exclusive=True, group="replay-state", exit_on_error=False)
    def _fold(self, seq: int) -> None:
        self.post_message(self.StateAt(seq, self.replay.state_at_event(seq)))

    def on_replay_screen_state_at(self, message: StateAt) -> None:
        if message.seq == self.seq:
            self.state = message.state
            self._show_state()

    @on(DataTable.RowHighlighted, "#events")
    def _event_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one("#events", DataTable)
        # Ignore highlights overtaken by a later cursor move (they would bounce the cursor back and forth).
        if self.events and event.cursor_row == table.cursor_row and event.cursor_row != self.seq:
            self.go_to_event(event.cursor_row)

    @on(DataTable.RowSelected, "#bookmarks")
    def _bookmark_chosen(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value or ""
        marks = self.marks if key.startswith("m") else self.bookmarks
        index = key.removeprefix("m")
        if index.isdigit() and int(index) < len(marks):
            self.go_to_time(marks[int(index)].t)
            self.query_one("#events", DataTable).focus()

    def on_timeline_bar_seek(self, message: TimelineBar.Seek) -> None:
        self.go_to_time(message.t)

    def action_jump(self, direction: int) -> None:
        if self.events and self.seq is not None:
            t = self.events[self.seq].t + direction * STEP_MS
            if direction > 0:
                self.go_to_event(bisect.bisect_left(self.times, t))
            else:
                self.go_to_time(t)

    def action_goto(self) -> None:
        if self.replay is None:
            return

        def go(text: str | None) -> None:
            if text is None:
                return
            t = parse_time(text)
            if t is None:
                self.notify(tr("replay.bad_time", self.app.lang, text=text), severity="warning")
            else:
                self.go_to_time(t)

        self.app.push_screen(PromptDialog(tr("replay.goto_prompt", self.app.lang), self.app.lang), go)

    # --- bookmarks and forks ------------------------------------------------------------------------

    def action_bookmark(self) -> None:
        if self.replay is None or self.seq is None:
            return
        t = self.events[self.seq].t

        def save(text: str | None) -> None:
            if text:
                self._add_bookmark(t, text)

        self.app.push_screen(PromptDialog(tr("replay.bookmark_prompt", self.app.lang), self.app.lang), save)

    @work(thread=True, group="replay-bookmark", exit_on_error=False)
    def _add_bookmark(self, t: int, text: str) -> None:
        self.post_message(self.Bookmarked(self.replay.add_bookmark(t, text)))

    def on_replay_screen_bookmarked(self, message: Bookmarked) -> None:
        self.bookmarks = message.bookmarks
        self._fill_bookmarks()

    def decision_at_cursor(self) -> ev.DecisionAccepted | ev.DecisionRejected | None:
        """The decision at the current event, or the latest one before it."""
        if self.seq is None:
            return None
        for e in reversed(self.events[: self.seq + 1]):
            if isinstance(e, ev.DecisionAccepted | ev.DecisionRejected):
                return e
        return None

    def action_fork(self) -> None:
        decision = self.decision_at_cursor()
        if decision is None or self.view is None:
            self.notify(tr("replay.no_decision", self.app.lang), severity="warning")
            return

        def chosen(choice: ForkChoice | None) -> None:
            if choice is not None:
                self.notify(tr("fork.working", self.app.lang))
                self._fork(decision.number, choice[1])

        self.app.push_screen(ForkDialog(self.replay.loaded, self.view, decision), chosen)

    @work(thread=True, exclusive=True, group="replay-fork", exit_on_error=False)
    def _fork(self, number: int, replacement: Decision | None) -> None:
        session = self.app.workspace.fork(self.ident, number, replacement)
        self.post_message(self.Forked(session, session.snapshot()))

    def on_replay_screen_forked(self, message: Forked) -> None:
        self.app.open_live(message.session, message.snapshot, message.session.loaded)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(str(event.worker.error), severity="error", timeout=10)

    def action_score(self) -> None:
        self.app.open_score(self.ident)

    def action_back(self) -> None:
        self.app.pop_screen()
