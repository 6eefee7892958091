"""The `drillsim` command line; importing this package registers every command."""

from drillsim.cli.app import app, main
from drillsim.cli import (  # noqa: F401  (each module registers its commands)
    lint_commands,
    plan_commands,
    run_commands,
    score_commands,
    store_commands,
    sweep_command,
    tui_command,
)

__all__ = ["app", "main"]
