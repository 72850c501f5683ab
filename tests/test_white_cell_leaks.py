"""The white cell under random keys: the leak checker of tests/leakcheck.py drives the
table with the white cell's key and its PIN (right and wrong) among the keys, and checks
after each that every hand is seen only inside the white cell."""

from __future__ import annotations

import random

import pytest
from leakcheck import LeakChecker
from test_tui_support import THREE_AND_THREE, app_for, tokened

from game.engine import Scenario
from game.tui.app import BrinkApp
from game.tui.facilitator import WhiteCell
from game.tui.screens.curtain import CurtainScreen
from game.tui.screens.table import TableScreen
from game.tui.screens.whitecell import PinDialog, WhiteCellScreen
from game.tui.session import Session

PIN = "2468"


class WithTheWhiteCell(LeakChecker):
    """Random keys, with `w` pressed often and the PIN typed when it is asked for
    (wrong one time in three)."""

    def pick(self, rng: random.Random) -> tuple[str, ...]:
        screen = self.app.screen
        if isinstance(screen, PinDialog):
            return (*(PIN if rng.random() < 0.67 else "1357"), "enter")
        if isinstance(screen, TableScreen | CurtainScreen) and rng.random() < 0.15:
            return ("w",)
        return super().pick(rng)


def inside_the_white_cell(app: BrinkApp) -> bool:
    return any(isinstance(s, WhiteCellScreen) for s in app.screen_stack)


@pytest.mark.parametrize(("seed", "size"), [(11, (80, 24)), (12, (120, 40))])
async def test_random_keys_show_hands_only_inside_the_white_cell(
    nea2017: Scenario, seed: int, size: tuple[int, int]
) -> None:
    sc = tokened(nea2017)
    session = Session.start(sc, seed, THREE_AND_THREE)
    WhiteCell(session).set_pin(PIN)
    app = app_for(session)
    with WithTheWhiteCell(app, inside_the_white_cell) as checker:
        async with app.run_test(size=size) as pilot:
            await checker.drive(pilot, random.Random(seed), 250)
    assert checker.seen["WhiteCellScreen"] and checker.tally["lifts"]
    refused = [line for line in session.control_log if "wrong white-cell PIN" in line]
    print(f"\nwhite cell {size}: {dict(checker.tally)}; wrong PINs logged: {len(refused)}")
    print(f"  screens in front: {dict(checker.seen)}")
