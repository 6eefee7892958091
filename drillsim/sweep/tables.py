"""The sweep summary as plain tables, built once for the terminal, the HTML report and the TUI's Analysis
screen: one column per (scenario, variant, policy) group."""

from __future__ import annotations

from collections.abc import Sequence

from drillsim.glossary import POLICY_NAMES, term
from drillsim.i18n import Lang
from drillsim.reports.tables import Table
from drillsim.scoring.parameters import CONVERSION
from drillsim.sweep.stats import GroupSummary, Spread

LABELS: dict[str, tuple[str, str]] = {
    "group": ("组", "group"),
    "scenario": ("情景", "scenario"),
    "variant": ("参数", "parameters"),
    "policy": ("策略", "policy"),
    "runs": ("次数", "runs"),
    "score_mean": ("平均分", "mean score"),
    "score_p5": ("最差5%分位", "worst 5 % (p5)"),
    "score_p50": ("中位数", "median"),
    "conclusions": ("结论分布", "conclusions"),
    "obligation": ("报告义务", "obligation"),
    "level": ("响应级别", "level"),
    "handover": ("指挥权移交", "handover"),
    "as_shipped": ("原始文件", "as shipped"),
    "miss_title": ("迟报/漏报率（威尔逊 95% 置信区间）", "Late or missed (Wilson 95 % CI)"),
    "level_title": ("到达各响应级别的时间（分钟：平均 / 中位 / 最差5%，到达比例）",
                    "Minutes until each response level (mean / median / worst 5 %, share reached)"),
    "handover_title": ("指挥权移交时间（分钟：平均 / 最差5%，发生比例）",
                       "Minutes until each handover (mean / worst 5 %, share happened)"),
    "overview_title": ("总体", "Overview"),
}


def label(key: str, lang: Lang) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en


def group_name(g: GroupSummary, many_scenarios: bool = False, lang: Lang = "en") -> str:
    """'late-reporter · deadline.x=45min' (with the scenario first when the sweep has several); the policy
    named in `lang` (迟报)."""
    policy = term(POLICY_NAMES, g.policy, lang)
    parts = ([g.scenario] if many_scenarios else []) + [policy] + ([g.variant] if g.variant else [])
    return " · ".join(parts)


def _names(groups: Sequence[GroupSummary], lang: Lang) -> tuple[str, ...]:
    many = len({g.scenario for g in groups}) > 1
    return tuple(group_name(g, many, lang) for g in groups)


def conclusion_name(conclusion: str, lang: Lang) -> str:
    """An overall conclusion (stored in English: 'excellent') in `lang` (优秀)."""
    return next((zh if lang == "zh" else en for _, zh, en in CONVERSION if en == conclusion), conclusion)


def _num(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def overview_table(groups: Sequence[GroupSummary], lang: Lang) -> Table:
    rows = tuple(
        (g.scenario, g.variant or label("as_shipped", lang), term(POLICY_NAMES, g.policy, lang), str(g.runs),
         _num(g.score.mean, 2), _num(g.score.p5), _num(g.score.p50),
         ", ".join(f"{conclusion_name(k, lang)} {v}" for k, v in g.conclusions.items()))
        for g in groups)
    keys = ("scenario", "variant", "policy", "runs", "score_mean", "score_p5", "score_p50", "conclusions")
    return Table(tuple(label(k, lang) for k in keys), rows)


def percent(share: float) -> str:
    """A share as a percentage, with two decimals within 1 % of 0 or 100 (so 0.04 % does not read as 0)."""
    value = 100 * share
    return f"{value:.2f}" if 0 < value < 1 or 99 < value < 100 else f"{value:.1f}"


def miss_rate_cell(rate: float | None, low: float, high: float, due: int) -> str:
    if rate is None:
        return "—"
    return f"{percent(rate)} % [{percent(low)}–{percent(high)}] n={due}"


def miss_table(groups: Sequence[GroupSummary], lang: Lang, only_missed: bool = False) -> Table:
    """Obligations that came due in some run, miss rate per group; `only_missed` keeps those missed somewhere."""
    rules = [m.rule for m in groups[0].obligations] if groups else []
    rows = []
    for i, rule in enumerate(rules):
        stats = [g.obligations[i] for g in groups]
        if not any(m.due for m in stats) or (only_missed and not any(m.misses for m in stats)):
            continue
        rows.append((rule, *(miss_rate_cell(m.rate, m.low, m.high, m.due) for m in stats)))
    return Table((label("obligation", lang), *_names(groups, lang)), tuple(rows))


def spread_cell(s: Spread, runs: int, with_median: bool = True) -> str:
    if s.n == 0:
        return "—"
    middle = f" / {_num(s.p50)}" if with_median else ""
    return f"{_num(s.mean)}{middle} / {_num(s.p95)} ({100 * s.n / max(runs, 1):.0f} %)"


def level_table(groups: Sequence[GroupSummary], lang: Lang) -> Table:
    levels = sorted({lv for g in groups for lv in g.levels})
    rows = tuple((str(lv), *(spread_cell(g.levels.get(lv, Spread(0, None, None, None, None)), g.runs)
                             for g in groups)) for lv in levels)
    return Table((label("level", lang), *_names(groups, lang)), rows)


def handover_table(groups: Sequence[GroupSummary], lang: Lang) -> Table:
    names = list(dict.fromkeys(h for g in groups for h in g.handovers))
    rows = tuple((h, *(spread_cell(g.handovers.get(h, Spread(0, None, None, None, None)), g.runs, False)
                       for g in groups)) for h in names)
    return Table((label("handover", lang), *_names(groups, lang)), rows)
