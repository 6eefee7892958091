"""What a decision form asks for, built from the plan and scenario, and how its input becomes a Decision.

Pure functions, no widgets: which fields each decision type shows, the choices each field offers to one role
(its bodies' obligations, the scenario's measures, the plan's levels, handover targets, groups, resources),
the acting body a choice implies, and validation of the filled-in values into a typed `Decision`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from drillsim.engine import decisions as d
from drillsim.glossary import BRIEFING_ITEM_NAMES, CHANNEL_NAMES, COLOUR_NAMES, term
from drillsim.model.figures import FIGURES

from tui.i18n import DECISION_TYPES, Lang, name_of, tr
from tui.view import View

DECISION_CLASSES: dict[str, type] = {
    "report": d.Report, "take_action": d.TakeAction, "activate_response": d.ActivateResponse,
    "adjust_response": d.AdjustResponse, "establish_command": d.EstablishCommand,
    "hand_over_command": d.HandOverCommand, "activate_working_group": d.ActivateWorkingGroup,
    "dispatch_resource": d.DispatchResource, "evacuate": d.Evacuate, "set_cordon": d.SetCordon,
    "issue_warning": d.IssueWarning, "lift_warning": d.LiftWarning,
    "release_information": d.ReleaseInformation, "suspend_rescue": d.SuspendRescue,
    "resume_rescue": d.ResumeRescue, "terminate": d.Terminate, "note": d.Note,
}
"""Decision types in the order the form offers them."""

FIELDS: dict[str, tuple[str, ...]] = {
    "report": ("obligation", "channel", "figures"),
    "take_action": ("action",),
    "activate_response": ("level",),
    "adjust_response": ("level",),
    "establish_command": (),
    "hand_over_command": ("to", "briefing"),
    "activate_working_group": ("group",),
    "dispatch_resource": ("resource",),
    "evacuate": ("area",),
    "set_cordon": ("radius",),
    "issue_warning": ("color",),
    "lift_warning": ("color",),
    "release_information": ("text",),
    "suspend_rescue": ("reason",),
    "resume_rescue": (),
    "terminate": (),
    "note": ("text",),
}
"""The fields each decision type shows, besides the acting body and the rationale."""

ALL_FIELDS = ("obligation", "channel", "figures", "action", "level", "to", "briefing", "group", "resource",
              "area", "radius", "color", "text", "reason")

Options = list[tuple[str, str]]
"""(label, value) pairs for a Select."""


class FormModel:
    """The choices a decision form offers one role of one scenario."""

    def __init__(self, loaded: Any, role_id: str) -> None:
        self.loaded = loaded
        self.role_id = role_id
        role = next(r for r in loaded.scenario.roles if r.id == role_id)
        self.bodies: tuple[str, ...] = tuple(role.bodies)
        plan = loaded.plan.definition
        self.obligations = [o for o in _all_obligations(loaded) if o.from_ in self.bodies]
        self.actions = [a for a in loaded.scenario.actions if set(a.by) & set(self.bodies)]
        self.levels = sorted(plan.response_levels, key=lambda lv: -lv.level)
        self.handovers = list(plan.field_command.handovers)
        self.groups = list(plan.working_groups)
        own = [r for r in loaded.scenario.resources if r.controlled_by in self.bodies]
        self.resources = own or list(loaded.scenario.resources)
        self.establishers = [e.by for e in plan.field_command.establishment]

    # --- choices ------------------------------------------------------------------------------------

    def types(self, lang: Lang) -> Options:
        return [(name_of(DECISION_TYPES, k, lang), k) for k in DECISION_CLASSES]

    def options(self, field: str, view: View) -> Options:
        """The choices of a select field, labelled in the view's language."""
        if field == "actor":
            return [(f"{view.body(b)}", b) for b in self.bodies]
        if field == "obligation":
            return [(f"{view.text(o.name)} [{o.id}]", o.id) for o in self.obligations]
        if field == "channel":
            return [(term(CHANNEL_NAMES, c, view.lang), c) for c in CHANNEL_NAMES]
        if field == "action":
            return [(view.text(a.name), a.id) for a in self.actions]
        if field == "level":
            return [(view.level(lv.level), str(lv.level)) for lv in self.levels]
        if field == "to":
            seen: dict[str, None] = {}
            for h in self.handovers:
                seen.setdefault(h.to)
            return [(view.body(b), b) for b in seen]
        if field == "group":
            return [(view.text(g.name), g.id) for g in self.groups]
        if field == "resource":
            return [(view.text(r.name), r.id) for r in self.resources]
        if field == "color":
            return [(term(COLOUR_NAMES, c, view.lang), c) for c in COLOUR_NAMES]
        return []

    def briefing_items(self, lang: Lang) -> Options:
        return [(term(BRIEFING_ITEM_NAMES, k, lang), k) for k in BRIEFING_ITEM_NAMES]

    def default_briefing(self, to: str | None) -> tuple[str, ...]:
        """What the plan says a handover to `to` must brief (all of it when unsure)."""
        match = next((h for h in self.handovers if h.to == to and h.from_ in self.bodies), None)
        match = match or next((h for h in self.handovers if h.to == to), None)
        return tuple(match.briefing) if match else tuple(BRIEFING_ITEM_NAMES)

    # --- the acting body ----------------------------------------------------------------------------

    def default_actor(self, kind: str, values: Mapping[str, Any], commander: str | None = None) -> str:
        """The body of this role the plan makes responsible for `kind` with the values chosen so far."""
        bodies = self.bodies
        wanted: list[str | None] = []
        if kind == "report":
            wanted = [o.from_ for o in self.obligations if o.id == values.get("obligation")]
        elif kind == "take_action":
            wanted = [b for a in self.actions if a.id == values.get("action") for b in a.by]
        elif kind in ("activate_response", "adjust_response", "terminate"):
            level = str(values.get("level", ""))
            wanted = [lv.activated_by for lv in self.levels if str(lv.level) == level]
            wanted += [lv.activated_by for lv in self.levels]
        elif kind == "establish_command":
            wanted = list(self.establishers)
        elif kind in ("hand_over_command", "suspend_rescue", "resume_rescue"):
            wanted = [commander] + [h.from_ for h in self.handovers]
        elif kind == "dispatch_resource":
            wanted = [r.controlled_by for r in self.resources if r.id == values.get("resource")]
        elif kind == "activate_working_group":
            wanted = [lv.commander for lv in self.levels]
        elif kind == "release_information":
            wanted = list(self.loaded.plan.definition.information_release.released_by)
        elif kind in ("issue_warning", "lift_warning"):
            wanted = [w.issued_by for w in self.loaded.plan.definition.warnings.levels if w.id == values.get("color")]
        return next((b for b in wanted if b in bodies), bodies[0])

    # --- validation ---------------------------------------------------------------------------------

    def build(self, kind: str, actor: str, values: Mapping[str, Any], rationale: str,
              labels: Mapping[str, str], lang: Lang) -> tuple[Any | None, str | None]:
        """The typed decision, or None and what is wrong with the input (in `lang`)."""
        data: dict[str, Any] = {"type": kind, "actor": actor, "rationale": rationale.strip()}
        for field in FIELDS.get(kind, ()):
            value = values.get(field)
            if isinstance(value, str):
                value = value.strip()
            if field in ("channel", "figures") and not value:
                continue
            if field == "briefing":
                data["briefing"] = tuple(value or ())
                continue
            if value in (None, "", ()):
                return None, tr("form.required", lang, field=labels.get(field, field))
            if field == "level":
                data["level"] = int(value)
            elif field == "radius":
                if not str(value).isdigit() or int(value) <= 0:
                    return None, tr("form.not_integer", lang, field=labels.get(field, field))
                data["radius_m"] = int(value)
            elif field == "figures":
                figures = parse_figures(str(value))
                if figures is None:
                    return None, tr("form.bad_figures", lang)
                data["figures"] = figures
            else:
                data[_DATA_KEY.get(field, field)] = value
        try:
            return d.parse_decision(data), None
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()) if p != kind)
            return None, tr("form.invalid", lang, reason=f"{where}: {first.get('msg', '')}".strip(": "))


