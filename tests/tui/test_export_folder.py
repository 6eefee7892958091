"""The export folder is remembered across runs of the app (a settings file under $XDG_CONFIG_HOME/drillsim);
a settings file that is missing, garbled, of the wrong shape, huge, or names something that is not a folder
reads as nothing remembered: the current folder is offered and nothing fails."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from drillsim.workspace import last_export_dir, remember_export_dir
from drillsim.workspace.settings import MAX_BYTES, settings_path

from tui.screens.scorecard import ScoreCardScreen

from tests.tui.helpers import SIZE, app_with_exercise, until
from tests.tui.test_behaviour import export


@pytest.fixture()
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


def test_the_settings_file_is_under_xdg_config_home(config: Path, tmp_path: Path) -> None:
    assert settings_path() == config / "drillsim" / "settings.json"
    assert last_export_dir() == Path.cwd()  # nothing remembered yet
    reports = tmp_path / "报告 2026"
    reports.mkdir()
    assert remember_export_dir(reports)
    assert last_export_dir() == reports
    stored = json.loads(settings_path().read_text(encoding="utf-8"))
    assert stored == {"export_dir": str(reports)}


@pytest.mark.parametrize("content", [
    b"",
    b"{not json",
    b"\xff\xfe\x00garbage",
    b"[1, 2, 3]",
    b'"just a string"',
    b'{"export_dir": 42}',
    b'{"export_dir": ["/tmp"]}',
    b'{"export_dir": ""}',
    b'{"export_dir": "relative/folder"}',
    b'{"export_dir": "/no/such/folder/anywhere"}',
    b'{"export_dir": "/tmp/with\\u0000nul"}',
    b'{"export_dir": "/' + b"x" * 5000 + b'"}',
    b"[" * 100_000,
    b"[" * 60_000,  # nested deeper than the parser recurses, within the size limit
], ids=lambda c: repr(c[:24]))
def test_a_hostile_settings_file_falls_back_to_the_current_folder(config: Path, content: bytes) -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_bytes(content)
    assert last_export_dir() == Path.cwd()


def test_a_file_a_huge_file_or_a_folder_in_place_of_the_settings_falls_back(config: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"export_dir": str(a_file)}))
    assert last_export_dir() == Path.cwd()  # a file, not a folder
    settings_path().write_text(json.dumps({"export_dir": str(tmp_path), "pad": "x" * MAX_BYTES}))
    assert last_export_dir() == Path.cwd()  # too large to be ours
    settings_path().unlink()
    settings_path().mkdir()
    assert last_export_dir() == Path.cwd()
    assert not remember_export_dir(tmp_path)  # cannot be written: not an error


def test_remembering_keeps_the_files_other_settings(config: Path, tmp_path: Path) -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"export_dir": "/old", "colour": "dark"}))
    assert remember_export_dir(tmp_path)
    assert json.loads(settings_path().read_text()) == {"export_dir": str(tmp_path), "colour": "dark"}


async def test_the_app_offers_the_folder_chosen_in_an_earlier_run(config: Path, tmp_path: Path) -> None:
    night = tmp_path / "reports" / "night"
    app, ident = app_with_exercise(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        assert await export(pilot, str(night)) == str(Path.cwd())
    app, ident = app_with_exercise(tmp_path / "second run")
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        assert await export(pilot, None) == str(night)
    os.rename(night, tmp_path / "moved")  # the folder went away between runs: the current folder is offered
    app, _ = app_with_exercise(tmp_path / "third run")
    assert app.export_dir == Path.cwd()


async def test_the_app_starts_with_a_garbled_settings_file(config: Path, tmp_path: Path) -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_bytes(b'{"export_dir": \xff\xfe')
    app, ident = app_with_exercise(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_score(ident)
        await until(pilot, lambda: isinstance(app.screen, ScoreCardScreen) and app.screen.result is not None)
        assert await export(pilot, str(tmp_path / "reports")) == str(Path.cwd())
