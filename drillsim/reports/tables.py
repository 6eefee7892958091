"""The report's plain tables (ratings, actions, deviations, observations, method), built once for both formats."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from drillsim.glossary import RATING_NAMES, SEVERITY_NAMES, VERDICT_NAMES, term
from drillsim.reports.common import ReportModel
from drillsim.scoring.findings import fmt_ms
from drillsim.scoring.parameters import AREA_WEIGHTS, AREAS


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def ratings_table(m: ReportModel) -> Table:
    card = m.card
    rows = []
    for a in AREAS:
        pct = card.area_percent.get(a)
        rating = card.ratings.get(a)
        shown = term(RATING_NAMES, rating, m.lang) if rating else "—"
        base = card.baseline.area_percent.get(a)
        rows.append((m.area(a), str(AREA_WEIGHTS[a]), "—" if pct is None else f"{pct:.1f}", shown,
                     "—" if base is None else f"{base:.1f}"))
    return Table((m.lab("area"), m.lab("weight"), m.lab("percent"), m.lab("rating"), m.lab("reference")), tuple(rows))


def actions_table(m: ReportModel) -> Table:
    rows = tuple((r["no"], r["id"], r["area"], r["severity"], r["issue"], r["action"], r["owner"], r["due"], r["points"])
                 for r in m.corrective_actions())
    return Table(("#", m.lab("id"), m.lab("area"), m.lab("severity"), m.lab("issue"), m.lab("action"),
                  m.lab("owner"), m.lab("due"), m.lab("points")), rows)


def deviations_table(m: ReportModel, limit: int = 25) -> Table:
    rows = []
    for d in m.card.deviations[:limit]:
        delta = d.delta_t
        shift = "—" if delta is None else ("+" if delta >= 0 else "−") + fmt_ms(abs(delta))
        rows.append((d.finding_id, m.area(d.area),
                     term(VERDICT_NAMES, d.verdict, m.lang) if d.verdict else "—",
                     term(VERDICT_NAMES, d.baseline_verdict, m.lang) if d.baseline_verdict else "—",
                     m.clock(d.done_t), m.clock(d.baseline_done_t), shift, f"{d.points_delta:+.2f}"))
    return Table((m.lab("id"), m.lab("area"), m.lab("exercise"), m.lab("reference"), m.lab("exercise") + " t",
                  m.lab("reference") + " t", m.lab("delta"), m.lab("points")), tuple(rows))


def observations_table(m: ReportModel) -> Table:
    rows = tuple((m.clock(o.t), o.author, m.area(o.area) if o.area else "—", o.text)
                 for o in m.card.observations)
    return Table((m.lab("time"), m.lab("author"), m.lab("area"), m.lab("text")), rows)


def overrides_table(m: ReportModel) -> Table:
    rows = []
    for record in m.card.overrides:
        o = record.override
        changes = {"verdict": o.verdict, "severity": o.severity, "rating_area": o.rating_area, "rating": o.rating}
        change = ", ".join(f"{k}={v}" for k, v in changes.items() if v)
        rows.append((o.finding_id or "—", o.author, change, o.reason, "✓" if record.applied else f"✗ {record.note}"))
    return Table((m.lab("id"), m.lab("author"), m.lab("verdict"), m.lab("reason"), "✓"), tuple(rows))


def method_tables(m: ReportModel) -> list[tuple[str, Table]]:
    conv = m.card.conversion
    zh = m.lang == "zh"
    bands = Table((m.lab("band"), m.lab("conclusion")),
                  tuple((f"≥ {b['min']:.0f}", b["zh"] if zh else b["en"]) for b in conv["bands"]))
    ratings = Table((m.lab("rating"), m.lab("percent")),
                    tuple((term(RATING_NAMES, r["rating"], m.lang), f"≥ {r['min_percent']:.0f}") for r in conv["ratings"]))
    severity = Table((m.lab("severity"), "factor"),
                     tuple((term(SEVERITY_NAMES, s, m.lang), f"{f:.1f}") for s, f in conv["severity_factor"].items()))
    formula = Table((m.lab("formula"), ""), tuple((k, v) for k, v in conv["formula"].items()))
    allowances = Table((m.lab("allowances"), ""),
                       tuple((k, fmt_ms(v)) for k, v in dataclasses.asdict(m.card.parameters.allowances).items()))
    return [("bands", bands), ("ratings", ratings), ("severity", severity), ("formula", formula),
            ("allowances", allowances)]
