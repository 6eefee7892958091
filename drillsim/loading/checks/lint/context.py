"""What every lint check looks at: the scenario and its plan by id, who plays what, and what can happen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drillsim.loading.checks.lint.reach import Reach, reach
from drillsim.loading.checks.lint.starts import active_levels, applying_obligations
from drillsim.loading.plans import LoadedPlan
from drillsim.model.plan import Body, Obligation, Plan, ResponseLevel, WarningLevel, WorkingGroup
from drillsim.model.scenario import Inject, Resource, Scenario, ScenarioAction
from drillsim.rules.obligations import effective_obligations

__all__ = ["LintContext"]


@dataclass
class LintContext:
    """A scenario and its plan by id, built once per lint; `active_levels` and `applies` are what can happen."""

    scenario: Scenario
    loaded: LoadedPlan
    plan: Plan
    seeds: Path | None
    bodies: dict[str, Body]
    tier_rank: dict[str, int]
    levels: dict[int, ResponseLevel]
    groups: dict[str, WorkingGroup]
    obligations: dict[str, Obligation]
    role_of: dict[str, str]
    human: set[str]
    actions: dict[str, ScenarioAction]
    resources: dict[str, Resource]
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
        plan = loaded.definition
        fc = plan.field_command
        ctx = cls(
            scenario=sc,
            loaded=loaded,
            plan=plan,
            seeds=seeds,
            bodies={b.id: b for b in plan.bodies},
            tier_rank={t.id: t.rank for t in plan.tiers},
            levels={lv.level: lv for lv in plan.response_levels},
            groups={g.id: g for g in plan.working_groups},
            # same id twice: the later (the plan's own) wins, as in the engine
            obligations={eo.id: eo.obligation for eo in effective_obligations(plan, loaded.layers)},
            role_of={b: r.id for r in sc.roles for b in r.bodies},
            human={r.id for r in sc.roles if r.played_by == "human"},
            actions={a.id: a for a in sc.actions},
            resources={r.id: r for r in sc.resources},
            injects={i.id: (n, i) for n, i in enumerate(sc.msel)},
            colours={w.id: w for w in plan.warnings.levels},
            commanders={e.by for e in fc.establishment} | {h.to for h in fc.handovers}
            | {h.from_ for h in fc.handovers},
            reach=reach(sc, plan),
        )
        ctx.active_levels = active_levels(ctx)
        ctx.applies = applying_obligations(ctx)
        return ctx

    def played(self, body: str) -> bool:
        """Some role plays this body."""
        return body in self.role_of

    def same_role(self, a: str, b: str) -> bool:
        """Both bodies are played by one role."""
        return a in self.role_of and self.role_of.get(a) == self.role_of.get(b)

    def rank(self, body: str) -> int:
        """Tier rank of a body (0 = enterprise, also for an unknown body)."""
        b = self.bodies.get(body)
        return self.tier_rank.get(b.tier, 0) if b else 0

    def name(self, body: str) -> str:
        """A body in a message: `county_government (Banner/district government)`."""
        b = self.bodies.get(body)
        return f"{body} ({b.name.en})" if b else repr(body)

    def grade_rank(self) -> dict[str, int]:
        """Grade id → rank (1 = especially_major)."""
        return {g.id: g.rank for g in self.plan.grades}
