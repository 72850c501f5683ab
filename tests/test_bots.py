"""Bots: they choose only legal actions, the same one for the same state, never by the
dice to come; the heuristic bot steers towards its objectives and away from catastrophe."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from attrs import evolve
from conftest import ENGINE_DATA, ROOT
from hypothesis import given
from hypothesis import strategies as st
from strategies import give, scenario_files, with_tracks, write_scenario

from game.engine import GameState, Pass, PlayCard, Scenario, legal_actions, load_scenario, new_game, step
from game.engine.bots import BOTS, _plan, heuristic_bot, random_bot
from game.engine.conditions import compiled_margin, margin
from game.engine.model import Choice, Ctx, Headline, PickDiscard, Turn
from game.engine.rules import lookahead

# Every bot, but the search bot at one level only: its levels differ in budget alone
# (tests/test_search.py tries each level), and the others would take minutes here.
QUICK_BOTS = sorted(b for b in BOTS if b not in ("search", "search-hard"))


def positions(scenario: Scenario, games: int, seed: int = 0) -> list[GameState]:
    """Every decision of a few random-bot games."""
    out = []
    for g in range(games):
        state = new_game(scenario, seed + g)
        while not state.over:
            out.append(state)
            state = step(state, random_bot(state))
    return out


@pytest.fixture(scope="module")
def nea_positions(nea2017: Scenario) -> list[GameState]:
    return positions(nea2017, 3)[::5]


@pytest.mark.parametrize("bot", QUICK_BOTS)
def test_bots_choose_only_legal_actions(bot: str, nea_positions: list[GameState]) -> None:
    for state in nea_positions:
        assert BOTS[bot](state) in legal_actions(state)


@pytest.mark.parametrize("bot", QUICK_BOTS)
def test_bots_are_deterministic_and_blind_to_the_dice(bot: str, nea_positions: list[GameState]) -> None:
    for state in nea_positions[:25]:
        action = BOTS[bot](state)
        assert BOTS[bot](evolve(state)) == action  # the same state, another object
        assert BOTS[bot](evolve(state, rng=state.rng ^ 0xDEADBEEF)) == action  # other dice to come


def test_the_random_bot_varies_its_choices(nea_positions: list[GameState]) -> None:
    wide = [s for s in nea_positions if len(legal_actions(s)) > 3]
    picks = {legal_actions(s).index(random_bot(s)) for s in wide}
    assert len(picks) > 2


@pytest.fixture
def alpha(effects_bench: Scenario) -> GameState:
    """The effects bench at alpha's turn. Alpha's objective: tension at most 5."""
    return new_game(effects_bench, seed=2)


def test_the_heuristic_bot_avoids_an_obvious_catastrophe(alpha: GameState) -> None:
    state = give(with_tracks(alpha, {"tension": 8}), "alpha", "doom", "raise-tension", "shout")
    assert {PlayCard("alpha", "doom"), PlayCard("alpha", "raise-tension")} <= set(legal_actions(state))
    for seed in range(6):  # the seed sets the bot's noise
        choice = heuristic_bot(evolve(state, seed=seed))
        assert choice not in (PlayCard("alpha", "doom"), PlayCard("alpha", "raise-tension"))


def test_the_heuristic_bot_steers_towards_its_objective(alpha: GameState) -> None:
    state = give(with_tracks(alpha, {"tension": 7}), "alpha", "raise-tension", "branch", "shout")
    for seed in range(6):
        assert heuristic_bot(evolve(state, seed=seed)) == PlayCard("alpha", "branch")  # tension −1


@pytest.mark.parametrize("bot", QUICK_BOTS)
def test_bots_answer_choices_and_discards(bot: str, alpha: GameState) -> None:
    asked = step(give(alpha, "alpha", "ask-bravo"), PlayCard("alpha", "ask-bravo"))
    assert isinstance(asked.pending, Choice)
    assert BOTS[bot](asked) in legal_actions(asked)  # never the locked option
    discard = step(give(alpha, "alpha", "shout", "branch", "purge"), PlayCard("alpha", "purge"))
    assert isinstance(discard.pending, PickDiscard)
    assert BOTS[bot](discard) in legal_actions(discard)


@pytest.mark.parametrize("bot", QUICK_BOTS)
def test_bot_games_on_every_bench_play_to_the_end(
    bot: str, flow_bench: Scenario, effects_bench: Scenario
) -> None:
    for scenario in (flow_bench, effects_bench):
        for seed in range(5):
            state = new_game(scenario, seed)
            while not state.over:
                action = BOTS[bot](state)
                assert action in legal_actions(state)
                state = step(state, action)
            assert state.round <= scenario.rounds


def test_the_shells_offer_every_bot_of_the_registry() -> None:
    """A bot is one `BotKind`: the records, the setup menu and the table's panel follow."""
    from game.engine.bots import KINDS
    from game.engine.record import CONTROLS
    from game.tui.screens.setup import CONTROL_CHOICES
    from game.tui.screens.table import BOT_WORDS

    names = tuple(k.name for k in KINDS)
    assert ("human", *names) == CONTROLS
    assert tuple(value for _, value in CONTROL_CHOICES) == ("human", *names)
    assert tuple(BOT_WORDS) == names


