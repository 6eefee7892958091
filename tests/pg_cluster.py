"""A throwaway PostgreSQL cluster for the tests: initdb in a temp folder, run as a non-root user, trust auth."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class NoPostgres(RuntimeError):
    """PostgreSQL server binaries are not installed."""


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path:
        return path
    raise NoPostgres(f"{name} not found (install the Debian package postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user(cmd: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server as the 'postgres' (or 'nobody') user."""
    if os.geteuid() != 0:
        return cmd
    user = "postgres" if subprocess.run(["id", "postgres"], capture_output=True).returncode == 0 else "nobody"
    return ["runuser", "-u", user, "--", *cmd]


@dataclass
class Cluster:
    folder: Path
    port: int

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def add_password_role(self, name: str, password: str) -> None:
        """A login role that must give its password (scram-sha-256 in pg_hba.conf); the cluster trusts the rest."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f"DROP ROLE IF EXISTS \"{name}\"")
            c.execute(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")
            c.execute(f'GRANT ALL ON DATABASE postgres TO "{name}"')
            hba = Path(c.execute("SHOW hba_file").fetchone()[0])
            rule = f"host all {name} 127.0.0.1/32 scram-sha-256\n"
            text = hba.read_text()
            if rule not in text:
                hba.write_text(rule + text)  # first matching line wins; same file, so its owner stays
            c.execute("SELECT pg_reload_conf()")

    def stop(self) -> None:
        subprocess.run(_as_user([_bin("pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """Start a fresh cluster on a free loopback port; the caller stops it."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="drillsim-pg-"))
    os.chmod(folder, 0o777)
    data = folder / "data"
    subprocess.run(_as_user([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                             "--no-locale"]), check=True, capture_output=True)
    port = _free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
    result = subprocess.run(_as_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w",
                                      "start"]), capture_output=True, text=True)
    if result.returncode != 0:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {result.stderr}\n{log}")
    return Cluster(folder, port)
