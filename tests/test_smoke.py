"""The bundled scenario loads and a bot game runs to its end."""

from game.engine import Scenario, new_game, score
from game.engine.sim import play_out


def test_bundled_scenario_plays_to_an_end(nea2017: Scenario) -> None:
    state = play_out(new_game(nea2017, seed=3), {})
    assert state.over
    assert state.round <= nea2017.rounds
    assert set(score(state)) == set(nea2017.seat_ids)
