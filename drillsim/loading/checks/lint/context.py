"""What every lint check looks at: the scenario and its plan by id, who plays what, and what can happen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drillsim.loading.checks.lint.reach import Reach, reach
from drillsim.loading.checks.lint.starts import active_levels, applying_obligations
from drillsim.model.plan import Body, LoadedPlan, Obligation, Plan, ResponseLevel, WarningLevel, WorkingGroup
from drillsim.model.scenario import Inject, Resource, Scenario, ScenarioAction
from drillsim.rules.plan_index import PlanIndex

__all__ = ["LintContext"]


@dataclass
class LintContext:
    """A scenario and its plan by id, built once per lint; `active_levels` and `applies` are what can happen.

    The look-ups are the engine's own (`rules.plan_index.PlanIndex`); the properties name them as the checks
    and the decision types' `lint_*` methods read them.
    """

    scenario: Scenario
    index: PlanIndex
    seeds: Path | None
    obligations: dict[str, Obligation]
    """The rules in force by id (the `obligation` of each of `index.obligations`)."""
    human: set[str]
    actions: dict[str, ScenarioAction]
    injects: dict[str, tuple[int, Inject]]
    colours: dict[str, WarningLevel]
    commanders: set[str]
    """Every body that can hold field command: establishes it, or hands it over or takes it over."""
    reach: Reach
    active_levels: set[int] = field(default_factory=set)
    """Levels that can become active: justified by reachable facts, or expected of / open to a player."""
    applies: dict[str, Obligation] = field(default_factory=dict)
    """Obligations the scenario sets off (their start can happen and their reporter takes part)."""
    inject_reachable: dict[str, bool] = field(default_factory=dict)
    """Memo of `conditions.inject_reachable`."""

    @classmethod
    def build(cls, sc: Scenario, loaded: LoadedPlan, seeds: Path | None) -> LintContext:
        """The look-ups of a scenario under its plan, then the levels and obligations that can start."""
        index = PlanIndex.build(loaded, sc)
        plan = loaded.definition
        fc = plan.field_command
        ctx = cls(
            scenario=sc,
            index=index,
            seeds=seeds,
            obligations={oid: eo.obligation for oid, eo in index.obligations.items()},
            human={r.id for r in sc.roles if r.played_by == "human"},
            actions={a.id: a for a in sc.actions},
            injects={i.id: (n, i) for n, i in enumerate(sc.msel)},
            colours={w.id: w for w in plan.warnings.levels},
            commanders={e.by for e in fc.establishment} | {h.to for h in fc.handovers}
            | {h.from_ for h in fc.handovers},
            reach=reach(sc, plan),
        )
        ctx.active_levels = active_levels(ctx)
        ctx.applies = applying_obligations(ctx)
        return ctx

    @property
    def plan(self) -> Plan:
        return self.index.loaded.definition

    @property
    def bodies(self) -> dict[str, Body]:
        return self.index.bodies

    @property
    def levels(self) -> dict[int, ResponseLevel]:
        return self.index.levels

    @property
    def groups(self) -> dict[str, WorkingGroup]:
        return self.index.groups

    @property
    def resources(self) -> dict[str, Resource]:
        return self.index.resources

    def played(self, body: str) -> bool:
        """Some role plays this body."""
        return body in self.index.role_of_body

    def rank(self, body: str) -> int:
        """Tier rank of a body (0 = enterprise, also for an unknown body)."""
        return self.index.rank(body)

    def highest_leading_rank(self) -> int:
        """The rank of the highest tier that leads a level which can become active (0 when none can)."""
        return max((self.index.tier_rank.get(self.levels[lv].led_by_tier, 0) for lv in self.active_levels), default=0)

    def name(self, body: str) -> str:
        """A body in a message: `county_government (Banner/district government)`."""
        b = self.bodies.get(body)
        return f"{body} ({b.name.en})" if b else repr(body)

    def grade_rank(self) -> dict[str, int]:
        """Grade id → rank (1 = especially_major)."""
        return {g.id: g.rank for g in self.plan.grades}
