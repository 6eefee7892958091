"""What a decision form asks for, built from the plan and scenario, and how its input becomes a Decision.

Pure functions, no widgets: which fields each decision type shows, the choices each field offers to one role
(its bodies' obligations, the scenario's measures, the plan's levels, handover targets, groups, resources),
the acting body a choice implies, and validation of the filled-in values into a typed `Decision`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from drillsim.glossary import BRIEFING_ITEM_NAMES, CHANNEL_NAMES, COLOUR_NAMES, FIGURE_NAMES, term
from drillsim.workspace import FIGURES, ValidationError
from drillsim.workspace import decisions as d

from tui.i18n import Lang, tr
from tui.view import View

FIELDS: dict[str, tuple[str, ...]] = {kind: cls.form_fields for kind, cls in d.DECISION_TYPES.items()}
"""The fields each decision type shows besides the acting body and the rationale, in the order the form offers
the types (both from the decision types themselves, `drillsim.decisions`)."""
FIRST_TYPE = next(iter(FIELDS))
"""The type the form shows first."""

ALL_FIELDS = ("obligation", "channel", "figures", "action", "level", "to", "briefing", "team", "group", "groups",
              "resource", "area", "radius", "color", "text", "reason")

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
        self.teams = list(plan.field_command.guidance_teams)
        own = [r for r in loaded.scenario.resources if r.controlled_by in self.bodies]
        self.resources = own or list(loaded.scenario.resources)
        self.establishers = [e.by for e in plan.field_command.establishment]

    # --- choices ------------------------------------------------------------------------------------

    def types(self, lang: Lang) -> Options:
        return [(type_label(k, lang), k) for k in d.DECISION_TYPES]

    def options(self, field: str, view: View, kind: str | None = None) -> Options:
        """The choices of a select field, labelled in the view's language (for decision type `kind`, when the type
        offers choices of its own for the field)."""
        cls = d.DECISION_TYPES.get(kind or "")
        own = cls.form_choices(self, field) if cls is not None else None
        if own is not None:
            return [(self._choice_label(field, value, view), value) for value in own]
        if field == "actor":
            return [(f"{view.body(b)}", b) for b in self.bodies]
        if field == "obligation":
            return [(view.text(o.name), o.id) for o in self.obligations]
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
        if field == "team":
            return [(view.text(t.name), t.id) for t in self.teams]
        if field == "resource":
            return [(view.text(r.name), r.id) for r in self.resources]
        if field == "color":
            return [(term(COLOUR_NAMES, c, view.lang), c) for c in COLOUR_NAMES]
        return []

    def _choice_label(self, field: str, value: str, view: View) -> str:
        if field == "to":
            return view.body(value)
        return self.team_name(value, view) if field == "team" else value

    def team_name(self, team_id: str, view: View) -> str:
        return next((view.text(t.name) for t in self.teams if t.id == team_id), team_id)

    def group_items(self, view: View) -> Options:
        """The working groups, for the multiple choice of a selection."""
        return [(view.text(g.name), g.id) for g in self.groups]

    def field_label(self, kind: str, field: str, lang: Lang) -> str | None:
        """The label a decision type gives one of its fields, when it is not the field's usual one."""
        cls = d.DECISION_TYPES.get(kind)
        pair = cls.form_labels.get(field) if cls is not None else None
        return None if pair is None else pair[0 if lang == "zh" else 1]

    def briefing_items(self, lang: Lang) -> Options:
        return [(term(BRIEFING_ITEM_NAMES, k, lang), k) for k in BRIEFING_ITEM_NAMES]

    def default_briefing(self, to: str | None) -> tuple[str, ...]:
        """What the plan says a handover to `to` must brief (all of it when unsure)."""
        match = next((h for h in self.handovers if h.to == to and h.from_ in self.bodies), None)
        match = match or next((h for h in self.handovers if h.to == to), None)
        return tuple(match.briefing) if match else tuple(BRIEFING_ITEM_NAMES)

    # --- the acting body ----------------------------------------------------------------------------

    def default_actor(self, kind: str, values: Mapping[str, Any], commander: str | None = None) -> str | None:
        """The body of this role the plan makes responsible for `kind` with the values chosen so far (None when
        the plan gives it to no body of this role: the form then keeps the body it shows)."""
        wanted = d.DECISION_TYPES[kind].responsible(self, dict(values), commander)
        return next((b for b in wanted if b in self.bodies), None)

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
            if field == "groups":
                if not value:
                    return None, tr("form.required", lang, field=labels.get(field, field))
                data["groups"] = tuple(value)
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
                figures, problem = parse_figures(str(value), lang)
                if figures is None:
                    return None, problem
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

