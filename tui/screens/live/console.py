"""The live console: the exercise clock and every panel a facilitator watches while a drill runs.

A Textual interval timer paces the simulation (never SimPy's RealtimeEnvironment, which would block the
loop): every 100 ms of wall time it asks a thread worker to advance the session by speed × elapsed time.
The worker commits to the store and posts a snapshot; the screen then shows the new events. Pause stops
the timer, a single step runs to the next scheduled moment; pause, resume and speed are recorded as
facilitator actions.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import TabbedContent
from textual.worker import Worker, WorkerState

from drillsim.workspace import LiveExercise, LoadedScenario, Rejection, Snapshot
from drillsim.workspace import events as ev

from tui.i18n import tr
from tui.screens.live.clock_keys import CLOCK_BINDINGS, SPEEDS
from tui.screens.confirm import ConfirmDialog
from tui.screens.live.facilitator_actions import FACILITATOR_BINDINGS, FacilitatorActions
from tui.screens.live.inject_dialog import InjectDialog
from tui.view import View, view_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.live.clock_bar import ClockBar
from tui.widgets.live.command_structure import CommandStructure
from tui.widgets.live.decision_form import DecisionForm
from tui.widgets.live.decision_panel import DecisionPanel
from tui.widgets.live.event_log import EventLog
from tui.widgets.live.inject_feed import InjectFeed
from tui.widgets.live.layout import deadlines_and_feeds, situation_row
from tui.widgets.live.obligations import ObligationsTable
from tui.widgets.live.situation_board import SituationBoard
from tui.widgets.live.working_groups import WorkingGroups

SPEEDS = {1: 1, 2: 10, 3: 60, 4: 600}
"""Speed keys → simulated seconds per wall second."""
TICK_SECONDS = 0.1
MAX_CATCH_UP_SECONDS = 0.5
"""After a stall (a slow commit, a suspended laptop) the clock does not leap ahead by more than this."""


class LiveScreen(FacilitatorActions, Screen):
    """Run one exercise: clock, situation, injects, decisions, deadlines, command, groups, log; and the
    facilitator's and evaluator's keys (`FacilitatorActions`)."""

    BINDINGS = [
        *CLOCK_BINDINGS,
        Binding("s", "step", "key.step"),
        Binding("d", "decide", "key.decide"),
        Binding("i", "inject", "key.inject"),
        Binding("r", "replay", "key.replay"),
        Binding("c", "score", "key.score"),
        *FACILITATOR_BINDINGS,
        Binding("escape", "back", "key.back"),
    ]

    @dataclass
    class Advanced(Message):
        """The simulation moved on (a tick, a step). Newer ones replace older ones still queued: the
        screen reads every event it has not shown yet, so nothing is lost."""

        snapshot: Snapshot

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, LiveScreen.Advanced)

    @dataclass
    class Decided(Message):
        """The engine accepted or rejected a person's decision."""

        form: DecisionForm
        decision: Any
        rejection: Rejection | None
        snapshot: Snapshot

    def __init__(self, session: LiveExercise, snapshot: Snapshot, loaded: LoadedScenario) -> None:
        super().__init__(classes="live-screen")
        self.session = session
        self.loaded = loaded
        self.human_roles = [r for r, who in snapshot.state.roles.items() if who == "human"]
        self.snapshot = snapshot
        self.events: list[Any] = list(session.events[: snapshot.count])
        self.speed = 1
        self.paused = True
        self.busy = False
        self._last_wall = 0.0
        self._timer: Any = None

    # --- layout -------------------------------------------------------------------------------------

    @property
    def view(self) -> View:
        return view_of(self.loaded, self.app.lang)

    def compose(self) -> ComposeResult:
        view = self.view
        yield ClockBar(id="clock")
        yield from situation_row()
        with Horizontal(id="live-main"):
            yield from deadlines_and_feeds()
            yield DecisionPanel(self.loaded, self.human_roles, view, id="decisions")
        yield KeyBar()

    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK_SECONDS, self._tick, pause=True)
        self.watch(self.app, "lang", self._relabel, init=False)
        self._relabel(self.app.lang)
        self.show_participants()
        self.query_one("#obligations").focus()
        rejected = self._fork_rejection()
        if rejected is not None:
            lang = self.view.lang
            reason = rejected.reason_zh if lang == "zh" and rejected.reason_zh else rejected.reason
            self.notify(tr("fork.rejected", lang, reason=reason), severity="warning", timeout=20)

    def _fork_rejection(self) -> Any:
        """The rejection of this what-if fork's replacement decision, or None (not a fork, dropped, accepted)."""
        fork = self.session.fork
        if not fork or fork.get("change") != "replace":
            return None
        number = fork.get("at_decision")
        return next((e for e in self.events if isinstance(e, ev.DecisionRejected) and e.number == number), None)

    def _fork_badge(self, lang: str) -> str:
        fork = self.session.fork
        if not fork:
            return ""
        badge = tr("fork.badge", lang, parent=str(fork.get("parent", ""))[:8], n=fork.get("at_decision"))
        if self._fork_rejection() is not None:
            badge += " · " + tr("fork.badge_rejected", lang)
        return badge

    def _relabel(self, _lang: str) -> None:
        view = self.view
        self.query_one(ClockBar).badge = self._fork_badge(view.lang)
        feeds = self.query_one("#feeds", TabbedContent)
        feeds.get_tab("tab-injects").label = tr("live.injects", view.lang)
        feeds.get_tab("tab-log").label = tr("live.log", view.lang)
        self.query_one(DecisionPanel).relabel(view)
        self.query_one(EventLog).rebuild(self.events, view)
        self.query_one(InjectFeed).rebuild(self.events, view)
        self._show(view, full=True)

    def _show(self, view: View, full: bool) -> None:
        snap = self.snapshot
        self.query_one(ClockBar).show(view, snap.now, self.speed, self.paused, snap.ended,
                                      f"#{self.session.id.hex[:8]}")
        self.query_one(ObligationsTable).show(snap.state, view, snap.now)
        if full:
            self.query_one(SituationBoard).show(snap.state, view)
            self.query_one(CommandStructure).show(snap.state, view)
            self.query_one(WorkingGroups).show(snap.state, view)
            self.query_one(DecisionPanel).set_commander(snap.state.commander)

    # --- the clock ----------------------------------------------------------------------------------

    def _tick(self) -> None:
        if self.paused or self.busy or self.snapshot.ended:
            return
        wall = time.monotonic()
        elapsed = min(wall - self._last_wall, MAX_CATCH_UP_SECONDS)
        self._last_wall = wall
        target = self.snapshot.now + max(1, int(elapsed * 1000 * self.speed))
        self.advance_to(target)

    def advance_to(self, target: int) -> None:
        """Ask the worker to run the simulation to `target` ms (the timer's path; tests call it too)."""
        self.busy = True
        self._advance(target)

    @work(thread=True, exclusive=True, group="clock", exit_on_error=False)
    def _advance(self, target: int) -> None:
        self.post_message(self.Advanced(self.session.advance_to(target)))

    @work(thread=True, exclusive=True, group="clock", exit_on_error=False)
    def _step(self) -> None:
        self.post_message(self.Advanced(self.session.step()))

    def on_live_screen_advanced(self, message: Advanced) -> None:
        self.busy = False
        self._take(message.snapshot)

    def _take(self, snap: Snapshot) -> None:
        if snap.count < len(self.events) or snap.now < self.snapshot.now:
            return  # an older snapshot overtaken by a newer one
        new = self.session.events[len(self.events): snap.count]
        self.events.extend(new)
        self.snapshot = snap
        view = self.view
        if new:
            self.query_one(EventLog).append(new, view)
            self.query_one(InjectFeed).append(new, view)
        self._show(view, full=bool(new))
        if snap.ended and not self.paused:
            self._set_paused(True, record=False)
        if snap.ended and any(isinstance(e, ev.ExerciseEnded) for e in new):
            self.notify(tr("live.ended_hint", view.lang), title=tr("live.ended", view.lang))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.busy = False
            self._set_paused(True, record=False)
            self.notify(str(event.worker.error), severity="error", timeout=10)

    def _set_paused(self, paused: bool, record: bool = True) -> None:
        if paused == self.paused:
            return
        self.paused = paused
        if paused:
            self._timer.pause()
        else:
            self._last_wall = time.monotonic()
            self._timer.resume()
        if record:
            self._facilitate("pause" if paused else "resume")
        self.query_one(ClockBar).show(self.view, self.snapshot.now, self.speed, self.paused, self.snapshot.ended,
                                      f"#{self.session.id.hex[:8]}")

    @work(thread=True, group="facilitate", exit_on_error=False)
    def _facilitate(self, action: str, value: str = "") -> None:
        self.session.facilitate(action, value)

    # --- actions ------------------------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        if not self.snapshot.ended:
            self._set_paused(not self.paused)

    def action_speed(self, key: int) -> None:
        if self.snapshot.ended:
            return
        self.speed = SPEEDS[key]
        self._facilitate("speed", str(self.speed))
        self._show(self.view, full=False)  # a paused clock stays paused: space starts it

    def action_step(self) -> None:
        if self.snapshot.ended or self.busy:
            return
        self._set_paused(True)
        self.busy = True
        self._step()

    def action_decide(self) -> None:
        self.query_one(DecisionPanel).focus_form()

    def action_inject(self) -> None:
        if self.snapshot.ended:
            return

        def send(result: tuple[str, str, str] | None) -> None:
            if result is not None:
                self._inject(*result)

        self.app.push_screen(InjectDialog(self.view), send)

    @work(thread=True, group="decide", exit_on_error=False)
    def _inject(self, role: str, text_zh: str, text_en: str) -> None:
        self.post_message(self.Advanced(self.session.inject(role, text_zh, text_en)))

    def action_replay(self) -> None:
        self._set_paused(True)
        self.app.open_replay(self.session.id)

    def action_score(self) -> None:
        self._set_paused(True)
        self.app.open_score(self.session.id)

    def action_back(self) -> None:
        """Esc: back to the library, once the facilitator confirms while the exercise is still open."""
        if self.snapshot.ended:
            self._leave()
            return
        lang = self.view.lang

        def answered(yes: bool | None) -> None:
            if yes:
                self._leave()

        self.app.push_screen(ConfirmDialog(tr("live.leave_question", lang), lang, tr("live.leave_detail", lang),
                                           yes="confirm.leave"), answered)

    def _leave(self) -> None:
        self._set_paused(True)
        self.app.leave_live(self.session)

    # --- decisions ----------------------------------------------------------------------------------

    @on(DecisionForm.Submitted)
    def _submitted(self, message: DecisionForm.Submitted) -> None:
        self._decide(message.form, message.decision)

    @work(thread=True, group="decide", exit_on_error=False)
    def _decide(self, form: DecisionForm, decision: Any) -> None:
        rejection, snap = self.session.decide(decision)
        self.post_message(self.Decided(form, decision, rejection, snap))

    def on_live_screen_decided(self, message: Decided) -> None:
        message.form.show_result(message.decision, message.rejection)
        self._take(message.snapshot)
