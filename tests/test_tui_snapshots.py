"""Snapshots of the screens a seminar sees, at 80x24 and 120x40; at 80x24 also the
dialogs, help, objectives and crisis card, korea2010's table and the light theme.

Deterministic: fixed seeds, bots without pauses, no clock on screen. After the decks
change, look at the new pictures and accept them with `pytest --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_support import THREE_AND_THREE, app_for, finished, until_human
from textual.pilot import Pilot

from game.engine import Scenario, load_scenario
from game.engine.record import Player
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
    assert snap_compare(app_for(finished(nea2017, 2025)), terminal_size=size)


# At 80x24, a laptop's terminal: every screen a person meets during a game, nothing cut.
SMALL = (80, 24)


async def at_table(pilot: Pilot[object]) -> None:
    app = pilot.app
    assert isinstance(app, BrinkApp) and app.session is not None
    await until_human(pilot, app, app.session)


def three_and_bots(scenario: Scenario) -> Session:
    """The first three seats played by people, the others by bots."""
    players = tuple(
        Player(s, "human", name) if i < 3 else Player(s, "heuristic")
        for i, (s, name) in enumerate(
            zip(scenario.seat_ids, ("Aiko", "Bo", "Chie", "", "", ""), strict=False)
        )
    )
    return Session.start(scenario, 2017, players)


def test_table_korea2010(snap_compare) -> None:  # type: ignore[no-untyped-def]
    korea2010 = load_scenario(Path(__file__).parent.parent / "decks" / "korea2010")
    assert snap_compare(app_for(three_and_bots(korea2010)), terminal_size=SMALL, run_before=at_table)


def test_table_light(snap_compare, nea2017: Scenario) -> None:  # type: ignore[no-untyped-def]
    async def light(pilot: Pilot[object]) -> None:
        await at_table(pilot)
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(
        app_for(Session.start(nea2017, 2017, THREE_AND_THREE)), terminal_size=SMALL, run_before=light
    )


def keys_at_table(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[object]) -> None:
        await at_table(pilot)
        await pilot.press(*keys)
        await pilot.pause()

    return run


@pytest.mark.parametrize(
    "keys",
    [("4",), ("4", "2"), ("question_mark",), ("o",), ("c",)],
    ids=["choice dialog", "confirm line", "help", "objectives", "crisis card"],
)
def test_small(snap_compare, nea2017: Scenario, keys: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    app = app_for(Session.start(nea2017, 2017, THREE_AND_THREE))
    assert snap_compare(app, terminal_size=SMALL, run_before=keys_at_table(*keys))
