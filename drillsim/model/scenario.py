"""The scenario data model: setting, world dynamics, MSEL injects, roles and resources of one drill.

A scenario runs under one plan. Conditions are structured data (no code): the engine evaluates them
over the exercise state.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from drillsim.model.base import (
    Citation,
    Duration,
    Frozen,
    Id,
    SignedDuration,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    Text,
)
from drillsim.model.figures import Figure

DecisionType = Annotated[Id, Field(description="a decision type: one module of drillsim/decisions/ "
                                                "(loading checks the name against them)")]
"""A decision type's name. The model layer cannot see the registry, so `loading.checks.scenario`
checks it, and `drillsim schema scenario` lists the names."""


class Fixed(Frozen):
    dist: Literal["fixed"]
    value: Duration


class Uniform(Frozen):
    dist: Literal["uniform"]
    low: Duration
    high: Duration


class Triangular(Frozen):
    dist: Literal["triangular"]
    low: Duration
    mode: Duration
    high: Duration


DurationDist = Annotated[Union[Fixed, Uniform, Triangular], Field(discriminator="dist")]
"""A random duration; sampled in whole milliseconds from the run's seeded generator."""


# --- conditions ---------------------------------------------------------------------------------


class FigureCondition(Frozen):
    """A true figure of the accident is within bounds."""

    kind: Literal["figure"]
    figure: Figure
    at_least: StrictInt | None = None
    at_most: StrictInt | None = None


class LevelCondition(Frozen):
    """The active response level is at least as high as `at_least` (1 = highest) / at most `at_most`."""

    kind: Literal["level"]
    at_least: StrictInt | None = Field(default=None, ge=1, le=4)
    at_most: StrictInt | None = Field(default=None, ge=1, le=4)
    active: StrictBool | None = Field(default=None, description="true: some level is active; false: none")


class DecisionCondition(Frozen):
    """A decision of this type was (or was not) accepted, optionally by a body and with a target."""

    kind: Literal["decision"]
    decision: DecisionType
    by: Id | None = None
    target: StrictStr | None = None
    made: StrictBool = True


class ObligationCondition(Frozen):
    """A reporting obligation (its first instance) stands so: `reported` = met or late, i.e. the recipients have
    the report (gate an inject to them on it, so nobody acts on news they never got); `open` = pending or
    missed, i.e. not reported yet."""

    kind: Literal["obligation"]
    obligation: Id
    status: Literal["pending", "met", "late", "missed", "open", "reported"]


class ResourceCondition(Frozen):
    """A resource has been dispatched (en_route) or is on scene."""

    kind: Literal["resource"]
    resource: Id
    status: Literal["en_route", "on_scene", "dispatched"] = Field(
        description="'dispatched' holds both while en route and once on scene")


class InjectCondition(Frozen):
    """Another inject has been delivered."""

    kind: Literal["inject"]
    inject: Id


class AfterCondition(Frozen):
    """At least this much simulation time has passed since the accident."""

    kind: Literal["after"]
    time: Duration


class AllOf(Frozen):
    kind: Literal["all"]
    of: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(Frozen):
    kind: Literal["any"]
    of: tuple[Condition, ...] = Field(min_length=1)


class NotCondition(Frozen):
    kind: Literal["not"]
    cond: Condition


