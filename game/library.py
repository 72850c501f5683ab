"""The user's own scenarios: `brink new` copies a scenario into the user's scenario
folder to edit there, so that the bundled ones are never edited in place; the deck
workshop checks an edit before it is saved, and keeps an invalid one as a draft."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from .common import brink
from .engine import Scenario
from .engine.checks import ID_RE
from .engine.loader import SCENARIO_FILE, check_scenario
from .engine.schema import SCHEMA_FILE, schema_text
from .engine.yamlsrc import Problem
from .paths import BUNDLED_DECKS, is_bundled, user_scenarios_dir

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
                ignore=shutil.ignore_patterns("__pycache__", ".*", "*.draft"),
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


# ------------------------------------------------------------------ the deck workshop


def draft_path(file: Path) -> Path:
    """Where an edit that is not valid yet is kept, beside the file: `usa.yaml.draft`."""
    return file.with_name(file.name + ".draft")


def check_edit(folder: Path, name: str, text: str) -> list[Problem]:
    """Every problem of the scenario in `folder` were its file `name` to hold `text`."""
    return check_scenario(folder, {name: text})[1]


def save_edit(folder: Path, name: str, text: str) -> list[Problem]:
    """Save `text` as the file `name` of a user's scenario if the scenario is then
    valid (warnings allowed), removing any draft; else keep it as a draft beside the
    file, the file untouched. Returns the problems (errors mean: kept as a draft)."""
    if is_bundled(folder):
        raise NewScenarioError(f"a bundled scenario is never edited in place: copy it with `{brink('new')}`")
    problems = check_edit(folder, name, text)
    file = folder / name
    target = draft_path(file) if any(not p.warning for p in problems) else file
    _write(target, text)
    if target == file:
        draft_path(file).unlink(missing_ok=True)
    return problems


def _write(path: Path, text: str) -> None:
    """Write a whole file or nothing (a temporary file beside it, renamed into place)."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
    ) as f:
        f.write(text)
    Path(f.name).replace(path)


def card_template(scenario: Scenario | None, text: str) -> str:
    """A new card to append to a deck file's text: an id not yet taken, the scenario's
    first card kind and global track, and a citation to fill in."""
    taken = set(re.findall(r"^\s*- id:\s*([\w-]+)", text, re.MULTILINE))
    ident = next(f"new-card-{n}" for n in range(1, len(taken) + 2) if f"new-card-{n}" not in taken)
    kind = scenario.card_kinds[0] if scenario and scenario.card_kinds else "diplomacy"
    track = next((t for t in scenario.tracks if t.scope == "global"), None) if scenario else None
    effect = f"\n    effects:\n      - shift: {track.id}\n        by: 1" if track else ""
    says = f" {track.name} +1." if track else ""
    return (
        f"  - id: {ident}\n"
        f"    name: New card\n"
        f"    kind: {kind}\n"
        f"    text: What happens, in a sentence.{says}\n"
        f'    cite: {{title: "The work this card comes from", url: https://example.org, date: "2017"}}'
        f"{effect}\n"
    )
