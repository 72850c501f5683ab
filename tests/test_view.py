"""What a seat may see: its own hand, never another's, nor the draw order nor sealed orders;
its own draws by name; secret objectives only its own until the game is over; the legal
actions only when it is its turn. On the `flow` bench (North and South, hands of two)."""

from __future__ import annotations

from typing import get_args

import pytest
from attrs import evolve
from strategies import give, set_hand

from game.engine import GameState, Pass, PickOption, PlayCard, Scenario, legal_actions, new_game, step, view
from game.engine.bots import BOTS
from game.engine.entries import CardAdded, Drew, Played
from game.engine.model import DecisionKind, DiscardCard
from game.engine.narrate import describe_action, describe_decision, tell
from game.engine.sim import play_out
from game.engine.view import known_in_hand


@pytest.fixture
def headline(flow_bench: Scenario) -> GameState:
    state = new_game(flow_bench, seed=4)
    return set_hand(set_hand(state, "north", "n-drain", "n-build"), "south", "s-purge", "s-spy")


def test_a_seat_sees_its_own_hand_and_only_its_own(headline: GameState) -> None:
    north = view(headline, "north")
    assert [c.id for c in north.hand] == ["n-drain", "n-build"]
    assert [c.name for c in north.hand] == ["Drain", "Build"]
    text = repr(north)
    for hidden in ("s-purge", "s-spy", "Purge", "Spy"):
        assert hidden not in text
    assert [p.hand_size for p in north.seats] == [2, 2]  # how many, not which


def test_the_public_view_shows_no_hand(headline: GameState) -> None:
    public = view(headline, None)
    assert public.hand == () and public.legal == ()
    assert public.prompt is not None and public.prompt.kind == "wait" and public.prompt.seat == "north"
    for hidden in ("n-drain", "n-build", "s-purge", "s-spy"):
        assert hidden not in repr(public)


def test_the_view_does_not_depend_on_the_draw_order(headline: GameState) -> None:
    reordered = evolve(headline, draw=tuple(tuple(reversed(p)) for p in headline.draw), rng=12345)
    for seat in ("north", "south", None):
        assert view(reordered, seat) == view(headline, seat)
    sizes = {d.deck: d.draw for d in view(headline, None).deck_sizes}
    assert sizes == {"crisis": 2, "north": 5, "south": 2}


def test_a_sealed_order_is_hidden_even_from_the_view_that_shows_commitment(headline: GameState) -> None:
    drain = step(headline, PlayCard("north", "n-drain", target="south"))
    build = step(set_hand(headline, "north", "n-build", "n-drain"), PlayCard("north", "n-build"))
    for seat in ("south", None):
        assert view(drain, seat) == view(build, seat)  # which card North committed is not shown
    assert [p.committed for p in view(drain, "south").seats] == [True, False]


def test_draw_lines_name_the_cards_only_to_the_drawer(flow_bench: Scenario) -> None:
    state = new_game(flow_bench, seed=4)
    drew = next(e for e in state.log if isinstance(e, Drew) and e.seat == "north")
    names = ", ".join(flow_bench.cards[c].name for c in drew.cards)
    assert f"North drew {names}" in [line.text for line in view(state, "north").log]
    for seat in ("south", None):
        lines = [line.text for line in view(state, seat).log]
        assert "North drew 2 cards (unseen by the others)" in lines and f"North drew {names}" not in lines


def test_secret_objectives_are_hidden_until_the_game_is_over(headline: GameState) -> None:
    north = view(headline, "north")
    assert [o.id for o in north.seats[0].secret] == ["hoard"] and north.seats[1].secret == ()
    assert [o.id for o in view(headline, "south").seats[1].secret] == ["south-secret"]
    assert all(p.secret == () for p in view(headline, None).seats)
    assert all(p.objectives for p in view(headline, "south").seats[:1])  # public ones are public
    assert view(headline, None).results == ()
    end = headline
    while not end.over:
        end = step(end, Pass(end.to_act))  # type: ignore[arg-type]
    for seat in ("north", "south", None):
        v = view(end, seat)
        assert [[o.id for o in p.secret] for p in v.seats] == [["hoard"], ["south-secret"]]
        assert [r.seat for r in v.results] == ["north", "south"] and v.over


def test_legal_actions_only_for_the_seat_to_act(headline: GameState) -> None:
    north, south = view(headline, "north"), view(headline, "south")
    assert north.legal == tuple(legal_actions(headline)) and north.legal
    assert south.legal == ()
    assert north.prompt is not None and north.prompt.kind == "headline"
    assert south.prompt is not None and south.prompt.kind == "wait"


def test_a_choice_is_shown_to_the_chooser_alone(effects_bench: Scenario) -> None:
    state = new_game(effects_bench, seed=1)
    asked = step(give(state, "alpha", "ask-bravo"), PlayCard("alpha", "ask-bravo"))
    bravo = view(asked, "bravo")
    assert bravo.prompt is not None and bravo.prompt.kind == "choice"
    assert bravo.prompt.question == "Take the money or keep faith?"
    assert [(o.index, o.label, o.open) for o in bravo.prompt.options] == [
        (0, "Take", True),
        (1, "Locked", False),
        (2, "Keep faith", True),
    ]
    assert bravo.legal == (PickOption("bravo", 0), PickOption("bravo", 2))
    alpha = view(asked, "alpha")
    assert alpha.prompt is not None and alpha.prompt.kind == "wait" and alpha.prompt.options == ()
    assert alpha.legal == ()


