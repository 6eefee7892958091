"""One vocabulary: every term has a Chinese and an English name, the glossary names exactly what the domain
defines, and the figures are listed once."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

import pytest

from drillsim import glossary
from drillsim import decisions
from drillsim.decisions.base import MISS_REASONS
from drillsim.engine.events import EVENT_TYPES
from drillsim.model.figures import FIGURES
from drillsim.model.plan import BriefingItem, Channel, GradeId
from drillsim.scoring import parameters
from drillsim.sweep.columns import OBLIGATION_STATUSES

from tests.conftest import REPO

TABLES = {
    "FIGURE_NAMES": glossary.FIGURE_NAMES, "VERDICT_NAMES": glossary.VERDICT_NAMES,
    "SEVERITY_NAMES": glossary.SEVERITY_NAMES, "RATING_NAMES": glossary.RATING_NAMES,
    "AREA_NAMES": glossary.AREA_NAMES, "GRADE_NAMES": glossary.GRADE_NAMES, "COLOUR_NAMES": glossary.COLOUR_NAMES,
    "OBLIGATION_STATUS_NAMES": glossary.OBLIGATION_STATUS_NAMES, "CHANNEL_NAMES": glossary.CHANNEL_NAMES,
    "BRIEFING_ITEM_NAMES": glossary.BRIEFING_ITEM_NAMES, "END_REASON_NAMES": glossary.END_REASON_NAMES,
    "MISS_REASON_NAMES": glossary.MISS_REASON_NAMES,
}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_every_term_has_a_chinese_and_an_english_name(table: str) -> None:
    for key, term in TABLES[table].items():
        assert CJK.search(term.zh), f"{table}[{key}] has no Chinese name: {term.zh!r}"
        assert term.en[:1].isascii() and term.en[:1].isalpha(), f"{table}[{key}] has no English name: {term.en!r}"


def test_the_glossary_names_exactly_what_the_domain_defines() -> None:
    assert tuple(glossary.FIGURE_NAMES) == FIGURES
    assert tuple(glossary.AREA_NAMES) == parameters.AREAS
    assert tuple(glossary.SEVERITY_NAMES) == parameters.SEVERITIES
    assert tuple(glossary.RATING_NAMES) == tuple(r for r, _ in parameters.RATING_THRESHOLDS)
    assert tuple(glossary.GRADE_NAMES) == get_args(GradeId)
    assert tuple(glossary.COLOUR_NAMES) == get_args(decisions.IssueWarning.model_fields["color"].annotation)
    assert set(glossary.EVENT_CATEGORIES) == set(EVENT_TYPES)
    assert set(glossary.OBLIGATION_STATUS_NAMES) == set(OBLIGATION_STATUSES) - {"not_started"}
    assert tuple(glossary.CHANNEL_NAMES) == get_args(Channel)
    assert tuple(glossary.BRIEFING_ITEM_NAMES) == get_args(BriefingItem)
    assert tuple(glossary.MISS_REASON_NAMES) == MISS_REASONS


def _outcomes(node: ast.expr) -> set[str]:
    """The strings an expression can evaluate to: a constant, either branch of `a if c else b`, `a or b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _outcomes(node.body) | _outcomes(node.orelse)
    if isinstance(node, ast.BoolOp):
        return set().union(*(_outcomes(v) for v in node.values))
    return set()


def _verdicts_given_by_scoring() -> set[str]:
    """Every verdict the scoring code can give: judged(...)'s fourth argument, `verdict = ...`."""
    found: set[str] = set()
    for path in (REPO / "drillsim" / "scoring").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "judged" and len(node.args) >= 4:
                found |= _outcomes(node.args[3])
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "verdict" for t in node.targets):
                found |= _outcomes(node.value)
    return found


def test_every_verdict_scoring_gives_is_named_and_every_named_verdict_is_given() -> None:
    given = _verdicts_given_by_scoring() | parameters.COMPLIANT | set(parameters.DEFAULT_SEVERITY)
    assert len(given) > 15, given  # the scan found the rules
    assert given == set(glossary.VERDICT_NAMES)


def test_an_unknown_key_shows_as_itself() -> None:
    assert glossary.term(glossary.VERDICT_NAMES, "late", "zh") == "超时"
    assert glossary.term(glossary.VERDICT_NAMES, "brand_new", "en") == "brand_new"
    assert glossary.level_term(3).zh == "三级响应" and glossary.level_term(3).en == "level 3"


# --- the figures are listed once -------------------------------------------------------------------

HOME = {Path("drillsim/model/figures.py"), Path("drillsim/glossary.py")}
"""Where a list of figures may be written out."""


def _figure_lists(path: Path) -> list[int]:
    """Lines of literal tuples, lists, sets, Literal[...] and tables keyed by three figures or more."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict) and all(isinstance(v, (ast.Constant, ast.Tuple)) for v in node.values):
            items = [k for k in node.keys if k is not None]  # a table keyed by figures (not a record of values)
        else:
            continue
        named = [i for i in items if isinstance(i, ast.Constant) and i.value in FIGURES]
        if len(named) >= 3:
            lines.append(node.lineno)
    return lines


def test_the_figures_are_listed_in_one_place() -> None:
    sources = sorted([*(REPO / "drillsim").rglob("*.py"), *(REPO / "tui").rglob("*.py")])
    assert sources
    elsewhere = {str(p.relative_to(REPO)): lines for p in sources
                 if p.relative_to(REPO) not in HOME and "_scenarios" not in p.parts
                 for lines in [_figure_lists(p)] if lines}
    assert elsewhere == {}, f"figures listed outside drillsim/model/figures.py: {elsewhere}"
    assert _figure_lists(REPO / "drillsim" / "model" / "figures.py"), "the scan finds the one definition"


def test_the_timeline_names_channels_briefing_items_and_colours_as_the_app_does(mini_mine) -> None:
    from drillsim.engine import events as ev
    from drillsim.render.timeline import EventDescriber

    plan = mini_mine.plan.definition
    body = plan.bodies[0].id
    started = ev.ObligationStarted(t=0, seq=1, obligation="o", rule="o", from_body=body, to=(body,),
                                   channel="phone", deadline_t=60_000)
    handover = ev.CommandHandedOver(t=0, seq=2, from_body=body, to_body=body, briefing=("situation",),
                                    missing_briefing=("key_factors", "risks"), lower_joins=False)
    warning = ev.WarningIssued(t=0, seq=3, by=body, color="orange")
    zh, en = EventDescriber(plan, "zh"), EventDescriber(plan, "en")
    assert "(电话)" in zh.describe(started) and "(phone)" in en.describe(started)
    assert zh.describe(handover).endswith("交接缺: 关键因素, 风险")
    assert en.describe(handover).endswith("briefing lacks: key factors, risks")
    assert "发布橙色预警" in zh.describe(warning) and "orange" in en.describe(warning)
    ended = ev.ExerciseEnded(t=0, seq=4, reason="time_limit")
    assert zh.describe(ended) == "演练结束: 到达演练时限" and en.describe(ended) == "Exercise ended: time limit reached"
