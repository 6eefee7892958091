"""After-action evaluation reports (AQ/T 9009 shape) in Markdown or self-contained HTML, zh or en."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from drillsim.engine.events import DomainEvent
from drillsim.loading.scenarios import LoadedScenario
from drillsim.render.markers import Marker
from drillsim.scoring.api import ScoreCard


def render_report(
    card: ScoreCard,
    loaded: LoadedScenario,
    events: list[DomainEvent],
    fmt: Literal["md", "html"],
    lang: Literal["zh", "en"],
    markers: Sequence[Marker] = (),
    participants: Mapping[str, str] | None = None,
) -> str:
    """The evaluation report of a scored exercise, with the facilitator's `markers` (discussion pauses,
    bookmarks, the end) in its timeline and the `participants` (role → name) in its overview."""
    from drillsim.reports.common import ReportModel

    if fmt not in ("md", "html"):
        raise ValueError(f"unknown report format {fmt!r}; use md or html")
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    model = ReportModel(card, loaded, list(events), lang, list(markers), dict(participants or {}))
    if fmt == "md":
        from drillsim.reports.markdown import render_markdown

        return render_markdown(model)
    from drillsim.reports.html import render_html

    return render_html(model)


__all__ = ["render_report"]
