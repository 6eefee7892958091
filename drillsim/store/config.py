"""Where exercises are stored: `--store URL`, else `$DRILLSIM_STORE`, else a SQLite file in the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from platformdirs import user_data_dir

ENV_VAR = "DRILLSIM_STORE"


class StoreConfigError(ValueError):
    """A store URL drillsim cannot use."""


def default_store_url() -> str:
    """sqlite:///<user data dir>/drillsim/exercises.sqlite (created on first use)."""
    return f"sqlite:///{Path(user_data_dir('drillsim', appauthor=False)) / 'exercises.sqlite'}"


def resolve_store_url(explicit: str | None = None) -> str:
    """The URL to use: the explicit one, else the environment's, else the default."""
    return explicit or os.environ.get(ENV_VAR) or default_store_url()


def persistence_env(url: str) -> dict[str, str]:
    """The eventsourcing environment for a store URL: sqlite:///path, postgresql://…, or memory:."""
    if url == "memory:":
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = Path(unquote(parsed.path)) if parsed.netloc in ("", "localhost") else None
        if path is None or not str(path):
            raise StoreConfigError(f"bad SQLite URL {url!r}; write sqlite:///absolute/path/file.sqlite")
        path.parent.mkdir(parents=True, exist_ok=True)
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path), "SQLITE_LOCK_TIMEOUT": "10"}
    if parsed.scheme in ("postgresql", "postgres"):
        if not parsed.path.strip("/"):
            raise StoreConfigError(f"bad PostgreSQL URL {url!r}; write postgresql://user:password@host:port/database")
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": unquote(parsed.path.strip("/")),
            "POSTGRES_HOST": parsed.hostname or "localhost",
            "POSTGRES_PORT": str(parsed.port or 5432),
            "POSTGRES_USER": unquote(parsed.username or os.environ.get("USER", "postgres")),
            "POSTGRES_PASSWORD": unquote(parsed.password or ""),
            "POSTGRES_CONNECT_TIMEOUT": "5",
        }
    raise StoreConfigError(f"unknown store URL {url!r}; use sqlite:///path, postgresql://… or memory:")


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    parsed = urlparse(url)
    if parsed.password:
        return url.replace(f":{parsed.password}@", ":***@")
    return url
