"""Each effect kind of the vocabulary, and each condition kind, with exact outcomes.

The bench is `tests/data/engine/effects`: seats alpha, bravo and charlie act in that
order, hands start empty, and each test gives alpha the card it plays. Tracks: tension
(0..10, Brink at 7 sets a flag, War at 10 ends the game), pressure (capped at 5 unless
`enforcing`), calm (0..5, Unrest when it falls to 1), funds per seat (0..9, Bankrupt at 0
skips the seat's next action; alpha starts with 4, the others 3), trust between alpha
and bravo (relation `ab`, 5).
"""

from __future__ import annotations

import pytest
from attrs import evolve
from conftest import ENGINE_DATA
from hypothesis import given
from hypothesis import strategies as st
from strategies import entries, give, with_flags, with_tracks

from game.engine import (
    GameState,
    IllegalAction,
    Pass,
    PickOption,
    PlayCard,
    Scenario,
    legal_actions,
    load_scenario,
    new_game,
    step,
    view,
)
from game.engine.conditions import compiled_holds, holds, margin, slots_for
from game.engine.effects import APPLY, Draft, resolve
from game.engine.entries import (
    Capped,
    CardAdded,
    Chose,
    Discarded,
    Drew,
    FlagChanged,
    NoChoice,
    OngoingEnded,
    Reshuffled,
    Rolled,
    Said,
    SkipNext,
    Skipped,
    ThresholdCrossed,
    TrackMoved,
)
from game.engine.model import Choice, Ctx, DiscardCard, Ending, Job, PickDiscard, Turn
from game.engine.narrate import describe, tell
from game.engine.vocab import (
    EFFECT_KINDS,
    All,
    Any,
    Condition,
    FlagIs,
    If,
    Not,
    RoundIs,
    Say,
    SeatIs,
    Shift,
    TrackIs,
)


@pytest.fixture
def start(effects_bench: Scenario) -> GameState:
    return new_game(effects_bench, seed=1)


def play(state: GameState, card: str, seat: str = "alpha", **kw: str) -> GameState:
    """`seat` (whose turn it is) is given `card` and plays it for its event."""
    return step(give(state, seat, card), PlayCard(seat, card, **kw))


def said(state: GameState) -> list[str]:
    return [e.text for e in entries(state, Said)]


def test_the_bench_uses_every_effect_kind(effects_bench: Scenario) -> None:
    """Every kind of the closed vocabulary appears on some card of the bench."""
    found: set[type] = set()

    def walk(effects: tuple) -> None:
        for e in effects:
            found.add(type(e))
            for inner in ("then", "else_", "effects"):
                walk(getattr(e, inner, ()))
            for part in (*getattr(e, "table", ()), *getattr(e, "options", ())):
                walk(part.effects)

    for card in effects_bench.cards.values():
        walk(card.effects)
    assert found == set(EFFECT_KINDS)


def test_the_bench_starts_at_alphas_turn(start: GameState) -> None:
    assert start.pending == Turn("alpha")
    assert start.hands == ((), (), ())
    assert start.value("tension") == 3 and start.value("funds", "alpha") == 4


# ----------------------------------------------------------------------------- shift, set


def test_shift_moves_a_track_and_logs_who_moved_it(start: GameState) -> None:
    after = play(start, "raise-tension")
    assert after.value("tension") == 5
    (entry,) = entries(after, TrackMoved)
    assert (entry.seat, entry.card, entry.track, entry.old, entry.new) == (
        "alpha",
        "raise-tension",
        "tension",
        3,
        5,
    )


def test_shift_clamps_at_the_bounds(start: GameState) -> None:
    assert play(start, "calm-up").value("calm") == 5
    assert play(start, "calm-down").value("calm") == 0


def test_a_shift_that_changes_nothing_logs_nothing(start: GameState) -> None:
    after = play(with_tracks(start, {"calm": 5}), "calm-up")
    assert after.value("calm") == 5 and not entries(after, TrackMoved)


def test_set_puts_a_track_at_a_value(start: GameState) -> None:
    after = play(start, "calm-set")
    assert after.value("calm") == 0
    assert said(after) == ["Unrest in the streets"]  # setting crosses thresholds too


