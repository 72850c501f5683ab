"""Ctrl-C at a Textual app ends it as an interrupted program ends: exit code 130; a
closed terminal ends it with 129.

The terminal is in raw mode while an app runs, so ^C arrives as a key (bound to
`interrupt`); SIGINT sent to the process (`kill -INT`) would end the app quietly with 0,
so `on_signals` turns it into the same thing. The table still saves and says how to
continue; a normal quit stays 0.

A closed terminal window sends SIGHUP to the program the terminal started. When that is
`make play`, make goes and brink is left running with no terminal, holding its game
(`--resume` would be refused): so the app also ends once its input stops being a
terminal. Every move is already saved.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from typing import Any

from textual.app import App

from ..common import EXIT_HANGUP, EXIT_INTERRUPTED


def interrupt(app: App[Any]) -> None:
    app.exit(return_code=EXIT_INTERRUPTED)


def on_signals(app: App[Any]) -> None:
    """From now on SIGINT ends `app` as ^C at its keyboard does (where the event loop
    can take signals: the main thread, not Windows), and losing its terminal ends it
    with `EXIT_HANGUP`."""
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        asyncio.get_running_loop().add_signal_handler(signal.SIGINT, interrupt, app)
    if _on_a_terminal():  # not under a test or a pipe, where there is none to lose

        def check() -> None:
            if not _on_a_terminal():
                app.exit(return_code=EXIT_HANGUP)

        app.set_interval(1.0, check)


def _on_a_terminal() -> bool:
    try:
        return os.isatty(sys.__stdin__.fileno()) if sys.__stdin__ is not None else False
    except (OSError, ValueError):
        return False
