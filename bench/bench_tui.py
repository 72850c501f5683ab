"""How fast the table feels: prints figures against the targets; never fails on timing.

    .venv/bin/python bench/bench_tui.py

- **first screen**: `brink play --seed 1 --seats ...` started in a pseudo-terminal of
  120x40, until the curtain's words reach the terminal (target < 1.0 s wall);
- **key → screen**: through Pilot at the table, the time from a key press to the frame
  that shows its effect (target < 50 ms): moving through the hand and opening the
  decision dialog (to their last frame); confirming a pass (to the first frame: the
  action taken, autosaved, the table redrawn) and, for information, until the bots
  after it (without their pause) have played up to the next person's decision;
- **view**: `view()` after each step of a whole game (the table asks one after each
  move), against telling the whole log afresh (what each view did before).

Figures are medians (and worst) over several runs; a busy machine inflates them.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRINK = ROOT / ".venv" / "bin" / "brink"
SEATS = "usa=human:Aiko,rok=human:Bo,japan=human,all=bot"


def first_screen(home: str, timeout: float = 10.0) -> float:
    """Seconds from starting `brink play` to the curtain's words on the terminal."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become `brink play`
        os.environ.update(BRINK_HOME=home, TERM="xterm-256color", COLUMNS="120", LINES="40")
        os.execv(str(BRINK), [str(BRINK), "play", "--seed", "1", "--seats", SEATS])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if b"Pass the keyboard" in seen:
                    return time.perf_counter() - start
        raise RuntimeError("the first screen did not appear")
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)


async def key_latencies(runs: int) -> dict[str, list[float]]:
    """Milliseconds from a key press to the last frame it caused, through Pilot."""
    from game.engine import load_scenario
    from game.engine.record import Player
    from game.paths import DEFAULT_SCENARIO
    from game.tui.app import BrinkApp
    from game.tui.screens.dialogs import ActionDialog
    from game.tui.screens.table import TableScreen
    from game.tui.session import Launch, Session

    scenario = load_scenario(DEFAULT_SCENARIO)
    players = tuple(Player(s, "human" if s == "usa" else "heuristic") for s in scenario.seat_ids)
    session = Session.start(scenario, 1, players)
    app = BrinkApp(Launch(scenario, session), bot_delay=0)
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
        if renderable is not None:
            frames.append(time.perf_counter())
        display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    out: dict[str, list[float]] = {
        "move in the hand": [],
        "open the dialog": [],
        "confirm a pass": [],
        "  …bots done": [],
    }

    async def press(key: str, first: str = "", last: str = "") -> None:
        """Time from the key to the first frame after it, and to the last."""
        t0 = time.perf_counter()
        await pilot.press(key)
        after = [f for f in frames if f > t0]
        if after and first:
            out[first].append((after[0] - t0) * 1000)
        if after and last:
            out[last].append((after[-1] - t0) * 1000)

    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(runs):
            for _ in range(200):
                if isinstance(app.screen, TableScreen) and session.shown_seat:
                    break
                await pilot.press("enter") if not isinstance(app.screen, TableScreen) else await pilot.pause()
            if session.over:
                break
            await press("down", last="move in the hand")
            await press("up", last="move in the hand")
            if app.screen.check_action("pass_turn", ()) is not True:  # type: ignore[union-attr]
                await pilot.press("enter", "enter", "enter")
                continue
            await press("p", last="open the dialog")
            if isinstance(app.screen, ActionDialog):
                await press("enter", first="confirm a pass", last="  …bots done")
    return out


def views_over_a_game() -> tuple[float, float, float]:
    """Milliseconds a view takes after each step of a whole nea2017 game (as the table
    asks one after each move), median and worst; and telling the whole last log afresh,
    which a view did every time before it worded only what is new."""
    from game.engine import load_scenario, new_game, step, view
    from game.engine.bots import BOTS
    from game.engine.narrate import tell

    sc = load_scenario(ROOT / "decks" / "nea2017")
    state, took = new_game(sc, 1), []
    while not state.over:
        state = step(state, BOTS["heuristic"](state))
        start = time.perf_counter()
        view(state, "usa")
        took.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    tell(state.log, sc, "usa")
    afresh = (time.perf_counter() - start) * 1000
    return statistics.median(took), max(took), afresh


def main() -> int:
    sys.path.insert(0, str(ROOT))
    median, worst, afresh = views_over_a_game()
    print("view after each step of a whole nea2017 game (the log worded only where new)")
    print(f"  median {median:.2f} ms, worst {worst:.2f} ms; the last log told afresh: {afresh:.2f} ms")
    with tempfile.TemporaryDirectory() as home:
        os.environ["BRINK_HOME"] = home
        starts = [first_screen(home) for _ in range(5)]
        print("brink play: from start to the first screen (target < 1.0 s wall)")
        print(
            f"  median {statistics.median(starts):.2f} s, worst {max(starts):.2f} s over {len(starts)} runs"
        )
        print("table: key press to the updated screen, through Pilot (target < 50 ms)")
        for label, ms in asyncio.run(key_latencies(12)).items():
            if ms:
                print(
                    f"  {label:<18} median {statistics.median(ms):5.1f} ms, worst {max(ms):5.1f} ms ({len(ms)} presses)"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
