"""`brink watch`: the public board follows the game file live, through undo, a
half-written file and a new game, and the leak checker finds nothing private on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from leakcheck import leaked
from test_tui_support import THREE_AND_THREE, tokened

from game.cli import main
from game.engine import Scenario, legal_actions, load_scenario
from game.engine.bots import BOTS
from game.engine.view import view
from game.tui.session import Session
from game.tui.watch import Follow, WatchApp
from game.tui.widgets.eventlog import EventLog
from game.tui.widgets.panels import NationsPanel


def screen_text(app: WatchApp) -> str:
    parts = [str(w.render()) for w in app.screen.walk_children()]
    parts.append("\n".join(s.text for s in app.screen._compositor.render_strips()))
    return "\n".join(parts)


def advance(session: Session) -> None:
    """One step: a bot's move, or a person's (the last legal action, often a pass)."""
    seat = session.to_act
    if session.is_human(seat):
        session.act(legal_actions(session.state)[-1])
    else:
        session.act(BOTS["heuristic"](session.state))


async def test_the_board_follows_the_game_and_shows_nothing_private(nea2017: Scenario) -> None:
    sc = tokened(nea2017)
    session = Session.start(sc, 11, THREE_AND_THREE)
    app = WatchApp(Follow(None, load=lambda folder: tokened(load_scenario(folder))), every=0.05)
    checked = 0
    async with app.run_test(size=(120, 40)) as pilot:

        async def shows(state_of: Session) -> None:
            nonlocal checked
            for _ in range(20):  # within a second
                await pilot.pause(0.05)
                if app.board is not None and app.board.seen == view(state_of.state, None):
                    break
            assert app.board is not None and app.board.seen == view(state_of.state, None)
            text = screen_text(app)
            assert not leaked(text, state_of.state, None)
            assert f"round {state_of.state.round} of" in text
            checked += 1

        await shows(session)
        for _ in range(40):
            advance(session)
            await shows(session)
        assert session.undo() is not None  # undone at the table: the board goes back too
        await shows(session)
        path = session.autosave
        assert path is not None
        whole = path.read_bytes()
        path.write_bytes(whole[: len(whole) // 2])  # a half-written file: waited out
        await pilot.pause(0.2)
        assert "Waiting" in screen_text(app) and app.board is not None
        path.write_bytes(whole)
        await shows(session)
        other = Session.start(sc, 12, THREE_AND_THREE)  # a new game takes the room
        await shows(other)
        assert app.board is not None and app.board.path == other.autosave
        while not other.over:
            advance(other)
        await shows(other)
        ending = other.public().ending
        assert ending is not None and ending.name in screen_text(app)
    assert checked >= 45


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)], ids=["80x24", "120x40", "160x50"])
async def test_under_150_columns_the_log_goes_under_the_nations(
    nea2017: Scenario, size: tuple[int, int]
) -> None:
    """Two columns (the log under the nations, the nations' players whole) up to 150
    columns; from there three, the log on the right."""
    Session.start(nea2017, 11, THREE_AND_THREE)
    app = WatchApp(Follow(None), every=0.05)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.1)
        log, nations = app.query_one(EventLog).region, app.query_one(NationsPanel).region
        if size[0] < 150:
            assert log.y >= nations.bottom and log.x == nations.x - 1
            drawn = app.query_one(NationsPanel).drawn
            assert drawn is not None and "…" not in drawn.plain
            assert all(who in drawn.plain for who in ("Aiko", "Chie", "bot"))
        else:
            assert log.x >= nations.right and log.y == nations.y


def test_watch_names_a_game_that_is_not_there(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["watch", "no-such-game"]) == 2
    assert "no-such-game" in capsys.readouterr().err


def test_following_a_file_that_does_not_exist_yet_waits(tmp_path: Path) -> None:
    follow = Follow(tmp_path / "later.json")
    got = follow.poll()
    assert isinstance(got, str) and "Waiting" in got
