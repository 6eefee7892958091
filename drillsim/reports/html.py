"""The evaluation report as one self-contained HTML page: inline CSS and SVG, no script, readable offline and
printable. Every evidence link `#ev-<seq>` points at a row of the timeline table."""

from __future__ import annotations

from html import escape

from drillsim.glossary import VERDICT_NAMES, term
from drillsim.reports.chart import timeline_svg
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
from drillsim.scoring.findings import Finding

CSS = """
:root { --ink:#263238; --muted:#607d8b; --line:#cfd8dc; --ok:#2e7d32; --warn:#ff8f00; --bad:#c62828; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5; font-size: 14px;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eceff1; font-weight: 600; }
td.num, td.sev { text-align: right; white-space: nowrap; } td.sev { text-align: left; }
.score { display: inline-block; font-size: 40px; font-weight: 700; margin-right: 12px; }
.subtitle { color: var(--muted); }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; white-space: nowrap; }
.v-ok { background: #e8f5e9; color: var(--ok); } .v-bad { background: #ffebee; color: var(--bad); }
.v-na { background: #eceff1; color: var(--muted); }
.rule { font-size: 12px; color: var(--muted); } .rule q { color: var(--ink); }
.ext { color: #6a1b9a; font-weight: 600; }
a.ev { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; white-space: nowrap; }
table.timeline td:nth-child(-n+3) { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
table.overview td:first-child { width: 22%; color: var(--muted); }
tr:target { background: #fff8e1; }
figure { margin: 8px 0 16px; border: 1px solid var(--line); padding: 6px; }
figcaption { color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm; }
@media print {
  main { max-width: none; padding: 0; } body { font-size: 11px; }
  h2 { break-after: avoid; } tr, figure { break-inside: avoid; } thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def table_html(t: Table, cls: str = "") -> str:
    """A plain table as HTML (nothing when it has no rows)."""
    if not t.rows:
        return ""
    head = "".join(f"<th>{escape(h)}</th>" for h in t.headers)
    thead = f"<thead><tr>{head}</tr></thead>" if any(t.headers) else ""
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in t.rows)
    return f'<table class="{cls}">{thead}<tbody>{body}</tbody></table>'


def _verdict(m: ReportModel, f: Finding) -> str:
    cls = "v-na" if f.weight == 0 else ("v-ok" if f.compliant else "v-bad")
    text = term(VERDICT_NAMES, f.verdict, m.lang)
    extra = f" → {escape(f.covered_by)}" if f.covered_by else ""
    if f.override:
        extra += f"<br><small>{escape(m.lab('overridden'))}: {escape(f.override.author)}</small>"
    return f'<span class="badge {cls}">{escape(text)}</span>{extra}'


def _rule(m: ReportModel, f: Finding) -> str:
    r = f.rule
    ext = f' <span class="ext">[{escape(m.lab("external"))}]</span>' if r.external else ""
    gloss = "" if m.lang == "zh" else f"<br>{escape(r.en)}"
    return f'<div class="rule">{escape(r.source)} {escape(r.at)}{ext}<br><q>{escape(r.zh)}</q>{gloss}</div>'


def _evidence(m: ReportModel, f: Finding) -> str:
    return " ".join(f'<a class="ev" href="#ev-{s}">e{s} {escape(m.clock(t))}</a>' for s, t in f.evidence) or "—"


def _findings(m: ReportModel) -> str:
    out = []
    for area, found in m.findings_by_area():
        if not found:
            continue
        rows = "".join(
            f"<tr><td>{escape(f.id)}</td><td>{_verdict(m, f)}</td><td class='sev'>{escape(f.severity or '')}</td>"
            f'<td class="num">{f.points_lost:.2f}</td><td>{escape(m.text(f))}{_rule(m, f)}</td>'
            f"<td>{_evidence(m, f)}</td></tr>" for f in found)
        head = "".join(f"<th>{escape(m.lab(k))}</th>" for k in ("id", "verdict", "severity", "points", "detail", "evidence"))
        out.append(f"<h3>{escape(m.area(area))}</h3><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return "".join(out)


def _timeline(m: ReportModel) -> str:
    rows = "".join(
        f'<tr id="{"ev-" + ident[1:] if ident.startswith("e") else "mark-" + ident[1:]}"><td>{ident}</td>'
        f"<td>{escape(m.clock(t))}</td><td>{escape(m.wall(t))}</td><td>{escape(text)}</td></tr>"
        for ident, t, text in m.timeline_rows())
    head = "".join(f"<th>{escape(h)}</th>" for h in ("#", m.lab("time"), m.lab("clock"), m.lab("event")))
    return f'<table class="timeline"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _section(key: str, m: ReportModel, body: str) -> str:
    return f'<section id="{key}"><h2>{escape(m.lab(key))}</h2>{body}</section>'


def render_html(m: ReportModel) -> str:
    """The whole report as one page."""
    card = m.card
    overview = table_html(Table(("", ""), tuple(m.overview())), "overview")
    strengths = "".join(f"<li>{escape(s)}</li>" for s in m.strengths())
    devs = table_html(deviations_table(m)) or f"<p>{escape(m.lab('deviation_none'))}</p>"
    obs = (table_html(observations_table(m)) + table_html(overrides_table(m))) or f"<p>{escape(m.lab('observation_none'))}</p>"
    method = f"<p>{escape(m.lab('method_note'))}</p>" + "".join(table_html(t) for _, t in method_tables(m))
    body = "".join([
        f"<h1>{escape(m.lab('title'))}</h1>",
        f'<p class="subtitle"><span class="score">{card.overall:.1f}</span>{escape(m.conclusion())}'
        f" · {escape(m.lab('baseline'))} {card.baseline.overall:.1f}</p>",
        _section("overview", m, overview),
        _section("timeline", m, f'<figure>{timeline_svg(m)}<figcaption>{escape(m.lab("chart"))}</figcaption></figure>'
                 + _timeline(m)),
        _section("findings", m, _findings(m)),
        _section("ratings", m, table_html(ratings_table(m))),
        _section("strengths", m, f"<ul>{strengths}</ul>" if strengths else f"<p>{escape(m.lab('strength_none'))}</p>"),
        _section("actions", m, table_html(actions_table(m)) or f"<p>{escape(m.lab('action_none'))}</p>"),
        _section("deviations", m, devs),
        _section("observations", m, obs),
        _section("method", m, method),
    ])
    lang = "zh-CN" if m.lang == "zh" else "en"
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(m.lab('title'))} — {escape(card.meta.scenario)}</title><style>{CSS}</style></head>"
            f"<body><main>{body}</main></body></html>\n")
