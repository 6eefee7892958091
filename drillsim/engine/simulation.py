"""One exercise as a simulation: a plan, a scenario, a seed, a policy for computer roles, and the events so far.

Time is integer milliseconds since the accident; a warning phase before it runs at negative times (the
exercise starts at its first inject, the accident happens at 0). All randomness comes from per-source generators derived
from the run's seed. Every change is an event: `emit` folds it into the state, hands it to the sink and lets
the world's clocks and the computer-played roles react. Three parts do the work, one job each:
`world.World` (the accident's course, injects, travel), `clocks.ReportingClocks` (when reports fall due) and
`computer_roles.ComputerRoles` (what the computer decides); each decision type (`drillsim.decisions`)
carries itself out once accepted.
Decisions enter only between steps, at the current simulation time.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from typing import Any

import simpy

from drillsim import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.authority import Context, Rejection, check
from drillsim.engine.clocks import ReportingClocks
from drillsim.engine.computer_roles import ComputerRoles
from drillsim.engine.knowledge import figures_of, knowledge, role_knowledge, situation_key
from drillsim.rules.plan_index import PlanIndex
from drillsim.engine.policies import get_policy
from drillsim.engine.state import ExerciseState
from drillsim.engine.timers import Timers
from drillsim.engine.world import World
from drillsim.model.plan import LoadedPlan
from drillsim.model.scenario import DurationDist, Fixed, Scenario, Triangular, Uniform
from drillsim.rules.grading import classify

Sink = Callable[[ev.DomainEvent], None]


class Simulation:
    """A live exercise. Start it, advance it in steps, feed it decisions between steps, play it to the end."""

    def __init__(
        self,
        plan: LoadedPlan,
        scenario: Scenario,
        seed: int,
        policy: str = "plan",
        sink: Sink | None = None,
        human_roles: Iterable[str] = (),
        overrides: dict[int, d.Decision | None] | None = None,
    ) -> None:
        if scenario.plan != plan.definition.id:
            raise ValueError(f"scenario {scenario.id} runs under plan {scenario.plan}, not {plan.definition.id}")
        unknown = set(human_roles) - {r.id for r in scenario.roles}
        if unknown:
            raise ValueError(f"unknown role(s) {', '.join(sorted(unknown))}; roles: {', '.join(r.id for r in scenario.roles)}")
        self.index = PlanIndex.build(plan, scenario)
        self.scenario = scenario
        self.seed = seed
        self.policy = get_policy(policy)
        self.sink = sink
        self.overrides = dict(overrides or {})
        """What-if forks: computer decision number → its replacement, or None to drop it."""
        self.env = simpy.Environment(initial_time=scenario.starts_at)
        """The clock starts at the first inject of a warning phase (negative) or at the accident (0)."""
        self.timers = Timers(self.env)
        """Every delayed action of the world, the clocks and the computer roles (one queue keeps their order)."""
        self.state = ExerciseState()
        self.events: list[ev.DomainEvent] = []
        self.human_roles = frozenset(r.id for r in scenario.roles if r.played_by == "human") | frozenset(human_roles)
        self.ctx = Context(self.index, self.state)
        self._rngs: dict[str, random.Random] = {}
        self._classified: dict[tuple, Any] = {}
        self._decisions = 0
        self._manual_injects = 0
        self._reports_seen = 0
        self._knowledge_cache: dict[str, tuple[int, dict[str, int]]] = {}
        """Role → (reports seen when computed, what it knows): knowledge changes only when a report arrives."""
        self.world = World(self)
        self.clocks = ReportingClocks(self)
        self.roles = ComputerRoles(self)
        clocks, roles, world = self.clocks, self.roles, self.world
        self._reactions: dict[type, tuple[Callable[[Any], None], ...]] = {
            ev.AccidentOccurred: (clocks.on_accident, roles.on_accident),
            ev.GradeChanged: (clocks.on_grade_changed,),
            ev.SituationFlagged: (roles.on_situation_flagged, clocks.on_situation_flagged),
            ev.ResponseJudgedNecessary: (roles.on_situation_flagged, clocks.on_situation_flagged),
            ev.ObligationStarted: (roles.on_obligation_started,),
            ev.ReportSubmitted: (self._on_report_submitted, roles.on_informed, clocks.on_informed),
            ev.ResponseTerminated: (clocks.on_response_terminated, roles.on_response_terminated),
            ev.ResponseActivated: (clocks.on_response_activated, world.on_response_activated,
                                   roles.on_response_activated),
            ev.OfficialArrived: (roles.on_official_arrived,),
            ev.SupportRequested: (roles.on_support_requested,),
            ev.RescuersThreatened: (roles.on_rescuers_threatened,),
            ev.RescuersSafe: (roles.on_rescuers_safe,),
            ev.TerminationConditionsMet: (world.on_conditions_met, roles.on_conditions_met),
        }
        """Who reacts to each kind of event, in order (the rest change nothing but the state)."""
        self._start()

    # --- the public face: time, state, decisions ------------------------------------------------------

    @property
    def now(self) -> int:
        """Simulation time in milliseconds since the accident."""
        return int(self.env.now)

    @property
    def ended(self) -> bool:
        return self.state.ended is not None

    @property
    def end_time(self) -> int:
        """The latest time the exercise can run to (its duration)."""
        return self.scenario.duration

    def advance_to(self, t: int) -> None:
        """Process every event before time `t`; afterwards `now == t` (unless the exercise had ended)."""
        if self.ended or t <= self.now:
            return
        self.env.run(until=min(t, self.end_time + 1))

    def next_event_time(self) -> int | None:
        """When the next scheduled event happens, or None when nothing is scheduled.

        Each `env.run(until=t)` leaves its stop event in the queue at `t` with no callbacks left (SimPy 4.1
        reschedules it there); nothing happens at that moment, so it is not the next one."""
        times = [t for t, _, _, event in self.env._queue if event.callbacks]  # noqa: SLF001 - see above
        return int(min(times)) if times else None

    def step(self) -> None:
        """Advance to just past the next scheduled moment (a single step for a facilitator)."""
        nxt = self.next_event_time()
        if nxt is not None:
            self.advance_to(nxt + 1)

    def run(self, until: int | None = None) -> None:
        """Play on to `until` (ms) or to the end of the exercise."""
        self.advance_to(self.end_time + 1 if until is None else until)

    def decide(self, decision: d.Decision, source: str = "human") -> Rejection | None:
        """Apply a decision now. Returns None when accepted, else why it was rejected (nothing changes)."""
        number = self._decisions
        self._decisions += 1
        if source == "computer" and number in self.overrides:
            replacement = self.overrides[number]
            if replacement is None:
                return self._reject(number, decision, "fork", Rejection(
                    "dropped_in_fork", "dropped in this what-if fork", "在此推演分支（what-if）中已删去该决策"))
            decision, source = replacement, "fork"
        rejection = check(decision, self.ctx)
        if rejection is not None:
            return self._reject(number, decision, source, rejection)
        params = decision.params()
        self.emit(ev.DecisionAccepted, number=number, actor=decision.actor, decision=decision.type,
                  params=params, source=source, rationale=decision.rationale)
        decision.carry_out(self)
        return None

    def _reject(self, number: int, decision: d.Decision, source: str, rejection: Rejection) -> Rejection:
        self.emit(ev.DecisionRejected, number=number, actor=decision.actor, decision=decision.type,
                  params=decision.params(), source=source, reason=rejection.en, reason_zh=rejection.zh,
                  code=rejection.code)
        return rejection

    def inject(self, to_role: str, text_zh: str, text_en: str) -> str:
        """Deliver a facilitator's own inject now; returns its id (manual-1, manual-2, ...)."""
        if to_role not in self.index.roles:
            raise ValueError(f"unknown role {to_role!r}; roles: {', '.join(self.index.roles)}")
        self._manual_injects += 1
        inject_id = f"manual-{self._manual_injects}"
        self.emit(ev.InjectDelivered, inject=inject_id, to_role=to_role, text_zh=text_zh, text_en=text_en)
        return inject_id

    def steer_inject(self, action: str, inject_id: str, text_zh: str = "", text_en: str = "") -> None:
        """A facilitator's hand on the MSEL now: `hold`, `release`, `advance` (fire now) or `edit` an inject
        not delivered yet (ValueError, with nothing changed, for an unknown, delivered or not-held one)."""
        world = self.world
        if action == "edit":
            world.edit(inject_id, text_zh, text_en)
        elif action in ("hold", "release", "advance"):
            getattr(world, action)(inject_id)
        else:
            raise ValueError(f"unknown inject action {action!r}; use hold, release, advance or edit")

    def end_now(self) -> None:
        """The facilitator ends the exercise now (why is kept in the log, beside the input)."""
        if not self.ended:
            self.emit(ev.ExerciseEnded, reason="facilitator")

    # --- infrastructure the parts share ----------------------------------------------------------------

    def _start(self) -> None:
        """Emit the opening events and start the processes, at the start of the exercise clock."""
        sc = self.scenario
        roles = {r.id: ("human" if r.id in self.human_roles else "computer") for r in sc.roles}
        self.emit(
            ev.ExerciseStarted,
            scenario=sc.id,
            plan=self.index.loaded.definition.id,
            seed=self.seed,
            policy=self.policy.name,
            start_clock=sc.setting.start,
            roles=roles,
        )
        self.world.start()

    def emit(self, cls: type[ev.DomainEvent], **fields: Any) -> ev.DomainEvent:
        """Record one event at the current time, fold it, pass it to the sink, let the parts react.

        Nothing happens after the exercise has ended: late processes are silently dropped.
        """
        if self.state.ended is not None:
            return self.events[-1]
        event = cls(t=int(self.env.now), seq=len(self.events), **fields)
        self.events.append(event)
        self.state.apply(event)
        if self.sink is not None:
            self.sink(event)
        for reaction in self._reactions.get(cls, ()):
            reaction(event)
        return event

    def rng(self, source: str) -> random.Random:
        """The generator of one source of randomness, derived from the seed (stable when sources are added)."""
        gen = self._rngs.get(source)
        if gen is None:
            gen = self._rngs[source] = random.Random(f"{self.seed}/{source}")
        return gen

    def sample(self, dist: DurationDist, source: str) -> int:
        """A duration in whole milliseconds drawn from `dist`."""
        return self.sampler(dist, source)()

    def sampler(self, dist: DurationDist, source: str) -> Callable[[], int]:
        """A function drawing durations in whole milliseconds from `dist` with the generator of `source`."""
        if isinstance(dist, Fixed):
            value = dist.value
            return lambda: value
        gen = self.rng(source)
        low, high = dist.low, dist.high
        if isinstance(dist, Uniform):
            uniform = gen.uniform
            return lambda: int(round(uniform(low, high)))
        if isinstance(dist, Triangular):
            triangular, mode = gen.triangular, dist.mode
            return lambda: int(round(triangular(low, high, mode)))
        raise TypeError(dist)

    def classify(self, f: dict[str, int]) -> Any:
        """classify() of these figures with the situation flags, memoised: the same inputs give the same result."""
        key = situation_key(self.state, f)
        result = self._classified.get(key)
        if result is None:
            result = self._classified[key] = classify(self.index.loaded.definition, figures_of(key))
        return result

    def knowledge(self, body: str) -> dict[str, int]:
        """What a body knows (see `engine.knowledge`), with each role's knowledge kept until news arrives."""
        role = self.index.role(body)
        if role is None or self.index.rank(body) == 0:
            return knowledge(self.state, self.index, body)
        return self.role_knowledge(role)

    def role_knowledge(self, role: str) -> dict[str, int]:
        cached = self._knowledge_cache.get(role)
        if cached is None or cached[0] != self._reports_seen:
            cached = self._knowledge_cache[role] = (self._reports_seen, role_knowledge(self.state, self.index, role))
        return dict(cached[1])

    def _on_report_submitted(self, e: ev.ReportSubmitted) -> None:
        self._reports_seen += 1  # what the recipients' roles know has changed
