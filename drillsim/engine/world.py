"""The accident's own course: figures that change, grow and flare up, rescue that moves people to safety, the
grade and response level the truth justifies, injects, resources and officials travelling to the scene, and
the conditions under which the response may end."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from drillsim.engine import events as ev
from drillsim.engine.part import SimulationPart
from drillsim.engine.conditions import checker, holds
from drillsim.model.base import MINUTE
from drillsim.model.figures import STATE_ORDER, calls_for_follow_up
from drillsim.model.scenario import FigureChanges

if TYPE_CHECKING:
    from drillsim.engine.simulation import Simulation



class World(SimulationPart):
    """SimPy processes for everything that happens without anyone deciding it."""

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        self.scenario = sc = sim.scenario
        self.pending_injects = [i for i in sc.msel if i.at is None]
        self.msel = {i.id: i for i in sc.msel}
        self.held: dict[str, bool] = {}
        """MSEL inject id → whether it fell due while held (a facilitator's hold; released in `release`)."""
        self.edited: dict[str, tuple[str, str]] = {}
        """MSEL inject id → the (zh, en) text the facilitator gave it."""
        self.after_times = sorted({t for c in [*(i.when for i in sc.msel), sc.dynamics.contained_when,
                                               sc.dynamics.environment_ok_when]
                                   if c is not None for t in _after_times(c)})
        """Times at which an `after` condition turns true: the only moments time alone changes a condition."""

    def start(self) -> None:
        """At the start of the exercise: the warning phase's injects, then the accident at time 0 (at once when
        there is no warning phase)."""
        now = int(self.env.now)
        if now >= 0:
            self._accident()
            return
        for inj in self.scenario.msel:
            if inj.at is not None and inj.at < 0:
                self.timers.after(inj.at - now, self._timed_inject, inj)
        self.timers.after(-now, self._accident)

    def _accident(self) -> None:
        """The accident, its initial grade, and the processes of the dynamics, timed injects and travel.

        Conditions are watched from here on: before the accident there are no figures to watch, so a timed
        inject of the warning phase whose `when` does not hold yet waits for the accident.
        """
        sim, sc = self.sim, self.scenario
        init = sc.initial
        figures = {f: getattr(init, f, 0) for f in STATE_ORDER}
        sim.emit(ev.AccidentOccurred, description_zh=init.description.zh, description_en=init.description.en, figures=figures)
        if init.cross_jurisdiction or init.capacity_exceeded:
            sim.emit(ev.SituationFlagged, cross_jurisdiction=init.cross_jurisdiction,
                     capacity_exceeded=init.capacity_exceeded)
        self.regrade()
        timers = self.timers
        for ch in sc.dynamics.changes:
            timers.after(ch.at, self._scheduled_change, ch)
        for g in sc.dynamics.growth:
            timers.start(self._grow_later, g)
        for s in sc.dynamics.secondary:
            timers.start(self._secondary, s)
        for inj in sc.msel:
            if inj.at is not None and inj.at >= 0:
                timers.after(inj.at, self._timed_inject, inj)
        for res in sc.resources:
            if res.dispatched_at_start:
                self.dispatch_resource(res.id, res.controlled_by)
        timers.start(self._start_monitor)
        timers.after(sc.duration, self._time_limit)

    # --- figures ------------------------------------------------------------------------------------

    def apply_change(self, change: FigureChanges, cause: str, note_zh: str = "", note_en: str = "") -> None:
        """Set and add figures and raise situation flags, then regrade."""
        state, emit = self.state, self.sim.emit
        new = {k: v for k, v in change.set.items()}
        for k, v in change.add.items():
            new[k] = max(0, new.get(k, state.figures.get(k, 0)) + v)
        changed = {k: v for k, v in sorted(new.items()) if state.figures.get(k) != v}
        cross = tuple(x for x in change.cross_jurisdiction if x not in state.cross_jurisdiction)
        capacity = tuple(x for x in change.capacity_exceeded if x not in state.capacity_exceeded)
        news = calls_for_follow_up(state.figures, changed)
        if changed:
            emit(ev.FiguresChanged, cause=cause, figures=changed, note_zh=note_zh, note_en=note_en)
            if news:
                self.follow_up()
        if cross or capacity:
            emit(ev.SituationFlagged, cross_jurisdiction=cross, capacity_exceeded=capacity)
        cleared = self._clear_flags(change.clear_cross_jurisdiction, change.clear_capacity_exceeded, cause)
        if changed or cross or capacity or cleared:
            self.regrade(news_sent=news)

    def _clear_flags(self, cross: tuple[str, ...], capacity: tuple[str, ...], cause: str) -> bool:
        """End those of these situation flags that are raised; whether any was."""
        state = self.state
        cross = tuple(x for x in cross if x in state.cross_jurisdiction)
        capacity = tuple(x for x in capacity if x in state.capacity_exceeded)
        if cross or capacity:
            self.sim.emit(ev.SituationCleared, cross_jurisdiction=cross, capacity_exceeded=capacity, cause=cause)
        return bool(cross or capacity)

    def on_conditions_met(self, e: ev.TerminationConditionsMet) -> None:
        """The conditions for ending the response hold (000:L494; Ordos 四(九)): the hazard is under control, so
        no tier's capacity is exceeded and nothing spreads across a line any more. Without this a level the
        flags justify is activated again as soon as news reaches its activator after it was ended."""
        state = self.state
        if self._clear_flags(tuple(state.cross_jurisdiction), tuple(state.capacity_exceeded), e.kind):
            self.regrade()

    def follow_up(self) -> None:
        """News to follow up (续报): the follow-up obligations open and the enterprise's reporters write again."""
        self.sim.clocks.situation_changed()
        self.sim.roles.follow_up_all()

    def _scheduled_change(self, ch: Any) -> None:
        if self.state.ended or (ch.unless is not None and holds(ch.unless, self.state, int(self.env.now))):
            return
        self.apply_change(ch.change, ch.id, ch.note.zh, ch.note.en)

    def _grow_later(self, g: Any) -> None:
        if not self.state.ended:
            self.timers.wait(g.every, self._grow, g)

    def _grow(self, g: Any) -> None:
        """One step of a steady growth, every `g.every` ms until its condition holds."""
        if g.until is not None and holds(g.until, self.state, int(self.env.now)):
            return
        value = self.state.figures.get(g.figure, 0) + g.amount
        if g.cap is not None:
            value = min(value, g.cap)
        self.apply_change(FigureChanges(set={g.figure: max(0, value)}), g.id)
        self._grow_later(g)

    def _secondary(self, s: Any) -> None:
        gen = self.sim.rng(f"secondary/{s.id}")
        happens = gen.random() < s.probability
        at = int(round(gen.uniform(s.earliest, s.latest)))
        if happens:
            self.timers.wait(at, self._secondary_happens, s)

    def _secondary_happens(self, s: Any) -> None:
        if self.state.ended or (s.unless is not None and holds(s.unless, self.state, int(self.env.now))):
            return
        self.apply_change(s.change, s.id, s.description.zh, s.description.en)
        if s.threatens_rescuers:
            self.sim.emit(ev.RescuersThreatened, cause=s.id, until_t=int(self.env.now) + s.threat_lasts)
            self.timers.wait(s.threat_lasts, self._rescuers_safe, s)

    def _rescuers_safe(self, s: Any) -> None:
        if not self.state.ended:
            self.sim.emit(ev.RescuersSafe, cause=s.id)

    def _rescue_later(self, effect: Any) -> None:
        if not self.state.ended:
            self.timers.wait(effect.every, self._rescue, effect)

    def _rescue(self, effect: Any) -> None:
        """Every `effect.every` ms while rescue goes on: move people from one figure to another."""
        if not (self.state.suspended or self.state.rescuers_threatened):
            available = self.state.figures.get(effect.from_figure, 0)
            if available > 0:
                moved = min(effect.amount, available)
                self.apply_change(
                    FigureChanges(add={effect.from_figure: -moved, effect.to_figure: moved}), effect.id
                )
        self._rescue_later(effect)

    def regrade(self, news_sent: bool = False) -> None:
        """Recompute the grade and the response level the true figures justify; start what they start.

        `news_sent`: the change already set off follow-up reports (casualties changed). A grade that moves on
        the loss or the situation flags alone is news too (Decree 493 Art. 13; Ordos 四(一)4 事故性质), and sets
        them off here.
        """
        sim, state = self.sim, self.state
        result = sim.classify(state.figures)
        previous_grade = state.grade
        if result.grade.id != previous_grade:
            sim.emit(ev.GradeChanged, grade=result.grade.id, previous=previous_grade)
        level = result.level.level if result.level else None
        if level != state.justified_level:
            sim.emit(
                ev.LevelJustified,
                level=level,
                previous=state.justified_level,
                activated_by=result.level.activated_by if result.level else None,
                reasons=tuple(t.kind for t in result.reasons),
            )
        if previous_grade is not None and result.grade.id != previous_grade and not news_sent:
            self.follow_up()

    # --- conditions checked once a simulated minute ---------------------------------------------------

    def _start_monitor(self) -> None:
        dyn = self.scenario.dynamics
        self._contained_when = checker(dyn.contained_when) if dyn.contained_when is not None else None
        self._checked = (-1, 0)
        """(state.seq, index of the next `after` time) when the conditions were last evaluated."""
        if not self.state.ended:
            self._tick = self.timers.wait(MINUTE, self._monitor)

    def _monitor(self) -> None:
        """Once a simulated minute: conditional injects, containment, termination conditions."""
        state, after_times = self.state, self.after_times
        now = int(self.env.now)
        checked_seq, next_after = self._checked
        # Conditions depend only on the state and on `now >= t` tests: re-evaluate when either moved.
        crossed = next_after < len(after_times) and after_times[next_after] <= now
        if state.seq != checked_seq or crossed:
            self._checked = (state.seq, bisect.bisect_right(after_times, now))
            if self.pending_injects:
                for inj in list(self.pending_injects):
                    if inj.id not in self.held and inj.when is not None and checker(inj.when)(state, now):
                        self.pending_injects.remove(inj)
                        self.deliver(inj)
            contained_when = self._contained_when
            if not state.contained and contained_when is not None and contained_when(state, now):
                self.sim.emit(ev.HazardContained)
            if not state.conditions_met and state.level is not None:
                met = self._termination_conditions()
                if met is not None:
                    self.sim.emit(ev.TerminationConditionsMet, conditions=met)
        if not state.ended:
            self._tick.again(MINUTE)

    def _termination_conditions(self) -> tuple[str, ...] | None:
        wanted = self.index.loaded.definition.termination.conditions
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

    def _time_limit(self) -> None:
        if not self.state.ended:
            self.sim.emit(ev.ExerciseEnded, reason="time_limit")

    # --- injects -------------------------------------------------------------------------------------

    def _timed_inject(self, inj: Any) -> None:
        if self.state.ended or inj.id in self.state.injects:  # fired early by the facilitator
            return
        if inj.when is not None and not holds(inj.when, self.state, int(self.env.now)):
            self.pending_injects.append(inj)
            return
        if inj.id in self.held:
            self.held[inj.id] = True
            return
        self.deliver(inj)

    def deliver(self, inj: Any) -> None:
        """Deliver an inject of the MSEL, apply its change, and let computer roles answer it."""
        zh, en = self.edited.get(inj.id, (inj.text.zh, inj.text.en))
        self.sim.emit(ev.InjectDelivered, inject=inj.id, to_role=inj.to, text_zh=zh, text_en=en)
        if inj.change is not None:
            self.apply_change(inj.change, inj.id)
        self.sim.roles.answer_inject(inj)

    # --- the facilitator's hand on the MSEL ---------------------------------------------------------------

    def upcoming(self, inject_id: str) -> Any:
        """The MSEL inject `inject_id` if it has not been delivered yet (ValueError otherwise)."""
        inj = self.msel.get(inject_id)
        if inj is None:
            raise ValueError(f"unknown inject {inject_id!r}; the MSEL has {', '.join(self.msel) or 'none'}")
        if inject_id in self.state.injects:
            raise ValueError(f"inject {inject_id!r} has already been delivered")
        return inj

    def hold(self, inject_id: str) -> None:
        """Keep an inject back, even when it falls due, until it is released."""
        self.upcoming(inject_id)
        if inject_id in self.held:
            raise ValueError(f"inject {inject_id!r} is already held")
        self.held[inject_id] = False
        self.sim.emit(ev.InjectHeld, inject=inject_id)

    def release(self, inject_id: str) -> None:
        """Let a held inject go: delivered now if it fell due while held, else when it falls due."""
        inj = self.upcoming(inject_id)
        if inject_id not in self.held:
            raise ValueError(f"inject {inject_id!r} is not held")
        due = self.held.pop(inject_id)
        self.sim.emit(ev.InjectReleased, inject=inject_id)
        if due:
            self.deliver(inj)

    def advance(self, inject_id: str) -> None:
        """Deliver an inject now, held or not, before it falls due; its timer then finds it delivered."""
        inj = self.upcoming(inject_id)
        self.held.pop(inject_id, None)
        if inj in self.pending_injects:
            self.pending_injects.remove(inj)
        self.sim.emit(ev.InjectAdvanced, inject=inject_id)
        self.deliver(inj)

    def edit(self, inject_id: str, text_zh: str, text_en: str) -> None:
        """Give an inject not yet delivered a new text."""
        self.upcoming(inject_id)
        if not (text_zh.strip() or text_en.strip()):
            raise ValueError("an edited inject needs a text")
        self.edited[inject_id] = (text_zh or text_en, text_en or text_zh)
        self.sim.emit(ev.InjectEdited, inject=inject_id, text_zh=text_zh or text_en, text_en=text_en or text_zh)

    # --- travel --------------------------------------------------------------------------------------

    def dispatch_resource(self, resource_id: str, by: str) -> None:
        """Send a resource on its way; it arrives after its sampled travel time and starts its rescue effects."""
        res = self.index.resources[resource_id]
        travel = self.sim.sample(res.travel_time, f"travel/{resource_id}")
        self.sim.emit(ev.ResourceDispatched, resource=resource_id, by=by, eta=int(self.env.now) + travel)
        self.timers.after(travel, self._arrive_resource, resource_id)

    def _arrive_resource(self, resource_id: str) -> None:
        if self.state.ended:
            return
        self.sim.emit(ev.ResourceArrived, resource=resource_id)
        for effect in self.scenario.dynamics.rescue:
            if effect.resource == resource_id:
                self.timers.start(self.timers.wait, effect.starts_after, self._rescue_later, effect)

    def on_response_activated(self, e: ev.ResponseActivated) -> None:
        """Officials of the tiers up to the one leading the level set out for the scene."""
        led = self.index.levels[e.level].led_by_tier
        led_rank = self.index.tier_rank.get(led, 0)
        for body, official in self.index.officials.items():
            if body in self.state.officials or not 0 < self.index.rank(body) <= led_rank:
                continue
            travel = self.sim.sample(official.travel_time, f"travel/{body}")
            self.sim.emit(ev.OfficialDispatched, body=body, eta=int(self.env.now) + travel)
            self.timers.after(travel, self._arrive_official, body)

    def _arrive_official(self, body: str) -> None:
        if not self.state.ended:
            self.sim.emit(ev.OfficialArrived, body=body)


def _after_times(cond: Any) -> list[int]:
    """The times of every `after` condition inside a condition."""
    if cond.kind == "after":
        return [cond.time]
    if cond.kind in ("all", "any"):
        return [t for c in cond.of for t in _after_times(c)]
    if cond.kind == "not":
        return _after_times(cond.cond)
    return []