def test_narrate_words_every_kind_of_decision() -> None:
    """The view says what is asked; the words are narrate's, for every kind."""
    words = [describe_decision(k, "North", "take it?", 2) for k in get_args(DecisionKind)]
    assert words == [
        "Waiting for North",
        "Play a card or pass",
        "Choose a sealed headline card, or pass",
        "Take it?",
        "Discard 2 cards",
    ]


def test_narrate_words_every_kind_of_action_for_the_seat_taking_it(nea2017: Scenario) -> None:
    ops = PlayCard("usa", "missile-launch", mode="ops", op="politics")
    actions = [ops, PlayCard("usa", "missile-salvo", target="japan"), Pass("usa")]
    actions += [PickOption("usa", 1), PickOption("usa", 0), DiscardCard("usa", "missile-salvo")]
    assert [describe_action(a, nea2017, {1: "Hold firm"}) for a in actions] == [
        "Operations: Domestic politics (1 ops): +1 support. — North Korea's event on this card fires too",
        "Event: Salvo Towards Japan, aimed at Japan",
        "Pass",
        "Choose: Hold firm",
        "Choose option 1",
        "Discard Salvo Towards Japan",
    ]


def test_a_card_shows_why_it_cannot_be_played(headline: GameState) -> None:
    """At a headline: Build costs 2 funds (North has 2); the `headline: false` card says so."""
    state = set_hand(headline, "north", "n-quiet", "n-build")
    hand = {c.id: c for c in view(state, "north").hand}
    assert hand["n-build"].playable and hand["n-build"].why_not is None
    assert not hand["n-quiet"].playable and hand["n-quiet"].why_not == "cannot be played as a headline"


def test_a_card_put_into_a_hand_in_the_open_is_known_to_be_there(nea2017: Scenario) -> None:
    """The log names the card and whose hand it went to; the public view (and so the
    table's and `brink watch`'s In force panel) says the seat holds it, until it leaves."""
    state = new_game(nea2017, 1)
    card = "japan-strike-capability"
    hands = tuple(
        (*h, card) if s == "japan" else h for s, h in zip(nea2017.seat_ids, state.hands, strict=True)
    )
    added = CardAdded(round=1, seat="japan", card=card, into="hand")
    held = evolve(state, hands=hands, log=(*state.log, added))
    japan = next(p for p in view(held, None).seats if p.id == "japan")
    assert japan.known == ("Strike Capability",)
    assert all(not p.known for p in view(held, None).seats if p.id != "japan")
    played = evolve(held, log=(*held.log, Played(round=1, seat="japan", card=card)))
    assert all(not p.known for p in view(played, None).seats)


def test_the_status_line_says_the_phase_and_then_that_the_game_is_over(nea2017: Scenario) -> None:
    state = new_game(nea2017, 7, rounds=2)
    assert (
        view(state, None).where == f"{nea2017.round_name(1)} · round 1 of 2 · {nea2017.round[0].name} phase"
    )
    ended = view(play_out(state, {}), None)
    assert ended.over and ended.where.endswith("round 2 of 2 · game over")


def test_the_in_force_panel_says_who_holds_a_card_put_into_a_hand_in_the_open(nea2017: Scenario) -> None:
    """The table's and `brink watch`'s In force panel (both draw the public view)."""
    from game.tui.widgets.panels import InForcePanel

    state = new_game(nea2017, 1)
    added = CardAdded(round=1, seat="japan", card="japan-strike-capability", into="hand")
    seen = view(evolve(state, log=(*state.log, added)), None)
    assert "Japan holds Strike Capability" in InForcePanel("In force").draw(seen, 60).plain


def test_the_cards_known_in_hand_are_the_same_read_at_once_or_step_by_step(nea2017: Scenario) -> None:
    """`known_in_hand` keeps its scan between views; read step by step, after going back
    (an undo) and between two games, it says what a scan of the whole log says."""
    states = [new_game(nea2017, 1)]
    while not states[-1].over:
        states.append(step(states[-1], BOTS["heuristic"](states[-1])))
    other = play_out(new_game(nea2017, 2), {})
    kept = [known_in_hand(s) for s in states]
    assert any(kept)  # seed 1 puts a card into a hand in the open
    for i in (len(states) - 1, 40, 41, 3, len(states) - 1):
        known_in_hand(other)
        assert known_in_hand(states[i]) == kept[i]
    for s, known in zip(states, kept, strict=True):
        nea2017.memo.clear()  # a scan of the whole log
        assert known_in_hand(s) == known


def test_the_log_in_a_view_is_the_log_told_afresh(nea2017: Scenario) -> None:
    """`view` words only what is new since the viewer's last view; after each step,
    an undo (a shorter log), another viewer and another game it says what `tell` says."""
    states = [new_game(nea2017, 3)]
    while not states[-1].over:
        states.append(step(states[-1], BOTS["heuristic"](states[-1])))
    other = play_out(new_game(nea2017, 4), {})
    walk = [*states, states[40], states[41], *states[60:70], other, states[-1]]
    for seat in ("usa", None):
        for state in walk:
            told = [(line.at, line.text) for line in view(state, seat).log]
            assert told == tell(state.log, nea2017, seat)
