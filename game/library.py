"""The user's own scenarios: `brink new` copies a scenario into the user's scenario
folder to edit there, so that the bundled ones are never edited in place."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from .engine.checks import ID_RE
from .engine.loader import SCENARIO_FILE
from .engine.schema import SCHEMA_FILE, schema_text
from .paths import BUNDLED_DECKS, user_scenarios_dir

_SCENARIO_ID = re.compile(r"^scenario:[ \t]*[^\n#]*", re.MULTILINE)


class NewScenarioError(Exception):
    """Why a scenario cannot be made under that name or from that source."""


def new_scenario(name: str, source: Path) -> Path:
    """Copy the scenario folder `source` to the user's folder as `name`, give the copy
    that id, and put the editors' schema beside it. Returns the new folder."""
    if not ID_RE.match(name):
        raise NewScenarioError(f"{name!r}: a scenario name is a lowercase word (a-z, 0-9, _ and -)")
    if (BUNDLED_DECKS / name / SCENARIO_FILE).is_file():
        raise NewScenarioError(f"{name!r} is the name of a bundled scenario; choose another name")
    if not (source / SCENARIO_FILE).is_file():
        raise NewScenarioError(f"{source}: no {SCENARIO_FILE} there to copy")
    home = user_scenarios_dir()
    dest = home / name
    if dest.exists():
        raise NewScenarioError(f"you already have a scenario {name!r} ({dest})")
    try:
        home.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=home, prefix=f".{name}-") as tmp:
            staged = Path(tmp) / name  # copied whole, then moved in at once
            shutil.copytree(
                source,
                staged,
                copy_function=shutil.copyfile,
                ignore=shutil.ignore_patterns("__pycache__", ".*"),
            )
            _rename(staged / SCENARIO_FILE, name)
            staged.rename(dest)
        write_schema(home)
    except OSError as e:
        raise NewScenarioError(f"cannot write {dest} ({e.strerror or e})") from None
    return dest


def _rename(scenario: Path, name: str) -> None:
    """Give a copied scenario.yaml its new id (a file that is not text is left to
    `brink validate` to explain)."""
    try:
        text = scenario.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return
    scenario.write_text(_SCENARIO_ID.sub(f"scenario: {name}", text, count=1), encoding="utf-8")


def write_schema(folder: Path) -> None:
    """The editors' schema beside a folder of scenarios, where the files' first line
    (`$schema=../brink.schema.json`) points."""
    (folder / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
