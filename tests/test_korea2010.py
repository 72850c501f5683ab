"""The second bundled scenario, korea2010 (the Cheonan and Yeonpyeong crisis), written in
YAML only: it validates, opens on the Cheonan, and bot games play it to the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.engine import Scenario, load_scenario, new_game, score, validate
from game.engine.entries import Chose, CrisisDrawn, Played
from game.engine.sim import play_out

ROOT = Path(__file__).resolve().parent.parent
KOREA2010 = ROOT / "decks" / "korea2010"
NEA2017 = ROOT / "decks" / "nea2017"


@pytest.fixture(scope="module")
def korea2010() -> Scenario:
    return load_scenario(KOREA2010)


def test_it_validates() -> None:
    assert validate([str(KOREA2010)]) == []


def test_five_seats_forty_cards_own_objectives(korea2010: Scenario) -> None:
    assert len(korea2010.seats) == 5
    assert len(korea2010.cards) >= 40
    assert all(card.source for card in korea2010.cards.values())
    for seat in korea2010.seats:
        assert seat.objectives and seat.secret, seat.id
    # The same brief as nea2017, so the validator checks every quote against it.
    assert (KOREA2010 / "article.txt").read_bytes() == (NEA2017 / "article.txt").read_bytes()


def test_the_cheonan_opens_the_game(korea2010: Scenario) -> None:
    state = new_game(korea2010, seed=5)
    assert state.crisis == "cheonan-sinking"
    assert state.to_act == "rok"  # Seoul decides how to answer before anyone plays


@pytest.mark.parametrize("controls", ["heuristic", "random"])
@pytest.mark.parametrize("seed", [1, 2])
def test_bots_play_it_to_the_end(korea2010: Scenario, controls: str, seed: int) -> None:
    state = play_out(new_game(korea2010, seed), {s: controls for s in korea2010.seat_ids})
    assert state.over
    assert state.round <= korea2010.rounds
    assert set(score(state)) == set(korea2010.seat_ids)


def test_brink_simulates_it(capsys: pytest.CaptureFixture[str], korea2010: Scenario) -> None:
    code = main(["simulate", "--scenario", str(KOREA2010), "--games", "2", "--seed", "1"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert out.startswith(f"{korea2010.name}: 2 bot games")
    for seat in korea2010.seats:
        assert f"{seat.name} won" in out


def test_the_shelling_asks_seoul_and_brings_the_funerals(korea2010: Scenario) -> None:
    """North Korea's Shelling of Yeonpyeong asks Seoul whether to return fire, and the
    next round's crisis is the funerals (found in the first bot game that shells)."""
    for seed in range(1, 60):
        state = play_out(new_game(korea2010, seed), {})
        shelled = [
            i
            for i, e in enumerate(state.log)
            if isinstance(e, Played) and e.card == "dprk-shell-yeonpyeong" and e.op is None
        ]
        if shelled and state.log[shelled[0]].round < state.round:
            break
    else:
        pytest.fail("no bot game in 60 shelled Yeonpyeong before its last round")
    after = state.log[shelled[0] :]
    assert any(isinstance(e, Chose) and e.seat == "rok" and e.card == "dprk-shell-yeonpyeong" for e in after)
    crises = [e.card for e in after if isinstance(e, CrisisDrawn)]
    assert crises[0] == "yeonpyeong-funerals"
