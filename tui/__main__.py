"""`python -m tui [--store URL] [--lang zh|en]`: open the terminal app without the CLI."""

from __future__ import annotations

import argparse

from tui.app import make_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tui", description="drillsim terminal app")
    parser.add_argument("--store", default=None, help="store URL (default: SQLite in the user's data folder)")
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="interface language")
    args = parser.parse_args()
    make_app(args.store, args.lang).run()


if __name__ == "__main__":
    main()