def test_a_cap_holds_unless_its_flag_is_in_force(start: GameState) -> None:
    capped = play(start, "press")
    assert capped.value("pressure") == 5
    assert [(e.track, e.at) for e in entries(capped, Capped)] == [("pressure", 5)]
    moved = [type(e) for e in capped.log if isinstance(e, TrackMoved | Capped) and e.track == "pressure"]
    assert moved == [TrackMoved, Capped]  # the move first, then where it stopped short
    assert play(with_flags(start, "enforcing"), "press").value("pressure") == 10
    assert play(start, "press-set").value("pressure") == 5
    assert play(with_flags(start, "enforcing"), "press-set").value("pressure") == 8


def test_a_cap_never_lowers_a_value_already_above_it(start: GameState) -> None:
    after = play(with_tracks(start, {"pressure": 7}), "press")
    assert after.value("pressure") == 7
    assert play(with_tracks(start, {"pressure": 7}), "gamble").value("pressure") == 7


# ----------------------------------------------------------------------------- thresholds


def test_a_rising_threshold_fires_once_on_crossing(start: GameState) -> None:
    at_six = with_tracks(start, {"tension": 5})
    once = play(at_six, "raise-tension")
    assert once.value("tension") == 7 and "brink" in once.flags
    assert [e.name for e in entries(once, ThresholdCrossed)] == ["Brink"]
    # Staying above the mark does not fire it again.
    again = play(step(step(once, Pass("bravo")), Pass("charlie")), "raise-tension")
    assert again.value("tension") == 9
    assert [e.name for e in entries(again, ThresholdCrossed)] == ["Brink"]


def test_a_threshold_fires_at_most_once_a_round(start: GameState) -> None:
    """Crossed, uncrossed and crossed again in one round: it fires once. In the next
    round, crossed again, it fires again."""
    state = play(with_tracks(start, {"tension": 6}), "seesaw")  # 6 → 8 → 6 → 8
    assert state.value("tension") == 8
    assert [e.name for e in entries(state, ThresholdCrossed)] == ["Brink"]
    state = step(step(state, Pass("bravo")), Pass("charlie"))
    state = play(state, "dip")  # round 2: 8 → 6 → 8
    assert [(e.round, e.name) for e in entries(state, ThresholdCrossed)] == [(1, "Brink"), (2, "Brink")]


def test_a_rising_threshold_does_not_fire_on_the_way_down(start: GameState) -> None:
    after = play(with_tracks(start, {"tension": 8}), "branch")  # no marker: tension −1
    assert after.value("tension") == 7 and not entries(after, ThresholdCrossed)


def test_a_falling_threshold_fires_on_crossing_only(start: GameState) -> None:
    after = play(start, "calm-down")
    assert [e.name for e in entries(after, ThresholdCrossed)] == ["Unrest"]
    assert said(after) == ["Unrest in the streets"]
    already_there = play(with_tracks(start, {"calm": 1}), "calm-down")
    assert already_there.value("calm") == 0 and not entries(already_there, ThresholdCrossed)


def test_a_catastrophe_ends_the_game_and_records_who_pushed(start: GameState) -> None:
    after = play(with_tracks(start, {"tension": 8}), "doom")
    assert after.value("tension") == 10
    assert after.ending == Ending("war", 1, "alpha", "doom", "tension")
    assert after.over and after.pending is None and after.to_act is None
    assert "never resolved" not in said(after)  # the rest of the card is not resolved
    v = view(after, None)
    assert v.ending is not None and v.ending.catastrophe and v.ending.pushed_by == "Alpha"
    assert v.ending.card == "Doom" and v.ending.track == "Tension"
    with pytest.raises(IllegalAction, match="the game is over"):
        step(after, Pass("bravo"))


def test_a_relation_threshold_acts_on_the_relation_that_crossed(start: GameState) -> None:
    """Estranged (trust falls to 1) lowers trust once more with no `relation` named,
    and pays the relation's second seat (`target`), whoever pushed the track."""
    state = play(with_tracks(start, {"ab.trust": 2}), "strain")
    assert state.value("trust", "ab") == 0
    assert state.value("funds", "bravo") == start.value("funds", "bravo") + 1
    assert [e.name for e in entries(state, ThresholdCrossed)] == ["Estranged"]


def test_a_seat_threshold_resolves_for_the_seat_that_owns_the_track(start: GameState) -> None:
    after = play(start, "bankrupt")
    assert after.value("funds", "bravo") == 0
    assert after.value("funds", "alpha") == 4
    assert after.pending == Turn("charlie")  # bravo's skip was spent at once
    assert [e.seat for e in entries(after, Skipped)] == ["bravo"]


