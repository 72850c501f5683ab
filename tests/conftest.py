"""Shared fixtures and Hypothesis profiles.

Profiles: `ci` (default; keeps `make test` within a few minutes on two cores) and
`deep` (many more examples, for `make deep-test` or HYPOTHESIS_PROFILE=deep).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from game.engine import Scenario, load_scenario

settings.register_profile(
    "ci",
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "deep",
    max_examples=2000,
    stateful_step_count=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
NEA2017 = ROOT / "decks" / "nea2017"


@pytest.fixture(scope="session")
def nea2017() -> Scenario:
    """The bundled scenario, loaded once per test session."""
    return load_scenario(NEA2017)


@pytest.fixture(autouse=True)
def _brink_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saves and autosaves go to a temporary folder, never the tester's home."""
    home = tmp_path / "brink-home"
    monkeypatch.setenv("BRINK_HOME", str(home))
    return home


ENGINE_DATA = ROOT / "tests" / "data" / "engine"


@pytest.fixture(scope="session")
def effects_bench() -> Scenario:
    """tests/data/engine/effects: three seats, cards for each effect kind, empty hands."""
    return load_scenario(ENGINE_DATA / "effects")


@pytest.fixture(scope="session")
def flow_bench() -> Scenario:
    """tests/data/engine/flow: two seats and a full round (crisis, headline, actions, upkeep)."""
    return load_scenario(ENGINE_DATA / "flow")
