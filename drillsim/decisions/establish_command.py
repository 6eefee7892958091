"""Establish field command (成立现场指挥部)."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import Context, DecisionBase, Rejection, register
from drillsim.model import events as ev


@register
class EstablishCommand(DecisionBase):
    type: Literal["establish_command"] = "establish_command"
    position = 50

    label = ("成立现场指挥部", "Establish command")
    codes = ("wrong_establisher", "command_exists")
    scoring_area = "command"
    news_body = "by"

    def check(self, ctx: Context) -> Rejection | None:
        allowed = sorted({e.by for e in ctx.index.loaded.definition.field_command.establishment})
        if self.actor not in allowed:
            return Rejection("wrong_establisher",
                             f"field command is established by {', '.join(allowed)}, not {ctx.name(self.actor)}",
                             f"现场指挥部由{'、'.join(ctx.name_zh(b) for b in allowed)}成立，而非{ctx.name_zh(self.actor)}")
        if ctx.state.commander is not None:
            return Rejection("command_exists", f"field command is already held by {ctx.name(ctx.state.commander)}",
                             f"现场指挥部已经成立，现场指挥权由{ctx.name_zh(ctx.state.commander)}行使")
        return None

    def carry_out(self, sim: Any) -> None:
        sim.emit(ev.CommandEstablished, commander=self.actor)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> EstablishCommand | None:
        return cls(actor=exp.by)

    @classmethod
    def msel_covered_by(cls, index: Any, trace: Any, exp: Any) -> str | None:
        if exp.target:
            h = next((h for h in index.handovers if h.to == exp.target), None)
            if h is not None:
                return f"handover:{h.id}"
        return f"command:{exp.by}"

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return list(form.establishers)

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        allowed = {e.by for e in lint.plan.field_command.establishment}
        if by not in allowed:
            return f"field command is established by {', '.join(sorted(allowed))}, not {lint.name(by)}"
        return None
