"""Bot runs: the same seed gives the same summary, whatever the process count or the
Python hash seed; each game's record replays to the game it came from."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

from game.engine import PlayCard, Scenario, new_game
from game.engine.entries import CrisisDrawn, Played, ThresholdCrossed
from game.engine.record import Record, replay
from game.engine.sim import CRISIS_DECK, UPKEEP, Tally, play_out, result_of, simulate, summarize
from game.engine.stats import difference, wilson
from game.report import card_table

RANDOM = {"usa": "random", "rok": "random", "japan": "random", "china": "random", "dprk": "random"}
ROOT = Path(__file__).resolve().parent.parent


def test_same_seed_same_summary(nea2017: Scenario) -> None:
    a = simulate(nea2017, 6, 11, RANDOM)
    b = simulate(nea2017, 6, 11, RANDOM)
    assert a == b
    assert json.dumps(a.to_json()) == json.dumps(b.to_json())


def test_different_seeds_play_different_games(nea2017: Scenario) -> None:
    def played(seed: int) -> list[Record]:
        kept: list[Record] = []
        simulate(nea2017, 5, seed, RANDOM, lambda _, r: kept.append(r))
        return kept

    assert [r.actions for r in played(1)] != [r.actions for r in played(6)]
    assert simulate(nea2017, 12, 1, RANDOM).to_json() != simulate(nea2017, 12, 100, RANDOM).to_json()


def test_summary_counts_add_up(nea2017: Scenario) -> None:
    s = simulate(nea2017, 10, 3, RANDOM)
    assert s.games == 10 and sum(s.outcomes.values()) == 10
    assert list(s.outcomes) == [o.id for o in nea2017.outcomes]
    assert s.catastrophe_count == sum(s.culprits.values()) == sum(s.culprit_cards.values())
    assert 0 < s.mean_rounds <= nea2017.rounds
    assert s.controls == {**RANDOM, "russia": "heuristic"}
    for seat in s.seats:
        assert 0 <= seat.won <= 10
        assert list(seat.objectives) == [
            o.id for o in (*nea2017.seat(seat.seat).objectives, *nea2017.seat(seat.seat).secret)
        ]
    data = s.to_json()
    assert data["games"] == 10 and data["digest"] == nea2017.digest
    assert abs(sum(o["rate"] for o in data["outcomes"].values()) - 1) < 1e-3  # type: ignore[union-attr]


def test_each_record_replays_to_its_game(nea2017: Scenario) -> None:
    kept: list[tuple[int, Record]] = []
    simulate(nea2017, 4, 20, RANDOM, lambda i, r: kept.append((i, r)))
    assert [i for i, _ in kept] == [0, 1, 2, 3]
    for i, record in kept:
        assert record.seed == 20 + i
        played = play_out(new_game(nea2017, 20 + i), {**RANDOM, "russia": "heuristic"})
        assert replay(record, nea2017) == played
        assert {p.seat: p.control for p in record.players}["russia"] == "heuristic"


def test_two_processes_give_the_serial_summary_and_records(nea2017: Scenario) -> None:
    serial: list[Record] = []
    shared: list[Record] = []
    one = simulate(nea2017, 20, 5, RANDOM, lambda _, r: serial.append(r))
    two = simulate(nea2017, 20, 5, RANDOM, lambda _, r: shared.append(r), jobs=2)  # three batches
    assert one == two
    assert serial == shared


def test_results_are_counted_the_same_in_any_order(nea2017: Scenario) -> None:
    """Counts do not depend on the order results arrive in: the culprits are listed in
    seat order, the cards by count, so a summary's bytes depend only on the games."""
    results = [result_of(play_out(new_game(nea2017, s), RANDOM)) for s in range(1, 9)]
    forward = summarize(nea2017, 1, RANDOM, results)
    backward = summarize(nea2017, 1, RANDOM, reversed(results))
    assert json.dumps(forward.to_json()) == json.dumps(backward.to_json())
    order = [*nea2017.seat_ids, CRISIS_DECK, UPKEEP]
    assert list(forward.culprits) == sorted(forward.culprits, key=order.index)


def test_tallies_of_parts_merge_into_the_tally_of_the_whole(nea2017: Scenario) -> None:
    """A worker process totals its batch of games and sends the totals (pickled) to be
    merged: the summary is the one of all the games counted in one tally, to the byte."""
    results = [result_of(play_out(new_game(nea2017, s), RANDOM)) for s in range(1, 10)]
    whole = Tally(nea2017, 1, RANDOM)
    for r in results:
        whole.add(r)
    merged = Tally(nea2017, 1, RANDOM)
    for part in (results[:4], results[4:5], results[5:], []):
        batch = Tally(nea2017, 0, RANDOM)
        for r in part:
            batch.add(r)
        merged.merge(pickle.loads(pickle.dumps(batch.totals())))
    assert json.dumps(merged.summary().to_json()) == json.dumps(whole.summary().to_json())
    assert merged.summary() == whole.summary()


