"""The sweep report: one self-contained HTML page (inline CSS and SVG, no script) beside the dataset."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from pathlib import Path

from drillsim.i18n import Lang
from drillsim.reports.html import CSS, table_html
from drillsim.sweep import charts
from drillsim.sweep.stats import GroupSummary, Spread, score_histograms, summarise
from drillsim.sweep.tables import group_name, handover_table, label, level_table, miss_table, overview_table

EXTRA_CSS = """
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
ul.legend li { white-space: nowrap; } .swatch { display: inline-block; width: 12px; height: 12px;
  margin-right: 6px; vertical-align: -1px; }
"""

TEXT: dict[str, tuple[str, str]] = {
    "title": ("参数扫描分析报告", "Sweep analysis"),
    "score": ("总分分布", "Score distribution"),
    "compare": ("各组总分对比（5%–95%分位线，竖线为中位数，圆点为平均值）",
                "Score by group (line p5–p95, tick median, dot mean)"),
    "levels": ("到达各响应级别的时间（分钟）", "Minutes until each response level"),
    "handovers": ("指挥权移交时间（分钟）", "Minutes until each handover of field command"),
    "miss": ("各报告义务的迟报/漏报率", "Late or missed, per reporting obligation"),
    "none_missed": ("所有运行中均无迟报或漏报。", "No run reported late or missed a deadline."),
    "method": ("方法", "Method"),
    "method_text": (
        "每次运行用同一种子分别以各策略演练并评分；参照运行（plan 策略、同一种子、同一参数）每个种子只演练一次。"
        "迟报/漏报率的分母为时限已届满（按时、迟报或漏报）的运行；区间为 Wilson 95% 置信区间。"
        "分位数为线性插值；“最差5%”对时间取95%分位，对总分取5%分位。",
        "Each seed is played and scored under every policy; the reference run (plan policy, same seed, same "
        "parameters) is played once per seed. A miss rate counts the runs in which the deadline came due (met, "
        "late or missed); its interval is the Wilson 95 % score interval. Quantiles interpolate linearly; the "
        "'worst 5 %' is the 95th percentile of a time and the 5th percentile of the score."),
    "run": ("运行", "Run"),
}


def _t(key: str, lang: Lang) -> str:
    zh, en = TEXT[key]
    return zh if lang == "zh" else en


def render_sweep_html(parquet: Path, groups: Sequence[GroupSummary], lang: Lang,
                      manifest: dict | None = None) -> str:
    """The report page for the dataset at `parquet`."""
    many = len({g.scenario for g in groups}) > 1
    names = [group_name(g, many) for g in groups]
    hists = score_histograms(parquet)
    rules = [m.rule for m in groups[0].obligations if any(
        next(x for x in g.obligations if x.rule == m.rule).misses for g in groups)] if groups else []
    levels = sorted({lv for g in groups for lv in g.levels})
    handovers = list(dict.fromkeys(h for g in groups for h in g.handovers))
    sections = [
        (label("overview_title", lang), table_html(overview_table(groups, lang)) + charts.legend(names)),
        (_t("score", lang), _figure(charts.score_histograms(groups, hists, names), _t("score", lang))
         + _figure(charts.spreads("chart-compare", _t("compare", lang), [("score", [g.score for g in groups])],
                                  names), _t("compare", lang))),
        (_t("miss", lang), (_figure(charts.miss_rates(groups, names, rules), label("miss_title", lang))
                            if rules else f"<p>{escape(_t('none_missed', lang))}</p>")
         + table_html(miss_table(groups, lang))),
        (_t("levels", lang), _figure(charts.spreads("chart-levels", _t("levels", lang),
                                                    [(str(lv), [g.levels.get(lv) or _none() for g in groups])
                                                     for lv in levels], names, " min"), label("level_title", lang))
         + table_html(level_table(groups, lang))),
    ]
    if handovers:
        sections.append((_t("handovers", lang), _figure(
            charts.spreads("chart-handovers", _t("handovers", lang),
                           [(h, [g.handovers.get(h) or _none() for g in groups]) for h in handovers], names, " min"),
            label("handover_title", lang)) + table_html(handover_table(groups, lang))))
    run = ""
    if manifest:
        run = (f"<p><code>{escape(str(manifest.get('command', '')))}</code><br>{manifest.get('runs')} runs, "
               f"{manifest.get('seconds')} s</p>")
    sections.append((_t("method", lang), f"<p>{escape(_t('method_text', lang))}</p>{run}"))
    body = f"<h1>{escape(_t('title', lang))}</h1>" + "".join(
        f"<section><h2>{escape(title)}</h2>{html}</section>" for title, html in sections)
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(_t('title', lang))}</title><style>{CSS}{EXTRA_CSS}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def write_report(parquet: Path, groups: Sequence[GroupSummary] | None = None, lang: Lang = "en") -> Path:
    """Write `<stem>.html` beside the dataset; returns its path."""
    manifest_path = parquet.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else None
    html = render_sweep_html(parquet, groups if groups is not None else summarise(parquet), lang, manifest)
    path = parquet.with_suffix(".html")
    path.write_text(html, encoding="utf-8")
    return path


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _none() -> Spread:
    return Spread(0, None, None, None, None)
