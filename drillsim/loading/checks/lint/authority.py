"""Would the plan's authorities let this body take this decision at some point of this scenario?

The engine checks a decision against the state of one moment (drillsim/engine/authority.py); the linter
asks the static question: is there any moment this scenario can reach at which the decision is allowed.
"""

from __future__ import annotations

from drillsim.loading.checks.lint.context import LintContext

__all__ = ["authority"]


def authority(ctx: LintContext, decision: str, by: str, target: str | None) -> str | None:
    """Why the plan's authorities would reject `by` taking this decision, or None."""
    if by not in ctx.bodies:
        return None
    if decision == "report" and target in ctx.obligations:
        ob = ctx.obligations[target]
        if by != ob.from_:
            return f"obligation {target} is reported by {ctx.name(ob.from_)}, not {ctx.name(by)}"
    elif decision == "take_action" and target in ctx.actions:
        if by not in ctx.actions[target].by:
            return f"action {target} is taken by {', '.join(ctx.actions[target].by)}, not {ctx.name(by)}"
    elif decision in ("activate_response", "adjust_response") and target and target.isdigit():
        lv = ctx.levels.get(int(target))
        if lv is not None and by != lv.activated_by:
            return f"level {lv.level} is activated by {ctx.name(lv.activated_by)}, not {ctx.name(by)}"
    elif decision == "terminate":
        activators = {ctx.levels[lv].activated_by for lv in ctx.active_levels}
        if by not in activators:
            known = ", ".join(sorted(activators)) or "nobody"
            return (f"whoever activated the response terminates it (谁启动谁终止): {ctx.name(by)} activates "
                    f"no level this scenario can reach (activators: {known})")
    elif decision == "establish_command":
        allowed = {e.by for e in ctx.plan.field_command.establishment}
        if by not in allowed:
            return f"field command is established by {', '.join(sorted(allowed))}, not {ctx.name(by)}"
    elif decision == "hand_over_command" and target:
        handovers = [h for h in ctx.plan.field_command.handovers if h.to == target]
        if not handovers:
            return f"the plan foresees no handover to {ctx.name(target)}"
        if by not in {h.from_ for h in handovers}:
            froms = ", ".join(sorted({h.from_ for h in handovers}))
            return f"command passes to {target} from {froms}, not from {ctx.name(by)}"
    elif decision == "activate_working_group" and target in ctx.groups:
        if by not in ctx.commanders and not any(
            ctx.bodies[by].tier == ctx.levels[lv].led_by_tier
            or by in (ctx.levels[lv].activated_by, ctx.levels[lv].commander)
            for lv in ctx.active_levels
        ):
            return (f"working groups are activated by the HQ of the tier that leads the response, its commander "
                    f"or the field commander; {ctx.name(by)} is none of these at any level this scenario reaches")
    elif decision == "dispatch_resource" and target in ctx.resources:
        ctrl = ctx.resources[target].controlled_by
        if by != ctrl and not ctx.same_role(by, ctrl):
            return f"{target} is dispatched by {ctx.name(ctrl)}, not {ctx.name(by)}"
    elif decision in ("evacuate", "set_cordon"):
        if ctx.rank(by) != 0 and not any(ctx.same_role(by, c) or by == c for c in ctx.commanders):
            return (f"on-scene measures are ordered by the enterprise or the field command; "
                    f"{ctx.name(by)} never holds field command")
    elif decision in ("suspend_rescue", "resume_rescue"):
        if not any(ctx.same_role(by, c) or by == c for c in ctx.commanders):
            return f"only the field command can {decision.replace('_', ' ')}; {ctx.name(by)} never holds it"
    elif decision in ("issue_warning", "lift_warning") and target in ctx.colours:
        issuer = ctx.colours[target].issued_by
        if by != issuer and not ctx.same_role(by, issuer):
            return f"a {target} warning is issued and lifted by {ctx.name(issuer)}, not {ctx.name(by)}"
    return None
