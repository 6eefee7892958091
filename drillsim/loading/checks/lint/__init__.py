"""`drillsim lint`: does a valid scenario play as its author means it to?

Loading (`../scenario.py`) already proves that the file is well formed and that its ids resolve. The
linter looks at the scenario *with its plan* and asks what validity cannot:

- every objective is served by injects with expected actions (`objectives`);
- every plan obligation the scenario sets off can be observed: its reporter and recipients are played,
  and each `report_received` chain continues to the end (`obligations`, `starts`);
- no inject waits for something that cannot happen: a conditional inject's condition refers to figures
  the dynamics can reach, levels the plan has and that can be activated, decisions someone can make,
  obligations that start and injects that are delivered (`conditions` over the bounds of `reach`);
- references the loader does not check resolve (`actions`, `targets`);
- warnings: a rescue effect's resource that nobody can dispatch (`resources`), an official who is no
  handover target or never travels (`officials`), an expected action the plan's authorities would reject
  (`expected`, `authority`), an unauthorised information release, a quote that is not in its seed (`quotes`).

`context` holds what every check looks at; `run` runs the checks in order. Every finding has a code
(`codes.CODES`), a severity and the data path of the offending node, so the CLI can print `file:line:col`.
"""

from drillsim.loading.checks.lint.codes import CODES, LintFinding, Severity
from drillsim.loading.checks.lint.run import CHECKS, LintResult, lint_path, lint_scenario, seeds_dir

__all__ = ["CHECKS", "CODES", "LintFinding", "LintResult", "Severity", "lint_path", "lint_scenario", "seeds_dir"]
