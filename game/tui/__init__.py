"""Hot-seat play at one keyboard: the Textual table behind `brink play`.

`run(args)` works out what to open before any screen exists — so a corrupt save or a
deck that does not load is reported on the command line and exits 2 (through the
CLI's own error handling) — then runs the app and returns its exit code.
"""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from ..common import EXIT_INTERNAL
    from .session import launch

    opened = launch(
        scenario=args.scenario,
        seed=args.seed,
        seats=args.seats,
        resume=args.resume,
        load=args.load,
        timer=args.timer,
        theme=args.theme,
        pin=args.pin,
    )
    from .app import BrinkApp

    app = BrinkApp(opened)
    app.run()
    if app.crash is not None:
        error, details = app.crash
        print(
            f"brink play: something went wrong inside the table ({type(error).__name__}: {error}); "
            f"please report it with {details}. The game is saved up to the last action: "
            "`brink play --resume` continues it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    if app.session is not None and not app.session.over:
        print("The game is saved. Continue it with: brink play --resume")
    return app.return_code or 0
