"""The setup screen for a seminar: three people and bots elsewhere by default, the last
setup of each scenario remembered (a broken memory ignored with a warning), a shorter
game chosen there, and a scenario folder that does not load never swapped silently for
another."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from game.cli import main
from game.engine import Scenario
from game.engine.record import Player
from game.tui.app import BrinkApp
from game.tui.memory import Remembered, memory_file, recall, remember
from game.tui.screens.dialogs import Message
from game.tui.screens.setup import SetupScreen, round_choices
from game.tui.session import default_players, launch

DECKS = Path(__file__).parent.parent / "decks"
SMALL = (80, 24)


def test_nea2017_seats_three_people_and_bots_elsewhere(nea2017: Scenario) -> None:
    people = [p.seat for p in default_players(nea2017) if p.control == "human"]
    assert people == ["usa", "rok", "japan"]


def test_setup_offers_the_whole_game_and_shorter_ones(nea2017: Scenario) -> None:
    assert [n for _, n in round_choices(nea2017)] == [8, 6, 4]
    assert [n for _, n in round_choices(nea2017, also=3)] == [8, 6, 4, 3]
    assert [n for _, n in round_choices(nea2017, also=12)] == [8, 6, 4]


def test_the_last_setup_is_recalled_per_scenario(nea2017: Scenario) -> None:
    assert recall(nea2017) == (None, "")
    players = tuple(
        Player(s, "random", "") if s == "china" else Player(s, "human", s.upper()) for s in nea2017.seat_ids
    )
    assert remember(nea2017, Remembered(players, 4, 120)) == ""
    assert recall(nea2017) == (Remembered(players, 4, 120), "")


def test_a_memory_that_does_not_fit_or_does_not_read_is_ignored(nea2017: Scenario) -> None:
    memory_file().parent.mkdir(parents=True, exist_ok=True)
    for junk in ("{not json", "[]", '{"format": "x"}', "\xff"):
        memory_file().write_text(junk, encoding="latin-1")
        last, warning = recall(nea2017)
        assert last is None and "were ignored" in warning
    memory_file().write_text(
        '{"format": "brinkmanship-setups", "scenarios": {"nea2017": {"players": [{"seat": "mars"}]}}}'
    )
    assert recall(nea2017) == (None, "")  # another version of the scenario: its default instead
    assert remember(nea2017, Remembered(default_players(nea2017))) == ""  # a broken memory is replaced


async def test_setup_starts_a_short_game_and_remembers_it(nea2017: Scenario) -> None:
    app = BrinkApp(launch(seed=5), bot_delay=0)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press(*"Aiko")
        app.screen.query_one("#rounds", Select).value = 4
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.session is not None and app.session.state.round_limit == 4
        assert app.session.record().rounds == 4
    last, _ = recall(nea2017)
    assert last is not None and last.rounds == 4 and last.players[0] == Player("usa", "human", "Aiko")
    app = BrinkApp(launch(seed=6), bot_delay=0)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#rounds", Select).value == 4
        assert app.screen.query_one("#name-usa", Input).value == "Aiko"


async def test_a_corrupt_memory_is_a_warning_not_a_crash() -> None:
    memory_file().parent.mkdir(parents=True, exist_ok=True)
    memory_file().write_text("{half a file")
    app = BrinkApp(launch(seed=5), bot_delay=0)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert any("were ignored" in n.message for n in app._notifications)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.session is not None  # and the memory is written afresh
    assert recall(app.session.scenario)[1] == ""


def broken_scenario(tmp_path: Path) -> Path:
    broken = tmp_path / "broken"
    shutil.copytree(DECKS / "nea2017", broken)
    with (broken / "usa.yaml").open("a") as f:
        f.write("\n  - id: [unclosed\n")
    return broken


def test_play_with_a_scenario_that_does_not_load_exits_2_saying_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", "--scenario", str(broken_scenario(tmp_path))]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "broken/usa.yaml:" in err and "never closed" in err and "Traceback" not in err


async def test_start_never_starts_another_scenario_in_place_of_a_broken_one(tmp_path: Path) -> None:
    broken = broken_scenario(tmp_path)
    app = BrinkApp(launch(seed=1), bot_delay=0)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        folder = app.screen.query_one("#folder", Input)
        folder.focus()
        folder.value = str(broken)
        await pilot.press("enter")
        assert isinstance(app.screen, Message) and "usa.yaml:" in "\n".join(app.screen.lines)
        await pilot.press("enter")
        setup = app.screen
        assert isinstance(setup, SetupScreen) and setup.query_one("#scenario", Select).value == str(broken)
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, Message) and "usa.yaml:" in "\n".join(app.screen.lines)
        await pilot.press("enter")
        assert app.session is None and isinstance(app.screen, SetupScreen)
        setup.query_one("#scenario", Select).value = str(DECKS / "nea2017")  # another choice: it starts
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.session is not None and app.session.scenario.id == "nea2017"
