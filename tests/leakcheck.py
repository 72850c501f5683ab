"""The leak checker: random keys at the table, and after every key a look at the screen.

Drives a `BrinkApp` with seeded random keys (single keys, number keys that pick a
choice, and fast bursts, as a person who presses Enter twice in one go sends them) and
checks after each:

- no card from the hand of a seat that is not at the keyboard, nor its secret
  objective, is anywhere on any screen in the stack or in a notification;
- the terminal is not blank and the game is not stuck (a table in front is showing
  a person's decision or has a bot's move under way).

Who is at the keyboard is worked out here, not asked of the app: the seat whose
curtain was last lifted, forgotten as soon as any curtain is put up or another game
opens; with a single person at the table, that person. Card names carry «their id»
(see `tokened`), in every game the app opens while the checker runs, so a name on
screen can be told apart from ordinary words.

    with LeakChecker(app) as checker:
        async with app.run_test(size=(80, 24)) as pilot:
            await checker.drive(pilot, random.Random(1), keys=300)
    checker.tally  # keys driven, screens checked, curtains lifted, undos behind a curtain...

Other screens that may show everything (a facilitator's) pass `sees_all`.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from typing import Any

from test_tui_support import all_text, record_notifications, secrets, tokened
from textual import events
from textual.pilot import Pilot

import game.tui.session as session_module
from game.engine import GameState
from game.engine.view import view
from game.tui.app import BrinkApp
from game.tui.screens.curtain import CurtainScreen
from game.tui.screens.dialogs import Confirm
from game.tui.screens.gameover import GameOverScreen
from game.tui.screens.setup import SetupScreen
from game.tui.screens.table import TableScreen
from game.tui.session import Session

#: Keys and how often a random person presses them (Enter most of all).
KEYS: dict[str, int] = {
    "enter": 12, "space": 2, "escape": 4, "p": 3, "u": 3, "y": 3, "n": 2, "o": 2, "l": 1,
    "s": 1, "d": 1, "q": 1, "up": 3, "down": 3, "left": 1, "right": 1, "pageup": 1,
    "pagedown": 1, "tab": 2, "shift+tab": 1, "question_mark": 1, "f1": 1, "ctrl+p": 1,
    "ctrl+z": 1, "ctrl+o": 1, "ctrl+r": 1, "ctrl+g": 1, "ctrl+n": 1, "ctrl+t": 1,
    "1": 2, "2": 2, "3": 1, "4": 1, "5": 1, "9": 1, "a": 1, "backspace": 1, "w": 1,
}  # fmt: skip
#: Key sequences sent in one go, before the app has handled the first key.
BURSTS: tuple[tuple[str, ...], ...] = (
    ("enter", "enter"),
    ("enter", "enter", "enter"),
    ("p", "enter", "enter"),
    ("s", "enter", "enter"),
    ("u", "y"),
    ("u", "y", "enter"),
    ("escape", "escape"),
    ("space", "space"),
    ("y", "y"),
    ("question_mark", "escape", "enter"),
    ("1", "enter"),  # a card by its number, confirmed at once
    ("2", "2", "enter"),
)
GAME_SCREENS = (SetupScreen, TableScreen, GameOverScreen)
CHARS = {
    "enter": "\r",
    "space": " ",
    "escape": "\x1b",
    "tab": "\t",
    "backspace": "\x7f",
    "question_mark": "?",
}


class LeakChecker:
    """Random keys and a check after each; counts what it drove and saw in `tally`."""

    def __init__(self, app: BrinkApp, sees_all: Callable[[BrinkApp], bool] = lambda app: False) -> None:
        self.app = app
        self.sees_all = sees_all
        self.notes = record_notifications(app)
        self.at_keyboard: str | None = None
        self.session: Session | None = None
        self.tally: Counter[str] = Counter()
        #: How many checks found each kind of screen in front.
        self.seen: Counter[str] = Counter()
        self._undo: dict[str, Any] = {}

    # ----------------------------------------------------- watching the curtain

    def __enter__(self) -> LeakChecker:
        checker = self
        init, lift, load = CurtainScreen.__init__, CurtainScreen.action_lift, session_module.load_scenario
        self._undo = {"init": init, "lift": lift, "load": load}

        def put_up(curtain: CurtainScreen, *args: Any, **kwargs: Any) -> None:
            checker.at_keyboard = None  # the keyboard changes hands: nobody holds it
            checker.tally["curtains"] += 1
            init(curtain, *args, **kwargs)

        def lifted(curtain: CurtainScreen) -> None:
            if curtain.is_active:  # the person says: I am this seat, alone
                checker.at_keyboard = curtain.seat
                checker.tally["lifts"] += 1
            lift(curtain)

        CurtainScreen.__init__ = put_up  # type: ignore[method-assign]
        CurtainScreen.action_lift = lifted  # type: ignore[method-assign]
        session_module.load_scenario = lambda *a, **k: tokened(load(*a, **k))  # type: ignore[assignment]
        self.app.action_quit = self._quit  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        CurtainScreen.__init__ = self._undo["init"]  # type: ignore[method-assign]
        CurtainScreen.action_lift = self._undo["lift"]  # type: ignore[method-assign]
        session_module.load_scenario = self._undo["load"]

    async def _quit(self) -> None:
        """Quitting would end the run; the checker counts the attempt instead."""
        self.tally["quits refused"] += 1

    # ------------------------------------------------------------------- checks

    def allowed(self) -> str | None:
        """The seat whose private view may be on screen now, by the checker's account."""
        session = self.app.session
        if session is not self.session:  # another game opened: nobody has lifted its curtain
            self.session, self.at_keyboard = session, None
        if session is not None and len(session.humans) == 1:
            return session.humans[0]
        return self.at_keyboard

    def check(self, after: str) -> None:
        """Everything on screen after the key(s) `after`."""
        app = self.app
        self.tally["screens checked"] += 1
        stack = app.screen_stack
        self.seen.update({type(stack[-1]).__name__})
        assert len(stack) > 1, f"after {after}: only the blank default screen is left"
        assert isinstance(stack[1], GAME_SCREENS), f"after {after}: no game screen under {stack[1:]}"
        kinds = [type(s) for s in stack]
        assert not any(isinstance(s, GAME_SCREENS) for s in stack[2:]) and len(set(kinds)) == len(kinds), (
            f"after {after}: a screen opened twice {stack}"
        )
        allowed = self.allowed()
        session = app.session
        if session is None or self.sees_all(app):
            return
        leaks = leaked(all_text(app, self.notes), session.state, allowed)
        assert not leaks, (
            f"after {after}: private to a seat not at the keyboard ({allowed}), on screen: {leaks}"
        )

    def alive(self) -> bool:
        """Whether something is drawn, and a table in front shows a person's decision or
        has a bot's move coming."""
        drawn = "".join(strip.text for strip in self.app.screen._compositor.render_strips())
        if not drawn.strip():
            return False
        table = self.app.screen
        if not isinstance(table, TableScreen):
            return True
        s = table.session
        if s.over:
            return False
        if table.bot_timer is not None:
            return True
        return s.shown_seat is not None and table.seen is not None and table.seen.viewer == s.shown_seat

    async def check_alive(self, pilot: Pilot[Any], after: str) -> None:
        """The terminal is neither blank nor stuck: if it looks so, it gets time first."""
        for _ in range(5):
            if self.alive():
                return
            await pilot.pause()
        session = self.app.session
        assert self.alive(), (
            f"after {after}: blank, or waiting on nothing ({self.app.screen_stack}, to act: {session and session.to_act})"
        )

    # ------------------------------------------------------------------ driving

    def pick(self, rng: random.Random) -> tuple[str, ...]:
        """The next key or burst; behind a curtain, undo is tried often."""
        screen = self.app.screen
        if isinstance(screen, CurtainScreen) and rng.random() < 0.3:
            return ("u",)
        if isinstance(screen, Confirm) and isinstance(self.app.screen_stack[-2], CurtainScreen):
            return ("y",) if rng.random() < 0.7 else ("n",)
        if rng.random() < 0.12:
            return rng.choice(BURSTS)
        key = rng.choices(list(KEYS), weights=list(KEYS.values()))[0]
        if key == "q" and isinstance(screen, GameOverScreen):
            key = "escape"  # q quits from there, which would end the run
        return (key,)

    async def send(self, pilot: Pilot[Any], keys: tuple[str, ...]) -> None:
        await burst(pilot, keys)
        self.tally["bursts" if len(keys) > 1 else "single keys"] += 1
        self.tally["keys driven"] += len(keys)

    async def drive(self, pilot: Pilot[Any], rng: random.Random, keys: int) -> None:
        """Press about `keys` random keys, checking the screen after each key or burst."""
        await pilot.pause()
        self.check("opening")
        sent = 0
        while sent < keys:
            chosen = self.pick(rng)
            session = self.app.session
            undos = len(session.control_log) if session is not None else 0
            curtained = any(isinstance(s, CurtainScreen) for s in self.app.screen_stack)
            await self.send(pilot, chosen)
            sent += len(chosen)
            if session is not None and self.app.session is session and len(session.control_log) > undos:
                self.tally["undos behind a curtain" if curtained else "undos"] += 1
            self.check(" ".join(chosen))
            await self.check_alive(pilot, " ".join(chosen))


def leaked(text: str, state: GameState, allowed: str | None) -> list[str]:
    """What `text` shows that only a seat other than `allowed` may see: its cards
    (as «id» tokens) and its secret objectives (once public at the end, no longer)."""
    out = sorted(t for t in secrets(state, allowed) if t in text)
    public = view(state, None)
    known = {o.text for p in public.seats for o in p.secret}
    aims = [o.text for s in state.scenario.seats if s.id != allowed for o in s.secret if o.text not in known]
    return out + [a for a in aims if a in text]


async def burst(pilot: Pilot[Any], keys: tuple[str, ...]) -> None:
    """Keys as a terminal sends them: all at once, before the app has handled the
    first (Enter pressed twice quickly). Then the app and the screen in front work
    through them, without Pilot's waits for an idle process (which make a run slow)."""
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, CHARS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        driver.send_message(event)
    for _ in range(3):
        await pilot._wait_for_screen()
