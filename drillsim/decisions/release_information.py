"""Release information (发布信息) to the public; the plan says who is authorised to."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from drillsim.decisions.base import DecisionBase, MselMatch, matched, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr
from drillsim.rules.plan_index import PlanIndex


def authorised_to_release(index: PlanIndex, actor: str) -> bool:
    """The plan authorises `actor` to release information: it is (or acts for) a body `released_by` names."""
    return any(index.acts_for(actor, body) for body in index.loaded.definition.information_release.released_by)


@register
class ReleaseInformation(DecisionBase):
    type: Literal["release_information"] = "release_information"
    position = 130
    text: StrictStr = Field(min_length=1)

    label = ("发布信息", "Release information")
    form_fields = ("text",)
    scoring_area = "information"

    def carry_out(self, sim: Any) -> None:
        authorised = authorised_to_release(sim.index, self.actor)
        sim.emit(ev.InformationReleased, by=self.actor, text=self.text, authorised=authorised)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> ReleaseInformation | None:
        return cls(actor=exp.by, text=exp.text.zh)

    @classmethod
    def msel_done(cls, trace: Any, exp: Any, got: ev.InjectDelivered) -> MselMatch | None:
        return matched(trace, exp, got, ev.InformationReleased)

    @classmethod
    def lint_expected_findings(cls, lint: Any, exp: Any) -> list[tuple[str, str]] | None:
        """Anyone may release; the plan says who is authorised to (an unauthorised release is recorded so)."""
        release = lint.plan.information_release.released_by
        if not authorised_to_release(lint.index, exp.by):
            return [("release-unauthorised",
                     f"{lint.name(exp.by)} is not authorised to release information "
                     f"(the plan authorises {', '.join(release)}): the release would be recorded as unauthorised")]
        return []

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        return list(form.loaded.plan.definition.information_release.released_by)
