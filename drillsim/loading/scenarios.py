"""Load a scenario together with the plan it runs under; every problem in one DataFileError."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drillsim.decisions import DECISION_TYPES
from drillsim.loading.cache import cached
from drillsim.loading.checks.problems import merge_issues
from drillsim.loading.checks.scenario import check_scenario
from drillsim.loading.errors import DataFileError
from drillsim.loading.file_kinds import register_loader
from drillsim.loading.plans import LoadedPlan, layer_files, load_plan
from drillsim.loading.validation.validate import validate_model
from drillsim.loading.yaml_source import read_yaml
from drillsim.model.scenario import Scenario

__all__ = ["LoadedScenario", "load_scenario", "scenario_json_schema"]


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with its validated plan."""

    scenario: Scenario
    plan: LoadedPlan
    path: Path


def _plans_dir(path: Path) -> Path:
    beside = path.parent / "plans"
    if beside.is_dir():
        return beside
    from drillsim.catalog import plans_dir

    return plans_dir()


def load_scenario(path: Path, plans_dir: Path | None = None) -> LoadedScenario:
    """Read a scenario and its plan (`<plans_dir>/<plan>.yaml`, default `plans/` beside the scenario).

    A scenario that loaded before with the same content and plan comes from the cache (loading/cache.py).
    """
    path = Path(path)
    folder = Path(plans_dir) if plans_dir is not None else _plans_dir(path)
    return cached("scenario", path, str(folder.resolve()), lambda: _load_scenario(path, folder),
                  lambda loaded: {"scenario": loaded.scenario.model_dump_json()},
                  lambda models: _scenario_from_models(models, path, folder), _plan_files)


def _scenario_from_models(models: dict[str, str], path: Path, folder: Path) -> LoadedScenario:
    scenario = Scenario.model_validate_json(models["scenario"])
    return LoadedScenario(scenario, load_plan(folder / f"{scenario.plan}.yaml"), path)


def _plan_files(loaded: LoadedScenario) -> list[Path]:
    """The files a scenario's checks read: its plan and the plan's layers."""
    return [loaded.plan.path, *layer_files(loaded.plan)]


def _load_scenario(path: Path, folder: Path) -> LoadedScenario:
    doc = read_yaml(path)
    scenario, schema = validate_model(doc, Scenario)
    plan_id = doc.data.get("plan") if isinstance(doc.data, dict) else None
    if not isinstance(plan_id, str):
        raise DataFileError(schema or [doc.issue((), "missing 'plan': the id of the plan the scenario runs under")])
    plan_path = folder / f"{plan_id}.yaml"
    if not plan_path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.yaml")))
        raise DataFileError([*schema, doc.issue(("plan",), f"no plan {plan_id!r} in {folder} (known: {known})")])
    loaded = load_plan(plan_path)
    issues = merge_issues(doc, schema, check_scenario(doc.data, loaded))
    if issues or scenario is None:
        raise DataFileError(issues)
    return LoadedScenario(scenario, loaded, path)


register_loader("scenario", load_scenario)


def scenario_json_schema() -> dict[str, Any]:
    """The scenario file's JSON Schema, with the decision type names (the registry's) listed for editors."""
    schema = Scenario.model_json_schema(by_alias=True)
    for definition in schema.get("$defs", {}).values():
        decision = definition.get("properties", {}).get("decision")
        if decision is not None and definition.get("title") in ("ExpectedAction", "DecisionCondition"):
            decision["enum"] = list(DECISION_TYPES)
    return schema
