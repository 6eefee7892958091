"""`drillsim lint`: every broken variant in tests/data/lint/ yields exactly the findings its `# LINT:` comments
mark, at the marked lines; the shipped scenarios and the clean base lint clean; the CLI exits 0/1/2."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillsim.catalog import scenario_paths
from drillsim.cli import app  # every command registered
from drillsim.lint import CODES, lint_path
from drillsim.loading import DataFileError
from tests.conftest import REPO, SEEDS


LINT_DIR = REPO / "tests" / "data" / "lint"
VARIANTS = sorted(p for p in LINT_DIR.glob("*.yaml") if p.stem not in ("clean", "invalid"))
_MARK = re.compile(r"#\s*LINT:\s*(?P<codes>[^#\n]+)$")
_SEEDS = SEEDS if SEEDS.is_dir() else None


def marked(path: Path) -> Counter[tuple[str, int]]:
    """(code, line) → count, from the `# LINT: code[ xN], code` comments of a variant."""
    found: Counter[tuple[str, int]] = Counter()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = None if line.lstrip().startswith("#") else _MARK.search(line)
        if match is None:
            continue
        for item in match.group("codes").split(","):
            code, _, times = item.strip().partition(" x")
            found[(code, number)] += int(times) if times else 1
    return found


def test_there_are_variants_for_most_codes() -> None:
    codes = {code for path in VARIANTS for code, _ in marked(path)}
    assert len(VARIANTS) >= 20
    assert codes <= set(CODES)
    assert len(codes) >= 20, sorted(set(CODES) - codes)


def test_every_variant_marks_something() -> None:
    for path in VARIANTS:
        assert marked(path), f"{path.name} marks no expected finding"


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: p.stem)
def test_variant_yields_exactly_its_marked_findings(path: Path) -> None:
    if path.stem == "quote_not_in_seed" and _SEEDS is None:
        pytest.skip("the source documents (../shared/seeds) are not beside this checkout")
    result = lint_path(path, seeds=_SEEDS)
    got = Counter((f.code, issue.line) for f, issue in zip(result.findings, result.issues))
    assert got == marked(path), "\n" + "\n\n".join(issue.render() for issue in result.issues)


def test_the_clean_base_is_clean() -> None:
    result = lint_path(LINT_DIR / "clean.yaml", seeds=_SEEDS)
    assert result.clean, "\n".join(issue.render() for issue in result.issues)


LINTED = ("ordos-coal-mine", "xinjiang-cotton-yard-fire", "bingtuan-chlorine-leak", "zhundong-coal-chemical-fire",
          "cotton-picker-fire")


@pytest.mark.parametrize("name", LINTED)
def test_shipped_scenarios_lint_clean(name: str) -> None:
    path = next(p for p in scenario_paths() if p.stem == name)
    result = lint_path(path, seeds=_SEEDS)
    assert result.clean, "\n".join(issue.render() for issue in result.issues)


def test_findings_point_at_file_line_and_carry_a_hint() -> None:
    result = lint_path(LINT_DIR / "undefined_action.yaml")
    (finding,), (issue,) = result.findings, result.issues
    assert finding.severity == "error"
    assert issue.file.endswith("undefined_action.yaml") and issue.line > 0 and issue.col > 0
    assert "did you mean 'first_attack'" in issue.render()
    assert "error[undefined-reference]" in issue.render()


def test_invalid_file_raises() -> None:
    with pytest.raises(DataFileError):
        lint_path(LINT_DIR / "invalid.yaml")


def test_cli_exit_codes() -> None:
    runner = CliRunner()
    clean = runner.invoke(app, ["lint", str(LINT_DIR / "clean.yaml")])
    assert clean.exit_code == 0, clean.output
    assert "clean" in clean.stdout
    findings = runner.invoke(app, ["lint", str(LINT_DIR / "expected_unauthorised.yaml")])
    assert findings.exit_code == 1, findings.output
    assert "warning[expected-unauthorised]" in findings.stdout
    assert "expected_unauthorised.yaml:" in findings.stdout
    invalid = runner.invoke(app, ["lint", str(LINT_DIR / "invalid.yaml"), str(LINT_DIR / "clean.yaml")])
    assert invalid.exit_code == 2
    missing = runner.invoke(app, ["lint", "no-such-scenario"])
    assert missing.exit_code == 2


def test_cli_lints_shipped_scenarios_by_id_and_as_json() -> None:
    import json

    result = CliRunner().invoke(app, ["lint", "--json", "xinjiang-cotton-yard-fire", "bingtuan-chlorine-leak"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [r["findings"] for r in report] == [[], []]


def test_cli_lists_the_codes() -> None:
    result = CliRunner().invoke(app, ["lint", "--codes"])
    assert result.exit_code == 0
    assert all(code in result.stdout for code in CODES)


@pytest.mark.parametrize("variant, gate", [
    ("expected_uninformed_command", "{kind: obligation, obligation: unit_head_to_county, status: reported}"),
    ("expected_uninformed", "{kind: all, of: [{kind: after, time: 20min}, "
                            "{kind: obligation, obligation: informant_alarm, status: reported}]}"),
])
def test_an_inject_gated_on_the_news_reaching_its_body_is_clean(tmp_path: Path, variant: str, gate: str) -> None:
    """The twin of an expected-uninformed variant whose inject waits for a report to reach the county: clean
    (the time may stay — it is the report that tells the county, not the clock)."""
    text = (LINT_DIR / f"{variant}.yaml").read_text(encoding="utf-8")
    gated = re.sub(r"when: \{kind: after, time: (20|60)min\}.*", f"when: {gate}", text)
    assert gated != text
    path = tmp_path / f"{variant}.yaml"
    path.write_text(gated, encoding="utf-8")
    result = lint_path(path)
    assert result.clean, "\n".join(issue.render() for issue in result.issues)


def test_the_old_time_fallback_of_the_region_inject_is_flagged(tmp_path: Path) -> None:
    """Ordos inj-09 as shipped before engine 6 (`any: [follow-up met, after 100min]`): the region could be told
    of 12 trapped and expected to activate and take command with no report — lint says so."""
    from drillsim.catalog import data_root

    text = (data_root() / "ordos-coal-mine.yaml").read_text(encoding="utf-8")
    old = re.sub(r"            - kind: all\n              of:\n                - \{kind: obligation, obligation: "
                 r"prefecture_to_region, status: reported\}\n                - \{kind: after, time: 100min\}\n",
                 "            - {kind: after, time: 100min}\n", text)
    assert old != text
    (tmp_path / "ordos.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "plans").symlink_to(data_root() / "plans")
    result = lint_path(tmp_path / "ordos.yaml")
    # activating level 2 and setting up command, both by the regional HQ
    assert [f.code for f in result.findings] == ["expected-uninformed"] * 2
    assert all("inj-09-region-level2" in issue.message and "region_hq" in issue.message for issue in result.issues)
