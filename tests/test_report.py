"""The text reports: the simulation table, the replay summary and the after-action
report read at the hotwash."""

from __future__ import annotations

import re

import attrs
import pytest

from game.common import SPARK, sparkline
from game.engine import GameState, Scenario, new_game, step
from game.engine.bots import random_bot
from game.engine.entries import Chose, Passed, Played, TrackMoved
from game.engine.narrate import label_name
from game.engine.narrate import reason as said_why
from game.engine.record import Player, Record
from game.engine.sim import SeatSummary, Summary, ThresholdSummary, play_out
from game.report import after_action, final_summary, summary_table

RANDOM = "random"


def _random_game(scenario: Scenario, seed: int, why: bool = False, limit: int | None = None) -> GameState:
    """A random-bot game; with `why`, every decision carries a rationale naming its number."""
    state = new_game(scenario, seed)
    while state.pending is not None and (limit is None or len(state.history) < limit):
        action = random_bot(state)
        if why:
            action = attrs.evolve(action, why=f"reason number {len(state.history) + 1}")
        state = step(state, action)
    return state


def _record(state: GameState, control_log: tuple[str, ...] = ()) -> Record:
    players = tuple(Player(s, "random") for s in state.scenario.seat_ids)
    return Record.of(state, players, control_log)


def _catastrophe(scenario: Scenario) -> GameState:
    """The first random game that a seat pushes into catastrophe."""
    for seed in range(1, 300):
        state = _random_game(scenario, seed)
        e = state.ending
        if e is not None and scenario.outcome(e.outcome).catastrophe and e.seat and e.card:
            return state
    raise AssertionError("no random game ended in catastrophe")


def _no_catastrophe(scenario: Scenario) -> GameState:
    for seed in range(1, 300):
        state = play_out(new_game(scenario, seed), {})
        if not scenario.outcome(state.ending.outcome).catastrophe:  # type: ignore[union-attr]
            return state
    raise AssertionError("every heuristic game ended in catastrophe")


# ------------------------------------------------------------------------------ sparkline


def test_sparkline_spans_the_track() -> None:
    assert sparkline([0, 10], 0, 10) == SPARK[0] + SPARK[-1]
    assert sparkline([5, 5, 5], 0, 10) == SPARK[4] * 3
    assert sparkline([74, 80], 74, 80) == SPARK[0] + SPARK[-1]
    assert sparkline([], 0, 10) == ""
    assert sparkline([3], 3, 3) == SPARK[0]  # a track with no range does not divide by zero


# --------------------------------------------------------------------------- simulation


def _summary(scenario: Scenario) -> Summary:
    usa, war = scenario.seat("usa"), next(o for o in scenario.outcomes if o.catastrophe)
    seats = []
    for seat in scenario.seats:
        ids = [o.id for o in (*seat.objectives, *seat.secret)]
        met = {i: (4 if n == 0 else 0 if n == 1 else 1) for n, i in enumerate(ids)}
        seats.append(SeatSummary(seat.id, seat.name, 1 if seat is usa else 0, 6, met))
    outcomes = {o.id: 0 for o in scenario.outcomes}
    outcomes[war.id] = 1
    outcomes[next(o.id for o in scenario.outcomes if not o.catastrophe)] = 3
    return Summary(
        scenario.id,
        scenario.name,
        scenario.digest,
        4,
        10,
        {s: RANDOM for s in scenario.seat_ids},
        outcomes,
        (war.id,),
        26,
        tuple(seats),
        {"dprk": 1},
        {"some-card": 1},
    )


def test_summary_table_reads_as_a_table(nea2017: Scenario) -> None:
    text = summary_table(_summary(nea2017), nea2017)
    war = next(o for o in nea2017.outcomes if o.catastrophe)
    assert text.startswith(f"{nea2017.name}: 4 bot games, seeds 10 to 13")
    assert "every seat random" in text
    assert re.search(rf"{re.escape(war.name)} +1  25\.0%  \[4\.6–69\.9\] +catastrophe", text)
    assert f"Catastrophe rate: 25.0% [4.6–69.9] ({war.name})" in text
    assert "Rounds played: 6.50 on average" in text
    assert "Catastrophes pushed by: North Korea 1" in text
    assert re.search(r"United States won +1  25\.0%  \[4\.6–69\.9\] +1\.50 points on average", text)
    usa = nea2017.seat("usa")
    first, second = usa.objectives[0], usa.objectives[1]
    assert re.search(rf"{re.escape(first.name)} +4 100\.0%  \[51\.0–100\.0\] +always met", text)
    assert re.search(rf"{re.escape(second.name)} +0   0\.0%  \[0\.0–49\.0\] +never met", text)
    assert f"{usa.secret[0].name} (secret)" in text


