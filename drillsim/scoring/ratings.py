"""From findings to numbers: area percentages, P/S/M/U ratings, points lost per finding, the overall score."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from drillsim.scoring.findings import Finding
from drillsim.scoring.parameters import AREA_WEIGHTS, AREAS, DEFICIENCY, RATING_THRESHOLDS


@dataclass(frozen=True)
class Rated:
    """Findings with their points lost, and the scores they add up to."""

    findings: tuple[Finding, ...]
    area_percent: dict[str, float | None]
    ratings: dict[str, str | None]
    overall: float


def rating_of(percent: float, has_deficiency: bool) -> str:
    """P/S/M/U from a percentage; a 不足项 caps the rating at M."""
    rating = next(r for r, floor in RATING_THRESHOLDS if percent >= floor)
    if has_deficiency and rating in ("P", "S"):
        return "M"
    return rating


def rate(findings: Sequence[Finding]) -> Rated:
    """Score each area over its weighted findings; areas with no weight drop out of the overall."""
    possible = {a: 0.0 for a in AREAS}
    lost = {a: 0.0 for a in AREAS}
    deficient = {a: False for a in AREAS}
    for f in findings:
        possible[f.area] = possible.get(f.area, 0.0) + _possible(f)
        lost[f.area] = lost.get(f.area, 0.0) + f.loss
        deficient[f.area] = deficient.get(f.area, False) or (f.loss > 0 and f.severity == DEFICIENCY)
    evaluated = [a for a in AREAS if possible[a] > 0]
    scale = 100.0 / sum(AREA_WEIGHTS[a] for a in evaluated) if evaluated else 0.0
    percent: dict[str, float | None] = {}
    ratings: dict[str, str | None] = {}
    for a in AREAS:
        if a in evaluated:
            percent[a] = round(100.0 * (1.0 - min(lost[a], possible[a]) / possible[a]), 1)
            ratings[a] = rating_of(percent[a], deficient[a])
        else:
            percent[a], ratings[a] = None, None
    scored = tuple(
        dataclasses.replace(f, points_lost=(AREA_WEIGHTS[f.area] * scale * f.loss / possible[f.area])
                            if f.area in evaluated and f.loss else 0.0)
        for f in findings
    )
    overall = 100.0 - sum(f.points_lost for f in scored) if evaluated else 100.0
    return Rated(scored, percent, ratings, round(max(0.0, overall), 1))


def _possible(f: Finding) -> float:
    """A finding counts towards its area's total when it could have cost something."""
    if f.rule.modality == "may":
        return 0.0
    return f.weight