Condition = Annotated[
    Union[
        FigureCondition,
        LevelCondition,
        DecisionCondition,
        ObligationCondition,
        ResourceCondition,
        InjectCondition,
        AfterCondition,
        AllOf,
        AnyOf,
        NotCondition,
    ],
    Field(discriminator="kind"),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotCondition.model_rebuild()


# --- setting ------------------------------------------------------------------------------------


class RescueTeam(Frozen):
    name: Text
    size: StrictInt = Field(ge=0)


class Enterprise(Frozen):
    name: Text
    industry: Literal["coal_mine", "non_coal_mine", "hazardous_chemicals", "cotton", "construction", "other"]
    headcount: StrictInt = Field(ge=0)
    rescue_team: RescueTeam | None = None


class Place(Frozen):
    """One link of the jurisdiction chain: enterprise → park/township → county/banner → prefecture → region."""

    tier: Id
    name: Text


class Weather(Frozen):
    wind_from: Literal["N", "NE", "E", "SE", "S", "SW", "W", "NW", "calm"]
    wind_force: StrictInt = Field(ge=0, le=17, description="Beaufort force")
    temperature_c: StrictInt | StrictFloat
    note: Text | None = None


class Setting(Frozen):
    enterprise: Enterprise
    jurisdiction: tuple[Place, ...] = Field(min_length=2)
    start: StrictStr = Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}$")
    weather: Weather
    location: Text


class Situation(Frozen):
    """The true figures at the moment of the accident."""

    description: Text
    deaths: StrictInt = Field(default=0, ge=0)
    serious_injuries: StrictInt = Field(default=0, ge=0)
    minor_injuries: StrictInt = Field(default=0, ge=0)
    trapped: StrictInt = Field(default=0, ge=0)
    missing: StrictInt = Field(default=0, ge=0)
    endangered: StrictInt = Field(default=0, ge=0)
    direct_loss_cny: StrictInt = Field(default=0, ge=0)
    hazard_extent: StrictInt = Field(default=0, ge=0, le=100)
    cross_jurisdiction: tuple[CrossScope, ...] = ()
    capacity_exceeded: tuple[Id, ...] = ()


# --- dynamics -----------------------------------------------------------------------------------


CrossScope = Literal["prefectures", "sectors", "local_bingtuan", "counties"]


class FigureChanges(Frozen):
    """Absolute (`set`) or relative (`add`) changes to figures, and situation facts that become true or stop
    being true (the engine also clears every flag once the plan's conditions for ending the response hold)."""

    set: dict[Figure, StrictInt] = Field(default_factory=dict)
    add: dict[Figure, StrictInt] = Field(default_factory=dict)
    cross_jurisdiction: tuple[CrossScope, ...] = Field(default=(), description="the accident now crosses these")
    capacity_exceeded: tuple[Id, ...] = Field(default=(), description="tiers whose capacity it now exceeds")
    clear_cross_jurisdiction: tuple[CrossScope, ...] = Field(
        default=(), description="the accident no longer crosses these (the plume has moved back, the fire is out)")
    clear_capacity_exceeded: tuple[Id, ...] = Field(
        default=(), description="tiers whose capacity it no longer exceeds")


class ScheduledChange(Frozen):
    """The truth changes at a fixed time after the accident (unless a condition blocks it)."""

    id: Id
    at: Duration
    unless: Condition | None = None
    change: FigureChanges
    note: Text
    cite: Citation | None = None


class Growth(Frozen):
    """A figure grows at a steady rate until a condition holds (e.g. loss until the fire is contained)."""

    id: Id
    figure: Figure
    amount: StrictInt
    every: Duration = Field(gt=0)
    until: Condition | None = None
    cap: StrictInt | None = None


class RescueEffect(Frozen):
    """Once a resource is on scene and rescue is not suspended, it moves people from one figure to another."""

    id: Id
    resource: Id
    from_figure: Figure = "trapped"
    to_figure: Figure = "rescued"
    amount: StrictInt = Field(ge=1)
    every: Duration = Field(gt=0)
    starts_after: Duration = Field(default=0, description="set-up time after arrival")


class SecondaryEvent(Frozen):
    """Something that may happen in a time window with a probability (drawn once from the seeded generator)."""

    id: Id
    earliest: Duration
    latest: Duration
    probability: StrictFloat = Field(ge=0.0, le=1.0)
    unless: Condition | None = None
    change: FigureChanges = FigureChanges()
    threatens_rescuers: StrictBool = False
    threat_lasts: Duration = Field(default=45 * 60_000, description="how long rescuers stay threatened")
    description: Text


