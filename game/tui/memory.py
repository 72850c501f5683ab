"""The setup screen's memory: the last setup of each scenario (who played each seat,
their names, the round limit and the timer), kept in the user's data folder so that the
next seminar starts where the last one left off.

It is a convenience, never a source of truth: a file that cannot be read, or that
names seats or bots the scenario no longer has, is ignored (with a warning for the
screen to show), and nothing else depends on it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from attrs import frozen

from ..engine import Scenario
from ..engine.record import CONTROLS, Player, write
from ..paths import data_home

FORMAT = "brinkmanship-setups"


def memory_file() -> Path:
    return data_home() / "setups.json"


@frozen
class Remembered:
    """A scenario's last setup: its players (every seat), round limit and timer."""

    players: tuple[Player, ...]
    rounds: int | None = None
    timer: int | None = None


def recall(scenario: Scenario) -> tuple[Remembered | None, str]:
    """The last setup of `scenario` (None if there is none that fits it), and a warning
    ("" if none) when the memory file is there but cannot be used."""
    path = memory_file()
    try:
        data = _read(path)
    except (OSError, ValueError, RecursionError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        return None, f"the last setups in {path} were ignored ({why})"
    entry = data.get(scenario.id) if data else None
    return (_fit(entry, scenario) if entry is not None else None), ""


def remember(scenario: Scenario, setup: Remembered) -> str:
    """Keep `setup` as the scenario's last; a warning if it cannot be kept, else ""."""
    path = memory_file()
    try:
        data = _read(path)
    except (OSError, ValueError, RecursionError):
        data = {}  # a broken memory is replaced, not kept
    data[scenario.id] = {
        "players": [{"seat": p.seat, "control": p.control, "name": p.name} for p in setup.players],
        "rounds": setup.rounds,
        "timer": setup.timer,
    }
    try:
        write(path, json.dumps({"format": FORMAT, "scenarios": data}, indent=1, ensure_ascii=False) + "\n")
    except OSError as e:
        return f"this setup could not be remembered in {path} ({e.strerror or e})"
    return ""


def _read(path: Path) -> dict[str, Any]:
    """The remembered setups by scenario id ({} when there is no file yet); ValueError
    when the file is not a memory of setups."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("scenarios"), dict)
    ):
        raise ValueError("not a file of remembered setups")
    scenarios: dict[str, Any] = data["scenarios"]
    return scenarios


def _fit(entry: Any, scenario: Scenario) -> Remembered | None:
    """The remembered setup if it still fits the scenario (its seats, the bots there
    are, a round limit it allows), else None."""
    if not isinstance(entry, dict) or not isinstance(entry.get("players"), list):
        return None
    players = {}
    for p in entry["players"]:
        if not isinstance(p, dict):
            return None
        seat, control, name = p.get("seat"), p.get("control"), p.get("name", "")
        if seat not in scenario.seat_ids or control not in CONTROLS or not isinstance(name, str):
            return None
        players[seat] = Player(seat, control, name[:40])
    if set(players) != set(scenario.seat_ids):
        return None
    rounds, timer = entry.get("rounds"), entry.get("timer")
    if rounds is not None and not (_whole(rounds) and 1 <= rounds < scenario.rounds):
        rounds = None
    if timer is not None and not (_whole(timer) and 0 < timer < 10_000):
        timer = None
    return Remembered(tuple(players[s] for s in scenario.seat_ids), rounds, timer)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
