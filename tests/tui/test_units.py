"""The app's small pure rules: deadline colours, countdowns, times typed in the replay, decision forms."""

from __future__ import annotations

import pytest

from drillsim.workspace import Workspace
from drillsim.workspace import decisions as d

from tui.i18n import STRINGS, tr
from tui.screens.fork import form_values
from tui.screens.replay import parse_time
from drillsim.render.timeline import duration_text
from tui.view import countdown, urgency, view_of
from tui.widgets.live.decision_spec import FIELDS, FormModel, parse_figures

from tests.tui.helpers import ORDOS, scenario_path

MIN = 60_000


@pytest.fixture(scope="module")
def ordos():
    return Workspace.load_scenario(scenario_path(ORDOS))


@pytest.mark.parametrize(("now", "colour"), [
    (0, "green"), (29 * MIN, "green"), (31 * MIN, "amber"), (47 * MIN, "amber"), (49 * MIN, "red"),
    (56 * MIN, "red"), (61 * MIN, "red"),
])
def test_deadline_colours(now: int, colour: str) -> None:
    assert urgency("pending", 0, 60 * MIN, now) == colour


def test_settled_obligations_keep_their_status() -> None:
    assert [urgency(s, 0, MIN, 0) for s in ("met", "late", "missed")] == ["met", "late", "missed"]


def test_countdown_and_duration() -> None:
    assert countdown(90 * MIN) == "1:30:00"
    assert countdown(12 * MIN + 5000) == "12:05"
    assert countdown(-3 * MIN) == "-3:00"
    # one home for durations (render.timeline): the briefing said "12h" in Chinese
    assert duration_text(12 * 60 * MIN, "zh") == "12小时" and duration_text(90 * MIN, "zh") == "1小时30分"
    assert duration_text(12 * 60 * MIN, "en") == "12h" and duration_text(45 * MIN, "en") == "45min"


@pytest.mark.parametrize(("text", "ms"), [
    ("+01:30", 90 * MIN), ("1:30", 90 * MIN), ("01:00:30", 60 * MIN + 30_000), ("90m", 90 * MIN),
    ("2h", 120 * MIN), ("1h30m", 90 * MIN), ("soon", None), ("", None),
])
def test_replay_reads_times(text: str, ms: int | None) -> None:
    assert parse_time(text) == ms


def test_figures_are_read_or_refused() -> None:
    assert parse_figures("trapped=5, deaths=0") == ({"trapped": 5, "deaths": 0}, None)
    assert parse_figures("trapped=5；missing=1") == ({"trapped": 5, "missing": 1}, None)
    assert parse_figures("被困=5，失联＝1", "zh") == ({"trapped": 5, "missing": 1}, None)
    assert parse_figures("trapped=five") == (None, tr("form.bad_figures", "en"))
    figures, problem = parse_figures("people=3")
    assert figures is None and problem.startswith("Unknown figure “people”; valid ones are: deaths, serious_injuries")


def test_form_offers_the_roles_own_choices(ordos) -> None:
    model = FormModel(ordos, "enterprise")
    view = view_of(ordos, "en")
    obligations = [v for _, v in model.options("obligation", view)]
    assert {"site_to_unit_head", "unit_head_phone", "unit_head_written"} <= set(obligations)
    assert "county_to_prefecture" not in obligations
    assert [v for _, v in model.options("to", view)] == ["county_field_hq", "prefecture_field_hq"]
    assert set(FIELDS) == {t for _, t in model.types("en")}


def test_form_picks_the_responsible_body(ordos) -> None:
    model = FormModel(ordos, "enterprise")
    assert model.default_actor("report", {"obligation": "unit_head_phone"}) == "unit_head"
    assert model.default_actor("establish_command", {}) == "enterprise"
    assert model.default_actor("hand_over_command", {}, commander="enterprise") == "enterprise"
    banner = FormModel(ordos, "banner")
    assert banner.default_actor("activate_response", {"level": "4"}) == "county_government"
    assert banner.default_actor("dispatch_resource", {"resource": "mine_rescue_brigade"}) == "county_em_bureau"


def test_form_builds_typed_decisions(ordos) -> None:
    model = FormModel(ordos, "enterprise")
    decision, error = model.build("hand_over_command", "enterprise", {"to": "county_field_hq",
                                  "briefing": ("situation", "risks")}, " handing over ", {}, "en")
    assert error is None
    assert decision == d.HandOverCommand(actor="enterprise", to="county_field_hq", briefing=("situation", "risks"),
                                         rationale="handing over")
    decision, error = model.build("set_cordon", "enterprise", {"radius": "500"}, "", {}, "en")
    assert decision == d.SetCordon(actor="enterprise", radius_m=500)
    decision, error = model.build("take_action", "enterprise", {"action": None}, "", {"action": "Measure"}, "zh")
    assert decision is None and error == tr("form.required", "zh", field="Measure")


def test_a_forked_decision_refills_the_form() -> None:
    assert form_values({"radius_m": 300, "level": 3, "figures": {"trapped": 2}, "briefing": ["risks"],
                        "channel": None}) == {"radius": "300", "level": "3", "figures": "trapped=2",
                                              "briefing": ("risks",)}
    assert form_values({"figures": {"trapped": 2, "deaths": 0}}, "zh") == {"figures": "被困=2 死亡=0"}


def test_every_label_has_both_languages() -> None:
    for key, (zh, en) in STRINGS.items():
        assert zh and en, key
        assert zh.count("{") == en.count("{"), key
