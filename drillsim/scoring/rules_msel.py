"""The scenario's MSEL: every expected action of every inject, judged by its outcome within `within`.

An expectation's clock starts when the acting body can act: its inject is delivered, its role knows of the
accident, and, for on-scene orders (evacuate, cordon, suspend, resume), its role holds field command, as the
engine's authority rules require. An expectation whose body never could act costs nothing here: the cause
(a missing report or handover) is scored on its own finding. Expectations that restate a plan rule (reports, activation, command, groups, termination) are
listed as `covered` and scored once, under that rule's finding.
"""

from __future__ import annotations

from collections.abc import Callable

from drillsim.engine import events as ev
from drillsim.model.scenario import ExpectedAction, Inject
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Detail, Finding, RuleRef, at, evidence, fmt_ms, judged, late_extent

AREA_OF_DECISION: dict[str, str] = {
    "report": "warning_reporting",
    "issue_warning": "warning_reporting",
    "lift_warning": "warning_reporting",
    "activate_response": "mobilisation",
    "adjust_response": "mobilisation",
    "activate_working_group": "mobilisation",
    "establish_command": "command",
    "hand_over_command": "command",
    "note": "assessment",
    "take_action": "response_actions",
    "evacuate": "response_actions",
    "set_cordon": "response_actions",
    "dispatch_resource": "resources",
    "release_information": "information",
    "suspend_rescue": "protection",
    "resume_rescue": "protection",
    "terminate": "termination",
}


def msel_findings(ctx: Ctx) -> list[Finding]:
    """One finding per expected action, id `msel:<inject>#<n>`."""
    delivered: dict[str, ev.InjectDelivered] = {}
    for e in ctx.trace.of(ev.InjectDelivered):
        delivered.setdefault(e.inject, e)
    found: list[Finding] = []
    for inj in ctx.index.scenario.msel:
        for n, exp in enumerate(inj.expected, start=1):
            found.append(_expectation(ctx, inj, n, exp, delivered.get(inj.id)))
    return found


def _rule(ctx: Ctx, inj: Inject, exp: ExpectedAction) -> RuleRef:
    if inj.cite is not None:
        return ctx.rule(inj.cite, "must")
    return RuleRef(ctx.index.scenario.id, inj.id, exp.text.zh, exp.text.en, "must", False)


def _covered_by(ctx: Ctx, exp: ExpectedAction) -> str | None:
    """The plan finding that already scores this expectation, if any."""
    kind, target = exp.decision, exp.target
    if kind == "report" and target in ctx.index.obligations:
        first = next((i for i in ctx.trace.instances if ctx.trace.instances[i].started.rule == target), target)
        return f"obligation:{first}"
    if kind in ("activate_response", "adjust_response"):
        return f"level:{target}" if target else "level"
    if kind in ("hand_over_command", "establish_command") and target:
        h = next((h for h in ctx.index.handovers if h.to == target), None)
        if h is not None:
            return f"handover:{h.id}"
    if kind == "establish_command":
        return f"command:{exp.by}"
    if kind == "activate_working_group" and target:
        return f"group:{target}"
    if kind == "terminate":
        return "termination"
    return None


def _expectation(ctx: Ctx, inj: Inject, n: int, exp: ExpectedAction, got: ev.InjectDelivered | None) -> Finding:
    fid, area, rule = f"msel:{inj.id}#{n}", AREA_OF_DECISION.get(exp.decision, "response_actions"), _rule(ctx, inj, exp)
    what = (exp.text.zh, exp.text.en)
    if got is None:
        return judged(fid, area, rule, "not_delivered", Detail(
            f"注入未触发，不计分：{what[0]}", f"The inject was never delivered; not scored: {what[1]}"), owner=exp.by)
    covered = _covered_by(ctx, exp)
    if covered is not None:
        return judged(fid, area, rule, "covered", Detail(
            f"已在{covered}中计分：{what[0]}", f"Scored under {covered}: {what[1]}"),
            evidence(got), owner=exp.by, covered_by=covered)
    match = _MATCHERS.get(exp.decision)
    if match is None:
        return judged(fid, area, rule, "not_assessable", Detail(
            f"无法从事件判断：{what[0]}", f"Cannot be judged from the events: {what[1]}"), evidence(got), owner=exp.by)
    enabler, done = match(ctx, exp, got)
    if enabler is None:
        return judged(fid, area, rule, "not_triggered", Detail(
            f"前提未出现，不计分：{what[0]}", f"Its precondition never arose; not scored: {what[1]}"),
            evidence(got), owner=exp.by)
    can_act, command = _command(ctx, exp, got)
    if not can_act:
        return judged(fid, area, rule, "not_triggered", Detail(
            f"{ctx.zh(exp.by)}始终未掌握现场指挥权，无权下达该现场指令（原因见移交发现项），不计分：{what[0]}",
            f"{ctx.en(exp.by)} never held field command, which this on-scene order needs (the cause is scored on "
            f"the handover findings); not scored: {what[1]}"), evidence(got), owner=exp.by)
    informed = ctx.trace.informed_event(exp.by)
    start = max((e for e in (got, enabler, informed, command) if e is not None), key=lambda e: (e.t, e.seq))
    deadline = start.t + exp.within
    head = (f"{at(got.t)}注入后要求{fmt_ms(exp.within)}内：{what[0]}", f"After the inject at {at(got.t)}, within {fmt_ms(exp.within)}: {what[1]}")
    weight = ctx.params.weights.msel
    if done is None:
        verdict = "pending" if deadline >= ctx.trace.end_t else "missed"
        return judged(fid, area, rule, verdict, Detail(head[0] + " —— 未完成。", head[1] + " — not done."),
                      evidence(got, start), weight=weight, severity="整改项", owner=exp.by, due_t=deadline)
    if done.t > deadline:
        late = done.t - deadline
        return judged(fid, area, rule, "late", Detail(
            head[0] + f" —— {at(done.t)}完成，超时{fmt_ms(late)}。", head[1] + f" — done at {at(done.t)}, {fmt_ms(late)} late."),
            evidence(got, start, done), weight=weight, extent=late_extent(late, exp.within), severity="改进项",
            owner=exp.by, done_t=done.t, due_t=deadline)
    return judged(fid, area, rule, "met", Detail(
        head[0] + f" —— {at(done.t)}已完成。", head[1] + f" — done at {at(done.t)}."),
        evidence(got, done), weight=weight, owner=exp.by, done_t=done.t, due_t=deadline)


