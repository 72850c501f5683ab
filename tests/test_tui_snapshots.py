"""Snapshots of the four screens a seminar sees, at 80x24 and 120x40.

Deterministic: fixed seeds, bots without pauses, no clock on screen. After the decks
change, look at the new pictures and accept them with `pytest --snapshot-update`.
"""

from __future__ import annotations

import pytest
from test_tui_support import THREE_AND_THREE, app_for, finished, until_human
from textual.pilot import Pilot

from game.engine import Scenario
from game.tui.app import BrinkApp
from game.tui.screens.curtain import CurtainScreen
from game.tui.session import Session, launch

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@SIZES
def test_setup(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(BrinkApp(launch(seed=2017), bot_delay=0), terminal_size=size)


@SIZES
def test_curtain(snap_compare, nea2017: Scenario, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = app_for(Session.start(nea2017, 2017, THREE_AND_THREE))

    async def behind_the_curtain(pilot: Pilot[object]) -> None:
        for _ in range(200):
            if isinstance(app.screen, CurtainScreen):
                return
            await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=behind_the_curtain)


@SIZES
def test_table(snap_compare, nea2017: Scenario, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    session = Session.start(nea2017, 2017, THREE_AND_THREE)
    app = app_for(session)

    async def at_the_table(pilot: Pilot[object]) -> None:
        await until_human(pilot, app, session)

    assert snap_compare(app, terminal_size=size, run_before=at_the_table)


@SIZES
def test_game_over(snap_compare, nea2017: Scenario, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(finished(nea2017, 2017)), terminal_size=size)
