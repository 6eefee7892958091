"""Store URLs (issue 13): a password is never printed, however malformed the URL; a failed PostgreSQL
connection says why (wrong password, unknown database or user, closed port), against a real server."""

from __future__ import annotations

import socket
import time

import pytest
from typer.testing import CliRunner

from drillsim.cli import app
from drillsim.store.config import StoreConfigError, describe, persistence_env, redact

SECRET = "S3cr3t-pw"
runner = CliRunner()


@pytest.mark.parametrize("url, words", [
    (f"postgresql://u:{SECRET}#x@127.0.0.1:5432/db", "write # in a password as %23"),
    (f"postgresql://u:{SECRET}@127.0.0.1:5432", "write postgresql://user:password@host:port/database"),
    (f"postgresql://u:{SECRET}@127.0.0.1:5432/", "write postgresql://user:password@host:port/database"),
    (f"postgresql://u:{SECRET}/x@127.0.0.1:5432/db", "the port is not a number"),
    (f"postgresql://u:{SECRET}@127.0.0.1:99999/db", "the port is not a number"),
    (f"postgresql://u:{SECRET}@[::1/db", "an unclosed [ in the host"),
    (f"postgresql://u:{SECRET}@h/d%00b", "control characters"),
    (f"postgress://u:{SECRET}@h/db", "unknown store URL postgress://u:***@h/db"),
    (f"sqlite://u:{SECRET}@h/x.sqlite", "bad SQLite URL sqlite://u:***@h/x.sqlite"),
])
def test_a_bad_url_is_refused_without_its_password(url: str, words: str) -> None:
    with pytest.raises(StoreConfigError) as caught:
        persistence_env(url)
    assert words in str(caught.value) and SECRET not in str(caught.value)


def test_describe_and_redact_blank_every_password() -> None:
    assert describe(f"postgresql://u:{SECRET}@h:1/db") == "postgresql://u:***@h:1/db"
    assert describe(f"postgresql://u:p@ss/{SECRET}@h/db") == "postgresql://u:***@h/db"
    assert describe(f"postgresql://h/db?sslmode=require&password={SECRET}") == \
        "postgresql://h/db?sslmode=require&password=***"
    assert describe("postgresql://u@h/db") == "postgresql://u@h/db" and describe("memory:") == "memory:"
    assert redact(f"failed: p@{SECRET} (p%40{SECRET})", f"postgresql://u:p%40{SECRET}@h/db") == "failed: *** (***)"


def test_a_good_url_still_opens_with_the_decoded_password() -> None:
    env = persistence_env("postgresql://u:p%23w%2Fd@db.example:6543/drill%20sim")
    assert (env["POSTGRES_PASSWORD"], env["POSTGRES_HOST"], env["POSTGRES_PORT"], env["POSTGRES_DBNAME"]) == \
        ("p#w/d", "db.example", "6543", "drill sim")


# --- a real server ---------------------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _refusal(url: str) -> tuple[str, float]:
    started = time.perf_counter()
    result = runner.invoke(app, ["exercises", "--store", url])
    took = time.perf_counter() - started
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output and "Traceback" not in result.output
    assert "couldn't get a connection" not in result.output
    return " ".join(result.output.split()), took


@pytest.fixture(scope="module")
def server(pg_cluster):
    pg_cluster.add_password_role("drill_pw", SECRET)
    return pg_cluster


def test_wrong_password_is_named(server) -> None:
    out, took = _refusal(f"postgresql://drill_pw:not-{SECRET}@127.0.0.1:{server.port}/postgres")
    assert f"drillsim: cannot open the store postgresql://drill_pw:***@127.0.0.1:{server.port}/postgres: " \
           f"wrong password for user 'drill_pw' at 127.0.0.1:{server.port}" in out
    assert took < 5, took


def test_missing_password_is_named(server) -> None:
    out, _ = _refusal(f"postgresql://drill_pw@127.0.0.1:{server.port}/postgres")
    assert "user 'drill_pw' at 127.0.0.1" in out and "needs a password" in out


def test_unknown_database_and_user_are_named(server) -> None:
    out, _ = _refusal(f"postgresql://drill_pw:{SECRET}@127.0.0.1:{server.port}/no_such_db")
    assert f"no database 'no_such_db' at 127.0.0.1:{server.port}" in out
    out, _ = _refusal(f"postgresql://nobody:{SECRET}@127.0.0.1:{server.port}/postgres")
    assert "no user 'nobody'" in out or "wrong password for user 'nobody'" in out


def test_closed_port_is_named() -> None:
    port = _closed_port()
    out, took = _refusal(f"postgresql://u:{SECRET}@127.0.0.1:{port}/db")
    assert f"nothing is listening at 127.0.0.1:{port} (connection refused)" in out
    assert took < 5, took


def test_the_right_password_opens_the_store(server) -> None:
    server.create_database("drill_pw_db")
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname=drill_pw_db", autocommit=True) as c:
        c.execute('GRANT ALL ON SCHEMA public TO "drill_pw"')
    result = runner.invoke(app, ["exercises", "--store",
                                 f"postgresql://drill_pw:{SECRET}@127.0.0.1:{server.port}/drill_pw_db"])
    assert result.exit_code == 0, result.output
    assert "No exercises yet" in result.output


def test_the_app_labels_a_server_store_by_its_kind_only() -> None:
    from drillsim.workspace.api import Workspace

    assert Workspace(f"postgresql://u:{SECRET}@h/db").store_label == "postgresql"
    assert Workspace(f"postgresql://u:{SECRET}#x@h").store_label == "postgresql"
    assert Workspace("sqlite:///tmp/some/where/ex.sqlite").store_label == "sqlite: ex.sqlite"
    assert Workspace(None).store_label == "…"
