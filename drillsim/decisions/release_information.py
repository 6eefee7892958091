"""Release information (发布信息) to the public; the plan says who is authorised to."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from drillsim.decisions.base import DecisionBase, register
from drillsim.model import events as ev
from drillsim.model.base import StrictStr
from drillsim.rules.plan_index import PlanIndex


def releasers(index: PlanIndex, level: int | None) -> tuple[str, ...]:
    """The bodies the plan authorises to release information while `level` is the active response level (who
    releases depends on the level: Ordos 四(八)1, Xinjiang 4.6 L488); `released_by` when no entry names it."""
    info = index.loaded.definition.information_release
    return next((r.released_by for r in info.by_level if level in r.levels), info.released_by)


def authorised_to_release(index: PlanIndex, actor: str, level: int | None = None) -> bool:
    """The plan authorises `actor` to release information at `level`: it is (or acts for) a body it names."""
    return any(index.acts_for(actor, body) for body in releasers(index, level))


@register
class ReleaseInformation(DecisionBase):
    type: Literal["release_information"] = "release_information"
    position = 130
    text: StrictStr = Field(min_length=1)

    label = ("发布信息", "Release information")
    form_fields = ("text",)
    scoring_area = "information"
    msel_event = ev.InformationReleased

    def carry_out(self, sim: Any) -> None:
        authorised = authorised_to_release(sim.index, self.actor, sim.state.level)
        sim.emit(ev.InformationReleased, by=self.actor, text=self.text, authorised=authorised)

    @classmethod
    def from_expected(cls, exp: Any, roles: Any) -> ReleaseInformation | None:
        return cls(actor=exp.by, text=exp.text.zh)

    @classmethod
    def lint_expected_findings(cls, lint: Any, exp: Any) -> list[tuple[str, str]] | None:
        """Anyone may release; the plan says who is authorised to (an unauthorised release is recorded so).
        Lint cannot know the level at the release, so any level's releasers count."""
        info = lint.plan.information_release
        release = tuple(dict.fromkeys([*info.released_by, *(b for r in info.by_level for b in r.released_by)]))
        if not any(lint.index.acts_for(exp.by, body) for body in release):
            return [("release-unauthorised",
                     f"{lint.name(exp.by)} is not authorised to release information "
                     f"(the plan authorises {', '.join(release)}): the release would be recorded as unauthorised")]
        return []

    @classmethod
    def responsible(cls, form: Any, values: dict[str, Any], commander: str | None) -> list[str | None]:
        info = form.loaded.plan.definition.information_release
        return [b for r in info.by_level for b in r.released_by] + list(info.released_by)
