"""Field command: the enterprise sets up its own command at once; when a higher commander arrives, the one in
command hands over formally, with the full briefing the plan lists."""

from __future__ import annotations

from drillsim.engine import events as ev
from drillsim.glossary import BRIEFING_ITEM_NAMES
from drillsim.model.plan import Handover
from drillsim.scoring.context import Ctx
from drillsim.scoring.findings import Detail, Finding, at, evidence, fmt_ms, judged, late_extent


def establishment_findings(ctx: Ctx) -> list[Finding]:
    """The establishment rules: the enterprise's at the accident is scored; higher tiers' command is scored
    through the handovers that bring it to them."""
    found: list[Finding] = []
    established = ctx.trace.of(ev.CommandEstablished)
    accident = ctx.trace.of(ev.AccidentOccurred)
    allowance = ctx.params.allowances.establish_command
    ests = ctx.index.loaded.definition.field_command.establishment
    for est in ests:
        twice = sum(1 for x in ests if x.by == est.by) > 1
        fid = f"command:{est.by}" + (f":{est.level or est.when}" if twice else "")
        rule = ctx.rule(est.cite, est.modality)
        if est.when != "accident_occurred":
            found.append(judged(fid, "command", rule, "not_assessable", Detail(
                "上级现场指挥在模拟中表现为其负责人到场后的指挥权移交，见移交发现项。",
                "A higher tier's field command appears in the simulation as the handover on its official's "
                "arrival; see the handover findings."), owner=est.by))
            continue
        if not ctx.played(est.by):
            found.append(judged(fid, "command", rule, "not_played", Detail(
                f"{ctx.zh(est.by)}不在本次演练中。", f"{ctx.en(est.by)} is not played."), owner=est.by))
            continue
        start = accident[0] if accident else ctx.trace.started
        done = established[0] if established else None
        weight = ctx.params.weights.establish_command
        if done is None:
            found.append(judged(fid, "command", rule, "missed", Detail(
                f"{ctx.zh(est.by)}未成立现场指挥。", f"{ctx.en(est.by)} never set up field command."),
                evidence(start), weight=weight, owner=est.by, due_t=start.t + allowance))
        elif ctx.trace.role_key(done.commander) != ctx.trace.role_key(est.by):
            found.append(judged(fid, "command", rule, "wrong_body", Detail(
                f"现场指挥由{ctx.zh(done.commander)}成立，预案要求{ctx.zh(est.by)}先期成立。",
                f"{ctx.en(done.commander)} set up field command; the plan has {ctx.en(est.by)} do it first."),
                evidence(start, done), weight=weight, owner=est.by, done_t=done.t))
        elif done.t - start.t > allowance:
            late = done.t - start.t - allowance
            found.append(judged(fid, "command", rule, "late", Detail(
                f"{ctx.zh(est.by)}于{at(done.t)}成立现场指挥，超出时限{fmt_ms(late)}。",
                f"{ctx.en(est.by)} set up field command at {at(done.t)}, {fmt_ms(late)} beyond the "
                f"{fmt_ms(allowance)} allowed."), evidence(start, done), weight=weight,
                extent=late_extent(late, allowance), owner=est.by, done_t=done.t))
        else:
            found.append(judged(fid, "command", rule, "met", Detail(
                f"{ctx.zh(est.by)}于{at(done.t)}成立现场指挥。", f"{ctx.en(est.by)} set up field command at {at(done.t)}."),
                evidence(start, done), weight=weight, owner=est.by, done_t=done.t))
    return found


def _rule_for(ctx: Ctx, commander: str, arrived: str) -> Handover | None:
    hs = ctx.index.handovers
    return next((h for h in hs if h.from_ == commander and h.to == arrived), None) or \
        next((h for h in hs if h.to == arrived), None)


