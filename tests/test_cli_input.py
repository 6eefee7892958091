"""Command-line values outside their closed sets, empty or absurd: refused with the valid values, nothing stored.

(Issue 13, bad input. tests/fuzz/args/values.txt runs the same through a real `drillsim` process.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillsim.cli import app
from tests.conftest import MINI_MINE

runner = CliRunner()


def refused(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return " ".join(result.output.replace("│", " ").split())


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    store = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'input.sqlite'}"
    result = runner.invoke(app, ["run", str(MINI_MINE), "--store", store, "--until", "1h", "--lang", "en"])
    assert result.exit_code == 0, result.output
    return store, re.search(r"Exercise: ([0-9a-f]{8})", result.stdout).group(1)


def test_classify_cross_lists_the_scopes() -> None:
    out = refused("classify", "--plan", "ordos-2024", "--cross", "prefecture")
    assert "'prefecture' is not one of 'prefectures', 'sectors', 'local_bingtuan', 'counties'" in out


def test_classify_exceeds_capacity_names_the_plans_tiers() -> None:
    out = refused("classify", "--plan", "ordos-2024", "--exceeds-capacity", "countyy")
    assert "unknown tier 'countyy' for --exceeds-capacity" in out
    assert "enterprise, park, county, prefecture, region, nation" in out and "did you mean 'county'?" in out


def test_classify_still_grades_with_valid_values() -> None:
    result = runner.invoke(app, ["classify", "--plan", "ordos-2024", "--cross", "prefectures",
                                 "--exceeds-capacity", "county", "--json"])
    assert result.exit_code == 0, result.output
    assert '"response_level": 3' in result.stdout or '"response_level": 2' in result.stdout


def test_classify_refuses_absurd_figures() -> None:
    assert "less than or equal to 9999999999999999" in refused("classify", "--plan", "ordos-2024", "--deaths", "1" * 41)


@pytest.mark.parametrize("args, words", [
    (["--area", "command", "--rating", "Z"], "'Z' is not one of 'P', 'S', 'M', 'U'"),
    (["--area", "bogus", "--rating", "P"], "'bogus' is not one of 'warning_reporting', 'mobilisation', 'command'"),
    (["--rating", "P"], "give --area and --rating together"),
    (["--severity", "bogus"], "'bogus' is not one of '不足项', '整改项', '改进项'"),
    (["--verdict", "bogus"], "'bogus' is not one of 'met', 'late', 'missed'"),
])
def test_override_values_come_from_closed_sets(stored: tuple[str, str], args: list[str], words: str) -> None:
    store, ident = stored
    assert words in refused("override", ident, "rating", "--store", store, "--author", "a", "--reason", "r", *args)
    assert _recorded(store, ident) == ([], [])


@pytest.mark.parametrize("args, words", [
    (["--author", "", "--text", "t"], "--author must not be empty"),
    (["--author", "a", "--text", "  "], "--text must not be empty"),
    (["--author", "a", "--text", "t", "--area", "command_coordination"], "'command_coordination' is not one of"),
    (["--author", "a", "--text", "t", "--at", "99999999999999999999:00"], "expected a time such as 01:30"),
])
def test_observe_refuses_empty_and_unknown_values(stored: tuple[str, str], args: list[str], words: str) -> None:
    store, ident = stored
    assert words in refused("observe", ident, "--store", store, *args)
    assert _recorded(store, ident) == ([], [])


def test_an_empty_exercise_id_matches_nothing(stored: tuple[str, str]) -> None:
    assert "give an exercise id" in refused("show", " ", "--store", stored[0])


def test_valid_observation_and_override_are_stored(tmp_path: Path, stored: tuple[str, str]) -> None:
    store, ident = stored
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(Path(store.removeprefix("sqlite:///")).read_bytes())
    url = f"sqlite:///{copy}"
    for args in (["observe", ident, "--author", "a", "--text", "t", "--area", "command", "--at", "00:30"],
                 ["override", ident, "rating", "--author", "a", "--reason", "r", "--area", "command", "--rating", "M"]):
        result = runner.invoke(app, [*args, "--store", url])
        assert result.exit_code == 0, result.output
    observations, overrides = _recorded(url, ident)
    assert [(o.author, o.area, o.t) for o in observations] == [("a", "command", 30 * 60_000)]
    assert len(overrides) == 1


def _recorded(store: str, ident: str) -> tuple[list, list]:
    from drillsim.workspace import Workspace

    with Workspace(store) as workspace:
        replay = workspace.replay(workspace.resolve(ident))
        return list(replay.observations()), list(replay.overrides())
