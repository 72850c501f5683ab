"""The bots' speed: heuristic games per second, and the search bot's playouts per second
and time per decision at each level (prints figures; never fails on timing).

    .venv/bin/python bench/bench_bots.py            # or: make bench
    .venv/bin/python bench/bench_bots.py --simulate # also: 10,000 games with --jobs 2

Pinned to one core. The search bot is timed on the turns and headlines of a few
heuristic games of nea2017 (the decisions a table meets), by CPU time, so a busy
machine slows the figures less than it would the wall clock. The table's target: the
normal level (`search`) decides in under 2 s. With `--simulate`, the wall time of
`brink simulate --games 10000 --seed 1 --jobs 2` on every core (target under 60 s): by
the wall clock, so only a quiet machine gives the true figure.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.engine import GameState, bots, legal_actions, load_scenario, new_game, step
from game.engine.bots import heuristic_bot
from game.engine.effects import Draft
from game.engine.model import Action, Headline, Scenario, Turn
from game.engine.rules import list_legal
from game.engine.search import LEVELS, decide
from game.engine.sim import play_out, result_of
from game.engine.values import valuer

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 2.0
SIMULATE = ["simulate", "--games", "10000", "--seed", "1", "--jobs", "2", "--json"]


def decisions(games: int) -> list[GameState]:
    """Every fifth turn or headline of a few heuristic games."""
    sc = load_scenario(ROOT / "decks" / "nea2017")
    out = []
    for seed in range(1, games + 1):
        state = new_game(sc, seed)
        while not state.over:
            if isinstance(state.pending, Turn | Headline):
                out.append(state)
            state = step(state, heuristic_bot(state))
    return out[::5]


def _best_ms(work: Callable[[], object], games: int, runs: int = 3) -> float:
    """The CPU milliseconds a game that `work` (done for `games` games) takes, best of
    `runs`: the run least disturbed by other programs sharing the core."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best / games * 1000


def _each(work: Callable[..., object], calls: list[tuple[Any, ...]]) -> Callable[[], None]:
    """`work` called on each of `calls` in turn, its results dropped as they come (as
    in a game: a heap full of kept results would slow everything)."""

    def run() -> None:
        for call in calls:
            work(*call)

    return run


def split(sc: Scenario, games: int = 20) -> None:
    """Where a heuristic game's CPU time goes: each part replayed alone from the calls
    recorded in `games` games (the look-ahead's through `bots.lookahead`). What is left
    is the bot's own loop, and what the parts cost together more than apart."""
    controls = dict.fromkeys(sc.seat_ids, "heuristic")
    looks: list[tuple[GameState, Action, int, bool]] = []
    steps: list[tuple[GameState, Action]] = []
    ends: list[tuple[GameState]] = []
    lookahead = bots.lookahead

    def recorded(state: GameState, action: Action, dice: int, within_phase: bool = False) -> Draft:
        looks.append((state, action, dice, within_phase))
        return lookahead(state, action, dice, within_phase)

    bots.lookahead = recorded
    try:
        for seed in range(1, games + 1):
            state = new_game(sc, seed)
            while not state.over:
                action = heuristic_bot(state)
                steps.append((state, action))
                state = step(state, action)
            ends.append((state,))
    finally:
        bots.lookahead = lookahead
    drafts = [(lookahead(*call), valuer(sc, call[0].pending.seat)) for call in looks if call[0].pending]
    seeds = [(seed,) for seed in range(1, games + 1)]
    gc.collect()
    gc.freeze()  # the recorded calls are kept: spare the collector from walking them
    try:
        whole = _best_ms(_each(lambda seed: result_of(play_out(new_game(sc, seed), controls)), seeds), games)
        parts = {
            "look-ahead": _each(lookahead, looks),
            "valuer": _each(lambda draft, worth: worth(draft), drafts),
            "legal_actions": _each(lambda state, _: list_legal(state), steps),
            "step": _each(step, steps),
            "new_game": _each(lambda seed: new_game(sc, seed), seeds),
            "result_of": _each(result_of, ends),
        }
        ms = {name: _best_ms(work, games) for name, work in parts.items()}
    finally:
        gc.unfreeze()
    rest = whole - sum(ms.values())
    print(f"a heuristic game of nea2017 by part (CPU ms, best of 3 over {games} games): {whole:.2f}")
    print(
        f"  look-ahead {ms['look-ahead']:.2f} ({len(looks) / games:.0f} calls); without it {whole - ms['look-ahead']:.2f}:"
    )
    others = ", ".join(f"{name} {t:.2f}" for name, t in ms.items() if name != "look-ahead")
    print(f"  {others}, the rest (the bot's own loop) {rest:.2f}")


def simulate_wall(cores: set[int]) -> None:
    """`brink SIMULATE` in a fresh process on `cores`: its wall and CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "brink"), *SIMULATE],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        preexec_fn=lambda: os.sched_setaffinity(0, cores),
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    load = os.getloadavg()[0]
    verdict = "failed" if done.returncode else "pass" if wall < 60 else "MISS"
    print(f"brink {' '.join(SIMULATE)}: {wall:.1f} s wall, {cpu:.1f} s CPU (target < 60 s wall)  {verdict}")
    print(f"  ({len(cores)} cores, load average {load:.1f} after the run)")


def main() -> int:
    parser = argparse.ArgumentParser(description="The bots' speed (prints figures; never fails on timing)")
    parser.add_argument("--simulate", action="store_true", help="also time 10,000 games with --jobs 2")
    args = parser.parse_args()
    all_cores = os.sched_getaffinity(0)
    if args.simulate:
        simulate_wall(all_cores)
    os.sched_setaffinity(0, {min(all_cores)})
    sc = load_scenario(ROOT / "decks" / "nea2017")
    controls = dict.fromkeys(sc.seat_ids, "heuristic")
    start, n = time.process_time(), 0
    while time.process_time() - start < 5 or n < 20:
        play_out(new_game(sc, n + 1), controls)
        n += 1
    print(f"heuristic-bot games/s (CPU, one core): {n / (time.process_time() - start):.1f}  (target ≥ 160)")
    split(sc)
    states = decisions(3)
    print(f"search bot on {len(states)} decisions of nea2017 (turns and headlines):")
    print(
        f"  {'level':<8} {'worlds':>6} {'mean s':>8} {'max s':>8} {'playouts/s':>11}  target < {TARGET_SECONDS} s"
    )
    for level in LEVELS.values():
        playouts, worst, total = 0, 0.0, 0.0
        for state in states:
            t = time.process_time()
            decide(state, level)
            spent = time.process_time() - t
            worst, total = max(worst, spent), total + spent
            acts = len(legal_actions(state))
            playouts += level.worlds * acts if acts > 1 else 0
        verdict = "pass" if worst < TARGET_SECONDS else "MISS"
        print(
            f"  {level.name:<8} {level.worlds:>6} {total / len(states):>8.3f} {worst:>8.3f} "
            f"{playouts / total:>11,.0f}  {verdict if level.name == 'normal' else ''}".rstrip()
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
