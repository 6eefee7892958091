"""Evaluation reports: both formats and languages, every cited event id present, the method printed, the HTML
self-contained."""

from __future__ import annotations

import json
import re

import pytest

from drillsim.reports import render_report
from drillsim.reports.summary import render_score_text
from drillsim.scoring import Observation, Override, score_exercise
from tests.test_scoring_support import ALL_SCENARIOS, MINI_MINE, card, events, loaded

SECTIONS = {
    "zh": ["一、演练概况", "二、演练过程", "三、评估发现", "四、能力评级", "五、主要优点", "六、问题与整改措施",
           "七、与基准推演的偏差", "九、评估方法与分值换算"],
    "en": ["1. Overview", "2. Timeline", "3. Findings", "4. Capability ratings", "5. Strengths",
           "6. Corrective actions", "7. Deviations", "9. Scoring method"],
}
IDS = [p.stem for p in ALL_SCENARIOS]


def _render(path, policy, fmt, lang, seed=1):
    evs = list(events(path, policy, seed))
    return render_report(card(path, policy, seed), loaded(path), evs, fmt, lang), {e.seq for e in evs}


@pytest.mark.parametrize("policy", ["plan", "late-reporter", "no-handover", "concealer"])
@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=IDS)
def test_every_evidence_id_in_the_markdown_report_exists(path, policy):
    text, seqs = _render(path, policy, "md", "en")
    cited = {int(s) for s in re.findall(r"\be(\d+)@[+-]", text)}
    listed = {int(s) for s in re.findall(r"^- `e(\d+)`", text, re.M)}
    assert cited <= seqs and listed <= seqs
    assert cited <= listed, "every cited event appears in the timeline"
    assert {s for f in card(path, policy, 1).findings for s, _ in f.evidence} == cited


@pytest.mark.parametrize("policy", ["plan", "late-reporter", "no-handover", "concealer"])
@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=IDS)
def test_every_evidence_link_in_the_html_report_resolves(path, policy):
    text, seqs = _render(path, policy, "html", "zh")
    links = {int(s) for s in re.findall(r'href="#ev-(\d+)"', text)}
    anchors = {int(s) for s in re.findall(r'id="ev-(\d+)"', text)}
    assert links <= anchors <= seqs
    assert links == {s for f in card(path, policy, 1).findings for s, _ in f.evidence}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_has_the_aqt9009_sections(fmt, lang):
    text, _ = _render(MINI_MINE, "late-reporter", fmt, lang)
    for heading in SECTIONS[lang]:
        assert heading in text, heading


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_prints_the_conversion_and_method(fmt):
    text, _ = _render(MINI_MINE, "late-reporter", fmt, "en")
    for needle in ("≥ 90", "excellent", "unsatisfactory", "points_lost", "area_percent", "deficiency (不足项)",
                   "P — performed without challenges", "activation", "30min"):
        assert needle in text, needle
    zh, _ = _render(MINI_MINE, "late-reporter", fmt, "zh")
    assert "优秀" in zh and "不合格" in zh and "不足项" in zh


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_labels_external_rules(fmt):
    en, _ = _render(MINI_MINE, "late-reporter", fmt, "en")
    zh, _ = _render(MINI_MINE, "late-reporter", fmt, "zh")
    assert "[external]" in en and "decree-493" in en
    assert "[外部规定]" in zh


def test_corrective_actions_have_owner_and_due_date():
    text, _ = _render(MINI_MINE, "late-reporter", "md", "en")
    section = text.split("## 6. Corrective actions")[1].split("## 7.")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "obligation:" in line]
    assert rows
    for row in rows:
        assert re.search(r"\| 20\d\d-\d\d-\d\d \|", row)
        assert "Unit head" in row or "Site personnel" in row


def test_observations_and_overrides_appear_in_the_report():
    sc = loaded(MINI_MINE)
    evs = list(events(MINI_MINE, "late-reporter", 1))
    c = score_exercise(sc, evs, baseline=list(events(MINI_MINE, "plan", 1)),
                       overrides=[Override("obligation:unit_head_phone", "Wang Fang", "line down", verdict="waived")],
                       observations=[Observation("Li Wei", "dispatch room calm", 600_000, "command")])
    for fmt in ("md", "html"):
        text = render_report(c, sc, evs, fmt, "en")
        assert "Wang Fang" in text and "line down" in text and "dispatch room calm" in text


