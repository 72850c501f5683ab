"""The rules: the round flow, sealed headlines, operations plays, costs, requirements,
targets, hand refill, reshuffles, the round limit and final outcomes, every refusal.

The bench is `tests/data/engine/flow`: North and South, hands of two, two rounds of
crisis → sealed headline → one action each → upkeep (+1 funds to all, hands refilled).
Funds run 0..5 from 2; tension 0..10 from 3 (war at 10); outcome `calm` when tension
ends at 3 or less, else `tense`. Operations: muster (1 ops: own funds +1) and talks
(2 ops, needs tension 4: tension −1).
"""

from __future__ import annotations

import attrs
import pytest
from attrs import evolve
from conftest import ENGINE_DATA
from strategies import entries, give, set_hand, with_flags, with_tracks

from game.engine import (
    DiscardCard,
    GameState,
    IllegalAction,
    Pass,
    PickOption,
    PlayCard,
    Scenario,
    legal_actions,
    load_scenario,
    new_game,
    score,
    step,
    view,
    why_illegal,
)
from game.engine.entries import (
    CrisisDrawn,
    Fizzled,
    Passed,
    PhaseBegan,
    Played,
    Reshuffled,
    RoundBegan,
    SideEvent,
    TrackMoved,
)
from game.engine.model import Choice, Headline, PickDiscard, Turn
from game.engine.rules import Risk, preview, risk


@pytest.fixture
def headline(flow_bench: Scenario) -> GameState:
    """Round 1 at North's headline, North holding Drain and Build, South Bluster and Spy."""
    state = new_game(flow_bench, seed=4)
    state = set_hand(state, "north", "n-drain", "n-build")
    return set_hand(state, "south", "s-bluster", "s-spy")


@pytest.fixture
def turn(headline: GameState) -> GameState:
    """Round 1 at North's action turn, after both headlines passed."""
    return step(step(headline, Pass("north")), Pass("south"))


def kinds(state: GameState, since: int = 0) -> list[str]:
    return [e.kind for e in state.log[since:]]


# ----------------------------------------------------------------------------- round flow


def test_a_new_game_deals_draws_a_crisis_and_waits_for_the_first_headline(flow_bench: Scenario) -> None:
    state = new_game(flow_bench, seed=4)
    assert state.round == 1 and state.pending == Headline("north")
    assert [len(h) for h in state.hands] == [2, 2]
    assert [e.name for e in entries(state, PhaseBegan)] == ["Crisis", "Headline"]
    crisis = flow_bench.deck_index["crisis"]
    assert state.crisis in state.discard[crisis] and len(state.draw[crisis]) == 2
    assert [e.card for e in entries(state, CrisisDrawn)] == [state.crisis]


def test_a_round_runs_its_phases_in_order_and_the_next_begins(turn: GameState) -> None:
    state = step(step(turn, Pass("north")), Pass("south"))
    assert state.round == 2 and state.pending == Headline("north")
    phases = [e.name for e in entries(state, PhaseBegan)]
    assert phases == ["Crisis", "Headline", "Actions", "Upkeep", "Crisis", "Headline"]
    assert [e.round for e in entries(state, RoundBegan)] == [1, 2]
    assert state.value("funds", "north") == 3 and state.value("funds", "south") == 3  # upkeep +1
    assert state.timeline == (turn.timeline[0], state.tracks)


def test_new_game_is_deterministic_in_its_seed(flow_bench: Scenario) -> None:
    assert new_game(flow_bench, 9) == new_game(flow_bench, 9)
    assert len({new_game(flow_bench, s).draw for s in range(8)}) > 1


# ------------------------------------------------------------------------------- headlines


def test_a_sealed_headline_is_hidden_until_all_have_committed(headline: GameState) -> None:
    committed = step(headline, PlayCard("north", "n-drain", target="south"))
    assert committed.pending == Headline("south")
    assert "n-drain" in committed.hand("north")  # still held until revealed
    assert committed.value("funds", "south") == 2  # nothing resolved yet
    assert committed.log[-1].kind == "commit" and committed.log[-1].card is None
    seen = view(committed, "south")
    assert "n-drain" not in repr(seen) and "Drain" not in repr(seen)
    assert [p.committed for p in seen.seats] == [True, False]
    assert seen.legal == tuple(legal_actions(committed))


