"""Brinkmanship benchmark: prints figures against the targets; never fails on timing.

    .venv/bin/python bench/run.py            # or: make bench
    .venv/bin/python bench/run.py --quick    # skip the 1000-game simulate runs

Everything runs pinned to one core (children inherit it), except the one line that
measures `simulate --jobs 2` on two. Figures:

- engine steps/s: `step` calls alone, replaying the actions of recorded random games;
- steps/s with the bot: a random bot choosing (it calls `legal_actions`) and `step`;
- complete random-bot and heuristic-bot games of nea2017 per second;
- `brink validate decks` wall time (a fresh process, best of 5);
- `brink simulate --games 1000 --seed 1` wall time (a fresh process);
- the peak memory of simulating 200 and 2,000 games (it should not grow with them).

Each figure is given by the wall clock and by the CPU time the work used. On an idle
machine the two agree; when other programs share the core, the wall figure drops and
the CPU figure is the one to compare with the targets (it is what the verdict uses).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from attrs import frozen

from game.engine import Action, Scenario, load_scenario, new_game, step
from game.engine.bots import random_bot
from game.engine.sim import play_out

ROOT = Path(__file__).resolve().parent.parent
BRINK = Path(sys.executable).parent / "brink"


@frozen
class Timing:
    """Seconds by the wall clock and of CPU, for `units` of work."""

    wall: float
    cpu: float
    units: int = 1

    def rates(self) -> tuple[float, float]:
        return self.units / self.wall, self.units / max(self.cpu, 1e-9)


def _timed(work: Callable[[], int], seconds: float) -> Timing:
    """Call `work` (which returns how many units it did) until `seconds` have passed."""
    done, wall0, cpu0 = 0, time.perf_counter(), time.process_time()
    while True:
        done += work()
        wall = time.perf_counter() - wall0
        if wall >= seconds:
            return Timing(wall, time.process_time() - cpu0, done)


def engine_steps(scenario: Scenario, seconds: float) -> Timing:
    """`step` alone: the actions of 50 random games, replayed again and again."""
    controls = dict.fromkeys(scenario.seat_ids, "random")
    games: list[tuple[int, tuple[Action, ...]]] = [
        (seed, play_out(new_game(scenario, seed), controls).history) for seed in range(1, 51)
    ]
    firsts = {seed: new_game(scenario, seed) for seed, _ in games}

    def replay_all() -> int:
        for seed, actions in games:
            state = firsts[seed]
            for action in actions:
                state = step(state, action)
        return sum(len(actions) for _, actions in games)

    return _timed(replay_all, seconds)


def bot_steps(scenario: Scenario, seconds: float) -> Timing:
    """A random bot (which asks `legal_actions`) and `step`, per step."""
    seeds = iter(range(1, 10**9))

    def one_game() -> int:
        state, n = new_game(scenario, next(seeds)), 0
        while state.pending is not None:
            state = step(state, random_bot(state))
            n += 1
        return n

    return _timed(one_game, seconds)


def bot_games(scenario: Scenario, control: str, seconds: float) -> Timing:
    controls = dict.fromkeys(scenario.seat_ids, control)
    seeds = iter(range(1, 10**9))

    def one_game() -> int:
        play_out(new_game(scenario, next(seeds)), controls)
        return 1

    return _timed(one_game, seconds)


def command(argv: list[str], repeat: int = 1, cores: set[int] | None = None) -> Timing | None:
    """The best of `repeat` runs of a command (wall, and its processes' CPU); None if
    it failed."""
    best: Timing | None = None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            argv,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            return None
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or wall < best.wall:
            best = Timing(wall, cpu)
    return best


def simulate_memory(games: int) -> int:
    """The peak memory (KiB) of a fresh process that simulates `games` random-bot games:
    the totals are kept as results arrive, so it should not grow with the games."""
    code = (
        "import resource, sys; from game.engine import load_scenario; from game.engine.sim import simulate; "
        f"sc = load_scenario({str(ROOT / 'decks' / 'nea2017')!r}); "
        f"simulate(sc, {games}, 1, dict.fromkeys(sc.seat_ids, 'random')); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return int(done.stdout.strip())


def _figure(rate: float) -> str:
    return f"{rate:,.0f}" if rate >= 1000 else f"{rate:,.1f}"


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
    load = os.getloadavg()[0]
    print(
        f"Brinkmanship benchmark: Python {platform.python_version()}, pinned to core {core} of "
        f"{len(all_cores)} (load average {load:.1f}), decks {scenario.digest[:12]}",
        flush=True,
    )

    rows: list[tuple[str, str, str, str, str]] = []

    def rate(name: str, t: Timing, target: float | None = None) -> None:
        wall, cpu = t.rates()
        verdict = "" if target is None else "pass" if cpu >= target else "MISS"
        rows.append((name, _figure(wall), _figure(cpu), f"≥ {target:,.0f}" if target else "", verdict))
        print(f"  {name}: {wall:,.1f} (per CPU second {cpu:,.1f})", file=sys.stderr, flush=True)

    def seconds(name: str, t: Timing | None, target: float | None = None) -> None:
        if t is None:
            rows.append((name, "failed", "", f"< {target} s" if target else "", "MISS" if target else ""))
            return
        verdict = "" if target is None else "pass" if t.cpu < target else "MISS"
        rows.append((name, f"{t.wall:.3f} s", f"{t.cpu:.3f} s", f"< {target} s" if target else "", verdict))
        print(f"  {name}: {t.wall:.3f} s (CPU {t.cpu:.3f} s)", file=sys.stderr, flush=True)

    rate("engine steps/s (step alone)", engine_steps(scenario, args.seconds), 30_000)
    rate("steps/s with a random bot (legal_actions)", bot_steps(scenario, args.seconds))
    rate("random-bot games/s", bot_games(scenario, "random", args.seconds), 100)
    rate("heuristic-bot games/s", bot_games(scenario, "heuristic", args.seconds), 160)
    seconds("brink validate decks (best of 5)", command([str(BRINK), "validate", "decks"], repeat=5), 0.5)
    if not args.quick:
        simulate = [str(BRINK), "simulate", "--games", "1000", "--seed", "1"]
        seconds("brink simulate --games 1000 --seed 1", command(simulate))
        if len(all_cores) > 1:
            seconds(
                "  the same with --jobs 2 (two cores)", command([*simulate, "--jobs", "2"], cores=all_cores)
            )

    for games in (200, 2000):
        kib = simulate_memory(games)
        rows.append((f"simulate memory, {games} random-bot games", f"{kib / 1024:.1f} MB", "", "", ""))
        print(f"  simulate memory, {games} games: {kib / 1024:.1f} MB", file=sys.stderr, flush=True)

    width = max(len(r[0]) for r in rows) + 2
    print(f"\n{'measure':<{width}}{'wall':>10}  {'by CPU':>10}  {'target':<10}  result")
    for name, wall, cpu, target, verdict in rows:
        print(f"{name:<{width}}{wall:>10}  {cpu:>10}  {target:<10}  {verdict}".rstrip())
    if load > 1.5:
        print(f"\n(the machine was busy, load average {load:.1f}: compare the CPU column with the targets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
