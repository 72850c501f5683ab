"""`brink schema`: a JSON Schema (draft 2020-12) of the scenario and deck files that
agrees with the loader.

The `jsonschema` package is not a dependency, so a small validator for the keywords the
schema uses lives here; `test_schema_uses_only_known_keywords` keeps the two in step.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given
from test_loader_fuzz import FILES, mutated

from game.cli import main
from game.engine import LoadError, load_deck_text, model, vocab
from game.engine.forms import PHASE_KINDS, RANGES, kind_key, yaml_fields, yaml_key
from game.engine.schema import DRAFT, MODELINE, SCHEMA_FILE, json_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "data" / "loader" / "mini"
SCHEMA = json_schema()
KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "title", "description", "default",
    "type", "enum", "pattern", "properties", "required", "additionalProperties",
    "items", "prefixItems", "minItems", "maxItems", "oneOf", "anyOf",
}  # fmt: skip
TYPES = {"null", "boolean", "object", "array", "number", "string", "integer"}


# ------------------------------------------------------------------ a small validator


def resolve(ref: str) -> dict[str, Any]:
    assert ref.startswith("#/$defs/"), ref
    return SCHEMA["$defs"][ref.removeprefix("#/$defs/")]


def is_type(value: Any, t: str) -> bool:
    return {
        "null": value is None,
        "boolean": isinstance(value, bool),
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
    }[t]


def errors(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Why `value` does not conform to `schema` (empty: it does)."""
    if "$ref" in schema:
        return errors(value, resolve(schema["$ref"]), path)
    if "type" in schema and not is_type(value, schema["type"]):
        return [f"{path}: expected {schema['type']}, got {type(value).__name__}"]
    out: list[str] = []
    if "enum" in schema and not any(value == e and type(value) is type(e) for e in schema["enum"]):
        out.append(f"{path}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        out.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{path}: missing {k}" for k in schema.get("required", []) if k not in value]
        for k, v in value.items():
            if k in props:
                out += errors(v, props[k], f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{path}: unexpected key {k!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                out += errors(v, schema["additionalProperties"], f"{path}.{k}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            out.append(f"{path}: {len(value)} items")
        prefix = schema.get("prefixItems", [])
        for i, item in enumerate(value):
            sub = prefix[i] if i < len(prefix) else schema.get("items")
            if sub is not None:
                out += errors(item, sub, f"{path}[{i}]")
    if "oneOf" in schema:
        fits = sum(not errors(value, s, path) for s in schema["oneOf"])
        if fits != 1:
            out.append(f"{path}: fits {fits} of oneOf, not exactly 1")
    if "anyOf" in schema and all(errors(value, s, path) for s in schema["anyOf"]):
        out.append(f"{path}: fits none of anyOf")
    return out


def subschemas(schema: Any) -> list[dict[str, Any]]:
    """Every schema object in the document."""
    if not isinstance(schema, dict):
        return []
    found = [schema]
    for key in ("properties", "$defs"):
        for sub in schema.get(key, {}).values():
            found += subschemas(sub)
    for key in ("items", "additionalProperties"):
        found += subschemas(schema.get(key))
    for key in ("prefixItems", "oneOf", "anyOf"):
        for sub in schema.get(key, []):
            found += subschemas(sub)
    return found


# ---------------------------------------------------------------------- the structure


def test_schema_is_draft_2020_12_json() -> None:
    assert SCHEMA["$schema"] == DRAFT == "https://json-schema.org/draft/2020-12/schema"
    assert json.loads(json.dumps(SCHEMA)) == SCHEMA
    assert SCHEMA["oneOf"] == [{"$ref": "#/$defs/Scenario"}, {"$ref": "#/$defs/Deck"}]


def test_schema_uses_only_known_keywords() -> None:
    for sub in subschemas(SCHEMA):
        assert set(sub) <= KEYWORDS, set(sub) - KEYWORDS
        if "type" in sub:
            assert sub["type"] in TYPES
        if "$ref" in sub:
            assert resolve(sub["$ref"]) is not None
        if "pattern" in sub:
            re.compile(sub["pattern"])
        for key in ("oneOf", "anyOf", "enum"):
            if key in sub:
                assert isinstance(sub[key], list) and sub[key]
        if "required" in sub:
            assert len(set(sub["required"])) == len(sub["required"])
            assert set(sub["required"]) <= set(sub["properties"])
        if "description" in sub:
            assert isinstance(sub["description"], str) and sub["description"]


def test_every_definition_is_used() -> None:
    text = json.dumps(SCHEMA)
    for name in SCHEMA["$defs"]:
        assert f'"#/$defs/{name}"' in text, name


@pytest.mark.parametrize(
    ("union", "kinds"),
    [("Effect", vocab.EFFECT_KINDS), ("Condition", vocab.CONDITION_KINDS), ("Phase", PHASE_KINDS)],
)
def test_every_kind_is_a_single_key_form(union: str, kinds: tuple[type, ...]) -> None:
    forms = SCHEMA["$defs"][union]["oneOf"]
    assert forms == [{"$ref": f"#/$defs/{k.__name__}"} for k in kinds]
    for cls in kinds:
        form = SCHEMA["$defs"][cls.__name__]
        key = kind_key(cls)
        assert form["required"][0] == key
        assert form["additionalProperties"] is False
        assert form["description"] == inspect.cleandoc(cls.__doc__ or "")


def test_definitions_have_the_loaders_keys_and_docs() -> None:
    classes = [getattr(model, n) for n in dir(model)] + [getattr(vocab, n) for n in dir(vocab)]
    for cls in filter(attrs.has, classes):
        schema = SCHEMA["$defs"].get(cls.__name__)
        if schema is None:
            continue  # game state, not a file format
        if cls is vocab.RoundIs:
            schema = schema["properties"]["round"]  # `round: {at_least: 3}`
        assert list(schema["properties"]) == yaml_fields(cls), cls
        required = [yaml_key(cls, a.name) for a in attrs.fields(cls) if a.init and a.default is attrs.NOTHING]
        if cls not in vocab.YAML_KEYS and cls not in RANGES:
            assert schema.get("required", []) == required, cls
    assert SCHEMA["$defs"]["Card"]["description"].startswith("One card.")


def test_state_classes_are_not_in_the_schema() -> None:
    assert not {"GameState", "Turn", "PlayCard", "Ctx", "Running"} & set(SCHEMA["$defs"])


def test_scenario_file_names_its_deck_files() -> None:
    decks = SCHEMA["$defs"]["Scenario"]["properties"]["decks"]
    assert decks["items"] == {"type": "string"}
    assert set(SCHEMA["$defs"]["Scenario"]["required"]) == {
        "scenario", "name", "rounds", "seats", "tracks", "decks", "round", "outcomes",
    }  # fmt: skip


# ----------------------------------------------------------------------- conformance


@pytest.mark.parametrize(
    "path",
    [*sorted((ROOT / "decks").rglob("*.yaml")), *sorted(MINI.glob("*.yaml"))],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_bundled_files_conform(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert errors(data, SCHEMA) == []


def card_with(**fields: Any) -> dict[str, Any]:
    card = {"id": "c", "name": "C", "kind": "k", "text": "t", "source": "a long enough source", **fields}
    return {"deck": "d", "name": "D", "kind": "action", "cards": [card]}


@pytest.mark.parametrize(
    "deck",
    [
        card_with(efects=[]),
        card_with(effects=[{"shfit": "x", "by": 1}]),
        card_with(effects=[{"shift": "x"}]),
        card_with(effects=[{"shift": "x", "by": "two"}]),
        card_with(effects=[{"shift": "x", "by": 1, "say": "both"}]),
        card_with(effects=["shift"]),
        card_with(requires=[{"round": 3}]),
        card_with(requires=[{"seat": "usa"}]),
        card_with(effects=[{"roll": "1d6", "table": [{"roll": "one"}]}]),
        card_with(effects=[{"add_card": "x", "into": "hnad"}]),
        card_with(once="yes"),
        {"deck": "d", "name": "D", "kind": "crises", "cards": []},
        {"deck": "d", "scenario": "s"},
    ],
)
def test_what_the_loader_refuses_in_shape_the_schema_refuses(deck: dict[str, Any]) -> None:
    assert errors(deck, SCHEMA)
    with pytest.raises(LoadError):
        load_deck_text(yaml.safe_dump(deck, allow_unicode=True), "d.yaml")


@pytest.mark.parametrize(
    ("condition", "form"),
    [
        ({"track": "funds", "seat": "bravo", "at_least": 3}, "TrackIs"),
        ({"seat": ["alpha"]}, "SeatIs"),
        ({"round": {"at_least": 3}}, "RoundIs"),
        ({"not": {"flag": "f"}}, "Not"),
    ],
)
def test_a_condition_fits_exactly_its_own_form(condition: dict[str, Any], form: str) -> None:
    fits = [
        ref["$ref"].rsplit("/", 1)[1]
        for ref in SCHEMA["$defs"]["Condition"]["oneOf"]
        if not errors(condition, ref)
    ]
    assert fits == [form]


@given(mutated(FILES["crisis.yaml"]) | mutated(FILES["usa.yaml"]))
def test_a_deck_the_loader_accepts_conforms(text: str) -> None:
    try:
        load_deck_text(text, "deck.yaml")
    except LoadError:
        return
    assert (
        errors(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), SCHEMA) == []
    )  # the loader's parser


def test_brink_schema_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == SCHEMA


# ------------------------------------------------------------------ editor support


def test_committed_schema_file_is_what_brink_schema_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """decks/brink.schema.json is what editors read: regenerate it with
    `brink schema > decks/brink.schema.json` when the file formats change."""
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == schema_text()
    committed = (ROOT / "decks" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == printed, f"run `brink schema > decks/{SCHEMA_FILE}`"


@pytest.mark.parametrize(
    "path", sorted((ROOT / "decks").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_every_bundled_yaml_file_points_editors_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE, f"{path}: make the first line `{MODELINE}`"
