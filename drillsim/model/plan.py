"""The emergency-plan data model: what a plan prescribes, each rule with its citation.

A plan file (`scenarios/plans/*.yaml`) is transcribed from its source document clause by clause. An
external layer (`scenarios/plans/external/*.yaml`, e.g. State Council Decree 493) holds national rules
that plans cite by name; a plan inherits a layer with `inherits:`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Union, get_args

from pydantic import Field

from drillsim.model.base import (
    DATE_PATTERN,
    Citation,
    Duration,
    Frozen,
    Id,
    Modality,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    Text,
)

GradeId = Literal["especially_major", "major", "larger", "general"]
"""特别重大 / 重大 / 较大 / 一般."""

GRADE_ORDER: tuple[GradeId, ...] = get_args(GradeId)
"""The accident grades from the gravest down; a grade's rank is its place here (especially_major = 1)."""

Channel = Literal["phone", "written", "any"]
ReportKind = Literal["initial", "follow_up", "final", "notification"]
ContentField = Literal[
    "enterprise",
    "time",
    "place",
    "scene",
    "course",
    "casualties",
    "missing",
    "direct_loss",
    "measures",
    "nature",
    "progress",
    "outlook",
    "public_opinion",
    "cause",
    "lessons",
    "corrective_actions",
    "other",
]


class Source(Frozen):
    """A document rules are taken from."""

    id: Id
    title: StrictStr = Field(min_length=1)
    document_number: StrictStr | None = None
    seed: StrictStr | None = Field(
        default=None, description="file name under shared/seeds/ holding the text; absent for external sources"
    )
    lines: StrictStr | None = Field(default=None, description="where the document sits in the seed file, e.g. L225-L760")
    external: StrictBool = Field(default=False, description="true for rules cited by name but not in the seeds")


class Parameter(Frozen):
    """A value the source leaves open ("immediately", travel times), made explicit and visible."""

    id: Id
    name: Text
    duration: Duration | None = None
    number: StrictInt | StrictFloat | None = None
    unit: StrictStr | None = None
    assumption: StrictBool = Field(description="true when the value is ours, not the document's")
    why: Text
    cite: Citation | None = None
    supersedes: StrictStr | None = Field(
        default=None, description="'layer-id:parameter-id' of an inherited parameter this one replaces"
    )


class Tier(Frozen):
    """A level of jurisdiction: enterprise, park, county, prefecture, region, nation; Bingtuan in parallel."""

    id: Id
    name: Text
    rank: StrictInt = Field(ge=0, description="0 = enterprise; higher = higher jurisdiction")
    track: Literal["local", "bingtuan", "enterprise"] = "local"


class Body(Frozen):
    """An organisation or post that acts in the plan: a government, bureau, HQ, commander, enterprise role."""

    id: Id
    tier: Id
    name: Text
    bystander: StrictBool = Field(
        default=False,
        description="someone who merely knows of the accident (知情单位或个人, 000:L366): at the enterprise's tier "
                    "but not the enterprise, so the enterprise's reporting flaws (迟报, 瞒报) are not its own")


class Rule(Frozen):
    """Anything the plan prescribes: it is binding to some degree and cites its clause."""

    modality: Modality
    cite: Citation
    assumption: Text | None = Field(
        default=None,
        description="why this rule reads more into its clause than the letter says (an ASSUMPTION, shown as one)",
    )


class CountingRule(Rule):
    """How 以上 and 以下 are read (以上 includes the number, 以下 excludes it)."""

    above_includes_bound: StrictBool
    below_includes_bound: StrictBool


class GradeThresholds(Frozen):
    """Lower bounds (inclusive, 以上) that put an accident in a grade; absent = no such criterion."""

    deaths: StrictInt | None = Field(default=None, ge=0)
    serious_injuries: StrictInt | None = Field(default=None, ge=0)
    direct_loss_cny: StrictInt | None = Field(default=None, ge=0)


class Grade(Rule):
    """One accident grade with its thresholds. The grade of an accident is the highest any criterion reaches."""

    id: GradeId
    name: Text
    rank: StrictInt = Field(ge=1, le=4, description="1 = 特别重大 ... 4 = 一般")
    at_least: GradeThresholds = Field(description="reaching any one of these puts the accident in this grade")


class GradeTrigger(Frozen):
    """The level applies to accidents of this grade."""

    kind: Literal["grade"]
    grade: GradeId


class PeopleAtRiskTrigger(Frozen):
    """The level applies when endangered + trapped + missing people fall in [min, max]."""

    kind: Literal["people_at_risk"]
    min: StrictInt = Field(default=0, ge=0)
    max: StrictInt | None = Field(default=None, ge=0)


class CapacityExceededTrigger(Frozen):
    """The level applies when the accident exceeds the handling capacity of a tier."""

    kind: Literal["capacity_exceeded"]
    tier: Id