class Dynamics(Frozen):
    changes: tuple[ScheduledChange, ...] = ()
    growth: tuple[Growth, ...] = ()
    rescue: tuple[RescueEffect, ...] = ()
    secondary: tuple[SecondaryEvent, ...] = ()
    contained_when: Condition | None = Field(default=None, description="the hazard is under control")
    environment_ok_when: Condition | None = None


# --- MSEL ---------------------------------------------------------------------------------------


class ExpectedAction(Frozen):
    """What the receiving role is expected to do about an inject, and how soon."""

    decision: DecisionType
    by: Id = Field(description="body expected to act")
    target: StrictStr | None = Field(default=None, description="obligation, group, resource, level, ... if relevant")
    within: Duration
    text: Text
    counts_from: Literal["inject", "accident"] = Field(
        default="inject", description="'inject': only an action after the inject meets it; 'accident': one taken "
                                      "earlier meets it too (the inject checks that something is already done)")


class Inject(Frozen):
    """A message of the master scenario events list: at a fixed time or on a condition, to a role."""

    id: Id
    at: SignedDuration | None = Field(
        default=None, description="time after the accident; negative (e.g. -20min) in the warning phase before it")
    when: Condition | None = None
    to: Id = Field(description="role id")
    text: Text
    change: FigureChanges | None = None
    expected: tuple[ExpectedAction, ...] = ()
    objectives: tuple[Id, ...] = ()
    cite: Citation | None = None


class ScenarioAction(Frozen):
    """An on-scene measure particular to this scenario (stop the picker, fire-ban order, 24 h patrol, ...)."""

    id: Id
    name: Text
    by: tuple[Id, ...] = Field(min_length=1, description="bodies that may take it")
    change: FigureChanges | None = Field(default=None, description="what it does to the world, if anything")
    cite: Citation | None = None


class Objective(Frozen):
    id: Id
    text: Text


# --- roles and resources ------------------------------------------------------------------------


class Role(Frozen):
    """A seat at the table. It acts for some bodies of the plan; a person or the computer plays it."""

    id: Id
    name: Text
    bodies: tuple[Id, ...] = Field(min_length=1)
    played_by: Literal["human", "computer"] = "computer"
    decision_delay: DurationDist = Field(description="how long the computer takes to act on something")


class Resource(Frozen):
    """A team or unit that can be dispatched, with where it comes from and how long it takes."""

    id: Id
    name: Text
    controlled_by: Id = Field(description="body that may dispatch it")
    base: Text
    travel_time: DurationDist
    capacity: StrictInt = Field(ge=1)
    dispatched_at_start: StrictBool = False


class Official(Frozen):
    """A commander who travels to the scene when their tier takes charge, and takes over command on arrival."""

    body: Id
    travel_time: DurationDist


class Scenario(Frozen):
    """A drill: one accident played under one plan."""

    id: Id
    kind: Literal["scenario"]
    title: Text
    plan: Id
    briefing: Text
    objectives: tuple[Objective, ...] = Field(min_length=1)
    sources: tuple[ScenarioSource, ...] = ()
    setting: Setting
    initial: Situation
    dynamics: Dynamics
    msel: tuple[Inject, ...] = Field(min_length=1)
    roles: tuple[Role, ...] = Field(min_length=1)
    actions: tuple[ScenarioAction, ...] = ()
    resources: tuple[Resource, ...] = ()
    officials: tuple[Official, ...] = ()
    duration: Duration = Field(description="the exercise ends at the latest this long after the accident")

    @property
    def starts_at(self) -> int:
        """When the exercise clock starts, in ms since the accident: the earliest inject of a warning phase
        (negative), else 0, the accident itself."""
        return min([0, *(i.at for i in self.msel if i.at is not None)])


class ScenarioSource(Frozen):
    """A source a scenario cites (its plan's sources are available too)."""

    id: Id
    title: StrictStr
    seed: StrictStr | None = None


Scenario.model_rebuild()
