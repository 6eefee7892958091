"""What the computer-played roles decide, and when: each reacts to what it learns after a sampled delay, as its
policy says — reports and follow-ups, activating and raising the response, handing over command, working
groups, resources, suspending and resuming rescue, ending the response, and what injects expect of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from drillsim import decisions as d
from drillsim.decisions.send_guidance_team import guided_tiers
from drillsim.engine import events as ev
from drillsim.engine.part import SimulationPart
from drillsim.engine.authority import check
from drillsim.model.base import MINUTE

if TYPE_CHECKING:
    from drillsim.engine.simulation import Simulation



class ComputerRoles(SimulationPart):
    """The roles no person plays, acting through `Simulation.decide` like people do."""

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        index = self.index
        self.policy = sim.policy
        self.human_roles = sim.human_roles
        self._is_computer: dict[str, bool] = {}
        self._delay_samplers: dict[str, Callable[[], int]] = {}
        self._last_reported: dict[tuple[str, str], dict[str, int]] = {}
        self._follow_targets: dict[tuple[str, tuple[str, ...]], tuple[str, str | None, bool]] = {}
        """(body, recipients) → the rule it reported on last to them, the body's role, and whether the computer
        sends its follow-ups (it plays the body and the report leaves the enterprise)."""
        self._external_rules = {rule_id: any(index.rank(b) > 0 for b in eo.obligation.to)
                                for rule_id, eo in index.obligations.items()}
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

    # --- who plays, and how soon ------------------------------------------------------------------------

    def plays(self, body: str) -> bool:
        """Whether the computer plays this body (it belongs to a role no person plays)."""
        known = self._is_computer.get(body)
        if known is None:
            role = self.index.role(body)
            known = self._is_computer[body] = role is not None and role not in self.human_roles
        return known

    def policy_tier(self, body: str) -> str | None:
        """The tier the policy judges a body's habits by: none for a bystander who reports (知情单位或个人), who is
        not the enterprise and whose reports the enterprise's flaws do not touch."""
        b = self.index.bodies.get(body)
        return None if b is None or b.bystander else b.tier

    def later(self, delay: int, make: Callable[[], d.Decision | None]) -> None:
        """Let the computer decide after `delay` ms; `make` looks at the state then and may decide nothing."""
        self.timers.after(max(0, delay), self._decide_later, make)

    def _decide_later(self, make: Callable[[], d.Decision | None]) -> None:
        if self.state.ended:
            return
        decision = make()
        if decision is not None:
            self.sim.decide(decision, source="computer")

    def delay_of(self, body: str) -> int:
        """A decision delay drawn for the role of `body` (a minute for bodies no role plays)."""
        draw = self._delay_samplers.get(body)
        if draw is None:
            role = self.index.roles.get(self.index.role(body) or "")
            draw = (lambda: MINUTE) if role is None else self.sim.sampler(role.decision_delay, f"delay/{role.id}")
            self._delay_samplers[body] = draw
        return draw()

    # --- injects ------------------------------------------------------------------------------------

    def answer_inject(self, inj: Any) -> None:
        """A computer role carries out what an inject delivered to it expects of its bodies."""
        if inj.to in self.human_roles:
            return
        delivered = int(self.env.now)
        for exp in inj.expected:
            if self.plays(exp.by):
                self._attempt_expected(exp, delivered)

    def _attempt_expected(self, exp: Any, delivered: int) -> None:
        """Carry out what an inject expects, retrying while it is not yet allowed and its window is open."""

        def make() -> d.Decision | None:
            if self._expectation_done(exp, 0 if exp.counts_from == "accident" else delivered):
                return None
            kind = d.DECISION_TYPES.get(exp.decision)
            decision = kind.from_expected(exp, self) if kind is not None else None
            if decision is None:
                return None
            if check(decision, self.sim.ctx) is not None:
                if int(self.env.now) < delivered + exp.within:
                    self._attempt_expected(exp, delivered)
                return None
            return decision

        self.later(self.delay_of(exp.by), make)

    def _expectation_done(self, exp: Any, since: int) -> bool:
        """Whether the expected decision was taken since `since` (the inject, or the accident: `counts_from`)."""
        for t, kind, actor, target in reversed(self.state.accepted):  # newest first, in time order
            if t < since:
                return False
            if kind == exp.decision and actor == exp.by and (exp.target is None or target == exp.target):
                return True
        return False

    # --- reactions to events ------------------------------------------------------------------------

    def on_accident(self, e: ev.AccidentOccurred) -> None:
        """The enterprise establishes its command, evacuates and cordons off the danger zone."""
        for est in self.index.loaded.definition.field_command.establishment:
            if est.when == "accident_occurred" and self.plays(est.by):
                body = est.by
                self.later(self.delay_of(body) // 2, lambda body=body: d.EstablishCommand(actor=body)
                           if self.state.commander is None else None)
                self.later(self.delay_of(body), lambda body=body: d.Evacuate(actor=body, area="danger zone"))
                self.later(self.delay_of(body), lambda body=body: d.SetCordon(actor=body, radius_m=500))
                break

    def on_situation_flagged(self, e: ev.SituationFlagged | ev.ResponseJudgedNecessary) -> None:
        """A crossing, a capacity exceeded or a higher body's judgement (认为需要) is known to everyone informed:
        the activating roles reconsider their level."""
        for role, levels in self._levels_of_role.items():
            if role not in self.human_roles:  # an uninformed role finds nothing to act on
                self.later(self.delay_of(levels[0].activated_by), lambda role=role: self._consider_activation(role))

    def on_obligation_started(self, e: ev.ObligationStarted) -> None:
        self._schedule_report(e.obligation, e.rule, e.from_body, e.deadline_t)

    def on_informed(self, e: ev.ReportSubmitted) -> None:
        """A role that receives news: forward it (follow-ups), consider activating, dispatch its teams."""
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

    def on_response_activated(self, e: ev.ResponseActivated) -> None:
        """The level's commander activates the working groups the level requires (those the command selected,
        once it has selected them)."""
        lv = self.index.levels[e.level]
        if not self.plays(lv.commander):
            return
        selected = self.state.groups_selected
        for group in self.index.groups_for_level(e.level):
            if selected is not None and group not in selected:
                continue
            self.later(self.delay_of(lv.commander), lambda group=group: d.ActivateWorkingGroup(actor=lv.commander, group=group)
                       if group not in self.state.groups else None)

    def on_response_terminated(self, e: ev.ResponseTerminated) -> None:
        if self.state.level is not None:
            self._terminate_next()

    def on_official_arrived(self, e: ev.OfficialArrived) -> None:
        self._consider_handover(e.body)

    def on_support_requested(self, e: ev.SupportRequested) -> None:
        """The body asked sends the teams it controls that have not set out, and its role reconsiders its level."""
        if not self.plays(e.to):
            return
        role = self.index.role(e.to) or ""
        for res in self._resources_of_role.get(role, ()):
            if self.index.acts_for(e.to, res.controlled_by) and res.id not in self.state.resources:
                self.later(self.delay_of(e.to), lambda res=res: d.DispatchResource(actor=res.controlled_by, resource=res.id)
                           if res.id not in self.state.resources else None)
        if role in self._levels_of_role:
            self.later(self.delay_of(e.to), lambda: self._consider_activation(role))

    def on_rescuers_threatened(self, e: ev.RescuersThreatened) -> None:
        self._commander_decides(lambda c: None if self.state.suspended else d.SuspendRescue(actor=c, reason=e.cause))

    def on_rescuers_safe(self, e: ev.RescuersSafe) -> None:
        self._commander_decides(lambda c: d.ResumeRescue(actor=c) if self.state.suspended else None)

    def on_conditions_met(self, e: ev.TerminationConditionsMet) -> None:
        self._terminate_next()

    # --- decisions ----------------------------------------------------------------------------------

    def _terminate_next(self) -> None:
        """The body that activated the topmost active response ends it, if the computer plays it."""
        activator = self.state.level_by
        if activator and self.plays(activator):
            self.later(self.delay_of(activator),
                       lambda: d.Terminate(actor=activator) if self.state.level_by == activator else None)

    def _schedule_report(self, instance: str, rule_id: str, body: str, deadline_t: int) -> None:
        if not self.plays(body) or self.index.obligations[rule_id].obligation.modality == "may":
            return
        remaining = deadline_t - int(self.env.now)
        sampled = self.delay_of(body)
        external = self.leaves_enterprise(rule_id)
        delay = self.policy.report_delay(self.policy_tier(body), sampled, remaining, self.sim.rng(f"policy/{body}"),
                                         external)

        def make() -> d.Decision | None:
            status = self.state.obligations.get(instance)
            if status is None or status.status in ("met", "late"):
                return None
            figures = self.policy.reported_figures(self.policy_tier(body), self.sim.knowledge(body), external)
            return d.Report(actor=body, obligation=rule_id, figures=figures)

        self.later(delay, make)

    def leaves_enterprise(self, rule_id: str) -> bool:
        """Whether a rule's report goes to someone outside the enterprise (where 迟报 and 瞒报 happen)."""
        return self._external_rules[rule_id]

    def remember_report(self, body: str, rule_id: str, to: tuple[str, ...], figures: dict[str, int]) -> bool:
        """Note what a body reported on a rule; True when it is the body's first report on it."""
        first = (body, rule_id) not in self._last_reported
        if first:
            # the rule a body reported last to each set of recipients (what its follow-ups go out on)
            self._follow_targets[(body, to)] = (
                rule_id, self.index.role(body), self.plays(body) and self.leaves_enterprise(rule_id))
        self._last_reported[(body, rule_id)] = dict(figures)
        return first

    def follow_up_all(self) -> None:
        """Enterprise bodies that reported before and now see different figures send a follow-up (续报); a
        bystander who raised the alarm (知情单位或个人) owes none."""
        self._follow_up_from(lambda body, role: self.index.rank(body) == 0 and self.policy_tier(body) is not None)

    def _follow_up_from(self, which: Callable[[str, str | None], bool]) -> None:
        """Schedule one follow-up per reporting body and set of recipients, on the rule it reported last."""
        for (body, _), (rule_id, role, sends) in self._follow_targets.items():
            if sends and which(body, role):
                self.later(self.delay_of(body), lambda body=body, rule_id=rule_id: self._follow_up(body, rule_id))

    def _follow_up(self, body: str, rule_id: str) -> d.Decision | None:
        figures = self.policy.reported_figures(self.policy_tier(body), self.sim.knowledge(body),
                                               self.leaves_enterprise(rule_id))
        if self._last_reported.get((body, rule_id)) == figures:
            return None
        return d.Report(actor=body, obligation=rule_id, figures=figures)

    def _consider_activation(self, role: str) -> d.Decision | None:
        """The role raises the response to its own level when what it knows justifies that level or a higher one.

        A local government first activates its own level even when the facts call for a higher body's
        (Xinjiang 4.4.1 (1) 启动本级应急响应; Ordos: the city does the initial response of a level-2 accident);
        the higher body escalates once its own news arrives. Once the conditions for ending the response hold,
        late news re-activates nothing: a level ended on them stays ended (the grade, once reached, stays).
        """
        known = self.sim.role_knowledge(role)
        if not known or self.state.conditions_met:
            return None  # nothing heard yet; or the response may end (000:L494): news then opens no new one
        justified = self.sim.classify(known).level
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

    def _consider_handover(self, arrived: str) -> None:
        commander = self.state.commander
        if commander is None or not self.plays(commander):
            return
        if not self.policy.hands_over(self.policy_tier(commander)):
            return
        if self.index.rank(arrived) <= self.index.rank(commander):
            return
        if self.index.tier(arrived) in guided_tiers(self.index, self.state):
            return  # that tier sent a guidance team instead: it guides, the local command keeps command
        match = next((h for h in self.index.handovers if h.to == arrived), None)
        if match is None:
            return

        def make() -> d.Decision | None:
            current = self.state.commander
            if current is None or self.index.rank(arrived) <= self.index.rank(current):
                return None
            return d.HandOverCommand(actor=current, to=arrived, briefing=match.briefing)

        self.later(self.delay_of(commander) // 2, make)

    def _commander_decides(self, make: Callable[[str], d.Decision | None]) -> None:
        commander = self.state.commander
        if commander is not None and self.plays(commander):
            self.later(self.delay_of(commander) // 2,
                       lambda: make(self.state.commander) if self.state.commander else None)

