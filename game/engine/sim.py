"""Bot games without a screen, and their summary: how analysts balance a deck.

    summary = simulate(scenario, games=1000, seed=1, controls={"dprk": "random"})
    summary.rate("war")

Game `i` of a run uses seed `seed + i`, so any single game can be replayed alone and
the same arguments always give the same summary. Each game is reduced to a small
`GameResult` and added to a running `Tally` as it arrives (so a run's memory does not
grow with its length); results arrive in seed order whatever the number of processes
(`jobs`), and every total is a whole number, so the summary is the serial run's.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from attrs import field, frozen

from .bots import BOTS, DEFAULT_BOT
from .entries import CardAdded, CrisisDrawn, Drew, Played, ThresholdCrossed
from .model import GameState, Scenario
from .record import Player, Record
from .rules import SeatScore, new_game, score, step
from .stats import difference, wilson

#: Who pushed a catastrophe when no seat did: a crisis card without a side, or upkeep.
CRISIS_DECK, UPKEEP = "crisis deck", "upkeep"

#: A card "dominates" when playing it for its event goes with a seat win rate at least
#: this much higher (and surely higher: the interval above 0); it is "never worth
#: playing" when it is played for its event in under `RARE_EVENT` of the games it is
#: held, or its event surely goes with a lower win rate.
DOMINATES, RARE_EVENT = 0.15, 0.05


@frozen
class SeatSummary:
    seat: str
    name: str
    won: int
    points: int
    objectives: Mapping[str, int]


@frozen
class CardUse:
    """One card in one game: times drawn, played for its event, played for operations."""

    card: str
    drawn: int
    event: int
    ops: int


@frozen
class Push:
    """A threshold of a shared track crossed in one game, and who crossed it."""

    slot: int
    threshold: int
    by: str
    card: str


@frozen
class GameResult:
    """What a finished bot game contributes to a summary."""

    seed: int
    outcome: str
    rounds: int
    scores: tuple[SeatScore, ...]
    culprit: str | None = None
    culprit_card: str | None = None
    cards: tuple[CardUse, ...] = ()
    pushes: tuple[Push, ...] = ()
    timeline: tuple[tuple[int, ...], ...] = ()  # the shared tracks, at the start and each round's end


@frozen
class CardSummary:
    """A card over a run. `held` counts the games its owner drew it; of those, `played`
    the games it was played for its event at least once (`played_won` of them won by the
    owner) and `held_won` all those the owner won. Crisis cards have no owner. A card
    with a `side` (another seat) is never its owner's to play for the event: its event is
    the side's, firing when the owner plays it for operations, so it is never flagged."""

    card: str
    owner: str | None
    drawn: int
    event: int
    ops: int
    held: int = 0
    held_won: int = 0
    played: int = 0
    played_won: int = 0
    side: str | None = None

    def win_change(self) -> tuple[float, float, float]:
        """The owner's win rate when it played the card for its event, less its win
        rate when it held the card and did not, with the 95% interval."""
        return difference(
            self.played_won, self.played, self.held_won - self.played_won, self.held - self.played
        )

    @property
    def flag(self) -> str:
        """ "dominates", "never worth playing", or "" (see DOMINATES, RARE_EVENT)."""
        if self.owner is None or self.side is not None or self.held == 0:
            return ""
        d, lo, hi = self.win_change()
        if self.played < RARE_EVENT * self.held or hi < 0:
            return "never worth playing"
        if d >= DOMINATES and lo > 0:
            return "dominates"
        return ""