_FIGURE_RE = re.compile(r"^([^=\s]+)\s*=\s*(\d+)$")


def figure_names() -> dict[str, str]:
    """What a person may type for each figure: its id, and its Chinese name (`被困=2` as well as `trapped=2`)."""
    names = {f: f for f in FIGURES}
    names.update({term(FIGURE_NAMES, f, "zh"): f for f in FIGURES})
    return names


def parse_figures(text: str, lang: Lang = "en") -> tuple[dict[str, int] | None, str | None]:
    """`trapped=5 deaths=0` or `被困=5，死亡=0` as a dict, or None and what is wrong (in `lang`)."""
    known = figure_names()
    result: dict[str, int] = {}
    for part in re.split(r"[\s,，;；、]+", text.strip().replace("＝", "=")):
        if not part:
            continue
        match = _FIGURE_RE.match(part)
        if match is None:
            return None, tr("form.bad_figures", lang)
        figure = known.get(match.group(1)) or known.get(match.group(1).lower())
        if figure is None:
            valid = "、".join(term(FIGURE_NAMES, f, "zh") for f in FIGURES) if lang == "zh" else ", ".join(FIGURES)
            return None, tr("form.unknown_figure", lang, name=match.group(1), valid=valid)
        result[figure] = int(match.group(2))
    return (result, None) if result else (None, tr("form.bad_figures", lang))


def figures_text(figures: Mapping[str, int], lang: Lang) -> str:
    """Figures as the form field reads them, by their names in `lang` (`被困=2 死亡=0`)."""
    return " ".join(f"{term(FIGURE_NAMES, k, lang) if lang == 'zh' else k}={v}" for k, v in figures.items())


def _all_obligations(loaded: Any) -> list[Any]:
    """The plan's obligations and those it inherits and does not supersede (as the engine counts them)."""
    plan = loaded.plan.definition
    superseded = {o.supersedes for o in plan.reporting.obligations if o.supersedes}
    inherited = [o for layer in loaded.plan.layers for o in layer.reporting.obligations
                 if f"{layer.id}:{o.id}" not in superseded]
    return [*plan.reporting.obligations, *inherited]


def describe_decision(decision: Any, view: View) -> str:
    """A short line naming a decision, e.g. `移交指挥权 → 旗区现场指挥部`."""
    kind = type_label(decision.type, view.lang)
    field = type(decision).target_field
    value = decision.params().get(field) if field is not None else None
    show = _TARGET_TEXT.get(field or "")
    target = show(view, value) if show is not None and value is not None else ""
    return f"{view.body(decision.actor)}: {kind}" + (f" → {target}" if target else "")


def type_label(kind: str, lang: Lang) -> str:
    """A decision type's name in `lang` (from the decision type itself)."""
    cls = d.DECISION_TYPES.get(kind)
    return kind if cls is None else cls.label[0 if lang == "zh" else 1]


_TARGET_TEXT: dict[str, Any] = {
    "obligation": lambda view, v: view.obligation(v), "to": lambda view, v: view.body(v),
    "level": lambda view, v: view.level(v), "group": lambda view, v: view.group(v),
    "resource": lambda view, v: view.resource(v), "action": lambda view, v: view.action(v),
    "color": lambda view, v: term(COLOUR_NAMES, v, view.lang),
}
"""How a decision's target reads, by the parameter that holds it (an evacuated area is not shown)."""