def test_the_quiet_lookahead_reaches_the_state_step_does(nea_positions: list[GameState]) -> None:
    """A bot's look-ahead skips the log, the history and the checks, and nothing else:
    with the game's own dice it lands where `step` does."""
    for state in nea_positions[:40]:
        if isinstance(state.pending, Headline):
            continue  # a headline is judged as if played at once, not as step commits it
        for action in legal_actions(state)[:6]:
            ahead = lookahead(state, action, state.rng).freeze()
            played = step(state, action)
            assert evolve(ahead, log=played.log, history=played.history) == played


def test_a_lookahead_within_its_phase_stops_where_the_phase_ends(nea_positions: list[GameState]) -> None:
    """The heuristic bot judges a move where its own consequences end: inside a phase
    the look-ahead is the usual one; a move that ends its phase is not carried through
    the upkeep (and the next crisis card) as a plain look-ahead is."""
    ended = 0
    for state in nea_positions:
        if isinstance(state.pending, Headline):
            continue
        acts = legal_actions(state)
        for action in {*acts[:6], *(a for a in acts if isinstance(a, Pass))}:
            full = lookahead(state, action, state.rng)
            mine = lookahead(state, action, state.rng, within_phase=True)
            if (full.round, full.phase) == (state.round, state.phase) or full.ending is not None:
                assert (mine.tracks, mine.flags, mine.pending, mine.ending) == (
                    full.tracks,
                    full.flags,
                    full.pending,
                    full.ending,
                )
                continue
            assert (mine.round, mine.phase, mine.pending) == (state.round, state.phase, None)
            if isinstance(action, Pass):  # a pass does nothing, and the upkeep did not run
                assert mine.tracks == list(state.tracks) != full.tracks
                ended += 1
    assert ended, "no position where a pass ends the phase: the check never ran"


def test_compiled_margins_agree_with_margin(nea2017: Scenario, nea_positions: list[GameState]) -> None:
    for seat in nea2017.seats:
        ctx = Ctx(seat.id)
        conds = [c for o in (*seat.objectives, *seat.secret) for c in o.when] + list(seat.bot.aims)
        compiled = [compiled_margin(c, ctx, nea2017) for c in conds]
        for state in nea_positions[::3]:
            for cond, f in zip(conds, compiled, strict=True):
                assert f(state.tracks, state.flags, state.round) == margin(cond, state, ctx)


def _weighed_both_ways(state: GameState) -> tuple[int, int]:
    """Every legal action of a turn or headline weighed as the heuristic bot weighs it
    and by a look-ahead: the same float, and where it skips the look-ahead
    (`shortcut`), the same tracks, flags and round. How many were skipped, of how many."""
    seat = state.to_act
    assert seat is not None
    plan = _plan(state.scenario, seat)
    dice = state.rng ^ 0x5EED
    skipped = 0
    acts = legal_actions(state)
    for action in acts:
        ahead = lookahead(state, action, dice, within_phase=True)
        assert plan.worth_after(state, action, dice) == plan.worth(ahead), action
        found = plan.shortcuts.outcome(state, action)
        if found is not None:
            skipped += 1
            assert (*found, state.round, None) == (ahead.tracks, ahead.flags, ahead.round, ahead.ending)
    return skipped, len(acts)


@pytest.mark.parametrize("scenario_id", ["nea2017", "korea2010"])
def test_the_heuristic_bot_weighs_most_moves_without_a_lookahead_and_the_same(scenario_id: str) -> None:
    """Where its decisions come from: a move whose effects only shift tracks is weighed
    from the tracks alone, exactly as its look-ahead would weigh it; and that is most of
    the moves of real games (else this fast path would be dead weight)."""
    sc = load_scenario(ROOT / "decks" / scenario_id)
    skipped = total = 0
    for seed in range(2):
        state = new_game(sc, seed)
        while not state.over:
            if isinstance(state.pending, Turn | Headline):
                s, n = _weighed_both_ways(state)
                skipped, total = skipped + s, total + n
            state = step(state, heuristic_bot(state))
    assert skipped > total / 2


@given(data=st.data())
def test_a_move_weighed_from_the_tracks_is_weighed_exactly(
    data: st.DataObject, nea_positions: list[GameState], effects_bench: Scenario
) -> None:
    """The same on positions changed at random: any seat's cards in the hand, flags
    raised and lowered, tracks at their edges, where moves are clamped or capped,
    thresholds crossed (or already crossed this round) and the game may end."""
    pool = [s for s in nea_positions if isinstance(s.pending, Turn | Headline)]
    state = data.draw(st.sampled_from([*pool, new_game(effects_bench, seed=2)]))
    sc, seat = state.scenario, state.to_act
    assert seat is not None
    dealt = sorted(c.id for d in sc.decks if d.owner is not None for c in d.cards)
    cards = data.draw(st.lists(st.sampled_from(dealt), max_size=4, unique=True))
    toggled = data.draw(st.sets(st.sampled_from(sorted(f.id for f in sc.flags)), max_size=3))
    values = data.draw(
        st.dictionaries(st.sampled_from(sc.slot_labels), st.sampled_from([0, 0, -1, 1]), max_size=8)
    )
    edges = {}
    for label, side in values.items():
        track = sc.slot_track[sc.slot_labels.index(label)]
        marks = [
            track.min,
            track.max,
            *(th.at - 1 if th.when == "rises" else th.at + 1 for th in track.thresholds),
        ]
        edges[label] = min(max(data.draw(st.sampled_from(marks)) + side, track.min), track.max)
    state = give(with_tracks(state, edges), seat, *(c for c in cards if c not in state.hand(seat)))
    _weighed_both_ways(evolve(state, flags=state.flags ^ toggled))


