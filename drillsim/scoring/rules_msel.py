"""The scenario's MSEL: every expected action of every inject, judged by its outcome within `within`.

An expected action is met only by the right action (issue 12): on its target, by the expected body's role,
after the inject unless it says `counts_from: accident` (each decision type's `msel_done` says what that is
for it, see `decisions.base.matched`). The finding names the event that met it, or the actions that fell
short and why (wrong target, wrong body, before the inject); a right action after the deadline is late.

An expectation's clock starts when the acting body can act: its inject is delivered, its role knows of the
accident, and, for on-scene orders (evacuate, cordon, suspend, resume), its role holds field command, as the
engine's authority rules require. An expectation whose body never could act costs nothing here: the cause
(a missing report or handover) is scored on its own finding. Expectations that restate a plan rule (reports, activation, command, groups, termination) are
listed as `covered` and scored once, under that rule's finding.
"""

from __future__ import annotations

from drillsim.decisions import DECISION_TYPES
from drillsim.decisions.base import MselMatch
from drillsim.engine import events as ev
from drillsim.glossary import MISS_REASON_NAMES
from drillsim.model.scenario import ExpectedAction, Inject
from drillsim.render.timeline import EventDescriber, describer_for
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Detail, Finding, RuleRef, at, evidence, fmt_ms, judged, late_extent

MISSES_SHOWN = 3
"""How many near misses a finding names (the earliest)."""


def msel_findings(ctx: Ctx) -> list[Finding]:
    """One finding per expected action, id `msel:<inject>#<n>`."""
    delivered: dict[str, ev.InjectDelivered] = {}
    for e in ctx.trace.of(ev.InjectDelivered):
        delivered.setdefault(e.inject, e)
    words = _Words(ctx)
    found: list[Finding] = []
    for inj in ctx.index.scenario.msel:
        for n, exp in enumerate(inj.expected, start=1):
            found.append(_expectation(ctx, words, inj, n, exp, delivered.get(inj.id)))
    return found


class _Words:
    """Events and near misses as the finding's sentences, in both languages."""

    def __init__(self, ctx: Ctx) -> None:
        plan, scenario = ctx.index.loaded.definition, ctx.index.scenario
        self.zh: EventDescriber = describer_for(plan, scenario, "zh")
        self.en: EventDescriber = describer_for(plan, scenario, "en")

    def done(self, e: ev.DomainEvent) -> tuple[str, str]:
        """'+00:12 县现场指挥部 下令疏散: dormitory (#123)' in both languages."""
        return (f"{at(e.t)} {self.zh.describe(e)}（#{e.seq}）", f"{at(e.t)} {self.en.describe(e)} (#{e.seq})")

    def misses(self, misses: tuple[tuple[ev.DomainEvent, str], ...]) -> tuple[str, str]:
        """The near misses and why each does not count, as a sentence to append ('' when there are none)."""
        shown = misses[:MISSES_SHOWN]
        if not shown:
            return "", ""
        more = len(misses) - len(shown)
        zh = "；".join(f"{self.done(e)[0]}：{MISS_REASON_NAMES[r].zh}" for e, r in shown)
        en = "; ".join(f"{self.done(e)[1]}: {MISS_REASON_NAMES[r].en}" for e, r in shown)
        return (f"不计入：{zh}" + (f"；另有{more}项" if more else "") + "。",
                f" Not counted: {en}" + (f"; {more} more" if more else "") + ".")


def _rule(ctx: Ctx, inj: Inject, exp: ExpectedAction) -> RuleRef:
    if inj.cite is not None:
        return ctx.rule(inj.cite, "must")
    return RuleRef(ctx.index.scenario.id, inj.id, exp.text.zh, exp.text.en, "must", False)


def _expectation(ctx: Ctx, words: _Words, inj: Inject, n: int, exp: ExpectedAction,
                 got: ev.InjectDelivered | None) -> Finding:
    kind = DECISION_TYPES[exp.decision]
    fid, area, rule = f"msel:{inj.id}#{n}", kind.scoring_area, _rule(ctx, inj, exp)
    what = (exp.text.zh, exp.text.en)
    if got is None:
        return judged(fid, area, rule, "not_delivered", Detail(
            f"注入未触发，不计分：{what[0]}", f"The inject was never delivered; not scored: {what[1]}"), owner=exp.by)
    covered = kind.msel_covered_by(ctx.index, ctx.trace, exp)
    if covered is not None:
        return judged(fid, area, rule, "covered", Detail(
            f"已在{covered}中计分：{what[0]}", f"Scored under {covered}: {what[1]}"),
            evidence(got), owner=exp.by, covered_by=covered)
    match = kind.msel_done(ctx.trace, exp, got)
    if match is None:
        return judged(fid, area, rule, "not_assessable", Detail(
            f"无法从事件判断：{what[0]}", f"Cannot be judged from the events: {what[1]}"), evidence(got), owner=exp.by)
    enabler, done, misses = MselMatch(*match)
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
    # Before the accident (a warning phase) the inject itself is the news: nobody waits to hear of an accident.
    informed = ctx.trace.informed_event(exp.by) if got.t >= 0 else None
    start = max((e for e in (got, enabler, informed, command) if e is not None), key=lambda e: (e.t, e.seq))
    deadline = start.t + exp.within
    head = (f"{at(got.t)}注入后要求{fmt_ms(exp.within)}内：{what[0]}", f"After the inject at {at(got.t)}, within {fmt_ms(exp.within)}: {what[1]}")
    weight = ctx.params.weights.msel
    if done is None:
        verdict = "pending" if deadline >= ctx.trace.end_t else "missed"
        why = words.misses(misses)
        return judged(fid, area, rule, verdict, Detail(head[0] + " —— 未完成。" + why[0], head[1] + " — not done." + why[1]),
                      evidence(got, start, *(e for e, _ in misses[:MISSES_SHOWN])), weight=weight, severity="整改项",
                      owner=exp.by, due_t=deadline)
    by = words.done(done)
    if done.t > deadline:
        late = done.t - deadline
        return judged(fid, area, rule, "late", Detail(
            head[0] + f" —— 超时{fmt_ms(late)}完成：{by[0]}。", head[1] + f" — done {fmt_ms(late)} late: {by[1]}."),
            evidence(got, start, done), weight=weight, extent=late_extent(late, exp.within), severity="改进项",
            owner=exp.by, done_t=done.t, due_t=deadline)
    return judged(fid, area, rule, "met", Detail(
        head[0] + f" —— 已完成：{by[0]}。", head[1] + f" — done: {by[1]}."),
        evidence(got, done), weight=weight, owner=exp.by, done_t=done.t, due_t=deadline)


def _command(ctx: Ctx, exp: ExpectedAction, got: ev.InjectDelivered) -> tuple[bool, ev.DomainEvent | None]:
    """Whether the body may give this order at or after the inject, and the event that gave its role command
    later (None when it needs no command or already held it)."""
    if not DECISION_TYPES[exp.decision].needs_command or ctx.index.rank(exp.by) == 0:
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
