"""Injects wait on reports: `when: {kind: obligation, …, status: reported}` holds once the report has reached its
recipients, on time or late, so a government is never told what no report told it (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drillsim.catalog import data_root
from drillsim.engine import events as ev
from drillsim.engine.conditions import holds
from drillsim.engine.runner import play
from drillsim.loading import DataFileError
from drillsim.loading.scenarios import load_scenario
from drillsim.model.base import MINUTE
from drillsim.model.scenario import ObligationCondition

ORDOS = data_root() / "ordos-coal-mine.yaml"
COTTON = data_root() / "xinjiang-cotton-yard-fire.yaml"


def _delivered(events, inject_id):
    return next((e for e in events if isinstance(e, ev.InjectDelivered) and e.inject == inject_id), None)


def _reported(events, obligation):
    return next((e for e in events if isinstance(e, ev.ObligationMet) and e.obligation == obligation), None)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_late_report_still_lets_the_banner_hear_of_it_and_only_then(seed: int) -> None:
    """Ordos inj-04 waits for the unit head's phone report (or a direct call from site): under `late-reporter`
    the report comes after its 30 min, and the duty desk takes it then — not at a fixed 35 min before it."""
    loaded = load_scenario(ORDOS)
    events = play(loaded.plan, loaded.scenario, seed, "late-reporter").events
    phone = _reported(events, "unit_head_phone")
    assert phone is not None and phone.late_by > 0
    told = _delivered(events, "inj-04-banner-level4")
    assert told is not None and phone.t <= told.t < phone.t + MINUTE  # conditions are watched once a minute


def test_a_government_nobody_reports_to_is_never_told() -> None:
    """The enterprise played by a person who never reports: the banner's duty desk takes no report, so the
    inject that says it did never comes (it came at 35 min before)."""
    loaded = load_scenario(ORDOS)
    events = play(loaded.plan, loaded.scenario, 1, human_roles=["enterprise"]).events
    assert not any(isinstance(e, ev.ReportSubmitted) and "county_em_bureau" in e.to for e in events)
    assert _delivered(events, "inj-04-banner-level4") is None


def test_reported_holds_for_met_and_late_met_only_on_time() -> None:
    loaded = load_scenario(ORDOS)
    sim = play(loaded.plan, loaded.scenario, 1, "late-reporter")
    state = sim.state
    assert state.obligations["unit_head_phone"].status == "late"
    reported = ObligationCondition(kind="obligation", obligation="unit_head_phone", status="reported")
    met = ObligationCondition(kind="obligation", obligation="unit_head_phone", status="met")
    assert holds(reported, state) and not holds(met, state)
    assert state.obligations["site_to_unit_head"].status == "met"
    assert holds(ObligationCondition(kind="obligation", obligation="site_to_unit_head", status="reported"), state)


def test_the_alarm_line_counts_as_a_report_to_the_county() -> None:
    """Xinjiang inj-03: the county's duty desk takes the first report that reaches it — the alarm (L366) or
    the unit head's — and not a fixed 30 min after the fire."""
    loaded = load_scenario(COTTON)
    events = play(loaded.plan, loaded.scenario, 2).events
    first = min((e for e in events if isinstance(e, ev.ObligationMet)
                 and e.obligation in ("informant_alarm", "unit_head_to_county")), key=lambda e: e.t)
    assert first.t <= _delivered(events, "inj-03-county-level4").t < first.t + MINUTE


def test_an_unknown_obligation_in_a_condition_is_a_positioned_error_with_a_suggestion(tmp_path: Path) -> None:
    text = ORDOS.read_text(encoding="utf-8").replace(
        "{kind: obligation, obligation: unit_head_phone, status: reported}",
        "{kind: obligation, obligation: unit_head_phon, status: reported}", 1)
    path = tmp_path / "ordos.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "plans").symlink_to(data_root() / "plans")
    with pytest.raises(DataFileError) as caught:
        load_scenario(path)
    (issue,) = caught.value.issues
    assert "unit_head_phon" in issue.source_line and "undefined obligation 'unit_head_phon'" in issue.message
    assert "unit_head_phone" in f"{issue.message} {issue.hint or ''}"