@frozen
class ThresholdSummary:
    """How often a shared track's threshold was crossed, and by whom, with which card."""

    slot: int
    label: str
    at: int
    name: str
    crossed: int
    by: Mapping[str, int]
    cards: Mapping[str, int]


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
    cards: tuple[CardSummary, ...] = ()
    thresholds: tuple[ThresholdSummary, ...] = ()
    # Each shared track's mean at the start and at each round's end, over the games
    # still going then; `going[r]` is how many were.
    track_sums: Mapping[str, tuple[int, ...]] = field(factory=dict)
    going: tuple[int, ...] = ()
    #: The games' round limit when shortened (`simulate --rounds`); 0: the scenario's.
    round_limit: int = 0

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

    def track_means(self) -> dict[str, list[float]]:
        """Each shared track's mean value at the start and at each round's end."""
        return {
            label: [s / n for s, n in zip(sums, self.going, strict=False) if n]
            for label, sums in self.track_sums.items()
        }

    def to_json(self) -> dict[str, object]:
        """A plain, stable JSON object (rates rounded to 4 places)."""
        g = max(self.games, 1)

        def ci(k: int) -> list[float]:
            return [round(x, 4) for x in wilson(k, self.games)]

        return {
            "scenario": self.scenario,
            "digest": self.digest,
            "games": self.games,
            "seed": self.seed,
            "seats": dict(self.controls),
            "outcomes": {
                k: {"games": v, "rate": round(v / g, 4), "ci95": ci(v)} for k, v in self.outcomes.items()
            },
            "catastrophe_rate": round(self.catastrophe_rate, 4),
            "catastrophe_ci95": ci(self.catastrophe_count),
            "mean_rounds": round(self.mean_rounds, 3),
            **({"round_limit": self.round_limit} if self.round_limit else {}),
            "catastrophe_pushed_by": dict(self.culprits),
            "catastrophe_cards": dict(self.culprit_cards),
            "seat_results": {
                s.seat: {
                    "won_rate": round(s.won / g, 4),
                    "won_ci95": ci(s.won),
                    "mean_points": round(s.points / g, 3),
                    "objective_rates": {k: round(v / g, 4) for k, v in s.objectives.items()},
                }
                for s in self.seats
            },
            "cards": {c.card: _card_json(c, g) for c in self.cards},
            "thresholds": [
                {
                    "track": t.label,
                    "at": t.at,
                    "name": t.name,
                    "crossed": t.crossed,
                    "by": dict(t.by),
                    "cards": dict(t.cards),
                }
                for t in self.thresholds
            ],
            "track_means": {k: [round(v, 3) for v in vs] for k, vs in self.track_means().items()},
        }


def _card_json(c: CardSummary, games: int) -> dict[str, object]:
    out: dict[str, object] = {
        "owner": c.owner,
        "drawn_per_game": round(c.drawn / games, 3),
        "event_per_game": round(c.event / games, 3),
        "ops_per_game": round(c.ops / games, 3),
    }
    if c.owner is not None:
        d, lo, hi = c.win_change()
        out |= {
            "held_games": c.held,
            "event_games": c.played,
            "win_change": round(d, 4),
            "win_change_ci95": [round(lo, 4), round(hi, 4)],
            "flag": c.flag,
        }
    if c.side is not None:
        out["side"] = c.side
    return out


def play_out(state: GameState, controls: Mapping[str, str]) -> GameState:
    """Play a game to its end with the named bot in every seat."""
    bots = {seat: BOTS[controls.get(seat, DEFAULT_BOT)] for seat in state.scenario.seat_ids}
    while state.pending is not None:
        state = step(state, bots[state.pending.seat](state))
    return state


def games(scenario: Scenario, count: int, seed: int, controls: Mapping[str, str]) -> Iterator[GameState]:
    """The finished games of a run, one by one."""
    for i in range(count):
        yield play_out(new_game(scenario, seed + i), controls)


def _shared_slots(sc: Scenario) -> tuple[int, ...]:
    """The tracks of no one seat: the ones the run's charts and thresholds follow."""
    return tuple(i for i, t in enumerate(sc.slot_track) if t.scope != "seat")


#: The kinds of log entry a game's result counts. No kind of entry is a subclass of
#: another, so `result_of` can skip the others by their class alone.
_COUNTED = frozenset((Drew, Played, ThresholdCrossed, CrisisDrawn, CardAdded))


