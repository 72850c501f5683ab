"""The facilitator's white cell at the table: the PIN (right, wrong, absent), each power
driven by keys through Pilot, what it leaves in the record, and that no hand is seen
outside the white cell."""

from __future__ import annotations

import hashlib
import re
from time import monotonic

import pytest
from test_tui_support import (
    THREE_AND_THREE,
    all_text,
    app_for,
    record_notifications,
    secrets,
    tokened,
    until_human,
)
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from game.engine import Scenario
from game.engine.bots import BOTS
from game.engine.model import Adjust, Inject
from game.engine.record import Player, read, replay
from game.engine.rules import where_is
from game.tui.app import BrinkApp
from game.tui.facilitator import WhiteCell
from game.tui.pin import hash_pin, pin_matches
from game.tui.screens.curtain import CurtainScreen
from game.tui.screens.dialogs import Message
from game.tui.screens.gameover import GameOverScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.whitecell import PinDialog, PowerDialog, WhiteCellScreen
from game.tui.session import Launch, Session, launch

PIN = "2468"
SIZE = (120, 40)


def game(scenario: Scenario, pin: str | None = PIN, seed: int = 21) -> Session:
    session = Session.start(tokened(scenario), seed, THREE_AND_THREE)
    if pin:
        WhiteCell(session).set_pin(pin)
    return session


# ------------------------------------------------------------------ without a screen


def test_the_pin_is_kept_salted_and_checked(nea2017: Scenario) -> None:
    stored = hash_pin(PIN)
    assert PIN not in stored and pin_matches(stored, PIN) and not pin_matches(stored, "1357")
    assert hash_pin(PIN) != stored  # a fresh salt each time
    assert not pin_matches("not-hex$00", PIN)
    session = game(nea2017)
    text = session.autosave.read_text(encoding="utf-8")
    assert PIN not in text and read(session.autosave).pin == session.pin


def test_a_wrong_pin_is_refused_counted_and_logged(nea2017: Scenario) -> None:
    session = game(nea2017)
    cell = WhiteCell(session)
    assert not cell.open("0000") and not cell.open("1111") and cell.refused == 2
    assert cell.open(PIN) and cell.refused == 0
    log = read(session.autosave).control_log
    assert re.search(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d · a wrong white-cell PIN was refused \(2 in a row\)", log[-2]
    )
    assert log[-1].endswith("white cell opened after 2 wrong PINs")


def test_without_a_pin_the_white_cell_stays_shut(nea2017: Scenario) -> None:
    cell = WhiteCell(game(nea2017, pin=None))
    assert cell.locked is not None and "--pin" in cell.locked
    assert not cell.open("") and not cell.open("0000")
    with pytest.raises(ValueError, match="4 to 8 digits"):
        cell.set_pin("12")


def test_undo_and_redo_any_number_of_steps(nea2017: Scenario) -> None:
    session = game(nea2017)
    cell = WhiteCell(session)
    for _ in range(12):
        session.act(BOTS["heuristic"](session.state))
    cell.intervene(Adjust("tension", 2, reason="a correction"))
    full = session.state
    assert full.history[-1].at  # type: ignore[union-attr]
    assert cell.rewind(3) == 10 and len(session.state.history) == 3 and len(session.redo) == 10
    assert cell.rewind(1) == 2 and len(session.redo) == 12
    while cell.redo_next():
        pass
    assert session.state == full and session.redo == ()
    cell.rewind(5)
    session.act(BOTS["heuristic"](session.state))  # a new step: the undone ones are gone
    assert session.redo == () and cell.redo_next() is None
    assert any("undo: took back steps 4 to 13" in line for line in session.control_log)
    assert replay(read(session.autosave), session.scenario) == session.state


def test_a_branch_leaves_its_parent_as_it_was_to_be_finished_later(nea2017: Scenario) -> None:
    session = game(nea2017)
    cell = WhiteCell(session)
    for _ in range(20):
        session.act(BOTS["heuristic"](session.state))
    parent = cell.branch(8)
    before = hashlib.sha256(parent.read_bytes()).hexdigest()
    assert len(read(parent).actions) == 20 and len(session.state.history) == 8
    assert (
        session.parent is not None and session.parent.path == str(parent.resolve()) and session.parent.at == 8
    )
    while not session.over:
        session.act(BOTS["random"](session.state))
    assert session.autosave is not None and session.autosave != parent
    assert hashlib.sha256(parent.read_bytes()).hexdigest() == before
    branch = read(session.autosave)
    assert branch.parent == session.parent and branch.game != read(parent).game
    again = Session.open(parent)  # the parent is still a game of its own, to be finished
    assert len(again.state.history) == 20 and again.parent is None
    with pytest.raises(ValueError, match="from 0 to"):
        cell.branch(999)


