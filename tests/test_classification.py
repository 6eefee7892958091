"""`drillsim classify`: every boundary of the grade table and of the Ordos trapped ladder, in both plans."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from drillsim.cli import app

runner = CliRunner()
PLANS = ("ordos-2024", "xinjiang-2024")


def classify(plan: str, **figures: int) -> dict:
    args = ["classify", "--plan", plan, "--json"]
    for name, value in figures.items():
        args += [f"--{name.replace('_', '-')}", str(value)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


GRADE_BOUNDARIES = [
    # (criterion, value just below, value at the bound, grade below, grade at)
    ("deaths", 2, 3, "一般", "较大"),
    ("deaths", 9, 10, "较大", "重大"),
    ("deaths", 29, 30, "重大", "特别重大"),
    ("serious_injuries", 9, 10, "一般", "较大"),
    ("serious_injuries", 49, 50, "较大", "重大"),
    ("serious_injuries", 99, 100, "重大", "特别重大"),
    ("loss_cny", 9_999_999, 10_000_000, "一般", "较大"),
    ("loss_cny", 49_999_999, 50_000_000, "较大", "重大"),
    ("loss_cny", 99_999_999, 100_000_000, "重大", "特别重大"),
]
LEVEL_OF_GRADE = {"一般": 4, "较大": 3, "重大": 2, "特别重大": 1}


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize(("criterion", "below", "at", "grade_below", "grade_at"), GRADE_BOUNDARIES)
def test_grade_boundary(plan: str, criterion: str, below: int, at: int, grade_below: str, grade_at: str) -> None:
    """以上 includes the bound: the value at the bound is already the higher grade."""
    lower = classify(plan, **{criterion: below})
    upper = classify(plan, **{criterion: at})
    assert (lower["grade"], upper["grade"]) == (grade_below, grade_at)
    assert lower["response_level"] == LEVEL_OF_GRADE[grade_below]
    assert upper["response_level"] == LEVEL_OF_GRADE[grade_at]


def test_grade_is_the_highest_any_criterion_reaches() -> None:
    result = classify("ordos-2024", deaths=1, serious_injuries=12, loss_cny=60_000_000)
    assert result["grade"] == "重大"
    assert result["response_level"] == 2


ORDOS_LADDER = [(2, 3, 4, 3), (9, 10, 3, 2), (29, 30, 2, 1)]
ORDOS_ACTIVATOR = {4: "county_government", 3: "prefecture_commander", 2: "region_hq", 1: "nation_hq"}


@pytest.mark.parametrize(("below", "at", "level_below", "level_at"), ORDOS_LADDER)
def test_ordos_trapped_ladder(below: int, at: int, level_below: int, level_at: int) -> None:
    """Ordos 四(三): the response level follows endangered/trapped/missing counts, grade stays 一般."""
    lower = classify("ordos-2024", trapped=below)
    upper = classify("ordos-2024", trapped=at)
    assert (lower["grade"], upper["grade"]) == ("一般", "一般")
    assert (lower["response_level"], upper["response_level"]) == (level_below, level_at)
    assert lower["activated_by"] == ORDOS_ACTIVATOR[level_below]
    assert upper["activated_by"] == ORDOS_ACTIVATOR[level_at]


@pytest.mark.parametrize(("below", "at"), [(2, 3), (9, 10), (29, 30)])
def test_xinjiang_ignores_trapped_counts(below: int, at: int) -> None:
    """The Xinjiang plan grades by casualties and loss only: trapped counts leave it at 一般 / level 4."""
    for trapped in (below, at):
        result = classify("xinjiang-2024", trapped=trapped)
        assert (result["grade"], result["response_level"], result["activated_by"]) == ("一般", 4, "county_government")


def test_json_contract_shape() -> None:
    result = classify("ordos-2024", trapped=5)
    assert {"plan", "grade", "response_level", "activated_by", "obligations"} <= set(result)
    assert result["plan"] == "ordos-2024"
    assert result["grade"] in ("特别重大", "重大", "较大", "一般")
    assert isinstance(result["response_level"], int) and 1 <= result["response_level"] <= 4
    ids = [o["id"] for o in result["obligations"]]
    assert "unit_head_phone" in ids and "unit_head_written" in ids
    phone = next(o for o in result["obligations"] if o["id"] == "unit_head_phone")
    assert (phone["channel"], phone["deadline"]) == ("phone", "30min")
    written = next(o for o in result["obligations"] if o["id"] == "unit_head_written")
    assert (written["channel"], written["deadline"]) == ("written", "1h")


def test_missing_options_default_to_zero() -> None:
    result = classify("xinjiang-2024")
    assert result["grade"] == "一般"
    assert result["figures"] == {"deaths": 0, "serious_injuries": 0, "loss_cny": 0, "trapped": 0}


def test_superseded_decree_steps_are_not_listed_twice() -> None:
    result = classify("ordos-2024")
    sources = {o["id"]: o["source"] for o in result["obligations"]}
    assert "unit_head_to_county" not in sources  # replaced by the Ordos phone/written pair
    assert sources["unit_head_phone"] == "ordos-2024"


def test_xinjiang_two_hour_departmental_reports() -> None:
    result = classify("xinjiang-2024", loss_cny=12_000_000)
    two_hours = [o for o in result["obligations"] if o["deadline"] == "2h" and not o["external"]]
    assert two_hours, "Xinjiang L372 requires departmental reports within 2 hours"
    assert result["activated_by"] == "prefecture_government"


@pytest.mark.parametrize("args", [["--plan", "nosuch"], ["--plan", "ordos-2024", "--deaths", "-1"],
                                  ["--plan", "ordos-2024", "--deaths", "many"]])
def test_invalid_input_exits_2_without_traceback(args: list[str]) -> None:
    result = runner.invoke(app, ["classify", *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_unknown_plan_suggests_close_match() -> None:
    result = runner.invoke(app, ["classify", "--plan", "ordos-2025"])
    assert result.exit_code == 2
    assert "did you mean 'ordos-2024'" in result.output


def test_human_readable_output_in_both_languages() -> None:
    zh = runner.invoke(app, ["classify", "--plan", "ordos-2024", "--trapped", "5", "--lang", "zh"])
    en = runner.invoke(app, ["classify", "--plan", "ordos-2024", "--trapped", "5", "--lang", "en"])
    assert zh.exit_code == en.exit_code == 0
    assert "事故等级" in zh.stdout and "Accident grade" in en.stdout


def test_reports_due_from_a_level_are_listed_when_the_situation_justifies_it() -> None:
    """A 一般 accident across the local/Bingtuan line justifies level 2 in Xinjiang; the prefecture's reports up
    to the region (`min_grade: larger`, `min_level: 2`) are due, as the engine has them."""
    result = runner.invoke(app, ["classify", "--plan", "xinjiang-2024", "--cross", "local_bingtuan", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = {o["id"] for o in data["obligations"]}
    assert data["grade"] == "一般" and data["response_level"] == 2
    assert {"prefecture_em_to_region", "prefecture_regulator_to_region"} <= ids
    assert "region_em_to_nation" not in ids  # min_grade major and no min_level: not due


@pytest.mark.parametrize(("plan", "body", "level"), [
    ("ordos-2024", "prefecture_hq", 3),           # 四(三)2(4) 市指挥部认为需要
    ("ordos-2024", "region_hq", 2),               # 四(三)3(4) 自治区指挥部认为
    ("xinjiang-2024", "region_government", 2),    # L258: the region's, at level 2 (level 1 is 特别重大 only)
])
def test_a_judgement_justifies_its_level(plan, body, level) -> None:
    result = runner.invoke(app, ["classify", "--plan", plan, "--decided-by", body, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["response_level"] == level


def test_an_unknown_judging_body_is_named() -> None:
    result = runner.invoke(app, ["classify", "--plan", "ordos-2024", "--decided-by", "city_hq"])
    assert result.exit_code != 0 and "unknown body 'city_hq' for --decided-by" in result.output