# ----------------------------------------------------------------------- seats, relations


def test_shift_others_and_all(start: GameState) -> None:
    squeezed = play(start, "squeeze")
    assert [squeezed.value("funds", s) for s in ("alpha", "bravo", "charlie")] == [4, 2, 2]
    paid = play(start, "payday")
    assert [paid.value("funds", s) for s in ("alpha", "bravo", "charlie")] == [6, 4, 4]


def test_shift_a_named_relation(start: GameState) -> None:
    assert play(start, "trust-ab").value("trust", "ab") == 7


def test_a_targeted_card_names_the_target_and_its_relation(start: GameState) -> None:
    armed = give(start, "alpha", "court")
    court = [a for a in legal_actions(armed) if isinstance(a, PlayCard)]
    assert court == [PlayCard("alpha", "court", target="bravo"), PlayCard("alpha", "court", target="charlie")]
    to_bravo = step(armed, PlayCard("alpha", "court", target="bravo"))
    assert to_bravo.value("trust", "ab") == 6 and to_bravo.value("funds", "bravo") == 4
    to_charlie = step(armed, PlayCard("alpha", "court", target="charlie"))
    assert to_charlie.value("trust", "ab") == 5  # no alpha–charlie relation: nothing to move
    assert to_charlie.value("funds", "charlie") == 4


# ---------------------------------------------------------------------------------- flags


def test_set_and_clear_a_flag(start: GameState) -> None:
    on = play(start, "enforce")
    assert "enforcing" in on.flags
    assert [(e.flag, e.raised) for e in entries(on, FlagChanged)] == [("enforcing", True)]
    off = play(with_flags(start, "enforcing"), "unenforce")
    assert "enforcing" not in off.flags
    assert [(e.flag, e.raised) for e in entries(off, FlagChanged)] == [("enforcing", False)]


def test_setting_a_flag_in_force_or_clearing_one_lifted_changes_nothing(start: GameState) -> None:
    assert not entries(play(with_flags(start, "enforcing"), "enforce"), FlagChanged)
    assert not entries(play(start, "unenforce"), FlagChanged)


# ---------------------------------------------------------------------------- draw, discard


def test_draw_takes_the_top_cards_of_the_seats_own_deck(start: GameState) -> None:
    armed = give(start, "alpha", "draw-two")
    top = armed.draw[armed.scenario.deck_index["alpha"]][:2]
    after = step(armed, PlayCard("alpha", "draw-two"))
    assert after.hand("alpha") == top
    (entry,) = entries(after, Drew)
    assert entry.seat == "alpha" and entry.cards == top


def test_draw_for_another_seat(start: GameState) -> None:
    after = play(start, "bravo-draws")
    assert len(after.hand("bravo")) == 3 and set(after.hand("bravo")) <= {f"bravo-{i}" for i in range(1, 5)}


def test_draw_reshuffles_the_discards_when_the_deck_runs_out(start: GameState) -> None:
    i = start.scenario.deck_index["bravo"]
    low = _piles(start, i, draw=("bravo-1",), discard=("bravo-2", "bravo-3"))
    after = play(low, "bravo-draws")
    assert after.hand("bravo")[0] == "bravo-1"
    assert set(after.hand("bravo")) == {"bravo-1", "bravo-2", "bravo-3"}
    assert after.discard[i] == () and after.draw[i] == ()
    assert [e.deck for e in entries(after, Reshuffled)] == ["bravo"]


def test_draw_takes_what_there_is(start: GameState) -> None:
    i = start.scenario.deck_index["bravo"]
    after = play(_piles(start, i, draw=("bravo-1",), discard=()), "bravo-draws")
    assert after.hand("bravo") == ("bravo-1",)


def _piles(state: GameState, i: int, draw: tuple[str, ...], discard: tuple[str, ...]) -> GameState:
    """Bravo's deck arranged; the cards left over go to the reserve (out of play)."""
    rest = tuple(c for c in state.draw[i] if c not in draw + discard)
    return evolve(
        state,
        draw=(*state.draw[:i], draw, *state.draw[i + 1 :]),
        discard=(*state.discard[:i], discard, *state.discard[i + 1 :]),
        reserve=state.reserve + rest,
    )


