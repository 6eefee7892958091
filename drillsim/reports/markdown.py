"""The evaluation report as Markdown (AQ/T 9009 shape). Evidence is written `e<seq>@<time>`, and every
cited event appears in the timeline under the same `e<seq>`."""

from __future__ import annotations

import re

from drillsim.glossary import VERDICT_NAMES, term
from drillsim.reports.common import ReportModel
from drillsim.reports.tables import (
    Table,
    actions_table,
    deviations_table,
    method_tables,
    observations_table,
    overrides_table,
    ratings_table,
)
from drillsim.scoring.findings import Finding, RuleRef


_MARKUP = re.compile(r"([\\`*<>|&])")


def inert(text: str) -> str:
    """Text from a scenario, plan or evaluator as literal Markdown on one line: no HTML (`<script>` shows as
    text), no links (`](` is broken up), emphasis or table breaks."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split())).replace("](", "]\\(")


def table(t: Table) -> list[str]:
    if not t.rows:
        return []
    lines = ["| " + " | ".join(inert(h) for h in t.headers) + " |", "|" + "---|" * len(t.headers)]
    lines += ["| " + " | ".join(inert(c) for c in row) + " |" for row in t.rows]
    return lines + [""]


def rule_text(m: ReportModel, rule: RuleRef) -> str:
    ext = f" [{m.lab('external')}]" if rule.external else ""
    gloss = "" if m.lang == "zh" else f" ({rule.en})"
    return f"{rule.source} {rule.at}{ext}: 「{rule.zh}」{gloss}"


def evidence_text(m: ReportModel, f: Finding) -> str:
    return " ".join(f"e{s}@{m.clock(t)}" for s, t in f.evidence) or "—"


def _finding_rows(m: ReportModel, findings: list[Finding]) -> Table:
    rows = []
    for f in findings:
        verdict = term(VERDICT_NAMES, f.verdict, m.lang)
        if f.covered_by:
            verdict += f" → {f.covered_by}"
        if f.override:
            verdict += f" ({m.lab('overridden')}: {f.override.author})"
        rows.append((f.id, verdict, f.severity or "", f"{f.points_lost:.2f}", rule_text(m, f.rule), m.text(f),
                     evidence_text(m, f)))
    return Table((m.lab("id"), m.lab("verdict"), m.lab("severity"), m.lab("points"), m.lab("rule"),
                  m.lab("detail"), m.lab("evidence")), tuple(rows))


def render_markdown(m: ReportModel) -> str:
    """The whole report."""
    out = [f"# {m.lab('title')}", ""]
    out += [f"## {m.lab('overview')}", ""] + table(Table(("", ""), tuple(m.overview())))
    out += [f"## {m.lab('timeline')}", ""]
    out += [f"- `{ident}` {m.clock(t)} ({m.wall(t)}) {inert(text)}" for ident, t, text in m.timeline_rows()] + [""]
    out += [f"## {m.lab('findings')}", ""]
    for area, found in m.findings_by_area():
        if found:
            out += [f"### {m.area(area)}", ""] + table(_finding_rows(m, found))
    out += [f"## {m.lab('ratings')}", ""] + table(ratings_table(m))
    out += [f"## {m.lab('strengths')}", ""] + ([f"- {inert(s)}" for s in m.strengths()] or [m.lab("strength_none")]) + [""]
    actions = actions_table(m)
    out += [f"## {m.lab('actions')}", ""] + (table(actions) or [m.lab("action_none"), ""])
    devs = deviations_table(m)
    out += [f"## {m.lab('deviations')}", "",
            f"{m.lab('exercise')} {m.card.overall:.1f} · {m.lab('reference')} {m.card.baseline.overall:.1f}", ""]
    out += table(devs) or [m.lab("deviation_none"), ""]
    out += [f"## {m.lab('observations')}", ""]
    extra = table(observations_table(m)) + table(overrides_table(m))
    out += extra or [m.lab("observation_none"), ""]
    out += [f"## {m.lab('method')}", "", m.lab("method_note"), ""]
    for _, t in method_tables(m):
        out += table(t)
    return "\n".join(out).rstrip() + "\n"
