"""A valid plan loads cleanly; each broken variant yields exactly one issue, on the line its header names.

Every file in tests/data/broken_plans/ is the valid plan with one defect and a first line
`# expect: <line> <words the issue must contain>` (searched in the message and its hint).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drillsim.loading import DataFileError, LoadedPlan, load_plan, validate_file

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid_plan" / "plan.yaml"
LAYERS = DATA / "valid_plan" / "external"
BROKEN = sorted((DATA / "broken_plans").glob("*.yaml"))
_EXPECT = re.compile(r"^# expect: (\d+) (.+)$")

# The defects the folder must keep covering (file stems).
REQUIRED = {
    "misspelt_key", "string_for_int", "int_for_duration", "quoted_int", "bool_as_int", "duplicate_key",
    "yaml_syntax", "undefined_body", "undefined_tier", "undefined_working_group", "undefined_parameter",
    "undefined_source", "undefined_layer", "missing_layer_body", "negative_deadline", "deadline_without_unit",
    "thresholds_out_of_order", "duplicate_grade", "wrong_grade_id", "duplicate_response_level",
    "overlapping_people_at_risk", "min_above_max", "unknown_trigger_kind", "missing_cite", "empty_quote",
    "unknown_modality", "report_received_cycle", "supersedes_unknown", "duration_and_number", "bad_id_pattern",
}  # fmt: skip


def _expectation(path: Path) -> tuple[int, str]:
    match = _EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name}: first line must be '# expect: <line> <text>'"
    return int(match.group(1)), match.group(2)


def test_valid_plan_loads_cleanly() -> None:
    loaded = load_plan(VALID)
    assert isinstance(loaded, LoadedPlan)
    assert loaded.definition.id == "test_plan"
    assert [layer.id for layer in loaded.layers] == ["decree_493"]
    assert loaded.path == VALID
    assert validate_file(VALID) == []
    assert validate_file(LAYERS / "decree_493.yaml") == []


def test_every_required_defect_has_a_file() -> None:
    assert len(BROKEN) >= 24
    assert REQUIRED <= {p.stem for p in BROKEN}


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_plan_reports_one_issue_on_the_right_line(path: Path) -> None:
    line, words = _expectation(path)
    with pytest.raises(DataFileError) as caught:
        load_plan(path, layer_dir=LAYERS)
    issues = caught.value.issues
    assert len(issues) == 1, caught.value.render()
    issue = issues[0]
    assert issue.line == line, caught.value.render()
    assert words in f"{issue.message} {issue.hint or ''}", caught.value.render()
    assert issue.file.endswith(path.name)
    assert issue.source_line == path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert caught.value.render().startswith(f"{issue.file}:{line}:{issue.col}: ")


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_plan_differs_from_the_valid_plan_in_one_place(path: Path) -> None:
    """Guards the folder's premise: the defect is the only change (besides the two header lines)."""
    valid = VALID.read_text(encoding="utf-8").splitlines()[1:]
    broken = path.read_text(encoding="utf-8").splitlines()[2:]
    start = next((i for i, (a, b) in enumerate(zip(valid, broken)) if a != b), min(len(valid), len(broken)))
    end = next((i for i, (a, b) in enumerate(zip(valid[::-1], broken[::-1])) if a != b), 0)
    assert max(len(valid), len(broken)) - start - end <= 3


_TOKENS = ["", " ", ":", "- ", "[", "]", "{", "}", '"', "'", "\t", "x", "1", "-1", "true", "null", "#", ",", "&a ",
           "*a", "!!str ", "? ", "|", "0x1", "1.5", "county", "report_received", "30min", "Bad Id"]  # fmt: skip
_EDIT = st.tuples(st.integers(0, 10_000), st.sampled_from(["delete", "copy", "splice"]), st.integers(0, 200),
                  st.integers(0, 8), st.sampled_from(_TOKENS))  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(_EDIT, min_size=1, max_size=4))
def test_mangled_plans_raise_only_data_file_errors(edits: list[tuple[int, str, int, int, str]]) -> None:
    """Whatever the edit, loading either succeeds or raises DataFileError with positioned issues."""
    lines = VALID.read_text(encoding="utf-8").splitlines(keepends=True)
    for where, op, at, width, token in edits:
        i = where % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "copy":
            lines.insert(i, lines[(i * 7) % len(lines)])
        else:
            j = at % (len(lines[i]) + 1)
            lines[i] = lines[i][:j] + token + lines[i][j + width :]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.yaml"
        path.write_text("".join(lines), encoding="utf-8")
        try:
            load_plan(path, layer_dir=LAYERS)
        except DataFileError as err:
            assert err.issues
            assert all(issue.line >= 0 and issue.message for issue in err.issues)
            assert err.render()
