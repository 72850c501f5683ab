"""Bot games without a screen, and their summary: how analysts balance a deck.

    summary = simulate(scenario, games=1000, seed=1, controls={"dprk": "random"})
    summary.rate("war")

Game `i` of a run uses seed `seed + i`, so any single game can be replayed alone and
the same arguments always give the same summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping

from attrs import frozen

from .bots import BOTS
from .model import GameState, Scenario
from .record import Player, Record
from .rules import new_game, score, step


@frozen
class SeatSummary:
    seat: str
    name: str
    won: int
    points: int
    objectives: Mapping[str, int]


@frozen
class Summary:
    """Counts over a run of bot games."""

    scenario: str
    name: str
    games: int
    seed: int
    controls: Mapping[str, str]
    outcomes: Mapping[str, int]
    catastrophes: tuple[str, ...]
    rounds: int
    seats: tuple[SeatSummary, ...]
    culprits: Mapping[str, int]

    def rate(self, outcome: str) -> float:
        return self.outcomes.get(outcome, 0) / self.games if self.games else 0.0

    @property
    def catastrophe_rate(self) -> float:
        return sum(self.outcomes.get(o, 0) for o in self.catastrophes) / self.games if self.games else 0.0

    @property
    def mean_rounds(self) -> float:
        return self.rounds / self.games if self.games else 0.0

    def to_json(self) -> dict[str, object]:
        """A plain, stable JSON object (rates rounded to 4 places)."""
        g = max(self.games, 1)
        return {
            "scenario": self.scenario,
            "games": self.games,
            "seed": self.seed,
            "seats": dict(self.controls),
            "outcomes": {k: {"games": v, "rate": round(v / g, 4)} for k, v in self.outcomes.items()},
            "catastrophe_rate": round(self.catastrophe_rate, 4),
            "mean_rounds": round(self.mean_rounds, 3),
            "catastrophe_pushed_by": dict(self.culprits),
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


def simulate(
    scenario: Scenario,
    count: int,
    seed: int,
    controls: Mapping[str, str],
    keep: Callable[[int, Record], None] | None = None,
) -> Summary:
    """Play `count` bot games and count what happened; `keep` receives each record."""
    controls = {s: controls.get(s, "heuristic") for s in scenario.seat_ids}
    outcomes: Counter[str] = Counter()
    culprits: Counter[str] = Counter()
    won: Counter[str] = Counter()
    points: Counter[str] = Counter()
    met: dict[str, Counter[str]] = {s: Counter() for s in scenario.seat_ids}
    rounds = 0
    catastrophes = tuple(o.id for o in scenario.outcomes if o.catastrophe)
    players = tuple(Player(s, controls[s]) for s in scenario.seat_ids)  # type: ignore[arg-type]
    for i, state in enumerate(games(scenario, count, seed, controls)):
        ending = state.ending
        assert ending is not None
        outcomes[ending.outcome] += 1
        if ending.outcome in catastrophes:
            culprits[ending.seat or "the crisis deck"] += 1
        rounds += state.round
        for seat, result in score(state).items():
            won[seat] += result.won
            points[seat] += result.points
            met[seat].update(result.met)
        if keep is not None:
            keep(i, Record.of(state, players))
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
    ordered = {o.id: outcomes[o.id] for o in scenario.outcomes}
    return Summary(
        scenario.id,
        scenario.name,
        count,
        seed,
        controls,
        ordered,
        catastrophes,
        rounds,
        seats,
        dict(culprits),
    )
