"""A JSON Schema of the scenario and deck file formats, for editors.

    brink schema > brink.schema.json

The schema is generated from the same places the loader reads: the attrs classes of
`model` and `vocab` (fields, types, defaults, docstrings) and the spelling table in
`forms` (renamed keys, the key that names each form, ranges, fields the loader fills
in itself). Nothing here is written per class, so it cannot drift from the loader.

It describes shape only: which keys, which types, which form names. That a track or
seat a card names exists, or that a number sits within its track's bounds, is for
`brink validate`, which also reports where.
"""

from __future__ import annotations

import inspect
import json
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal, get_args, get_origin

import attrs

from . import model, vocab
from .forms import OMITTED, PHASE_KINDS, RANGE_RE, RANGES, kind_key, yaml_key

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: The schema's file beside the scenario folders (`decks/`, the user's scenario folder).
SCHEMA_FILE = "brink.schema.json"
#: The first line of every scenario and deck file: editors using the YAML language
#: server (VS Code's YAML extension, Neovim, Helix...) then complete and check as you type.
MODELINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"

#: The unions a YAML form is chosen from by its first key, with what the schema says of each.
UNIONS: dict[Any, tuple[str, tuple[type, ...], str]] = {
    vocab.Effect: ("Effect", vocab.EFFECT_KINDS, "One effect: a mapping whose key names its kind."),
    vocab.Condition: (
        "Condition",
        vocab.CONDITION_KINDS,
        "One condition: a mapping whose key names its kind.",
    ),
    model.Phase: ("Phase", PHASE_KINDS, "One phase of a round: a mapping whose key names its kind."),
}


RANGE = {
    "description": "a number (`5`) or a range (`3-4`)",
    "anyOf": [{"type": "integer"}, {"type": "string", "pattern": RANGE_RE.pattern}],
}


def _doc(obj: Any) -> str:
    return inspect.cleandoc(obj.__doc__ or "")


def _default(a: attrs.Attribute[Any]) -> dict[str, Any]:
    """`{"default": ...}` for a field whose default is plain data, else nothing."""
    if a.default is attrs.NOTHING:
        return {}
    factory = getattr(a.default, "factory", None)  # an attrs.Factory
    value = factory() if callable(factory) else a.default
    if isinstance(value, tuple):
        value = list(value)
    return {"default": value} if value is None or isinstance(value, str | int | bool | list | dict) else {}


class _Builder:
    """Walks the classes reachable from the file formats, filling `$defs`."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, t: Any) -> dict[str, Any]:
        """The schema of a value of Python type `t` as YAML writes it."""
        origin, args = get_origin(t), get_args(t)
        if t in UNIONS:
            return self.union(t)
        if t is str:
            return {"type": "string"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [{"type": "null"} if a is type(None) else self.type_schema(a) for a in args]}
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is tuple:
            return {
                "type": "array",
                "prefixItems": [self.type_schema(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (Mapping, dict):
            return {"type": "object", "additionalProperties": self.type_schema(args[1])}
        if attrs.has(t):
            return self.cls(t)
        raise TypeError(f"no schema for {t!r}")  # a new field type: teach the schema

    def cls(self, cls: type) -> dict[str, Any]:
        """A `$ref` to the mapping form of an attrs class, defined on first use."""
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: classes refer to themselves (If holds effects)
            self.defs[name] = self.mapping(cls)
        return self.ref(name)

    def mapping(self, cls: type) -> dict[str, Any]:
        """A class as a YAML mapping: its fields under their YAML keys."""
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for a in attrs.fields(cls):
            if not a.init or a.name in OMITTED.get(cls, set()):
                continue
            if cls in RANGES and a.name in RANGES[cls][1:]:
                key, lo, _ = RANGES[cls]
                if a.name == lo:
                    props[key], required = RANGE, [*required, key]
                continue
            key = yaml_key(cls, a.name)
            props[key] = self.type_schema(hints[a.name]) | _default(a)
            if a.default is attrs.NOTHING:
                required.append(key)
        out: dict[str, Any] = {"type": "object", "description": _doc(cls), "properties": props}
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def form(self, cls: type) -> dict[str, Any]:
        """A `$ref` to a single-key form: `{shift: tension, by: 1}`, `{round: {at_least: 3}}`."""
        name = cls.__name__
        if name in self.defs:
            return self.ref(name)
        key = kind_key(cls)
        self.defs[name] = {}
        if cls in vocab.YAML_KEYS and not vocab.YAML_KEYS[cls][1]:
            # The key holds the class's fields one level down.
            inner = self.mapping(cls)
            schema = {
                "type": "object",
                "description": inner.pop("description"),
                "properties": {key: inner},
                "required": [key],
                "additionalProperties": False,
            }
        else:
            schema = self.mapping(cls)
            schema["required"] = [key, *(k for k in schema.get("required", []) if k != key)]
        self.defs[name] = schema
        return self.ref(name)

    def union(self, t: Any) -> dict[str, Any]:
        name, kinds, description = UNIONS[t]
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = {"description": description, "oneOf": [self.form(k) for k in kinds]}
        return self.ref(name)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file or a deck file."""
    b = _Builder()
    deck = b.cls(model.Deck)
    scenario = b.mapping(model.Scenario)
    # In a scenario file `decks` names the deck files; the loader reads each as a Deck.
    scenario["properties"]["decks"] = {
        "description": "The deck files of this scenario, beside scenario.yaml, such as `crisis.yaml`.",
        "type": "array",
        "items": {"type": "string"},
    }
    b.defs["Scenario"] = scenario
    return {
        "$schema": DRAFT,
        "$id": "urn:brinkmanship:scenario-and-deck",
        "title": "Brinkmanship scenario or deck file",
        "description": "A scenario file (scenario.yaml) or one of the deck files it names. "
        "Run `brink validate PATH` for every problem, located, including references.",
        "oneOf": [b.ref("Scenario"), deck],
        "$defs": dict(sorted(b.defs.items())),
    }


def schema_text() -> str:
    """The schema as `brink schema` prints it and `brink.schema.json` holds it."""
    return json.dumps(json_schema(), indent=2) + "\n"