NEEDS_COMMAND = frozenset({"evacuate", "set_cordon", "suspend_rescue", "resume_rescue"})


def _command(ctx: Ctx, exp: ExpectedAction, got: ev.InjectDelivered) -> tuple[bool, ev.DomainEvent | None]:
    """Whether the body may give this order at or after the inject, and the event that gave its role command
    later (None when it needs no command or already held it)."""
    if exp.decision not in NEEDS_COMMAND or ctx.index.rank(exp.by) == 0:
        return True, None
    role = ctx.trace.role_key(exp.by)
    changes = sorted([*ctx.trace.of(ev.CommandEstablished), *ctx.trace.of(ev.CommandHandedOver)], key=lambda e: e.seq)
    before = [e for e in changes if e.seq < got.seq]
    if before and ctx.trace.role_key(_holder(before[-1])) == role:
        return True, None
    later = next((e for e in changes if e.seq > got.seq and ctx.trace.role_key(_holder(e)) == role), None)
    return later is not None, later


def _holder(e: ev.DomainEvent) -> str:
    return e.commander if isinstance(e, ev.CommandEstablished) else e.to_body  # type: ignore[attr-defined]


Match = Callable[[Ctx, ExpectedAction, ev.InjectDelivered], tuple[ev.DomainEvent | None, ev.DomainEvent | None]]


def _by_role(ctx: Ctx, exp: ExpectedAction, e: ev.DomainEvent) -> bool:
    return ctx.trace.role_key(getattr(e, "by")) == ctx.trace.role_key(exp.by)


def _first(events: list, cond: Callable[[ev.DomainEvent], bool]) -> ev.DomainEvent | None:
    return next((e for e in events if cond(e)), None)


def _state_like(kind: type[ev.DomainEvent], cond: Callable[[Ctx, ExpectedAction, ev.DomainEvent], bool]) -> Match:
    """Done once, at any time (before the inject counts: it was already done)."""
    return lambda ctx, exp, got: (got, _first(ctx.trace.of(kind), lambda e: cond(ctx, exp, e)))


def _fresh(kind: type[ev.DomainEvent], cond: Callable[[Ctx, ExpectedAction, ev.DomainEvent], bool]) -> Match:
    """Done in answer to the inject: only events after it count."""
    return lambda ctx, exp, got: (got, _first(ctx.trace.of(kind), lambda e: e.seq > got.seq and cond(ctx, exp, e)))


def _suspend(ctx: Ctx, exp: ExpectedAction, got: ev.InjectDelivered) -> tuple:
    susp, res = ctx.trace.of(ev.RescueSuspended), ctx.trace.of(ev.RescueResumed)
    last = _last_before(susp, got.seq)
    if last is not None and not any(r.seq > last.seq and r.seq < got.seq for r in res):
        return got, last
    return got, _first(susp, lambda e: e.seq > got.seq)


def _resume(ctx: Ctx, exp: ExpectedAction, got: ev.InjectDelivered) -> tuple:
    susp, res = ctx.trace.of(ev.RescueSuspended), ctx.trace.of(ev.RescueResumed)
    last = _last_before(susp, got.seq)
    open_before = last is not None and not any(last.seq < r.seq < got.seq for r in res)
    enabler = last if open_before else _first(susp, lambda e: e.seq > got.seq)
    if enabler is None:
        return None, None
    return enabler, _first(res, lambda e: e.seq > max(enabler.seq, got.seq))


def _last_before(events: list, seq: int) -> ev.DomainEvent | None:
    before = [e for e in events if e.seq < seq]
    return before[-1] if before else None


_MATCHERS: dict[str, Match] = {
    "dispatch_resource": _state_like(ev.ResourceDispatched, lambda c, x, e: e.resource == x.target),
    "evacuate": _state_like(ev.EvacuationOrdered, _by_role),
    "set_cordon": _state_like(ev.CordonSet, _by_role),
    "take_action": _state_like(ev.ActionTaken, lambda c, x, e: e.action == x.target),
    "issue_warning": _state_like(ev.WarningIssued, lambda c, x, e: x.target is None or e.color == x.target),
    "lift_warning": _fresh(ev.WarningLifted, lambda c, x, e: x.target is None or e.color == x.target),
    "release_information": _fresh(ev.InformationReleased, _by_role),
    "note": _fresh(ev.NoteRecorded, _by_role),
    "suspend_rescue": _suspend,
    "resume_rescue": _resume,
}
