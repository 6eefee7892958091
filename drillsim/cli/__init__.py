"""The `drillsim` command line; importing this package registers every command."""

from drillsim.cli.app import app, main
from drillsim.cli import plan_commands, run_commands, store_commands  # noqa: F401  (registers commands)

__all__ = ["app", "main"]