def test_a_chosen_discard_asks_the_seat_card_by_card(start: GameState) -> None:
    armed = give(start, "alpha", "alpha-filler", "shout", "raise-tension")
    asked = play(armed, "purge")
    assert asked.pending == PickDiscard("alpha", 2, asked.pending.ctx)  # type: ignore[union-attr]
    assert set(legal_actions(asked)) == {
        DiscardCard("alpha", c) for c in ("alpha-filler", "shout", "raise-tension")
    }
    assert "purged" not in said(asked)  # the card waits for the answer
    once = step(asked, DiscardCard("alpha", "shout"))
    assert isinstance(once.pending, PickDiscard) and once.pending.count == 1
    done = step(once, DiscardCard("alpha", "alpha-filler", why="no use"))
    assert done.hand("alpha") == ("raise-tension",)
    i = start.scenario.deck_index["alpha"]
    assert done.discard[i] == ("purge", "shout", "alpha-filler")
    assert said(done) == ["purged"] and done.pending == Turn("bravo")


def test_a_chosen_discard_asks_no_more_than_the_hand_holds(start: GameState) -> None:
    asked = play(give(start, "alpha", "shout"), "purge")
    assert isinstance(asked.pending, PickDiscard) and asked.pending.count == 1
    empty = play(start, "purge")
    assert empty.pending == Turn("bravo") and said(empty) == ["purged"]


def test_a_random_discard_takes_one_card_without_asking(start: GameState) -> None:
    armed = give(start, "bravo", "bravo-1", "bravo-2")
    after = play(armed, "raid")
    assert len(after.hand("bravo")) == 1
    (entry,) = entries(after, Discarded)
    assert entry.seat == "bravo" and entry.card in ("bravo-1", "bravo-2")
    assert entry.card not in after.hand("bravo")
    assert after.discard[start.scenario.deck_index["bravo"]] == (entry.card,)
    assert after.pending == Turn("bravo")


# ----------------------------------------------------------------------------------- roll


@pytest.mark.parametrize("seed", range(12))
def test_a_roll_reads_its_row_off_the_table(effects_bench: Scenario, seed: int) -> None:
    after = play(new_game(effects_bench, seed), "gamble")
    (roll,) = entries(after, Rolled)
    assert 1 <= roll.total <= 6 and roll.result == roll.total  # unmodified: the result is the dice
    row = {1: "low", 2: "low", 3: "mid", 4: "mid", 5: "high", 6: "high"}[roll.total]
    assert roll.text == row
    assert after.value("pressure") == 2 + {"low": 1, "mid": 2, "high": 3}[row]


def test_a_roll_covers_every_face(effects_bench: Scenario) -> None:
    faces = {entries(play(new_game(effects_bench, s), "gamble"), Rolled)[0].total for s in range(60)}
    assert faces == {1, 2, 3, 4, 5, 6}


def test_a_modified_roll_beyond_the_table_counts_as_its_last_row(start: GameState) -> None:
    after = play(with_tracks(start, {"calm": 5}), "gamble-up")  # 1d6 + calm 5 + funds 4
    (roll,) = entries(after, Rolled)
    assert roll.total <= 6 and roll.result == 6 and roll.text == "high"
    assert said(after) == ["high roll"]


def test_a_modified_roll_below_the_table_counts_as_its_first_row(start: GameState) -> None:
    after = play(start, "gamble-down")  # 1d6 − calm 3 − trust 5
    (roll,) = entries(after, Rolled)
    assert roll.result == 1 and roll.text == "low" and "marker" in after.flags


# ------------------------------------------------------------------------------------- if


def test_if_resolves_then_or_else(start: GameState) -> None:
    assert play(start, "branch").value("tension") == 2
    assert play(with_flags(start, "marker"), "branch").value("tension") == 4


# --------------------------------------------------------------------------------- choose


def test_choose_waits_for_the_chooser_and_self_is_the_chooser(start: GameState) -> None:
    asked = play(start, "ask-bravo")
    p = asked.pending
    assert isinstance(p, Choice) and p.seat == "bravo" and p.ctx == Ctx("bravo", "ask-bravo")
    assert p.prompt == "Take the money or keep faith?"
    assert legal_actions(asked) == [
        PickOption("bravo", 0),
        PickOption("bravo", 2),
    ]  # "Locked" needs the marker
    assert "after the choice" not in said(asked)
    took = step(asked, PickOption("bravo", 0, why="we need it"))
    assert took.value("funds", "bravo") == 5 and took.value("funds", "alpha") == 4
    assert said(took) == ["after the choice"] and took.pending == Turn("bravo")
    (chose,) = entries(took, Chose)
    assert (chose.seat, chose.card, chose.option, chose.why) == (
        "bravo",
        "ask-bravo",
        "Take",
        "we need it",
    )
    faith = step(asked, PickOption("bravo", 2))
    assert faith.value("trust", "ab") == 6 and faith.value("funds", "bravo") == 3


