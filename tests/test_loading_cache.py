"""The cache of validated plans and scenarios: hits on the same content, misses on any change, and treats
its own files as hostile input (a corrupt, stale or forged entry is ignored, never trusted or unpickled)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

import drillsim.loading.plans as plans
import drillsim.loading.scenarios as scenarios
from drillsim.catalog import scenario_paths
from drillsim.loading import DataFileError, load_plan
from drillsim.loading.scenarios import load_scenario
from tests.conftest import MINI_MINE, REPO


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRILLSIM_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the YAML files actually parsed (the real reader, counted)."""
    names: list[str] = []
    for module in (plans, scenarios):
        real = module.read_yaml

        def counting(path, real=real):  # noqa: ANN001, ANN202
            names.append(Path(path).name)
            return real(path)

        monkeypatch.setattr(module, "read_yaml", counting)
    return names


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the mini-mine scenario with the shipped plans beside it, free to edit."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "scenarios" / "plans", folder / "plans")
    shutil.copy(MINI_MINE, folder / "mini-mine.yaml")
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_same_content_loads_from_the_cache(cache: Path, data: Path, parsed: list[str]) -> None:
    first = load_scenario(data / "mini-mine.yaml")
    assert parsed == ["mini-mine.yaml", "ordos-2024.yaml", "decree-493.yaml"]
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == ["plan", "scenario"]
    parsed.clear()
    again = load_scenario(data / "mini-mine.yaml")
    assert parsed == []
    assert again == first and again.path == data / "mini-mine.yaml"
    copy = data / "copy.yaml"  # same content elsewhere: the same entry, the new path
    shutil.copy(data / "mini-mine.yaml", copy)
    assert load_scenario(copy).path == copy and parsed == []


@pytest.mark.parametrize("edited", ["mini-mine.yaml", "plans/ordos-2024.yaml", "plans/external/decree-493.yaml"])
def test_any_change_to_the_file_or_what_it_depends_on_is_a_miss(cache: Path, data: Path, parsed: list[str],
                                                               edited: str) -> None:
    load_scenario(data / "mini-mine.yaml")
    parsed.clear()
    with (data / edited).open("a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    load_scenario(data / "mini-mine.yaml")
    assert Path(edited).name in parsed


def test_a_changed_plan_is_validated_again(cache: Path, data: Path) -> None:
    plan = data / "plans" / "ordos-2024.yaml"
    assert load_plan(plan).definition.title.en == "Ordos City Production Safety Accident Emergency Plan"
    _replace(plan, 'en: "Ordos City Production Safety Accident Emergency Plan"', 'en: "Edited"')
    assert load_plan(plan).definition.title.en == "Edited"
    _replace(plan, 'document_number: "鄂府办发〔2024〕17号"', "document_number: 17")
    with pytest.raises(DataFileError, match="document_number"):
        load_plan(plan)  # an invalid file is never served from an entry


@pytest.mark.parametrize("damage", ["garbage", "pickle", "truncated", "wrong key", "invalid model", "not a dict",
                                    "huge", "fifo"])
def test_a_damaged_or_forged_entry_is_ignored_and_replaced(cache: Path, data: Path, parsed: list[str],
                                                            monkeypatch, damage: str) -> None:
    plan = data / "plans" / "ordos-2024.yaml"
    fresh = load_plan(plan)
    (entry,) = cache.iterdir()
    text = entry.read_text(encoding="utf-8")
    stored = json.loads(text)
    if damage == "garbage":
        entry.write_bytes(b"\x00\xff not json")
    elif damage == "pickle":
        entry.write_bytes(pickle.dumps(fresh))
    elif damage == "truncated":
        entry.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "wrong key":
        entry.write_text(json.dumps({**stored, "key": "0" * 64}), encoding="utf-8")
    elif damage == "invalid model":
        model = json.loads(stored["models"]["plan"])
        model["unexpected"] = 1  # the models forbid unknown keys
        entry.write_text(json.dumps({**stored, "models": {**stored["models"], "plan": json.dumps(model)}}),
                         encoding="utf-8")
    elif damage == "not a dict":
        entry.write_text("[1, 2, 3]", encoding="utf-8")
    elif damage == "fifo":  # would block a plain open() until a writer came
        entry.unlink()
        os.mkfifo(entry)
    else:
        import drillsim.loading.cache as cache_module

        monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", 1000)
    parsed.clear()
    assert load_plan(plan) == fresh
    assert "ordos-2024.yaml" in parsed
    if damage not in ("huge", "fifo"):
        assert json.loads(entry.read_text(encoding="utf-8")) == stored  # rewritten whole


def test_cache_off_or_unwritable_still_loads(tmp_path: Path, data: Path, monkeypatch) -> None:
    monkeypatch.setenv("DRILLSIM_CACHE_DIR", "")
    plan = data / "plans" / "ordos-2024.yaml"
    fresh = load_plan(plan)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DRILLSIM_CACHE_DIR", str(blocker / "cache"))
    assert load_plan(plan) == fresh == load_plan(plan)


def test_every_shipped_scenario_loads_the_same_from_the_cache(cache: Path) -> None:
    for path in scenario_paths():
        fresh = load_scenario(path)
        assert load_scenario(path) == fresh


def test_a_data_file_that_is_a_fifo_is_refused_not_waited_for(cache: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DataFileError, match="FIFO"):
        load_plan(fifo)
