"""Dispatch a resource (调派救援力量): a rescue team or equipment sets out for the scene."""

from __future__ import annotations

from typing import Any, Literal

from drillsim.decisions.base import Context, DecisionBase, MselMatch, Rejection, matched, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr

_RESOURCE_STATUS_ZH = {"en_route": "已派出，正在途中", "on_scene": "已到达现场"}


@register
class DispatchResource(DecisionBase):
    type: Literal["dispatch_resource"] = "dispatch_resource"
    position = 80
    resource: StrictStr

    label = ("调派救援力量", "Dispatch resource")
    target_field = "resource"
    msel_event = ev.ResourceDispatched
    msel_target = "resource"
    target_needed = "a resource id"
    codes = ("unknown_resource", "wrong_dispatcher", "resource_already_dispatched")
    form_fields = ("resource",)
    scoring_area = "resources"
    loading_target = "resource"

    def check(self, ctx: Context) -> Rejection | None:
        res = ctx.index.resources.get(self.resource)
        if res is None:
            return Rejection("unknown_resource", f"the scenario has no resource {self.resource!r}",
                             f"情景中没有应急资源 {self.resource!r}")
        named = f"{res.name.zh}（{self.resource}）"
        if not ctx.index.acts_for(self.actor, res.controlled_by):
            return Rejection("wrong_dispatcher", f"{self.resource} is dispatched by {ctx.name(res.controlled_by)}",
                             f"{named}由{ctx.name_zh(res.controlled_by)}调派")
        status = ctx.state.resources.get(self.resource)
        if status is not None:
            return Rejection("resource_already_dispatched", f"{self.resource} is already {status.replace('_', ' ')}",
                             f"{named}{_RESOURCE_STATUS_ZH.get(status, status)}")
        return None

    def carry_out(self, sim: Any) -> None:
        sim.world.dispatch_resource(self.resource, self.actor)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> DispatchResource | None:
        return cls(actor=exp.by, resource=exp.target) if exp.target else None

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        """The expected resource dispatched by the expected body's role; one already on its way at the inject
        counts (a resource is dispatched once)."""
        return matched(trace, exp, got, cls.msel_event, target=lambda e: e.resource == exp.target,
                       in_force=lambda e: True)

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return [r.controlled_by for r in form.resources if r.id == values.get("resource")]

    @classmethod
    def lint_target_problem(cls, lint: Any, target: str) -> str | None:
        return None if target in lint.resources else f"undefined resource {target!r}"

    @classmethod
    def lint_target_pool(cls, lint: Any) -> Any:
        return lint.resources

    @classmethod
    def lint_authority(cls, lint: Any, by: str, target: str | None) -> str | None:
        if target in lint.resources:
            ctrl = lint.resources[target].controlled_by
            if not lint.index.acts_for(by, ctrl):
                return f"{target} is dispatched by {lint.name(ctrl)}, not {lint.name(by)}"
        return None