def test_an_option_whose_requirement_fails_cannot_be_picked(start: GameState) -> None:
    asked = play(start, "ask-bravo")
    with pytest.raises(IllegalAction, match="Locked"):
        step(asked, PickOption("bravo", 1))
    for wrong in (-1, 3):
        with pytest.raises(IllegalAction, match=f"there is no option {wrong}; the options are 0 to 2"):
            step(asked, PickOption("bravo", wrong))
    unlocked = play(with_flags(start, "marker"), "ask-bravo")
    assert PickOption("bravo", 1) in legal_actions(unlocked)
    assert said(step(unlocked, PickOption("bravo", 1))) == ["unlocked", "after the choice"]


def test_the_log_credits_a_choice_to_the_card_and_names_the_chooser(start: GameState) -> None:
    """Bravo chose, but Ask Bravo is Alpha's card: not "Bravo's Ask Bravo"; the log in
    order (`tell`) names the option too."""
    took = step(play(start, "ask-bravo"), PickOption("bravo", 0))
    (moved,) = [e for e in entries(took, TrackMoved) if e.track == "bravo.funds"]
    assert describe(moved, took.scenario) == "Bravo's choice on Alpha's Ask Bravo raised Bravo's funds 3 → 5"
    told = [text for _, text in tell(took.log, took.scenario)]
    assert told[-3:-1] == [
        "Bravo chose “Take” for Alpha's Ask Bravo",
        "Bravo's choice of “Take” on Alpha's Ask Bravo raised Bravo's funds 3 → 5",
    ]
    (paid,) = [e for e in entries(play(start, "trust-ab"), TrackMoved)]
    assert describe(paid, start.scenario) == "Alpha's Trust raised Alpha–Bravo trust 5 → 7"


def test_choose_all_asks_every_seat_in_turn(start: GameState) -> None:
    state = play(start, "ask-all")
    for seat, option in (("alpha", 0), ("bravo", 1), ("charlie", 0)):
        assert isinstance(state.pending, Choice) and state.pending.seat == seat
        state = step(state, PickOption(seat, option))
    assert [state.value("funds", s) for s in ("alpha", "bravo", "charlie")] == [3, 4, 2]
    assert state.pending == Turn("bravo")


def test_choose_with_no_option_open_goes_on_without_asking(start: GameState) -> None:
    after = play(start, "ask-locked")
    assert after.pending == Turn("bravo")
    assert [e.prompt for e in entries(after, NoChoice)] == ["Locked out?"]
    assert said(after) == ["went on"]


# ------------------------------------------------------------------------ add, remove cards


def test_add_card_into_the_owners_hand(start: GameState) -> None:
    after = play(start, "recruit-hand")
    assert after.hand("alpha") == ("reserve-a",) and "reserve-a" not in after.reserve
    assert [(e.card, e.into) for e in entries(after, CardAdded)] == [("reserve-a", "hand")]


def test_add_card_on_top_of_its_deck(start: GameState) -> None:
    after = play(start, "recruit-top")
    assert after.draw[start.scenario.deck_index["alpha"]][0] == "reserve-b"
    assert "reserve-b" not in after.reserve


def test_add_card_shuffled_into_its_deck(start: GameState) -> None:
    after = play(start, "recruit-deck")
    pile = after.draw[start.scenario.deck_index["alpha"]]
    assert "reserve-c" in pile and "reserve-c" not in after.reserve
    assert len(pile) == len(give(start, "alpha", "recruit-deck").draw[start.scenario.deck_index["alpha"]]) + 1


def test_add_card_already_in_play_does_nothing(start: GameState) -> None:
    held = give(start, "bravo", "reserve-a")
    after = play(held, "recruit-hand")
    assert after.hand("alpha") == () and after.hand("bravo") == ("reserve-a",)
    assert not entries(after, CardAdded)