def result_of(state: GameState) -> GameResult:
    """A finished game reduced to what a summary counts (read from its log)."""
    ending = state.ending
    assert ending is not None, "result_of needs a finished game"
    sc = state.scenario
    scores = score(state)
    culprit = card = None
    if sc.outcome(ending.outcome).catastrophe:
        culprit = ending.seat or (CRISIS_DECK if ending.card else UPKEEP)
        card = ending.card or UPKEEP
    drawn: Counter[str] = Counter()
    event: Counter[str] = Counter()
    ops: Counter[str] = Counter()
    pushes = []
    shared = set(_shared_slots(sc))
    for e in state.log:
        if type(e) not in _COUNTED:
            continue  # most entries (track moves) count for nothing here: skip them at once
        if isinstance(e, Drew):
            for c in e.cards:
                drawn[c] += 1
        elif (isinstance(e, CrisisDrawn) or (isinstance(e, CardAdded) and e.into == "hand")) and e.card:
            drawn[e.card] += 1
        elif isinstance(e, Played) and e.card:
            (ops if e.op is not None else event)[e.card] += 1
        elif isinstance(e, ThresholdCrossed):
            slot = sc.slot_labels.index(e.track)
            if slot in shared:
                n = next(
                    i
                    for i, t in enumerate(sc.slot_track[slot].thresholds)
                    if t.at == e.at and t.name == e.name
                )
                by = e.seat or (CRISIS_DECK if e.card else UPKEEP)
                pushes.append(Push(slot, n, by, e.card or UPKEEP))
    used = drawn.keys() | event.keys() | ops.keys()
    return GameResult(
        state.seed,
        ending.outcome,
        state.round,
        tuple(scores[s] for s in sc.seat_ids),
        culprit,
        card,
        tuple(CardUse(c, drawn[c], event[c], ops[c]) for c in sc.cards if c in used),
        tuple(pushes),
        tuple(tuple(p[s] for s in sorted(shared)) for p in state.timeline),
    )