def test_pin_on_the_command_line_is_checked(nea2017: Scenario) -> None:
    from game.common import UsageError

    with pytest.raises(UsageError, match="4 to 8 digits"):
        launch(seed=1, seats="all=bot", pin="12ab")
    assert launch(seed=1, seats="all=bot", pin="1234").pin == "1234"


# --------------------------------------------------------------------- at the table


async def open_cell(pilot: Pilot[object], app: BrinkApp, pin: str = PIN) -> None:
    await pilot.press("w")
    assert isinstance(app.screen, PinDialog)
    app.screen.query_one("#pin", Input).value = pin
    await pilot.press("enter")


async def use(
    pilot: Pilot[object],
    app: BrinkApp,
    power: str,
    pick: str | None = None,
    value: str | None = None,
    reason: str = "",
) -> None:
    """Use a power of the white cell by keys: highlight it, Enter, pick a row, fill in
    the value and the reason, confirm."""
    cell = app.screen
    assert isinstance(cell, WhiteCellScreen)
    powers = cell.query_one("#powers", OptionList)
    powers.highlighted = next(i for i, o in enumerate(powers.options) if o.id == power)
    await pilot.press("enter")
    dialog = app.screen
    if not isinstance(dialog, PowerDialog):
        return
    if pick is not None:
        rows = dialog.query_one("#choices", OptionList)
        rows.highlighted = next(i for i, o in enumerate(rows.options) if o.id == pick)
        await pilot.press("enter")
        if app.screen is not dialog:  # nothing more to ask: the pick was enough
            return
    if value is not None:
        dialog.query_one("#value", Input).value = value
    if dialog.reason_label:
        dialog.query_one("#reason", Input).value = reason
    dialog.query_one("#confirm").press()
    await pilot.pause()


def no_hand_leaks(app: BrinkApp, notes: list[str], session: Session) -> None:
    curtain = isinstance(app.screen, CurtainScreen)
    allowed = None if curtain else session.shown_seat
    text = all_text(app, notes)
    leaked = [t for t in secrets(session.state, allowed) if t in text]
    assert not leaked, f"cards of another seat's hand on screen: {leaked}"


async def test_the_pin_right_wrong_and_absent_at_the_table(nea2017: Scenario) -> None:
    shut = game(nea2017, pin=None)
    app = app_for(shut)
    async with app.run_test(size=SIZE) as pilot:
        await until_human(pilot, app, shut)
        await pilot.press("w")
        assert isinstance(app.screen, Message) and app.screen.heading == "The white cell is shut"
    session = game(nea2017)
    app = app_for(session)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await until_human(pilot, app, session)
        await open_cell(pilot, app, "9999")
        assert isinstance(app.screen, PinDialog) and "refused" in app.screen.problem
        no_hand_leaks(app, notes, session)
        app.screen.query_one("#pin", Input).value = PIN
        await pilot.press("enter")
        assert isinstance(app.screen, WhiteCellScreen)
        text = all_text(app, notes)
        for seat in session.scenario.seats:  # every hand and secret objective, here only
            assert all(session.scenario.cards[c].name in text for c in session.state.hand(seat.id))
            assert all(o.name in text for o in seat.secret)
        await pilot.press("escape")
        assert isinstance(app.screen, CurtainScreen | TableScreen)
        no_hand_leaks(app, notes, session)
    assert any("a wrong white-cell PIN was refused (1 in a row)" in line for line in session.control_log)


