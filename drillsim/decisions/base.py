"""What every decision type is: its parameters and, in one class, everything the rest of drillsim asks of it.

A decision type is a pydantic model (its parameters, validated) whose class also says
- `label`: its name in Chinese and English;
- `target_field`: which parameter names what it acts on (an obligation, a level, a body ...), if any, and
  `target_needed`: what an MSEL expected action must give as target for a computer role to carry it out;
- `check`: why the plan's authorities reject it in a given state (a `Rejection`), or None;
- `carry_out`: the events it emits in the simulation once accepted;
- `from_expected`: the decision a computer role takes when an inject expects this type of it;
- `msel_done` / `msel_covered_by`: how scoring recognises, in the events, that an expected action was done;
- `form_fields` and `responsible`: what the decision form asks for and which body it proposes as the actor;
- `lint_authority` / `lint_target_problem` / `lint_target_pool`: the static questions `drillsim lint` asks.

The simulation, state, scoring trace and lint context a method receives are duck-typed: this package sits
below the engine, scoring and loading, which all use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, NamedTuple

from pydantic import Field

from drillsim.glossary import COLOUR_NAMES, level_term, term
from drillsim.model import events as ev
from drillsim.model.base import Frozen, StrictStr
from drillsim.rules.plan_index import PlanIndex

GENERAL_CODES = ("exercise_ended", "unknown_body", "response_terminated", "dropped_in_fork")
"""Rejection codes that are no one decision type's own."""

REGISTRY: dict[str, type[DecisionBase]] = {}
"""Decision type name → its class, in the order the decision form offers them (see `registry`)."""
KNOWN_CODES: set[str] = set(GENERAL_CODES)


Events = list[ev.DomainEvent]

MISS_REASONS: tuple[str, ...] = ("wrong_target", "wrong_body", "before_inject")
"""Why an event of the expected kind does not meet an expected action (`glossary.MISS_REASON_NAMES` names them)."""


