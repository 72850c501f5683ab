"""Brinkmanship benchmark: prints figures against the targets; never fails on timing.

    .venv/bin/python bench/run.py            # or: make bench
    .venv/bin/python bench/run.py --quick    # skip the 1000-game simulate runs

Everything runs pinned to one core (children inherit it), except the one line that
measures `simulate --jobs 2` on two. Figures:

- engine steps/s: `step` calls alone, replaying the actions of recorded random games;
- steps/s with the bot: a random bot choosing (it calls `legal_actions`) and `step`;
- complete random-bot and heuristic-bot games of nea2017 per second;
- `brink validate decks` wall time (a fresh process, best of 5);
- `brink simulate --games 1000 --seed 1` wall time (a fresh process).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from game.engine import Action, Scenario, load_scenario, new_game, step
from game.engine.bots import random_bot
from game.engine.sim import play_out

ROOT = Path(__file__).resolve().parent.parent
BRINK = Path(sys.executable).parent / "brink"


def _rate(work: Callable[[], int], seconds: float) -> float:
    """Units of work per second: `work` returns how many units one call did; it is
    called until `seconds` have passed (and at least once)."""
    done, start = 0, time.perf_counter()
    while True:
        done += work()
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def steps_per_second(scenario: Scenario, seconds: float) -> float:
    """`step` alone: the actions of 50 random games, replayed again and again."""
    games: list[tuple[int, tuple[Action, ...]]] = []
    for seed in range(1, 51):
        state = play_out(new_game(scenario, seed), dict.fromkeys(scenario.seat_ids, "random"))
        games.append((seed, state.history))
    firsts = {seed: new_game(scenario, seed) for seed, _ in games}

    def replay_all() -> int:
        n = 0
        for seed, actions in games:
            state = firsts[seed]
            for action in actions:
                state = step(state, action)
            n += len(actions)
        return n

    return _rate(replay_all, seconds)


def bot_steps_per_second(scenario: Scenario, seconds: float) -> float:
    """A random bot (which asks `legal_actions`) and `step`, per step."""
    seeds = iter(range(1, 10**9))

    def one_game() -> int:
        state = new_game(scenario, next(seeds))
        n = 0
        while state.pending is not None:
            state = step(state, random_bot(state))
            n += 1
        return n

    return _rate(one_game, seconds)


def games_per_second(scenario: Scenario, control: str, seconds: float) -> float:
    controls = dict.fromkeys(scenario.seat_ids, control)
    seeds = iter(range(1, 10**9))

    def one_game() -> int:
        play_out(new_game(scenario, next(seeds)), controls)
        return 1

    return _rate(one_game, seconds)


def wall(argv: list[str], repeat: int = 1, cores: set[int] | None = None) -> float | None:
    """The best wall time of `repeat` runs of a command; None if it failed."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            argv,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None,
        )
        if done.returncode != 0:
            return None
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Brinkmanship benchmark (prints figures; never fails on timing)"
    )
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="time per in-process measurement (default 3)"
    )
    parser.add_argument("--quick", action="store_true", help="skip the 1000-game simulate runs")
    args = parser.parse_args()

    all_cores = os.sched_getaffinity(0)
    core = min(all_cores)
    os.sched_setaffinity(0, {core})
    scenario = load_scenario(ROOT / "decks" / "nea2017")
    print(
        f"Brinkmanship benchmark: Python {platform.python_version()}, pinned to core {core} "
        f"of {len(all_cores)}, decks {scenario.digest[:12]}",
        flush=True,
    )

    rows: list[tuple[str, str, str, str]] = []

    def row(name: str, figure: str, target: str = "", ok: bool | None = None) -> None:
        verdict = "" if ok is None else "pass" if ok else "MISS"
        rows.append((name, figure, target, verdict))
        print(f"  measured: {name}: {figure}", file=sys.stderr, flush=True)

    s = steps_per_second(scenario, args.seconds)
    row("engine steps/s (step alone)", f"{s:,.0f}", "≥ 30,000", s >= 30_000)
    s = bot_steps_per_second(scenario, args.seconds)
    row("steps/s with random bot (legal_actions)", f"{s:,.0f}")
    g = games_per_second(scenario, "random", args.seconds)
    row("random-bot games/s", f"{g:,.1f}", "≥ 100", g >= 100)
    g = games_per_second(scenario, "heuristic", args.seconds)
    row("heuristic-bot games/s", f"{g:,.1f}")
    t = wall([str(BRINK), "validate", "decks"], repeat=5)
    if t is None:
        row("brink validate decks", "failed", "< 0.5 s", False)
    else:
        row("brink validate decks (wall, best of 5)", f"{t:.3f} s", "< 0.5 s", t < 0.5)
    if not args.quick:
        simulate = [str(BRINK), "simulate", "--games", "1000", "--seed", "1"]
        t = wall(simulate)
        row("brink simulate --games 1000 --seed 1 (wall)", "failed" if t is None else f"{t:.1f} s")
        if len(all_cores) > 1:
            t = wall([*simulate, "--jobs", "2"], cores=all_cores)
            row("  the same with --jobs 2 (two cores)", "failed" if t is None else f"{t:.1f} s")

    width = max(len(r[0]) for r in rows) + 2
    print(f"\n{'measure':<{width}}{'figure':>12}  {'target':<10}  result")
    for name, figure, target, verdict in rows:
        print(f"{name:<{width}}{figure:>12}  {target:<10}  {verdict}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
