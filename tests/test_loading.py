"""The loading layer: YAML to plain data with positions, error translation, rendering, the public API."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from drillsim.loading import (
    LOADERS,
    DataFileError,
    Issue,
    load_layer,
    load_plan,
    load_yaml_model,
    parse_yaml,
    read_yaml,
    register_loader,
    validate_file,
)
from drillsim.loading.checks.layer import check_layer
from drillsim.loading.scenarios import load_scenario
from drillsim.loading.checks.plan import check_plan
from drillsim.loading.plain_data import format_path
from drillsim.loading.suggestions import suggest
from drillsim.loading.validation.schema_walk import all_field_names
from drillsim.loading.validation.validate import validation_issues
from drillsim.loading.validation.wording import format_value
from drillsim.model.base import Text
from drillsim.model.plan import ExternalLayer, Plan
from tests.conftest import REPO

DATA = Path(__file__).parent / "data" / "valid_plan"
VALID = DATA / "plan.yaml"
LAYER = DATA / "external" / "decree_493.yaml"


def _write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _plan_with(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """A copy of the valid plan (with its layer folder) with one text replacement."""
    text = VALID.read_text(encoding="utf-8")
    assert not old or text.count(old) == 1, old
    shutil.copytree(DATA / "external", tmp_path / "external", dirs_exist_ok=True)
    return _write(tmp_path, text.replace(old, new), "plan.yaml")


def _issues(path: Path) -> list[Issue]:
    with pytest.raises(DataFileError) as caught:
        load_plan(path)
    return list(caught.value.issues)


# --- YAML to plain data ------------------------------------------------------------------------------

POSITIONS = """\
top: 1
nested:
  key: value
  list:
    - first
    - {a: 1, b: [x, y]}