def test_summary_table_lists_mixed_seats(nea2017: Scenario) -> None:
    s = attrs.evolve(
        _summary(nea2017), controls={**dict.fromkeys(nea2017.seat_ids, RANDOM), "usa": "heuristic"}
    )
    assert "Seats: usa heuristic, rok random" in summary_table(s, nea2017)


def test_thresholds_crossed_say_once_and_n_times(nea2017: Scenario) -> None:
    def crossed(n: int) -> ThresholdSummary:
        return ThresholdSummary(0, "tension", 7, "On the brink", n, {"dprk": n}, {"some-card": n})

    s = attrs.evolve(_summary(nea2017), thresholds=(crossed(1), attrs.evolve(crossed(3), at=9)))
    text = summary_table(s, nea2017)
    assert "Tension 7 (On the brink): once; by North Korea 1" in text
    assert "Tension 9 (On the brink): 3 times; by North Korea 3" in text


# ---------------------------------------------------------------------------- one game


def test_report_of_a_catastrophe_names_who_pushed_it(nea2017: Scenario) -> None:
    state = _catastrophe(nea2017)
    e = state.ending
    assert e is not None and e.track is not None and e.seat is not None
    text = after_action(state, _record(state))
    seat, card = nea2017.seat(e.seat).name, nea2017.cards[e.card].name  # type: ignore[index]
    assert f"Pushed over the edge by {seat}, with {card}" in text
    # The road there ends with the push itself, at the catastrophe threshold.
    road = text.split("The road there")[1].split("\n\n")[0].strip().splitlines()
    assert road[-1].endswith(f"{seat} · {card}: {road[-1].split(': ')[-1]}")
    threshold = nea2017.slot_track[nea2017.slot_labels.index(e.track)].catastrophe
    assert threshold is not None and road[-1].endswith(f"→ {threshold.at}")
    assert f"{seat} played {card}" in text.split("QUESTIONS FOR THE HOTWASH")[1]
    assert "WON" not in text.split("RESULTS")[1].split("TRACKS")[0]


def test_report_counts_who_moved_each_track(nea2017: Scenario) -> None:
    state = _catastrophe(nea2017)
    text = after_action(state, _record(state))
    label = state.ending.track  # type: ignore[union-attr]
    raised: dict[str, int] = {}
    for x in state.log:
        if isinstance(x, TrackMoved) and x.track == label and x.seat and x.new > x.old:
            raised[x.seat] = raised.get(x.seat, 0) + x.new - x.old
    movers = text.split("WHO MOVED THE SHARED TRACKS")[1].split("\n\n")[0]
    line = next(ln for ln in movers.splitlines() if ln.strip().startswith(label_name(nea2017, label)))
    top = max(raised.items(), key=lambda kv: (kv[1], -nea2017.seat_index[kv[0]]))
    assert f"raised by {nea2017.seat(top[0]).name} +{top[1]}" in line


def test_report_keeps_every_rationale(nea2017: Scenario) -> None:
    state = _random_game(nea2017, 4, why=True)
    timeline = " ".join(after_action(state, _record(state)).split("TIMELINE")[1].split())  # unwrapped
    reasons = [e.why for e in state.log if isinstance(e, Played | Passed | Chose) and e.why]
    assert len(reasons) >= len([e for e in state.log if isinstance(e, Played)])
    for reason in reasons:
        assert f"“{reason}”" in timeline


