"""The search bot: it never reads what its seat cannot see (other seats' hands, the order
of the piles, sealed headlines, the dice), so any other consistent deal of the hidden
cards leaves its choices as they were; its runs are the same for any --jobs."""

from __future__ import annotations

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from game.engine import GameState, Pass, Scenario, legal_actions, new_game, step
from game.engine import rng as dice
from game.engine.bots import heuristic_bot
from game.engine.model import Headline, PlayCard, Turn
from game.engine.record import Record
from game.engine.search import LEVELS, Level, decide, sample_world
from game.engine.sim import simulate

QUICK = Level("quick", 3, 0)  # the levels differ only in budget; the tests need little


@pytest.fixture(scope="module")
def decisions(nea2017: Scenario) -> list[GameState]:
    """Turns and headlines of a heuristic game, where hidden cards abound."""
    out, state = [], new_game(nea2017, 8)
    while not state.over:
        if isinstance(state.pending, Turn | Headline):
            out.append(state)
        state = step(state, heuristic_bot(state))
    return out[::6]


def redeal(state: GameState, seat: str, gen: int) -> GameState:
    """The same game as `seat` sees it, with the hidden cards dealt another way: each
    other seat's hand swapped at random with cards of its draw pile (same decks, same
    sizes), every draw pile reordered, others' sealed headlines changed, new dice."""
    sc = state.scenario
    hands, draw = list(state.hands), [list(p) for p in state.draw]
    for i, s in enumerate(sc.seat_ids):
        deck = sc.deck_of(s)
        if s == seat or deck is None:
            continue
        k = sc.deck_index[deck.id]
        pool, gen = dice.shuffled(gen, [*hands[i], *draw[k]])
        hands[i], draw[k] = tuple(pool[: len(hands[i])]), list(pool[len(hands[i]) :])
    piles = []
    for pile in draw:
        shuffled, gen = dice.shuffled(gen, pile)
        piles.append(shuffled)
    sealed = tuple(
        a if a.seat == seat else Pass(a.seat) if isinstance(a, PlayCard) else a for a in state.sealed
    )
    return evolve(state, hands=tuple(hands), draw=tuple(piles), sealed=sealed, rng=gen ^ state.rng)


@given(gen=st.integers(0, 2**64 - 1))
def test_another_consistent_deal_gives_the_same_choices(decisions: list[GameState], gen: int) -> None:
    """Over the bot's own seeds (its choice distribution), the real deal and any other
    deal consistent with what the seat sees give the same choices."""
    state = decisions[gen % len(decisions)]
    seat = state.to_act
    assert seat is not None
    other = redeal(state, seat, gen)
    assert other.hands[state.scenario.seat_index[seat]] == state.hand(seat)
    for seed in range(3):
        assert decide(evolve(state, seed=seed), QUICK) == decide(evolve(other, seed=seed), QUICK)


def test_sampled_worlds_keep_what_the_seat_sees(decisions: list[GameState]) -> None:
    for state in decisions[:6]:
        seat = state.to_act
        assert seat is not None
        world, _ = sample_world(state, seat, 99)
        assert world.hand(seat) == state.hand(seat)
        assert [len(h) for h in world.hands] == [len(h) for h in state.hands]
        assert sorted(c for h in world.hands for c in h) + sorted(c for p in world.draw for c in p) != []
        for deck in range(len(state.draw)):  # the same cards, hands and piles together

            def cards(s: GameState, k: int = deck) -> list[str]:
                mine = [c for h in s.hands for c in h if s.scenario.cards[c].deck == s.scenario.decks[k].id]
                return sorted([*mine, *s.draw[k]])

            assert cards(world) == cards(state)
        assert world.discard == state.discard and world.tracks == state.tracks
        assert world.rng != state.rng  # the playouts' dice are the bot's own
        assert legal_actions(world) == legal_actions(state)


def test_each_level_chooses_a_legal_action(decisions: list[GameState]) -> None:
    for state in decisions[:3]:
        for level in LEVELS.values():
            assert decide(state, level) in legal_actions(state)


def test_search_runs_are_the_same_for_any_jobs(nea2017: Scenario) -> None:
    """A bot seat that searches, over two processes, gives the serial run's summary and
    records (each decision's generator comes from the seed and the move count)."""
    controls = {"usa": "search-easy", "dprk": "search-easy"}
    serial: list[Record] = []
    shared: list[Record] = []
    one = simulate(nea2017, 2, 30, controls, lambda _, r: serial.append(r))
    two = simulate(nea2017, 2, 30, controls, lambda _, r: shared.append(r), jobs=2)
    assert one == two and serial == shared
