"""The decision types are the one place that knows a decision type: each says everything the engine, scoring,
lint and the decision form ask of it, and no other module switches on their names."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from drillsim.decisions import DECISION_TYPES, REJECTION_CODES, DecisionBase, Rejection
from drillsim.engine.simulation import Simulation
from drillsim.glossary import AREA_NAMES
from drillsim.loading.errors import DataFileError
from drillsim.loading.scenarios import load_scenario, scenario_json_schema
from drillsim.model.scenario import ExpectedAction
from tests.conftest import REPO
from tui.widgets.live.decision_spec import ALL_FIELDS

KINDS = list(DECISION_TYPES)


def overrides(cls: type, name: str) -> bool:
    """Whether the type defines `name` itself or through a shared base, not only DecisionBase's default."""
    owner = next(c for c in cls.__mro__ if name in vars(c))
    return owner is not DecisionBase


def test_every_module_of_the_package_is_one_registered_type_in_form_order() -> None:
    """The registry finds the type modules by itself: adding a type is adding its module."""
    modules = sorted(p.stem for p in (REPO / "drillsim" / "decisions").glob("*.py")
                     if p.stem not in ("__init__", "base", "registry"))
    assert sorted(DECISION_TYPES[k].__module__.rsplit(".", 1)[1] for k in KINDS) == modules
    positions = [DECISION_TYPES[k].position for k in KINDS]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert KINDS[:3] == ["report", "take_action", "activate_response"] and KINDS[-1] == "note"


def test_scenario_files_may_name_exactly_the_registered_types(tmp_path: Path) -> None:
    """A decision name outside the registry is a positioned error with the close match, in MSEL and conditions."""
    source = (REPO / "scenarios" / "ordos-coal-mine.yaml").read_text(encoding="utf-8")
    misspelt = {"- decision: evacuate": "- decision: evacuat",  # an MSEL expected action
                "until: {kind: decision, decision: dispatch_resource": "until: {kind: decision, decision: dispatch"}
    for old, new in misspelt.items():
        assert old in source
        source = source.replace(old, new, 1)
    bad = tmp_path / "ordos-coal-mine.yaml"
    bad.write_text(source, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_scenario(bad, plans_dir=REPO / "scenarios" / "plans")
    text = str(caught.value)
    assert "undefined decision type 'evacuat'" in text and "evacuate" in text
    assert "undefined decision type 'dispatch'" in text and "dispatch_resource" in text
    assert f"{bad.name}:" in text


def test_the_schema_lists_the_registered_types() -> None:
    schema = scenario_json_schema()
    for name in ("ExpectedAction", "DecisionCondition"):
        assert schema["$defs"][name]["properties"]["decision"]["enum"] == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_each_type_says_everything_the_rest_asks(kind: str) -> None:
    cls = DECISION_TYPES[kind]
    assert cls.model_fields["type"].default == kind
    zh, en = cls.label
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), f"{kind}: no Chinese label"
    assert en and en.isascii(), f"{kind}: no English label"
    assert cls.target_field is None or cls.target_field in cls.model_fields
    assert cls.target_needed is None or cls.target_field is not None
    assert set(cls.codes) <= set(REJECTION_CODES)
    assert set(cls.form_fields) <= set(ALL_FIELDS), f"{kind}: a form field the decision form cannot show"
    assert cls.scoring_area in AREA_NAMES
    assert overrides(cls, "carry_out"), f"{kind}: no effect in the simulation"
    assert cls.msel_event or overrides(cls, "msel_done") or overrides(cls, "msel_covered_by"), \
        f"{kind}: scoring cannot match it"
    assert cls.msel_target is None or cls.msel_target in {f.name for f in dataclasses.fields(cls.msel_event)}, \
        f"{kind}: msel_target is no field of its msel_event"
    anyone = {"evacuate", "set_cordon", "note"}  # any body of the role may: the form proposes its first
    assert overrides(cls, "responsible") or kind in anyone, f"{kind}: the form cannot propose who acts"


def test_labels_and_codes_are_distinct() -> None:
    for side in (0, 1):
        labels = [cls.label[side] for cls in DECISION_TYPES.values()]
        assert len(set(labels)) == len(labels)
    with pytest.raises(ValueError, match="unknown rejection code"):
        Rejection("no_such_code", "", "")


def _target(kind: str, sim: Simulation) -> str | None:
    """A target of the right kind for `kind` in the mini-mine scenario."""
    index, field = sim.index, DECISION_TYPES[kind].target_field
    return {
        "obligation": next(iter(index.obligations), None), "action": index.scenario.actions[0].id if
        index.scenario.actions else None, "level": "3", "to": index.handovers[0].to if index.handovers else None,
        "group": next(iter(index.groups), None), "resource": next(iter(index.resources), None), "color": "red",
        "area": "north shaft",
    }.get(field or "") or (field and "made_up_id")


@pytest.mark.parametrize("kind", KINDS)
def test_a_computer_role_can_carry_out_what_an_inject_expects(kind: str, mini_mine) -> None:
    """Every type but a report (which follows the obligation clocks) becomes a decision of its own type."""
    sim = Simulation(mini_mine.plan, mini_mine.scenario, 1)
    by = mini_mine.scenario.roles[0].bodies[0]
    exp = ExpectedAction.model_validate({"decision": kind, "by": by, "target": _target(kind, sim), "within": "10min",
                                         "text": {"zh": "测试", "en": "test"}})
    decision = DECISION_TYPES[kind].from_expected(exp, sim.roles)
    if kind == "report":
        assert decision is None
    else:
        assert decision is not None and decision.actor == by
        assert decision.type == kind or {decision.type, kind} == {"activate_response", "adjust_response"}
        target = DECISION_TYPES[kind].target_field
        if target is not None and exp.target is not None:
            assert str(decision.params()[target]) == exp.target


# --- nobody else switches on decision type names ------------------------------------------------------


def _switches(path: Path, names: set[str]) -> list[str]:
    """Places in a module that compare something named like a decision with a type name, or tabulate types."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
            mentions_decision = any("decision" in ast.unparse(p) or "kind" in ast.unparse(p) for p in parts)
            consts = {c.value for p in parts for c in ast.walk(p) if isinstance(c, ast.Constant)}
            if mentions_decision and consts & names:
                found.append(f"{path.relative_to(REPO)}:{node.lineno} {ast.unparse(node)}")
        elif isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if len(keys & names) >= 3:
                found.append(f"{path.relative_to(REPO)}:{node.lineno} a table keyed by decision types")
    return found


def test_no_module_outside_the_decision_types_switches_on_their_names() -> None:
    names = set(KINDS)
    own = REPO / "drillsim" / "decisions"
    files = [p for root in ("drillsim", "tui") for p in sorted((REPO / root).rglob("*.py")) if own not in p.parents]
    found = [where for p in files for where in _switches(p, names)]
    assert not found, "decision types are switched on outside drillsim/decisions/:\n" + "\n".join(found)


def test_the_switch_finder_finds_a_switch() -> None:
    probe = REPO / "tests" / "_probe_switch.py"
    probe.write_text('if exp.decision == "evacuate":\n    pass\nT = {"note": 1, "report": 2, "terminate": 3}\n',
                     encoding="utf-8")
    try:
        assert len(_switches(probe, set(KINDS))) == 2
    finally:
        probe.unlink()
