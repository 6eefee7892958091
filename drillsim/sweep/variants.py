"""A variant: one scenario with one combination of what-if settings, written out as ordinary data files
(`<dir>/<scenario>.yaml`, `<dir>/plans/<plan>.yaml`, `<dir>/plans/external/*.yaml`) and loaded through the
ordinary loader, so every check applies, provenance hashes real files and a stored worst run replays."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from drillsim.loading import DataFileError
from drillsim.loading.scenarios import LoadedScenario, load_scenario
from drillsim.loading.yaml_source import read_yaml
from drillsim.scoring.parameters import ScoringParameters
from drillsim.sweep.params import Documents, Setting, SettingError, apply_settings, scoring_parameters


@dataclass(frozen=True)
class Variant:
    """A scenario under a set of settings, loaded and ready to run."""

    loaded: LoadedScenario
    settings: tuple[Setting, ...]
    scoring: ScoringParameters

    @property
    def label(self) -> str:
        """The settings as the user wrote them, `;`-separated ('' for the files as shipped)."""
        return "; ".join(s.text for s in self.settings)


def documents_of(loaded: LoadedScenario) -> Documents:
    """The plain data of a loaded scenario's files."""
    plan_path = loaded.plan.path
    layers = {layer.id: read_yaml(plan_path.parent / "external" / f"{layer.id}.yaml").data
              for layer in loaded.plan.layers}
    return Documents(read_yaml(loaded.path).data, read_yaml(plan_path).data, layers)


def variant_key(scenario_id: str, settings: Sequence[Setting]) -> str:
    """A short, stable name for the folder of a variant."""
    digest = hashlib.sha256("\n".join([scenario_id, *(s.text for s in settings)]).encode()).hexdigest()
    return f"{scenario_id}-{digest[:10]}"


def make_variant(base: LoadedScenario, settings: Sequence[Setting], folder: Path) -> Variant:
    """Apply the settings to the files of `base`, write them under `folder` and load them back.

    Without file settings the shipped files are used as they are. Raises SettingError naming the setting
    and what the loader found wrong.
    """
    settings = tuple(settings)
    scoring = scoring_parameters(settings)
    if all(s.param.startswith("allowance.") for s in settings):
        return Variant(base, settings, scoring)
    docs = apply_settings(documents_of(base), settings)
    target = folder / variant_key(base.scenario.id, settings)
    plans = target / "plans"
    (plans / "external").mkdir(parents=True, exist_ok=True)
    _write(target / base.path.name, docs.scenario)
    _write(plans / base.plan.path.name, docs.plan)
    for layer_id, data in docs.layers.items():
        _write(plans / "external" / f"{layer_id}.yaml", data)
    try:
        loaded = load_scenario(target / base.path.name)
    except DataFileError as error:
        text = "; ".join(f"{i.message} ({i.file}:{i.line})" for i in error.issues[:3])
        raise SettingError(f"--set {', '.join(s.text for s in settings)}: {text}") from None
    return Variant(loaded, settings, scoring)


def _write(path: Path, data: object) -> None:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
