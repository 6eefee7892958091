"""Where exercises are stored: `--store URL`, else `$DRILLSIM_STORE`, else a SQLite file in the user's data folder."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
    if url.startswith(("postgresql:", "postgres:")) and "#" in url:
        raise StoreConfigError(f"bad PostgreSQL URL {describe(url)}: a '#' starts a fragment; write # in a "
                               f"password as %23 ({_ENCODE})")
    try:
        parsed = urlsplit(url)
        port = parsed.port
    except ValueError as error:  # a bad port (often a password with / in it) or an unclosed [IPv6 bracket
        problem = "an unclosed [ in the host" if "IPv6" in str(error) else "the port is not a number up to 65535"
        raise StoreConfigError(f"bad store URL {describe(url)}: {problem} ({_ENCODE})") from None
    if parsed.scheme == "sqlite":
        path = Path(unquote(parsed.path)) if parsed.netloc in ("", "localhost") else None
        if path is None or not str(path):
            raise StoreConfigError(f"bad SQLite URL {describe(url)}; write sqlite:///absolute/path/file.sqlite")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreConfigError(f"cannot make the folder {path.parent}: {error.strerror or error}") from None
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path), "SQLITE_LOCK_TIMEOUT": "10"}
    if parsed.scheme in ("postgresql", "postgres"):
        database = unquote(parsed.path.strip("/"))
        if not database or "/" in database:
            raise StoreConfigError(f"bad PostgreSQL URL {describe(url)}; write "
                                   "postgresql://user:password@host:port/database")
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": database,
            "POSTGRES_HOST": parsed.hostname or "localhost",
            "POSTGRES_PORT": str(port or 5432),
            "POSTGRES_USER": unquote(parsed.username or os.environ.get("USER", "postgres")),
            "POSTGRES_PASSWORD": unquote(parsed.password or ""),
            "POSTGRES_CONNECT_TIMEOUT": "5",
        }
        if any(ord(c) < 32 for key in ("POSTGRES_DBNAME", "POSTGRES_USER", "POSTGRES_PASSWORD") for c in env[key]):
            raise StoreConfigError(f"bad PostgreSQL URL {describe(url)}: control characters in it")
        return env
    raise StoreConfigError(f"unknown store URL {describe(url)}; use sqlite:///path, postgresql://… or memory:")


_ENCODE = "percent-encode / @ : # ? in a user name or password: %2F %40 %3A %23 %3F"

_PASSWORD_PARAM = re.compile(r"(password=)[^&#\s]*", re.IGNORECASE)


def describe(url: str) -> str:
    """The URL with any password replaced by ***, however malformed it is (an unencoded #, / or @ in the
    password, no database, a misspelt scheme): a password is never printed."""
    scheme, separator, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if separator and at and ":" in userinfo:
        rest = f"{userinfo.split(':', 1)[0]}:***@{host}"
    return _PASSWORD_PARAM.sub(r"\1***", f"{scheme}{separator}{rest}")


def redact(text: str, url: str) -> str:
    """`text` (an error message, say) with the password of `url` blanked wherever it appears."""
    userinfo = url.partition("://")[2].rpartition("@")[0]
    password = userinfo.split(":", 1)[1] if ":" in userinfo else ""
    for secret in {password, unquote(password)} - {""}:
        text = text.replace(secret, "***")
    return text
