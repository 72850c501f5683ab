"""The facilitator's interventions as steps of the engine: each power applied, refused
with a sentence when it cannot be, named in the log, and replayed from a record."""

from __future__ import annotations

import pytest

from game.engine import IllegalAction, Scenario, describe, legal_actions, new_game, step, view
from game.engine.bots import BOTS
from game.engine.model import (
    Adjudicate,
    Adjust,
    GameState,
    Headline,
    Inject,
    Pass,
    Pause,
    RoundLimit,
    Toggle,
)
from game.engine.narrate import WHITE_CELL
from game.engine.record import Player, Record, dumps, loads, replay
from game.engine.rules import where_is
from game.engine.view import white_view

PLAYERS = (Player("usa", "human", "Ana"),)


@pytest.fixture
def start(nea2017: Scenario) -> GameState:
    return new_game(nea2017, 10)


def words(state: GameState, viewer: str | None = None) -> str:
    return describe(state.log[-1], state.scenario, viewer)


def out_of_hands(state: GameState, deck: str) -> str:
    """A card of `deck` that no seat holds."""
    sc = state.scenario
    return next(
        c.id for c in sc.decks[sc.deck_index[deck]].cards if not where_is(state, c.id).endswith("hand")
    )


def test_inject_now_resolves_the_card_and_gives_the_turn_back(start: GameState) -> None:
    sc = start.scenario
    assert isinstance(start.pending, Headline)
    card = out_of_hands(start, "crisis")
    after = step(start, Inject(card, reason="the room asked for it", at="2026-12-04T18:00:00"))
    assert after.pending == start.pending and after.history[-1].at == "2026-12-04T18:00:00"  # type: ignore[union-attr]
    assert after.tracks != start.tracks
    assert card in after.discard[sc.deck_index["crisis"]]
    texts = [describe(e, sc) for e in after.log[len(start.log) :]]
    assert texts[0] == f"White cell: {sc.cards[card].name} injected for North Korea — “the room asked for it”"


def test_inject_on_top_is_the_next_crisis_and_unseen_until_then(start: GameState) -> None:
    sc = start.scenario
    card = out_of_hands(start, "crisis")
    # without a caretaker in Seoul, the upkeep puts no election on top of the deck
    start = step(start, Toggle("caretaker", False, reason="an early election"))
    state = step(start, Inject(card, top=True, reason="escalate"))
    assert state.draw[sc.deck_index["crisis"]][0] == card
    assert sc.cards[card].name not in words(state) and "a card put on top" in words(state)
    assert sc.cards[card].name in words(state, WHITE_CELL)
    assert all(sc.cards[card].name not in line.text for line in view(state, "usa").log)
    while state.round == 1:  # everyone passes
        state = step(state, legal_actions(state)[-1])
    assert state.crisis == card


def test_inject_refusals(start: GameState) -> None:
    sc = start.scenario
    held = start.hand("usa")[0]
    action = next(
        c.id for d in sc.decks if d.kind == "action" for c in d.cards if c.id not in start.hand("usa")
    )
    cases = {
        Inject(held, reason="x"): "United States' hand",
        Inject("no-such-card", reason="x"): "there is no card",
        Inject(out_of_hands(start, "crisis"), reason=" "): "give a reason",
        Inject(action, top=True, reason="x"): "not a crisis card",
    }
    for iv, message in cases.items():
        if where_is(start, iv.card).endswith("hand") and iv.card != held:
            continue
        with pytest.raises(IllegalAction, match=message):
            step(start, iv)


def test_adjust_sets_within_bounds_and_crosses_no_threshold(start: GameState) -> None:
    state = step(start, Adjust("tension", 10, reason="a misread card"))
    assert state.value("tension") == 10 and not state.over
    assert words(state) == f"White cell: Tension set {start.value('tension')} → 10 — “a misread card”"
    with pytest.raises(IllegalAction, match="Tension goes from 0 to 10, not 11"):
        step(start, Adjust("tension", 11, reason="x"))
    with pytest.raises(IllegalAction, match="no track"):
        step(start, Adjust("nothing", 1, reason="x"))
    with pytest.raises(IllegalAction, match="give a reason"):
        step(start, Adjust("tension", 1))


