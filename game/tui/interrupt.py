"""Ctrl-C at a Textual app ends it as an interrupted program ends: exit code 130.

The terminal is in raw mode while an app runs, so ^C arrives as a key (bound to
`interrupt`); SIGINT sent to the process (`kill -INT`) would end the app quietly with 0,
so `on_sigint` turns it into the same thing. The table still saves and says how to
continue; a normal quit stays 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Any

from textual.app import App

from ..common import EXIT_INTERRUPTED


def interrupt(app: App[Any]) -> None:
    app.exit(return_code=EXIT_INTERRUPTED)


def on_sigint(app: App[Any]) -> None:
    """From now on SIGINT ends `app` as ^C at its keyboard does (where the event loop
    can take signals: the main thread, not Windows)."""
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        asyncio.get_running_loop().add_signal_handler(signal.SIGINT, interrupt, app)