class Tally:
    """Running totals of a run's results: each result is counted and dropped. Totals
    are whole numbers, so they do not depend on the order results arrive in."""

    def __init__(
        self, scenario: Scenario, seed: int, controls: Mapping[str, str], rounds: int | None = None
    ) -> None:
        self.scenario, self.seed, self.controls = scenario, seed, dict(controls)
        self.limit = rounds or 0
        self.count = self.rounds = 0
        self.outcomes: Counter[str] = Counter()
        self.culprits: Counter[str] = Counter()
        self.culprit_cards: Counter[str] = Counter()
        self.won: Counter[str] = Counter()
        self.points: Counter[str] = Counter()
        self.met: dict[str, Counter[str]] = {s: Counter() for s in scenario.seat_ids}
        self.card_counts: dict[str, Counter[str]] = {c: Counter() for c in scenario.cards}
        self.crossed: Counter[tuple[int, int]] = Counter()
        self.crossed_by: dict[tuple[int, int], Counter[str]] = {}
        self.crossed_cards: dict[tuple[int, int], Counter[str]] = {}
        self.shared = _shared_slots(scenario)
        self.sums = [[0] * (scenario.rounds + 1) for _ in self.shared]
        self.going = [0] * (scenario.rounds + 1)
        self.owner = {c.id: d.owner for d in scenario.decks for c in d.cards}
        self.side = {
            c.id: c.side
            for d in scenario.decks
            if d.owner is not None
            for c in d.cards
            if c.side not in (None, d.owner)
        }

    #: The running totals, by attribute: what a worker process sends back and `merge` adds.
    TOTALS = (
        "count",
        "rounds",
        "outcomes",
        "culprits",
        "culprit_cards",
        "won",
        "points",
        "met",
        "card_counts",
        "crossed",
        "crossed_by",
        "crossed_cards",
        "sums",
        "going",
    )

    def totals(self) -> Totals:
        """The running totals alone, without the scenario: small and quick to pickle."""
        return tuple(getattr(self, name) for name in self.TOTALS)

    def merge(self, totals: Totals) -> None:
        """Add the `totals` of another tally of the same run to these."""
        for name, theirs in zip(self.TOTALS, totals, strict=True):
            setattr(self, name, _plus(getattr(self, name), theirs))

    def add(self, r: GameResult) -> None:
        self.count += 1
        self.outcomes[r.outcome] += 1
        self.rounds += r.rounds
        if r.culprit is not None:
            self.culprits[r.culprit] += 1
            self.culprit_cards[r.culprit_card or UPKEEP] += 1
        won = {}
        for s in r.scores:
            self.won[s.seat] += s.won
            self.points[s.seat] += s.points
            self.met[s.seat].update(s.met)
            won[s.seat] = s.won
        for u in r.cards:
            n = self.card_counts[u.card]
            n["drawn"] += u.drawn
            n["event"] += u.event
            n["ops"] += u.ops
            owner = self.owner[u.card]
            if owner is not None and u.drawn:
                n["held"] += 1
                n["held_won"] += won[owner]
                if u.event:
                    n["played"] += 1
                    n["played_won"] += won[owner]
        for p in r.pushes:
            key = (p.slot, p.threshold)
            self.crossed[key] += 1
            self.crossed_by.setdefault(key, Counter())[p.by] += 1
            self.crossed_cards.setdefault(key, Counter())[p.card] += 1
        for i, point in enumerate(r.timeline[: len(self.going)]):
            self.going[i] += 1
            for k, v in enumerate(point):
                self.sums[k][i] += v

    def summary(self) -> Summary:
        """The totals so far, every mapping in a fixed order (the scenario's, then by
        count), so equal results always give byte-identical output."""
        sc = self.scenario
        seats = tuple(
            SeatSummary(
                s.id,
                s.name,
                self.won[s.id],
                self.points[s.id],
                {o.id: self.met[s.id][o.id] for o in (*s.objectives, *s.secret)},
            )
            for s in sc.seats
        )
        who = [*sc.seat_ids, CRISIS_DECK, UPKEEP]
        cards = tuple(
            CardSummary(
                c,
                self.owner[c],
                n["drawn"],
                n["event"],
                n["ops"],
                n["held"],
                n["held_won"],
                n["played"],
                n["played_won"],
                self.side.get(c),
            )
            for c, n in self.card_counts.items()
        )
        thresholds = tuple(
            ThresholdSummary(
                slot,
                sc.slot_labels[slot],
                th.at,
                th.name,
                self.crossed[(slot, i)],
                {k: v for k in who if (v := self.crossed_by.get((slot, i), Counter())[k])},
                _by_count(self.crossed_cards.get((slot, i), Counter())),
            )
            for slot in self.shared
            for i, th in enumerate(sc.slot_track[slot].thresholds)
        )
        return Summary(
            sc.id,
            sc.name,
            sc.digest,
            self.count,
            self.seed,
            dict(self.controls),
            {o.id: self.outcomes[o.id] for o in sc.outcomes},
            tuple(o.id for o in sc.outcomes if o.catastrophe),
            self.rounds,
            seats,
            {k: self.culprits[k] for k in who if self.culprits[k]},
            _by_count(self.culprit_cards),
            cards,
            thresholds,
            {sc.slot_labels[slot]: tuple(self.sums[k]) for k, slot in enumerate(self.shared)},
            tuple(self.going),
            self.limit,
        )


#: A `Tally`'s running totals (`Tally.TOTALS`, in that order).
Totals = tuple[Any, ...]


def _plus(mine: Any, theirs: Any) -> Any:
    """Two totals of the same shape added: counts, counters, mappings of counters, lists."""
    if isinstance(mine, int):
        return mine + theirs
    if isinstance(mine, Counter):
        mine.update(theirs)
        return mine
    if isinstance(mine, dict):
        for key, value in theirs.items():
            mine[key] = _plus(mine[key], value) if key in mine else value
        return mine
    return [_plus(a, b) for a, b in zip(mine, theirs, strict=True)]