def test_result_names_who_pushed_a_catastrophe(nea2017: Scenario) -> None:
    seen_war = seen_other = False
    for seed in range(1, 30):
        state = play_out(new_game(nea2017, seed), RANDOM)
        result = result_of(state)
        assert state.ending is not None
        if nea2017.outcome(result.outcome).catastrophe:
            seen_war = True
            assert result.culprit == (state.ending.seat or (CRISIS_DECK if state.ending.card else UPKEEP))
            assert result.culprit_card == (state.ending.card or UPKEEP)
        else:
            seen_other = True
            assert result.culprit is None and result.culprit_card is None
        assert [s.seat for s in result.scores] == list(nea2017.seat_ids)
    assert seen_war and seen_other


def test_output_does_not_depend_on_the_hash_seed() -> None:
    """Separate runs (different PYTHONHASHSEED, so different set and dict-of-str
    orders) print the same bytes: nothing in a game depends on hashing."""

    def run(hash_seed: str) -> bytes:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        args = [sys.executable, "-m", "game", "simulate", "--games", "3", "--seed", "4", "--json"]
        return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, check=True, timeout=120).stdout

    first = run("1")
    assert json.loads(first)["games"] == 3
    assert run("2") == first


def test_a_pass_seat_never_plays(nea2017: Scenario) -> None:
    state = play_out(new_game(nea2017, 3), {**RANDOM, "china": "pass"})
    china = [a for a in state.history if a.seat == "china"]
    assert china and not any(isinstance(a, PlayCard) for a in china)


def test_card_and_threshold_counts_agree_with_the_games(nea2017: Scenario) -> None:
    """Per-card counts and threshold pushes add up to what the games' logs hold."""
    ended = [play_out(new_game(nea2017, s), RANDOM) for s in range(5, 11)]
    s = summarize(nea2017, 5, RANDOM, map(result_of, ended))
    plays = [e for g in ended for e in g.log if isinstance(e, Played)]
    assert sum(c.event for c in s.cards) == sum(1 for e in plays if e.op is None)
    assert sum(c.ops for c in s.cards) == sum(1 for e in plays if e.op is not None)
    crises = sum(1 for g in ended for e in g.log if isinstance(e, CrisisDrawn))
    assert sum(c.drawn for c in s.cards if c.owner is None) == crises
    for c in s.cards:
        assert c.played_won <= c.played <= c.held <= s.games and c.held_won <= c.held
    tension = nea2017.slots[("tension", None)]
    crossed = sum(
        1
        for g in ended
        for e in g.log
        if isinstance(e, ThresholdCrossed) and e.track == nea2017.slot_labels[tension]
    )
    assert sum(t.crossed for t in s.thresholds if t.slot == tension) == crossed
    for t in s.thresholds:
        assert sum(t.by.values()) == sum(t.cards.values()) == t.crossed
    means = s.track_means()["tension"]
    assert means[0] == nea2017.track_by_id["tension"].start and len(means) <= nea2017.rounds + 1


def test_a_card_whose_event_is_another_seats_is_never_flagged(nea2017: Scenario) -> None:
    """Its owner can only play it for operations (the side's event fires then), so
    "never worth playing" would blame the owner for a choice it never has."""
    ended = [play_out(new_game(nea2017, s), {}) for s in range(1, 9)]
    s = summarize(nea2017, 1, {}, map(result_of, ended))
    sides = {c.card: c.side for c in s.cards if c.side is not None}
    owners = {c.id: d.owner for d in nea2017.decks for c in d.cards}
    assert sides and all(nea2017.cards[c].side == side != owners[c] for c, side in sides.items())
    for c in s.cards:
        if c.side is not None:
            assert c.event == 0 and c.flag == ""
    assert "its event is China's (fires on operations)" in "\n".join(card_table(s, nea2017))


def test_progress_counts_every_game_in_order(nea2017: Scenario) -> None:
    for jobs in (1, 2):
        seen: list[int] = []
        simulate(nea2017, 9, 2, RANDOM, jobs=jobs, progress=seen.append)
        assert seen == list(range(1, 10))


def test_intervals() -> None:
    assert wilson(0, 10)[0] == 0 and wilson(10, 10)[1] == 1
    lo, hi = wilson(30, 100)
    assert lo < 0.3 < hi and abs(hi - lo - 0.18) < 0.01
    d, lo, hi = difference(60, 100, 40, 100)
    assert abs(d - 0.2) < 1e-9 and 0 < lo < 0.2 < hi
    assert difference(3, 5, 0, 0) == (0.0, -1.0, 1.0)
