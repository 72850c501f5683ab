"""The Textual application: which screen is in front, themes, help, saves.

Screens: setup → table (with its curtain and dialogs) → game over → setup. The app
holds what several screens share: the bot pause, the discussion timer, opening and
saving games, undo with confirmation, and the message when the terminal is too small.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.screen import Screen

from ..common import brink
from ..engine import LoadError, Scenario
from ..engine.record import DecksChanged, RecordError
from ..paths import data_home
from .facilitator import WhiteCell
from .interrupt import interrupt, on_signals
from .screens.curtain import CurtainScreen
from .screens.dialogs import Confirm, LoadDialog, Message, SaveDialog
from .screens.gameover import GameOverScreen
from .screens.help import HelpScreen, TooSmallScreen
from .screens.infront import Palette
from .screens.setup import SetupScreen
from .screens.table import TableScreen
from .screens.whitecell import PinDialog, WhiteCellScreen
from .screens.workshop import DeckEditor, WorkshopScreen
from .session import Launch, SaveExists, Session, list_saves
from .shell import Shell

MIN_SIZE = (80, 24)
THEMES = {"dark": "textual-dark", "light": "textual-light"}


class BrinkApp(Shell):
    CSS_PATH = "app.tcss"
    TITLE = "Brinkmanship"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Light or dark theme", show=False),
        Binding("w", "white_cell", "White cell", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
    ]

    def __init__(self, launch: Launch, bot_delay: float = 0.8, workshop: Path | None = None) -> None:
        super().__init__()
        self.launch = launch
        self.workshop = workshop  # `brink decks`: open the deck workshop at this scenario
        self.bot_delay = bot_delay
        self.timer = launch.timer
        self.session: Session | None = None
        self.white_cell: WhiteCell | None = None
        self.crash: tuple[BaseException, Path | None] | None = None
        self.theme = THEMES.get(launch.theme or "dark", "textual-dark")

    def on_mount(self) -> None:
        on_signals(self)
        if self.workshop is not None:
            self.push_screen(WorkshopScreen(self.workshop))
        elif self.launch.session is not None:
            self.open_table(self.launch.session, self.launch.pin)
        else:
            self.push_screen(
                SetupScreen(self.launch.scenario, self.launch.seed, self.launch.timer, self.launch.rounds)
            )
        self.check_size()

    # ------------------------------------------------------------------- screens

    def _replace(self, screen: Screen[None]) -> None:
        """Put `screen` in front in place of the current game screen."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self.check_size()

    def open_table(self, session: Session, pin: str | None = None) -> None:
        """Put a game at the table; `pin`, if given, becomes its white cell's PIN."""
        if self.session is not None and self.session is not session:
            self.session.close()
        if self.white_cell is None or self.white_cell.session is not session:
            self.white_cell = WhiteCell(session)
        if pin:
            self.white_cell.set_pin(pin)
        self.session = session
        session.on_save_failure = self.save_failed
        if session.save_failure:
            self.call_later(self.save_failed, session.save_failure)
        if session.decks_warning:
            self.notify(f"This game goes on: {session.decks_warning}.", title="Decks edited", timeout=12)
            session.decks_warning = ""
        self._replace(GameOverScreen(session) if session.over else TableScreen(session))

    def show_game_over(self, session: Session) -> None:
        self._replace(GameOverScreen(session))

    def show_setup(self, scenario: Scenario) -> None:
        self._replace(SetupScreen(scenario, None, self.timer))

    def open_game(self, opener: Callable[[bool], Session], anyway: bool = False) -> None:
        """Open a saved game in place of this one (`opener(anyway)`); a save that cannot be
        opened gets a message and is left as it was. One whose decks changed since is
        offered anyway, with the changes named, if its steps still replay."""
        try:
            session = opener(anyway)
        except DecksChanged as e:
            question = (
                f"The decks changed since this game was played ({e.changes}). Continue it with the "
                "decks as they are now? Every step is checked again, and the record notes it."
            )
            self.push_screen(
                Confirm("The decks have changed", question),
                lambda yes: self.open_game(opener, anyway=True) if yes else None,
            )
            return
        except (RecordError, LoadError, OSError) as e:
            lines = [str(p) for p in e.problems] if isinstance(e, LoadError) else [str(e)]
            self.push_screen(
                Message("That game cannot be opened (the file is left as it was)", lines, "error")
            )
            return
        self.open_table(session)

    # -------------------------------------------------------- shared game commands

    def load_game(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_game(lambda anyway: Session.load(path, anyway=anyway))

        self.push_screen(LoadDialog(list_saves()), chosen)

    def save_game(self, session: Session, problem: str = "") -> None:
        def save(name: str, replace: bool = False) -> None:
            try:
                path = session.save_as(name, replace)
            except ValueError as e:
                self.save_game(session, str(e))
                return
            except SaveExists as e:
                self.push_screen(
                    Confirm("Replace that save?", str(e)),
                    lambda yes: save(name, True) if yes else self.save_game(session),
                )
                return
            except OSError as e:
                self.save_game(session, f"Could not save to {e.filename or name}: {e.strerror or e}")
                return
            self.notify(f"Saved as “{path.stem}” in {path.parent}", title="Saved")

        def named(name: str | None) -> None:
            if name is not None:
                save(name)

        self.push_screen(SaveDialog(session.default_save_name(), problem), named)

    def save_failed(self, problem: str) -> None:
        """Autosaving stopped working: say so, once, and how to keep the game."""
        self.push_screen(
            Message(
                "The game could not be saved",
                [
                    problem[:1].upper() + problem[1:] + ".",
                    "",
                    "The game goes on in memory. To keep it, press s and give a file path in a "
                    "folder you can write, such as ~/seminar.json or /tmp/seminar.json.",
                ],
                "error",
            )
        )

    def undo(self, session: Session) -> None:
        """Take back the last human action (and the bot moves after it), once confirmed."""
        summary = session.undo_summary()
        if summary is None:
            self.notify("Nothing to undo: no person has acted yet.")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                done = session.undo()
                self.notify(f"Took back {done}.", title="Undo")
                self.open_table(session)

        self.push_screen(
            Confirm(
                "Undo?",
                f"Take back {summary}? The game returns to that decision; the undo is noted in the record.",
            ),
            answered,
        )

    def action_white_cell(self) -> None:
        """The facilitator's screen, once the PIN is given; wrong PINs are refused,
        counted and noted in the record."""
        cell = self.white_cell
        if cell is None or not isinstance(self.screen, TableScreen | CurtainScreen | GameOverScreen):
            return
        if cell.locked is not None:
            self.push_screen(Message("The white cell is shut", [cell.locked], "error"))
            return

        def closed(_: None) -> None:
            """Back to the table, which carries on from the game as the white cell left
            it (keeping its discussion timer); from a curtain or the game-over screen,
            the table is laid anew, since the game may have moved back or on."""
            if not isinstance(self.screen, TableScreen):
                self.open_table(cell.session)

        def entered(pin: str | None) -> None:
            if pin is None:
                return
            if cell.open(pin):
                self.push_screen(WhiteCellScreen(cell), closed)
            else:
                wrong = f"Wrong PIN: refused, and noted in the record ({cell.refused} in a row)."
                self.push_screen(PinDialog(wrong), entered)

        self.push_screen(PinDialog(), entered)

    # ------------------------------------------------------------------- app keys

    def action_interrupt(self) -> None:
        """^C: quit as ctrl+q does (the game is autosaved), with the exit code of an
        interrupted program."""
        interrupt(self)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            # The round told is the one of the scenario on screen: the one being set up,
            # else the game's, else the one `brink` was started with.
            if isinstance(self.screen, SetupScreen):
                scenario = self.screen.current
            else:
                scenario = self.session.scenario if self.session is not None else self.launch.scenario
            self.push_screen(
                HelpScreen(
                    scenario,
                    [
                        ("At the table", TableScreen),
                        ("Behind the curtain", CurtainScreen),
                        ("Setting up", SetupScreen),
                        ("Game over", GameOverScreen),
                        ("Deck workshop", WorkshopScreen),
                        ("Editing a deck file", DeckEditor),
                    ],
                )
            )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, Palette):
            self.push_screen(Palette(id="--command-palette"))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Help", "Every key, and how a round goes", self.action_help)
        yield SystemCommand(
            "Light or dark theme", "Switch between the light and the dark theme", self.action_toggle_theme
        )
        if isinstance(screen, TableScreen):
            yield SystemCommand("Pass", "Pass this turn (asks why, optionally)", screen.action_pass_turn)
            yield SystemCommand("Undo", "Take back the last decision a person made", screen.action_undo)
            yield SystemCommand(
                "Objectives", "Your objectives and everyone's public ones", screen.action_objectives
            )
        if isinstance(screen, TableScreen | CurtainScreen | GameOverScreen):
            yield SystemCommand(
                "White cell", "The facilitator's controls (asks for the PIN)", self.action_white_cell
            )
        if isinstance(screen, TableScreen | GameOverScreen):
            yield SystemCommand("Save game", "Save the game under a name", screen.action_save)
        if isinstance(screen, SetupScreen):
            yield SystemCommand("Start the game", "Start with these seats", screen.action_start)
            yield SystemCommand("Resume the last game", "Continue the autosaved game", screen.action_resume)
        yield SystemCommand("Open a saved game", "Open a game saved under a name", self.load_game)
        yield SystemCommand(
            "Quit", f"Quit (the game is autosaved; {brink('play --resume')} continues it)", self.action_quit
        )

    # ------------------------------------------------------------------------ bugs

    def _fatal_error(self) -> None:
        """A bug inside the table. Textual would print a traceback over the players'
        terminal; instead the details go to a file and `run` says what happened in a
        sentence, and whether the game was saved."""
        error = self._exception
        if error is None:
            super()._fatal_error()
            return
        path = data_home() / "crash.txt"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
            self.crash = (error, path)
        except OSError:
            self.crash = (error, None)
        self.bell()
        self._close_messages_no_wait()

    # ------------------------------------------------------------- small terminals

    def on_resize(self, event: events.Resize) -> None:
        self.check_size(event.size)

    def check_size(self, size: Size | None = None) -> None:
        """Cover the screen with a message while the terminal is too small, and lift it
        when the terminal is big enough again."""
        width, height = size or self.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        covered = isinstance(self.screen, TooSmallScreen)
        if small and not covered:
            self.push_screen(TooSmallScreen(MIN_SIZE))
        elif covered and not small:
            self.pop_screen()
