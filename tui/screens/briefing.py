"""The briefing: setting, objectives and roles of a scenario, and the choices made before a drill starts —
which roles people play (the others are played by the computer), the seed and the computer's policy."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from drillsim.glossary import POLICY_NAMES, term
from drillsim.workspace import LiveExercise, LoadedScenario, Snapshot
from drillsim.render.timeline import duration_text

from tui.i18n import tr
from tui.line_break import Wrapped
from tui.screens.confirm import ConfirmDialog
from tui.view import view_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.table_fill import refill, width_of


class BriefingScreen(Screen):
    """Read the briefing, choose who plays what, start."""

    BINDINGS = [
        Binding("space", "toggle_role", "key.toggle_role"),
        Binding("s", "start", "key.start"),
        Binding("h", "host", "key.host"),
        Binding("escape", "back", "key.back"),
    ]

    @dataclass
    class Loaded(Message):
        loaded: LoadedScenario
        policies: list[str]

    @dataclass
    class Started(Message):
        session: LiveExercise
        snapshot: Snapshot

    def __init__(self, ref: str) -> None:
        super().__init__(classes="briefing-screen")
        self.ref = ref
        self.loaded: LoadedScenario | None = None
        self.humans: set[str] = set()
        self.policies: list[str] = ["plan"]
        self.starting = False

    def compose(self) -> ComposeResult:
        yield Static("", id="briefing-title", classes="screen-title")
        with Horizontal(id="briefing-body"):
            with VerticalScroll(id="briefing-text", classes="panel"):
                yield Static("", id="briefing-setting")
            with Vertical(id="briefing-side"):
                with Vertical(id="briefing-roles", classes="panel"):
                    yield DataTable(id="roles", cursor_type="row")
                with Vertical(id="briefing-options", classes="panel"):
                    yield Label("", id="lbl-seed")
                    yield Input("1", id="seed", type="integer", compact=True)
                    yield Label("", id="lbl-policy")
                    yield Select([("plan", "plan")], value="plan", allow_blank=False, compact=True, id="policy")
                    yield Button("", id="start", variant="success", compact=True)
                    yield Static("", id="briefing-error", classes="form-result")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self._relabel(self.app.lang)
        self._load()

    @work(thread=True, exclusive=True, group="briefing", exit_on_error=False)
    def _load(self) -> None:
        workspace = self.app.workspace
        self.post_message(self.Loaded(workspace.load_scenario(self.ref), workspace.policies()))

    def on_briefing_screen_loaded(self, message: Loaded) -> None:
        self.loaded = message.loaded
        self.policies = message.policies
        roles = self.loaded.scenario.roles
        self.humans = {r.id for r in roles if r.played_by == "human"} or {roles[0].id}
        self._relabel(self.app.lang)
        self.query_one("#policy", Select).value = "plan" if "plan" in self.policies else self.policies[0]
        self.query_one("#roles", DataTable).focus()

    # --- showing ------------------------------------------------------------------------------------

    def _relabel(self, _lang: str) -> None:
        lang = self.app.lang
        self.query_one("#lbl-seed", Label).update(tr("briefing.seed", lang))
        self.query_one("#lbl-policy", Label).update(tr("briefing.policy", lang))
        self.query_one("#start", Button).label = tr("briefing.start_button", lang)
        self.query_one("#briefing-roles").border_title = tr("briefing.roles", lang)
        self.query_one("#briefing-text").border_title = tr("briefing.setting", lang)
        if self.policies:
            policy = self.query_one("#policy", Select)
            chosen = policy.value
            policy.set_options([(term(POLICY_NAMES, p, lang), p) for p in self.policies])
            if chosen in self.policies:
                policy.set_reactive(Select.value, Select.BLANK)  # so that the shown name follows the language
                policy.value = chosen
        if self.loaded is None:
            self.query_one("#briefing-title", Static).update(Text(tr("library.loading", lang), style="dim"))
            return
        view = view_of(self.loaded, lang)
        scenario, setting = self.loaded.scenario, self.loaded.scenario.setting
        self.query_one("#briefing-title", Static).update(Text(view.text(scenario.title), style="bold"))
        facts = [
            (tr("briefing.plan", lang), f"{view.text(view.plan.title)} ({view.plan.document_number})"),
            (tr("briefing.enterprise", lang), view.text(setting.enterprise.name)),
            (tr("briefing.location", lang), view.text(setting.location)),
            (tr("briefing.start", lang), setting.start.replace("T", " ")),
            (tr("briefing.weather", lang), view.weather()),
            (tr("briefing.duration", lang), duration_text(scenario.duration, lang)),
        ]
        parts: list[Text] = []
        for label, value in facts:
            parts.append(Wrapped.assemble((f"{label}  ", "dim"), value))
        parts += [Text(""), Wrapped(view.text(scenario.briefing)), Text(""),
                  Text(tr("briefing.objectives", lang), style="bold")]
        for i, objective in enumerate(scenario.objectives, 1):
            parts.append(Wrapped(f"{i}. {view.text(objective.text)}"))
        self.query_one("#briefing-setting", Static).update(Group(*parts))
        self._fill_roles()

    def on_resize(self) -> None:
        if self.loaded is not None:
            self.call_after_refresh(self._fill_roles)

    def _fill_roles(self) -> None:
        lang = self.app.lang
        view = view_of(self.loaded, lang)
        table = self.query_one("#roles", DataTable)
        row = table.cursor_row
        rows = []
        for role in self.loaded.scenario.roles:
            human = role.id in self.humans
            who = Text("● " + tr("briefing.person", lang), style="bold green") if human else \
                Text("○ " + tr("briefing.computer", lang), style="dim")
            bodies = ", ".join(view.body(b) for b in role.bodies[:3]) + (" …" if len(role.bodies) > 3 else "")
            rows.append((role.id, (who, Wrapped(view.role(role.id)), bodies)))
        # A role's name wraps within the panel rather than running off its edge (80 columns, English names).
        panel = self.query_one("#briefing-roles").content_size.width or 36
        room = panel - max(width_of(r[1][0]) for r in rows) - 2 * table.cell_padding - 3
        refill(table, [("who", tr("briefing.played_by", lang)), ("role", tr("col.role", lang)),
                       ("bodies", tr("briefing.bodies", lang))], rows,
               max_widths={"role": max(12, room)}, row_height=None)
        table.move_cursor(row=max(0, min(row, table.row_count - 1)))

    # --- choosing and starting ----------------------------------------------------------------------

    @on(DataTable.RowSelected, "#roles")
    def action_toggle_role(self) -> None:
        if self.loaded is None:
            return
        table = self.query_one("#roles", DataTable)
        role = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.humans.symmetric_difference_update({role})
        self._fill_roles()

    def action_start(self) -> None:
        """`s`: start once the facilitator confirms the choices (a stray key starts nothing)."""
        if self.loaded is None or self.starting or self._seed() is None:
            return
        lang = self.app.lang
        view = view_of(self.loaded, lang)
        humans = ", ".join(view.role(r.id) for r in self.loaded.scenario.roles if r.id in self.humans)
        detail = tr("briefing.start_detail", lang, humans=humans or tr("briefing.nobody", lang),
                    seed=self._seed(), policy=term(POLICY_NAMES, str(self.query_one("#policy", Select).value), lang))

        def answered(yes: bool | None) -> None:
            if yes:
                self.start()

        self.app.push_screen(ConfirmDialog(tr("briefing.start_question", lang), lang, detail, yes="confirm.start"),
                             answered)

    def _seed(self) -> int | None:
        """The seed typed, or None (and the error shown) when it is not a whole number."""
        text = self.query_one("#seed", Input).value.strip()
        if not text.isdigit():
            self.query_one("#briefing-error", Static).update(
                Text(tr("briefing.bad_seed", self.app.lang), style="bold red"))
            return None
        return int(text)

    @on(Button.Pressed, "#start")
    @on(Input.Submitted, "#seed")
    def start(self) -> None:
        """Start the drill with the choices made (the start button, or Enter in the seed field)."""
        if self.loaded is None or self.starting:
            return
        seed = self._seed()
        if seed is None:
            return
        self.starting = True
        policy = str(self.query_one("#policy", Select).value)
        humans = [r.id for r in self.loaded.scenario.roles if r.id in self.humans]
        self._start(seed, policy, humans)

    @work(thread=True, exclusive=True, group="briefing", exit_on_error=False)
    def _start(self, seed: int, policy: str, humans: list[str]) -> None:
        session = self.app.workspace.start(self.loaded, seed, policy, humans)
        self.post_message(self.Started(session, session.snapshot()))

    def on_briefing_screen_started(self, message: Started) -> None:
        self.app.open_live(message.session, message.snapshot, self.loaded, replace=True)

    def action_host(self) -> None:
        """`h`: host the drill for seats of their own (`drillsim join CODE`) instead of playing it here."""
        if self.loaded is None or self.starting or self._seed() is None or not self.humans:
            return
        self.starting = True
        humans = [r.id for r in self.loaded.scenario.roles if r.id in self.humans]
        self._host(self._seed(), str(self.query_one("#policy", Select).value), humans)

    @work(thread=True, exclusive=True, group="briefing", exit_on_error=False)
    def _host(self, seed: int, policy: str, humans: list[str]) -> None:
        from tui.screens.seat.hosting import HostingScreen

        host = self.app.workspace.host(self.loaded, seed, humans, policy)
        self.app.call_from_thread(self.app.switch_screen, HostingScreen(host))

    def action_back(self) -> None:
        self.app.pop_screen()