def test_remove_card_takes_it_out_wherever_it_is(start: GameState) -> None:
    for where in (start, give(start, "bravo", "bravo-1")):
        after = play(where, "burn")
        assert "bravo-1" in after.removed
        assert all("bravo-1" not in pile for pile in (*after.draw, *after.discard, *after.hands))


def test_remove_card_self_removes_the_card_being_played(start: GameState) -> None:
    after = play(start, "one-shot")
    assert after.removed == ("one-shot",)
    assert "one-shot" not in after.discard[start.scenario.deck_index["alpha"]]


def test_remove_then_add_brings_a_card_back(start: GameState) -> None:
    gone = evolve(start, reserve=tuple(c for c in start.reserve if c != "reserve-a"), removed=("reserve-a",))
    back = play(gone, "recruit-hand")
    assert back.hand("alpha") == ("reserve-a",) and back.removed == ()


def test_a_once_card_leaves_the_game_when_played(start: GameState) -> None:
    after = play(start, "once-only")
    assert after.removed == ("once-only",) and said(after) == ["once"]


# ----------------------------------------------------------------------------------- skip


def test_skip_consumes_the_seats_next_action_turn(start: GameState) -> None:
    after = play(start, "freeze")
    assert after.pending == Turn("charlie") and after.skips == (0, 0, 0)
    assert [e.seat for e in entries(after, SkipNext)] == ["bravo"]
    assert [e.seat for e in entries(after, Skipped)] == ["bravo"]
    round_two = step(step(after, Pass("charlie")), Pass("alpha"))
    assert round_two.round == 2 and round_two.pending == Turn("bravo")


# -------------------------------------------------------------------------------- ongoing


def test_ongoing_ticks_at_each_upkeep_for_its_rounds_then_ends(start: GameState) -> None:
    state = play(start, "slow-burn")
    assert [(r.name, r.rounds_left) for r in state.ongoing] == [("Slow burn", 2)]
    assert state.value("tension") == 3  # nothing until the upkeep
    seen = []
    while not state.over:
        state = step(state, Pass(state.to_act))  # type: ignore[arg-type]
        seen.append((state.round, state.value("tension"), len(state.ongoing)))
    assert (2, 4, 1) in seen and (3, 5, 0) in seen
    assert state.value("tension") == 5 and state.ongoing == ()
    assert [e.name for e in entries(state, OngoingEnded)] == ["Slow burn"]
    assert state.ending is not None and state.ending.outcome == "stalemate"


# ------------------------------------------------------------------------------- end, say


def test_end_game_ends_at_once_with_the_named_outcome(start: GameState) -> None:
    after = play(start, "deal")
    assert after.ending == Ending("deal", 1, "alpha", "deal", None)
    assert after.over and "never resolved" not in said(after)
    assert view(after, None).ending.catastrophe is False  # type: ignore[union-attr]


def test_say_writes_a_line_everyone_reads(start: GameState) -> None:
    after = play(start, "shout")
    (entry,) = entries(after, Said)
    assert describe(entry, after.scenario) == "Eighty-seven stores shut"
    assert "Eighty-seven stores shut" in [line.text for line in view(after, "charlie").log]


# -------------------------------------------------------------- empty lists (regressions)


def test_an_empty_ongoing_effect_ticks_quietly(start: GameState) -> None:
    """Once crashed the upkeep with an IndexError."""
    state = play(start, "idle-ongoing")
    state = step(step(state, Pass("bravo")), Pass("charlie"))
    assert state.round == 2 and state.ongoing == ()


def test_an_empty_crisis_card_is_a_quiet_round() -> None:
    """Once crashed `new_game` with an IndexError."""
    state = new_game(load_scenario(ENGINE_DATA / "quiet"), seed=1)
    assert state.crisis == "quiet" and state.pending == Turn("solo")


# ------------------------------------------------------------------------------ conditions


def test_track_conditions_on_global_tracks(start: GameState) -> None:
    ctx = Ctx("alpha")
    cases = [
        (TrackIs("tension", at_least=3), True, 1),
        (TrackIs("tension", at_least=4), False, 0),
        (TrackIs("tension", at_most=3), True, 1),
        (TrackIs("tension", at_most=1), False, -1),
        (TrackIs("tension", at_least=1, at_most=4), True, 2),
    ]
    for cond, ok, m in cases:
        assert holds(cond, start, ctx) is ok, cond
        assert margin(cond, start, ctx) == m, cond


