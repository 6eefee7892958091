"""What an interface remembers between runs (the last folder reports were exported to), in a small JSON file in
the user's configuration folder: `$XDG_CONFIG_HOME/drillsim/settings.json` when that variable is set, else
the platform's (platformdirs; ~/.config/drillsim on Linux).

The file is the user's to edit or break: a missing, oversized, garbled or wrongly typed file, or a folder
that no longer exists, reads as "nothing remembered" — never an error. Writing it is best effort too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

FILE_NAME = "settings.json"
MAX_BYTES = 64 * 1024
"""A settings file larger than this is not read (it holds a few short values)."""
MAX_PATH = 4096
EXPORT_DIR = "export_dir"


def settings_path() -> Path:
    """Where the settings file lives (it may not exist)."""
    xdg = os.environ.get("XDG_CONFIG_HOME", "").strip()
    folder = Path(xdg) / "drillsim" if xdg and Path(xdg).is_absolute() else Path(user_config_dir("drillsim", appauthor=False))
    return folder / FILE_NAME


def _read() -> dict[str, Any]:
    """The settings as stored, or {} when there are none the program can trust."""
    path = settings_path()
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return {}
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def last_export_dir(default: Path | None = None) -> Path:
    """The folder reports were last exported to, if it still is a folder; else `default` (the current one)."""
    fallback = default if default is not None else Path.cwd()
    value = _read().get(EXPORT_DIR)
    if not isinstance(value, str) or not value or len(value) > MAX_PATH or "\0" in value:
        return fallback
    folder = Path(value)
    try:
        return folder if folder.is_absolute() and folder.is_dir() else fallback
    except OSError:  # e.g. a name too long for the file system
        return fallback


def remember_export_dir(folder: Path) -> bool:
    """Store `folder` (made absolute) as the last export folder, keeping the file's other settings; returns
    whether it could be written (a read-only configuration folder is not an error)."""
    path = settings_path()
    data = _read()
    data[EXPORT_DIR] = str(folder.absolute())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        return False
    return True