class MselMatch(NamedTuple):
    """How an expected action was met: the event that let the body act (None when it never could), the event
    that did what was expected (None when none did), and the events of the expected kind that fall short by one
    rule only, each with its reason (one of `MISS_REASONS`). A plain (enabler, done) pair reads as one."""

    enabler: ev.DomainEvent | None
    done: ev.DomainEvent | None
    misses: tuple[tuple[ev.DomainEvent, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a decision is rejected: a stable code and the explanation in English and in Chinese."""

    code: str
    en: str
    zh: str

    def __post_init__(self) -> None:
        if self.code not in KNOWN_CODES:
            raise ValueError(f"unknown rejection code {self.code!r}")

    def text(self, lang: str) -> str:
        """The explanation for a reader of `lang` ('zh' or 'en')."""
        return self.zh if lang == "zh" else self.en


class Context:
    """What a check can see: the plan index and the exercise state (`drillsim.engine.state.ExerciseState`)."""

    def __init__(self, index: PlanIndex, state: Any) -> None:
        self.index = index
        self.state = state

    def name(self, body: str) -> str:
        """A body in English text: `county_government (Banner/district government)`."""
        b = self.index.bodies.get(body)
        return f"{body} ({b.name.en})" if b else body

    def name_zh(self, body: str) -> str:
        """A body in Chinese text: `旗区人民政府（county_government）`."""
        b = self.index.bodies.get(body)
        return f"{b.name.zh}（{body}）" if b else body

    def commander_zh(self, commander: str | None) -> str:
        """Who holds field command, as a Chinese clause."""
        return f"当前现场指挥为{self.name_zh(commander)}" if commander else "现场指挥部尚未成立"

    def level_zh(self, level: int) -> str:
        """A response level by its Chinese name in the plan (四级响应, Ⅳ级应急响应)."""
        lv = self.index.levels.get(level)
        return lv.name.zh if lv else level_term(level).zh

    def informed(self, body: str) -> bool:
        """A body knows of the accident: it is at the enterprise, or someone in its role received a report."""
        if self.index.rank(body) == 0:
            return True
        role = self.index.role(body)
        return any(self.index.role(b) == role for b in self.state.informed_t) if role else body in self.state.informed_t


class DecisionBase(Frozen):
    """A decision: the acting body, an optional rationale, and the type's own parameters."""

    actor: StrictStr = Field(description="body id of the plan that acts")
    rationale: StrictStr = ""

    label: ClassVar[tuple[str, str]] = ("", "")
    """The type's name, (Chinese, English)."""
    position: ClassVar[int] = 0
    """Where the decision form offers the type (ascending); unique among the types."""
    target_field: ClassVar[str | None] = None
    target_needed: ClassVar[str | None] = None
    codes: ClassVar[tuple[str, ...]] = ()
    """The rejection codes `check` may give."""
    form_fields: ClassVar[tuple[str, ...]] = ()
    """The fields the decision form shows besides the acting body and the rationale."""
    scoring_area: ClassVar[str] = "response_actions"
    """The scoring area an expected action of this type counts towards."""
    needs_command: ClassVar[bool] = False
    """An on-scene order: outside the enterprise, only the role holding field command may give it."""
    after_termination: ClassVar[bool] = False
    """Still allowed once the response has been terminated."""
    timeline_shows_decision: ClassVar[bool] = False
    """The short timeline shows the accepted decision itself (for the others it shows the events it caused)."""
    msel_event: ClassVar[type[ev.DomainEvent] | None] = None
    """The event that shows an expected action of this type done (`msel_done` matches it by `matched`); None
    for types scored under a plan rule or by a state, where `counts_from` means nothing."""
    msel_target: ClassVar[str | None] = None
    """The field of `msel_event` that the default `msel_done` compares with the expected action's target. An
    expected action of a type with `msel_event` and a `target_field` but no target is met by any such event
    of the body's role, which `drillsim lint` warns about (`expected-any-target`)."""
    form_labels: ClassVar[dict[str, tuple[str, str]]] = {}
    """Labels (zh, en) of form fields that mean something else for this type (a support request's `to`)."""
    loading_target: ClassVar[str | None] = None
    """The kind of id loading checks an expected action's target against (a level, or a kind of
    `loading.checks.scenario`'s defined ids); None leaves the target to `drillsim lint`."""
    news_body: ClassVar[Literal["by", "target"] | None] = None
    """Who must have heard of the accident for this decision to make sense, and has once it is made: "by" when
    it acts on the news (activates, takes command, calls for or sends help), "target" for a handover (the body
    taking command). None for measures an inject may prompt by itself (a platform alarm, a call about a school)
    and for decisions the engine allows only a body already in the response (lint `expected-uninformed`)."""

    def params(self) -> dict[str, Any]:
        """The decision's own parameters (without type, actor and rationale), JSON-native: what
        `model_dump(mode="json")` gives for these fields (tuples as lists), read without pydantic's serialiser."""
        names = _PARAM_FIELDS.get(type(self))
        if names is None:
            names = _PARAM_FIELDS[type(self)] = tuple(n for n in type(self).model_fields
                                                      if n not in ("type", "actor", "rationale"))
        return {name: _json_native(getattr(self, name)) for name in names}

    # --- in the simulation --------------------------------------------------------------------------

    def check(self, ctx: Context) -> Rejection | None:
        """Why the plan's authorities reject this decision now, or None."""
        return None

    def carry_out(self, sim: Any) -> None:
        """Emit what the accepted decision does (`sim` is a `drillsim.engine.simulation.Simulation`)."""
        raise NotImplementedError

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> DecisionBase | None:
        """The decision a computer role (`drillsim.engine.computer_roles.ComputerRoles`) takes for an expected
        action of this type, or None when it takes none."""
        return None

    # --- in scoring ---------------------------------------------------------------------------------

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        """When the body could act and what did it (see `MselMatch`); None when the events cannot tell. By
        default: the first `msel_event` on the target (`msel_target`) that `matched` accepts."""
        if cls.msel_event is None:
            return None
        field = cls.msel_target
        return matched(trace, exp, got, cls.msel_event,
                       target=None if field is None else lambda e: getattr(e, field) == exp.target)

    @classmethod
    def msel_covered_by(cls, index: PlanIndex, trace: Any, exp: Any) -> str | None:
        """The id of the plan finding that already scores this expected action, if any."""
        return None

    # --- in the decision form -----------------------------------------------------------------------

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        """Bodies the plan makes responsible for this decision with the values chosen so far, likeliest first
        (`form` is the TUI's FormModel: the role's bodies, obligations, levels, handovers, resources ...)."""
        return []

    @classmethod
    def form_choices(cls, form: Any, field: str) -> list[str] | None:
        """The ids a select field offers for this type, when they differ from the field's usual choices (e.g. the
        bodies a support request may go to, rather than the handover targets); None: the usual choices."""
        return None

    # --- in `drillsim lint` -------------------------------------------------------------------------

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        """A message when `target` names nothing of the kind this type acts on."""
        return None

    @classmethod
    def lint_target_pool(cls, lint: Any) -> Iterable[str]:
        """The ids a target of this type may take (for 'did you mean')."""
        return ()

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        """Why the plan's authorities would reject `by` taking this decision at every moment the scenario can
        reach, or None."""
        return None

    @classmethod
    def lint_expected_findings(cls, lint: Any, exp: Any) -> list[tuple[str, str]] | None:
        """The type's own (code, message) warnings on an expected action's body, replacing the authority check;
        None: the authority check (`lint_authority`) applies."""
        return None

    @classmethod
    def lint_activates_level(cls, lint: Any, exp: Any) -> int | None:
        """The response level an expected action of this type makes active in the scenario, if any."""
        return None


def register(cls: type[DecisionBase]) -> type[DecisionBase]:
    """Class decorator: a decision type, known by its `type` literal, with the rejection codes it may give."""
    kind = cls.model_fields["type"].default
    REGISTRY[kind] = cls
    KNOWN_CODES.update(cls.codes)
    return cls


_PARAM_FIELDS: dict[type, tuple[str, ...]] = {}


def _json_native(value: Any) -> Any:
    """Parameters are flat: tuples of strings, dicts of figures (str → int), scalars."""
    if type(value) is tuple:
        return list(value)
    if type(value) is dict:
        return dict(value)
    return value


# --- checks several types share ---------------------------------------------------------------------


def colour_zh(colour: str) -> str:
    """A warning colour in Chinese (红色 ...)."""
    return term(COLOUR_NAMES, colour, "zh")


def on_scene_authority(actor: str, ctx: Context) -> Rejection | None:
    """On-scene measures are ordered by the enterprise or the role holding field command."""
    commander = ctx.state.commander
    if ctx.index.rank(actor) == 0 or (commander and ctx.index.acts_for(actor, commander)):
        return None
    return Rejection("not_field_command",
                     f"on-scene measures are ordered by the field command ({ctx.name(commander or 'none')}) "
                     "or the enterprise",
                     f"现场处置措施由现场指挥部或事发单位下令；{ctx.commander_zh(commander)}")


def commander_only(actor: str, ctx: Context) -> Rejection | None:
    """Only the role holding field command may decide this."""
    commander = ctx.state.commander
    if commander is None or not ctx.index.acts_for(actor, commander):
        return Rejection("commander_only", f"only the field command ({ctx.name(commander or 'none')}) can do this",
                         f"此项决定只能由现场指挥部作出；{ctx.commander_zh(commander)}")
    return None


def activation(level: int, actor: str, ctx: Context) -> Rejection | None:
    """A level exists, is the actor's to activate, and the actor has heard of the accident."""
    lv = ctx.index.levels.get(level)
    if lv is None:
        return Rejection("unknown_level", f"the plan has no response level {level}", f"预案中没有{ctx.level_zh(level)}")
    if actor != lv.activated_by:
        return Rejection("wrong_activator",
                         f"level {level} is activated by {ctx.name(lv.activated_by)}, not {ctx.name(actor)}",
                         f"{lv.name.zh}由{ctx.name_zh(lv.activated_by)}启动，而非{ctx.name_zh(actor)}")
    return uninformed(actor, ctx)


def uninformed(actor: str, ctx: Context) -> Rejection | None:
    """The actor cannot act on an accident it has not heard of."""
    if not ctx.informed(actor):
        return Rejection("not_informed", f"{ctx.name(actor)} has not been informed of the accident yet",
                         f"{ctx.name_zh(actor)}尚未接到事故报告")
    return None


def decision_by_role(trace: Any, exp: Any, got: ev.InjectDelivered, kind: str) -> MselMatch:
    """Done in answer to the inject: an accepted decision of `kind` by the expected body's role (for the types
    whose own events do not name who acted)."""
    role = trace.role_key(exp.by)
    any_time = getattr(exp, "counts_from", "inject") == "accident"
    done = first(trace.of(ev.DecisionAccepted), lambda e: (any_time or e.seq > got.seq) and e.decision == kind
                 and trace.role_key(e.actor) == role)
    return MselMatch(got, done, ())


def lint_level_problem(lint: Any, target: str) -> str | None:
    """A target that should be a level number of the plan."""
    if not (target.isdigit() and int(target) in lint.levels):
        return f"the plan has no response level {target!r} (levels: {', '.join(map(str, sorted(lint.levels)))})"
    return None


def lint_never_commands(lint: Any, by: str) -> bool:
    """`by` is in no role with a body that can hold field command in the scenario."""
    return not any(lint.index.acts_for(by, c) for c in lint.commanders)


# --- matching an expected action against the events --------------------------------------------------


def first(events: Events, cond: Callable[[ev.DomainEvent], bool]) -> ev.DomainEvent | None:
    return next((e for e in events if cond(e)), None)


def last_before(events: Events, seq: int) -> ev.DomainEvent | None:
    before = [e for e in events if e.seq < seq]
    return before[-1] if before else None


def matched(trace: Any, exp: Any, got: ev.InjectDelivered, kind: type[ev.DomainEvent],
            target: Callable[[Any], bool] | None = None, body: str | None = "by",
            in_force: Callable[[Any], bool] | None = None) -> MselMatch:
    """The first event of `kind` that does what `exp` expects, and the near misses (issue 12: an expected action
    is met only by the right action):
    - on its target, when the expectation names one (`target(e)`; None: the kind has none) — else `wrong_target`;
    - by a body acting for the expected one (the event's field `body`; None: whoever acts) — else `wrong_body`;
    - after the inject that asks for it, unless the expectation says `counts_from: accident`, or the event is
      still in force at the inject (`in_force(e)`: a resource on its way, a warning not lifted) — else
      `before_inject`.
    Within its window is judged by the caller, from the event's time."""
    role = trace.role_key(exp.by)
    any_time = getattr(exp, "counts_from", "inject") == "accident"
    misses: list[tuple[ev.DomainEvent, str]] = []
    for e in trace.of(kind):
        wrong = [reason for reason, fails in (
            ("wrong_target", exp.target is not None and target is not None and not target(e)),
            ("wrong_body", body is not None and trace.role_key(getattr(e, body)) != role),
            ("before_inject", e.seq < got.seq and not any_time and not (in_force is not None and in_force(e))),
        ) if fails]
        if not wrong:
            return MselMatch(got, e, tuple(misses))
        if len(wrong) == 1:
            misses.append((e, wrong[0]))
    return MselMatch(got, None, tuple(misses))


class ResponseLevelDecision(DecisionBase):
    """What activating and adjusting a response level share (each declares its own `level`)."""

    target_field = "level"
    target_needed = "a level number such as \"3\""
    form_fields = ("level",)
    scoring_area = "mobilisation"
    loading_target = "level"
    news_body = "by"

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> DecisionBase | None:
        if not (exp.target and exp.target.isdigit()):
            return None
        kind = "activate_response" if roles.state.level is None else "adjust_response"
        return REGISTRY[kind](actor=exp.by, level=int(exp.target))

    @classmethod
    def msel_covered_by(cls, index: PlanIndex, trace: Any, exp: Any) -> str | None:
        return f"level:{exp.target}" if exp.target else "level"

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return level_activators(form, values)

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        return lint_level_problem(lint, target)

    @classmethod
    def lint_activates_level(cls, lint: Any, exp: Any) -> int | None:
        """An expected activation by the level's own, played activator can make the level active."""
        if exp.target and exp.target.isdigit():
            lv = lint.levels.get(int(exp.target))
            if lv is not None and exp.by == lv.activated_by and lint.played(exp.by):
                return lv.level
        return None

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if target and target.isdigit():
            lv = lint.levels.get(int(target))
            if lv is not None and by != lv.activated_by:
                return f"level {lv.level} is activated by {lint.name(lv.activated_by)}, not {lint.name(by)}"
        return None


def level_activators(form: Any, values: dict[str, Any]) -> list[str | None]:
    """Who activates the chosen level, then who activates any level (for the decision form)."""
    level = str(values.get("level", ""))
    return [lv.activated_by for lv in form.levels if str(lv.level) == level] + [lv.activated_by for lv in form.levels]


def warning_issuers(form: Any, values: dict[str, Any]) -> list[str | None]:
    """Who issues the chosen warning colour (for the decision form)."""
    return [w.issued_by for w in form.loaded.plan.definition.warnings.levels if w.id == values.get("color")]


def commanders(form: Any, commander: str | None) -> list[str | None]:
    """The current commander, then every body that may hand command over (for the decision form)."""
    return [commander] + [h.from_ for h in form.handovers]


class BodyTargetDecision(DecisionBase):
    """What the types whose target is a body of the plan (handing over to, asking for support) share in lint."""

    loading_target = "body"

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        return None if target in lint.bodies else f"undefined body {target!r}"

    @classmethod
    def lint_target_pool(cls, lint: Any) -> Any:
        return lint.bodies


class OnSceneOrder(DecisionBase):
    """What on-scene orders (evacuate, cordon) share: the enterprise or the field command gives them."""

    codes = ("not_field_command",)
    scoring_area = "response_actions"
    needs_command = True

    def check(self, ctx: Context) -> Rejection | None:
        return on_scene_authority(self.actor, ctx)

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if lint.rank(by) != 0 and lint_never_commands(lint, by):
            return (f"on-scene measures are ordered by the enterprise or the field command; "
                    f"{lint.name(by)} never holds field command")
        return None


class WarningDecision(DecisionBase):
    """What issuing and lifting a warning share (each declares its own `color`)."""

    target_field = "color"
    target_needed = "a warning colour"
    form_fields = ("color",)
    scoring_area = "warning_reporting"

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> DecisionBase | None:
        return cls(actor=exp.by, color=exp.target) if exp.target else None

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return warning_issuers(form, values)

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        if target not in lint.colours:
            return f"the plan has no {target!r} warning (colours: {', '.join(lint.colours)})"
        return None

    @classmethod
    def lint_target_pool(cls, lint: Any) -> Any:
        return lint.colours

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if target in lint.colours:
            issuer = lint.colours[target].issued_by
            if not lint.index.acts_for(by, issuer):
                return f"a {target} warning is issued and lifted by {lint.name(issuer)}, not {lint.name(by)}"
        return None


class RescueOrder(DecisionBase):
    """What suspending and resuming rescue share: only the field command decides them."""

    scoring_area = "protection"
    needs_command = True

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return commanders(form, commander)

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if lint_never_commands(lint, by):
            kind = cls.model_fields["type"].default
            return f"only the field command can {kind.replace('_', ' ')}; {lint.name(by)} never holds it"
        return None


def rescue_suspensions(trace: Any, got: ev.InjectDelivered) -> tuple[Events, Events, ev.DomainEvent | None, bool]:
    """Suspensions, resumptions, the last suspension before the inject and whether it was still in force then."""
    susp, res = trace.of(ev.RescueSuspended), trace.of(ev.RescueResumed)
    last = last_before(susp, got.seq)
    in_force = last is not None and not any(last.seq < r.seq < got.seq for r in res)
    return susp, res, last, in_force
