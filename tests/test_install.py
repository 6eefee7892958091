"""A plain `pip install .` into a fresh virtualenv finds the shipped plans and scenarios."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_plain_install_ships_the_data_files(tmp_path: Path) -> None:
    """Build and install the wheel (no editable install), then run the CLI from outside the source tree.

    The dependencies come from this test environment's site-packages (added by a .pth line, which
    does not process that folder's own .pth files, so the editable drillsim there stays invisible).
    """
    source = tmp_path / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".pytest_cache",
                                                                 ".hypothesis", "*.egg-info", "build", "dist"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    (site / "deps-from-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", str(source)],
                   check=True, cwd=tmp_path, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    shutil.rmtree(source)  # the installed copy must not need the source tree
    where = subprocess.check_output(
        [python, "-c", "import drillsim, drillsim.catalog as c; print(drillsim.__file__); print(c.data_root())"],
        text=True, cwd=tmp_path,
    ).splitlines()
    assert all(str(env_dir) in line for line in where), where
    listing = subprocess.run([env_dir / "bin" / "drillsim", "plans"], capture_output=True, text=True, cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "ordos-2024" in listing.stdout and "xinjiang-2024" in listing.stdout
    show = subprocess.run([env_dir / "bin" / "drillsim", "classify", "--plan", "ordos-2024", "--trapped", "12", "--json"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert show.returncode == 0, show.stderr
    assert '"response_level": 2' in show.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "drillsim"
    result = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("drillsim ")
