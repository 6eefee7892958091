"""The one-way layers of DESIGN.md, checked: every import in drillsim/ and tui/ is known and points down, the
interfaces reach the engine, the store and the session internals only through the session API, and the
engine stays pure."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "drillsim"
LAYER = {  # drillsim/<name> by layer: a module may import its own layer or lower ones. A new package goes here.
    "model": 0, "i18n": 0, "glossary": 0, "catalog": 0,
    "rules": 1, "loading": 1, "decisions": 1,
    "engine": 2, "render": 2,
    "store": 3,
    "session": 4, "lint": 4,
    "scoring": 5, "seats": 5, "reports": 6, "sweep": 6,
    "workspace": 7,
    "cli": 8,
}
ELSEWHERE = {  # modules outside drillsim/<name>, by layer
    "drillsim": 0,  # the package's own __init__: its version
    "drillsim.__main__": LAYER["cli"],
    "tui": LAYER["cli"],  # the terminal app, beside the command line
}

ANYWHERE = frozenset(LAYER) | frozenset(ELSEWHERE)
THIRD_PARTY = {  # the installed packages the code may import, and which packages may import them
    "pydantic": ANYWHERE - {"tui"},
    "ruamel": {"loading", "sweep"},
    "simpy": {"engine"},
    "eventsourcing": {"store", "workspace"},  # the workspace re-exports PersistenceError for interfaces
    "psycopg": {"store"},
    "platformdirs": {"loading", "store", "session", "seats", "workspace"},  # workspace: the interfaces' settings
    "polars": {"sweep"},
    "distributed": {"sweep"},
    "typer": {"cli"},
    "rich": {"cli", "tui"},
    "textual": {"tui"},
    "textual_serve": {"cli"},  # browser seats: `drillsim join --serve`
}

INTERFACES = ("cli", "tui")
BEHIND_THE_SESSION_API = ("drillsim.engine", "drillsim.store", "drillsim.session", "drillsim.seats")
"""What interfaces reach only through `drillsim.workspace`, which re-exports the few types they need."""
TUI_MAY_IMPORT = ("drillsim.workspace", "drillsim.i18n", "drillsim.glossary", "drillsim.render", "tui", "textual", "rich")
"""The session API, the words of both languages, text rendering, the app itself and its toolkit."""

SOURCES = sorted([p for p in PACKAGE.rglob("*.py") if "_scenarios" not in p.parts] + list((REPO / "tui").rglob("*.py")))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import; a relative import is reported as '.' + its module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


def package_of(module: str) -> str | None:
    """The LAYER or ELSEWHERE name a drillsim or tui module belongs to, None if it has none."""
    parts = module.split(".")
    if module in ELSEWHERE:
        return module
    if parts[0] == "drillsim" and len(parts) > 1 and parts[1] in LAYER:
        return parts[1]
    return parts[0] if parts[0] in ELSEWHERE and parts[0] != "drillsim" else None


def layer(package: str) -> int:
    return LAYER[package] if package in LAYER else ELSEWHERE[package]


def classify(own: str, module: str) -> str | None:
    """Why `module` may not be imported by package `own`, or None when it may."""
    top = module.split(".")[0]
    if not top:
        return "is a relative import (write the absolute module)"
    if top in sys.stdlib_module_names:
        return None
    if top in THIRD_PARTY:
        return None if own in THIRD_PARTY[top] else f"is third-party and not allowed in {own}"
    target = package_of(module)
    if target is None:
        return "is unknown: add it to THIRD_PARTY or LAYER in tests/test_layers.py"
    if layer(target) > layer(own):
        return f"is in a higher layer ({target}: {layer(target)} > {own}: {layer(own)})"
    return None


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_import_is_known_and_points_down(path: Path) -> None:
    own = package_of(module_name(path))
    assert own is not None, f"{path.relative_to(REPO)} is in no layer: add its package to LAYER"
    problems = [f"{path.relative_to(REPO)}:{line}: {module} {why}"
                for line, module in imports_of(path) if (why := classify(own, module))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("own, module, expected", [
    ("engine", "simpy", None),
    ("engine", "drillsim.store.application", "higher layer"),
    ("engine", "eventsourcing.application", "not allowed"),
    ("cli", "drillsim.newpackage.thing", "unknown"),
    ("cli", "requests", "unknown"),
    ("tui", ".screens", "relative"),
    ("tui", "tui.screens.live", None),
    ("workspace", "drillsim.reports", None),
    ("workspace", "tui.app", "higher layer"),
    ("cli", "drillsim", None),
])
def test_classify_refuses_what_it_does_not_know(own: str, module: str, expected: str | None) -> None:
    why = classify(own, module)
    assert (why is None) if expected is None else (why is not None and expected in why), why


@pytest.mark.parametrize("path", [p for p in SOURCES if package_of(module_name(p)) in INTERFACES],
                         ids=lambda p: str(p.relative_to(REPO)))
def test_interfaces_go_through_the_session_api(path: Path) -> None:
    bypass = [f"{path.relative_to(REPO)}:{line}: {module}" for line, module in imports_of(path)
              if module.startswith(tuple(f"{p}." for p in BEHIND_THE_SESSION_API)) or module in BEHIND_THE_SESSION_API]
    assert not bypass, "import these through drillsim.workspace:\n" + "\n".join(bypass)


@pytest.mark.parametrize("path", sorted((REPO / "tui").rglob("*.py")), ids=lambda p: str(p.relative_to(REPO)))
def test_the_terminal_app_imports_only_the_session_api_and_its_toolkit(path: Path) -> None:
    allowed = tuple(TUI_MAY_IMPORT) + tuple(f"{m}." for m in TUI_MAY_IMPORT)
    strays = [f"{path.relative_to(REPO)}:{line}: {module}" for line, module in imports_of(path)
              if module.split(".")[0] not in sys.stdlib_module_names and not module.startswith(allowed)]
    assert not strays, "\n".join(strays)


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
    code = ("import sys, drillsim.cli, drillsim.workspace; "
            "print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.stdout.strip() == "False", result.stderr
