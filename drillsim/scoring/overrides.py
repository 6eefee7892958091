"""Evaluator overrides and observations. The store keeps them as events with author and reason; scoring
applies them on top of the computed findings, never by editing them in place."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from drillsim.scoring.findings import Amendment, Finding
from drillsim.scoring.parameters import AREAS, COMPLIANT, DEFAULT_SEVERITY, RECTIFICATION, SEVERITIES


@dataclass(frozen=True)
class Override:
    """An evaluator changes a finding's verdict or grade, or an area's rating, and says why."""

    finding_id: str
    author: str
    reason: str
    verdict: str | None = None
    severity: str | None = None
    rating_area: str | None = None
    rating: str | None = None


@dataclass(frozen=True)
class Observation:
    """A note an evaluator records at a simulation time, optionally about one capability area."""

    author: str
    text: str
    t: int
    area: str | None = None


@dataclass(frozen=True)
class OverrideRecord:
    """An override as the score card lists it: whether it applied, and why not."""

    override: Override
    applied: bool
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self.override), "applied": self.applied, "note": self.note}


def apply_to_findings(
    findings: Sequence[Finding], overrides: Sequence[Override]
) -> tuple[tuple[Finding, ...], list[OverrideRecord]]:
    """Findings with the finding overrides applied in order, and a record of each override."""
    by_id = {f.id: i for i, f in enumerate(findings)}
    result = list(findings)
    records: list[OverrideRecord] = []
    for o in overrides:
        if o.verdict is None and o.severity is None:
            records.append(OverrideRecord(o, applied=o.rating_area is not None, note="rating only"))
            continue
        i = by_id.get(o.finding_id)
        if i is None:
            records.append(OverrideRecord(o, applied=False, note=f"no finding {o.finding_id!r}"))
            continue
        if o.severity is not None and o.severity not in SEVERITIES:
            records.append(OverrideRecord(o, applied=False, note=f"severity must be one of {', '.join(SEVERITIES)}"))
            continue
        if o.verdict is None and result[i].compliant:
            records.append(OverrideRecord(o, applied=False, note="the finding is compliant; give a verdict too"))
            continue
        result[i] = _changed(result[i], o)
        records.append(OverrideRecord(o, applied=True))
    return tuple(result), records


def _changed(f: Finding, o: Override) -> Finding:
    verdict = o.verdict or f.verdict
    if verdict in COMPLIANT:
        severity = None
        verdict = "waived" if verdict != "met" and f.weight else verdict
    else:
        severity = o.severity or (f.severity if f.verdict == verdict or f.severity else None) \
            or DEFAULT_SEVERITY.get(verdict, RECTIFICATION)
    extent = f.extent if not f.compliant else 1.0
    return dataclasses.replace(
        f, verdict=verdict, severity=severity, extent=extent,
        override=Amendment(o.author, o.reason, verdict_before=f.verdict, severity_before=f.severity),
    )


def rating_overrides(
    ratings: dict[str, str | None], records: Sequence[OverrideRecord]
) -> tuple[dict[str, str | None], list[OverrideRecord]]:
    """Ratings with the evaluators' rating overrides (the computed percentage stays as it was), and the
    records marked with whether each rating override applied."""
    result = dict(ratings)
    marked = []
    for rec in records:
        o = rec.override
        if o.rating_area is not None:
            if o.rating_area not in AREAS or o.rating not in ("P", "S", "M", "U"):
                rec = dataclasses.replace(rec, applied=False,
                                          note="rating_area must be an area and rating one of P, S, M, U")
            else:
                result[o.rating_area] = o.rating
                rec = dataclasses.replace(rec, applied=True)
        marked.append(rec)
    return result, marked


def evaluator_input(override_records: Iterable[Any],
                    observation_records: Iterable[Any]) -> tuple[list[Override], list[Observation]]:
    """The overrides and observations recorded for an exercise (the store's records), as scoring takes them."""
    overrides = [
        Override(r.finding_id, r.author, r.reason, **{k: v for k, v in r.changes.items()
                                                       if k in ("verdict", "severity", "rating_area", "rating")})
        for r in override_records
    ]
    observations = [Observation(r.author, r.text, r.t, r.area) for r in observation_records]
    return overrides, observations
