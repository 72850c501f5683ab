"""The app as its screens see it: the commands several screens share.

Screens cannot import `app.py` (it imports them), so they reach the app through
`app = getters.app(Shell)`, typed, and `BrinkApp` implements each command.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from ..engine import Scenario
from .session import Session


class Shell(App[int]):
    """What a screen may ask of the app; `BrinkApp` is the one implementation."""

    #: Seconds of discussion per human turn (None: no timer), and the pause before a bot moves.
    timer: int | None
    bot_delay: float

    def open_table(self, session: Session, pin: str | None = None) -> None:
        """Put a game at the table; `pin`, if given, becomes its white cell's PIN."""
        raise NotImplementedError

    def open_game(self, opener: Callable[[bool], Session], anyway: bool = False) -> None:
        """Open a saved game in place of this one (`opener(anyway)`: see BrinkApp)."""
        raise NotImplementedError

    def show_game_over(self, session: Session) -> None:
        raise NotImplementedError

    def show_setup(self, scenario: Scenario) -> None:
        raise NotImplementedError

    def load_game(self) -> None:
        raise NotImplementedError

    def save_game(self, session: Session, problem: str = "") -> None:
        raise NotImplementedError

    def undo(self, session: Session) -> None:
        """Take back the last human action (and the bot moves after it), once confirmed."""
        raise NotImplementedError