"""


def test_positions_are_one_based_for_keys_values_and_items() -> None:
    doc = parse_yaml(POSITIONS, Path("p.yaml"))
    assert doc.keys[("top",)] == (1, 1)
    assert doc.values[("top",)] == (1, 6)
    assert doc.keys[("nested", "key")] == (3, 3)
    assert doc.values[("nested", "key")] == (3, 8)
    assert doc.values[("nested", "list", 0)] == (5, 7)
    assert doc.values[("nested", "list", 1)] == (6, 7)
    assert doc.keys[("nested", "list", 1, "b")] == (6, 14)
    assert doc.values[("nested", "list", 1, "b", 1)] == (6, 21)


def test_positions_map_holds_every_node() -> None:
    doc = parse_yaml(POSITIONS, Path("p.yaml"))
    assert doc.positions[("nested", "list")] == (4, 3)
    assert doc.positions[("nested", "list", 1, "b", 0)] == (6, 18)
    assert len(doc.positions) == 11


def test_keys_equal_after_conversion_are_duplicates() -> None:
    with pytest.raises(DataFileError, match="duplicate key"):
        parse_yaml("a:\n  1: x\n  0x1: y\n", Path("k.yaml"))


def test_locate_prefers_the_key_and_falls_back_to_the_nearest_ancestor() -> None:
    doc = parse_yaml(POSITIONS, Path("p.yaml"))
    assert doc.locate(("nested", "key")) == (3, 3)
    assert doc.locate(("nested", "list", 1, "missing")) == (6, 7)
    assert doc.locate(("nowhere", 3)) == (1, 1)
    assert doc.source_line(3) == "  key: value"
    assert doc.source_line(99) == ""


def test_data_is_plain_python() -> None:
    text = "a: &x true\nb: *x\nc: 0x1F\nd: 1.50\ne: !!str 5\nf: [1, {g: null}]\nh: 2024-01-15\ni: 12:30\nj: no\n"
    data = parse_yaml(text, Path("p.yaml")).data
    assert data == {"a": True, "b": True, "c": 31, "d": 1.5, "e": "5", "f": [1, {"g": None}],
                    "h": "2024-01-15", "i": "12:30", "j": "no"}  # fmt: skip

    def kinds(node: object) -> set[type]:
        if isinstance(node, dict):
            return {dict}.union(*(kinds(k) | kinds(v) for k, v in node.items()))
        if isinstance(node, list):
            return {list}.union(*(kinds(v) for v in node))
        return {type(node)}

    assert kinds(data) <= {dict, list, str, int, float, bool, type(None)}


def test_whole_plan_converts_to_plain_data_and_validates() -> None:
    doc = read_yaml(VALID)
    assert type(doc.data) is dict
    assert Plan.model_validate(doc.data).issued == "2024-01-15"


@pytest.mark.parametrize("text", ["a: !foo bar\n", "a: !!python/object:os.system x\n", "a: !!binary aGk=\n"])
def test_unsupported_tags_are_refused(text: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_yaml(text, Path("t.yaml"))
    assert "unsupported YAML" in caught.value.issues[0].message


def test_duplicate_key_is_an_error_with_its_position() -> None:
    with pytest.raises(DataFileError) as caught:
        parse_yaml("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n", Path("d.yaml"))
    (issue,) = caught.value.issues
    assert (issue.line, issue.col) == (5, 3)
    assert "duplicate key 'c'" in issue.message
    assert issue.source_line == "  c: 3"


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [("a: [1, 2\nb: 3\n", 2, 2), ("a: b: c\n", 1, 5), ("a:\n  - x\n y: 2\n", 3, 2), ("a: *nope\n", 1, 4)],
)
def test_syntax_errors_carry_their_position(text: str, line: int, col: int) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_yaml(text, Path("s.yaml"))
    (issue,) = caught.value.issues
    assert (issue.line, issue.col) == (line, col)
    assert issue.message.startswith("YAML syntax error")
    assert issue.source_line == text.splitlines()[line - 1]


def test_yaml_1_1_directive_is_refused() -> None:
    with pytest.raises(DataFileError, match="YAML 1.2 only"):
        parse_yaml("%YAML 1.1\n---\na: no\n", Path("v.yaml"))


def test_unreadable_files_are_data_file_errors(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        read_yaml(tmp_path / "absent.yaml")
    (tmp_path / "latin1.yaml").write_bytes("a: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataFileError, match="not UTF-8"):
        read_yaml(tmp_path / "latin1.yaml")
    with pytest.raises(DataFileError, match="the file is empty"):
        load_yaml_model(_write(tmp_path, "# nothing\n"), Text)


# --- rendering ---------------------------------------------------------------------------------------


def test_render_points_at_file_line_and_column() -> None:
    issue = Issue("scenarios/plans/x.yaml", 42, 7, ("reporting", "obligations", 2, "deadline"),
                  "expected a duration, found '-30min'", "      deadline: -30min", "did you mean '30min'?")  # fmt: skip
    assert issue.render() == (
        "scenarios/plans/x.yaml:42:7: reporting.obligations[2].deadline: expected a duration, found '-30min'\n"
        "    42 |       deadline: -30min\n"
        "       |       ^\n"
        "       = did you mean '30min'?"
    )


def test_data_file_error_survives_pickling() -> None:
    error = DataFileError([Issue("a.yaml", 3, 1, ("x",), "bad", "x: 1")])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.issues == error.issues
    assert copy.render() == error.render()


def test_render_without_position_or_path() -> None:
    issue = Issue("a.yaml", 0, 0, (), "file not found")
    assert issue.render() == "a.yaml: file not found"
    error = DataFileError([issue, issue])
    assert error.render().endswith("\n\n2 problems")
    assert str(error) == error.render()


def test_format_helpers() -> None:
    assert format_path(("a", 0, "b", 12)) == "a[0].b[12]"
    assert format_path((3,)) == "[3]"
    assert format_value("x" * 100).endswith("...'")
    assert format_value(True) == "true (a boolean)"
    assert format_value(None) == "nothing (null)"
    assert format_value([1, 2]) == "a list of 2 items"


def test_suggest_offers_close_matches_or_a_short_list() -> None:
    assert suggest("dedline", ["deadline", "content", "channel"]) == "did you mean 'deadline'?"
    assert suggest("zzz", ["a", "b"]) == "allowed: a, b"
    assert suggest("zzz", ["a", "b"], listing=0) is None


# --- pydantic errors translated ----------------------------------------------------------------------


def test_misspelt_key_gets_did_you_mean_and_no_missing_field_noise(tmp_path: Path) -> None:
    (issue,) = _issues(_plan_with(tmp_path, "      deadline: 30min\n", "      dedline: 30min\n"))
    assert issue.message == "unknown field 'dedline'"
    assert issue.hint == "did you mean 'deadline'?"
    assert issue.path == ("reporting", "obligations", 0, "dedline")
    assert issue.source_line.strip() == "dedline: 30min"


def test_extra_key_in_a_union_member_whose_tag_equals_a_field(tmp_path: Path) -> None:
    """loc is ('triggers', 0, 'grade', 'extra'): 'grade' is the tag, not the grade field."""
    old = "{kind: grade, grade: especially_major}"
    (issue,) = _issues(_plan_with(tmp_path, old, "{kind: grade, grade: especially_major, grde: x}"))
    assert issue.path == ("response_levels", 0, "triggers", 0, "grde")
    assert issue.hint == "did you mean 'grade'?"


def test_union_noise_is_reduced_to_the_meant_member(tmp_path: Path) -> None:
    (issue,) = _issues(_plan_with(tmp_path, "      deadline: 1h\n", "      deadline: soon\n"))
    assert issue.message.startswith("expected a non-negative duration with a unit")
    assert "ParamRef" not in issue.message
    (issue,) = _issues(_plan_with(tmp_path, "deadline: {param: immediately}", "deadline: {param: 5}"))
    assert issue.path[-2:] == ("deadline", "param")
    assert issue.message == "expected text, found 5"
    (issue,) = _issues(_plan_with(tmp_path, "deadline: {param: immediately}", "deadline: {parm: immediately}"))
    assert issue.hint == "did you mean 'param'?"


def test_int_or_float_alternatives_merge_into_one_message(tmp_path: Path) -> None:
    (issue,) = _issues(_plan_with(tmp_path, "    number: 10\n", "    number: ten\n"))
    assert issue.message == "expected a number, found 'ten'"
    assert issue.path == ("parameters", 1, "number")


def test_unknown_and_missing_discriminator(tmp_path: Path) -> None:
    (issue,) = _issues(_plan_with(tmp_path, "{kind: grade, grade: major}", "{kind: grades, grade: major}"))
    assert issue.path[-1] == "kind"
    assert "unknown kind 'grades'" in issue.message
    assert "people_at_risk, capacity_exceeded, cross_jurisdiction, decided_by" in issue.message
    assert issue.hint == "did you mean 'grade'?"
    (issue,) = _issues(_plan_with(tmp_path, "{kind: level_activated, level: 1}", "{level: 1}"))
    assert "missing 'kind'" in issue.message and "report_received" in issue.message


def test_aliased_field_keeps_its_data_name(tmp_path: Path) -> None:
    (issue,) = _issues(_plan_with(tmp_path, "      from: county_commander\n", "      from: 7\n"))
    assert issue.path == ("field_command", "handovers", 0, "from")
    assert issue.hint == "put the value in quotes if you mean text"


def test_missing_field_points_at_its_parent_mapping(tmp_path: Path) -> None:
    path = _plan_with(tmp_path, "    why: {zh: 原文只写立即, en: The plan only says immediately}\n", "")
    (issue,) = _issues(path)
    assert issue.message == "missing required field 'why'"
    assert issue.source_line == "  - id: immediately"


def test_tuple_length_noise_is_dropped(tmp_path: Path) -> None:
    (issue,) = _issues(_plan_with(tmp_path, "    rank: 4\n", "    rank: four\n"))
    assert issue.path == ("grades", 3, "rank")


def test_all_field_names_cover_the_schema() -> None:
    names = all_field_names(Plan)
    assert {"deadline", "from", "at_least", "obligation", "briefing"} <= set(names)
    assert "from_" not in names


def test_validation_issues_directly() -> None:
    doc = parse_yaml("zh: ''\nen: fine\nextra: 1\n", Path("t.yaml"))
    with pytest.raises(ValidationError) as caught:
        Text.model_validate(doc.data)
    issues = validation_issues(caught.value, doc, Text)
    assert [(i.line, i.message) for i in issues] == [
        (1, "expected non-empty text, found ''"),
        (3, "unknown field 'extra'"),
    ]


# --- the public API ----------------------------------------------------------------------------------


def test_load_yaml_model(tmp_path: Path) -> None:
    assert load_yaml_model(_write(tmp_path, "zh: 你好\nen: hello\n"), Text).en == "hello"
    with pytest.raises(DataFileError) as caught:
        load_yaml_model(_write(tmp_path, "zh: 你好\nen: 5\n"), Text)
    assert caught.value.issues[0].line == 2


def test_load_layer_and_layer_checks(tmp_path: Path) -> None:
    assert load_layer(LAYER).id == "decree_493"
    text = LAYER.read_text(encoding="utf-8").replace("      from: unit_head\n", "      from: unit_heed\n", 1)
    with pytest.raises(DataFileError) as caught:
        load_layer(_write(tmp_path, text, "decree_493.yaml"))
    (issue,) = caught.value.issues
    assert "undefined body 'unit_heed'" in issue.message and "bodies_required" in issue.message
    assert issue.hint == "did you mean 'unit_head'?"


def test_layer_id_must_match_its_file_name(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="differs from the file name"):
        load_layer(_write(tmp_path, LAYER.read_text(encoding="utf-8"), "other.yaml"))


def test_default_layer_dir_and_issues_from_plan_and_layer_together(tmp_path: Path) -> None:
    path = _plan_with(tmp_path, "      deadline: 1h\n", "      deadline: 1 hour\n")
    layer = tmp_path / "external" / "decree_493.yaml"
    layer.write_text(layer.read_text(encoding="utf-8").replace("deadline: 2h", "deadline: 2hrs"), encoding="utf-8")
    files = [Path(i.file).name for i in _issues(path)]
    assert files == ["plan.yaml", "decree_493.yaml"]


def test_missing_layer_file_is_reported_once(tmp_path: Path) -> None:
    path = _plan_with(tmp_path)
    assert load_plan(path).layers[0].id == "decree_493"
    (tmp_path / "external" / "decree_493.yaml").unlink()
    (issue,) = _issues(path)
    assert "unknown layer 'decree_493'" in issue.message
    assert issue.source_line == "inherits: [decree_493]"


def test_validate_file_dispatches_on_kind(tmp_path: Path) -> None:
    assert validate_file(VALID) == []
    assert validate_file(LAYER) == []
    (issue,) = validate_file(_write(tmp_path, "kind: plam\n"))
    assert "unknown kind 'plam'" in issue.message and "external_layer" in issue.message
    assert issue.hint == "did you mean 'plan'?"
    (issue,) = validate_file(_write(tmp_path, "id: x\n"))
    assert issue.message.startswith("missing 'kind'")
    (issue,) = validate_file(_write(tmp_path, "- a\n"))
    assert "expected a mapping" in issue.message
    (issue,) = validate_file(tmp_path / "absent.yaml")
    assert issue.message == "file not found"


def test_register_loader_extends_validate_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("drillsim.loading.file_kinds.LOADERS", dict(LOADERS))
    seen: list[Path] = []
    register_loader("drill_note", seen.append)
    path = _write(tmp_path, "kind: drill_note\n")
    assert validate_file(path) == []
    assert seen == [path]


def test_checks_run_on_plain_data_without_raising() -> None:
    for junk in (None, [], "x", {"bodies": 5, "inherits": "x", "grades": [1, None, {"id": 3}]}):
        assert isinstance(check_plan(junk), list)
        assert isinstance(check_layer(junk), list)
    assert check_layer(read_yaml(LAYER).data) == []
    layer = read_yaml(LAYER).data
    assert check_plan(read_yaml(VALID).data, {"decree_493": layer}, ["decree_493"]) == []
    assert ExternalLayer.model_validate(layer).id == "decree_493"


@pytest.mark.parametrize(("old", "new", "where"), [
    ("    bodies: [informant, site_personnel, unit_head, enterprise]", "    bodies: 5", "roles[0].bodies"),
    ("    bodies: [informant, site_personnel, unit_head, enterprise]", "    bodies: true", "roles[0].bodies"),
    ("{kind: figure, figure: hazard_extent", "{kind: {a: 1}, figure: hazard_extent", "contained_when.kind"),
    ("{kind: figure, figure: hazard_extent", "{kind: [x], figure: hazard_extent", "contained_when.kind"),
])
def test_malformed_scenario_fields_are_positioned_errors_not_crashes(tmp_path: Path, old: str, new: str,
                                                                     where: str) -> None:
    text = (REPO / "tests" / "data" / "lint" / "clean.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_scenario(path)
    assert len(caught.value.issues) == 1 and where in str(caught.value)


def test_a_capacity_flag_names_a_tier_of_the_plan(tmp_path: Path) -> None:
    """Raising or clearing `capacity_exceeded` names a tier of the plan (a misspelt tier would never trigger
    a level nor clear one): a positioned error with did-you-mean."""
    text = (REPO / "tests" / "data" / "scenarios" / "crossing-fire.yaml").read_text(encoding="utf-8").replace(
        "change: {set: {hazard_extent: 5}}", "change: {set: {hazard_extent: 5}, clear_capacity_exceeded: [countty]}")
    with pytest.raises(DataFileError) as caught:
        load_scenario(_write(tmp_path, text, "crossing-fire.yaml"))
    (issue,) = caught.value.issues
    assert "countty" in issue.message and issue.hint == "did you mean 'county'?"
    assert issue.line == 31
