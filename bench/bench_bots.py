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
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from game.engine import GameState, legal_actions, load_scenario, new_game, step
from game.engine.bots import heuristic_bot
from game.engine.model import Headline, Turn
from game.engine.search import LEVELS, decide
from game.engine.sim import play_out

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
    print(f"heuristic-bot games/s (CPU): {n / (time.process_time() - start):.1f}  (target ≥ 160)")
    states = decisions(3)
    print(f"search bot on {len(states)} decisions of nea2017 (turns and headlines):")
    print(f"  {'level':<8} {'worlds':>6} {'mean s':>8} {'max s':>8} {'playouts/s':>11}  target < {TARGET_SECONDS} s")
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
