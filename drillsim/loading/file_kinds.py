"""Data-file kinds (the top-level `kind:`) and the loader that checks each; `validate_file` dispatches."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from drillsim.loading.errors import DataFileError, Issue
from drillsim.loading.plans import load_layer, load_plan
from drillsim.loading.suggestions import suggest
from drillsim.loading.yaml_source import YamlDocument, read_yaml

__all__ = ["Loader", "LOADERS", "register_loader", "validate_file"]

Loader = Callable[[Path], object]
LOADERS: dict[str, Loader] = {"plan": load_plan, "external_layer": load_layer}
"""Data-file kinds (the top-level `kind:`) and the loader that checks each."""

_REGISTERED_BY = {"scenario": "drillsim.loading.scenarios"}
"""Kinds whose module registers its loader when imported; `validate_file` imports it on demand."""


def _loader(kind: object) -> Loader | None:
    if isinstance(kind, str) and kind not in LOADERS and kind in _REGISTERED_BY:
        importlib.import_module(_REGISTERED_BY[kind])
    return LOADERS.get(kind) if isinstance(kind, str) else None


def register_loader(kind: str, loader: Loader) -> None:
    """Make `validate_file` accept files of `kind` (e.g. 'scenario'), checked by `loader`."""
    LOADERS[kind] = loader


def _kind_issue(doc: YamlDocument) -> Issue:
    kinds = ", ".join(sorted({*LOADERS, *_REGISTERED_BY}))
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    if not isinstance(doc.data, dict):
        return doc.issue((), f"expected a mapping with a 'kind' ({kinds}), found {type(doc.data).__name__}")
    if kind is None:
        return doc.issue((), f"missing 'kind': say what this file is ({kinds})")
    return doc.issue(("kind",), f"unknown kind {kind!r}; the kinds of data file are {kinds}",
                     suggest(str(kind), {*LOADERS, *_REGISTERED_BY}, listing=0))


def validate_file(path: Path) -> list[Issue]:
    """Every problem in a data file, chosen by its top-level `kind:`; [] when the file is fine."""
    try:
        doc = read_yaml(path)
        loader = _loader(doc.data.get("kind") if isinstance(doc.data, dict) else None)
        if loader is None:
            return [_kind_issue(doc)]
        loader(Path(path))
    except DataFileError as err:
        return list(err.issues)
    return []
