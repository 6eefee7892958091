"""A cache of validated plans and scenarios, so that a command does not parse ~100 KB of YAML every time.

An entry is a JSON file in the user's cache folder (platformdirs; `$DRILLSIM_CACHE_DIR` overrides it, an
empty value turns the cache off), named by the SHA-256 of the file's content, the arguments that decide
how it loads, and a fingerprint of the drillsim code that validates it. It holds the validated models as
their own JSON and the SHA-256 of every other file the result depends on (a plan's layers, a scenario's
plan). The cache is input like any other: an entry is read only if it is small, has the expected key and
dependencies, and passes the models' validation again (pydantic's `model_validate_json`, never pickle);
anything else is a miss, and the file is loaded and checked from scratch.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from drillsim.loading.input_files import MAX_DATA_FILE_BYTES, InputFileError, read_regular_file

ENV_VAR = "DRILLSIM_CACHE_DIR"
FORMAT = 1
MAX_ENTRY_BYTES = 32 * 2**20

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The folder of cache entries, or None when the cache is turned off."""
    explicit = os.environ.get(ENV_VAR)
    if explicit is not None:
        return Path(explicit) if explicit.strip() else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("drillsim", appauthor=False)) / "validated"


@cache
def code_fingerprint() -> str:
    """drillsim's and pydantic's versions and the size and modification time of the validating code."""
    import pydantic

    import drillsim

    root = Path(drillsim.__file__).parent
    parts = [drillsim.__version__, pydantic.VERSION]
    for folder in ("model", "loading", "rules", "decisions"):  # decisions: the type names scenarios may use
        for path in sorted((root / folder).rglob("*.py")):
            stat = path.stat()
            parts.append(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file's content, or None if it is not a regular file drillsim would read."""
    try:
        return hashlib.sha256(read_regular_file(path, MAX_DATA_FILE_BYTES)).hexdigest()
    except InputFileError:
        return None


def cached(kind: str, path: Path, arguments: str, load: Callable[[], T], dump: Callable[[T], dict[str, str]],
           restore: Callable[[dict[str, str]], T], depends_on: Callable[[T], Iterable[Path]]) -> T:
    """`load()` the file at `path`, or restore what an earlier load of the same content returned.

    `dump` turns the result into JSON texts of validated models and `restore` rebuilds it from them
    (raising on anything invalid); `depends_on` names the other files the result was built from.
    """
    folder = cache_dir()
    source = file_sha256(path)
    if folder is None or source is None:
        return load()
    key = hashlib.sha256("\0".join((kind, code_fingerprint(), arguments, source)).encode()).hexdigest()
    entry = folder / f"{kind}-{key}.json"
    value = _restored(entry, key, restore)
    if value is not None:
        return value
    value = load()
    if file_sha256(path) == source:  # not edited while it was being loaded
        _write(entry, key, value, dump, depends_on)
    return value


def _restored(entry: Path, key: str, restore: Callable[[dict[str, str]], T]) -> T | None:
    try:
        data = json.loads(read_regular_file(entry, MAX_ENTRY_BYTES))
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
            return None
        depends = data["depends"]
        if not isinstance(depends, dict) or any(file_sha256(Path(p)) != sha for p, sha in depends.items()):
            return None  # a layer or plan it was checked against has changed
        models = data["models"]
        if not isinstance(models, dict) or not all(isinstance(v, str) for v in models.values()):
            return None
        return restore(models)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        # missing, unreadable, too big, corrupt, stale or forged: InputFileError and pydantic's
        # ValidationError are ValueErrors
        return None


def _write(entry: Path, key: str, value: T, dump: Callable[[T], dict[str, str]],
           depends_on: Callable[[T], Iterable[Path]]) -> None:
    depends: dict[str, Any] = {str(p.resolve()): file_sha256(p) for p in depends_on(value)}
    if any(sha is None for sha in depends.values()):
        return
    data = {"format": FORMAT, "key": key, "depends": depends, "models": dump(value)}
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=entry.parent, suffix=".tmp",
                                         delete=False) as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(handle.name, entry)  # readers see the old entry or the whole new one
    except OSError:
        try:
            os.unlink(handle.name)
        except (OSError, NameError):
            pass