def test_headlines_are_revealed_together_and_resolved_in_seat_order(headline: GameState) -> None:
    north = step(headline, PlayCard("north", "n-drain", target="south"))
    revealed = step(north, PlayCard("south", "s-spy"))
    since = len(north.log)
    assert kinds(revealed, since)[:2] == ["commit", "reveal"]
    assert [(e.seat, e.card) for e in entries(revealed, Played, since)] == [
        ("north", "n-drain"),
        ("south", "s-spy"),
    ]
    assert revealed.value("funds", "south") == 0
    assert len(revealed.hand("south")) == 2  # played Spy, drew one
    assert revealed.sealed == () and revealed.pending == Turn("north")


def test_a_headline_gone_stale_before_its_reveal_fizzles(headline: GameState) -> None:
    state = set_hand(headline, "south", "s-build", "s-spy")  # Build costs 2 funds; South has 2
    state = step(state, PlayCard("north", "n-drain", target="south"))
    state = step(state, PlayCard("south", "s-build"))
    (fizzle,) = entries(state, Fizzled)
    assert (fizzle.seat, fizzle.card) == ("south", "s-build") and "costs 2 funds" in fizzle.reason
    assert "s-build" in state.hand("south") and state.value("tension") == 3


def test_a_headline_card_no_longer_in_hand_fizzles(headline: GameState) -> None:
    state = set_hand(headline, "north", "n-raid", "n-build")
    state = step(state, PlayCard("north", "n-raid", target="south"))  # South discards both
    state = step(state, PlayCard("south", "s-spy"))
    (fizzle,) = entries(state, Fizzled)
    assert (fizzle.seat, fizzle.card, fizzle.reason) == ("south", "s-spy", "no longer in hand")
    assert state.hand("south") == () and state.pending == Turn("north")


def test_a_revealed_headline_may_ask_a_seat_to_decide(headline: GameState) -> None:
    state = set_hand(headline, "south", "s-purge", "s-spy")
    state = step(step(state, Pass("north")), PlayCard("south", "s-purge"))
    assert isinstance(state.pending, PickDiscard) and state.pending.seat == "north"
    state = step(state, DiscardCard("north", "n-build"))
    assert state.hand("north") == ("n-drain",) and state.pending == Turn("north")


def test_a_headline_may_not_be_played_for_operations_or_be_a_no_headline_card(
    headline: GameState,
) -> None:
    state = set_hand(headline, "north", "n-bluster", "n-quiet")
    assert PlayCard("north", "n-quiet") not in legal_actions(state)
    assert (
        why_illegal(state, PlayCard("north", "n-quiet"))
        == "Quiet Word cannot be played: cannot be played as a headline"
    )
    with pytest.raises(IllegalAction, match="not for operations"):
        step(state, PlayCard("north", "n-bluster", "ops", op="muster"))


# ------------------------------------------------------------------------------ operations


def test_operations_buy_what_the_cards_value_allows(turn: GameState) -> None:
    state = set_hand(turn, "north", "n-bluster", "n-gift")
    legal = legal_actions(state)
    assert PlayCard("north", "n-bluster", "ops", op="muster") in legal
    assert PlayCard("north", "n-bluster", "ops", op="talks") not in legal  # 2 ops; Bluster has 1
    assert PlayCard("north", "n-gift", "ops", op="talks") not in legal  # talks needs tension 4
    assert PlayCard("north", "n-gift", "ops", op="talks") in legal_actions(with_tracks(state, {"tension": 4}))
    after = step(state, PlayCard("north", "n-bluster", "ops", op="muster"))
    assert after.value("funds", "north") == 3 and after.value("tension") == 3  # no event of its own