_DATA_KEY = {"text": "text", "reason": "reason", "area": "area"}

_FIGURE_RE = re.compile(r"^([a-z_]+)\s*=\s*(\d+)$")


def parse_figures(text: str) -> dict[str, int] | None:
    """`trapped=5 deaths=0` (spaces or commas between) as a dict, or None when it does not read so."""
    result: dict[str, int] = {}
    for part in re.split(r"[\s,，;；]+", text.strip()):
        if not part:
            continue
        match = _FIGURE_RE.match(part)
        if match is None or match.group(1) not in FIGURES:
            return None
        result[match.group(1)] = int(match.group(2))
    return result or None


def _all_obligations(loaded: Any) -> list[Any]:
    """The plan's obligations and those it inherits and does not supersede (as the engine counts them)."""
    plan = loaded.plan.definition
    superseded = {o.supersedes for o in plan.reporting.obligations if o.supersedes}
    inherited = [o for layer in loaded.plan.layers for o in layer.reporting.obligations
                 if f"{layer.id}:{o.id}" not in superseded]
    return [*plan.reporting.obligations, *inherited]


def describe_decision(decision: Any, view: View) -> str:
    """A short line naming a decision, e.g. `移交指挥权 → 旗区现场指挥部`."""
    kind = name_of(DECISION_TYPES, decision.type, view.lang)
    params = decision.params()
    target = ""
    if "obligation" in params:
        target = view.obligation(params["obligation"])
    elif "to" in params:
        target = view.body(params["to"])
    elif "level" in params:
        target = view.level(params["level"])
    elif "group" in params:
        target = view.group(params["group"])
    elif "resource" in params:
        target = view.resource(params["resource"])
    elif "action" in params:
        target = view.action(params["action"])
    elif "color" in params:
        target = term(COLOUR_NAMES, params["color"], view.lang)
    return f"{view.body(decision.actor)}: {kind}" + (f" → {target}" if target else "")
