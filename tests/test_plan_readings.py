"""Readings of the shipped plans that go beyond their letter are made in the open (issue 12's audit against the
seeds): each is an `assumption` the plan text shows, a `supersedes` of the layer it departs from, or a scenario
fact that matches the physics and the clause it cites."""

from __future__ import annotations

from pathlib import Path

import pytest

from drillsim.catalog import data_root
from drillsim.loading import DataFileError, load_plan
from drillsim.loading.scenarios import load_scenario
from drillsim.render.plan_text import render_plan
from drillsim.rules.obligations import effective_obligations, parameters

PLANS = data_root() / "plans"
SCENARIOS = data_root()
VALID = Path(__file__).parent / "data" / "valid_plan" / "plan.yaml"
LAYERS = VALID.parent / "external"


def _obligation(plan_id: str, ob_id: str):
    loaded = load_plan(PLANS / f"{plan_id}.yaml")
    return next(eo for eo in effective_obligations(loaded.definition, loaded.layers) if eo.id == ob_id)


def test_xinjiang_enterprise_handover_is_marked_an_assumption_and_shown_as_one() -> None:
    """Xinjiang has no enterprise → county handover clause; L386 is about giving data to the rescue teams."""
    loaded = load_plan(PLANS / "xinjiang-2024.yaml")
    handover = next(h for h in loaded.definition.field_command.handovers if h.id == "enterprise_to_county")
    assert handover.assumption is not None
    assert "L386" in handover.assumption.en and "L460" in handover.assumption.en
    text = render_plan(loaded.definition, loaded.layers, "en")
    line = next(x for x in text.splitlines() if "⇒" in x and "[xinjiang-2024 L386]" in x)
    assert "(assumption: The regional plan has no clause on the enterprise handing field command" in line


def test_xinjiang_immediately_is_the_decree_layers_value_and_says_it_replaces_it() -> None:
    """One reading of 立即 for the plan and its layer: 15 min; only the unit head's step, which defers to the
    law, takes Decree 493 Art. 9's hour, and says so."""
    loaded = load_plan(PLANS / "xinjiang-2024.yaml")
    own = next(p for p in loaded.definition.parameters if p.id == "immediately")
    layer = next(p for layer in loaded.layers for p in layer.parameters if p.id == "immediately")
    assert own.supersedes == "decree-493:immediately"
    assert own.duration == layer.duration == 15 * 60_000
    assert parameters(loaded.definition, loaded.layers)["immediately"].duration == 15 * 60_000
    for ob_id in ("informant_alarm", "site_to_unit_head"):
        assert _obligation("xinjiang-2024", ob_id).deadline_ms == 15 * 60_000
    unit_head = _obligation("xinjiang-2024", "unit_head_to_county")
    assert unit_head.deadline_ms == 60 * 60_000 and unit_head.deadline_param is None
    assert unit_head.obligation.assumption is not None and "Art. 9" in unit_head.obligation.assumption.en


@pytest.mark.parametrize("ob_id", ["county_to_prefecture", "prefecture_to_region"])
def test_ordos_says_why_it_drops_the_decrees_permission_to_skip_levels(ob_id: str) -> None:
    eo = _obligation("ordos-2024", ob_id)
    assert eo.obligation.supersedes == f"decree-493:{ob_id}" and not eo.obligation.may_skip_levels
    assert eo.obligation.assumption is not None
    assert "逐级" in eo.obligation.assumption.zh and "Art. 11" in eo.obligation.assumption.en


def test_a_plan_parameter_shadowing_a_layers_must_say_it_replaces_it(tmp_path: Path) -> None:
    text = VALID.read_text(encoding="utf-8").replace("- id: immediately", "- id: one_hour", 1)
    text = text.replace("{param: immediately}", "{param: one_hour}")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plan(path, layer_dir=LAYERS)
    (issue,) = caught.value.issues
    assert issue.source_line.strip() == "- id: one_hour"
    assert "parameter 'one_hour' is also defined by layer 'decree_493'" in issue.message
    assert 'supersedes: "decree_493:one_hour"' in issue.message
    fixed = text.replace("- id: one_hour", "- id: one_hour\n    supersedes: decree_493:one_hour", 1)
    path.write_text(fixed, encoding="utf-8")
    assert load_plan(path, layer_dir=LAYERS).definition.parameters[0].supersedes == "decree_493:one_hour"


def test_zhundong_boil_over_happens_in_a_heavy_wet_oil_tank() -> None:
    """Boil-over needs a heavy, wide-boiling oil with water beneath it; naphtha cannot boil over."""
    sc = load_scenario(SCENARIOS / "zhundong-coal-chemical-fire.yaml").scenario
    boil = next(s for s in sc.dynamics.secondary if s.id == "boil-over")
    assert "煤焦油" in boil.description.zh and "石脑油" not in boil.description.zh
    assert "water" in boil.description.en and "coal tar" in boil.description.en
    assert "1号、2号为原料煤焦油固定顶罐" in sc.setting.location.zh
    assert "1号原料煤焦油储罐" in sc.briefing.zh


def test_accident_phase_injects_cite_no_warning_stage_clause() -> None:
    """Xinjiang 3.2 预警 (L328-L358) is the warning stage; an inject after the accident (bingtuan inj-05 cited
    L332) cites the response clauses instead (L382 for the enterprise, L426 for the government)."""
    wrong = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        sc = load_scenario(path).scenario
        if sc.plan != "xinjiang-2024":
            continue
        for inj in sc.msel:
            after_accident = inj.at is None or inj.at > 0
            if after_accident and inj.cite and inj.cite.src == "xinjiang-2024" and 328 <= int(inj.cite.at[1:4]) <= 358:
                wrong.append(f"{sc.id}:{inj.id} {inj.cite.at}")
    assert not wrong
    bingtuan = load_scenario(SCENARIOS / "bingtuan-chlorine-leak.yaml").scenario
    assert next(i for i in bingtuan.msel if i.id == "inj-05-plume-township").cite.at == "L382"
