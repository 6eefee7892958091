"""Accident grade and response level from the figures of an incident, as a plan defines them."""

from __future__ import annotations

from dataclasses import dataclass, field

from drillsim.model.plan import (
    CapacityExceededTrigger,
    CrossJurisdictionTrigger,
    Grade,
    GradeTrigger,
    HigherAuthorityTrigger,
    PeopleAtRiskTrigger,
    Plan,
    ResponseLevel,
    Trigger,
)


@dataclass(frozen=True)
class Figures:
    """What grading looks at: the casualty and loss figures and the situation flags at one moment."""

    deaths: int = 0
    serious_injuries: int = 0
    direct_loss_cny: int = 0
    people_at_risk: int = 0
    """Endangered + trapped + missing (涉险、被困、失联)."""
    capacity_exceeded: frozenset[str] = field(default_factory=frozenset)
    """Tier ids whose handling capacity the accident exceeds."""
    cross_jurisdiction: frozenset[str] = field(default_factory=frozenset)
    decided_by: frozenset[str] = field(default_factory=frozenset)
    """Bodies that have decided the accident is theirs to handle."""


def grade_of(plan: Plan, figures: Figures) -> Grade:
    """The highest grade that any criterion reaches (以上 includes the bound, so `>=`)."""
    for grade in sorted(plan.grades, key=lambda g: g.rank):
        bounds = grade.at_least
        if (
            (bounds.deaths is not None and figures.deaths >= bounds.deaths)
            or (bounds.serious_injuries is not None and figures.serious_injuries >= bounds.serious_injuries)
            or (bounds.direct_loss_cny is not None and figures.direct_loss_cny >= bounds.direct_loss_cny)
        ):
            return grade
    return max(plan.grades, key=lambda g: g.rank)


def trigger_met(trigger: Trigger, grade: Grade, figures: Figures) -> bool:
    """Whether one trigger condition of a response level holds."""
    if isinstance(trigger, GradeTrigger):
        return trigger.grade == grade.id
    if isinstance(trigger, PeopleAtRiskTrigger):
        upper_ok = trigger.max is None or figures.people_at_risk <= trigger.max
        return figures.people_at_risk >= trigger.min and upper_ok
    if isinstance(trigger, CapacityExceededTrigger):
        return trigger.tier in figures.capacity_exceeded
    if isinstance(trigger, CrossJurisdictionTrigger):
        return trigger.scope in figures.cross_jurisdiction
    if isinstance(trigger, HigherAuthorityTrigger):
        return trigger.body in figures.decided_by
    raise TypeError(f"unknown trigger {trigger!r}")


@dataclass(frozen=True)
class Classification:
    """The grade and the response level that applies, with the triggers that made it apply."""

    grade: Grade
    level: ResponseLevel | None
    reasons: tuple[Trigger, ...]


def classify(plan: Plan, figures: Figures) -> Classification:
    """Grade the accident and pick the highest response level (lowest number) any of whose triggers holds."""
    grade = grade_of(plan, figures)
    for level in sorted(plan.response_levels, key=lambda lv: lv.level):
        reasons = tuple(t for t in level.triggers if trigger_met(t, grade, figures))
        if reasons:
            return Classification(grade=grade, level=level, reasons=reasons)
    return Classification(grade=grade, level=None, reasons=())
