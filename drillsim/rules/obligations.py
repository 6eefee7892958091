"""The reporting obligations in force for a plan: its own, plus those of the layers it inherits."""

from __future__ import annotations

from dataclasses import dataclass

from drillsim.model.plan import GRADE_ORDER, ExternalLayer, GradeId, Obligation, ParamRef, Parameter, Plan

_GRADE_RANK: dict[str, int] = {grade: rank for rank, grade in enumerate(GRADE_ORDER, start=1)}


@dataclass(frozen=True)
class EffectiveObligation:
    """An obligation together with where it comes from and its deadline in milliseconds."""

    obligation: Obligation
    layer: str | None
    """Id of the external layer it was inherited from; None for the plan's own rules."""
    deadline_ms: int
    deadline_param: str | None

    @property
    def id(self) -> str:
        return self.obligation.id


def parameters(plan: Plan, layers: tuple[ExternalLayer, ...]) -> dict[str, Parameter]:
    """All parameters by id; the plan's own override a layer's of the same id."""
    merged: dict[str, Parameter] = {}
    for layer in layers:
        merged.update({p.id: p for p in layer.parameters})
    merged.update({p.id: p for p in plan.parameters})
    return merged


def deadline_ms(obligation: Obligation, params: dict[str, Parameter]) -> int:
    """Resolve an obligation's deadline, following a parameter reference."""
    if isinstance(obligation.deadline, ParamRef):
        value = params[obligation.deadline.param].duration
        if value is None:
            raise ValueError(f"parameter {obligation.deadline.param!r} is not a duration")
        return value
    return obligation.deadline


def effective_obligations(plan: Plan, layers: tuple[ExternalLayer, ...]) -> tuple[EffectiveObligation, ...]:
    """Inherited obligations not superseded by the plan, then the plan's own, in file order."""
    params = parameters(plan, layers)
    superseded = {o.supersedes for o in plan.reporting.obligations if o.supersedes}
    result: list[EffectiveObligation] = []
    for layer in layers:
        for ob in layer.reporting.obligations:
            if f"{layer.id}:{ob.id}" not in superseded:
                result.append(_effective(ob, layer.id, params))
    result.extend(_effective(ob, None, params) for ob in plan.reporting.obligations)
    return tuple(result)


def _effective(ob: Obligation, layer: str | None, params: dict[str, Parameter]) -> EffectiveObligation:
    param = ob.deadline.param if isinstance(ob.deadline, ParamRef) else None
    return EffectiveObligation(ob, layer, deadline_ms(ob, params), param)


def applies_to_grade(obligation: Obligation, grade: GradeId) -> bool:
    """Whether an obligation applies to an accident of this grade (min_grade and above)."""
    if obligation.min_grade is None:
        return True
    return _GRADE_RANK[grade] <= _GRADE_RANK[obligation.min_grade]


def applies_to(obligation: Obligation, grade: GradeId, level: int | None) -> bool:
    """Whether an obligation applies to an accident of this grade whose facts justify this response level:
    from its min_grade up, or (with min_level) from that level up whatever the grade."""
    if applies_to_grade(obligation, grade):
        return True
    return obligation.min_level is not None and level is not None and level <= obligation.min_level
