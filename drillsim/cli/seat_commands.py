"""`drillsim host` and `drillsim join`: a drill with every participant at a seat of their own.

The host runs the exercise and prints one join code per seat; `drillsim join CODE` opens that seat's
console in another terminal (on this machine with SQLite, on any machine with a shared PostgreSQL store).
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import signal
import time
from pathlib import Path

import typer

from drillsim.cli.app import LangOption, app, fail, lang_of, user_errors
from drillsim.cli.store_commands import opened

CODE_ENV = "DRILLSIM_JOIN_CODE"
"""Where `drillsim join` reads the code when none is given (a code on the command line shows in `ps`)."""
SEAT_CONNECTIONS = 1
"""A seat keeps one pooled PostgreSQL connection (plus its LISTEN one): a server's connections serve every seat."""
STATUS_EVERY = 5.0
"""Seconds between two status lines of the host."""


@app.command("host")
@user_errors
def host(
    scenario: str | None = typer.Argument(None, help="Scenario id or file (not with --resume)."),
    human: list[str] = typer.Option([], "--human", help="A role played by people at their own seat (repeat)."),
    seed: int = typer.Option(1, "--seed", help="Seed of the run."),
    policy: str = typer.Option("plan", "--policy", help="Behaviour of the computer-played roles."),
    speed: int = typer.Option(60, "--speed", help="Simulated seconds per wall second: 1, 10, 60 or 600."),
    start: bool = typer.Option(False, "--start", help="Run the clock at once (else the facilitator resumes it)."),
    resume: str | None = typer.Option(None, "--resume", help="Host a stopped exercise again (its id or prefix)."),
    codes_file: Path | None = typer.Option(None, "--codes", help="Also write the join codes to this JSON file (mode 0600)."),
    store_url: str | None = typer.Option(None, "--store", help="The shared store (PostgreSQL for seats on other machines)."),
) -> None:
    """Host a multi-seat drill: run the exercise and print a join code for every seat.

    Each human role, the facilitator, the evaluator and the room view (projector) get a code; give each
    participant theirs, to open with `drillsim join CODE`. The host runs until interrupted (Ctrl-C);
    `drillsim host --resume ID` carries on, and the seats reconnect with the same codes.
    """
    if speed not in (1, 10, 60, 600):
        raise fail("--speed is one of 1, 10, 60, 600")
    with opened(store_url) as workspace:
        if resume is not None:
            hosted = workspace.resume_host(workspace.resolve(resume))
        else:
            if scenario is None:
                raise fail("name a scenario to host (or --resume ID)")
            loaded = workspace.load_scenario(scenario)
            roles = {r.id for r in loaded.scenario.roles}
            if not human or (unknown := [r for r in human if r not in roles]):
                raise fail(f"name the human roles with --human ({', '.join(sorted(roles))})"
                           + (f"; unknown: {', '.join(unknown)}" if human else ""))
            hosted = workspace.host(loaded, seed, human, policy, speed)
        typer.echo(f"hosting exercise {hosted.id.hex[:8]} ({hosted.session.loaded.scenario.id}) "
                   f"on {workspace.where}")
        for role, code in hosted.codes.items():
            typer.echo(f"  {role:<12} drillsim join {code}")
        if resume is not None:
            typer.echo("  the seats' codes are unchanged: rejoin with the same code")
        if codes_file is not None:
            _write_codes(codes_file, hosted.codes)
        if start and hosted.paused:
            hosted.paused = False
            hosted.session.facilitate("resume")
        _serve(hosted)


def _write_codes(path: Path, codes: dict[str, str]) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(codes, out)


def _serve(hosted) -> None:  # noqa: ANN001 - a workspace Host
    from drillsim.workspace import clock

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    last = [0.0]

    def status(h) -> None:  # noqa: ANN001
        if time.monotonic() - last[0] >= STATUS_EVERY:
            last[0] = time.monotonic()
            state = "ended" if h.session.ended else "paused" if h.paused else f"running ×{h.speed}"
            typer.echo(f"{clock(h.session.now)} {state}; {len(h.handled)} requests handled", err=True)

    try:
        hosted.serve(lambda: bool(stopping), status)
    except KeyboardInterrupt:
        hosted.close()
    typer.echo(f"host stopped; `drillsim host --resume {hosted.id.hex[:8]}` carries on", err=True)


@app.command("join")
@user_errors
def join(
    code: str | None = typer.Argument(None, help=f"The seat's join code (default: ${CODE_ENV}, else the console asks)."),
    lang: str | None = LangOption,
    store_url: str | None = typer.Option(None, "--store", help="The store the host uses."),
    serve: bool = typer.Option(False, "--serve", help="Serve the seat console to browsers instead (textual-serve)."),
    address: str = typer.Option("127.0.0.1", "--address", help="With --serve: the address to listen on."),
    port: int = typer.Option(8000, "--port", help="With --serve: the port to listen on."),
) -> None:
    """Open your seat's console in this terminal: what your role knows, your deadlines and your decisions.

    With --serve, participants without a terminal open http://ADDRESS:PORT in a browser instead: each
    browser gets a console of its own, which asks for the code (or opens CODE's seat when one is given).
    """
    chosen = lang_of(lang)
    code = code or os.environ.get(CODE_ENV)
    if serve:
        _serve_browsers(code, chosen, store_url, address, port)
        return
    from drillsim.workspace import CodeError

    with opened(store_url, connections=SEAT_CONNECTIONS) as workspace:
        seat = None
        if code:
            try:
                seat = workspace.join(code)
            except CodeError as error:
                raise fail(str(error)) from None
        from tui.seat_app import make_seat_app

        make_seat_app(seat, chosen, workspace).run()


def _serve_browsers(code: str | None, lang: str, store_url: str | None, address: str, port: int) -> None:
    """Every browser that opens the page gets its own `drillsim join` process (textual-serve runs it)."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise fail("browser seats need textual-serve: pip install 'drillsim[serve]'") from None
    command = [sys.executable, "-m", "drillsim", "join", "--lang", lang]
    if store_url:
        command += ["--store", store_url]
    if code:
        os.environ[CODE_ENV] = code  # the consoles inherit it; a code on their command line would show in `ps`
    typer.echo(f"serving seats on http://{address}:{port} (Ctrl-C stops)", err=True)
    Server(shlex.join(command), host=address, port=port, title="drillsim").serve()
