"""The scenario, plan and layer files an exercise ran, carried by content and found by SHA-256, never by a path
someone else wrote.

An export carries the text of the three kinds of file with their SHA-256; an import checks each hash against
the provenance and writes the files into a content-addressed folder of the user's data directory, from which
the imported exercise is replayed. A recorded scenario path is followed only to a regular, small file whose
SHA-256 is the recorded one.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from drillsim.loading.input_files import MAX_DATA_FILE_BYTES, InputFileError, read_regular_file
from drillsim.loading.scenarios import LoadedScenario


class ContentError(ValueError):
    """Carried content that does not match its provenance."""


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_files(loaded: LoadedScenario) -> tuple[Path, Path, dict[str, Path]]:
    """The scenario file, its plan file and the plan's layer files ({layer id: path})."""
    plan_path = loaded.plan.path
    return loaded.path, plan_path, {layer.id: plan_path.parent / "external" / f"{layer.id}.yaml"
                                    for layer in loaded.plan.layers}


def bundle(loaded: LoadedScenario) -> dict[str, Any]:
    """The content of an exercise's data files for an export: {scenario, plan, layers: {id: …}}, each text + sha256."""
    def entry(path: Path) -> dict[str, str]:
        data = read_regular_file(path, MAX_DATA_FILE_BYTES)
        return {"sha256": sha256_bytes(data), "text": data.decode("utf-8")}

    scenario, plan, layers = data_files(loaded)
    return {"scenario": entry(scenario), "plan": entry(plan), "layers": {k: entry(p) for k, p in layers.items()}}


def check_content(content: Any, scenario_sha: str, plan_sha: str, layers_sha: dict[str, str]) -> None:
    """Every carried file must hash to what it declares and to what the provenance recorded."""
    def check(name: str, entry: Any, recorded: str | None) -> None:
        actual = sha256_bytes(entry.text.encode("utf-8"))
        if actual != entry.sha256:
            raise ContentError(f"the carried {name} does not match its SHA-256 (altered)")
        if actual != recorded:
            raise ContentError(f"the carried {name} is not the one the exercise recorded (SHA-256 differs)")

    check("scenario", content.scenario, scenario_sha)
    check("plan", content.plan, plan_sha)
    if set(content.layers) != set(layers_sha):
        raise ContentError(f"the carried layers {sorted(content.layers)} are not the recorded {sorted(layers_sha)}")
    for layer, entry in content.layers.items():
        check(f"layer {layer}", entry, layers_sha[layer])


def imported_root() -> Path:
    """Where imported scenario content is kept: <user data dir>/drillsim/imported."""
    return Path(user_data_dir("drillsim", appauthor=False)) / "imported"


def materialize(content: Any, scenario_id: str, plan_id: str, root: Path | None = None) -> Path:
    """Write checked content into `<root>/<hash>/` laid out as load_scenario expects; the scenario's path.

    The folder is named after the content's hashes, so the same content is written once; ids are checked
    against the id pattern by the export model, so no name can leave the folder.
    """
    key = sha256_bytes("/".join([content.scenario.sha256, content.plan.sha256,
                                 *sorted(f"{k}={v.sha256}" for k, v in content.layers.items())]).encode())[:32]
    folder = (root or imported_root()) / key
    files = {folder / f"{scenario_id}.yaml": content.scenario, folder / "plans" / f"{plan_id}.yaml": content.plan}
    files.update({folder / "plans" / "external" / f"{layer}.yaml": entry for layer, entry in content.layers.items()})
    for path, entry in files.items():
        data = entry.text.encode("utf-8")
        if path.is_file() and sha256_bytes(path.read_bytes()) == entry.sha256:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(f".{path.name}.{os.getpid()}")
        scratch.write_bytes(data)
        scratch.replace(path)  # atomic: a concurrent import of the same content sees a whole file
    return folder / f"{scenario_id}.yaml"


def file_with_hash(recorded: str, sha256: str) -> Path | None:
    """The recorded path if it is a regular file of at most 1 MiB whose SHA-256 is `sha256`, else None."""
    if not recorded:
        return None
    try:
        data = read_regular_file(recorded, MAX_DATA_FILE_BYTES)
    except (InputFileError, OSError, ValueError):
        return None
    return Path(recorded) if sha256_bytes(data) == sha256 else None
