"""Fast constructors for the frozen classes a game makes by the thousand.

A real `step` builds about six log entries and one `GameState`. attrs' frozen
`__init__` sets each field through `object.__setattr__` (the class's own refuses), and
calling the class goes through `type.__call__`, which packs keywords into a dict.
`maker(cls)` writes, once per class, a plain function with the same signature that
builds the instance as an unfrozen twin of the class (the same bases and slots, plain
attribute stores, which Python makes fast) and then makes it a `cls` by assigning its
`__class__`, which Python allows between classes of the same layout: 0.23 us for a
`TrackMoved` (attrs: 0.88), 0.36 us for a `GameState` (attrs: 1.5). The object is the
same in every way (type, ==, hash, repr, each field, frozen): tests/test_makers.py
holds that for every class made so.

Only for slotted attrs classes whose `__init__` does nothing but store its arguments:
no validators, converters or `__attrs_post_init__` (`maker` refuses the others, so a
class that gains one fails at import, not silently).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import attrs

P = ParamSpec("P")
T = TypeVar("T")


def maker(cls: Callable[P, T]) -> Callable[P, T]:
    """A function that makes a `cls` as `cls(...)` would, from the same arguments."""
    assert isinstance(cls, type)
    fields = attrs.fields(cls)
    if (
        "__slots__" not in cls.__dict__
        or hasattr(cls, "__attrs_post_init__")
        or hasattr(cls, "__attrs_pre_init__")
    ):
        raise TypeError(f"maker: {cls.__name__} is not a plain slotted attrs class")
    env: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    positional: list[str] = []
    keywords: list[str] = []
    body: list[str] = []
    for f in fields:
        if f.validator is not None or f.converter is not None or isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"maker: {cls.__name__}.{f.name} is more than a stored value")
        if f.default is not attrs.NOTHING:
            env[f"_default_{f.name}"] = f.default
        if not f.init:
            body.append(f"    _made.{f.name} = _default_{f.name}")
            continue
        param = f.alias if f.default is attrs.NOTHING else f"{f.alias}=_default_{f.name}"
        (keywords if f.kw_only else positional).append(param)
        body.append(f"    _made.{f.name} = {f.alias}")
    env["_twin"] = _twin(cls)
    params = ", ".join(positional + (["*", *keywords] if keywords else []))
    source = "\n".join(
        [
            f"def make({params}):",
            "    _made = _new(_twin)",
            *body,
            "    _made.__class__ = _cls",
            "    return _made",
        ]
    )
    exec(compile(source, f"<maker {cls.__qualname__}>", "exec"), env)
    made: Callable[P, T] = env["make"]
    made.__qualname__ = made.__name__ = f"make_{cls.__name__}"
    return made


def _twin(cls: type) -> type:
    """A class laid out as `cls` (the same bases, the same slots) whose instances take
    plain attribute stores: `object`'s own `__setattr__` and `__delattr__` instead of
    the frozen ones (with both, Python stores straight into the slot). Python refuses
    the `__class__` assignment for a class that adds its own `__weakref__` slot (it
    sits after the others): such a class needs `weakref_slot=False`."""
    twin = type(
        f"_Unfrozen{cls.__name__}",
        cls.__bases__,
        {
            "__slots__": cls.__dict__["__slots__"],
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
        },
    )
    probe: Any = object.__new__(twin)
    probe.__class__ = cls  # fails here, at import, if Python refuses it
    return twin
