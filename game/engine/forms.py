"""How YAML spells the engine's classes: one table, read by the loader and the schema.

A YAML form is named by its first key (`shift: tension`, `crisis: Crisis`); that key
fills one field of the class. Other fields keep their Python names, except where a
Python keyword is in the way (`else`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import attrs

from . import model, vocab

#: YAML key for a Python field, per class, where they differ.
RENAMES: dict[type, dict[str, str]] = {
    model.Scenario: {"id": "scenario"},
    model.Deck: {"id": "deck"},
    model.CrisisPhase: {"name": "crisis"},
    model.SealedPhase: {"name": "sealed"},
    model.ActionPhase: {"name": "actions"},
    model.UpkeepPhase: {"name": "upkeep"},
}
for _cls, (_key, _field) in vocab.YAML_KEYS.items():
    if _field:
        RENAMES.setdefault(_cls, {})[_field] = _key
for _cls, _renames in vocab.YAML_RENAMES.items():
    RENAMES.setdefault(_cls, {}).update(_renames)

#: Fields the loader fills in itself; YAML may not set them.
OMITTED: dict[type, set[str]] = {
    model.Card: {"deck"},
    model.Deck: {"path"},
    model.Scenario: {"path", "digest"},
}

#: A YAML key holding a range (`roll: "3-4"`, or `roll: 5`) that fills two fields.
RANGES: dict[type, tuple[str, str, str]] = {vocab.RollRow: ("roll", "lo", "hi")}
RANGE_RE = re.compile(r"^\s*(-?\d+)\s*(?:-|–|\.\.)\s*(-?\d+)\s*$")

_NOUNS = {vocab.TrackRef: "track reference", vocab.RollRow: "roll table row", model.BotHints: "`bot` section"}

PHASE_KINDS = (model.CrisisPhase, model.SealedPhase, model.ActionPhase, model.UpkeepPhase)


def yaml_key(cls: type, name: str) -> str:
    """The YAML key of a field: `yaml_key(Shift, "track") == "shift"`."""
    return RENAMES.get(cls, {}).get(name, name)


def yaml_fields(cls: type) -> list[str]:
    """The keys a YAML mapping for `cls` may have."""
    omitted = OMITTED.get(cls, set())
    keys = [yaml_key(cls, a.name) for a in attrs.fields(cls) if a.init and a.name not in omitted]
    if cls in RANGES:
        key, lo, hi = RANGES[cls]
        keys = [key if k == lo else k for k in keys if k != hi]
    return keys


def kind_key(cls: type) -> str:
    """The key that names a form in YAML: `shift` for Shift, `crisis` for CrisisPhase."""
    return vocab.YAML_KEYS[cls][0] if cls in vocab.YAML_KEYS else RENAMES[cls]["name"]


def closest(word: object, choices: Iterable[object]) -> str | None:
    """The choice nearest in spelling to `word`, if any is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def nearest(word: object, choices: Iterable[object]) -> str:
    """ "; did you mean `effects`?" when a close choice exists, else ""."""
    close = closest(word, choices)
    return f"; did you mean `{close}`?" if close else ""


def noun(cls: type) -> str:
    """What a class is called in messages: "`shift`", "`crisis` phase", "card", "bot hints"."""
    if cls in vocab.YAML_KEYS:
        return f"`{kind_key(cls)}`"
    if cls in PHASE_KINDS:
        return f"`{kind_key(cls)}` phase"
    if cls in _NOUNS:
        return _NOUNS[cls]
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
