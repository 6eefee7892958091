"""How computer-played roles behave. `plan` does what the plan says; the flawed ones break one rule each,
so that scoring can be tested for discrimination.

The reporting flaws (迟报, 瞒报) are the enterprise's towards the government (Decree 493 Art. 36): what
site personnel tell their own unit head inside the enterprise is not affected.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from drillsim.model.figures import CASUALTY_FIGURES

ENTERPRISE_ROLE_TIER = "enterprise"


@dataclass(frozen=True)
class Policy:
    """A behaviour for computer-played roles. Subclasses override one habit each."""

    name: str = "plan"
    description: str = "does what the plan prescribes, with sampled decision delays"

    def report_delay(self, tier: str | None, sampled: int, remaining: int, rng: random.Random,
                     external: bool = True) -> int:
        """When to file a report due in `remaining` ms; the plan policy files well in time.

        `tier` is the reporting body's; `external` tells whether the report leaves the enterprise.
        """
        return max(0, min(sampled, remaining * 3 // 4))

    def hands_over(self, tier: str | None) -> bool:
        """Whether a commander of this tier hands command over when a higher commander arrives."""
        return True

    def reported_figures(self, tier: str | None, figures: dict[str, int], external: bool = True) -> dict[str, int]:
        """The figures a role of this tier writes in its reports (`external`: the report leaves the enterprise)."""
        return dict(figures)


@dataclass(frozen=True)
class LateReporter(Policy):
    name: str = "late-reporter"
    description: str = "the enterprise files its reports to the government after the deadline (迟报)"

    def report_delay(self, tier: str | None, sampled: int, remaining: int, rng: random.Random,
                     external: bool = True) -> int:
        if tier == ENTERPRISE_ROLE_TIER and external:
            return remaining + max(60_000, int(remaining * rng.uniform(0.25, 1.0)))
        return super().report_delay(tier, sampled, remaining, rng, external)


@dataclass(frozen=True)
class NoHandover(Policy):
    name: str = "no-handover"
    description: str = "the enterprise keeps field command when government commanders arrive"

    def hands_over(self, tier: str | None) -> bool:
        return tier != ENTERPRISE_ROLE_TIER


@dataclass(frozen=True)
class Concealer(Policy):
    name: str = "concealer"
    description: str = "the enterprise reports fewer casualties and trapped to the government than it knows (瞒报)"

    def reported_figures(self, tier: str | None, figures: dict[str, int], external: bool = True) -> dict[str, int]:
        if tier != ENTERPRISE_ROLE_TIER or not external:
            return dict(figures)
        concealed = dict(figures)
        for key in (k for k in CASUALTY_FIGURES if k != "endangered"):  # those merely endangered are not hidden
            if concealed.get(key, 0) > 0:
                concealed[key] = concealed[key] // 2
        concealed["direct_loss_cny"] = concealed.get("direct_loss_cny", 0) // 2
        return concealed


POLICIES: dict[str, Policy] = {p.name: p for p in (Policy(), LateReporter(), NoHandover(), Concealer())}


def get_policy(name: str) -> Policy:
    """A policy by name; raises KeyError listing the known names."""
    try:
        return POLICIES[name]
    except KeyError:
        raise KeyError(f"unknown policy {name!r}; known: {', '.join(POLICIES)}") from None
