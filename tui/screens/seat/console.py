"""A seat's console: what the seat's role knows (by the engine's knowledge rule), its deadlines, its injects
and its decision form; the facilitator's seat also controls the clock for everyone and sends injects, the
evaluator's writes observations. The exercise runs in the host process; this screen only follows it."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static, TabbedContent

from drillsim.workspace import EVALUATOR, FACILITATOR, Decision, Rejection, SeatClient, SeatView, clock
from drillsim.workspace import events as ev

from tui.i18n import STRINGS, tr
from tui.line_break import Wrapped
from tui.screens.live.clock_keys import CLOCK_BINDINGS, SPEEDS
from tui.screens.facilitator_dialogs import EndDialog, NoteDialog
from tui.screens.live.facilitator_actions import evaluator_name
from tui.screens.live.inject_dialog import InjectDialog
from tui.screens.live.msel_dialog import MselDialog
from tui.screens.prompt import PromptDialog
from tui.screens.seat.follow import Followed, follow
from tui.screens.seat.wording import refusal_text, seat_name
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


class SeatScreen(Screen):
    """One participant's (or the facilitator's, or the evaluator's) view of a hosted exercise."""

    DEFAULT_CSS = """
    #presence { width: 2fr; height: 1fr; }
    """

    BINDINGS = [
        Binding("d", "decide", "key.decide"),
        *CLOCK_BINDINGS,
        Binding("i", "inject", "key.inject"),
        Binding("b", "broadcast", "key.broadcast"),
        Binding("m", "msel", "key.msel"),
        Binding("o", "observe", "key.observe"),
        Binding("e", "end", "key.end"),
    ]

    def __init__(self, client: SeatClient) -> None:
        super().__init__(classes="live-screen")
        self.client = client
        self.role = client.role
        self.deciding = self.role not in (FACILITATOR, EVALUATOR)
        self.seat_view: SeatView | None = None
        self.shown_events = 0
        self.shown_outcomes = 0
        self.forms: dict[int, tuple[DecisionForm, Decision]] = {}
        """Decisions sent from a form and not yet answered, by request number."""

    @property
    def view(self) -> View:
        return view_of(self.client.loaded, self.app.lang)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_pause", "speed", "inject", "broadcast", "end", "msel"):
            return self.role == FACILITATOR
        if action == "observe":
            return self.role in (FACILITATOR, EVALUATOR)
        if action == "decide":
            return self.deciding
        return True

    def compose(self) -> ComposeResult:
        view = self.view
        yield ClockBar(id="clock")
        yield from situation_row()
        with Horizontal(id="live-main"):
            yield from deadlines_and_feeds()
            if self.deciding:
                yield DecisionPanel(self.client.loaded, [self.role], view, id="decisions")
            else:
                yield Static("", id="presence", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self._relabel(self.app.lang)
        self._follow()

    @work(thread=True, exclusive=True, group="follow", exit_on_error=False)
    def _follow(self) -> None:
        follow(self, self.client)

    def caption(self, view: View) -> str:
        name = seat_name(self.role, view)
        return tr("seat.title", view.lang, role=name) + f"  #{self.client.exercise.hex[:8]}"

    def _relabel(self, _lang: str) -> None:
        view = self.view
        feeds = self.query_one("#feeds", TabbedContent)
        feeds.get_tab("tab-injects").label = tr("live.injects", view.lang)
        feeds.get_tab("tab-log").label = tr("live.log", view.lang)
        if self.deciding:
            self.query_one(DecisionPanel).relabel(view)
        if self.seat_view is not None:
            self.query_one(EventLog).rebuild(self.seat_view.events[: self.shown_events], view)
            self.query_one(InjectFeed).rebuild(self.seat_view.events[: self.shown_events], view)
            self._show(self.seat_view, view, full=True)

    # --- following ------------------------------------------------------------------------------------

    def on_followed(self, message: Followed) -> None:
        seen = message.view
        view = self.view
        new = seen.events[self.shown_events:]
        self.shown_events = len(seen.events)
        if new:
            self.query_one(EventLog).append(new, view)
            self.query_one(InjectFeed).append(new, view)
        first = self.seat_view is None
        self.seat_view = seen
        self._show(seen, view, full=bool(new) or first)
        for outcome in seen.outcomes[self.shown_outcomes:]:
            self._answer(outcome, view)
        self.shown_outcomes = len(seen.outcomes)
        if new:
            for screen in self.app.screen_stack:
                if isinstance(screen, MselDialog):
                    screen.show()
        if seen.revoked:
            self.notify(tr("seat.revoked", view.lang), severity="error", timeout=30)
            self.workers.cancel_group(self, "follow")

    def _show(self, seen: SeatView, view: View, full: bool) -> None:
        self.query_one(ClockBar).show(view, seen.now, seen.speed, seen.paused, seen.ended, self.caption(view))
        self.query_one(ObligationsTable).show(seen.state, view, seen.now)
        if full:
            self.query_one(SituationBoard).show(seen.state, view)
            self.query_one(CommandStructure).show(seen.state, view)
            self.query_one(WorkingGroups).show(seen.state, view)
            if self.deciding:
                self.query_one(DecisionPanel).set_commander(seen.state.commander)
        if not self.deciding:
            self._presence(seen, view)

    def _presence(self, seen: SeatView, view: View) -> None:
        panel = self.query_one("#presence", Static)
        panel.border_title = tr("seat.presence", view.lang)
        text = Wrapped()
        for role, (last, t) in sorted(seen.presence.items()):  # two lines a seat: a panel 30 cells wide holds them
            text.append(seat_name(role, view) + "\n", style="bold")
            text.append(f"  {clock(t)}  {did(last, view)}\n")
        panel.update(text or tr("seat.no_action", view.lang))

    def _answer(self, outcome: Any, view: View) -> None:
        sent = self.forms.pop(outcome.request, None)
        if outcome.outcome == "done":
            return
        if sent is not None and outcome.outcome == "accepted":
            sent[0].show_result(sent[1], None)
            return
        rejection = self._rejection(sent[1]) if sent is not None and outcome.outcome == "rejected" else None
        if rejection is not None:
            sent[0].show_result(sent[1], rejection)
            return
        text = tr(f"seat.{outcome.outcome}", view.lang, detail=refusal_text(outcome.detail, view))
        if sent is not None:
            sent[0].show_message(text, "error")
        elif outcome.outcome != "accepted":
            self.notify(text, severity="error")

    def _rejection(self, decision: Decision) -> Rejection | None:
        """Why the engine refused `decision`, in both languages: from the refusal the seat saw (the host's
        record of it says why in English only)."""
        assert self.seat_view is not None
        for event in reversed(self.seat_view.events):
            if (isinstance(event, ev.DecisionRejected) and event.actor == decision.actor
                    and event.decision == decision.type and event.code):
                return Rejection(event.code, event.reason, event.reason_zh or event.reason)
        return None

    # --- requests -------------------------------------------------------------------------------------

    @on(DecisionForm.Submitted)
    def _submitted(self, message: DecisionForm.Submitted) -> None:
        message.form.show_message(tr("seat.sent", self.view.lang), "busy")
        self._send_decision(message.form, message.decision)

    @work(thread=True, group="send", exit_on_error=False)
    def _send_decision(self, form: DecisionForm, decision: Any) -> None:
        number = self.client.decide(decision)
        self.app.call_from_thread(self._await_outcome, number, form, decision)

    def _await_outcome(self, number: int, form: DecisionForm, decision: Decision) -> None:
        """Show the host's verdict in `form` when it comes (it may already have: the host can be quicker
        than this thread's return)."""
        self.forms[number] = (form, decision)
        arrived = self.seat_view.outcomes[: self.shown_outcomes] if self.seat_view is not None else []
        for outcome in arrived:
            if outcome.request == number:
                self._answer(outcome, self.view)

    @work(thread=True, group="send", exit_on_error=False)
    def _send(self, kind: str, payload: dict[str, Any]) -> None:
        self.client.send(kind, payload)

    @work(thread=True, group="send", exit_on_error=False)
    def _observe(self, text: str, area: str | None, author: str) -> None:
        self.client.observe(text, area, author)

    def action_decide(self) -> None:
        self.query_one(DecisionPanel).focus_form()

    def action_toggle_pause(self) -> None:
        if self.seat_view is not None and not self.seat_view.ended:
            self._send("control", {"action": "resume" if self.seat_view.paused else "pause"})

    def action_speed(self, key: int) -> None:
        self._send("control", {"action": "speed", "value": SPEEDS[key]})

    def action_inject(self) -> None:
        def send(result: tuple[str, str, str] | None) -> None:
            if result is not None:
                role, text_zh, text_en = result
                self._send("control", {"action": "inject", "to_role": role, "text_zh": text_zh, "text_en": text_en})

        self.app.push_screen(InjectDialog(self.view), send)

    def action_broadcast(self) -> None:
        def send(text: str | None) -> None:
            if text:
                self._send("control", {"action": "broadcast", "text_zh": text, "text_en": text})

        self.app.push_screen(PromptDialog(tr("seat.broadcast", self.view.lang), self.view.lang), send)

    def action_end(self) -> None:
        def send(reason: str | None) -> None:
            if reason:
                self._send("control", {"action": "end", "reason": reason})

        self.app.push_screen(EndDialog(self.view.lang), send)

    def action_msel(self) -> None:
        """The MSEL with hold/release, fire now and edit, as on the single-seat console: each is a request the
        host applies (and stores as the single-seat console's steer_inject input)."""
        self.app.push_screen(MselDialog(self.view, lambda: list(self.seat_view.events) if self.seat_view else [],
                                        self._steer))

    def _steer(self, action: str, inject_id: str, text_zh: str, text_en: str) -> None:
        if self.seat_view is not None and not self.seat_view.ended:
            texts = {"text_zh": text_zh, "text_en": text_en} if action == "edit" else {}
            self._send("control", {"action": "steer", "steer": action, "inject": inject_id, **texts})

    def action_observe(self) -> None:
        def send(answer: tuple[str, str, str | None] | None) -> None:
            if answer is not None:
                author, text, area = answer
                self.app.evaluator = author
                self._observe(text, area, author)

        now = self.seat_view.now if self.seat_view is not None else 0
        self.app.push_screen(NoteDialog(self.view.lang, self.view.stamp(now), evaluator_name(self.app)), send)


def did(last: str, view: View) -> str:
    """What a seat did last, as the host recorded it ('accepted', 'left', 'speed 60', 'revoked banner',
    'hold lb-1' …), in the reader's language."""
    word, _, value = last.partition(" ")
    if word == "revoked":
        value = seat_name(value, view)
    key = f"seat.did.{word}"
    return tr(key, view.lang, value=value) if key in STRINGS else last
