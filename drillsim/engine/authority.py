"""Whether a decision is allowed now: the rules no one type owns, then the decision type's own `check`."""

from __future__ import annotations

from drillsim.decisions import REJECTION_CODES, Context, DecisionBase, Rejection

__all__ = ["REJECTION_CODES", "Context", "Rejection", "check"]


def check(decision: DecisionBase, ctx: Context) -> Rejection | None:
    """Why this decision is rejected, or None when it is allowed."""
    state, index = ctx.state, ctx.index
    if state.ended:
        return Rejection("exercise_ended", "the exercise has ended", "演练已经结束")
    if decision.actor not in index.bodies:
        plan = index.loaded.definition.id
        return Rejection("unknown_body", f"unknown body {decision.actor!r}: the actor must be a body of plan {plan}",
                         f"未知的机构 {decision.actor!r}：决策主体必须是预案 {plan} 中的机构")
    if state.terminated_by and state.level is None and not decision.after_termination:
        return Rejection("response_terminated", "the response has been terminated", "应急响应已经终止")
    return decision.check(ctx)
