"""One registry per concept: each kind of effect and condition is complete everywhere.

Adding an effect is a class in `vocab` (with `@form`) and a handler in `effects` (with
`@applies`); these tests fail until the checker, the narration, rules.md, the effects
bench and the generated scenarios know it too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from strategies import GENERATED_EFFECTS

from game.engine import Scenario
from game.engine.conditions import holds, margin
from game.engine.effects import APPLY
from game.engine.model import Ctx
from game.engine.narrate import describe_condition
from game.engine.vocab import CONDITION_KINDS, EFFECT_KINDS, YAML_KEYS

RULES = Path(__file__).resolve().parent.parent / "rules.md"


def _keys(kinds: tuple[type, ...]) -> set[str]:
    return {YAML_KEYS[k][0] for k in kinds}


def _used(value: Any, found: dict[type, list[Any]]) -> None:
    """Every attrs instance reachable from `value`, by class."""
    if attrs.has(type(value)):
        found.setdefault(type(value), []).append(value)
        for a in attrs.fields(type(value)):
            if a.init:
                _used(getattr(value, a.name), found)
    elif isinstance(value, tuple | list):
        for item in value:
            _used(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _used(item, found)


@pytest.fixture(scope="module")
def used(effects_bench: Scenario) -> dict[type, list[Any]]:
    found: dict[type, list[Any]] = {}
    _used(effects_bench, found)
    return found


def test_every_form_is_an_effect_or_a_condition() -> None:
    assert set(YAML_KEYS) == {*EFFECT_KINDS, *CONDITION_KINDS}
    assert len(_keys(EFFECT_KINDS)) + len(_keys(CONDITION_KINDS)) == len(YAML_KEYS)  # keys unique


def test_every_effect_has_a_handler() -> None:
    assert set(APPLY) == set(EFFECT_KINDS)


def test_the_bench_uses_every_kind(used: dict[type, list[Any]]) -> None:
    """Loading the effects bench runs the checker over every kind (`checks.effect` and
    `checks.cond` refuse a kind they do not handle)."""
    assert set(EFFECT_KINDS) <= set(used)
    assert set(CONDITION_KINDS) <= set(used)


def test_every_condition_is_read_and_narrated(effects_bench: Scenario, used: dict[type, list[Any]]) -> None:
    from game.engine import new_game

    state = new_game(effects_bench, 1)
    for kind in CONDITION_KINDS:
        for cond in used.get(kind, []):
            assert isinstance(holds(cond, state, Ctx("alpha", target="bravo")), bool)
            assert isinstance(margin(cond, state, Ctx("alpha", target="bravo")), float)
            assert describe_condition(cond, effects_bench, "alpha")


def _table_keys(heading: str) -> set[str]:
    """The kinds a table of rules.md lists: the first word in backticks of each row."""
    section = RULES.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(\w+)", section, re.MULTILINE))


def test_rules_md_documents_every_kind() -> None:
    assert _table_keys("Effects") == _keys(EFFECT_KINDS)
    assert _table_keys("Conditions") == _keys(CONDITION_KINDS)


def test_the_generated_scenarios_use_every_effect() -> None:
    assert set(GENERATED_EFFECTS) == _keys(EFFECT_KINDS)
