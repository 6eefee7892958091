"""Operations on scene: the enterprise's initial measures, rescue suspended while rescuers are threatened,
information released only by the authorised body, termination by the activating body once its conditions
held."""

from __future__ import annotations

from drillsim.decisions.release_information import releasers
from drillsim.engine import events as ev
from drillsim.glossary import END_REASON_NAMES, term
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Detail, Finding, at, evidence, fmt_ms, judged, late_extent
from drillsim.scoring.parameters import DEFICIENCY, IMPROVEMENT, RECTIFICATION

_MEASURES = (
    ("evacuate", ev.EvacuationOrdered, ("撤离", "疏散"), ("撤离", "withdrawal and evacuation")),
    ("cordon", ev.CordonSet, ("封锁", "警戒", "危险区域"), ("警戒", "sealing the danger zone")),
)


def initial_measure_findings(ctx: Ctx) -> list[Finding]:
    """The enterprise withdraws people and seals the danger zone soon after the accident (先期处置)."""
    accident = (ctx.trace.of(ev.AccidentOccurred) or [ctx.trace.started])[0]
    allowance = ctx.params.allowances.initial_measures
    found: list[Finding] = []
    for key, kind, words, (zh, en) in _MEASURES:
        action = ctx.initial_action(words)
        rule = ctx.rule(action.cite, action.modality)
        done = next((e for e in ctx.trace.of(kind) if ctx.index.rank(e.by) == 0), None)
        fid, weight = f"initial:{key}", ctx.params.weights.initial_measure
        if done is None:
            verdict = "pending" if accident.t + allowance >= ctx.trace.end_t else "missed"
            found.append(judged(fid, "response_actions", rule, verdict, Detail(
                f"事发单位未采取{zh}措施。", f"The enterprise never ordered {en}."),
                evidence(accident), weight=weight, owner=action.by, due_t=accident.t + allowance))
        elif done.t - accident.t > allowance:
            late = done.t - accident.t - allowance
            found.append(judged(fid, "response_actions", rule, "late", Detail(
                f"{ctx.zh(done.by)}于{at(done.t)}才采取{zh}措施。", f"{ctx.en(done.by)} ordered {en} only at {at(done.t)}."),
                evidence(accident, done), weight=weight, extent=late_extent(late, allowance), owner=action.by,
                done_t=done.t))
        else:
            found.append(judged(fid, "response_actions", rule, "met", Detail(
                f"{ctx.zh(done.by)}于{at(done.t)}采取{zh}措施。", f"{ctx.en(done.by)} ordered {en} at {at(done.t)}."),
                evidence(accident, done), weight=weight, owner=action.by, done_t=done.t))
    return found


def suspension_findings(ctx: Ctx) -> list[Finding]:
    """Each threat to rescuers: rescue suspended in time, and not resumed while the threat lasted."""
    susp = ctx.index.loaded.definition.suspension
    rule = ctx.rule(susp.cite, susp.modality)
    allowance = ctx.params.allowances.suspension
    suspended = ctx.trace.of(ev.RescueSuspended)
    resumed = ctx.trace.of(ev.RescueResumed)
    safe = ctx.trace.of(ev.RescuersSafe)
    found: list[Finding] = []
    for n, threat in enumerate(ctx.trace.of(ev.RescuersThreatened)):
        fid = f"suspension:{threat.cause}" + (f"#{n}" if n else "")
        end = next((s for s in safe if s.seq > threat.seq), None)
        end_t = end.t if end else ctx.trace.end_t
        before = [e for e in suspended if e.seq < threat.seq]
        already = bool(before) and not any(before[-1].seq < r.seq < threat.seq for r in resumed)
        done = before[-1] if already else next((e for e in suspended if threat.seq < e.seq and e.t <= end_t), None)
        bad_resume = next((r for r in resumed if r.seq > threat.seq and r.t < end_t and ctx.trace.threatened_at.get(r.seq)), None)
        weight = ctx.params.weights.suspension
        head = (f"{at(threat.t)}救援人员受到威胁（{threat.cause}），", f"At {at(threat.t)} rescuers were threatened ({threat.cause}); ")
        if done is None:
            verdict = "pending" if threat.t + allowance >= ctx.trace.end_t else "missed"
            found.append(judged(fid, "protection", rule, verdict, Detail(
                head[0] + "威胁期间未暂停救援、撤离救援人员。", head[1] + "rescue was never suspended while it lasted."),
                evidence(threat, end), weight=weight, owner=susp.decided_by, due_t=threat.t + allowance))
        elif bad_resume is not None:
            found.append(judged(fid, "protection", rule, "resumed_under_threat", Detail(
                head[0] + f"{at(done.t)}暂停，但{at(bad_resume.t)}在威胁解除（{at(end_t)}）前即恢复救援。",
                head[1] + f"rescue was suspended at {at(done.t)} but resumed at {at(bad_resume.t)}, before the "
                          f"threat passed at {at(end_t)}."),
                evidence(threat, done, bad_resume, end), weight=weight, owner=bad_resume.by, done_t=done.t))
        elif done.t - threat.t > allowance:
            late = done.t - threat.t - allowance
            found.append(judged(fid, "protection", rule, "late", Detail(
                head[0] + f"{at(done.t)}才暂停救援。", head[1] + f"rescue was suspended only at {at(done.t)}."),
                evidence(threat, done, end), weight=weight, extent=late_extent(late, allowance), owner=done.by,
                done_t=done.t))
        else:
            found.append(judged(fid, "protection", rule, "met", Detail(
                head[0] + f"{ctx.zh(done.by)}于{at(done.t)}暂停救援，威胁解除前未恢复。",
                head[1] + f"{ctx.en(done.by)} suspended rescue at {at(done.t)} and did not resume before it passed."),
                evidence(threat, done, end), weight=weight, owner=done.by, done_t=done.t))
    return found