def test_another_sides_event_fires_when_its_card_is_played_for_operations(turn: GameState) -> None:
    state = set_hand(turn, "north", "n-gift", "n-build")
    assert PlayCard("north", "n-gift") not in legal_actions(state)
    with pytest.raises(IllegalAction, match="South's event"):
        step(state, PlayCard("north", "n-gift"))
    after = step(state, PlayCard("north", "n-gift", "ops", op="muster"))
    assert after.value("funds", "north") == 3  # North's operation
    assert after.value("funds", "south") == 3  # South's event, with `self` = South
    assert [e.seat for e in entries(after, SideEvent)] == ["south"]
    assert "n-gift" in after.discard[after.scenario.deck_index["north"]]
    moved = [e.track for e in entries(after, TrackMoved)]
    assert moved == ["south.funds", "north.funds"]  # the other side's event first, then the operation


# ------------------------------------------------------------------ costs, needs, targets


def test_a_cost_is_paid_from_the_seats_track(turn: GameState) -> None:
    state = set_hand(turn, "north", "n-build", "n-bluster")
    after = step(state, PlayCard("north", "n-build"))
    assert after.value("funds", "north") == 0 and after.value("tension") == 2


def test_an_unaffordable_card_cannot_be_played(turn: GameState) -> None:
    state = with_tracks(set_hand(turn, "north", "n-build", "n-bluster"), {"north.funds": 1})
    assert PlayCard("north", "n-build") not in legal_actions(state)
    assert (
        why_illegal(state, PlayCard("north", "n-build"))
        == "Build cannot be played: costs 2 funds; North has 1 to spend"
    )
    assert (
        next(c for c in view(state, "north").hand if c.id == "n-build").why_not
        == "costs 2 funds; North has 1 to spend"
    )


def test_a_requirement_must_hold_to_play_the_event(turn: GameState) -> None:
    state = set_hand(turn, "north", "n-alert", "n-bluster")
    with pytest.raises(IllegalAction, match="Alert cannot be played: needs “Alert”"):
        step(state, PlayCard("north", "n-alert"))
    assert PlayCard("north", "n-alert") in legal_actions(with_flags(state, "alert"))


def test_a_targeted_card_is_aimed_at_one_of_its_targets(turn: GameState) -> None:
    state = set_hand(turn, "north", "n-drain", "n-bluster")
    drains = [a for a in legal_actions(state) if isinstance(a, PlayCard) and a.card == "n-drain"]
    assert drains == [PlayCard("north", "n-drain", target="south")]
    for target in (None, "north", "east"):
        with pytest.raises(IllegalAction, match="cannot be aimed at"):
            step(state, PlayCard("north", "n-drain", target=target))
    with pytest.raises(IllegalAction, match="takes no target"):
        step(state, PlayCard("north", "n-bluster", target="south"))


# --------------------------------------------------------------------- refill, reshuffle


def test_upkeep_refills_hands(turn: GameState) -> None:
    state = set_hand(turn, "north", "n-build", "n-bluster")
    state = step(state, PlayCard("north", "n-bluster"))
    assert len(state.hand("north")) == 1
    state = step(state, Pass("south"))
    assert state.round == 2 and [len(h) for h in state.hands] == [2, 2]


def test_an_empty_deck_is_refilled_from_its_discards(turn: GameState) -> None:
    sc = turn.scenario
    i = sc.deck_index["north"]
    state = set_hand(turn, "north", "n-build", "n-bluster")
    rest = state.draw[i]
    state = evolve(state, draw=(*state.draw[:i], (), *state.draw[i + 1 :]))
    state = evolve(state, discard=(*state.discard[:i], rest, *state.discard[i + 1 :]))
    state = step(step(state, PlayCard("north", "n-bluster")), Pass("south"))
    assert [e.deck for e in entries(state, Reshuffled)] == ["north"]
    assert len(state.hand("north")) == 2
    assert len(state.draw[i]) + len(state.discard[i]) == len(sc.decks[i].cards) - 2


# ----------------------------------------------------------------------- end of the game


