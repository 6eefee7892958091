"""The shipped plans, layers and scenarios: they validate, and every Chinese quote is verbatim in its source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillsim.catalog import data_root
from drillsim.cli import app
from drillsim.loading import read_yaml, validate_file
from tests.conftest import SEEDS

DATA_FILES = sorted(data_root().rglob("*.yaml"))
_SPACE = re.compile(r"\s+")


def test_there_is_data_to_check() -> None:
    names = {p.name for p in DATA_FILES}
    assert {"ordos-2024.yaml", "xinjiang-2024.yaml", "decree-493.yaml"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_data_file_validates(path: Path) -> None:
    assert validate_file(path) == []


def test_validate_command_accepts_all_shipped_files() -> None:
    result = CliRunner().invoke(app, ["validate", *map(str, DATA_FILES)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count(": ok") == len(DATA_FILES)


def _citations(node: object) -> Iterator[dict]:
    if isinstance(node, dict):
        if {"src", "at", "zh", "en"} <= set(node):
            yield node
        for value in node.values():
            yield from _citations(value)
    elif isinstance(node, list):
        for value in node:
            yield from _citations(value)


def _seed_sources(data: dict, plans: dict[str, dict]) -> dict[str, str]:
    """source id → seed file name, from the file itself and (for scenarios) from its plan."""
    sources = {s["id"]: s.get("seed") for s in data.get("sources", [])}
    plan = plans.get(data.get("plan", ""))
    if plan:
        sources.update({s["id"]: s.get("seed") for s in plan.get("sources", [])})
    return sources


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents (../shared/seeds) are not beside this checkout")
@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_quote_is_verbatim_in_its_seed(path: Path) -> None:
    """Quotes may differ from the seed only in white space (the seeds break lines mid-sentence)."""
    plans = {p.stem: read_yaml(p).data for p in data_root().glob("plans/*.yaml")}
    data = read_yaml(path).data
    sources = _seed_sources(data, plans)
    texts = {name: _SPACE.sub("", (SEEDS / name).read_text(encoding="utf-8")) for name in set(sources.values()) if name}
    checked, wrong = 0, []
    for cite in _citations(data):
        seed = sources.get(cite["src"])
        if seed is None:  # external rules (Decree 493) are not in the seeds
            continue
        checked += 1
        if _SPACE.sub("", cite["zh"]) not in texts[seed]:
            wrong.append(f"{cite['at']}: {cite['zh']}")
    assert not wrong, f"{len(wrong)} quote(s) not found verbatim:\n" + "\n".join(wrong)
    if any(sources.values()):
        assert checked > 0


def test_every_seed_backed_rule_of_a_plan_is_cited() -> None:
    """Plans cite their clauses: the two shipped plans carry dozens of citations each."""
    for name in ("ordos-2024", "xinjiang-2024"):
        data = read_yaml(data_root() / "plans" / f"{name}.yaml").data
        assert sum(1 for _ in _citations(data)) >= 50
