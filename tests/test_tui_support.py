"""Helpers for the TUI tests: apps ready to drive, and what is on screen as text.

(Named test_tui_* so it lives with the TUI tests; it holds no tests itself.)
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList

from game.engine import GameState, Scenario
from game.engine.bots import BOTS
from game.engine.entries import Discarded, Played
from game.engine.record import Player
from game.engine.view import view
from game.tui.app import BrinkApp
from game.tui.screens.curtain import CurtainScreen
from game.tui.screens.dialogs import ActionDialog, Message, WarWarning
from game.tui.screens.gameover import GameOverScreen
from game.tui.screens.table import TableScreen
from game.tui.session import Launch, Session
from game.tui.widgets.eventlog import EventLog
from game.tui.widgets.panels import Panel

THREE_AND_THREE = (
    Player("usa", "human", "Aiko"),
    Player("rok", "human", "Bo"),
    Player("japan", "human", "Chie"),
    Player("china", "heuristic"),
    Player("dprk", "heuristic"),
    Player("russia", "random"),
)


def tokened(scenario: Scenario) -> Scenario:
    """The scenario with each card's name ending in «its id», so a test can tell
    whose card a name on screen is, whatever the decks are called this week."""
    decks = tuple(
        attrs.evolve(d, cards=tuple(attrs.evolve(c, name=f"{c.name} «{c.id}»") for c in d.cards))
        for d in scenario.decks
    )
    return attrs.evolve(scenario, decks=decks)


def app_for(session: Session) -> BrinkApp:
    return BrinkApp(Launch(session.scenario, session), bot_delay=0)


def finished(scenario: Scenario, seed: int, players: tuple[Player, ...] = THREE_AND_THREE) -> Session:
    """A game played to its end by bots in every seat (the players stay as given)."""
    session = Session.start(scenario, seed, players)
    while not session.over:
        session.act(BOTS["heuristic"](session.state))
    return session


def widget_text(w: Widget) -> str:
    """What a widget holds for display, whether or not it is on screen now."""
    if isinstance(w, OptionList):
        return "\n".join(str(o.prompt) for o in w.options)
    if isinstance(w, Input):
        return f"{w.value}\n{w.placeholder}"
    if isinstance(w, Panel):
        return w.drawn.plain if w.drawn is not None else ""
    if isinstance(w, EventLog):
        return "\n".join(line.text for line in w.lines)
    try:
        return str(w.render())
    except Exception:  # a widget that cannot render off screen holds no text of ours
        return ""


def all_text(app: BrinkApp, notes: list[str]) -> str:
    """Everything on every screen in the stack (not just the one in front), what is
    drawn on the terminal, and every notification shown so far."""
    parts = [widget_text(w) for screen in app.screen_stack for w in screen.walk_children()]
    parts.append("\n".join(s.text for s in app.screen._compositor.render_strips()))
    parts += notes
    return "\n".join(parts)


def secrets(state: GameState, allowed: str | None) -> set[str]:
    """Tokens of cards in hands other than `allowed`'s that the public does not know.

    Public are only: the cards the public view says a seat holds (an effect put them
    into its hand in the open, `SeatPanel.known`), and cards once played or discarded
    in the open that went back into a hand unseen (reshuffled, drawn again): their old
    log line may stay on screen, saying nothing of where the card is now."""
    public = view(state, None)
    known = {name for panel in public.seats for name in panel.known}
    shown = {e.card for e in state.log if isinstance(e, (Played, Discarded)) and e.card}
    out = set()
    for seat in state.scenario.seat_ids:
        if seat == allowed:
            continue
        for cid in state.hand(seat):
            if state.scenario.cards[cid].name not in known and cid not in shown:
                out.add(f"«{cid}»")
    return out


def record_notifications(app: BrinkApp) -> list[str]:
    notes: list[str] = []
    notify = app.notify

    def spy(message: str, *args: object, title: str = "", **kwargs: object) -> None:
        notes.append(f"{title} {message}")
        notify(message, *args, title=title, **kwargs)  # type: ignore[arg-type]

    app.notify = spy  # type: ignore[method-assign]
    return notes


async def until_human(pilot: Pilot[object], app: BrinkApp, session: Session) -> None:
    """Let the bots play (lifting curtains, acknowledging reveals) until a person
    decides at the table."""
    for _ in range(500):
        if isinstance(app.screen, TableScreen) and session.shown_seat is not None:
            return
        if isinstance(app.screen, CurtainScreen | Message):
            await pilot.press("enter")
        else:
            await pilot.pause()
    raise AssertionError("no person was asked to decide")


async def decide(pilot: Pilot[object], app: BrinkApp, why: str = "", card: bool = False) -> None:
    """Take the decision at the table by keys: pass where passing is allowed (else,
    or if `card`, the highlighted row), with `why` as the rationale; a warned risk
    of war is taken."""
    screen = app.screen
    assert isinstance(screen, TableScreen)
    row = screen.query_one("#decisions", OptionList).highlighted_option
    on_card = row is not None and (row.id or "").startswith("card:")
    can_pass = screen.check_action("pass_turn", ()) is True
    await pilot.press("enter" if (card and on_card) or not can_pass else "p")
    dialog = app.screen
    assert isinstance(dialog, ActionDialog)
    if dialog.chosen is None:
        await pilot.press("enter")
    dialog.query_one("#why", Input).value = why  # typing it key by key is slow
    await pilot.press("enter")
    if isinstance(app.screen, WarWarning):
        await pilot.press("y")


async def play_to_end(
    pilot: Pilot[object], app: BrinkApp, check: Callable[[], None] = lambda: None, card_every: int = 4
) -> int:
    """Drive the app by keys until the game-over screen: lift curtains, acknowledge
    reveals, decide for the people (mostly passing, a card every `card_every` turns,
    always with a rationale). Returns the number of decisions taken."""
    decisions = 0
    for _ in range(3000):
        screen = app.screen
        if isinstance(screen, GameOverScreen):
            return decisions
        check()
        if isinstance(screen, CurtainScreen | Message):
            await pilot.press("enter")
        elif isinstance(screen, TableScreen) and screen.session.shown_seat is not None:
            decisions += 1
            await decide(pilot, app, "why not", card=decisions % card_every == 0)
        else:
            await pilot.pause()
    raise AssertionError("the game did not end")
