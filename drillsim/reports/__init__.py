"""After-action evaluation reports (AQ/T 9009 shape) in Markdown or self-contained HTML, zh or en."""

from __future__ import annotations

from typing import Literal

from drillsim.engine.events import DomainEvent
from drillsim.loading.scenarios import LoadedScenario
from drillsim.scoring.api import ScoreCard


def render_report(
    card: ScoreCard,
    loaded: LoadedScenario,
    events: list[DomainEvent],
    fmt: Literal["md", "html"],
    lang: Literal["zh", "en"],
) -> str:
    """The evaluation report of a scored exercise."""
    from drillsim.reports.common import ReportModel

    if fmt not in ("md", "html"):
        raise ValueError(f"unknown report format {fmt!r}; use md or html")
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    model = ReportModel(card, loaded, list(events), lang)
    if fmt == "md":
        from drillsim.reports.markdown import render_markdown

        return render_markdown(model)
    from drillsim.reports.html import render_html

    return render_html(model)


__all__ = ["render_report"]