class CrossJurisdictionTrigger(Frozen):
    """The level applies when the accident crosses jurisdictions or sectors."""

    kind: Literal["cross_jurisdiction"]
    scope: Literal["prefectures", "sectors", "local_bingtuan", "counties"]


class HigherAuthorityTrigger(Frozen):
    """The level applies when a higher authority decides so (e.g. 自治区党委、政府认为需要)."""

    kind: Literal["decided_by"]
    body: Id


Trigger = Annotated[
    Union[GradeTrigger, PeopleAtRiskTrigger, CapacityExceededTrigger, CrossJurisdictionTrigger, HigherAuthorityTrigger],
    Field(discriminator="kind"),
]


class Action(Rule):
    """Something a body must (or may) do."""

    id: Id
    by: Id = Field(description="body id")
    text: Text


class ResponseLevel(Rule):
    """A response level (1 = highest), when it applies, who activates it and what it requires."""

    level: StrictInt = Field(ge=1, le=4)
    name: Text
    triggers: tuple[Trigger, ...] = Field(min_length=1, description="any one met makes this level apply")
    activated_by: Id = Field(description="body that activates (and so terminates) this level")
    commander: Id = Field(description="body whose head commands the response at this level")
    led_by_tier: Id = Field(description="tier responsible for handling the accident at this level")
    actions: tuple[Action, ...] = ()
    working_groups: tuple[Id, ...] = Field(default=(), description="groups this level requires")


class ParamRef(Frozen):
    """A reference to a named parameter."""

    param: Id


class AccidentOccurred(Frozen):
    kind: Literal["accident_occurred"]


class ReportReceived(Frozen):
    """The clock starts when the report of another obligation reaches its recipient."""

    kind: Literal["report_received"]
    obligation: Id


class LevelActivated(Frozen):
    kind: Literal["level_activated"]
    level: StrictInt = Field(ge=1, le=4)


class GradeReached(Frozen):
    kind: Literal["grade_reached"]
    grade: GradeId


class ResponseTerminatedStart(Frozen):
    """The clock starts when the response is terminated (e.g. the final report, 终报)."""

    kind: Literal["response_terminated"]


class SituationChanged(Frozen):
    """Casualties or other key figures change after the first report."""

    kind: Literal["situation_changed"]


StartsOn = Annotated[
    Union[AccidentOccurred, ReportReceived, LevelActivated, GradeReached, SituationChanged, ResponseTerminatedStart],
    Field(discriminator="kind"),
]


class Obligation(Rule):
    """A reporting or notification duty: from whom to whom, how, by when and with what content."""

    id: Id
    name: Text
    from_: Id = Field(alias="from", description="body that reports")
    to: tuple[Id, ...] = Field(min_length=1, description="bodies that must receive it")
    channel: Channel
    kind: ReportKind = "initial"
    starts_on: StartsOn
    deadline: Duration | ParamRef = Field(description="e.g. 30min, 1h, or {param: immediately}")
    content: tuple[ContentField, ...] = ()
    may_skip_levels: StrictBool = False
    min_grade: GradeId | None = Field(default=None, description="applies only from this grade up")
    min_level: StrictInt | None = Field(
        default=None, ge=1, le=4,
        description="with min_grade: applies also when the facts justify this response level or a higher one "
                    "(e.g. the region's level for an accident that crosses local and Bingtuan areas)",
    )
    supersedes: StrictStr | None = Field(
        default=None, description="'layer-id:obligation-id' of an inherited rule this one replaces"
    )

    model_config = Frozen.model_config | {"populate_by_name": True}


class WarningLevel(Rule):
    """A warning colour and the accident grade it anticipates."""

    id: Literal["red", "orange", "yellow", "blue"]
    level: StrictInt = Field(ge=1, le=4)
    name: Text
    expected_grade: GradeId
    issued_by: Id


class Warnings(Frozen):
    levels: tuple[WarningLevel, ...] = Field(min_length=1)
    lifted_by_issuer: Rule | None = Field(default=None, description="谁发布谁解除")
    enterprise_warning: Action | None = None


class Establishment(Rule):
    """Who sets up a field command, and when."""

    by: Id
    when: Literal["accident_occurred", "level_activated", "officials_arrive"]
    level: StrictInt | None = Field(default=None, ge=1, le=4)
    text: Text


BriefingItem = Literal["situation", "progress", "risks", "key_factors", "problems", "resources", "casualties"]


class Handover(Rule):
    """A formal transfer of field command from a lower to a higher commander."""

    id: Id
    from_: Id = Field(alias="from")
    to: Id
    when: Literal["arrival", "level_activated"] = "arrival"
    level: StrictInt | None = Field(default=None, ge=1, le=4, description="response level at which it happens")
    briefing: tuple[BriefingItem, ...] = Field(min_length=1)
    lower_joins: StrictBool = Field(description="the lower commander joins the new field HQ")

    model_config = Frozen.model_config | {"populate_by_name": True}