def test_toggle_a_flag(start: GameState) -> None:
    state = step(start, Toggle("thaad", True, reason="deployed early"))
    assert "thaad" in state.flags and "put in force" in words(state)
    state = step(state, Toggle("thaad", False, reason="withdrawn"))
    assert "thaad" not in state.flags and "lifted" in words(state)
    with pytest.raises(IllegalAction, match="no flag"):
        step(start, Toggle("nope", True, reason="x"))


def test_pause_stops_every_seat_until_resumed(start: GameState) -> None:
    paused = step(start, Pause(True, reason="coffee"))
    seat = start.to_act
    assert seat is not None and legal_actions(paused) == [] and view(paused, seat).paused
    with pytest.raises(IllegalAction, match="paused by the facilitator"):
        step(paused, Pass(seat))
    with pytest.raises(IllegalAction, match="already paused"):
        step(paused, Pause(True))
    resumed = step(paused, Pause(False))
    assert legal_actions(resumed) == legal_actions(start) and words(resumed) == "White cell: game resumed"


def test_round_limit_moves_the_end(start: GameState) -> None:
    state = step(start, RoundLimit(1, reason="short seminar"))
    while not state.over:
        state = step(state, BOTS["heuristic"](state))
    assert state.round == 1 and state.ending is not None
    with pytest.raises(IllegalAction, match="from 1"):
        step(start, RoundLimit(0, reason="x"))
    with pytest.raises(IllegalAction, match="to 99"):
        step(start, RoundLimit(100, reason="x"))


def test_adjudicate_ends_the_game_as_ruled(start: GameState) -> None:
    state = step(start, Adjudicate("war", reason="a strike on Seoul, as the room played it"))
    assert state.over and state.ending is not None and state.ending.adjudicated
    texts = [describe(e, start.scenario) for e in state.log[-2:]]
    assert texts == [
        "White cell: game ended: War on the peninsula — “a strike on Seoul, as the room played it”",
        "GAME OVER — War on the peninsula",
    ]
    with pytest.raises(IllegalAction, match="game is over"):
        step(state, Pause(True))
    with pytest.raises(IllegalAction, match="no outcome"):
        step(start, Adjudicate("peace", reason="x"))


def test_a_record_with_every_intervention_replays(start: GameState) -> None:
    sc = start.scenario
    state = start
    for iv in (
        Inject(out_of_hands(start, "crisis"), reason="inject", at="t1"),
        Adjust("rok.support", 1, reason="caretaker", at="t2"),
        Toggle("kaesong-closed", True, reason="closed", at="t3"),
        Pause(True, at="t4"),
        Pause(False, at="t5"),
        RoundLimit(3, reason="time", at="t6"),
    ):
        state = step(state, iv)
        if not state.paused:
            state = step(state, BOTS["heuristic"](state))
    state = step(state, Inject(out_of_hands(state, "crisis"), top=True, reason="next", at="t7"))
    state = step(state, Adjudicate("stalemate", reason="time is up", at="t8"))
    text = dumps(Record.of(state, PLAYERS))
    again = replay(loads(text), sc)
    assert again == state and dumps(Record.of(again, PLAYERS)) == text
    assert '"type": "inject"' in text and '"type": "round_limit"' in text and '"at": "t8"' in text


def test_white_view_shows_every_hand_and_sealed_headline(start: GameState) -> None:
    state = step(start, BOTS["heuristic"](start))  # the United States seals its headline
    seats, cards = white_view(state)
    assert all(tuple(c.id for c in s.hand) == state.hand(s.id) for s in seats)
    assert seats[0].sealed.startswith("sealed: ") and seats[1].sealed == "" and seats[0].secret
    assert {c.card.id for c in cards} == set(state.scenario.cards)
    held = state.hand("rok")[0]
    assert next(c.place for c in cards if c.card.id == held) == "South Korea's hand"
