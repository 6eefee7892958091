"""`drillsim` with no arguments (and `drillsim tui`): open the facilitator's terminal app.

Importing this module registers the `tui` command on the Typer app; `open_app` is what the no-argument
entry point calls.
"""

from __future__ import annotations

import typer

from drillsim.cli.app import app, fail


def open_app(store_url: str | None, lang: str | None) -> None:
    """Run the terminal app on the library screen until the user quits."""
    from tui.app import make_app  # Textual is imported only when the app is opened

    make_app(store_url, lang).run()


@app.command("tui")
def tui(
    store_url: str | None = typer.Option(None, "--store", help="Where exercises are kept (default: SQLite in the user's data folder)."),
    lang: str | None = typer.Option(None, "--lang", help="zh or en (default: from the locale)."),
) -> None:
    """Open the terminal app: run, replay and score drills."""
    if lang not in (None, "zh", "en"):
        raise fail("--lang must be 'zh' or 'en'")
    open_app(store_url, lang)
