"""Provenance: content hashes of the scenario, its plan and the plan's layers."""

from __future__ import annotations

import hashlib
from pathlib import Path

from drillsim.loading.scenarios import LoadedScenario


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def content_hashes(loaded: LoadedScenario) -> tuple[str, str, dict[str, str]]:
    """(scenario sha256, plan sha256, {layer id: sha256})."""
    plan_path = loaded.plan.path
    layers = {layer.id: sha256_file(plan_path.parent / "external" / f"{layer.id}.yaml") for layer in loaded.plan.layers}
    return sha256_file(loaded.path), sha256_file(plan_path), layers
