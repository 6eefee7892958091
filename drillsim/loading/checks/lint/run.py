"""Lint a scenario file: load it, run every check in a fixed order, position and sort the findings."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from drillsim.loading.checks.lint.actions import check_actions
from drillsim.loading.checks.lint.codes import LintFinding
from drillsim.loading.checks.lint.flags import check_flags
from drillsim.loading.checks.lint.context import LintContext
from drillsim.loading.checks.lint.informed import check_informed
from drillsim.loading.checks.lint.injects import check_duplicates, check_injects
from drillsim.loading.checks.lint.levels import check_levels
from drillsim.loading.checks.lint.objectives import check_objectives
from drillsim.loading.checks.lint.obligations import check_obligations
from drillsim.loading.checks.lint.officials import check_officials
from drillsim.loading.checks.lint.quotes import check_quotes
from drillsim.loading.checks.lint.resources import check_resources
from drillsim.loading.checks.lint.termination import check_termination
from drillsim.loading.errors import Issue
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.loading.yaml_source import read_yaml

__all__ = ["CHECKS", "LintResult", "lint_path", "lint_scenario", "seeds_dir"]

CHECKS: tuple[Callable[[LintContext], Iterable[LintFinding]], ...] = (
    check_objectives,
    check_actions,
    check_injects,
    check_duplicates,
    check_informed,
    check_obligations,
    check_levels,
    check_termination,
    check_flags,
    check_resources,
    check_officials,
    check_quotes,
)
"""Every check, in the order their findings come (a tie on one line and column keeps this order)."""


@dataclass(frozen=True)
class LintResult:
    """The findings of one scenario file, each also as a positioned Issue."""

    path: Path
    findings: tuple[LintFinding, ...]
    issues: tuple[Issue, ...]

    @property
    def clean(self) -> bool:
        return not self.findings


def seeds_dir() -> Path | None:
    """Where the source texts live: $DRILLSIM_SEEDS, else `shared/seeds` beside the repository; None if absent."""
    override = os.environ.get("DRILLSIM_SEEDS")
    if override:
        return Path(override) if Path(override).is_dir() else None
    from drillsim.catalog import data_root

    candidate = data_root().resolve().parent.parent / "shared" / "seeds"
    return candidate if candidate.is_dir() else None


def lint_path(path: Path, plans_dir: Path | None = None, seeds: Path | None = None) -> LintResult:
    """Load (raises DataFileError when the file is invalid) and lint one scenario file."""
    loaded = load_scenario(Path(path), plans_dir)
    doc = read_yaml(Path(path))
    findings = tuple(lint_scenario(loaded, seeds if seeds is not None else seeds_dir()))
    issues = tuple(f.issue(doc) for f in findings)
    order = sorted(range(len(findings)), key=lambda i: (issues[i].line, issues[i].col, findings[i].code))
    return LintResult(Path(path), tuple(findings[i] for i in order), tuple(issues[i] for i in order))


def lint_scenario(loaded: LoadedScenario, seeds: Path | None = None) -> list[LintFinding]:
    """Every lint finding of a loaded (valid) scenario, check by check."""
    ctx = LintContext.build(loaded.scenario, loaded.plan, seeds)
    return [finding for check in CHECKS for finding in check(ctx)]