@pytest.mark.parametrize("seed", [1, 2])
def test_the_timeline_gives_each_change_the_reason_the_log_gives(nea2017: Scenario, seed: int) -> None:
    """The upkeep's changes say why, as the table's log does ("because sanctions
    pressure is at least 4", "as every round")."""
    state = play_out(new_game(nea2017, seed), dict.fromkeys(nea2017.seat_ids, "heuristic"))
    timeline = " ".join(after_action(state, _record(state)).split("TIMELINE")[1].split())  # unwrapped
    moved = [e for e in state.log if isinstance(e, TrackMoved) and said_why(e, nea2017)]
    assert any(e.because for e in moved)
    for e in moved:
        said = f"{label_name(nea2017, e.track)} {e.old} → {e.new}"
        assert re.search(rf"{re.escape(said)}[^⇒]*?\({re.escape(said_why(e, nea2017))}\)", timeline), said


def test_timeline_has_every_round_and_every_play(nea2017: Scenario) -> None:
    state = _catastrophe(nea2017)
    timeline = after_action(state, _record(state)).split("TIMELINE")[1]
    for r in range(1, state.round + 1):
        assert f"\n{nea2017.round_name(r).upper()}\n" in timeline
    plays = [e for e in state.log if isinstance(e, Played)]
    assert timeline.count(" played ") == len(plays)


def test_report_of_a_peaceful_game(nea2017: Scenario) -> None:
    state = _no_catastrophe(nea2017)
    text = after_action(state, _record(state))
    outcome = nea2017.outcome(state.ending.outcome)  # type: ignore[union-attr]
    assert f"OUTCOME: {outcome.name}, in {nea2017.round_name(state.round)}" in text
    assert "Pushed over the edge" not in text
    start = state.timeline[0][nea2017.slots[("tension", None)]]
    if any(isinstance(e, TrackMoved) and e.track == "tension" and e.new > start for e in state.log):
        assert "Closest call: Tension reached" in text


def test_report_of_a_game_in_progress(nea2017: Scenario) -> None:
    state = _random_game(nea2017, 2, limit=15)
    assert not state.over
    text = after_action(state, _record(state))
    assert "IN PROGRESS" in text and "RESULTS IF THE GAME ENDED NOW" in text
    assert "then now)" in text
    summary = final_summary(state, _record(state))
    assert f"{len(state.history)} actions" in summary and "IN PROGRESS" in summary


def test_report_shows_the_facilitators_actions(nea2017: Scenario) -> None:
    state = _random_game(nea2017, 3, limit=8)
    text = after_action(state, _record(state, ("Q2 2017: control set Tension to 6",)))
    assert "FACILITATOR ACTIONS\n  Q2 2017: control set Tension to 6" in text
    assert "FACILITATOR ACTIONS" not in after_action(state, _record(state))


def test_report_names_human_players(nea2017: Scenario) -> None:
    state = _random_game(nea2017, 3, limit=8)
    players = tuple(
        Player(s, "human", "Aiko") if s == "usa" else Player(s, "heuristic") for s in nea2017.seat_ids
    )
    text = after_action(state, Record.of(state, players))
    assert "United States (Aiko)" in text and "South Korea (heuristic bot)" in text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_report_lines_stay_readable(nea2017: Scenario, seed: int) -> None:
    """Wrapped for a terminal, with no trailing spaces (it is also printed and pasted)."""
    state = _random_game(nea2017, seed, why=True)
    for line in after_action(state, _record(state)).splitlines():
        assert line == line.rstrip()
        assert len(line) <= 130, line


def test_summary_table_lists_the_commonest_culprit_cards(nea2017: Scenario) -> None:
    cards = [c.id for c in nea2017.cards.values()][:10]
    s = attrs.evolve(_summary(nea2017), culprit_cards={c: 10 - i for i, c in enumerate(cards)})
    text = summary_table(s, nea2017)
    assert f"with the cards: {nea2017.cards[cards[0]].name}" in text
    assert "and 2 more (see --json)" in text


def test_report_fits_the_width_it_is_given(nea2017: Scenario) -> None:
    """The table's debrief dialog is narrower than a terminal report: every line fits,
    and no word of the wide report is lost in the narrow one."""
    state = _random_game(nea2017, 4, why=True)
    wide, narrow = after_action(state, _record(state)), after_action(state, _record(state), width=70)
    assert max(map(len, narrow.splitlines())) <= 70 < max(map(len, wide.splitlines()))
    assert narrow.split() == wide.split()