@given(files=scenario_files(), seed=st.integers(0, 2**32))
def test_moves_of_generated_scenarios_are_weighed_exactly(files: dict[str, str], seed: int) -> None:
    """The same on scenarios of random shape (every kind of effect, caps, thresholds,
    choices, other seats' events), along a random game, the seat to act holding every
    card of the seats' decks as well as its own."""
    folder = Path(tempfile.mkdtemp(prefix="brink-generated-"))
    try:
        state = new_game(write_scenario(files, folder), seed)
        sc = state.scenario
        dealt = [c.id for d in sc.decks if d.owner is not None for c in d.cards]
        for _ in range(20):
            if state.over:
                break
            if isinstance(state.pending, Turn | Headline):
                seat = state.to_act
                assert seat is not None
                _weighed_both_ways(give(state, seat, *(c for c in dealt if c not in state.hand(seat))))
            state = step(state, random_bot(state))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_plays_that_stop_or_may_not_fire_are_weighed_exactly(tmp_path: Path) -> None:
    """The flow bench's cards rewritten into the cases real decks lack: a choice before
    a shift (the look-ahead stops at it), a choice that only a flag opens (else no one
    is asked and the shift follows), another seat's event that needs a flag (else only
    the operation happens), a flag raised and then tested by an `if` whose choice stops
    what follows; each with the flag down and up."""
    shutil.copytree(ENGINE_DATA / "flow", tmp_path / "flow")
    north = tmp_path / "flow" / "north.yaml"
    text = north.read_text()
    for old, new in (
        (
            "[{shift: tension, by: 1}]",
            "[{choose: self, prompt: Go?, options: [{label: Go}, {label: Stay}]}, {shift: tension, by: 1}]",
        ),
        (
            "[{shift: tension, by: -1}]",
            "[{choose: south, prompt: Go?, options: [{label: Go, requires: [{flag: alert}]}, {label: Stay, requires: [{flag: alert}]}]}, {shift: tension, by: -1}]",
        ),
        (
            "    effects: [{shift: funds, by: 1}]",
            "    requires: [{flag: alert}]\n    effects: [{shift: funds, by: 1}]",
        ),
        (
            "[{set_flag: alert}]",
            "[{set_flag: alert}, {if: {flag: alert}, then: [{choose: self, prompt: Go?, options: [{label: Go},"
            " {label: Stay}]}]}, {shift: tension, by: 1}]",
        ),
    ):
        assert text.count(old) == 1
        text = text.replace(old, new)
    north.write_text(text)
    state = new_game(load_scenario(tmp_path / "flow"), 1)
    while state.pending != Turn("north"):
        state = step(state, BOTS["pass"](state))
    state = give(with_tracks(state, {"north.funds": 5}), "north", "n-bluster", "n-build", "n-gift", "n-quiet")
    for flags in (state.flags - {"alert"}, state.flags | {"alert"}):
        assert _weighed_both_ways(evolve(state, flags=flags))[0] > 0


def test_a_move_that_crosses_a_falling_threshold_is_looked_ahead(tmp_path: Path) -> None:
    """A falling threshold whose effects move a track (the real decks have none that a
    score reads): lowering Tension onto it fires it, so the move is looked ahead, not
    weighed from the tracks; one step short of it, the move is weighed from the tracks."""
    shutil.copytree(ENGINE_DATA / "flow", tmp_path / "flow")
    scenario = tmp_path / "flow" / "scenario.yaml"
    text = scenario.read_text()
    old = "      - {at: 10, name: War, end: war}\n"
    assert text.count(old) == 1
    thaw = "      - {at: 2, name: Thaw, when: falls, effects: [{shift: funds, seat: north, by: 1}]}\n"
    scenario.write_text(text.replace(old, old + thaw))
    state = new_game(load_scenario(tmp_path / "flow"), 1)
    while state.pending != Turn("north"):
        state = step(state, BOTS["pass"](state))
    build = PlayCard("north", "n-build", "event")
    for tension, fires in ((3, True), (4, False)):
        here = give(with_tracks(state, {"tension": tension, "north.funds": 3}), "north", "n-build")
        assert build in legal_actions(here)
        ahead = lookahead(here, build, here.rng, within_phase=True)
        assert ahead.tracks[here.scenario.slots[("funds", "north")]] == (2 if fires else 1)
        assert (_plan(here.scenario, "north").shortcuts.outcome(here, build) is None) == fires
        _weighed_both_ways(here)
