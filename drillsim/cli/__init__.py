"""The `drillsim` command line.

`from drillsim.cli import app` gives the Typer app with every command registered; the console script
(`main`) registers only the commands its command line needs (see commands.py), so that it starts quickly.
"""

from typing import Any

from drillsim.cli.app import main

del app  # noqa: F821 - the submodule's name; `app` is the Typer app, with its commands, from __getattr__


def __getattr__(name: str) -> Any:
    if name == "app":
        from drillsim.cli.app import app
        from drillsim.cli.commands import register_all

        register_all()
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
