"""Connect to PostgreSQL once before the connection pool does, so that a failure is named.

The pool retries in the background and ends with "couldn't get a connection after 5 s" whatever went wrong;
one direct attempt tells a wrong password, an unknown user or database, a closed port and an unknown host
apart (libpq's messages, matched in English as the throwaway test server and most servers send them).
"""

from __future__ import annotations

from collections.abc import Mapping

from drillsim.store.config import StoreConfigError

__all__ = ["StoreConnectionError", "check_postgres"]


class StoreConnectionError(StoreConfigError):
    """The store's PostgreSQL server could not be reached or refused us; the message says which."""


def _reason(message: str, env: Mapping[str, str]) -> str:
    where = f"{env['POSTGRES_HOST']}:{env['POSTGRES_PORT']}"
    user, database = env["POSTGRES_USER"], env["POSTGRES_DBNAME"]
    detail = message.rsplit("failed: ", 1)[-1].replace("FATAL:", "").strip()
    if "password authentication failed" in detail:
        return f"wrong password for user {user!r} at {where}"
    if "no password supplied" in detail:
        return f"user {user!r} at {where} needs a password; put it in the URL"
    if f'database "{database}" does not exist' in detail:
        return f"no database {database!r} at {where} (create it, or check the name)"
    if f'role "{user}" does not exist' in detail:
        return f"no user {user!r} at {where}"
    if "Connection refused" in detail:
        return f"nothing is listening at {where} (connection refused): is PostgreSQL running, on that port?"
    if "failed to resolve host" in detail or "could not translate host name" in detail:
        return f"unknown host {env['POSTGRES_HOST']!r}"
    if "timeout expired" in detail:
        return f"no answer from {where} within {env.get('POSTGRES_CONNECT_TIMEOUT', '?')} s"
    return f"cannot connect to {where}: {detail.splitlines()[0] if detail else message}"


def check_postgres(env: Mapping[str, str]) -> None:
    """Open and close one connection with the settings of `persistence_env`; StoreConnectionError if it fails."""
    import psycopg

    password = env["POSTGRES_PASSWORD"]
    try:
        psycopg.connect(host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"], user=env["POSTGRES_USER"],
                        password=password or None, dbname=env["POSTGRES_DBNAME"],
                        connect_timeout=int(env.get("POSTGRES_CONNECT_TIMEOUT", "5"))).close()
    except psycopg.Error as error:
        reason = _reason(str(error), env)
        raise StoreConnectionError(reason.replace(password, "***") if password else reason) from None
