"""An expected action of the MSEL is met only by the right action (issue 12): on its target, by the expected
body, after the inject that asks for it (unless it says `counts_from: accident`), within its window — and the
finding names the event that met it, or the actions that fell short and why.

Human-played runs of a variant of `crossing-fire` (Xinjiang plan) with two injects added: at +01:00 the
enterprise is told to move the east village's people upwind (an evacuation, 000:L380 疏散), and the county
to warn the village (a scenario action the enterprise may take as well)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drillsim import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.runner import play
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.scoring.api import evaluate
from drillsim.scoring.findings import Finding

MIN = 60_000
CROSSING_FIRE = Path(__file__).parent / "data" / "scenarios" / "crossing-fire.yaml"

INJECTS = """\
  - id: village
    at: 60min
    to: enterprise
    text: {zh: 烟气压向东村, en: The smoke is heading for the east village}
    expected:
      - {decision: evacuate, by: enterprise, target: east_village, within: 20min,%(counts_from)s
         text: {zh: 通知东村村民并向上风向转移, en: Warn the villagers and move them upwind}}
    objectives: [obj-act]
    cite: {src: xinjiang-2024, at: L380, zh: "组织人员疏散", en: "evacuate people"}
  - id: village-county
    at: 60min
    to: county
    text: {zh: 东村需要预警, en: The east village must be warned}
    expected:
      - {decision: take_action, by: county_government, target: warn_village, within: 20min,
         text: {zh: 县政府通知东村避险, en: The county warns the east village}}
    objectives: [obj-act]
roles:"""

ACTION = """\
actions:
  - id: warn_village
    name: {zh: 通知东村避险, en: Warn the east village}
    by: [enterprise, county_government]
"""


def scenario(tmp_path: Path, counts_from: str = "") -> LoadedScenario:
    text = CROSSING_FIRE.read_text(encoding="utf-8")
    text = text.replace("roles:", INJECTS % {"counts_from": counts_from}, 1).replace("actions:\n", ACTION, 1)
    path = tmp_path / "crossing-fire.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def judged(loaded: LoadedScenario, decisions: list[tuple[int, d.Decision]], finding: str) -> tuple[Finding, list]:
    """The finding of one expectation after a run where the enterprise and the county are played by people
    who take only `decisions`."""
    x = play(loaded.plan, loaded.scenario, 1, "plan", decisions=decisions, human_roles=["enterprise", "county"])
    events = list(x.events)
    return next(f for f in evaluate(loaded, events) if f.id == finding), events


def seq_of(events: list, cls: type, **fields: str) -> int:
    return next(e.seq for e in events if isinstance(e, cls) and all(getattr(e, k) == v for k, v in fields.items()))


def test_an_evacuation_of_the_right_place_in_time_meets_it_and_is_named(tmp_path: Path) -> None:
    """The finding names the event that met the expectation, in both languages, and holds it as evidence."""
    f, events = judged(scenario(tmp_path), [(65 * MIN, d.Evacuate(actor="enterprise", area="east_village"))],
                       "msel:village#1")
    done = seq_of(events, ev.EvacuationOrdered, area="east_village")
    assert f.verdict == "met"
    assert done in {s for s, _ in f.evidence}
    assert f"#{done}" in f.detail.en and "east_village" in f.detail.en and "orders evacuation" in f.detail.en
    assert f"#{done}" in f.detail.zh and "下令疏散" in f.detail.zh


def test_an_evacuation_of_another_place_does_not_meet_it(tmp_path: Path) -> None:
    """Same target: moving the yard's night shift is not moving the east village."""
    f, events = judged(scenario(tmp_path), [(65 * MIN, d.Evacuate(actor="enterprise", area="cotton_yard"))],
                       "msel:village#1")
    assert f.verdict == "missed"
    assert "wrong target" in f.detail.en and "对象不符" in f.detail.zh
    assert seq_of(events, ev.EvacuationOrdered, area="cotton_yard") in {s for s, _ in f.evidence}


def test_an_evacuation_before_the_inject_does_not_meet_it(tmp_path: Path) -> None:
    """After the inject that asks for it: an evacuation ordered before the village was threatened is not the
    answer to it."""
    f, _ = judged(scenario(tmp_path), [(10 * MIN, d.Evacuate(actor="enterprise", area="east_village"))],
                  "msel:village#1")
    assert f.verdict == "missed"
    assert "before the inject" in f.detail.en and "早于注入" in f.detail.zh


def test_counts_from_accident_lets_an_earlier_evacuation_meet_it(tmp_path: Path) -> None:
    """Unless the inject says otherwise: `counts_from: accident` accepts an evacuation already done."""
    f, _ = judged(scenario(tmp_path, " counts_from: accident,"),
                  [(10 * MIN, d.Evacuate(actor="enterprise", area="east_village"))], "msel:village#1")
    assert f.verdict == "met"


def test_the_action_by_another_body_does_not_meet_the_county_s_expectation(tmp_path: Path) -> None:
    """By a body allowed to take it: the enterprise may warn the village too, but the inject asks the county
    government, whose warning is what the plan's notification duty means (000:L332)."""
    f, events = judged(scenario(tmp_path), [(65 * MIN, d.TakeAction(actor="enterprise", action="warn_village"))],
                       "msel:village-county#1")
    assert f.verdict == "missed"
    assert "wrong body" in f.detail.en and "行动主体不符" in f.detail.zh
    assert seq_of(events, ev.ActionTaken, action="warn_village") in {s for s, _ in f.evidence}


def test_the_right_action_after_its_window_is_late_and_named(tmp_path: Path) -> None:
    """Within its window: the county's warning 25 minutes after the inject (window 20) is late, and the
    finding names it."""
    f, events = judged(scenario(tmp_path), [(85 * MIN, d.TakeAction(actor="county_government",
                                                                    action="warn_village"))],
                       "msel:village-county#1")
    done = seq_of(events, ev.ActionTaken, action="warn_village")
    assert f.verdict == "late" and f.done_t == 85 * MIN
    assert f"#{done}" in f.detail.en and "5min late" in f.detail.en


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_computer_answers_its_own_injects_with_the_right_action(tmp_path: Path, seed: int) -> None:
    """Played by the computer (plan policy), both expectations are met by the right body, target and time."""
    loaded = scenario(tmp_path)
    x = play(loaded.plan, loaded.scenario, seed, "plan")
    found = {f.id: f for f in evaluate(loaded, list(x.events))}
    assert found["msel:village#1"].verdict == "met"
    assert found["msel:village-county#1"].verdict == "met"
