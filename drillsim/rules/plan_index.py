"""Look-up tables over a plan and a scenario, built once per exercise."""

from __future__ import annotations

from dataclasses import dataclass

from drillsim.model.plan import Body, Handover, LoadedPlan, ResponseLevel, WorkingGroup
from drillsim.model.scenario import Official, Resource, Role, Scenario
from drillsim.rules.obligations import EffectiveObligation, effective_obligations


@dataclass(frozen=True)
class PlanIndex:
    """Plan and scenario facts by id, so the engine never searches lists in its hot paths; lint reads them too."""

    loaded: LoadedPlan
    scenario: Scenario
    bodies: dict[str, Body]
    tier_rank: dict[str, int]
    rank_of_body: dict[str, int]
    levels: dict[int, ResponseLevel]
    obligations: dict[str, EffectiveObligation]
    groups: dict[str, WorkingGroup]
    roles: dict[str, Role]
    role_of_body: dict[str, str]
    role_bodies: dict[str, frozenset[str]]
    resources: dict[str, Resource]
    officials: dict[str, Official]
    handovers: tuple[Handover, ...]

    @classmethod
    def build(cls, loaded: LoadedPlan, scenario: Scenario) -> PlanIndex:
        plan = loaded.definition
        tier_rank = {t.id: t.rank for t in plan.tiers}
        return cls(
            loaded=loaded,
            scenario=scenario,
            bodies={b.id: b for b in plan.bodies},
            tier_rank=tier_rank,
            rank_of_body={b.id: tier_rank.get(b.tier, 0) for b in plan.bodies},
            levels={lv.level: lv for lv in plan.response_levels},
            obligations={eo.id: eo for eo in effective_obligations(plan, loaded.layers)},
            groups={g.id: g for g in plan.working_groups},
            roles={r.id: r for r in scenario.roles},
            role_of_body={b: r.id for r in scenario.roles for b in r.bodies},
            role_bodies={r.id: frozenset(r.bodies) for r in scenario.roles},
            resources={r.id: r for r in scenario.resources},
            officials={o.body: o for o in scenario.officials},
            handovers=plan.field_command.handovers,
        )

    def rank(self, body_id: str) -> int:
        """Tier rank of a body (0 = enterprise)."""
        return self.rank_of_body.get(body_id, 0)

    def tier(self, body_id: str) -> str | None:
        body = self.bodies.get(body_id)
        return body.tier if body else None

    def role(self, body_id: str) -> str | None:
        return self.role_of_body.get(body_id)

    def same_role(self, a: str, b: str) -> bool:
        role = self.role_of_body.get(a)
        return role is not None and role == self.role_of_body.get(b)

    def acts_for(self, actor: str, body: str) -> bool:
        """`actor` may do what `body` may: it is that body, or one role plays both (a role's bodies act as one).
        The engine's authority checks and lint's ask this alike."""
        return actor == body or self.same_role(actor, body)

    def groups_for_level(self, level: int) -> tuple[str, ...]:
        """Working groups a level requires: listed on the level or naming the level, in plan order."""
        listed = self.levels[level].working_groups if level in self.levels else ()
        extra = tuple(g.id for g in self.groups.values() if level in g.levels and g.id not in listed)
        return tuple(listed) + extra