def pass_to_the_end(state: GameState) -> GameState:
    while not state.over:
        state = step(state, Pass(state.to_act))  # type: ignore[arg-type]
    return state


def test_the_game_ends_at_the_round_limit_with_the_first_outcome_that_holds(headline: GameState) -> None:
    calm = pass_to_the_end(headline)
    assert calm.round == 2 and calm.ending is not None
    assert (calm.ending.outcome, calm.ending.round, calm.ending.seat) == ("calm", 2, None)
    assert legal_actions(calm) == [] and calm.pending is None
    tense = pass_to_the_end(with_tracks(headline, {"tension": 4}))
    assert tense.ending is not None and tense.ending.outcome == "tense"


def test_score_reads_objectives_at_the_end(headline: GameState) -> None:
    end = pass_to_the_end(with_tracks(headline, {"north.funds": 2}))
    north, south = score(end)["north"], score(end)["south"]
    assert north.met == ("quiet", "hoard") and north.won and north.points == 2  # funds 2 + 2 upkeeps
    assert south.missed == ("south-secret",) and south.won and south.points == 0
    war = evolve(end, ending=evolve(end.ending, outcome="war"))
    assert not any(s.won for s in score(war).values())
    war_points = {s.seat: s.points for s in score(war).values()}
    assert war_points == {"north": 0, "south": -2}  # the war costs South most


# ----------------------------------------------------------------------------- refusals


def test_why_illegal_names_each_kind_of_wrong_action(turn: GameState, headline: GameState) -> None:
    state = set_hand(turn, "north", "n-bluster", "n-build")
    cases = {
        Pass("south"): "it is North's decision, not South's",
        Pass("east"): "there is no seat 'east'; it is North's decision",
        PlayCard("north", "s-spy"): "'s-spy' is not in North's hand",
        PlayCard("north", "no-such-card"): "'no-such-card' is not in North's hand",
        PlayCard("north", "n-build", "ops", op="muster"): "Build has no operations value",
        PlayCard("north", "n-bluster", "ops", op="talks"): "'talks' is not an operation Bluster can buy now",
        PlayCard("north", "n-bluster", "ops", op=None): "None is not an operation Bluster can buy now",
        PlayCard("north", "n-bluster", op="muster"): "a card played for its event buys no operation",
        PlayCard("north", "n-bluster", "raid"): (  # type: ignore[arg-type]
            "a card is played for its event or for operations, not 'raid'"
        ),
        PlayCard("north", "n-bluster", "ops", op="muster", target="south"): (
            "a card played for operations takes no target"
        ),
        PickOption("north", 0): "North must play a card or pass now",
        DiscardCard("north", "n-bluster"): "North must play a card or pass now",
    }
    for action, message in cases.items():
        assert why_illegal(state, action) == message, action
        with pytest.raises(IllegalAction) as refused:
            step(state, action)
        assert str(refused.value) == message
    assert why_illegal(headline, PickOption("north", 0)) == "North must commit a headline card or pass now"


def test_refusals_while_a_seat_chooses_or_discards(headline: GameState) -> None:
    state = set_hand(headline, "south", "s-purge", "s-spy")
    state = step(step(state, Pass("north")), PlayCard("south", "s-purge"))
    assert isinstance(state.pending, PickDiscard)
    assert why_illegal(state, DiscardCard("north", "s-spy")) == "'s-spy' is not in North's hand"
    assert why_illegal(state, Pass("north")) == "North must discard a card now"
    assert why_illegal(state, PickOption("north", 0)) == "North must discard a card now"


def test_step_leaves_its_input_unchanged(headline: GameState) -> None:
    before = tuple(getattr(headline, a.name) for a in headline.__attrs_attrs__ if a.init)
    copy = evolve(headline)
    step(headline, PlayCard("north", "n-drain", target="south"))
    with pytest.raises(IllegalAction):
        step(headline, PlayCard("north", "s-spy"))
    assert tuple(getattr(headline, a.name) for a in headline.__attrs_attrs__ if a.init) == before
    assert headline == copy and headline.pending == Headline("north")