async def test_every_power_by_keys_and_the_record_replays_them(nea2017: Scenario) -> None:
    session = game(nea2017)
    sc = session.scenario
    app = app_for(session)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await until_human(pilot, app, session)
        await open_cell(pilot, app)
        crisis = next(
            c.id
            for c in sc.decks[sc.deck_index["crisis"]].cards
            if not where_is(session.state, c.id).endswith("hand")
        )
        await use(pilot, app, "track", pick="tension", value="11", reason="typo")
        assert isinstance(app.screen, Message) and "not 11" in "\n".join(app.screen.lines)
        await pilot.press("enter")
        await use(pilot, app, "track", pick="tension", value="2", reason="a misread card")
        assert session.state.value("tension") == 2
        await use(pilot, app, "flag", pick="thaad", reason="suspended early")
        assert "thaad" not in session.state.flags  # THAAD starts deployed: the power lifts it
        await use(pilot, app, "inject", pick=crisis, reason="the room asked for it")
        assert isinstance(session.state.history[-1], Inject)
        top = next(
            c.id
            for c in sc.decks[sc.deck_index["crisis"]].cards
            if not where_is(session.state, c.id).endswith("hand")
        )
        await use(pilot, app, "top", pick=top, reason="next quarter's surprise")
        assert session.state.draw[sc.deck_index["crisis"]][0] == top
        await use(pilot, app, "rounds", value="4", reason="the seminar is short")
        assert session.state.round_limit == 4
        await use(pilot, app, "pause", reason="a question from the floor")
        assert session.state.paused
        steps = len(session.state.history)
        await use(pilot, app, "undo", pick=str(steps - 1))  # take back the pause and the round limit
        assert len(session.state.history) == steps - 2 and not session.state.paused
        await use(pilot, app, "redo")
        await use(pilot, app, "redo")
        assert session.state.paused and len(session.state.history) == steps
        await pilot.press("escape")
        # paused: the bots wait, nothing private is shown, nobody may act
        for _ in range(5):
            await pilot.pause()
        assert len(session.state.history) == steps and isinstance(app.screen, TableScreen)
        assert app.screen.seen is not None and app.screen.seen.viewer is None
        no_hand_leaks(app, notes, session)
        await open_cell(pilot, app)
        await use(pilot, app, "pause")
        await pilot.press("escape")
        await until_human(pilot, app, session)
        assert len(session.state.history) > steps
        await open_cell(pilot, app)
        await use(pilot, app, "end", pick="stalemate", reason="time is up")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameOverScreen)
    kinds = [type(m).__name__ for m in session.state.history if m.seat is None]
    assert kinds == ["Adjust", "Toggle", "Inject", "Inject", "RoundLimit", "Pause", "Pause", "Adjudicate"]
    record = read(session.autosave)
    assert replay(record, session.scenario) == session.state
    assert all(m.at for m in record.actions if m.seat is None)  # type: ignore[union-attr]
    assert any("redo: step" in line for line in record.control_log)


async def test_a_branch_from_the_white_cell_and_a_new_pin(nea2017: Scenario) -> None:
    session = game(nea2017)
    for _ in range(8):
        session.act(BOTS["heuristic"](session.state))
    app = app_for(session)
    async with app.run_test(size=SIZE) as pilot:
        await until_human(pilot, app, session)
        steps = len(session.state.history)
        await open_cell(pilot, app)
        await use(pilot, app, "branch", pick="2")
        assert session.parent is not None and session.parent.at == 2 and len(session.state.history) == 2
        assert len(read(session.parent.path).actions) == steps
        await use(pilot, app, "pin", value="13579")
        await pilot.press("escape")
        await pilot.press("w")
        app.screen.query_one("#pin", Input).value = PIN
        await pilot.press("enter")
        assert isinstance(app.screen, PinDialog)  # the old PIN no longer opens it
        app.screen.query_one("#pin", Input).value = "13579"
        await pilot.press("enter")
        assert isinstance(app.screen, WhiteCellScreen)
    log = session.control_log
    assert any("branched from" in line and "at step 2 of" in line for line in log)
    assert log[-1].endswith("white cell opened after 1 wrong PIN")


async def test_a_pause_holds_the_discussion_timer_and_resume_gives_back_the_time_left(
    nea2017: Scenario,
) -> None:
    players = tuple(Player(s, "human" if s == "usa" else "heuristic") for s in nea2017.seat_ids)
    session = Session.start(tokened(nea2017), 30, players)
    WhiteCell(session).set_pin(PIN)
    app = BrinkApp(Launch(session.scenario, session, timer=90), bot_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await until_human(pilot, app, session)
        table = app.screen
        assert isinstance(table, TableScreen) and table.deadline is not None
        await open_cell(pilot, app)
        await use(pilot, app, "pause", reason="a question from the floor")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is table  # the table the white cell was opened from, with its clock
        assert table.deadline is None and table.held is not None and 80 < table.held[1] <= 90
        assert "Paused by the facilitator" in all_text(app, [])
        left = table.held[1]
        await open_cell(pilot, app)
        await use(pilot, app, "pause")
        await pilot.press("escape")
        await until_human(pilot, app, session)
        assert app.screen is table and table.deadline is not None and table.held is None
        assert table.deadline - monotonic() <= left + 0.5
