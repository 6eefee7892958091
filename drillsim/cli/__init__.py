"""The `drillsim` command line; importing this package registers every command."""

from drillsim.cli.app import app, main
from drillsim.cli import lint_commands, plan_commands, run_commands, score_commands, store_commands  # noqa: F401

__all__ = ["app", "main"]