def handover_findings(ctx: Ctx) -> list[Finding]:
    """Each handover rule: triggered when its higher commander arrives while a lower one commands."""
    triggered: dict[str, tuple[Handover, ev.OfficialArrived, str]] = {}
    for arrival in ctx.trace.of(ev.OfficialArrived):
        commander = ctx.trace.commander_at.get(arrival.seq)
        if commander is None or ctx.index.rank(arrival.body) <= ctx.index.rank(commander):
            continue
        rule = _rule_for(ctx, commander, arrival.body)
        if rule is not None and rule.id not in triggered:
            triggered[rule.id] = (rule, arrival, commander)
    found: list[Finding] = []
    for h in ctx.index.handovers:
        fid, rule = f"handover:{h.id}", ctx.rule(h.cite, h.modality)
        if h.id not in triggered:
            found.append(judged(fid, "command", rule, "not_triggered", Detail(
                f"{ctx.zh(h.to)}到场时{ctx.zh(h.from_)}并未指挥，本移交未触发。",
                f"{ctx.en(h.to)} never arrived while {ctx.en(h.from_)} held command; not triggered."),
                owner=h.from_))
            continue
        found.extend(_judge_handover(ctx, *triggered[h.id]))
    return found


def _judge_handover(ctx: Ctx, h: Handover, arrival: ev.OfficialArrived, commander: str) -> list[Finding]:
    fid, rule = f"handover:{h.id}", ctx.rule(h.cite, h.modality)
    allowance = ctx.params.allowances.handover
    deadline = arrival.t + allowance
    weight = ctx.params.weights.handover
    done = next((e for e in ctx.trace.of(ev.CommandHandedOver)
                 if e.t >= arrival.t and e.to_body == arrival.body and e.from_body == commander), None)
    head = (f"{ctx.zh(arrival.body)}于{at(arrival.t)}到场，", f"{ctx.en(arrival.body)} arrived at {at(arrival.t)}; ")
    if h.from_ != commander:
        head = (head[0] + f"（预案向其移交的条款适用于当时的指挥者{ctx.zh(commander)}）",
                head[1] + f"(the plan's handover to it applies to {ctx.en(commander)}, then in command) ")
    if done is None:
        verdict = "pending" if deadline >= ctx.trace.end_t else "missed"
        return [judged(fid, "command", rule, verdict, Detail(
            head[0] + f"{ctx.zh(commander)}未移交指挥权。", head[1] + f"{ctx.en(commander)} never handed over command."),
            evidence(arrival), weight=weight, owner=commander, due_t=deadline)]
    if done.t > deadline:
        late = done.t - deadline
        timing = judged(fid, "command", rule, "late", Detail(
            head[0] + f"{at(done.t)}才移交（超出{fmt_ms(late)}）。",
            head[1] + f"command handed over only at {at(done.t)} ({fmt_ms(late)} beyond the allowance)."),
            evidence(arrival, done), weight=weight, extent=late_extent(late, allowance), owner=commander,
            done_t=done.t, due_t=deadline)
    else:
        timing = judged(fid, "command", rule, "met", Detail(
            head[0] + f"{ctx.zh(commander)}于{at(done.t)}正式移交。",
            head[1] + f"{ctx.en(commander)} formally handed over at {at(done.t)}."),
            evidence(arrival, done), weight=weight, owner=commander, done_t=done.t)
    missing = [b for b in h.briefing if b not in done.briefing]
    bid = f"briefing:{h.id}"
    if missing:
        brief = judged(bid, "command", rule, "incomplete", Detail(
            f"移交汇报缺少: {'、'.join(BRIEFING_ITEM_NAMES[b].zh for b in missing)}。",
            f"The handover briefing lacked: {', '.join(BRIEFING_ITEM_NAMES[b].en for b in missing)}."),
            evidence(done), weight=ctx.params.weights.briefing, extent=len(missing) / len(h.briefing),
            owner=commander, done_t=done.t)
    else:
        brief = judged(bid, "command", rule, "met", Detail(
            "移交汇报包含情况、进展、风险、关键因素和问题等全部事项。",
            "The handover briefing covered every item the plan lists."), evidence(done),
            weight=ctx.params.weights.briefing, owner=commander, done_t=done.t)
    return [timing, brief]
