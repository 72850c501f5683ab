"""`makers.maker`: the fast constructors make exactly what the attrs classes' own do.

The log entries and `GameState` of every real step are made by them (`entries.ENTRY_MAKERS`
and `entries.fast`, `Draft.freeze`), so an entry or a state that differed in any field, in
==, hash or repr would change every log and every comparison of states.
"""

from __future__ import annotations

import inspect
from typing import Any, get_args

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.entries import ENTRY_MAKERS, LogEntry, fast
from game.engine.makers import maker
from game.engine.model import GameState, PlayCard

MADE = [*get_args(LogEntry), GameState]

#: Any hashable value: the classes made so check nothing, they store what they are given.
values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.tuples(st.integers()), st.booleans())


def _signature(f: Any) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(f).parameters.values()]


@pytest.mark.parametrize("cls", MADE, ids=lambda c: c.__name__)
def test_a_maker_takes_what_the_class_takes(cls: type) -> None:
    assert _signature(maker(cls)) == _signature(cls)


def test_every_kind_of_entry_has_its_maker() -> None:
    assert set(ENTRY_MAKERS) == set(get_args(LogEntry))
    assert all(made.__name__ == f"make_{cls.__name__}" for cls, made in ENTRY_MAKERS.items())
    assert all(fast(cls) is made for cls, made in ENTRY_MAKERS.items())


@pytest.mark.parametrize("cls", MADE, ids=lambda c: c.__name__)
@given(data=st.data())
def test_a_maker_makes_what_the_class_makes(cls: type, data: st.DataObject) -> None:
    """Every field given (or, where it has a default, left out), in both ways."""
    kwargs = {
        f.alias: data.draw(values, label=f.name)
        for f in attrs.fields(cls)
        if f.init and (f.default is attrs.NOTHING or data.draw(st.booleans(), label=f"give {f.name}"))
    }
    made, built = maker(cls)(**kwargs), cls(**kwargs)
    assert type(made) is type(built)
    for f in attrs.fields(cls):  # the fields == and repr leave out (GameState's scenario) too
        assert getattr(made, f.name) is getattr(built, f.name), f.name
    assert made == built
    assert hash(made) == hash(built)
    assert repr(made) == repr(built)


def test_positional_arguments_fill_the_fields_in_order() -> None:
    names = [f.name for f in attrs.fields(GameState) if f.init]
    state = maker(GameState)(*names)
    assert [getattr(state, n) for n in names] == names
    assert state.legal_cache is None  # a field the caller does not give: its default


@pytest.mark.parametrize("cls", MADE, ids=lambda c: c.__name__)
def test_what_a_maker_makes_is_frozen(cls: type) -> None:
    """It is built unfrozen (`makers._twin`), then given its frozen class."""
    made = maker(cls)(**{f.alias: 0 for f in attrs.fields(cls) if f.init})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.round = 2
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del made.round


def test_a_class_that_checks_its_fields_gets_no_maker() -> None:
    """A maker would skip the check: it stores the arguments and nothing else."""
    with pytest.raises(TypeError, match=r"PlayCard\.seat is more than a stored value"):
        maker(PlayCard)
