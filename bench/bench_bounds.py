"""Bounds of issue 11.11, as figures (never a pass/fail on time):

- `report`'s wrapping of one long word (a `why`, a name) at 1, 2 and 4 MB: linear
  means the time doubles with the size (textwrap alone quadruples);
- the CPU time of each hundredth of a long game, on the test scenario that never ends
  by itself (tests/data/engine/flow): steady means a round's cost does not grow with
  the round number. Scenarios are bounded at MAX_ROUNDS rounds.

    .venv/bin/python bench/bench_bounds.py
"""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import attrs

from game.engine import legal_actions, load_scenario, new_game, step
from game.engine.model import MAX_ROUNDS, Pass
from game.report import wrap

FLOW = Path(__file__).resolve().parent.parent / "tests" / "data" / "engine" / "flow"


def wrapping() -> None:
    for mb in (1, 2, 4):
        word = "x" * (mb << 20)
        t = time.process_time()
        wrap(word, 80, "  ", "    ")
        ours = time.process_time() - t
        t = time.process_time()
        textwrap.wrap(word, 80, break_on_hyphens=False)
        theirs = time.process_time() - t
        print(f"wrap one {mb} MB word: {ours * 1000:7.1f} ms   (textwrap alone: {theirs * 1000:7.1f} ms)")


def rounds(limit: int) -> None:
    sc = attrs.evolve(load_scenario(FLOW), rounds=limit)
    state = new_game(sc, 1)
    marks, last, t = [], 1, time.process_time()
    while not state.over:
        actions = legal_actions(state)
        state = step(state, next((a for a in actions if isinstance(a, Pass)), actions[0]))
        if state.round != last:
            last = state.round
            marks.append(time.process_time() - t)
    tenth = max(len(marks) // 10, 1)
    per = [
        (marks[i + tenth - 1] - (marks[i - 1] if i else 0)) / tenth * 1000
        for i in range(0, len(marks) - tenth + 1, tenth)
    ]
    print(f"{limit:5} rounds: ms per round, by tenth of the game: " + " ".join(f"{p:.2f}" for p in per))


if __name__ == "__main__":
    wrapping()
    for n in (MAX_ROUNDS, 1000, 4000):
        rounds(n)
