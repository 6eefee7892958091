"""The score card and the evaluation report name every verdict and area the same way, in both languages."""

from __future__ import annotations

import pytest

from drillsim.glossary import VERDICT_NAMES
from drillsim.reports import render_report
from drillsim.scoring.parameters import COMPLIANT, UNSCORED
from drillsim.workspace import Workspace

from tui.app import make_app
from tui.screens.scorecard import ScoreCardScreen

from tests.tui.helpers import ORDOS, SIZE, scenario_path, until


def exercise_with_every_verdict(url: str) -> str:
    """A late-reporting Ordos run whose evaluator gives, by override, each verdict the glossary names."""
    workspace = Workspace(url)
    try:
        session = workspace.start(workspace.load_scenario(scenario_path(ORDOS)), 1, "late-reporter", [], [])
        session.run()
        replay = workspace.replay(session.id)
        from drillsim.scoring.api import score_exercise

        card = score_exercise(replay.loaded, replay.events)
        weighted = iter(f for f in card.findings if f.verdict == "met" and f.weight > 0)
        unweighted = iter(f for f in card.findings if f.weight == 0)
        late = next(f for f in card.findings if f.verdict == "late")
        replay.override(late.id, "Wang", "line down", verdict="waived")
        for verdict in VERDICT_NAMES:
            if verdict in ("met", "waived"):
                continue
            finding = next(unweighted) if verdict in UNSCORED else next(weighted)
            replay.override(finding.id, "Wang", "vocabulary test", verdict=verdict)
        return session.id
    finally:
        workspace.close()


def report_verdicts(markdown: str, ids: set[str]) -> dict[str, str]:
    """Finding id → the verdict the report's findings tables show (without its override or cover note)."""
    shown = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 7 and cells[0] in ids and cells[0] not in shown:
            shown[cells[0]] = cells[1].split(" → ")[0].split(" (")[0]
    return shown


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_score_card_and_report_name_each_verdict_alike(tmp_path, lang) -> None:
    url = f"sqlite:///{tmp_path}/drills.db"
    ident = exercise_with_every_verdict(url)
    app = make_app(url, lang)
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        screen = app.screen
        screen.action_toggle_all()
        await pilot.pause()
        table = screen.query_one("#findings")
        on_card = {f.id: (f.verdict, str(table.get_row(f.id)[0])) for f in screen.findings}
        areas_on_card = {str(table.get_row(f.id)[3]) for f in screen.findings}
        result = screen.result
        report = render_report(result.card, result.replay.loaded, result.replay.events, "md", lang)
    in_report = report_verdicts(report, set(on_card))
    assert {verdict for verdict, _ in on_card.values()} == set(VERDICT_NAMES)
    assert set(in_report) == set(on_card)
    for fid, (verdict, label) in on_card.items():
        assert label == in_report[fid], f"{fid} ({verdict}): score card {label!r}, report {in_report[fid]!r}"
        assert label == (VERDICT_NAMES[verdict].zh if lang == "zh" else VERDICT_NAMES[verdict].en)
    assert any(v not in COMPLIANT for v, _ in on_card.values())
    headings = {line[4:] for line in report.splitlines() if line.startswith("### ")}
    assert areas_on_card and areas_on_card <= headings