def test_html_is_self_contained():
    text, _ = _render(MINI_MINE, "late-reporter", "html", "zh")
    assert text.startswith("<!DOCTYPE html>") and "<style>" in text
    assert '<svg id="timeline-chart"' in text
    for banned in ("<script", "<link", " src=", "@import", "url("):
        assert banned not in text, banned
    assert set(re.findall(r"https?://[^\s\"']+", text)) <= {"http://www.w3.org/2000/svg"}
    assert "Noto Sans CJK SC" in text and "@media print" in text


def test_chart_shows_levels_commanders_and_report_marks():
    text, _ = _render(MINI_MINE, "late-reporter", "html", "en")
    svg = text.split('<svg id="timeline-chart"')[1].split("</svg>")[0]
    assert 'fill="#ef6c00"' in svg  # level 2 band
    assert 'fill="#546e7a"' in svg  # a commander segment
    assert '<circle' in svg and 'fill="#2e7d32"' in svg and 'fill="#ff8f00"' in svg  # in time and late marks
    assert "unit_head_phone" in svg


def test_unknown_format_or_language_is_refused():
    with pytest.raises(ValueError):
        render_report(card(MINI_MINE, "plan", 0), loaded(MINI_MINE), list(events(MINI_MINE, "plan", 0)), "pdf", "en")
    with pytest.raises(ValueError):
        render_report(card(MINI_MINE, "plan", 0), loaded(MINI_MINE), list(events(MINI_MINE, "plan", 0)), "md", "fr")


def test_score_text_lists_the_findings_that_cost_points():
    c = card(MINI_MINE, "late-reporter", 1)
    text = render_score_text(c, "en")
    assert f"{c.overall:.1f} / 100" in text and "obligation:unit_head_phone" in text
    assert "预警与信息报告" in render_score_text(c, "zh")


HOSTILE = "<script>alert(1)</script> | x | [y](javascript:alert(2)) **z** `w`\n# heading"


def test_markdown_report_shows_hostile_text_literally(tmp_path):
    """Issue 13: scenario text, observations and overrides are data; rendered, no tag, link or table break."""
    from markdown_it import MarkdownIt

    (tmp_path / "plans").symlink_to(MINI_MINE.parent.parent.parent.parent / "scenarios" / "plans")
    quoted = json.dumps(HOSTILE)  # a YAML double-quoted scalar, with a real line break
    text = MINI_MINE.read_text(encoding="utf-8").replace("en: Test mine flooding", f"en: {quoted}", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text.replace("en: Control room gets the flooding report", f"en: {quoted}", 1), encoding="utf-8")
    sc = loaded(path)
    evs = list(events(path, "late-reporter", 1))
    c = score_exercise(sc, evs, baseline=list(events(path, "plan", 1)),
                       overrides=[Override("obligation:unit_head_phone", HOSTILE, HOSTILE, verdict="waived")],
                       observations=[Observation(HOSTILE, HOSTILE, 600_000, "command")])
    md = render_report(c, sc, evs, "md", "en")
    assert md.count("\\<script\\>alert(1)\\</script\\>") >= 4  # title, inject, override, observation
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in html and "<a " not in html and "<strong>" not in html and "<code>w</code>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    for table in html.split("<table>")[1:]:
        head, _, body = table.partition("</thead>")
        rows = body.split("</table>")[0].split("<tr>")[1:]
        assert all(row.count("<td>") == head.count("<th>") for row in rows), table
    assert "<h1>heading" not in html and "alert(1)" in html.split("<h2>")[2]  # the timeline


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_says_the_cap_that_held_the_conclusion(fmt):
    """Beside the conclusion: 'capped at … because …' when a cap held the score below what the points give."""
    ordos = next(p for p in ALL_SCENARIOS if p.stem == "ordos-coal-mine")
    capped = card(ordos, "late-reporter", 1)
    assert capped.overall == 89.9 < capped.procedure
    evs = list(events(ordos, "late-reporter", 1))
    zh = render_report(capped, loaded(ordos), evs, fmt, "zh")
    en = render_report(capped, loaded(ordos), evs, fmt, "en")
    assert "良好（结论封顶为良好（最高89.9分），因为存在不足项）" in zh
    assert "good (capped at good (89.9 at best) because a deficiency (不足项) stands)" in en
    assert "capped at" in render_score_text(capped, "en") and "结论封顶" in render_score_text(capped, "zh")
    plain = card(ordos, "plan", 1)
    assert plain.cap is None and "capped at" not in render_report(plain, loaded(ordos), list(events(ordos, "plan", 1)), fmt, "en")
