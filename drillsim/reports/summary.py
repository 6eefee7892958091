"""A score card as a few lines of text, for terminals (`drillsim score ID` without --json)."""

from __future__ import annotations

import unicodedata

from drillsim.glossary import AREA_NAMES, VERDICT_NAMES, term
from drillsim.i18n import Lang
from drillsim.scoring.api import ScoreCard
from drillsim.scoring.parameters import AREAS


def render_score_text(card: ScoreCard, lang: Lang = "en") -> str:
    """Overall score and conclusion, area ratings, and the findings that cost points."""
    zh, en = card.conclusion
    head = "总分" if lang == "zh" else "Overall"
    ref = "基准" if lang == "zh" else "reference"
    proc = "程序得分" if lang == "zh" else "procedure"
    lines = [f"{head}: {card.overall:.1f} / 100 ({zh if lang == 'zh' else en}; {proc} {card.procedure:.1f}; "
             f"{ref} {card.baseline.overall:.1f})"]
    if card.cap is not None:
        lines.append(f"  {card.cap.note(lang)}")
    for a in AREAS:
        pct = card.area_percent.get(a)
        shown = "—" if pct is None else f"{pct:5.1f}%"
        lines.append(f"  {_pad(term(AREA_NAMES, a, lang), 28)} {card.ratings.get(a) or '—'}  {shown}")
    losing = sorted(card.losing(), key=lambda f: -f.points_lost)
    if losing:
        lines.append("扣分项:" if lang == "zh" else "Findings that cost points:")
    for f in losing:
        verdict = term(VERDICT_NAMES, f.verdict, lang)
        detail = f.detail.zh if lang == "zh" else f.detail.en
        seqs = ",".join(str(s) for s, _ in f.evidence)
        lines.append(f"  -{f.points_lost:5.2f}  {f.severity}  {f.id} [{verdict}] {detail} (e{seqs})")
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """Pad to a terminal width, counting wide (CJK) characters as two columns."""
    used = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
    return text + " " * max(0, width - used)