def _by_count(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def summarize(
    scenario: Scenario, seed: int, controls: Mapping[str, str], results: Iterable[GameResult]
) -> Summary:
    """Count a run's results (in any order: the summary is the same)."""
    tally = Tally(scenario, seed, controls)
    for r in results:
        tally.add(r)
    return tally.summary()


def simulate(
    scenario: Scenario,
    count: int,
    seed: int,
    controls: Mapping[str, str],
    keep: Callable[[int, Record], None] | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    rounds: int | None = None,
) -> Summary:
    """Play `count` bot games and count what happened; `keep` receives each game's
    record, in seed order, and `progress` the number of games done so far. With `jobs`
    > 1 the games are shared among that many processes; the summary, and the records,
    are the same as with one. `rounds` shortens every game (see `new_game`)."""
    controls = {s: controls.get(s, DEFAULT_BOT) for s in scenario.seat_ids}
    players = tuple(Player(s, controls[s]) for s in scenario.seat_ids)
    seeds = range(seed, seed + count)
    want_records = keep is not None
    tally = Tally(scenario, seed, controls, rounds)
    run = (scenario, controls, players, want_records, rounds)
    if jobs > 1 and count > 1:
        with ProcessPoolExecutor(
            max_workers=min(jobs, count),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_setup,
            initargs=run,
        ) as pool:
            try:
                _collect(_in_order(pool, seeds, jobs, tally), keep, progress)
            except BaseException:  # a failing `keep` or ^C: do not wait for the games still queued
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    else:
        _collect((_play(run, batch, tally) for batch in _batches(seeds)), keep, progress)
    return tally.summary()


def _batches(seeds: Sequence[int]) -> Iterator[Sequence[int]]:
    return (seeds[i : i + _CHUNK] for i in range(0, len(seeds), _CHUNK))


def _in_order(
    pool: ProcessPoolExecutor, seeds: Sequence[int], jobs: int, tally: Tally
) -> Iterator[list[Record | None]]:
    """The workers' batches of games in seed order, with only a few in flight at a
    time (a long run holds no more results than a short one): each batch's totals are
    added to `tally`, and its records passed on."""
    flight: deque[Future[tuple[Totals, list[Record | None]]]] = deque()
    for batch in _batches(seeds):
        flight.append(pool.submit(_worker_games, batch))
        if len(flight) >= 4 * jobs:
            totals, records = flight.popleft().result()
            tally.merge(totals)
            yield records
    while flight:
        totals, records = flight.popleft().result()
        tally.merge(totals)
        yield records


def _collect(
    batches: Iterable[list[Record | None]],
    keep: Callable[[int, Record], None] | None,
    progress: Callable[[int], None] | None,
) -> None:
    """Hand each game's record to `keep` in seed order, and count the games done."""
    done = 0
    for records in batches:
        for record in records:
            if keep is not None and record is not None:
                keep(done, record)
            done += 1
            if progress is not None:
                progress(done)


#: What a run's games need: scenario, controls, players, whether to keep records, rounds.
Run = tuple[Scenario, Mapping[str, str], tuple[Player, ...], bool, int | None]


def _play(run: Run, seeds: Sequence[int], tally: Tally) -> list[Record | None]:
    """Play a few games of a run, add them up in `tally`, and give their records (or
    Nones, when the run keeps none)."""
    scenario, controls, players, want_record, rounds = run
    records: list[Record | None] = []
    for seed in seeds:
        state = play_out(new_game(scenario, seed, rounds), controls)
        tally.add(result_of(state))
        records.append(Record.of(state, players) if want_record else None)
    return records


# A worker process plays many games of one run; it receives the run's settings once, and
# then games a few at a time (small batches, so that ^C or a full disk stops a run soon).
_CHUNK = 8
_WORKER: Run | None = None


def _worker_setup(
    scenario: Scenario,
    controls: Mapping[str, str],
    players: tuple[Player, ...],
    want_record: bool,
    rounds: int | None,
) -> None:
    global _WORKER
    _WORKER = (scenario, controls, players, want_record, rounds)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C is the parent's to handle, quietly


def _worker_games(seeds: Sequence[int]) -> tuple[Totals, list[Record | None]]:
    """A batch of games, totalled here: only the totals travel back to the parent
    process, not a result per game (pickling them cost more than adding them up)."""
    assert _WORKER is not None
    tally = Tally(_WORKER[0], 0, _WORKER[1], _WORKER[4])
    records = _play(_WORKER, seeds, tally)
    return tally.totals(), records
