"""The hostile-input corpus under tests/fuzz/, each case run as a real `drillsim` subprocess.

Every case must end with a clean exit status (no traceback), within a time limit, under an address-space
limit, with bounded output that never shows a password. tests/fuzz/README.md describes the layout; a new
kind of input is one entry in KINDS.
"""

from __future__ import annotations

import os
import re
import resource
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MINI_MINE, REPO

FUZZ = REPO / "tests" / "fuzz"
DRILLSIM = Path(sys.executable).with_name("drillsim")
TIMEOUT_S = 60
"""Per case; the slowest refused input (a 1 MiB file of 50 000 values) takes about 5 s on a quiet machine."""
MEMORY_LIMIT = 1 << 30
"""Address space of each drillsim process (RLIMIT_AS); a normal run needs under 400 MB of it."""
PARALLEL = 3
"""Cases run at once."""
MAX_STDERR = 64 * 1024
SECRET = "SECRETPW"
"""The corpus writes this in every password; no output may contain it."""


@dataclass(frozen=True)
class Case:
    """One drillsim invocation and the exit status it must end with."""

    id: str
    argv: tuple[str, ...]
    status: int


def _yaml_cases(path: Path) -> list[Case]:
    """Every hostile data file is validated; a scenario is also linted and run."""
    cases = [Case(f"validate {path.name}", ("validate", str(path)), 2)]
    if b"kind: scenario" in path.read_bytes():
        cases.append(Case(f"lint {path.name}", ("lint", str(path)), 2))
        cases.append(Case(f"run {path.name}", ("run", str(path), "--no-store", "--until", "10min"), 2))
    return cases


def _lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the non-blank lines that are not # comments."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((number, line.strip()))
    return out


def _args_cases(path: Path) -> list[Case]:
    """Each line: the exit status, then the arguments as shell words (placeholders filled at run time)."""
    cases = []
    for number, line in _lines(path):
        status, _, words = line.partition(" ")
        cases.append(Case(f"{path.stem}:{number} {words}", tuple(shlex.split(words)), int(status)))
    return cases


def _url_cases(path: Path) -> list[Case]:
    """Each line a store URL, opened by `drillsim exercises`."""
    return [Case(f"{path.stem}:{number} {url}", ("exercises", "--store", url), 2) for number, url in _lines(path)]


def _jsonl_cases(path: Path) -> list[Case]:
    """Each file an exercise export to import into a fresh store."""
    return [Case(f"import {path.name}", ("import", str(path), "--store", "{fresh_store}"), 2)]


KINDS: dict[str, tuple[str, Callable[[Path], list[Case]]]] = {
    "yaml": ("*.yaml", _yaml_cases),
    "args": ("*.txt", _args_cases),
    "urls": ("*.txt", _url_cases),
    "jsonl": ("*.jsonl", _jsonl_cases),
}
"""Folder under tests/fuzz → (file pattern, how a file becomes cases)."""


def all_cases() -> list[Case]:
    cases = []
    for kind, (pattern, expand) in KINDS.items():
        for path in sorted((FUZZ / kind).glob(pattern)):
            cases.extend(expand(path))
    return cases


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What the placeholders of the corpus stand for: odd files, a store with one exercise, a closed port."""
    tmp = tmp_path_factory.mktemp("fuzz")
    os.mkfifo(tmp / "fifo")
    (tmp / "folder").mkdir()
    with open(tmp / "huge.yaml", "wb") as huge:  # 50 MB, sparse: costs no disk
        huge.truncate(50 << 20)
    (tmp / "long-line.yaml").write_text("kind: plan\nid: " + "x" * 1_000_000 + "\n", encoding="utf-8")
    (tmp / "blank-lines.yaml").write_text("\n" * 1_000_000, encoding="utf-8")
    (tmp / "many-values.yaml").write_text("[" + "0," * 500_000 + "0]\n", encoding="utf-8")
    store = f"sqlite:///{tmp / 'store.sqlite'}"
    made = subprocess.run([str(DRILLSIM), "run", str(MINI_MINE), "--store", store, "--until", "2h", "--json"],
                          capture_output=True, text=True, timeout=TIMEOUT_S * 2, env=_env(tmp))
    assert made.returncode == 0, made.stderr
    exercise = re.search(r'"exercise_id": "([0-9a-f]{8})', made.stdout)
    assert exercise, made.stdout[-500:]
    return {
        "tmp": str(tmp), "fifo": str(tmp / "fifo"), "device": "/dev/zero", "dir": str(tmp / "folder"),
        "missing": str(tmp / "no" / "such" / "place"), "huge": str(tmp / "huge.yaml"),
        "long_line": str(tmp / "long-line.yaml"),
        "blank_lines": str(tmp / "blank-lines.yaml"), "many_values": str(tmp / "many-values.yaml"),
        "store": store, "exercise": exercise.group(1), "scenario": str(MINI_MINE),
        "closed_port": str(_closed_port()), "secret": SECRET,
    }


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRILLSIM_")}
    return {**env, "XDG_DATA_HOME": str(tmp / "data"), "XDG_CACHE_HOME": str(tmp / "cache"),
            "DRILLSIM_STORE": f"sqlite:///{tmp / 'default.sqlite'}",
            "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "100"}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@dataclass(frozen=True)
class Outcome:
    argv: list[str]
    status: int | None  # None: killed at the time limit
    stdout: bytes
    stderr: bytes


def _run(case: Case, places: dict[str, str], scratch: Path) -> Outcome:
    fill = {**places, "fresh_store": f"sqlite:///{scratch / 'fresh.sqlite'}"}
    argv = [str(DRILLSIM), *(arg.format(**fill) for arg in case.argv)]
    try:
        done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT_S, preexec_fn=_limit_memory,
                              env=_env(Path(places["tmp"])), cwd=REPO, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as expired:
        return Outcome(argv, None, expired.stdout or b"", expired.stderr or b"")
    return Outcome(argv, done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def outcomes(places: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every case run up front, a few at a time (each is mostly interpreter start-up)."""
    cases = all_cases()
    scratch = [tmp_path_factory.mktemp("case") for _ in cases]
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        done = pool.map(_run, cases, [places] * len(cases), scratch)
        return {case.id: outcome for case, outcome in zip(cases, done)}


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id[:90])
def test_hostile_input_is_refused_cleanly(case: Case, outcomes: dict[str, Outcome]) -> None:
    got = outcomes[case.id]
    stderr = got.stderr.decode("utf-8", "replace")
    stdout = got.stdout.decode("utf-8", "replace")
    shown = f"$ {shlex.join(got.argv)[:300]}\nexit {got.status}\n--- stderr\n{stderr[:3000]}"
    assert got.status is not None, f"no answer within {TIMEOUT_S} s\n{shown}"
    assert "Traceback" not in stderr, shown
    assert len(got.stderr) <= MAX_STDERR, f"{len(got.stderr)} bytes on stderr\n{shown}"
    assert SECRET not in stderr and SECRET not in stdout, shown
    assert got.status == case.status, shown
    if case.status == 2:
        assert stderr.strip(), f"refused without saying why\n{shown}"


def test_every_kind_folder_holds_cases() -> None:
    for kind, (pattern, _) in KINDS.items():
        folder = FUZZ / kind
        assert folder.is_dir(), f"tests/fuzz/{kind} is missing (keep its README.md)"
    assert DRILLSIM.is_file(), DRILLSIM