def test_track_conditions_on_seat_tracks(start: GameState) -> None:
    funds4 = TrackIs("funds", at_least=4)  # no seat: the seat acting
    assert holds(funds4, start, Ctx("alpha")) and not holds(funds4, start, Ctx("bravo"))
    assert holds(TrackIs("funds", seat="bravo", at_most=3), start, Ctx("alpha"))
    target = TrackIs("funds", seat="target", at_most=3)
    assert holds(target, start, Ctx("alpha", target="bravo"))
    assert not holds(target, start, Ctx("alpha")) and margin(target, start, Ctx("alpha")) == -1


def test_track_conditions_on_relations(start: GameState) -> None:
    named = TrackIs("trust", relation="ab", at_least=5)
    assert holds(named, start, Ctx())
    with_target = TrackIs("trust", at_least=5)  # the relation between self and the target
    assert holds(with_target, start, Ctx("alpha", target="bravo"))
    assert holds(with_target, start, Ctx("bravo", target="alpha"))
    assert not holds(with_target, start, Ctx("alpha", target="charlie"))
    assert margin(with_target, start, Ctx("alpha", target="charlie")) == -1


def test_flag_round_and_seat_conditions(start: GameState) -> None:
    ctx = Ctx("alpha")
    assert not holds(FlagIs("marker"), start, ctx) and margin(FlagIs("marker"), start, ctx) == 0
    marked = with_flags(start, "marker")
    assert holds(FlagIs("marker"), marked, ctx) and margin(FlagIs("marker"), marked, ctx) == 1
    assert holds(RoundIs(at_least=1), start, ctx) and not holds(RoundIs(at_least=2), start, ctx)
    assert holds(RoundIs(at_most=1), start, ctx) and not holds(RoundIs(at_least=1, at_most=0), start, ctx)
    assert holds(SeatIs(("alpha", "charlie")), start, ctx)
    assert not holds(SeatIs(("bravo",)), start, ctx) and not holds(SeatIs(("alpha",)), start, Ctx())


def test_not_all_any(start: GameState) -> None:
    ctx = Ctx("alpha")
    yes, no = TrackIs("tension", at_least=2), FlagIs("marker")  # margins 2 and 0
    assert holds(Not(no), start, ctx) and margin(Not(no), start, ctx) == 1
    assert not holds(Not(yes), start, ctx) and margin(Not(yes), start, ctx) == -1
    assert not holds(All((yes, no)), start, ctx) and margin(All((yes, no)), start, ctx) == 0
    assert holds(Any((yes, no)), start, ctx) and margin(Any((yes, no)), start, ctx) == 2
    assert holds(All(()), start, ctx) and margin(All(()), start, ctx) == 1
    assert not holds(Any(()), start, ctx) and margin(Any(()), start, ctx) == -1


_BOUND = st.none() | st.integers(-1, 11)
_TRACK_IS = st.one_of(
    st.builds(TrackIs, st.just("tension"), at_least=_BOUND, at_most=_BOUND),
    st.builds(
        TrackIs,
        st.sampled_from(["funds", "credit"]),
        seat=st.sampled_from([None, "self", "target", "others", "all", "bravo"]),
        at_least=_BOUND,
        at_most=_BOUND,
    ),
    st.builds(TrackIs, st.just("trust"), relation=st.sampled_from([None, "target", "ab"]), at_least=_BOUND),
)
_LEAF = st.one_of(
    _TRACK_IS,
    st.builds(FlagIs, st.sampled_from(["marker", "brink"])),
    st.builds(RoundIs, _BOUND, _BOUND),
    st.builds(SeatIs, st.lists(st.sampled_from(["alpha", "bravo", "charlie"]), max_size=2).map(tuple)),
)
CONDITIONS = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.builds(Not, inner),
        st.builds(All, st.lists(inner, max_size=3).map(tuple)),
        st.builds(Any, st.lists(inner, max_size=3).map(tuple)),
    ),
    max_leaves=6,
)
SEATS = st.sampled_from([None, "alpha", "bravo", "charlie"])


