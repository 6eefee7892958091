"""What a lint finding is: a code from CODES, a severity, the data path of the offending node, a message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drillsim.loading.errors import Issue
from drillsim.loading.plain_data import DataPath
from drillsim.loading.yaml_source import YamlDocument

__all__ = ["CODES", "LintFinding", "Severity"]

Severity = Literal["error", "warning"]

CODES: dict[str, str] = {
    "objective-unused": "an objective no inject serves",
    "objective-unscored": "an objective whose injects expect no action, so nothing scores it",
    "inject-no-objective": "an inject whose expected actions serve no objective",
    "inject-no-expected": "an inject that names objectives but expects no action",
    "inject-unreachable": "an inject that can never be delivered",
    "condition-unreachable": "a part of a condition that can never hold",
    "obligation-unobserved": "an obligation the scenario sets off whose reporter no role plays",
    "recipient-unplayed": "a recipient of an obligation the scenario sets off that no role plays",
    "expected-unplayed": "an expected action by a body no role plays",
    "expected-no-target": "an expected action without the target a computer role needs to carry it out",
    "expected-unauthorised": "an expected action the plan's authorities would reject",
    "expected-never-starts": "an expected report on an obligation this scenario never starts",
    "expected-any-target": "an expected action without a target that any action of its type would meet",
    "expected-counts-from-unused": "counts_from on an expected action scored under a plan rule or by a state",
    "expected-duplicate": "an expected action that an earlier one of the same inject already satisfies",
    "expected-uninformed": "an expected report passing on news, activation, command takeover or call for help by a "
                           "government body, in an inject that can come before any report has reached its role",
    "release-unauthorised": "an expected information release by a body the plan does not authorise",
    "level-unactivatable": "a response level the scenario can justify whose activating body no role plays",
    "groups-unactivated": "a level requiring working groups whose commander no role plays",
    "flag-never-raised": "a situation flag a change clears that nothing in the scenario raises",
    "termination-unreachable": "the plan's termination conditions can never all hold",
    "action-duplicate": "two scenario actions with one id",
    "action-undefined-body": "a scenario action taken by a body the plan does not define",
    "action-unplayed": "a scenario action no role can take",
    "undefined-reference": "a target (action, obligation, group, resource, level, colour) that does not exist",
    "rescue-resource-uncontrolled": "a resource a rescue effect needs that nobody can dispatch",
    "resource-uncontrolled": "a resource nobody can dispatch",
    "official-not-handover-target": "an official to whom no plan handover passes command",
    "official-never-travels": "an official whose tier leads no level the scenario can reach",
    "official-unplayed": "an official whose body no role plays, so nobody commands after the handover",
    "quote-not-in-seed": "a citation whose Chinese quote is not verbatim in its seed",
}
"""Finding codes and what they mean (also shown by `drillsim lint --codes`)."""


@dataclass(frozen=True)
class LintFinding:
    """One lint finding: a code (see CODES), how serious, where (data path), what, and a hint."""

    code: str
    severity: Severity
    path: DataPath
    message: str
    hint: str | None = None

    def issue(self, doc: YamlDocument) -> Issue:
        """The finding positioned in its file, as `severity[code]: message`."""
        return doc.issue(self.path, f"{self.severity}[{self.code}]: {self.message}", self.hint)
