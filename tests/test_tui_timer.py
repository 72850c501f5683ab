"""The discussion timer, with the clock driven by the test (no real waiting): it counts
down, turns the status bar red and rings the bell once when time is up, and the table
pauses and resumes it with `t`."""

from __future__ import annotations

import pytest
from test_tui_support import app_for, until_human

from game.engine import Scenario
from game.engine.record import Player
from game.tui.screens import table as table_module
from game.tui.screens.table import TableScreen
from game.tui.session import Session
from game.tui.widgets.panels import StatusBar


class Clock:
    """A stand-in for time.monotonic that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(table_module, "monotonic", fake)
    return fake


async def test_time_up_turns_the_bar_red_and_rings_once_and_t_pauses(nea2017: Scenario, clock: Clock) -> None:
    players = tuple(Player(s, "human" if s == "usa" else "heuristic") for s in nea2017.seat_ids)
    session = Session.start(nea2017, 30, players)
    app = app_for(session)
    app.timer = 60
    bells: list[None] = []
    app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await until_human(pilot, app, session)
        table = app.screen
        assert isinstance(table, TableScreen)
        bar = table.query_one(StatusBar)
        assert "⏱ 1:00" in str(bar.who)
        assert any(b.binding.action == "pause_clock" and b.enabled for b in app.active_bindings.values())

        clock.now += 20
        table.tick()
        assert "⏱ 0:40" in str(bar.who)
        await pilot.press("t")  # paused: time passing takes nothing off
        clock.now += 500
        table.tick()
        assert "0:40 paused" in str(bar.who) and not bar.has_class("-time-up") and bells == []
        await pilot.press("t")
        clock.now += 39
        table.tick()
        assert "⏱ 0:01" in str(bar.who)

        clock.now += 5
        for _ in range(3):  # ticks after time is up ring nothing more
            table.tick()
            await pilot.pause()
        assert "TIME IS UP" in str(bar.who) and bar.has_class("-time-up") and len(bells) == 1
        assert not table.check_action("pause_clock", ())


async def test_without_a_timer_t_is_not_offered(nea2017: Scenario, clock: Clock) -> None:
    players = tuple(Player(s, "human" if s == "usa" else "heuristic") for s in nea2017.seat_ids)
    session = Session.start(nea2017, 30, players)
    app = app_for(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_human(pilot, app, session)
        assert isinstance(app.screen, TableScreen) and not app.screen.check_action("pause_clock", ())
        assert "⏱" not in str(app.screen.query_one(StatusBar).who)
