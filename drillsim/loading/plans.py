"""Load plans and external layers: YAML → schema → semantic checks, every problem in one DataFileError."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from drillsim.loading.cache import cached
from drillsim.loading.checks.problems import Problem, merge_issues
from drillsim.loading.checks.inheritance import inherited_ids
from drillsim.loading.checks.layer import check_layer
from drillsim.loading.checks.plan import check_plan
from drillsim.loading.errors import DataFileError, Issue
from drillsim.loading.validation.validate import validate_model
from drillsim.loading.yaml_source import YamlDocument, read_yaml
from drillsim.model.base import ID_PATTERN
from drillsim.model.plan import ExternalLayer, LoadedPlan, Plan

__all__ = ["LoadedPlan", "load_plan", "load_layer"]

_ID_RE = re.compile(ID_PATTERN)


def _layer(doc: YamlDocument) -> tuple[ExternalLayer | None, list[Issue]]:
    layer, schema = validate_model(doc, ExternalLayer)
    problems = check_layer(doc.data, [issue.path for issue in schema])
    ident = doc.data.get("id") if isinstance(doc.data, dict) else None
    if isinstance(ident, str) and ident != doc.path.stem:
        message = f"layer id {ident!r} differs from the file name {doc.path.name!r}; plans find layers by file name"
        problems.append(Problem(("id",), message))
    issues = merge_issues(doc, schema, problems)
    return (layer if not issues else None), issues


def load_layer(path: Path) -> ExternalLayer:
    """Read and check an external layer file; raises DataFileError."""
    layer, issues = _layer(read_yaml(path))
    if issues or layer is None:
        raise DataFileError(issues)
    return layer


def _inherited(data: Any) -> list[str]:
    """The well-formed layer ids a plan's raw data inherits, each once."""
    return list(dict.fromkeys(i for i in inherited_ids(data) if _ID_RE.match(i)))


def load_plan(path: Path, layer_dir: Path | None = None) -> LoadedPlan:
    """Read a plan and the layers it inherits (`<layer_dir>/<id>.yaml`, default `<plan dir>/external`).

    Raises one DataFileError holding every problem of the plan and of its layers. A plan that loaded
    before with the same content and layers comes from the cache (loading/cache.py).
    """
    path = Path(path)
    layers_in = Path(layer_dir) if layer_dir is not None else path.parent / "external"
    return cached("plan", path, str(layers_in.resolve()), lambda: _load_plan(path, layers_in), _plan_models,
                  lambda models: _plan_from_models(models, path), lambda loaded: layer_files(loaded, layers_in))


_LAYERS = TypeAdapter(tuple[ExternalLayer, ...])


def _plan_models(loaded: LoadedPlan) -> dict[str, str]:
    return {"plan": loaded.definition.model_dump_json(), "layers": _LAYERS.dump_json(loaded.layers).decode()}


def _plan_from_models(models: dict[str, str], path: Path) -> LoadedPlan:
    return LoadedPlan(Plan.model_validate_json(models["plan"]), _LAYERS.validate_json(models["layers"]), path)


def layer_files(loaded: LoadedPlan, layer_dir: Path | None = None) -> list[Path]:
    """The layer files a plan inherits (from `layer_dir`, default `<plan dir>/external`)."""
    folder = layer_dir if layer_dir is not None else loaded.path.parent / "external"
    return [folder / f"{layer.id}.yaml" for layer in loaded.layers]


def _load_plan(path: Path, layer_dir: Path) -> LoadedPlan:
    doc = read_yaml(path)
    plan, schema = validate_model(doc, Plan)
    layer_data: dict[str, Any] = {}
    layers: list[ExternalLayer] = []
    layer_issues: list[Issue] = []
    for layer_id in _inherited(doc.data):
        file = layer_dir / f"{layer_id}.yaml"
        if not file.is_file():
            continue
        try:
            layer_doc = read_yaml(file)
        except DataFileError as err:
            layer_issues.extend(err.issues)
            layer_data[layer_id] = None
            continue
        layer, issues = _layer(layer_doc)
        layer_issues.extend(issues)
        layer_data[layer_id] = layer_doc.data if isinstance(layer_doc.data, dict) else None
        if layer is not None:
            layers.append(layer)
    available = sorted(p.stem for p in layer_dir.glob("*.yaml")) if layer_dir.is_dir() else []
    problems = check_plan(doc.data, layer_data, available, [issue.path for issue in schema])
    issues = [*merge_issues(doc, schema, problems), *layer_issues]
    if issues or plan is None:
        raise DataFileError(issues)
    return LoadedPlan(plan, tuple(layers), path)
