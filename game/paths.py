"""Where things live on disk: the bundled scenarios, the user's own scenarios and the
player's saves."""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path

from .engine.record import Record, RecordError


def _bundled_root() -> Path:
    """The scenarios that ship with Brinkmanship: `game/scenarios` inside an installed
    package (the wheel maps the repository's top-level `decks/` there, see setup.py),
    else the clone's `decks/`."""
    packaged = files("game") / "scenarios"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "decks"


BUNDLED_DECKS = _bundled_root()
DEFAULT_SCENARIO = BUNDLED_DECKS / "nea2017"


def data_home() -> Path:
    """Saves, kept games and the user's scenarios: $BRINK_HOME, else the platform's data
    folder ($XDG_DATA_HOME or ~/.local/share; Application Support on macOS; %APPDATA%
    on Windows) / brinkmanship."""
    if os.environ.get("BRINK_HOME"):
        return Path(os.environ["BRINK_HOME"])
    if os.environ.get("XDG_DATA_HOME"):
        return Path(os.environ["XDG_DATA_HOME"]) / "brinkmanship"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "brinkmanship"
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "brinkmanship"
    return Path.home() / ".local" / "share" / "brinkmanship"


def user_scenarios_dir() -> Path:
    """The user's own scenarios (made by `brink new`), editable; the bundled ones are not."""
    return data_home() / "scenarios"


def games_dir() -> Path:
    """Every game's own autosave, kept until the user deletes it (see game/games.py)."""
    return data_home() / "games"


def saves_dir() -> Path:
    return data_home() / "saves"


def bundled_scenarios() -> list[Path]:
    """The bundled scenario folders, the default first."""
    found = sorted(p.parent for p in BUNDLED_DECKS.glob("*/scenario.yaml"))
    return sorted(found, key=lambda p: p != DEFAULT_SCENARIO)


def user_scenarios() -> list[Path]:
    """The user's scenario folders, by name."""
    return sorted(p.parent for p in user_scenarios_dir().glob("*/scenario.yaml"))


def all_scenarios() -> list[Path]:
    """Every scenario a player can pick by name: the bundled ones, then the user's."""
    return [*bundled_scenarios(), *user_scenarios()]


def is_bundled(folder: Path) -> bool:
    """Whether a scenario folder is one that ships with the game (never edited in place)."""
    try:
        return folder.resolve().is_relative_to(BUNDLED_DECKS.resolve())
    except OSError:
        return False


def find_scenario(name: str) -> Path:
    """A scenario given as a folder path, or by name: one of the user's, else a bundled one."""
    p = Path(name)
    if p.exists() or os.sep in name or (os.altsep and os.altsep in name):
        return p
    return named_scenario(name)


def named_scenario(name: str) -> Path:
    """The folder of the scenario of this name: the user's, else the bundled one."""
    mine = user_scenarios_dir() / name
    return mine if (mine / "scenario.yaml").is_file() else BUNDLED_DECKS / name


def scenario_folder_of(record: Record, given: str | None = None) -> Path:
    """The scenario folder a record is played in: `given` (a folder or bundled id),
    else the folder it was played from, else the bundled scenario of its id. Raises
    RecordError when none of these is there."""
    if given:
        return find_scenario(given)
    played_from = Path(record.scenario_path) if record.scenario_path else None
    if played_from is not None and (played_from / "scenario.yaml").is_file():
        return played_from
    if Path(record.scenario).name == record.scenario:
        named = named_scenario(record.scenario)
        if (named / "scenario.yaml").is_file():
            return named
    raise RecordError(
        f"it is a game of scenario {record.scenario!r}, which is neither yours nor bundled and whose folder "
        f"({record.scenario_path or 'not recorded'}) is not there; name the folder with --scenario PATH"
    )
