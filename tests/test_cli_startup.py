"""`drillsim --help` and `drillsim plans` start quickly: the console script imports only what the command
needs (see drillsim/cli/commands.py), and validated plans come from the cache."""

from __future__ import annotations

import inspect
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = Path(sys.executable).parent / "drillsim"
HEAVY = ("drillsim.engine", "drillsim.store", "drillsim.session", "drillsim.scoring", "textual", "eventsourcing",
         "simpy", "ruamel")


def test_the_command_table_matches_the_registered_commands() -> None:
    from drillsim.cli import app
    from drillsim.cli.commands import COMMANDS

    registered = [(info.name, info.callback.__module__.rsplit(".", 1)[-1],
                   inspect.cleandoc(info.help or info.callback.__doc__ or "").split("\n\n")[0])
                  for info in app.registered_commands if info.callback.__module__ != "drillsim.cli.commands"]
    registered += [(group.name, "plan_commands", group.typer_instance.info.help) for group in app.registered_groups]
    assert list(COMMANDS) == registered, "a command was added, renamed or re-documented: update cli/commands.py"


def _imported(args: list[str]) -> set[str]:
    """The modules `drillsim <args>` has imported when it exits (run in a fresh interpreter)."""
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('\\n'.join(sorted(sys.modules)), file=sys.stderr))\n"
            f"sys.argv = ['drillsim', *{args!r}]\n"
            "from drillsim.cli.app import main\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return set(result.stderr.split())


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["plans"], ["plan", "--help"], ["run", "--help"]])
def test_help_and_plans_import_neither_engine_nor_store_nor_the_app(args: list[str]) -> None:
    heavy = sorted(m for m in _imported(args) if m.startswith(HEAVY) and not (
        args[0] in ("plans", "plan") and m.startswith("ruamel")))  # ruamel only parses on a cache miss
    if args[0] == "run":
        assert "drillsim.engine.runner" in heavy  # the command itself is loaded, with what it needs
        return
    assert heavy == []


def _cpu_seconds(args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one `drillsim <args>` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(SCRIPT), *args], capture_output=True, check=True, timeout=60,
                   env={**os.environ, "COLUMNS": "100"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@pytest.mark.skipif(not SCRIPT.exists(), reason="the drillsim console script is not installed in this environment")
@pytest.mark.parametrize(("args", "cpu_limit"), [(["--help"], 0.3), (["plans"], 0.4)])
def test_help_and_plans_start_fast(args: list[str], cpu_limit: float) -> None:
    """CPU time, not wall time, is bounded (the machine is shared and noisy); both were 0.5 s and 1.1 s of CPU
    before commands loaded lazily and plans came from the cache (benchmarks/bench_store.py measures wall time)."""
    _cpu_seconds(args)  # fills the cache of validated plans
    runs = [_cpu_seconds(args) for _ in range(3)]
    wall, cpu = min(w for w, _ in runs), min(c for _, c in runs)
    assert cpu < cpu_limit, f"drillsim {' '.join(args)} took {cpu:.2f} s of CPU ({wall:.2f} s wall)"
    assert wall < 5.0