def test_a_rationale_is_kept_with_the_action(turn: GameState) -> None:
    after = step(turn, Pass("north", why="we wait and see"))
    assert after.history[-1] == Pass("north", why="we wait and see")
    assert entries(after, Passed)[-1].why == "we wait and see"


def test_risk_names_the_catastrophe_an_action_may_bring(effects_bench: Scenario) -> None:
    state = give(with_tracks(new_game(effects_bench, 1), {"tension": 8}), "alpha", "doom", "shout")
    assert risk(state, PlayCard("alpha", "doom")) == Risk("war", 1.0)
    assert risk(state, PlayCard("alpha", "shout")) is None
    assert not state.over and state.value("tension") == 8  # a preview is not a move
    ahead = preview(state, PlayCard("alpha", "doom"), dice=7)
    assert ahead.ending is not None and ahead.ending.outcome == "war"


def test_a_risky_roll_is_weighed_by_its_chance(effects_bench: Scenario) -> None:
    state = give(new_game(effects_bench, 1), "alpha", "dare", "gamble")
    dare = risk(state, PlayCard("alpha", "dare"))  # war on 4-6 of a die
    assert dare is not None and dare.outcome == "war" and 0 < dare.chance < 1
    assert risk(state, PlayCard("alpha", "gamble")) is None  # no catastrophe on that table


# ------------------------------------------------------------------------- regressions


def test_a_cost_is_paid_in_full_or_the_card_cannot_be_played(effects_bench: Scenario) -> None:
    """Credit runs 1..5 and alpha has 2: Pricey costs 2, which alpha cannot pay without
    going below 1. It was once playable, and only 1 credit was taken."""
    state = give(new_game(effects_bench, 1), "alpha", "pricey")
    assert PlayCard("alpha", "pricey") not in legal_actions(state)
    assert (
        why_illegal(state, PlayCard("alpha", "pricey"))
        == "Pricey cannot be played: costs 2 credit; Alpha has 1 to spend"
    )
    rich = with_tracks(state, {"alpha.credit": 3})
    assert step(rich, PlayCard("alpha", "pricey")).value("credit", "alpha") == 1


def test_a_threshold_chain_through_a_choice_ends() -> None:
    """A threshold whose choice crosses it again once looped for ever, one decision
    after another (invariant 5): thresholds now fire at most once a round."""
    state = new_game(load_scenario(ENGINE_DATA / "loop"), seed=1)
    state = step(evolve(state, hands=(("push",),), draw=((),)), PlayCard("solo", "push"))
    answers = 0
    while isinstance(state.pending, Choice):
        assert answers < 5, "still choosing"
        state = step(state, PickOption("solo", 0))
        answers += 1
    assert answers == 1 and state.over


def test_the_draft_has_every_field_of_the_state(flow_bench: Scenario) -> None:
    """`Draft` is declared field by field; a field added to `GameState` must be added there."""
    from game.engine.effects import Draft

    assert set(Draft.__slots__) - {"entries", "quiet"} == {f.name for f in attrs.fields(GameState) if f.init}
    state = new_game(flow_bench, seed=4)
    assert Draft(state).freeze() == state


def test_every_kind_of_phase_has_its_flow() -> None:
    from game.engine.forms import PHASE_KINDS
    from game.engine.rules import PHASE_FLOW

    assert set(PHASE_FLOW) == set(PHASE_KINDS)


def test_an_action_taken_from_the_legal_list_steps_as_one_built_afresh(turn: GameState) -> None:
    """`step` skips the legality check for the very action object `legal_actions` listed
    (bots pass it back): it must land where the same action, built anew and checked, does;
    an action no longer in the list is still checked and refused."""
    for listed in legal_actions(turn):
        fresh = attrs.evolve(listed)
        assert fresh is not listed
        assert step(turn, listed) == step(turn, fresh)
    first = legal_actions(turn)[0]
    played = step(turn, first)
    assert played.pending == Turn("south")
    with pytest.raises(IllegalAction):
        step(played, first)
