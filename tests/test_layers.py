"""The one-way layers of DESIGN.md, checked: imports only point down, and the engine stays pure."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "drillsim"
LAYER = {  # lower number = lower layer; a module may import only its own layer or lower ones
    "model": 0, "i18n": 0, "glossary": 0, "catalog": 0,
    "rules": 1, "loading": 1, "decisions": 1,
    "engine": 2, "render": 2,
    "store": 3,
    "session": 4, "lint": 4,
    "scoring": 5, "reports": 6, "sweep": 6,
    "cli": 7,
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "drillsim" or len(parts) < 2:
        return None
    return parts[1]


@pytest.mark.parametrize("path", sorted(p for p in PACKAGE.rglob("*.py") if "_scenarios" not in p.parts),
                         ids=lambda p: str(p.relative_to(REPO)))
def test_imports_point_down(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    if own not in LAYER:
        return
    for module in imports_of(path):
        target = layer_of(module)
        if own != "cli":  # only the command line may open the terminal app
            assert not module.startswith("tui"), f"{path.name} imports the terminal app"
        if target in LAYER:
            assert LAYER[target] <= LAYER[own], f"{path.relative_to(REPO)} ({own}) imports {module} ({target})"


def test_engine_imports_no_ui_no_store_no_clock() -> None:
    code = ("import sys, drillsim.engine.runner, drillsim.engine.simulation, drillsim.engine.state; "
            "bad = [m for m in ('textual', 'eventsourcing', 'sqlite3', 'psycopg') if m in sys.modules]; "
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("path", sorted([*(PACKAGE / "engine").glob("*.py"), *(PACKAGE / "decisions").glob("*.py")]),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_engine_is_deterministic_by_construction(path: Path) -> None:
    """No wall clock, no global random, no iteration over sets in the engine's source (nor in the decision
    types' effects, which run inside it)."""
    text = path.read_text(encoding="utf-8")
    for forbidden in ("datetime.now", "time.time(", "time.perf_counter", "random.random(", "random.choice(",
                      "random.randint(", "uuid4", "os.environ"):
        assert forbidden not in text, f"{path.name} uses {forbidden}"
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.iter, (ast.Set, ast.SetComp)):
            pytest.fail(f"{path.name}:{node.lineno} iterates over a set")


def test_core_import_leaves_textual_unloaded() -> None:
    code = ("import sys, drillsim.cli, drillsim.session.workspace; "
            "print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.stdout.strip() == "False", result.stderr
