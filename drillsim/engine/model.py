"""The exercise model: SimPy processes for the accident, the roles, officials, teams, injects and deadlines.

Time is integer milliseconds since the accident. All randomness comes from per-source generators derived
from the run's seed. Every change is an event: `emit` folds it into the state, hands it to the sink and lets
the computer-played roles react.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable, Collection, Generator
from typing import Any

import simpy

from drillsim.engine import decisions as d
from drillsim.engine import events as ev
from drillsim.engine.authority import Context, Rejection, check, obligation_instance
from drillsim.engine.conditions import checker, holds
from drillsim.engine.knowledge import figures_of, knowledge, role_knowledge, situation_key
from drillsim.engine.plan_index import PlanIndex
from drillsim.engine.policies import Policy
from drillsim.engine.state import ExerciseState
from drillsim.model.figures import CASUALTY_FIGURES, STATE_ORDER
from drillsim.model.plan import GradeReached, LevelActivated, ReportReceived, SituationChanged
from drillsim.model.scenario import DurationDist, Fixed, FigureChanges, Triangular, Uniform
from drillsim.rules.grading import classify
from drillsim.rules.obligations import applies_to

Sink = Callable[[ev.DomainEvent], None]
MINUTE = 60_000


class ExerciseModel:
    """One exercise: a plan, a scenario, a seed, a policy for computer roles, and the events so far."""

    def __init__(
        self,
        index: PlanIndex,
        seed: int,
        policy: Policy,
        sink: Sink | None = None,
        human_roles: frozenset[str] = frozenset(),
        overrides: dict[int, d.Decision | None] | None = None,
    ) -> None:
        self.index = index
        self.overrides = dict(overrides or {})
        """What-if forks: computer decision number → its replacement, or None to drop it."""
        self.scenario = index.scenario
        self.seed = seed
        self.policy = policy
        self.sink = sink
        self.env = simpy.Environment()
        self.state = ExerciseState()
        self.events: list[ev.DomainEvent] = []
        self.human_roles = frozenset(r.id for r in self.scenario.roles if r.played_by == "human") | human_roles
        self._rngs: dict[str, random.Random] = {}
        self._ctx = Context(index, self.state)
        self._last_reported: dict[tuple[str, str], dict[str, int]] = {}
        self._follow_targets: dict[tuple[str, tuple[str, ...]], tuple[str, str | None, bool]] = {}
        """(body, recipients) → the rule it reported on last to them, the body's role, and whether the computer
        sends its follow-ups (it plays the body and the report leaves the enterprise)."""
        self._classified: dict[tuple, Any] = {}
        self._started_rules: set[str] = set()
        self._waiting_for_grade: set[str] = set()
        self._instances: dict[str, int] = {}
        self._pending_injects = [i for i in self.scenario.msel if i.at is None]
        self._after_times = sorted({t for c in [*(i.when for i in self.scenario.msel),
                                                self.scenario.dynamics.contained_when,
                                                self.scenario.dynamics.environment_ok_when]
                                    if c is not None for t in _after_times(c)})
        """Times at which an `after` condition turns true: the only moments time alone changes a condition."""
        self._decisions = 0
        self._manual_injects = 0
        self._delay_samplers: dict[str, Callable[[], int]] = {}
        self._reports_seen = 0
        self._knowledge_cache: dict[str, tuple[int, dict[str, int]]] = {}
        """Role → (reports seen when computed, what it knows): knowledge changes only when a report arrives."""
        self._is_computer: dict[str, bool] = {}
        self._reporters: set[str] = set()
        """Bodies that have submitted a report (their follow-ups can start)."""
        self._rules_by_start: dict[tuple, list[str]] = {}
        for rule_id, eo in index.obligations.items():
            start = eo.obligation.starts_on
            if not isinstance(start, SituationChanged) and index.role(eo.obligation.from_) is not None:
                self._rules_by_start.setdefault(_start_key(start), []).append(rule_id)
        self._external_rules = {rule_id: any(index.rank(b) > 0 for b in eo.obligation.to)
                                for rule_id, eo in index.obligations.items()}
        self._situation_rules = [rule_id for rule_id, eo in index.obligations.items()
                                 if isinstance(eo.obligation.starts_on, SituationChanged)
                                 and index.role(eo.obligation.from_) is not None]
        self._levels_of_role: dict[str, list[Any]] = {}
        """Role → the response levels its bodies activate, highest (lowest number) first."""
        for lv in sorted(index.levels.values(), key=lambda lv: lv.level):
            role = index.role(lv.activated_by)
            if role is not None:
                self._levels_of_role.setdefault(role, []).append(lv)
        self._resources_of_role: dict[str, list[Any]] = {}
        for res in index.resources.values():
            role = index.role(res.controlled_by)
            if role is not None:
                self._resources_of_role.setdefault(role, []).append(res)

    # --- infrastructure ---------------------------------------------------------------------------

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

    def emit(self, cls: type[ev.DomainEvent], **fields: Any) -> ev.DomainEvent:
        """Record one event at the current time, fold it, pass it to the sink, let roles react.

        Nothing happens after the exercise has ended: late processes are silently dropped.
        """
        if self.state.ended is not None:
            return self.events[-1]
        event = cls(t=int(self.env.now), seq=len(self.events), **fields)
        self.events.append(event)
        self.state.apply(event)
        if self.sink is not None:
            self.sink(event)
        self._react(event)
        return event

    def computer(self, body: str) -> bool:
        """Whether the computer plays this body (it belongs to a role no person plays)."""
        known = self._is_computer.get(body)
        if known is None:
            role = self.index.role(body)
            known = self._is_computer[body] = role is not None and role not in self.human_roles
        return known

    def role_tier(self, body: str) -> str | None:
        return self.index.tier(body)

    def later(self, delay: int, make: Callable[[], d.Decision | None]) -> None:
        """Let the computer decide after `delay` ms; `make` looks at the state then and may decide nothing."""
        self.env.process(self._later(delay, make))

    def _later(self, delay: int, make: Callable[[], d.Decision | None]) -> Generator:
        yield self.env.timeout(max(0, delay))
        if self.state.ended:
            return
        decision = make()
        if decision is not None:
            self.decide(decision, source="computer")

    def delay_of(self, body: str) -> int:
        """A decision delay drawn for the role of `body` (a minute for bodies no role plays)."""
        draw = self._delay_samplers.get(body)
        if draw is None:
            role = self.index.roles.get(self.index.role(body) or "")
            draw = (lambda: MINUTE) if role is None else self.sampler(role.decision_delay, f"delay/{role.id}")
            self._delay_samplers[body] = draw
        return draw()

    # --- start ---------------------------------------------------------------------------------------

    def start(self) -> None:
        """Emit the opening events and start the processes. Call once, at time 0."""
        sc = self.scenario
        roles = {r.id: ("human" if r.id in self.human_roles else "computer") for r in sc.roles}
        self.emit(
            ev.ExerciseStarted,
            scenario=sc.id,
            plan=self.index.loaded.plan.id,
            seed=self.seed,
            policy=self.policy.name,
            start_clock=sc.setting.start,
            roles=roles,
        )
        init = sc.initial
        figures = {f: getattr(init, f, 0) for f in STATE_ORDER}
        self.emit(ev.AccidentOccurred, description_zh=init.description.zh, description_en=init.description.en, figures=figures)
        if init.cross_jurisdiction or init.capacity_exceeded:
            self.emit(ev.SituationFlagged, cross_jurisdiction=init.cross_jurisdiction,
                      capacity_exceeded=init.capacity_exceeded)
        self._regrade()
        for ch in sc.dynamics.changes:
            self.env.process(self._scheduled_change(ch))
        for g in sc.dynamics.growth:
            self.env.process(self._growth(g))
        for s in sc.dynamics.secondary:
            self.env.process(self._secondary(s))
        for inj in sc.msel:
            if inj.at is not None:
                self.env.process(self._timed_inject(inj))
        for res in sc.resources:
            if res.dispatched_at_start:
                self._dispatch(res.id, res.controlled_by)
        self.env.process(self._monitor())
        self.env.process(self._time_limit())

    # --- the world ---------------------------------------------------------------------------------

    def _apply_change(self, change: FigureChanges, cause: str, note_zh: str = "", note_en: str = "") -> None:
        new = {k: v for k, v in change.set.items()}
        for k, v in change.add.items():
            new[k] = max(0, new.get(k, self.state.figures.get(k, 0)) + v)
        changed = {k: v for k, v in sorted(new.items()) if self.state.figures.get(k) != v}
        cross = tuple(x for x in change.cross_jurisdiction if x not in self.state.cross_jurisdiction)
        capacity = tuple(x for x in change.capacity_exceeded if x not in self.state.capacity_exceeded)
        if changed:
            self.emit(ev.FiguresChanged, cause=cause, figures=changed, note_zh=note_zh, note_en=note_en)
        if cross or capacity:
            self.emit(ev.SituationFlagged, cross_jurisdiction=cross, capacity_exceeded=capacity)
        if changed or cross or capacity:
            self._regrade(news_sent=any(k in CASUALTY_FIGURES for k in changed))

    def _scheduled_change(self, ch: Any) -> Generator:
        yield self.env.timeout(ch.at)
        if self.state.ended or (ch.unless is not None and holds(ch.unless, self.state, int(self.env.now))):
            return
        self._apply_change(ch.change, ch.id, ch.note.zh, ch.note.en)

    def _growth(self, g: Any) -> Generator:
        while not self.state.ended:
            yield self.env.timeout(g.every)
            if g.until is not None and holds(g.until, self.state, int(self.env.now)):
                return
            value = self.state.figures.get(g.figure, 0) + g.amount
            if g.cap is not None:
                value = min(value, g.cap)
            self._apply_change(FigureChanges(set={g.figure: max(0, value)}), g.id)

    def _secondary(self, s: Any) -> Generator:
        gen = self.rng(f"secondary/{s.id}")
        happens = gen.random() < s.probability
        at = int(round(gen.uniform(s.earliest, s.latest)))
        if not happens:
            return
        yield self.env.timeout(at)
        if self.state.ended or (s.unless is not None and holds(s.unless, self.state, int(self.env.now))):
            return
        self._apply_change(s.change, s.id, s.description.zh, s.description.en)
        if s.threatens_rescuers:
            self.emit(ev.RescuersThreatened, cause=s.id, until_t=int(self.env.now) + s.threat_lasts)
            yield self.env.timeout(s.threat_lasts)
            if not self.state.ended:
                self.emit(ev.RescuersSafe, cause=s.id)

    def _rescue(self, effect: Any) -> Generator:
        yield self.env.timeout(effect.starts_after)
        while not self.state.ended:
            yield self.env.timeout(effect.every)
            if self.state.suspended or self.state.rescuers_threatened:
                continue
            available = self.state.figures.get(effect.from_figure, 0)
            if available <= 0:
                continue
            moved = min(effect.amount, available)
            self._apply_change(
                FigureChanges(add={effect.from_figure: -moved, effect.to_figure: moved}), effect.id
            )

    def _regrade(self, news_sent: bool = False) -> None:
        """Recompute the grade and the response level the true figures justify; start what they start.

        `news_sent`: the change already set off follow-up reports (casualty figures changed). A grade that
        moves on the loss or the situation flags alone is news too, and sets them off here.
        """
        result = self._classify(self.state.figures)
        previous_grade = self.state.grade
        if result.grade.id != previous_grade:
            self.emit(ev.GradeChanged, grade=result.grade.id, previous=previous_grade)
        level = result.level.level if result.level else None
        if level != self.state.justified_level:
            self.emit(
                ev.LevelJustified,
                level=level,
                previous=self.state.justified_level,
                activated_by=result.level.activated_by if result.level else None,
                reasons=tuple(t.kind for t in result.reasons),
            )
        if previous_grade is not None and result.grade.id != previous_grade and not news_sent:
            self._situation_changed()
            self._follow_up_all()


    def _monitor(self) -> Generator:
        """Once a simulated minute: conditional injects, containment, termination conditions."""
        dyn = self.scenario.dynamics
        state, after_times = self.state, self._after_times
        contained_when = checker(dyn.contained_when) if dyn.contained_when is not None else None
        checked_seq, next_after = -1, 0
        while not state.ended:
            yield self.env.timeout(MINUTE)
            now = int(self.env.now)
            # Conditions depend only on the state and on `now >= t` tests: re-evaluate when either moved.
            crossed = next_after < len(after_times) and after_times[next_after] <= now
            if state.seq == checked_seq and not crossed:
                continue
            checked_seq, next_after = state.seq, bisect.bisect_right(after_times, now)
            for inj in list(self._pending_injects):
                if inj.when is not None and checker(inj.when)(state, now):
                    self._pending_injects.remove(inj)
                    self._deliver(inj)
            if not state.contained and contained_when is not None and contained_when(state, now):
                self.emit(ev.HazardContained)
            if not self.state.conditions_met and self.state.level is not None:
                met = self._termination_conditions()
                if met is not None:
                    self.emit(ev.TerminationConditionsMet, conditions=met)

    def _termination_conditions(self) -> tuple[str, ...] | None:
        wanted = self.index.loaded.plan.termination.conditions
        return tuple(wanted) if all(self._termination_condition(c) for c in wanted) else None

    def _termination_condition(self, name: str) -> bool:
        """Whether one of the plan's termination conditions holds in the true state now."""
        dyn, s = self.scenario.dynamics, self.state
        if name == "endangered_rescued":
            return s.people_at_risk == 0
        if name == "scene_controlled":
            return s.contained or dyn.contained_when is None
        if name == "environment_ok":
            return dyn.environment_ok_when is None or holds(dyn.environment_ok_when, s, int(self.env.now))
        if name == "secondary_hazards_removed":
            return not s.rescuers_threatened
        if name == "injured_treated":
            return True
        raise KeyError(name)

    def _time_limit(self) -> Generator:
        yield self.env.timeout(self.scenario.duration)
        if not self.state.ended:
            self.emit(ev.ExerciseEnded, reason="time_limit")

    # --- injects -------------------------------------------------------------------------------------

    def _timed_inject(self, inj: Any) -> Generator:
        yield self.env.timeout(inj.at)
        if self.state.ended:
            return
        if inj.when is not None and not holds(inj.when, self.state, int(self.env.now)):
            self._pending_injects.append(inj)
            return
        self._deliver(inj)

    def _deliver(self, inj: Any) -> None:
        self.emit(ev.InjectDelivered, inject=inj.id, to_role=inj.to, text_zh=inj.text.zh, text_en=inj.text.en)
        if inj.change is not None:
            self._apply_change(inj.change, inj.id)
        if inj.to in self.human_roles:
            return
        delivered = int(self.env.now)
        for exp in inj.expected:
            if self.computer(exp.by):
                self._attempt_expected(exp, delivered)

    def _attempt_expected(self, exp: Any, delivered: int) -> None:
        """Carry out what an inject expects, retrying while it is not yet allowed and its window is open."""

        def make() -> d.Decision | None:
            if self._expectation_done(exp, delivered):
                return None
            decision = _decision_from(exp.decision, exp.by, exp.target, exp, self)
            if decision is None:
                return None
            if check(decision, self._ctx) is not None:
                if int(self.env.now) < delivered + exp.within:
                    self._attempt_expected(exp, delivered)
                return None
            return decision

        self.later(self.delay_of(exp.by), make)

    def _expectation_done(self, exp: Any, since: int) -> bool:
        """Whether the expected decision was taken after the inject came in."""
        for t, kind, actor, target in reversed(self.state.accepted):  # newest first, in time order
            if t < since:
                return False
            if kind == exp.decision and actor == exp.by and (exp.target is None or target == exp.target):
                return True
        return False

    # --- obligations ---------------------------------------------------------------------------------

    def _start_obligations(self, key: tuple) -> None:
        """Start the rules whose clock starts on this occurrence (see `_start_key`), in plan order."""
        for rule_id in self._rules_by_start.get(key, ()):
            if rule_id not in self._started_rules:
                self._started_rules.add(rule_id)
                if self._reporter_knows_grade(rule_id):
                    self._open_obligation(rule_id, rule_id)
                else:
                    self._waiting_for_grade.add(rule_id)

    def _open_obligation(self, instance: str, rule_id: str) -> None:
        eo = self.index.obligations[rule_id]
        ob = eo.obligation
        deadline = int(self.env.now) + eo.deadline_ms
        self.emit(
            ev.ObligationStarted,
            obligation=instance,
            rule=rule_id,
            from_body=ob.from_,
            to=ob.to,
            channel=ob.channel,
            deadline_t=deadline,
            layer=eo.layer,
            optional=ob.modality == "may",
        )
        if ob.modality != "may":
            self.env.process(self._deadline_clock(instance, deadline))

    def _deadline_clock(self, instance: str, deadline: int) -> Generator:
        yield self.env.timeout(deadline - int(self.env.now))
        status = self.state.obligations[instance]
        if status.status == "pending" and not self.state.ended:
            self.emit(ev.ObligationMissed, obligation=instance, deadline_t=deadline)

    def _situation_changed(self) -> None:
        """New casualty figures after a report: open a follow-up instance of every situation_changed rule."""
        for rule_id in self._situation_rules:
            reporter = self.index.obligations[rule_id].obligation.from_
            has_reported = reporter in self._reporters or reporter == self.state.commander
            latest = obligation_instance(self.state, rule_id)
            if not has_reported or (latest and self.state.obligations[latest].status in ("pending", "missed")):
                continue
            n = self._instances.get(rule_id, 0)
            self._instances[rule_id] = n + 1
            self._open_obligation(rule_id if n == 0 else f"{rule_id}#{n}", rule_id)

    # --- decisions -----------------------------------------------------------------------------------

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
        rejection = check(decision, self._ctx)
        if rejection is not None:
            return self._reject(number, decision, source, rejection)
        params = decision.params()
        self.emit(ev.DecisionAccepted, number=number, actor=decision.actor, decision=decision.type,
                  params=params, source=source, rationale=decision.rationale)
        self._carry_out(decision)
        return None

    def _reject(self, number: int, decision: d.Decision, source: str, rejection: Rejection) -> Rejection:
        self.emit(ev.DecisionRejected, number=number, actor=decision.actor, decision=decision.type,
                  params=decision.params(), source=source, reason=rejection.en, reason_zh=rejection.zh,
                  code=rejection.code)
        return rejection

    def manual_inject(self, to_role: str, text_zh: str, text_en: str) -> str:
        """A facilitator's inject, delivered now; returns its id (manual-1, manual-2, ...)."""
        self._manual_injects += 1
        inject_id = f"manual-{self._manual_injects}"
        self.emit(ev.InjectDelivered, inject=inject_id, to_role=to_role, text_zh=text_zh, text_en=text_en)
        return inject_id

    def _carry_out(self, dec: d.Decision) -> None:
        s = self.state
        if isinstance(dec, d.Report):
            self._report(dec)
        elif isinstance(dec, d.TakeAction):
            self.emit(ev.ActionTaken, by=dec.actor, action=dec.action)
            action = next(a for a in self.scenario.actions if a.id == dec.action)
            if action.change is not None:
                self._apply_change(action.change, dec.action)
        elif isinstance(dec, (d.ActivateResponse, d.AdjustResponse)):
            self.emit(ev.ResponseActivated, level=dec.level, by=dec.actor, previous=s.level)
        elif isinstance(dec, d.EstablishCommand):
            self.emit(ev.CommandEstablished, commander=dec.actor)
        elif isinstance(dec, d.HandOverCommand):
            self._hand_over(dec)
        elif isinstance(dec, d.ActivateWorkingGroup):
            self.emit(ev.WorkingGroupActivated, group=dec.group, by=dec.actor, lead=self.index.groups[dec.group].lead)
        elif isinstance(dec, d.DispatchResource):
            self._dispatch(dec.resource, dec.actor)
        elif isinstance(dec, d.Evacuate):
            self.emit(ev.EvacuationOrdered, by=dec.actor, area=dec.area)
        elif isinstance(dec, d.SetCordon):
            self.emit(ev.CordonSet, by=dec.actor, radius_m=dec.radius_m)
        elif isinstance(dec, d.IssueWarning):
            self.emit(ev.WarningIssued, by=dec.actor, color=dec.color)
        elif isinstance(dec, d.LiftWarning):
            self.emit(ev.WarningLifted, by=dec.actor, color=dec.color)
        elif isinstance(dec, d.ReleaseInformation):
            release = self.index.loaded.plan.information_release.released_by
            authorised = dec.actor in release or any(self.index.same_role(dec.actor, b) for b in release)
            self.emit(ev.InformationReleased, by=dec.actor, text=dec.text, authorised=authorised)
        elif isinstance(dec, d.SuspendRescue):
            self.emit(ev.RescueSuspended, by=dec.actor, reason=dec.reason)
        elif isinstance(dec, d.ResumeRescue):
            self.emit(ev.RescueResumed, by=dec.actor)
        elif isinstance(dec, d.Terminate):
            self.emit(ev.ResponseTerminated, level=s.level or 0, by=dec.actor)
            if s.level is None:  # the last active response has ended
                self.emit(ev.ExerciseEnded, reason="terminated")
        elif isinstance(dec, d.Note):
            self.emit(ev.NoteRecorded, by=dec.actor, text=dec.text)

    def _knowledge(self, body: str) -> dict[str, int]:
        """What a body knows (see `engine.knowledge`), with each role's knowledge kept until news arrives."""
        role = self.index.role(body)
        if role is None or self.index.rank(body) == 0:
            return knowledge(self.state, self.index, body)
        return self._role_knowledge(role)

    def _role_knowledge(self, role: str) -> dict[str, int]:
        cached = self._knowledge_cache.get(role)
        if cached is None or cached[0] != self._reports_seen:
            cached = self._knowledge_cache[role] = (self._reports_seen, role_knowledge(self.state, self.index, role))
        return dict(cached[1])

    def _report(self, dec: d.Report) -> None:
        eo = self.index.obligations[dec.obligation]
        ob = eo.obligation
        instance = obligation_instance(self.state, dec.obligation) or dec.obligation
        status = self.state.obligations[instance]
        figures = dec.figures if dec.figures is not None else self._knowledge(dec.actor)
        content = dec.content if dec.content is not None else ob.content
        follow_up = status.status in ("met", "late")
        self.emit(ev.ReportSubmitted, obligation=instance, by=dec.actor, to=ob.to, channel=dec.channel or ob.channel,
                  figures=dict(sorted(figures.items())), content=tuple(content), follow_up=follow_up)
        if (dec.actor, dec.obligation) not in self._last_reported:
            # the rule a body reported last to each set of recipients (what its follow-ups go out on)
            self._follow_targets[(dec.actor, ob.to)] = (
                dec.obligation, self.index.role(dec.actor), self.computer(dec.actor) and self._leaves_enterprise(dec.obligation))
            self._reporters.add(dec.actor)
        self._last_reported[(dec.actor, dec.obligation)] = dict(figures)
        if status.status in ("pending", "missed", "optional"):
            late_by = 0 if status.status == "optional" else max(0, int(self.env.now) - status.deadline_t)
            self.emit(ev.ObligationMet, obligation=instance, late_by=late_by)
        if not follow_up:
            self._start_obligations(("report_received", dec.obligation))

    def _hand_over(self, dec: d.HandOverCommand) -> None:
        current = self.state.commander or ""
        match = next((h for h in self.index.handovers if h.from_ == current and h.to == dec.to), None)
        match = match or next(h for h in self.index.handovers if h.to == dec.to)
        missing = tuple(item for item in match.briefing if item not in dec.briefing)
        self.emit(ev.CommandHandedOver, from_body=current, to_body=dec.to, briefing=tuple(dec.briefing),
                  missing_briefing=missing, lower_joins=match.lower_joins)

    def _dispatch(self, resource_id: str, by: str) -> None:
        res = self.index.resources[resource_id]
        travel = self.sample(res.travel_time, f"travel/{resource_id}")
        self.emit(ev.ResourceDispatched, resource=resource_id, by=by, eta=int(self.env.now) + travel)
        self.env.process(self._arrive_resource(resource_id, travel))

    def _arrive_resource(self, resource_id: str, travel: int) -> Generator:
        yield self.env.timeout(travel)
        if self.state.ended:
            return
        self.emit(ev.ResourceArrived, resource=resource_id)
        for effect in self.scenario.dynamics.rescue:
            if effect.resource == resource_id:
                self.env.process(self._rescue(effect))

    def _dispatch_officials(self, level: int) -> None:
        led = self.index.levels[level].led_by_tier
        led_rank = self.index.tier_rank.get(led, 0)
        for body, official in self.index.officials.items():
            if body in self.state.officials or not 0 < self.index.rank(body) <= led_rank:
                continue
            travel = self.sample(official.travel_time, f"travel/{body}")
            self.emit(ev.OfficialDispatched, body=body, eta=int(self.env.now) + travel)
            self.env.process(self._arrive_official(body, travel))

    def _arrive_official(self, body: str, travel: int) -> Generator:
        yield self.env.timeout(travel)
        if not self.state.ended:
            self.emit(ev.OfficialArrived, body=body)

    # --- how the world and the computer roles react to events ------------------------------------------

    def _react(self, e: ev.DomainEvent) -> None:
        reaction = _REACTIONS.get(type(e))
        if reaction is not None:
            reaction(self, e)

    def _on_accident(self, e: ev.AccidentOccurred) -> None:
        self._start_obligations(("accident_occurred",))
        self._enterprise_first_moves()

    def _on_figures_changed(self, e: ev.FiguresChanged) -> None:
        if any(k in CASUALTY_FIGURES for k in e.figures):
            self._situation_changed()
            self._follow_up_all()

    def _on_grade_changed(self, e: ev.GradeChanged) -> None:
        self._start_obligations(("grade_reached", e.grade))
        self._open_waiting_for_grade()

    def _on_situation_flagged(self, e: ev.SituationFlagged) -> None:
        """A crossing or a capacity exceeded is known to everyone informed: the activating roles reconsider
        their level, and rules due from a response level (min_level) may now apply."""
        for role, levels in self._levels_of_role.items():
            if role not in self.human_roles:  # an uninformed role finds nothing to act on
                self.later(self.delay_of(levels[0].activated_by), lambda role=role: self._consider_activation(role))
        if self._waiting_for_grade:
            self._open_waiting_for_grade()

    def _reporter_knows_grade(self, rule_id: str) -> bool:
        """Whether the reporter of a grade-gated rule knows the accident has reached the rule's grade (or, with
        min_level, that the facts justify that response level).

        The truth at the enterprise; elsewhere what the reporter's role was told — a body cannot owe a report
        on a 较大 accident it was told is 一般 (瞒报 upstream stops the upward reports too).
        """
        ob = self.index.obligations[rule_id].obligation
        if ob.min_grade is None:
            return True
        known = self._classify(self._knowledge(ob.from_))
        return applies_to(ob, known.grade.id, known.level.level if known.level else None)

    def _open_waiting_for_grade(self, told: Collection[str] | None = None) -> None:
        """Open the started grade-gated rules whose reporters now know the accident reached their grade
        (only those whose reporter's role is in `told`, when given: nobody else learned anything)."""
        for rule_id in sorted(self._waiting_for_grade):
            if told is not None and self.index.role(self.index.obligations[rule_id].obligation.from_) not in told:
                continue
            if self._reporter_knows_grade(rule_id):
                self._waiting_for_grade.discard(rule_id)
                self._open_obligation(rule_id, rule_id)

    def _on_obligation_started(self, e: ev.ObligationStarted) -> None:
        self._schedule_report(e.obligation, e.rule, e.from_body, e.deadline_t)

    def _on_response_terminated(self, e: ev.ResponseTerminated) -> None:
        if self.state.level is None:
            self._start_obligations(("response_terminated",))
        else:
            self._terminate_next()

    def _on_response_activated(self, e: ev.ResponseActivated) -> None:
        self._start_obligations(("level_activated", e.level))
        self._dispatch_officials(e.level)
        self._activate_groups(e.level)

    def _on_official_arrived(self, e: ev.OfficialArrived) -> None:
        self._consider_handover(e.body)

    def _on_rescuers_threatened(self, e: ev.RescuersThreatened) -> None:
        self._commander_decides(lambda c: None if self.state.suspended else d.SuspendRescue(actor=c, reason=e.cause))

    def _on_rescuers_safe(self, e: ev.RescuersSafe) -> None:
        self._commander_decides(lambda c: d.ResumeRescue(actor=c) if self.state.suspended else None)

    def _on_conditions_met(self, e: ev.TerminationConditionsMet) -> None:
        self._terminate_next()

    def _terminate_next(self) -> None:
        """The body that activated the topmost active response ends it, if the computer plays it."""
        activator = self.state.level_by
        if activator and self.computer(activator):
            self.later(self.delay_of(activator),
                       lambda: d.Terminate(actor=activator) if self.state.level_by == activator else None)

    def _enterprise_first_moves(self) -> None:
        for est in self.index.loaded.plan.field_command.establishment:
            if est.when == "accident_occurred" and self.computer(est.by):
                body = est.by
                self.later(self.delay_of(body) // 2, lambda body=body: d.EstablishCommand(actor=body)
                           if self.state.commander is None else None)
                self.later(self.delay_of(body), lambda body=body: d.Evacuate(actor=body, area="danger zone"))
                self.later(self.delay_of(body), lambda body=body: d.SetCordon(actor=body, radius_m=500))
                break

    def _schedule_report(self, instance: str, rule_id: str, body: str, deadline_t: int) -> None:
        if not self.computer(body) or self.index.obligations[rule_id].obligation.modality == "may":
            return
        remaining = deadline_t - int(self.env.now)
        sampled = self.delay_of(body)
        external = self._leaves_enterprise(rule_id)
        delay = self.policy.report_delay(self.role_tier(body), sampled, remaining, self.rng(f"policy/{body}"), external)

        def make() -> d.Decision | None:
            status = self.state.obligations.get(instance)
            if status is None or status.status in ("met", "late"):
                return None
            figures = self.policy.reported_figures(self.role_tier(body), self._knowledge(body), external)
            return d.Report(actor=body, obligation=rule_id, figures=figures)

        self.later(delay, make)

    def _leaves_enterprise(self, rule_id: str) -> bool:
        """Whether a rule's report goes to someone outside the enterprise (where 迟报 and 瞒报 happen)."""
        return self._external_rules[rule_id]

    def _follow_up_all(self) -> None:
        """Enterprise bodies that reported before and now see different figures send a follow-up (续报)."""
        self._follow_up_from(lambda body, role: self.index.rank(body) == 0)

    def _follow_up_from(self, which: Callable[[str, str | None], bool]) -> None:
        """Schedule one follow-up per reporting body and set of recipients, on the rule it reported last."""
        for (body, _), (rule_id, role, sends) in self._follow_targets.items():
            if sends and which(body, role):
                self.later(self.delay_of(body), lambda body=body, rule_id=rule_id: self._follow_up(body, rule_id))

    def _follow_up(self, body: str, rule_id: str) -> d.Decision | None:
        figures = self.policy.reported_figures(self.role_tier(body), self._knowledge(body),
                                               self._leaves_enterprise(rule_id))
        if self._last_reported.get((body, rule_id)) == figures:
            return None
        return d.Report(actor=body, obligation=rule_id, figures=figures)

    def _on_informed(self, e: ev.ReportSubmitted) -> None:
        """A role that receives news: forward it (follow-ups), consider activating, dispatch its teams."""
        self._reports_seen += 1
        roles_seen: list[str] = []
        for body in e.to:
            role = self.index.role(body)
            if role is None or role in roles_seen or role in self.human_roles:
                continue
            roles_seen.append(role)
            self.later(self.delay_of(body), lambda role=role: self._consider_activation(role))
            for res in self._resources_of_role.get(role, ()):
                if res.id not in self.state.resources:
                    self.later(self.delay_of(body), lambda res=res: d.DispatchResource(actor=res.controlled_by, resource=res.id)
                               if res.id not in self.state.resources else None)
        self._follow_up_from(lambda body, role: role in roles_seen)
        if self._waiting_for_grade:  # people's roles learn the grade too
            self._open_waiting_for_grade(told=tuple(self.index.role(b) for b in e.to))

    def _consider_activation(self, role: str) -> d.Decision | None:
        """The role raises the response to its own level when what it knows justifies that level or a higher one.

        A local government first activates its own level even when the facts call for a higher body's
        (Xinjiang 4.4.1 (1) 启动本级应急响应; Ordos: the city does the initial response of a level-2 accident);
        the higher body escalates once its own news arrives.
        """
        known = self._role_knowledge(role)
        if not known:
            return None
        justified = self._classify(known).level
        if justified is None:
            return None
        level = next((lv for lv in self._levels_of_role.get(role, ()) if lv.level >= justified.level), None)
        if level is None:
            return None
        current = self.state.level
        if current is None:
            return d.ActivateResponse(actor=level.activated_by, level=level.level)
        if level.level < current:
            return d.AdjustResponse(actor=level.activated_by, level=level.level)
        return None

    def _activate_groups(self, level: int) -> None:
        lv = self.index.levels[level]
        if not self.computer(lv.commander):
            return
        for group in self.index.groups_for_level(level):
            self.later(self.delay_of(lv.commander), lambda group=group: d.ActivateWorkingGroup(actor=lv.commander, group=group)
                       if group not in self.state.groups else None)

    def _consider_handover(self, arrived: str) -> None:
        commander = self.state.commander
        if commander is None or not self.computer(commander):
            return
        if not self.policy.hands_over(self.role_tier(commander)):
            return
        if self.index.rank(arrived) <= self.index.rank(commander):
            return
        match = next((h for h in self.index.handovers if h.to == arrived), None)
        if match is None:
            return

        def make() -> d.Decision | None:
            current = self.state.commander
            if current is None or self.index.rank(arrived) <= self.index.rank(current):
                return None
            return d.HandOverCommand(actor=current, to=arrived, briefing=match.briefing)

        self.later(self.delay_of(commander) // 2, make)

    def _classify(self, f: dict[str, int]) -> Any:
        """classify() of these figures with the situation flags, memoised: the same inputs give the same result."""
        key = situation_key(self.state, f)
        result = self._classified.get(key)
        if result is None:
            result = self._classified[key] = classify(self.index.loaded.plan, figures_of(key))
        return result

    def _commander_decides(self, make: Callable[[str], d.Decision | None]) -> None:
        commander = self.state.commander
        if commander is not None and self.computer(commander):
            self.later(self.delay_of(commander) // 2,
                       lambda: make(self.state.commander) if self.state.commander else None)




_REACTIONS: dict[type, Callable[[ExerciseModel, Any], None]] = {
    ev.AccidentOccurred: ExerciseModel._on_accident,
    ev.FiguresChanged: ExerciseModel._on_figures_changed,
    ev.GradeChanged: ExerciseModel._on_grade_changed,
    ev.SituationFlagged: ExerciseModel._on_situation_flagged,
    ev.ObligationStarted: ExerciseModel._on_obligation_started,
    ev.ReportSubmitted: ExerciseModel._on_informed,
    ev.ResponseTerminated: ExerciseModel._on_response_terminated,
    ev.ResponseActivated: ExerciseModel._on_response_activated,
    ev.OfficialArrived: ExerciseModel._on_official_arrived,
    ev.RescuersThreatened: ExerciseModel._on_rescuers_threatened,
    ev.RescuersSafe: ExerciseModel._on_rescuers_safe,
    ev.TerminationConditionsMet: ExerciseModel._on_conditions_met,
}
"""How the world and the computer-played roles react to each kind of event (the rest change nothing)."""


def _start_key(start: Any) -> tuple:
    """What starts a rule's clock, as a key: ('report_received', obligation), ('level_activated', 2), ..."""
    if isinstance(start, ReportReceived):
        return (start.kind, start.obligation)
    if isinstance(start, LevelActivated):
        return (start.kind, start.level)
    if isinstance(start, GradeReached):
        return (start.kind, start.grade)
    return (start.kind,)


def _after_times(cond: Any) -> list[int]:
    """The times of every `after` condition inside a condition."""
    if cond.kind == "after":
        return [cond.time]
    if cond.kind in ("all", "any"):
        return [t for c in cond.of for t in _after_times(c)]
    if cond.kind == "not":
        return _after_times(cond.cond)
    return []


def _decision_from(kind: str, actor: str, target: str | None, exp: Any, model: ExerciseModel) -> d.Decision | None:
    """Build the decision an inject expects from its type and target (used by the plan policy)."""
    if kind == "take_action" and target:
        return d.TakeAction(actor=actor, action=target)
    if kind == "report":
        return None  # reports follow the obligation clocks and the policy, not the MSEL prompt
    if kind in ("activate_response", "adjust_response") and target and target.isdigit():
        cls = d.ActivateResponse if model.state.level is None else d.AdjustResponse
        return cls(actor=actor, level=int(target))
    if kind == "hand_over_command" and target:
        if not model.policy.hands_over(model.role_tier(actor)):
            return None
        match = next((h for h in model.index.handovers if h.to == target), None)
        return d.HandOverCommand(actor=actor, to=target, briefing=match.briefing if match else ())
    if kind == "activate_working_group" and target:
        return d.ActivateWorkingGroup(actor=actor, group=target)
    if kind == "dispatch_resource" and target:
        return d.DispatchResource(actor=actor, resource=target)
    if kind == "evacuate":
        return d.Evacuate(actor=actor, area=target or "danger zone")
    if kind == "set_cordon":
        return d.SetCordon(actor=actor, radius_m=int(target) if target and target.isdigit() else 500)
    if kind == "issue_warning" and target:
        return d.IssueWarning(actor=actor, color=target)  # type: ignore[arg-type]
    if kind == "lift_warning" and target:
        return d.LiftWarning(actor=actor, color=target)  # type: ignore[arg-type]
    if kind == "release_information":
        return d.ReleaseInformation(actor=actor, text=exp.text.zh)
    if kind == "suspend_rescue":
        return d.SuspendRescue(actor=actor, reason=exp.text.zh)
    if kind == "resume_rescue":
        return d.ResumeRescue(actor=actor)
    if kind == "establish_command":
        return d.EstablishCommand(actor=actor)
    if kind == "terminate":
        return d.Terminate(actor=actor)
    if kind == "note":
        return d.Note(actor=actor, text=exp.text.zh)
    return None
