"""The Typer application: the commands are registered from their own modules."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Literal, ParamSpec, TypeVar

import typer

from drillsim import __version__

app = typer.Typer(
    name="drillsim",
    help="drillsim — an event-sourced simulator for production-safety accident drills (生产安全事故应急演练).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

P = ParamSpec("P")
R = TypeVar("R")

EXIT_INVALID = 2
"""Exit status for invalid input: a bad data file, an unknown id, a wrong option value."""


def fail(message: str, status: int = EXIT_INVALID) -> typer.Exit:
    """Print an error to stderr and return the Exit to raise."""
    typer.echo(f"drillsim: {message}", err=True)
    return typer.Exit(status)


def write_output(path: Path, text: str) -> None:
    """Write a command's output file and say so; a missing folder, a directory or a FIFO is a one-line error."""
    if path.exists() and not path.is_file():
        raise fail(f"cannot write {path}: not a regular file")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise fail(f"cannot write {path}: {error.strerror or error}") from None
    typer.echo(f"wrote {path}", err=True)


LangOption = typer.Option(None, "--lang", help="Language of the output: zh or en (default: from the locale).")


def lang_of(value: str | None) -> Literal["zh", "en"]:
    """The --lang value, or the locale's language when none was given; anything else is an error."""
    from drillsim.i18n import default_lang

    if value is None:
        return default_lang()
    if value not in ("zh", "en"):
        raise fail("--lang must be 'zh' or 'en'")
    return value  # type: ignore[return-value]


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the errors a user can cause (bad files, unknown ids, a damaged log) into a message and exit status 2.

    The error classes are imported only when something goes wrong, so that registering a command imports
    neither the loaders nor the store.
    """

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except Exception as error:
            from drillsim.catalog import NotFound
            from drillsim.loading import DataFileError
            from drillsim.workspace import DamagedLog

            if isinstance(error, DataFileError):
                typer.echo(error.render(), err=True)
                raise typer.Exit(EXIT_INVALID) from None
            if isinstance(error, (NotFound, DamagedLog)):
                raise fail(str(error)) from None
            raise

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"drillsim {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """drillsim — an event-sourced simulator for production-safety accident drills."""


def main() -> None:
    """Console-script entry point: with no arguments, the terminal app (or, without a terminal, a hint)."""
    if len(sys.argv) == 1:
        if sys.stdin.isatty() and sys.stdout.isatty():
            from drillsim.cli.tui_command import open_app

            open_app(None, None)
            return
        typer.echo("drillsim: no terminal to open the app in; try `drillsim --help` or `drillsim run ordos-coal-mine`",
                   err=True)
        raise SystemExit(2)
    from drillsim.cli.commands import register_for

    register_for(sys.argv[1:])
    app(prog_name="drillsim")
