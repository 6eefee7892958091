"""`drillsim lint`'s checks live in `drillsim/loading/checks/lint/`; this module keeps the old import path."""

from drillsim.loading.checks.lint import CODES, LintFinding, LintResult, lint_path, lint_scenario, seeds_dir

Finding = LintFinding

__all__ = ["CODES", "Finding", "LintResult", "lint_scenario", "lint_path", "seeds_dir"]