def release_findings(ctx: Ctx) -> list[Finding]:
    """Every release of information: made by a body the plan authorises at the response level of the moment."""
    info = ctx.index.loaded.definition.information_release
    rule = ctx.rule(info.cite, info.modality)
    releases = ctx.trace.of(ev.InformationReleased)
    if not releases:
        return [judged("release:none", "information", rule, "not_triggered", Detail(
            "本次演练未发布信息。", "No information was released in this exercise."), owner=info.released_by[0])]
    found: list[Finding] = []
    for n, e in enumerate(releases, start=1):
        if e.authorised:
            found.append(judged(f"release:{n}", "information", rule, "met", Detail(
                f"{ctx.zh(e.by)}于{at(e.t)}发布信息，属授权主体。", f"{ctx.en(e.by)} released information at {at(e.t)}, as authorised."),
                evidence(e), weight=ctx.params.weights.release, owner=e.by, done_t=e.t))
        else:
            allowed = releasers(ctx.index, ctx.trace.level_at.get(e.seq))
            found.append(judged(f"release:{n}", "information", rule, "unauthorised", Detail(
                f"{ctx.zh(e.by)}于{at(e.t)}擅自发布信息；授权发布主体为{'、'.join(ctx.zh(b) for b in allowed)}。",
                f"{ctx.en(e.by)} released information at {at(e.t)} without authority; authorised: "
                f"{', '.join(ctx.en(b) for b in allowed)}."),
                evidence(e), weight=ctx.params.weights.release, owner=e.by, done_t=e.t))
    return found


def termination_findings(ctx: Ctx) -> list[Finding]:
    """Termination by the body that activated the level, after the conditions held, nobody left at risk; and
    every level still active when the exercise stopped (a time limit is not an end: 谁启动谁终止)."""
    term = ctx.index.loaded.definition.termination
    rule = ctx.rule(term.cite, term.modality)
    ends = ctx.trace.of(ev.ResponseTerminated)
    met = (ctx.trace.of(ev.TerminationConditionsMet) or [None])[0]
    stopped = ctx.trace.ended
    allowance = ctx.params.allowances.termination
    w = ctx.params.weights
    if not ends:
        return [_never_terminated(ctx, rule, met, stopped, allowance)]
    end = ends[0]
    activator, cond, at_risk = ctx.trace.termination_ctx[end.seq]
    found = [_timing(ctx, rule, end, activator, cond, allowance)]
    if at_risk > 0:
        found.append(judged("termination:people_at_risk", "termination", rule, "people_at_risk", Detail(
            f"{at(end.t)}终止响应时仍有{at_risk}人被困、失联或涉险。",
            f"When the response was terminated at {at(end.t)}, {at_risk} people were still trapped, missing or endangered."),
            evidence(end), weight=w.people_at_risk, owner=end.by, done_t=end.t))
    else:
        found.append(judged("termination:people_at_risk", "termination", rule, "met", Detail(
            "终止时遇险人员已全部救出。", "Nobody was left at risk when the response was terminated."),
            evidence(end), weight=w.people_at_risk, owner=end.by, done_t=end.t))
    if stopped is not None:
        found.extend(_left_open(ctx, rule, met, stopped, allowance))
    return found


