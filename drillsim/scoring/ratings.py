"""From findings to numbers: area percentages, P/S/M/U ratings, points lost per finding, the procedure score,
the outcome deductions, the caps and the overall score."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from drillsim.glossary import VERDICT_NAMES, term
from drillsim.scoring.findings import Detail, Finding, judged
from drillsim.scoring.parameters import (
    AREA_WEIGHTS,
    AREAS,
    CAPS,
    CONVERSION,
    DEFICIENCY,
    OUTCOME,
    RATING_THRESHOLDS,
    band_ceiling,
)


@dataclass(frozen=True)
class Rated:
    """Findings with their points lost, and the scores they add up to."""

    findings: tuple[Finding, ...]
    area_percent: dict[str, float | None]
    ratings: dict[str, str | None]
    overall: float
    procedure: float = 100.0
    """The score of the procedure areas alone, before outcome deductions and caps."""


def rating_of(percent: float, has_deficiency: bool) -> str:
    """P/S/M/U from a percentage; a 不足项 caps the rating at M."""
    rating = next(r for r, floor in RATING_THRESHOLDS if percent >= floor)
    if has_deficiency and rating in ("P", "S"):
        return "M"
    return rating


def rate(findings: Sequence[Finding]) -> Rated:
    """Score each procedure area over its weighted findings (areas with no weight drop out), deduct the
    outcome findings' points, and hold the result under the lowest cap a standing finding sets."""
    areas = [a for a in AREAS if a != OUTCOME]
    possible = {a: 0.0 for a in areas}
    lost = {a: 0.0 for a in areas}
    deficient = {a: False for a in AREAS}
    for f in findings:
        standing = f.loss > 0 or (f.area == OUTCOME and not f.compliant)  # inaction costs nothing itself
        deficient[f.area] = deficient.get(f.area, False) or (standing and f.severity == DEFICIENCY)
        if f.area != OUTCOME:
            possible[f.area] = possible.get(f.area, 0.0) + _possible(f)
            lost[f.area] = lost.get(f.area, 0.0) + f.loss
    evaluated = [a for a in areas if possible[a] > 0]
    scale = 100.0 / sum(AREA_WEIGHTS[a] for a in evaluated) if evaluated else 0.0
    percent: dict[str, float | None] = {}
    ratings: dict[str, str | None] = {}
    for a in areas:
        if a in evaluated:
            percent[a] = round(100.0 * (1.0 - min(lost[a], possible[a]) / possible[a]), 1)
            ratings[a] = rating_of(percent[a], deficient[a])
        else:
            percent[a], ratings[a] = None, None
    scored = [dataclasses.replace(f, points_lost=_points(f, evaluated, scale, possible)) for f in findings]
    procedure = round(100.0 - sum(f.points_lost for f in scored if f.area != OUTCOME), 1) if evaluated else 100.0
    deducted = sum(f.points_lost for f in scored if f.area == OUTCOME)
    outcome = [f for f in scored if f.area == OUTCOME]
    percent[OUTCOME] = round(max(0.0, 100.0 - deducted), 1) if outcome else None
    ratings[OUTCOME] = rating_of(percent[OUTCOME], deficient[OUTCOME]) if outcome else None
    raw = round(max(0.0, procedure - deducted), 1)
    cap = _cap(scored, raw)
    if cap is not None:
        scored.append(cap)
    overall = round(max(0.0, raw - (cap.points_lost if cap else 0.0)), 1)
    return Rated(tuple(scored), percent, ratings, overall, procedure)


def _points(f: Finding, evaluated: list[str], scale: float, possible: dict[str, float]) -> float:
    if not f.loss:
        return 0.0
    if f.area == OUTCOME:
        return f.loss
    return AREA_WEIGHTS[f.area] * scale * f.loss / possible[f.area] if f.area in evaluated else 0.0


def cap_of(f: Finding) -> str | None:
    """The conclusion a standing finding keeps the exercise at or below: its own cap, else a 不足项's."""
    if f.compliant or f.severity is None or f.rule.modality == "may":
        return None
    if f.cap is not None:
        return f.cap
    return CAPS["deficiency"] if f.severity == DEFICIENCY and f.loss > 0 else None


def _cap(scored: Sequence[Finding], raw: float) -> Finding | None:
    """A `cap:<conclusion>` finding holding the points between `raw` and the lowest ceiling, with the
    findings that set it as its cause (the first one's clause, all their evidence)."""
    capped = [(band_ceiling(c), f) for f in scored if (c := cap_of(f)) is not None]
    if not capped:
        return None
    ceiling = min(c for c, _ in capped)
    if raw <= ceiling:
        return None
    causes = [f for c, f in capped if c == ceiling]
    first = max(causes, key=lambda f: (f.area == OUTCOME, f.points_lost))
    zh, en = next((z, e) for floor, z, e in CONVERSION if ceiling >= floor)
    ids = ", ".join(f.id for f in causes[:8]) + (" …" if len(causes) > 8 else "")
    evidence = tuple(sorted({ev for f in causes for ev in f.evidence}))
    return judged(
        f"cap:{en}", OUTCOME, first.rule, "capped",
        Detail(f"结论最高为{zh}（{ceiling:g}分），因有{len(causes)}项发现："
               f"{'、'.join(dict.fromkeys(term(VERDICT_NAMES, f.verdict, 'zh') for f in causes))}。",
               f"The conclusion can be {en} at best ({ceiling:g}): {ids}."),
        evidence, severity=first.severity, owner=first.owner, points_lost=round(raw - ceiling, 2), cap=en,
    )


def _possible(f: Finding) -> float:
    """A finding counts towards its area's total when it could have cost something."""
    if f.rule.modality == "may":
        return 0.0
    return f.weight
