"""How the app names things and colours deadlines: the small presentational rules every panel shares.

Names come from the plan and scenario (in the chosen language), sentences from the CLI's own
`drillsim.render.timeline`, so the console, the replay and the reports describe an event the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from drillsim.glossary import WIND_DIRECTION_NAMES, term
from drillsim.i18n import pick
from drillsim.render.timeline import EventDescriber, clock, describer_for, wall_clock

from tui.i18n import Lang, tr

GREEN_ABOVE = 0.5
"""An obligation is green while more than half its time is left."""
RED_BELOW = 0.2
"""… red when less than a fifth is left (or it is missed); amber in between."""
RED_WITHIN_MS = 5 * 60_000
"""… and red in any case within the last five minutes."""


@dataclass(frozen=True)
class View:
    """One scenario seen in one language."""

    loaded: Any
    lang: Lang
    describer: EventDescriber

    @property
    def scenario(self) -> Any:
        return self.loaded.scenario

    @property
    def plan(self) -> Any:
        return self.loaded.plan.definition

    def text(self, text: Any) -> str:
        return pick(text, self.lang) if text is not None else ""

    def body(self, body_id: str | None) -> str:
        return self.describer.body(body_id) if body_id else "—"

    def level(self, level: int | None) -> str:
        return self.describer.level(level)

    def group(self, group_id: str) -> str:
        group = next((g for g in self.plan.working_groups if g.id == group_id), None)
        return self.text(group.name) if group else group_id

    def grade(self, grade_id: str | None) -> str:
        if grade_id is None:
            return "—"
        grade = next((g for g in self.plan.grades if g.id == grade_id), None)
        return self.text(grade.name) if grade else grade_id

    def role(self, role_id: str) -> str:
        role = next((r for r in self.scenario.roles if r.id == role_id), None)
        return self.text(role.name) if role else role_id

    def resource(self, resource_id: str) -> str:
        res = next((r for r in self.scenario.resources if r.id == resource_id), None)
        return self.text(res.name) if res else resource_id

    def action(self, action_id: str) -> str:
        return self.describer.action_name(action_id)

    def obligation(self, rule_id: str) -> str:
        base = rule_id.split("#")[0]
        rule = next((o for o in self.all_obligations() if o.id == base), None)
        return self.text(rule.name) if rule else rule_id

    def all_obligations(self) -> list[Any]:
        return all_obligations(self.loaded)

    def stamp(self, t: int) -> str:
        """Simulation time and the scenario's local time, e.g. `+01:05:00 03:15`."""
        return f"{clock(t)} {wall_clock(self.scenario.setting.start, t)}"

    def weather(self) -> str:
        """`风向 西北，4 级，-9 ℃` / `wind from NW, force 4, -9 °C`."""
        weather = self.scenario.setting.weather
        return tr("weather.wind", self.lang, wind=term(WIND_DIRECTION_NAMES, weather.wind_from, self.lang),
                  force=weather.wind_force, temp=weather.temperature_c)

    def readable(self, text: str) -> str:
        """A sentence written for the record (a finding's detail) with the ids in it named: an obligation,
        a finding (`obligation:unit_head_phone`), a role, a body, a resource, an inject (by its time)."""
        return _ID_TOKEN.sub(lambda m: self._name_of(m.group(0)), text)

    def _name_of(self, ident: str) -> str:
        kind, _, rest = ident.partition(":")
        for candidate in (ident, rest) if rest else (ident,):
            name = self._names().get(candidate)
            if name is not None:
                return name
        return ident

    def _names(self) -> dict[str, str]:
        names = self.__dict__.get("_names_cache")
        if names is None:
            scenario = self.scenario
            names = {i.id: tr("view.inject_at", self.lang, at=clock(i.at)) for i in scenario.msel if i.at is not None}
            dynamics = scenario.dynamics
            names.update({c.id: _label(self.text(c.note)) or tr("view.change_at", self.lang, at=clock(c.at))
                          for c in dynamics.changes})
            names.update({x.id: _label(self.text(x.description)) or tr("view.change", self.lang)
                          for x in dynamics.secondary})
            names.update({x.id: tr("view.change", self.lang) for x in (*dynamics.growth, *dynamics.rescue)})
            names.update({r.id: self.text(r.name) for r in scenario.resources})
            names.update({b.id: self.text(b.name) for b in self.plan.bodies})
            names.update({r.id: self.text(r.name) for r in scenario.roles})
            names.update({o.id: self.text(o.name) for o in reversed(self.all_obligations())})
            object.__setattr__(self, "_names_cache", names)
        return names

    def describe(self, event: Any) -> str:
        return self.describer.describe(event)

    def category(self, event: Any) -> str:
        """The event's category code (what CATEGORY_STYLE colours by)."""
        return self.describer.category(event)

    def category_name(self, event: Any) -> str:
        """The event's category as the reader's language names it."""
        return self.describer.category_name(event)


_ID_TOKEN = re.compile(r"(?<![A-Za-z0-9_])[a-z][a-z0-9]*(?:[_:-][a-z0-9]+)+(?![A-Za-z0-9_])")
"""A data id as scoring writes it into a finding's detail (`unit_head_phone`, `obligation:x`, `inj-02-y`)."""


def _label(note: str) -> str:
    """The head of a note written as "灯房核对：…" / "Lamp-room check: …", if it has a short one."""
    head = re.split(r"[：:]", note, maxsplit=1)[0]
    return head if head != note and len(head) <= 24 else ""


def all_obligations(loaded: Any) -> list[Any]:
    """The reporting obligations of a loaded scenario's plan and of the layers it inherits."""
    plan = loaded.plan
    return [*plan.definition.reporting.obligations,
            *(o for layer in plan.layers for o in layer.reporting.obligations)]


def pad(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` terminal cells (a Chinese character takes two)."""
    from rich.cells import cell_len

    return text + " " * max(0, cells - cell_len(text))


_VIEWS: dict[tuple[int, str], View] = {}


def view_of(loaded: Any, lang: Lang) -> View:
    """The (cached) view of a loaded scenario in a language."""
    key = (id(loaded), lang)
    view = _VIEWS.get(key)
    if view is None or view.loaded is not loaded:
        describer = describer_for(loaded.plan.definition, loaded.scenario, lang, ids=False,
                                  obligations=all_obligations(loaded))
        view = _VIEWS[key] = View(loaded, lang, describer)
    return view


def urgency(status: str, started_t: int, deadline_t: int, now: int) -> str:
    """`green`, `amber` or `red` for a pending obligation; `met`, `late` or `missed` once settled."""
    if status != "pending":
        return status
    left = deadline_t - now
    span = max(1, deadline_t - started_t)
    if left <= 0 or left / span < RED_BELOW or left <= RED_WITHIN_MS:
        return "red"
    return "green" if left / span > GREEN_ABOVE else "amber"


def countdown(ms: int) -> str:
    """Time left as `1:05:00`, `12:30` or `-3:00` (overdue)."""
    sign = "-" if ms < 0 else ""
    seconds = abs(ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"


CATEGORY_STYLE = {
    "MISSED": "bold red", "REJECTED": "bold red", "level": "bold yellow", "grade": "yellow",
    "command": "bold cyan", "inject": "magenta", "decision": "green", "report": "blue",
    "end": "bold reverse", "world": "default", "move": "dim", "group": "cyan", "warning": "red",
}
"""How the event log colours each category of event."""