class GuidanceTeam(Rule):
    """A team a higher body may send to guide and coordinate the local command without replacing it
    (Xinjiang 2.1.5 现场工作指导组; Ordos 四(四)1 工作组)."""

    id: Id
    name: Text
    sent_by: Id = Field(description="body that sends the team")
    text: Text
    instead_of_takeover: StrictBool = Field(
        default=False, description="the sending tier guides with the team instead of taking over field command "
                                   "(Xinjiang L450: a field HQ or a guidance team)")


class FieldCommand(Frozen):
    establishment: tuple[Establishment, ...] = Field(min_length=1)
    handovers: tuple[Handover, ...] = ()
    guidance_teams: tuple[GuidanceTeam, ...] = Field(
        default=(), description="teams sent to guide the local command instead of taking it over")
    siting: tuple[Rule, ...] = Field(default=(), description="where the field HQ must be (upwind, safe distance)")
    no_blind_rescue: Rule | None = None


class WorkingGroup(Rule):
    id: Id
    name: Text
    lead: tuple[Id, ...] = Field(min_length=1, description="lead body or bodies")
    members: tuple[Id, ...] = ()
    duties: Text
    levels: tuple[StrictInt, ...] = Field(default=(), description="response levels that require this group")


class WorkingGroupSelection(Rule):
    """The command chooses which working groups to set up, and may adjust them (Ordos 选择设置, Xinjiang 可以调整);
    without a choice the groups each level lists apply."""

    text: Text


class SupportRequest(Rule):
    """Who may ask whom for support (请求支援): the next level up, or other forces the plan names."""

    id: Id
    from_: tuple[Id, ...] = Field(alias="from", min_length=1, description="bodies that may ask")
    to: tuple[Id, ...] = Field(min_length=1, description="bodies that may be asked")

    model_config = Frozen.model_config | {"populate_by_name": True}


class Suspension(Rule):
    condition: Text
    decided_by: Id
    report_to: tuple[Id, ...] = ()


TerminationCondition = Literal[
    "endangered_rescued", "scene_controlled", "environment_ok", "secondary_hazards_removed", "injured_treated"
]


class Termination(Rule):
    conditions: tuple[TerminationCondition, ...] = Field(min_length=1)
    confirmed_by: Id = Field(description="body that confirms the conditions hold (usually the field HQ)")
    by_activating_body: StrictBool = Field(description="谁启动谁终止: only the body that activated may terminate")


class LevelReleasers(Rule):
    """Who releases information while one of these response levels is the active one."""

    levels: tuple[StrictInt, ...] = Field(min_length=1)
    released_by: tuple[Id, ...] = Field(min_length=1)


class InformationRelease(Rule):
    released_by: tuple[Id, ...] = Field(min_length=1, description="authorised when no `by_level` entry applies")
    levels: tuple[StrictInt, ...] = ()
    by_level: tuple[LevelReleasers, ...] = Field(
        default=(), description="who is authorised depends on the active response level (first entry naming it)")


class Reporting(Frozen):
    obligations: tuple[Obligation, ...] = Field(min_length=1)
    prohibited: Rule | None = Field(default=None, description="迟报、漏报、谎报、瞒报")


class ExternalLayer(Frozen):
    """National rules a plan cites by name but whose text is not in the plan (e.g. Decree 493)."""

    id: Id
    kind: Literal["external_layer"]
    title: Text
    sources: tuple[Source, ...] = Field(min_length=1)
    parameters: tuple[Parameter, ...] = ()
    bodies_required: tuple[Id, ...] = Field(default=(), description="body ids an inheriting plan must define")
    reporting: Reporting


class Plan(Frozen):
    """An emergency plan as validated data."""

    id: Id
    kind: Literal["plan"]
    title: Text
    document_number: StrictStr
    issued: StrictStr = Field(pattern=DATE_PATTERN)
    region: Text
    inherits: tuple[Id, ...] = ()
    sources: tuple[Source, ...] = Field(min_length=1)
    parameters: tuple[Parameter, ...] = ()
    tiers: tuple[Tier, ...] = Field(min_length=2)
    bodies: tuple[Body, ...] = Field(min_length=1)
    counting: CountingRule
    grades: tuple[Grade, ...] = Field(min_length=4, max_length=4)
    response_levels: tuple[ResponseLevel, ...] = Field(min_length=1)
    reporting: Reporting
    warnings: Warnings
    initial_response: tuple[Action, ...] = Field(min_length=1)
    field_command: FieldCommand
    working_groups: tuple[WorkingGroup, ...] = ()
    working_group_selection: WorkingGroupSelection | None = None
    support_requests: tuple[SupportRequest, ...] = ()
    suspension: Suspension
    termination: Termination
    information_release: InformationRelease


@dataclass(frozen=True)
class LoadedPlan:
    """A validated plan (its `definition`) with the external layers it inherits, in `inherits` order."""

    definition: Plan
    layers: tuple[ExternalLayer, ...]
    path: Path
