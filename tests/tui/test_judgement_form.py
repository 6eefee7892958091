"""The decision form offers the judgement decisions (issue 12) from the registry: each shows its own fields,
labels and choices, and what is submitted reaches the engine."""

from __future__ import annotations

from textual.widgets import Label, Select, SelectionList

from tui.app import make_app
from tui.widgets.live.decision_panel import DecisionPanel

from tests.tui.helpers import SIZE, run_to, settle, start_drill, until


async def choose_type(pilot, form, kind: str) -> None:  # noqa: ANN001
    """Pick a decision type the way a person does: the type select changes, the form follows."""
    form.query_one("#f-type", Select).value = kind
    await settle(pilot)


def shown(form) -> set[str]:  # noqa: ANN001
    return {box.id.removeprefix("box-") for box in form.query(".field-box") if box.display}


async def test_a_support_request_offers_whom_the_plan_lets_the_banner_ask(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "en")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"banner"})
        await run_to(pilot, live, 40 * 60_000)
        form = live.query_one(DecisionPanel).form("banner")
        await choose_type(pilot, form, "request_support")
        assert shown(form) == {"to"}
        assert str(form.query_one("#lbl-to", Label).content) == "Ask for support from"
        choices = [value for _, value in form.query_one("#f-to", Select)._options if value is not Select.NULL]
        assert choices == ["prefecture_government", "prefecture_hq", "prefecture_military_subdistrict",
                           "prefecture_armed_police"]
        form.query_one("#f-to", Select).value = "prefecture_hq"
        await settle(pilot)
        form.submit()
        await until(pilot, lambda: any(e.kind == "support_requested" for e in live.events))
        assert "Accepted" in str(form.query_one("#result").content)
        await choose_type(pilot, form, "hand_over_command")  # the usual field again, with its usual label
        assert str(form.query_one("#lbl-to", Label).content) == "Hand over to"
        assert "county_field_hq" in [v for _, v in form.query_one("#f-to", Select)._options]


async def test_the_banner_selects_working_groups_from_a_multiple_choice(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "zh")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"banner"})
        await run_to(pilot, live, 30 * 60_000)
        form = live.query_one(DecisionPanel).form("banner")
        form.fill("activate_response", level="4")
        form.submit()
        await until(pilot, lambda: live.snapshot.state.level == 4)
        await choose_type(pilot, form, "select_working_groups")
        assert shown(form) == {"groups"}
        assert str(form.query_one("#lbl-groups", Label).content) == "设置的工作组"
        groups = form.query_one("#f-groups", SelectionList)
        assert groups.option_count == 9
        form.submit()  # nothing chosen: the form says so and sends nothing
        await settle(pilot)
        assert "设置的工作组" in str(form.query_one("#result").content)
        groups.select("comprehensive_coordination")
        groups.select("medical_rescue")
        form.query_one("#f-actor", Select).value = "county_government"
        form.submit()
        await until(pilot, lambda: any(e.kind == "working_groups_selected" for e in live.events))
        selected = next(e for e in live.events if e.kind == "working_groups_selected")
        assert set(selected.groups) == {"comprehensive_coordination", "medical_rescue"}


async def test_the_region_form_offers_its_guidance_team_and_judgements(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/drills.db", "en")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_drill(pilot, {"region"})
        form = live.query_one(DecisionPanel).form("region")
        await choose_type(pilot, form, "send_guidance_team")
        assert shown(form) == {"team"}
        options = form.query_one("#f-team", Select)._options
        assert [v for _, v in options if v is not Select.NULL] == ["city_work_team", "region_work_team"]
        form.query_one("#f-team", Select).value = "region_work_team"
        await settle(pilot)
        assert form.query_one("#f-actor", Select).value == "region_hq"
        form.submit()  # the region has not heard of the accident yet
        await until(pilot, lambda: any(e.kind == "decision_rejected" for e in live.events))
        assert "not been informed" in str(form.query_one("#result").content)
        await choose_type(pilot, form, "judge_response_needed")
        assert shown(form) == {"level"}
        form.query_one("#f-level", Select).value = "2"
        await settle(pilot)
        assert form.query_one("#f-actor", Select).value == "region_hq"
