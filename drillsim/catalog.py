"""Where the shipped plans and scenarios live, and finding them by id or path."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


class NotFound(LookupError):
    """A plan or scenario id that matches no file; the message suggests close matches."""


def data_root() -> Path:
    """The `scenarios/` folder: `$DRILLSIM_DATA`, else the copy inside an installed wheel, else the source tree."""
    override = os.environ.get("DRILLSIM_DATA")
    if override:
        return Path(override)
    installed = _PACKAGE_DIR / "_scenarios"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "scenarios"


def plans_dir() -> Path:
    return data_root() / "plans"


def layers_dir() -> Path:
    return plans_dir() / "external"


def scenarios_dir() -> Path:
    return data_root()


def plan_paths() -> list[Path]:
    """Every shipped plan file, sorted by name."""
    return sorted(plans_dir().glob("*.yaml"))


def scenario_paths() -> list[Path]:
    """Every shipped scenario file, sorted by name."""
    return sorted(scenarios_dir().glob("*.yaml"))


def _resolve(ref: str, folder: Path, what: str) -> Path:
    candidate = Path(ref)
    if candidate.suffix in {".yaml", ".yml"} and candidate.is_file():
        return candidate
    path = folder / f"{ref}.yaml"
    if path.is_file():
        return path
    known = sorted(p.stem for p in folder.glob("*.yaml"))
    close = difflib.get_close_matches(ref, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise NotFound(f"no {what} {ref!r} (known: {', '.join(known) or 'none'}){hint}")


def find_plan(ref: str) -> Path:
    """A plan file from its id (`ordos-2024`) or a path to a YAML file."""
    return _resolve(ref, plans_dir(), "plan")


def find_scenario(ref: str) -> Path:
    """A scenario file from its id (`ordos-coal-mine`) or a path to a YAML file."""
    return _resolve(ref, scenarios_dir(), "scenario")
