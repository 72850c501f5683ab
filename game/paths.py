"""Where things live on disk: the bundled scenarios and the player's saves."""

from __future__ import annotations

import os
from pathlib import Path

from .engine.record import Record, RecordError

#: The scenarios that ship with Brinkmanship (the repository's `decks/`).
BUNDLED_DECKS = Path(__file__).resolve().parent.parent / "decks"
DEFAULT_SCENARIO = BUNDLED_DECKS / "nea2017"


def data_home() -> Path:
    """Saves and autosaves: $BRINK_HOME, else $XDG_DATA_HOME/brinkmanship."""
    if os.environ.get("BRINK_HOME"):
        return Path(os.environ["BRINK_HOME"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "brinkmanship"


def autosave_path() -> Path:
    return data_home() / "autosave.json"


def saves_dir() -> Path:
    return data_home() / "saves"


def bundled_scenarios() -> list[Path]:
    """The bundled scenario folders, the default first."""
    found = sorted(p.parent for p in BUNDLED_DECKS.glob("*/scenario.yaml"))
    return sorted(found, key=lambda p: p != DEFAULT_SCENARIO)


def find_scenario(name: str) -> Path:
    """A scenario given as a folder path or as the id of a bundled scenario."""
    p = Path(name)
    if p.exists() or os.sep in name:
        return p
    return BUNDLED_DECKS / name


def scenario_folder_of(record: Record, given: str | None = None) -> Path:
    """The scenario folder a record is played in: `given` (a folder or bundled id),
    else the folder it was played from, else the bundled scenario of its id. Raises
    RecordError when none of these is there."""
    if given:
        return find_scenario(given)
    played_from = Path(record.scenario_path) if record.scenario_path else None
    if played_from is not None and (played_from / "scenario.yaml").is_file():
        return played_from
    bundled = BUNDLED_DECKS / record.scenario
    if Path(record.scenario).name == record.scenario and (bundled / "scenario.yaml").is_file():
        return bundled
    raise RecordError(
        f"it is a game of scenario {record.scenario!r}, which is not bundled and whose folder "
        f"({record.scenario_path or 'not recorded'}) is not there; name the folder with --scenario PATH"
    )