@given(
    cond=CONDITIONS,
    seat=SEATS,
    target=SEATS,
    values=st.lists(st.integers(0, 9), min_size=16, max_size=16),
    flags=st.sets(st.sampled_from(["marker", "brink"])),
)
def test_a_compiled_condition_answers_as_holds(
    effects_bench: Scenario,
    cond: Condition,
    seat: str | None,
    target: str | None,
    values: list[int],
    flags: set[str],
) -> None:
    state = new_game(effects_bench, seed=1)
    state = evolve(state, tracks=tuple(values[: len(state.tracks)]), flags=frozenset(flags))
    ctx = Ctx(seat, target=target)
    assert compiled_holds(cond, effects_bench)(state, ctx) is holds(cond, state, ctx)


@given(
    track=st.sampled_from(["tension", "pressure", "calm", "funds", "credit", "trust"]),
    by=st.integers(-4, 4),
    seat=st.sampled_from([None, "all", "others", "bravo"]),
    values=st.lists(st.integers(0, 10), min_size=16, max_size=16),
    fired=st.sets(st.integers(0, 15)),
    enforcing=st.booleans(),
    quiet=st.booleans(),
)
def test_a_shift_moves_each_track_as_move_track_does(
    effects_bench: Scenario,
    track: str,
    by: int,
    seat: str | None,
    values: list[int],
    fired: set[int],
    enforcing: bool,
    quiet: bool,
) -> None:
    """A shift clamps and logs inline (a fast path): it moves, logs, stops at the cap
    (lifted or not) and fires thresholds (some fired already) exactly as `move_track`
    on each slot."""
    sc = effects_bench
    scope = sc.track_by_id[track].scope
    shift = Shift(track, by, seat if scope == "seat" else None)
    tracks = tuple(min(max(v, t.min), t.max) for v, t in zip(values, sc.slot_track, strict=False))
    state = evolve(
        new_game(sc, seed=1),
        tracks=tracks,
        fired=frozenset(
            (s, n) for s in fired if s < len(tracks) for n, _ in enumerate(sc.slot_track[s].thresholds)
        ),
        flags=frozenset({"enforcing"} if enforcing else ()),
    )
    ctx = Ctx("alpha", "x", target="bravo")
    fast, slow = Draft(state, quiet), Draft(state, quiet)
    APPLY[Shift](shift, sc)(fast, ctx)
    for slot in slots_for(track, shift.seat, None, ctx, sc):
        slow.move_track(slot, slow.tracks[slot] + by, ctx)
    assert (fast.tracks, fast.fired, fast.agenda, fast.ending, fast.entries) == (
        slow.tracks,
        slow.fired,
        slow.agenda,
        slow.ending,
        slow.entries,
    )


def test_a_decision_inside_a_branch_keeps_the_rest_of_the_job_behind_it(start: GameState) -> None:
    """`resolve` runs a branch ahead of the rest of its job; when a seat must decide in
    it, what is left of both waits on the agenda in that order."""
    sc = start.scenario
    asking = sc.cards["ask-bravo"].effects  # a choice, then a `say`
    job = (If(FlagIs("marker"), then=(*asking, Say("in the branch"))), Say("after the branch"))
    d = Draft(with_flags(start, "marker"))
    d.pending = None
    ctx = Ctx("alpha", "ask-bravo")
    d.push(job, ctx)
    resolve(d)
    assert isinstance(d.pending, Choice)
    held = evolve(ctx, because=(FlagIs("marker"),))  # the log says why the branch ran
    assert d.agenda == (Job((asking[1], Say("in the branch")), held), Job((job[1],), ctx))


def test_a_threshold_crossed_in_a_branch_resolves_before_the_rest_of_it(start: GameState) -> None:
    """A branch resolves at once (`effects.run_now`), but what it sets off still comes
    first: Brink (at 7) raises its flag before the branch's next effect."""
    job = (If(FlagIs("marker"), then=(Shift("tension", 5), Say("in the branch"))), Say("after the branch"))
    d = Draft(with_flags(start, "marker"))
    d.pending = None
    d.push(job, Ctx("alpha", "x"))
    resolve(d)
    kinds = [(type(e).__name__, getattr(e, "text", None)) for e in d.entries]
    assert kinds == [
        ("TrackMoved", None),
        ("ThresholdCrossed", None),
        ("FlagChanged", None),
        ("Said", "in the branch"),
        ("Said", "after the branch"),
    ]


def test_holds_refuses_what_is_not_a_condition(start: GameState) -> None:
    with pytest.raises(AssertionError):
        holds("tension", start, Ctx())  # type: ignore[arg-type]
