"""Bot games without a screen, and their summary: how analysts balance a deck.

    summary = simulate(scenario, games=1000, seed=1, controls={"dprk": "random"})
    summary.rate("war")

Game `i` of a run uses seed `seed + i`, so any single game can be replayed alone and
the same arguments always give the same summary. Each game is reduced to a small
`GameResult`, and the summary is built from the results in seed order; so a run split
over several processes (`jobs`) gives exactly the summary of the serial run.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor

from attrs import frozen

from .bots import BOTS
from .model import GameState, Scenario
from .record import Player, Record
from .rules import SeatScore, new_game, score, step

#: Who pushed a catastrophe when no seat did: a crisis card without a side, or upkeep.
CRISIS_DECK, UPKEEP = "crisis deck", "upkeep"


@frozen
class SeatSummary:
    seat: str
    name: str
    won: int
    points: int
    objectives: Mapping[str, int]


@frozen
class GameResult:
    """What a finished bot game contributes to a summary."""

    seed: int
    outcome: str
    rounds: int
    scores: tuple[SeatScore, ...]
    culprit: str | None = None
    culprit_card: str | None = None


@frozen
class Summary:
    """Counts over a run of bot games."""

    scenario: str
    name: str
    digest: str
    games: int
    seed: int
    controls: Mapping[str, str]
    outcomes: Mapping[str, int]
    catastrophes: tuple[str, ...]
    rounds: int
    seats: tuple[SeatSummary, ...]
    culprits: Mapping[str, int]
    culprit_cards: Mapping[str, int]

    def rate(self, outcome: str) -> float:
        return self.outcomes.get(outcome, 0) / self.games if self.games else 0.0

    @property
    def catastrophe_count(self) -> int:
        return sum(self.outcomes.get(o, 0) for o in self.catastrophes)

    @property
    def catastrophe_rate(self) -> float:
        return self.catastrophe_count / self.games if self.games else 0.0

    @property
    def mean_rounds(self) -> float:
        return self.rounds / self.games if self.games else 0.0

    def to_json(self) -> dict[str, object]:
        """A plain, stable JSON object (rates rounded to 4 places)."""
        g = max(self.games, 1)
        return {
            "scenario": self.scenario,
            "digest": self.digest,
            "games": self.games,
            "seed": self.seed,
            "seats": dict(self.controls),
            "outcomes": {k: {"games": v, "rate": round(v / g, 4)} for k, v in self.outcomes.items()},
            "catastrophe_rate": round(self.catastrophe_rate, 4),
            "mean_rounds": round(self.mean_rounds, 3),
            "catastrophe_pushed_by": dict(self.culprits),
            "catastrophe_cards": dict(self.culprit_cards),
            "seat_results": {
                s.seat: {
                    "won_rate": round(s.won / g, 4),
                    "mean_points": round(s.points / g, 3),
                    "objective_rates": {k: round(v / g, 4) for k, v in s.objectives.items()},
                }
                for s in self.seats
            },
        }


def play_out(state: GameState, controls: Mapping[str, str]) -> GameState:
    """Play a game to its end with the named bot in every seat."""
    bots = {seat: BOTS[controls.get(seat, "heuristic")] for seat in state.scenario.seat_ids}
    while state.pending is not None:
        state = step(state, bots[state.pending.seat](state))
    return state


def games(scenario: Scenario, count: int, seed: int, controls: Mapping[str, str]) -> Iterator[GameState]:
    """The finished games of a run, one by one."""
    for i in range(count):
        yield play_out(new_game(scenario, seed + i), controls)


def result_of(state: GameState) -> GameResult:
    """A finished game reduced to what a summary counts."""
    ending = state.ending
    assert ending is not None, "result_of needs a finished game"
    scores = score(state)
    culprit = card = None
    if state.scenario.outcome(ending.outcome).catastrophe:
        culprit = ending.seat or (CRISIS_DECK if ending.card else UPKEEP)
        card = ending.card or UPKEEP
    return GameResult(
        state.seed,
        ending.outcome,
        state.round,
        tuple(scores[s] for s in state.scenario.seat_ids),
        culprit,
        card,
    )


def summarize(
    scenario: Scenario, seed: int, controls: Mapping[str, str], results: Iterable[GameResult]
) -> Summary:
    """Count a run's results. Every mapping is in a fixed order (the scenario's, then
    by count), so equal results always give byte-identical output."""
    outcomes: Counter[str] = Counter()
    culprits: Counter[str] = Counter()
    cards: Counter[str] = Counter()
    won: Counter[str] = Counter()
    points: Counter[str] = Counter()
    met: dict[str, Counter[str]] = {s: Counter() for s in scenario.seat_ids}
    rounds = count = 0
    for r in results:
        count += 1
        outcomes[r.outcome] += 1
        rounds += r.rounds
        if r.culprit is not None:
            culprits[r.culprit] += 1
            cards[r.culprit_card or UPKEEP] += 1
        for s in r.scores:
            won[s.seat] += s.won
            points[s.seat] += s.points
            met[s.seat].update(s.met)
    seats = tuple(
        SeatSummary(
            s.id,
            s.name,
            won[s.id],
            points[s.id],
            {o.id: met[s.id][o.id] for o in (*s.objectives, *s.secret)},
        )
        for s in scenario.seats
    )
    culprit_order = [*scenario.seat_ids, CRISIS_DECK, UPKEEP]
    return Summary(
        scenario.id,
        scenario.name,
        scenario.digest,
        count,
        seed,
        dict(controls),
        {o.id: outcomes[o.id] for o in scenario.outcomes},
        tuple(o.id for o in scenario.outcomes if o.catastrophe),
        rounds,
        seats,
        {k: culprits[k] for k in culprit_order if culprits[k]},
        dict(sorted(cards.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def simulate(
    scenario: Scenario,
    count: int,
    seed: int,
    controls: Mapping[str, str],
    keep: Callable[[int, Record], None] | None = None,
    jobs: int = 1,
) -> Summary:
    """Play `count` bot games and count what happened; `keep` receives each game's
    record, in seed order. With `jobs` > 1 the games are shared among that many
    processes; the summary, and the records, are the same as with one."""
    controls = {s: controls.get(s, "heuristic") for s in scenario.seat_ids}
    players = tuple(Player(s, controls[s]) for s in scenario.seat_ids)  # type: ignore[arg-type]
    seeds = range(seed, seed + count)
    want_records = keep is not None
    results: list[GameResult] = []
    if jobs > 1 and count > 1:
        with ProcessPoolExecutor(
            max_workers=min(jobs, count),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_setup,
            initargs=(scenario, controls, players, want_records),
        ) as pool:
            try:
                _collect(pool.map(_worker_game, seeds, chunksize=_CHUNK), results, keep)
            except BaseException:  # a failing `keep` or ^C: do not wait for the games still queued
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    else:
        _collect((_play_one(scenario, controls, players, want_records, s) for s in seeds), results, keep)
    return summarize(scenario, seed, controls, results)


def _collect(
    played: Iterable[tuple[GameResult, Record | None]],
    results: list[GameResult],
    keep: Callable[[int, Record], None] | None,
) -> None:
    """Gather results in seed order, handing each record to `keep` as it arrives."""
    for i, (result, record) in enumerate(played):
        results.append(result)
        if keep is not None and record is not None:
            keep(i, record)


def _play_one(
    scenario: Scenario,
    controls: Mapping[str, str],
    players: tuple[Player, ...],
    want_record: bool,
    seed: int,
) -> tuple[GameResult, Record | None]:
    state = play_out(new_game(scenario, seed), controls)
    return result_of(state), Record.of(state, players) if want_record else None


# A worker process plays many games of one run; it receives the run's settings once, and
# then games a few at a time (small batches, so that ^C or a full disk stops a run soon).
_CHUNK = 8
_WORKER: tuple[Scenario, Mapping[str, str], tuple[Player, ...], bool] | None = None


def _worker_setup(
    scenario: Scenario, controls: Mapping[str, str], players: tuple[Player, ...], want_record: bool
) -> None:
    global _WORKER
    _WORKER = (scenario, controls, players, want_record)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C is the parent's to handle, quietly


def _worker_game(seed: int) -> tuple[GameResult, Record | None]:
    assert _WORKER is not None
    return _play_one(*_WORKER, seed)
