"""Running an exercise: start it, advance it in steps, feed it decisions between steps, play it to the end."""

from __future__ import annotations

from collections.abc import Iterable

from drillsim.engine import events as ev
from drillsim.engine.authority import Rejection
from drillsim.engine.decisions import Decision
from drillsim.engine.model import ExerciseModel, Sink
from drillsim.engine.plan_index import PlanIndex
from drillsim.engine.policies import get_policy
from drillsim.engine.state import ExerciseState
from drillsim.loading import LoadedPlan
from drillsim.model.scenario import Scenario

ENGINE_VERSION = "4"
"""Bumped whenever the same inputs would give a different event stream."""


class Exercise:
    """A live exercise. Decisions enter only between steps, at the current simulation time."""

    def __init__(
        self,
        plan: LoadedPlan,
        scenario: Scenario,
        seed: int,
        policy: str = "plan",
        sink: Sink | None = None,
        human_roles: Iterable[str] = (),
        overrides: dict[int, Decision | None] | None = None,
    ) -> None:
        if scenario.plan != plan.plan.id:
            raise ValueError(f"scenario {scenario.id} runs under plan {scenario.plan}, not {plan.plan.id}")
        unknown = set(human_roles) - {r.id for r in scenario.roles}
        if unknown:
            raise ValueError(f"unknown role(s) {', '.join(sorted(unknown))}; roles: {', '.join(r.id for r in scenario.roles)}")
        self.index = PlanIndex.build(plan, scenario)
        self.model = ExerciseModel(self.index, seed, get_policy(policy), sink, frozenset(human_roles), overrides)
        self.model.start()

    @property
    def now(self) -> int:
        """Simulation time in milliseconds since the accident."""
        return int(self.model.env.now)

    @property
    def state(self) -> ExerciseState:
        return self.model.state

    @property
    def events(self) -> list[ev.DomainEvent]:
        return self.model.events

    @property
    def ended(self) -> bool:
        return self.model.state.ended is not None

    @property
    def end_time(self) -> int:
        """The latest time the exercise can run to (its duration)."""
        return self.index.scenario.duration

    def advance_to(self, t: int) -> None:
        """Process every event before time `t`; afterwards `now == t` (unless the exercise had ended)."""
        if self.ended or t <= self.now:
            return
        self.model.env.run(until=min(t, self.end_time + 1))

    def next_event_time(self) -> int | None:
        """When the next scheduled event happens, or None when nothing is scheduled."""
        peek = self.model.env.peek()
        return None if peek == float("inf") else int(peek)

    def step(self) -> None:
        """Advance to just past the next scheduled moment (a single step for a facilitator)."""
        nxt = self.next_event_time()
        if nxt is not None:
            self.advance_to(nxt + 1)

    def decide(self, decision: Decision) -> Rejection | None:
        """Apply a decision now; None when accepted, otherwise why it was rejected (code, English, Chinese)."""
        return self.model.decide(decision, source="human")

    def inject(self, to_role: str, text_zh: str, text_en: str) -> str:
        """Deliver a facilitator's own inject now."""
        if to_role not in self.index.roles:
            raise ValueError(f"unknown role {to_role!r}; roles: {', '.join(self.index.roles)}")
        return self.model.manual_inject(to_role, text_zh, text_en)

    def run(self, until: int | None = None) -> None:
        """Play on to `until` (ms) or to the end of the exercise."""
        self.advance_to(self.end_time + 1 if until is None else until)


def play(
    plan: LoadedPlan,
    scenario: Scenario,
    seed: int,
    policy: str = "plan",
    decisions: Iterable[tuple[int, Decision]] = (),
    until: int | None = None,
    sink: Sink | None = None,
    human_roles: Iterable[str] = (),
) -> Exercise:
    """Play a whole exercise headless, applying each (time, decision) when the clock reaches its time."""
    exercise = Exercise(plan, scenario, seed, policy, sink, human_roles)
    for t, decision in sorted(decisions, key=lambda td: td[0]):
        exercise.advance_to(t)
        if exercise.ended:
            break
        exercise.decide(decision)
    exercise.run(until)
    return exercise
