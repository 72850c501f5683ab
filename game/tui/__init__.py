"""Hot-seat play at one keyboard: the Textual table behind `brink play`.

`run(args)` works out what to open before any screen exists — so a corrupt save or a
deck that does not load is reported on the command line and exits 2 (through the
CLI's own error handling) — then runs the app and returns its exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import BrinkApp
    from .session import Session


def run_workshop(folder: Path) -> int:
    """`brink decks`: the deck workshop, opened at a scenario folder (a game started from
    it is played in the same window)."""
    from .app import BrinkApp
    from .session import launch

    return _run(BrinkApp(launch(), workshop=folder), "brink decks")


def run(args: argparse.Namespace) -> int:
    from .app import BrinkApp
    from .session import launch

    opened = launch(
        scenario=args.scenario,
        seed=args.seed,
        seats=args.seats,
        resume=args.resume,
        load=args.load,
        anyway=args.anyway,
        timer=args.timer,
        theme=args.theme,
        pin=args.pin,
        rounds=args.rounds,
    )
    return _run(BrinkApp(opened), "brink play")


def _run(app: BrinkApp, command: str) -> int:
    from ..common import EXIT_INTERNAL, printable

    app.run()
    session = app.session
    if app.crash is not None:
        error, details = app.crash
        report = f"please report it with {details}" if details else "please report it"
        print(
            printable(
                f"{command}: something went wrong inside the table ({type(error).__name__}: {error}); "
                f"{report}. {saved(session)}"
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    if session is not None and (session.save_failure or not session.over):
        print(printable(saved(session)))
    return app.return_code or 0


def saved(session: Session | None) -> str:
    """What became of the game, truthfully."""
    from ..common import brink

    if session is None:
        return "No game was in play."
    if session.save_failure:
        return f"The game could NOT be saved: {session.save_failure}. Its last moves are lost."
    if session.autosave is None:
        return "The game was not saved."
    name = session.autosave.stem
    return f"The game is saved as {name}. Continue it with: {brink(f'play --resume {name}')}"
