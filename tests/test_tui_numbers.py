"""Number keys pick numbered choices: a card of the hand, a way to play it, a crisis's
option, a saved game; and a card's operations are offered cheapest first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from test_tui_support import THREE_AND_THREE, app_for
from textual.widgets import OptionList

from game.engine import GameState, Scenario, legal_actions, step
from game.engine.bots import BOTS
from game.engine.model import Choice, PickOption, PlayCard, Turn
from game.engine.record import Player
from game.tui.app import BrinkApp
from game.tui.screens.dialogs import ActionDialog, LoadDialog
from game.tui.screens.table import TableScreen
from game.tui.session import SaveInfo, Session

SMALL = (80, 24)


def first_state(scenario: Scenario, wanted: Callable[[GameState], bool]) -> GameState:
    """The first state of heuristic bot games (seeds 1, 2, ...) where `wanted` holds."""
    for seed in range(1, 40):
        state = Session.start(scenario, seed, THREE_AND_THREE).state
        while not state.over:
            if wanted(state):
                return state
            state = step(state, BOTS["heuristic"](state))
    raise AssertionError("no such state in 40 bot games")


def ops_of(state: GameState, card: str) -> list[str]:
    return [
        a.op or ""
        for a in legal_actions(state)
        if isinstance(a, PlayCard) and a.card == card and a.mode == "ops"
    ]


def many_ops(state: GameState) -> str | None:
    """A card in the hand of the seat to act that its turn may play for 3+ operations."""
    if not isinstance(state.pending, Turn) or state.to_act is None:
        return None
    return next((c for c in state.hand(state.to_act) if len(ops_of(state, c)) >= 3), None)


def app_at(scenario: Scenario, state: GameState) -> tuple[BrinkApp, Session]:
    """The table at `state`, with only the seat to act played by a person."""
    players = tuple(Player(s, "human" if s == state.to_act else "heuristic") for s in scenario.seat_ids)
    session = Session(scenario, state, players)
    return app_for(session), session


def rows(app: BrinkApp) -> list[str]:
    return [o.id or "" for o in app.screen.query_one("#decisions", OptionList).options]


async def test_a_digit_opens_that_card_of_the_hand_and_a_digit_in_the_dialog_picks_that_way(
    nea2017: Scenario,
) -> None:
    state = first_state(nea2017, lambda s: many_ops(s) is not None)
    card = many_ops(state)
    app, session = app_at(nea2017, state)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        listed = rows(app)
        n = listed.index(f"card:{card}") + 1
        shown = str(app.screen.query_one("#decisions", OptionList).get_option_at_index(n - 1).prompt)
        assert shown.startswith(f"{n}. "), "the number that picks a row is shown before it"
        app.screen.query_one("#state").focus()  # a digit picks from the list wherever the focus is
        await pilot.press(str(n))
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        assert dialog.heading.endswith(nea2017.cards[card].name)
        labels = [str(o.prompt) for o in dialog.query_one("#choices", OptionList).options]
        assert [label[:3] for label in labels] == [f"{i}. " for i in range(1, len(labels) + 1)]
        await pilot.press("2")
        assert dialog.chosen is dialog.choices[1]
        await pilot.press("enter")
    assert session.state.history[len(state.history)] == dialog.choices[1].action


async def test_a_cards_operations_are_listed_cheapest_first(nea2017: Scenario) -> None:
    state = first_state(nea2017, lambda s: many_ops(s) is not None)
    card = many_ops(state)
    app, _ = app_at(nea2017, state)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press(str(rows(app).index(f"card:{card}") + 1))
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        actions = [c.action for c in dialog.choices]
        assert all(isinstance(a, PlayCard) for a in actions)
        modes = [a.mode for a in actions if isinstance(a, PlayCard)]
        assert modes == sorted(modes, key=lambda m: m == "ops"), "the event comes before the operations"
        ops = [a.op or "" for a in actions if isinstance(a, PlayCard) and a.mode == "ops"]
        order = [o.id for o in nea2017.operations]
        assert ops == sorted(ops, key=lambda o: (nea2017.operation_by_id[o].ops, order.index(o)))
        assert sorted(ops) == sorted(ops_of(state, card)), "every operation is offered"
        assert len({nea2017.operation_by_id[o].ops for o in ops}) >= 2, "the order is put to the test"


async def test_a_digit_picks_an_option_of_a_choice_and_a_disabled_or_missing_row_stays_put(
    nea2017: Scenario,
) -> None:
    state = first_state(nea2017, lambda s: isinstance(s.pending, Choice) and len(s.pending.options) >= 2)
    app, session = app_at(nea2017, state)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#decisions", OptionList).options
        await pilot.press(str(len(options) + 1))  # past the last row: nothing opens
        assert isinstance(app.screen, TableScreen)
        n = next(i + 1 for i, o in enumerate(options) if not o.disabled)
        await pilot.press(str(n))
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        assert dialog.chosen is not None and dialog.chosen.action == PickOption(state.to_act or "", n - 1)
        await pilot.press("enter")
    assert session.state.history[len(state.history)] == PickOption(state.to_act or "", n - 1)


async def test_a_digit_opens_that_saved_game(nea2017: Scenario, tmp_path: Path) -> None:
    saves = [SaveInfo(f"game {i}", tmp_path / f"{i}.json", "nea2017", i, "") for i in range(3)]
    picked: list[object] = []
    app = app_for(Session.start(nea2017, 1, THREE_AND_THREE))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(LoadDialog(saves, recent=True), picked.append)
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
    assert picked == [saves[2].path]
