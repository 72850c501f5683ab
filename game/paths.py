"""Where things live on disk: the bundled scenarios and the player's saves."""

from __future__ import annotations

import os
from pathlib import Path

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
