"""Plan-compliance scoring: every obligation of the plan and every expected action of the MSEL, judged from
the exercise's events, each verdict with its clause and evidence."""

from drillsim.scoring.api import ScoreCard, evaluate, score_exercise
from drillsim.scoring.overrides import Observation, Override

__all__ = ["Observation", "Override", "ScoreCard", "evaluate", "score_exercise"]
