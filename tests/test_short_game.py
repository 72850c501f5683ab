"""A shorter game for a two-hour seminar: a round limit chosen at setup (or with
`--rounds`), kept in the record so that replay, resume, report, branch and watch all
play the same game, and ended by the scenario's own end-of-game scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.engine import Scenario, new_game, step
from game.engine.model import RoundLimit
from game.engine.record import Player, Record, RecordError, dumps, loads, read, replay, write
from game.engine.rules import restart, rounds_set
from game.engine.sim import play_out, simulate
from game.games import list_games
from game.tui.session import Session, launch


def short(scenario: Scenario, seed: int = 3, rounds: int = 2):  # type: ignore[no-untyped-def]
    return play_out(new_game(scenario, seed, rounds), {s: "random" for s in scenario.seat_ids})


def test_a_short_game_ends_at_its_limit_scored_as_at_the_scenarios_end(nea2017: Scenario) -> None:
    for seed in range(4):
        state = short(nea2017, seed)
        assert state.over and state.ending is not None and state.round <= 2 == state.round_limit
        if not nea2017.outcome(state.ending.outcome).catastrophe:
            assert state.round == 2  # ended by the final outcomes, not by running out of cards
    with pytest.raises(ValueError, match="from 1 to 8 rounds, not 9"):
        new_game(nea2017, 1, 9)
    with pytest.raises(ValueError):
        new_game(nea2017, 1, 0)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), rounds=st.integers(1, 8))
def test_any_short_game_ends_within_its_limit_and_replays(nea2017: Scenario, seed: int, rounds: int) -> None:
    state = short(nea2017, seed, rounds)
    assert state.over and state.round <= rounds
    assert replay(loads(dumps(Record.of(state, ()))), nea2017) == state


def test_the_record_keeps_the_limit_and_replays_it(nea2017: Scenario) -> None:
    state = short(nea2017)
    players = tuple(Player(s, "random") for s in nea2017.seat_ids)
    text = dumps(Record.of(state, players))
    assert json.loads(text)["rounds"] == 2
    again = replay(loads(text), nea2017)
    assert again == state and again.round_limit == 2
    assert restart(state) == new_game(nea2017, 3, 2)
    # a whole game writes no limit: its bytes are what older versions wrote, and they load
    whole = dumps(Record.of(new_game(nea2017, 3), players))
    assert "rounds" not in json.loads(whole) and loads(whole).rounds == 0


def test_the_limit_is_covered_by_the_steps_digest(nea2017: Scenario) -> None:
    data = json.loads(dumps(Record.of(short(nea2017), ())))
    data["rounds"] = 5
    with pytest.raises(RecordError, match="do not match their digest"):
        loads(json.dumps(data))
    data["rounds"] = "two"
    with pytest.raises(RecordError, match="rounds"):
        loads(json.dumps(data))
    data.pop("steps")
    data["rounds"] = 30  # no digest to check (cut by hand): refused by replay, with the reason
    with pytest.raises(RecordError, match="round limit does not fit"):
        replay(loads(json.dumps(data)), nea2017)


def test_the_white_cell_changing_the_limit_keeps_the_one_set_up(nea2017: Scenario) -> None:
    state = step(new_game(nea2017, 4, 3), RoundLimit(rounds=5, reason="more time"))
    assert state.round_limit == 5 and rounds_set(state) == 3
    record = loads(dumps(Record.of(state, ())))
    assert record.rounds == 3 and replay(record, nea2017) == state


def test_simulate_plays_short_games(nea2017: Scenario) -> None:
    summary = simulate(nea2017, 3, 1, {}, rounds=2)
    assert summary.round_limit == 2 and summary.mean_rounds <= 2
    assert (
        summary.to_json()["round_limit"] == 2 and "round_limit" not in simulate(nea2017, 1, 1, {}).to_json()
    )


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["simulate", "--games", "1", "--rounds", "0"], "--rounds: must be at least 1, not 0"),
        (["simulate", "--games", "1", "--rounds", "x"], "--rounds: 'x' is not a whole number"),
        (["simulate", "--games", "1", "--rounds", "9"], "--rounds: a game of Northeast Asia"),
        (["play", "--rounds", "12"], "lasts at most 8 rounds; give 1 to 8, not 12"),
        (["play", "--resume", "--rounds", "4"], "--rounds: --resume continues a game"),
    ],
)
def test_bad_round_limits_are_refused_in_one_line(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and says in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_replay_report_and_branch_honour_the_limit(
    nea2017: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = short(nea2017, 5, 3)
    path = tmp_path / "short.json"
    write(path, dumps(Record.of(state, tuple(Player(s, "random") for s in nea2017.seat_ids))))
    for command in ("replay", "report"):
        assert main([command, str(path)]) == 0
        assert "of 3 rounds" in capsys.readouterr().out
    assert main(["branch", str(path), "--round", "2", "-o", str(tmp_path / "b.json")]) == 0
    child = read(tmp_path / "b.json")
    assert child.rounds == 3 and replay(child, nea2017).round_limit == 3


def test_play_with_rounds_starts_a_short_game_and_resume_keeps_it(nea2017: Scenario) -> None:
    opened = launch(seed=7, seats="all=random", rounds=4)
    assert opened.session is not None and opened.session.state.round_limit == 4
    assert opened.session.autosave is not None
    opened.session.close()
    again = Session.open(opened.session.autosave)
    assert again.state.round_limit == 4 and again.record().rounds == 4
    assert [g.status for g in list_games()] == ["round 1 of 4"]  # as `brink games` lists it
    assert launch(seed=7, seats="all=random", rounds=8).session.record().rounds == 0  # type: ignore[union-attr]
