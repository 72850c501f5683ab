"""What both shells share, below them both: exit codes, the usage error, seat
specifications and sparklines.

The layers, lowest first: `game.engine` (the rules; imports nothing else of `game`),
then `game.common`, `game.paths` and `game.report` (plain text and files, no screen),
then the shells, `game.tui` and `game.cli` (the CLI opens the TUI for `brink play`).
A shell never imports the other's modules; tests/test_layers.py checks it.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .engine.bots import DEFAULT_BOT
from .engine.model import Scenario
from .engine.yamlsrc import one_line

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 2, 70
#: A program stopped by ^C (SIGINT) exits 128 + 2, as the shell reports it.
EXIT_INTERRUPTED = 130
#: A program whose terminal closed (SIGHUP) exits 128 + 1.
EXIT_HANGUP = 129

SPARK = "▁▂▃▄▅▆▇█"


def printable(text: str) -> str:
    """Text from a file or a person made safe to print: its lines kept, every control
    character in them (ESC retitles, clears or blinks a terminal) shown as an escape."""
    return "\n".join(one_line(line) for line in text.split("\n"))


class PrintableStream:
    """A text stream that writes only `printable` text (stdout and stderr of the CLI)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class UsageError(Exception):
    """A command-line value, or a file it names, that cannot be used; the message says
    which and why. The command exits 2."""


def parse_seats(
    spec: str | None, seat_ids: Sequence[str], allowed: Sequence[str], bot: str = DEFAULT_BOT
) -> dict[str, tuple[str, str]]:
    """`usa=human:Aiko,dprk=random,all=heuristic` -> {seat: (control, name)}.

    `all=` sets every seat not named elsewhere; `bot` means the command's default bot
    (`bot`). A seat named twice is a mistake, not an override."""
    out: dict[str, tuple[str, str]] = {}
    default: tuple[str, str] | None = None
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        seat, eq, value = part.partition("=")
        control, _, name = value.partition(":")
        control = {"bot": bot}.get(control.strip(), control.strip())
        seat = seat.strip()
        if not eq or not control or not seat:
            raise UsageError(f"--seats: {part!r} should look like seat=control (e.g. usa={allowed[0]})")
        if control not in allowed:
            raise UsageError(f"--seats: {control!r} is not a control here; use one of: {', '.join(allowed)}")
        if seat != "all" and seat not in seat_ids:
            raise UsageError(f"--seats: no seat {seat!r}; the seats are: {', '.join(seat_ids)} (or all)")
        if seat in out or (seat == "all" and default is not None):
            raise UsageError(f"--seats: {seat!r} is given twice")
        if seat == "all":
            default = (control, name.strip())
        else:
            out[seat] = (control, name.strip())
    if default is not None:
        out = {s: out.get(s, default) for s in seat_ids}
    return out


def brink(args: str = "") -> str:
    """`brink ARGS` as the user can type it where they are: every message that tells
    them a command to run asks here. After `make play` the script lives in `.venv/bin`,
    not on the PATH, so it is named as it was started (`.venv/bin/brink play ...`);
    `python -m game` is named so; plain `brink` only when that is the one on the PATH."""
    started = sys.argv[0] if sys.argv else ""
    if started and Path(started).resolve() == Path(__file__).resolve().with_name("__main__.py"):
        program = f"{_typed(Path(sys.executable))} -m game"
    elif Path(started).name != "brink" or os.sep not in started:
        program = "brink"
    else:
        on_path = shutil.which("brink")
        same = on_path is not None and Path(on_path).resolve() == Path(started).resolve()
        program = "brink" if same else _typed(Path(started))
    return f"{program} {args}".strip()


def _typed(path: Path) -> str:
    """A program's path as short as it can be typed from here: relative to the current
    folder when it is inside it, else under `~`, else as it is."""
    here = Path.cwd()
    full = path if path.is_absolute() else here / path
    if full.is_relative_to(here):
        relative = str(full.relative_to(here))
        return relative if os.sep in relative else f".{os.sep}{relative}"
    if full.is_relative_to(Path.home()):
        return str(Path("~") / full.relative_to(Path.home()))
    return str(full)


def pip_install(what: str) -> str:
    """The command that installs `what` into the Python this program runs on (the
    `.venv` of `make play`, or pipx's), whatever `pip` is on the PATH."""
    return f"{_typed(Path(sys.executable))} -m pip install '{what}'"


def round_limit(rounds: int | None, scenario: Scenario) -> int | None:
    """`--rounds` checked against the scenario: a shorter game's limit, or None for the
    scenario's own length. A game is never made longer than its scenario."""
    if rounds is None or rounds == scenario.rounds:
        return None
    if not 1 <= rounds < scenario.rounds:
        raise UsageError(
            f"--rounds: a game of {scenario.name} lasts at most {scenario.rounds} rounds; "
            f"give 1 to {scenario.rounds}, not {rounds}"
        )
    return rounds


def sparkline(values: Sequence[int], lo: int, hi: int) -> str:
    """Values as block characters, scaled from `lo` (lowest block) to `hi` (highest)."""
    span = max(hi - lo, 1)
    steps = len(SPARK) - 1
    return "".join(SPARK[max(0, min(steps, round((v - lo) * steps / span)))] for v in values)
