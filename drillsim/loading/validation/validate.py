"""Validate a YAML document against a pydantic model: the model, or every schema problem positioned."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from drillsim.loading.plain_data import DataPath
from drillsim.loading.errors import DataFileError, Issue
from drillsim.loading.validation.describe import Found, describe
from drillsim.loading.validation.schema_walk import field_names, walk
from drillsim.loading.validation.unions import drop_shadowed_missing, resolve_unions
from drillsim.loading.yaml_source import YamlDocument, read_yaml

__all__ = ["validate_model", "load_yaml_model", "validation_issues"]

M = TypeVar("M", bound=BaseModel)


def validate_model(doc: YamlDocument, model: type[M]) -> tuple[M | None, list[Issue]]:
    """The model built from the document, or None and the schema issues."""
    if doc.data is None:
        fields = ", ".join(field_names(model)[:4])
        return None, [doc.issue((), f"the file is empty; expected a mapping with {fields}, ...")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as err:
        return None, validation_issues(err, doc, model)


def load_yaml_model(path: Path, model: type[M]) -> M:
    """Read a YAML file into `model`; raises DataFileError with every schema problem, positioned."""
    doc = read_yaml(path)
    result, issues = validate_model(doc, model)
    if issues or result is None:
        raise DataFileError(issues)
    return result


def validation_issues(err: ValidationError, doc: YamlDocument, root: type[BaseModel]) -> list[Issue]:
    """Translate a pydantic ValidationError on `doc.data` into positioned issues, one per problem."""
    found: list[Found] = []
    for raw in err.errors(include_url=False):
        item = describe(raw, walk(root, doc.data, tuple(raw["loc"])), root)
        if item is not None:
            found.append(item)
    issues: list[Issue] = []
    seen: set[tuple[DataPath, str]] = set()
    for item in drop_shadowed_missing(resolve_unions(found, doc.data)):
        if (item.path, item.message) not in seen:
            seen.add((item.path, item.message))
            issues.append(doc.issue(item.path, item.message, item.hint))
    return issues
