"""The score's calibration on every shipped scenario (a few seeds each, kept under 30 s): the plan policy
scores at least 95; a flawed policy never rates 优秀 while it holds a 不足项; one that causes avoidable harm
scores below 80."""

from __future__ import annotations

import pytest

from drillsim.engine.policies import POLICIES
from tests.test_scoring_support import SCENARIO_FILES, card

SEEDS = (1, 2, 3)
FLAWED = [p for p in POLICIES if p != "plan"]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])
def test_plan_policy_scores_at_least_95(path):
    for s in SEEDS:
        c = card(path, "plan", s)
        assert c.overall >= 95, (s, c.overall, [f.id for f in c.losing()])


@pytest.mark.parametrize("policy", FLAWED)
@pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])
def test_flawed_policy_that_causes_harm_scores_below_80(path, policy):
    for s in SEEDS:
        c = card(path, policy, s)
        harm = [f.id for f in c.losing() if f.id.startswith("harm:")]
        if harm:
            assert c.overall < 80, (s, c.overall, harm)
        if any(f.severity == "不足项" for f in c.losing()):
            assert c.conclusion[1] != "excellent", (s, c.overall)