def _never_terminated(ctx: Ctx, rule, met, stopped, allowance: int) -> Finding:  # noqa: ANN001
    """No response was ever terminated: missed once the conditions held; a finding too when the exercise
    only stopped at its time limit with the accident never brought under control."""
    plan_rule = ctx.index.loaded.definition.termination
    w = ctx.params.weights.termination
    owner = ctx.trace.state.level_by or plan_rule.confirmed_by
    if met is not None and stopped is not None and met.t + allowance >= stopped.t:
        return judged("termination", "termination", rule, "not_ended", Detail(
            f"{at(met.t)}结束条件满足，演练于{at(stopped.t)}停止时响应仍未终止。",
            f"The conditions held from {at(met.t)}; the exercise stopped at {at(stopped.t)} with the response "
            f"still active."), evidence(met, stopped), weight=w, severity=IMPROVEMENT, owner=owner,
            due_t=met.t + allowance)
    if met is not None:
        verdict = "pending" if met.t + allowance >= ctx.trace.end_t else "missed"
        return judged("termination", "termination", rule, verdict, Detail(
            f"{at(met.t)}结束条件已满足，但至演练结束响应未终止。",
            f"The conditions held from {at(met.t)}, yet the response was never terminated."),
            evidence(met, stopped), weight=w, owner=owner, due_t=met.t + allowance)
    if stopped is None:
        return judged("termination", "termination", rule, "not_triggered", Detail(
            "结束条件尚未满足，响应尚未结束，不计分。", "The termination conditions have not held yet; not scored."),
            owner=plan_rule.confirmed_by)
    activated = ctx.trace.of(ev.ResponseActivated)
    what = ("响应始终未结束" if activated else "始终未启动并结束响应",
            "the response was never ended" if activated else "no response was ever activated and ended")
    return judged("termination", "termination", rule, "not_ended", Detail(
        f"演练于{at(stopped.t)}因{term(END_REASON_NAMES, stopped.reason, 'zh')}停止，结束条件始终未满足，{what[0]}："
        f"事态未得到控制。",
        f"The exercise stopped at {at(stopped.t)} ({stopped.reason}) without the termination conditions ever "
        f"holding: {what[1]}; the accident was not brought under control."),
        evidence(*activated[-1:], stopped), weight=w, owner=owner)


def _left_open(ctx: Ctx, rule, met, stopped, allowance: int) -> list[Finding]:  # noqa: ANN001
    """Each level still active when the exercise stopped: its activator never ended it (谁启动谁终止)."""
    found = []
    for level, body in ctx.trace.state.level_stack:
        act = next((a for a in reversed(ctx.trace.of(ev.ResponseActivated)) if a.by == body), None)
        had_time = met is not None and met.t + allowance < stopped.t
        found.append(judged(f"termination:open:{body}", "termination", rule, "not_ended", Detail(
            f"演练于{at(stopped.t)}停止时，{ctx.zh(body)}启动的{level}级响应仍未终止（谁启动谁终止）。",
            f"When the exercise stopped at {at(stopped.t)}, the level-{level} response {ctx.en(body)} activated "
            f"was still active (whoever activates terminates)."),
            evidence(act, met, stopped), weight=ctx.params.weights.termination,
            severity=DEFICIENCY if had_time else RECTIFICATION, owner=body,
            due_t=met.t + allowance if met is not None else None))
    return found


def _timing(ctx: Ctx, rule, end, activator, cond, allowance: int) -> Finding:  # noqa: ANN001
    w = ctx.params.weights.termination
    if activator is not None and end.by != activator:
        return judged("termination", "termination", rule, "wrong_authority", Detail(
            f"{ctx.zh(end.by)}终止响应，但启动者为{ctx.zh(activator)}（谁启动谁终止）。",
            f"{ctx.en(end.by)} terminated the response that {ctx.en(activator)} activated (谁启动谁终止)."),
            evidence(cond, end), weight=w, owner=activator, done_t=end.t)
    if cond is None:
        return judged("termination", "termination", rule, "premature", Detail(
            f"{at(end.t)}终止响应时结束条件尚未满足。", f"Terminated at {at(end.t)} before the conditions held."),
            evidence(end), weight=w, owner=end.by, done_t=end.t)
    if end.t - cond.t > allowance:
        late = end.t - cond.t - allowance
        return judged("termination", "termination", rule, "late", Detail(
            f"条件于{at(cond.t)}满足，{at(end.t)}才终止。", f"Conditions held at {at(cond.t)}; terminated only at {at(end.t)}."),
            evidence(cond, end), weight=w, extent=late_extent(late, allowance), severity="改进项",
            owner=end.by, done_t=end.t)
    return judged("termination", "termination", rule, "met", Detail(
        f"条件于{at(cond.t)}满足，启动者{ctx.zh(end.by)}于{at(end.t)}终止（用时{fmt_ms(end.t - cond.t)}）。",
        f"Conditions held at {at(cond.t)}; {ctx.en(end.by)}, who activated it, terminated at {at(end.t)} "
        f"({fmt_ms(end.t - cond.t)} later)."), evidence(cond, end), weight=w, owner=end.by, done_t=end.t)
