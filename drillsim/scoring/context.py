"""What every rule module reads: the trace, the method's parameters and plan look-ups."""

from __future__ import annotations

from dataclasses import dataclass

from drillsim.model.base import Citation
from drillsim.model.plan import Action
from drillsim.rules.plan_index import PlanIndex
from drillsim.scoring.findings import RuleRef
from drillsim.scoring.outcome import Outcome
from drillsim.scoring.parameters import ScoringParameters
from drillsim.scoring.trace import Trace


@dataclass(frozen=True)
class Ctx:
    """A scoring run's shared, read-only context."""

    trace: Trace
    params: ScoringParameters
    external: frozenset[str]
    """Source ids whose rules are external (Decree 493 and other national layers)."""
    reference: Outcome | None = None
    """How the reference run (the `plan` policy, same seed) ended, when it is known."""

    @classmethod
    def make(cls, trace: Trace, params: ScoringParameters, reference: Outcome | None = None) -> Ctx:
        loaded = trace.index.loaded
        external = {s.id for s in loaded.definition.sources if s.external}
        for layer in loaded.layers:
            external.update(s.id for s in layer.sources)
        return cls(trace, params, frozenset(external), reference)

    @property
    def index(self) -> PlanIndex:
        return self.trace.index

    def rule(self, cite: Citation, modality: str) -> RuleRef:
        return RuleRef.of(cite, modality, self.external)

    def initial_action(self, words: tuple[str, ...]) -> Action:
        """The plan's initial-response clause that speaks of these words (else its first clause)."""
        actions = self.index.loaded.definition.initial_response
        return next((a for a in actions if any(w in a.cite.zh for w in words)), actions[0])

    def zh(self, body: str | None) -> str:
        b = self.index.bodies.get(body or "")
        return b.name.zh if b else (body or "—")

    def en(self, body: str | None) -> str:
        b = self.index.bodies.get(body or "")
        return b.name.en if b else (body or "—")

    def played(self, body: str) -> bool:
        return self.index.role(body) is not None
