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
class IncidentFacts:
    """What grading and the response-level triggers look at, at one moment: the casualty and loss figures,
    the people at risk, and the situation flags (capacity exceeded, jurisdictions crossed, who decided)."""

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


def grade_of(plan: Plan, facts: IncidentFacts) -> Grade:
    """The highest grade that any criterion reaches (以上 includes the bound, so `>=`)."""
    for grade in sorted(plan.grades, key=lambda g: g.rank):
        bounds = grade.at_least
        if (
            (bounds.deaths is not None and facts.deaths >= bounds.deaths)
            or (bounds.serious_injuries is not None and facts.serious_injuries >= bounds.serious_injuries)
            or (bounds.direct_loss_cny is not None and facts.direct_loss_cny >= bounds.direct_loss_cny)
        ):
            return grade
    return max(plan.grades, key=lambda g: g.rank)


def trigger_met(trigger: Trigger, grade: Grade, facts: IncidentFacts) -> bool:
    """Whether one trigger condition of a response level holds."""
    if isinstance(trigger, GradeTrigger):
        return trigger.grade == grade.id
    if isinstance(trigger, PeopleAtRiskTrigger):
        upper_ok = trigger.max is None or facts.people_at_risk <= trigger.max
        return facts.people_at_risk >= trigger.min and upper_ok
    if isinstance(trigger, CapacityExceededTrigger):
        return trigger.tier in facts.capacity_exceeded
    if isinstance(trigger, CrossJurisdictionTrigger):
        return trigger.scope in facts.cross_jurisdiction
    if isinstance(trigger, HigherAuthorityTrigger):
        return trigger.body in facts.decided_by
    raise TypeError(f"unknown trigger {trigger!r}")


@dataclass(frozen=True)
class Classification:
    """The grade and the response level that applies, with the triggers that made it apply."""

    grade: Grade
    level: ResponseLevel | None
    reasons: tuple[Trigger, ...]


def classify(plan: Plan, facts: IncidentFacts) -> Classification:
    """Grade the accident and pick the highest response level (lowest number) any of whose triggers holds."""
    grade = grade_of(plan, facts)
    for level in sorted(plan.response_levels, key=lambda lv: lv.level):
        reasons = tuple(t for t in level.triggers if trigger_met(t, grade, facts))
        if reasons:
            return Classification(grade=grade, level=level, reasons=reasons)
    return Classification(grade=grade, level=None, reasons=())
