"""Which module defines each `drillsim` command, so that a command imports only what it needs.

`drillsim plans` need not import the engine, the store and the terminal app, and `drillsim --help` needs
none of them: it lists the commands from the table below. tests/test_cli_startup.py checks the table
against the commands the modules register (a new command must get a row), and that both start quickly.
"""

from __future__ import annotations

from importlib import import_module

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("lint", "lint_commands",
     "Lint scenarios beyond validity: exit 0 when clean, 1 with findings, 2 when a file is invalid."),
    ("plans", "plan_commands",
     "List the shipped emergency plans."),
    ("validate", "plan_commands",
     "Validate data files; every problem is printed as file:line:col with what was expected."),
    ("schema", "plan_commands",
     "Print the JSON Schema of a data file kind, for editor completion."),
    ("classify", "plan_commands",
     "Grade an accident and name the response level, who activates it, and the reports that start."),
    ("run", "run_commands",
     "Play a whole exercise headless and print a readable timeline and a summary."),
    ("exercises", "store_commands",
     "List stored exercises with their scenario, date and status."),
    ("show", "store_commands",
     "The state of an exercise at any simulation time: grade, level, commander, groups, obligations, casualties."),
    ("timeline", "store_commands",
     "The readable timeline of a stored exercise."),
    ("resume", "store_commands",
     "Carry on an interrupted exercise headless from its last commit."),
    ("verify", "store_commands",
     "Re-simulate from the stored seed and decisions; report identical, or the first divergence (exit 1)."),
    ("fork", "store_commands",
     "A what-if exercise: the same seed and decisions, with one decision replaced or dropped."),
    ("diff", "store_commands",
     "Compare the outcomes of two exercises."),
    ("export", "store_commands",
     "Export an exercise: the full log as JSON lines, or its events as CSV."),
    ("import", "store_commands",
     "Import an exported exercise, after checking it against a re-simulation from its seed and inputs."),
    ("score", "score_commands",
     "Score an exercise against its plan: findings with evidence, ratings per area, 0-100 overall."),
    ("report", "score_commands",
     "The evaluation report (AQ/T 9009 shape): overview, timeline, findings, ratings, corrective actions."),
    ("observe", "score_commands",
     "Record an evaluator's observation (stored as an event with its author; never edited)."),
    ("override", "score_commands",
     "Override a finding's verdict or grade, or an area's rating, with a reason (stored as an event)."),
    ("sweep", "sweep_command",
     "Run every combination of scenario × --set values × policy × seed, score every run, and write one row per\n"
     "run (Parquet and CSV), a summary with miss rates and time-to-level quantiles, and an HTML report."),
    ("host", "seat_commands",
     "Host a multi-seat drill: run the exercise and print a join code for every seat."),
    ("join", "seat_commands",
     "Open your seat's console in this terminal: what your role knows, your deadlines and your decisions."),
    ("tui", "tui_command",
     "Open the terminal app: run, replay and score drills."),
    ("plan", "plan_commands", "Inspect one plan."),
)
"""(command, module in drillsim.cli that registers it, the first paragraph of its help), in help order."""

MODULES = tuple(dict.fromkeys(module for _, module, _ in COMMANDS))


def register_all() -> None:
    """Import every command module (each registers its commands on the app)."""
    for module in MODULES:
        import_module(f"drillsim.cli.{module}")


def register_for(args: list[str]) -> None:
    """Register what the command line `args` (without the program name) needs.

    A known command: its module. No command (`--help`, `--version`): a stand-in for every command, with
    its help line, which is all the top-level help shows. Anything else: every command, so that the
    error names the closest one.
    """
    from drillsim.cli.app import app

    name = next((arg for arg in args if not arg.startswith("-")), None)
    modules = {command: module for command, module, _ in COMMANDS}
    if name in modules:
        import_module(f"drillsim.cli.{modules[name]}")
    elif name is None:
        for command, _, summary in COMMANDS:
            app.command(command, help=summary)(_stand_in)
    else:
        register_all()


def _stand_in() -> None:
    """Never run: with no command given, Typer only prints the help."""
