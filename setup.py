"""Packaging beyond pyproject.toml: the bundled scenarios ship inside the package.

The repository keeps its scenarios at the top level (`decks/`, where facilitators look
for them); the wheel maps that folder into the package as `game/scenarios`, read at run
time with importlib.resources (`game.paths`). Nothing is copied in the clone.
"""

from pathlib import Path

from setuptools import find_packages, setup

SCENARIOS = ["game.scenarios", *(f"game.scenarios.{d.name}" for d in sorted(Path("decks").glob("*/")))]

setup(
    packages=[*find_packages(include=["game", "game.*"]), *SCENARIOS],
    package_dir={"game.scenarios": "decks"},
    package_data={"game.tui": ["*.tcss", "**/*.tcss"], **{key: ["*"] for key in SCENARIOS}},
)
