"""Loading scenarios and decks from YAML, with every problem located.

    scenario = load_scenario("decks/nea2017")       # or raises LoadError

A scenario is a folder holding `scenario.yaml`, which names its deck files. Loading
runs in three passes and reports every problem it can find at once, each as
`file:line:col: message`:

1. `yamlsrc` reads the text safely into positioned plain data;
2. cattrs structures it into the frozen classes of `model` and `vocab` (unknown keys
   get a "did you mean" suggestion; wrong types say what was expected). A list item
   that fails is reported and left out, and a scenario that fails as a whole is
   salvaged field by field, so that the checks still run on the rest;
3. `checks` follows every reference (tracks, seats, relations, flags, cards, outcomes)
   and range (bounds, dice, roll tables), and checks each card's `source` against the
   scenario's article.

One mistake gives one message: what passes 1 and 2 had to leave out is remembered
(`checks.Gaps`), and a reference to it is not reported again as unknown; a value
refused while reading (a Python tag) is not reported again as the wrong type.

For any input, the loader returns or raises `LoadError`; no other exception escapes
(ARCHITECTURE.md, "Invariants the tests hold"; `tests/test_loader_fuzz.py`).
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import types
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from . import model, vocab
from .advice import Advisor
from .checks import Checker, Gaps, ScenarioChecker
from .forms import (
    OMITTED,
    PHASE_KINDS,
    RANGE_RE,
    RANGES,
    RENAMES,
    closest,
    kind_key,
    nearest,
    noun,
    yaml_fields,
    yaml_key,
)
from .yamlsrc import LoadError, Problem, YDict, YList, kind_of, locate, parse, read, read_file, shown
from .yamlsrc import decode as decode_bytes

SCENARIO_FILE = "scenario.yaml"

# --------------------------------------------------------------------------- structuring


class Invalid(Exception):
    """A located structuring problem: `path` leads from the value being structured."""

    def __init__(self, message: str, path: tuple[Any, ...] = (), at_key: bool = False) -> None:
        super().__init__(message)
        self.message, self.path, self.at_key = message, path, at_key


class Nested(Exception):
    """An inner structuring failure found below `path`."""

    def __init__(self, path: tuple[Any, ...], inner: BaseException) -> None:
        super().__init__(str(inner))
        self.path, self.inner = path, inner


# Problems from list items that were skipped so loading could go on (see `_lenient`).
_sink: contextvars.ContextVar[list[Problem]] = contextvars.ContextVar("sink")
# The YAML mapping each structured object came from, for the checks' locations.
_origin: contextvars.ContextVar[dict[int, Any]] = contextvars.ContextVar("origin")
# What was left out, so that references to it are not reported again (see `Gaps`).
_gaps: contextvars.ContextVar[Gaps] = contextvars.ContextVar("gaps")


def _flatten(exc: BaseException, path: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str, bool]]:
    """(path, message, at_key) for every leaf of a structuring failure."""
    if isinstance(exc, Invalid):
        return [((*path, *exc.path), exc.message, exc.at_key)]
    if isinstance(exc, Nested):
        return _flatten(exc.inner, (*path, *exc.path))
    if isinstance(exc, _Group):
        return [leaf for e in exc.errors for leaf in _flatten(e, path)]
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = yaml_fields(exc.cl)
        return [
            ((*path, k), f"`{shown(k)}`: unknown key{suggest(k, allowed)}", True)
            for k in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        out = []
        # A misspelt key is reported once, as unknown with a suggestion, not also as missing.
        meant = {
            closest(k, yaml_fields(sub.cl))
            for sub in exc.exceptions
            if isinstance(sub, ForbiddenExtraKeysError)
            for k in sub.extra_fields
        }
        for sub in exc.exceptions:
            step: Any = None
            for note in getattr(sub, "__notes__", []):
                if isinstance(note, AttributeValidationNote):
                    step = yaml_key(exc.cl, note.name)
                elif isinstance(note, IterableValidationNote):
                    step = note.index
            if isinstance(sub, KeyError) and step is not None:
                if step not in meant:
                    out.append((path, f"missing required key `{step}` in this {noun(exc.cl)}", False))
            elif step is None:
                out += _flatten(sub, path)
            else:
                out += _flatten(sub, (*path, step))
        return out
    return [(path, str(exc) or type(exc).__name__, False)]


def suggest(word: Any, choices: list[str]) -> str:
    """ "; did you mean `x`?", or the list of choices when none is close."""
    return nearest(word, choices) or f"; expected one of: {', '.join(choices)}"


def report(exc: BaseException, base: Any) -> list[Problem]:
    """Located problems for a structuring failure below the YAML value `base`."""
    out = []
    for path, message, at_key in _flatten(exc, ()):
        p = locate(base, path, at_key)
        out.append(attrs.evolve(p, message=message))
    return out


def _str(v: Any, _: Any) -> str:
    if isinstance(v, str):
        return str(v)
    hint = "; put it in quotes" if isinstance(v, bool | int | float) else ""
    raise Invalid(f"expected text, got {kind_of(v)}{hint}")


#: No number in a deck needs to be larger; past it, a value is a slip of the keyboard.
MAX_NUMBER = 1_000_000


def _int(v: Any, _: Any) -> int:
    if isinstance(v, int) and not isinstance(v, bool):
        if abs(v) > MAX_NUMBER:
            raise Invalid(f"{v:,} is too large: numbers in a deck stay within ±{MAX_NUMBER:,}")
        return int(v)
    raise Invalid(f"expected a whole number, got {kind_of(v)}")


def _bool(v: Any, _: Any) -> bool:
    if isinstance(v, bool):
        return v
    raise Invalid(f"expected true or false, got {kind_of(v)}")


def _literal(v: Any, t: Any) -> Any:
    allowed = get_args(t)
    if isinstance(v, str) and v in allowed:
        return str(v)
    raise Invalid(
        f"`{shown(v)}` is not allowed here; use one of: {', '.join(allowed)}{nearest(v, list(allowed))}"
    )


def _require_list(v: Any) -> None:
    if isinstance(v, list):
        return
    hint = (
        f"; for one item write `[{shown(v)}]`" if isinstance(v, str | int) and not isinstance(v, bool) else ""
    )
    raise Invalid(f"expected a list, got {kind_of(v)}{hint}")


def _items(v: Any, elem: Any) -> tuple[Any, ...]:
    """Each item structured as `elem` (or as `elem[i]`, for a tuple of fixed length)."""
    _require_list(v)
    out, errors = [], []
    for i, item in enumerate(v):
        try:
            out.append(converter.structure(item, elem[i] if isinstance(elem, tuple) else elem))
        except Exception as e:
            errors.append(Nested((i,), e))
    if errors:
        raise _Group(errors)
    return tuple(out)


class _Group(Exception):
    def __init__(self, errors: Sequence[BaseException]) -> None:
        super().__init__("several problems")
        self.errors = errors


def _tuple(v: Any, t: Any) -> tuple[Any, ...]:
    args = get_args(t)
    if len(args) == 2 and args[1] is Ellipsis:
        if args[0] in LENIENT:
            return _lenient(v, args[0])
        return _items(v, args[0])
    _require_list(v)
    if len(v) != len(args):
        raise Invalid(f"expected a list of {len(args)}, got {len(v)} item{'s' if len(v) != 1 else ''}")
    return _items(v, args)


def _lenient(v: Any, elem: Any) -> tuple[Any, ...]:
    """Structure what can be; report the rest and leave it out, so later checks still run."""
    _require_list(v)
    out = []
    for i, item in enumerate(v):
        try:
            out.append(converter.structure(item, elem))
        except Exception as e:
            _sink.get().extend(report(Nested((i,), e), v))  # from the list: an item may be null
            if isinstance(item, dict) and "id" in {a.name for a in attrs.fields(elem)}:
                _gaps.get().add(elem, item.get(yaml_key(elem, "id")))
    return tuple(out)


def _mapping(v: Any, t: Any) -> dict[str, Any]:
    key_t, val_t = get_args(t)
    if not isinstance(v, dict):
        raise Invalid(f"expected a mapping (key: value), got {kind_of(v)}")
    out, errors = {}, []
    for k, x in v.items():
        try:
            out[converter.structure(k, key_t)] = converter.structure(x, val_t)
        except Exception as e:
            errors.append(Nested((k,), e))
    if errors:
        raise _Group(errors)
    return out


def _optional(v: Any, t: Any) -> Any:
    inner = [a for a in get_args(t) if a is not type(None)]
    if v is None:
        return None
    return converter.structure(v, inner[0])


def _by_key(what: str, kinds: tuple[type, ...]) -> Callable[[Any, Any], Any]:
    """A hook for a union whose member is named by its first key (`shift:`, `crisis:`)."""
    by_key = {kind_key(k): k for k in kinds}

    def hook(v: Any, _: Any) -> Any:
        if not isinstance(v, dict):
            raise Invalid(
                f"expected {what} (a mapping such as `{next(iter(by_key))}: ...`), got {kind_of(v)}"
            )
        found = [k for k in v if k in by_key]
        if len(found) > 1:  # `seat:` names SeatIs alone, but is a parameter of `track:`
            params = {f for k in found for f in yaml_fields(by_key[k]) if f != k}
            found = [k for k in found if k not in params] or found
        if not v:
            raise Invalid(f"an empty {what}; write one such as `{next(iter(by_key))}: ...`")
        if not found:
            first = next((k for k in v if closest(k, by_key)), next(iter(v)))
            raise Invalid(
                f"`{shown(first)}`: unknown {what} kind{suggest(first, list(by_key))}", (first,), True
            )
        if len(found) > 1:
            raise Invalid(f"one {what} per item: found both `{found[0]}` and `{found[1]}`", (found[1],), True)
        cls = by_key[found[0]]
        if cls is vocab.RoundIs:  # `round: {at_least: 3}` holds its fields one level down
            extra = [k for k in v if k != "round"]
            if extra:
                raise Invalid(
                    f"`{shown(extra[0])}`: unknown key; write `round: {{at_least: N}}`", (extra[0],), True
                )
            if not isinstance(v["round"], dict):
                raise Invalid(
                    "`round` takes bounds: write `round: {at_least: N}`, `round: {at_most: N}` or both",
                    ("round",),
                )
            try:
                return converter.structure(v["round"], vocab.RoundIs)
            except Exception as e:
                raise Nested(("round",), e) from None
        return converter.structure(v, cls)

    return hook


def _ranged(cls: type) -> Callable[[Any, Any], Any]:
    """A hook for a class whose YAML form holds a range in one key (`roll: "3-4"`)."""
    key, lo, hi = RANGES[cls]
    gen: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
    allowed = yaml_fields(cls)

    def hook(v: Any, _: Any) -> Any:
        if not isinstance(v, dict):
            raise Invalid(f"expected a {noun(cls)} such as `{key}: 3-4`, got {kind_of(v)}")
        errors: list[BaseException] = [
            Invalid(f"`{shown(k)}`: unknown key{suggest(k, allowed)}", (k,), True)
            for k in v
            if k not in allowed
        ]
        data = {k: x for k, x in v.items() if k in allowed and k != key}
        data[lo], data[hi] = 0, 0  # stand-ins while the range is wrong, to check the rest
        if key not in v:
            errors.append(Invalid(f"missing required key `{key}` (the results it covers, such as `3-4`)"))
        else:
            span = _range(v[key])
            if span is None:
                errors.append(
                    Invalid(f"`{key}` takes a range such as `3-4` or `5`, not {kind_of(v[key])}", (key,))
                )
            elif max(map(abs, span)) > MAX_NUMBER:
                errors.append(
                    Invalid(f"`{v[key]}` is too large: numbers in a deck stay within ±{MAX_NUMBER:,}", (key,))
                )
            else:
                data[lo], data[hi] = span
        try:
            obj = gen(data, cls)
        except Exception as e:
            errors.append(e)
        if errors:
            raise _Group(errors)
        return _remember(obj, v)

    return hook


def _range(value: Any) -> tuple[int, int] | None:
    """`3-4` (or `3..4`, `3–4`) as (3, 4); `5` as (5, 5); None if it is neither."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value, value
    m = RANGE_RE.match(value) if isinstance(value, str) else None
    return (int(m.group(1)), int(m.group(2))) if m else None


def _remember(obj: Any, source: Any) -> Any:
    origins = _origin.get(None)
    if origins is not None and isinstance(source, YDict):
        origins[id(obj)] = source
    return obj


def _attrs_factory(cls: type) -> Callable[[Any, Any], Any]:
    overrides: dict[str, Any] = {name: override(rename=key) for name, key in RENAMES.get(cls, {}).items()}
    overrides.update({name: override(omit=True) for name in OMITTED.get(cls, set())})
    gen: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, **overrides
    )
    keys = yaml_fields(cls)

    def hook(v: Any, _: Any) -> Any:
        if not isinstance(v, dict):
            raise Invalid(
                f"expected a {noun(cls)} (a mapping with keys such as {', '.join(keys[:4])}); got {kind_of(v)}"
            )
        return _remember(gen(v, cls), v)

    return hook


def _generic(t: Any) -> Any:
    """The generic a type is made from (`tuple` for `tuple[int, ...]`), or None."""
    return get_origin(t)


def _is_union(t: Any) -> bool:
    return get_origin(t) in (Union, types.UnionType)


converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
converter.register_structure_hook_factory(attrs.has, _attrs_factory)
converter.register_structure_hook(str, _str)
converter.register_structure_hook(int, _int)
converter.register_structure_hook(bool, _bool)
converter.register_structure_hook_func(lambda t: _generic(t) is Literal, _literal)
converter.register_structure_hook_func(lambda t: _generic(t) is tuple, _tuple)
converter.register_structure_hook_func(lambda t: _generic(t) in (Mapping, dict), _mapping)
converter.register_structure_hook_func(
    lambda t: _is_union(t) and type(None) in get_args(t) and len(get_args(t)) == 2, _optional
)
converter.register_structure_hook_func(lambda t: t == vocab.Effect, _by_key("effect", vocab.EFFECT_KINDS))
converter.register_structure_hook_func(
    lambda t: t == vocab.Condition, _by_key("condition", vocab.CONDITION_KINDS)
)
converter.register_structure_hook_func(lambda t: t == model.Phase, _by_key("phase", PHASE_KINDS))
for _cls in RANGES:
    converter.register_structure_hook(_cls, _ranged(_cls))

#: Lists whose bad items are reported and left out, so the rest can still be checked.
LENIENT = {
    model.Card,
    model.Deck,
    model.Seat,
    model.Track,
    model.Relation,
    model.Flag,
    model.Outcome,
    model.Operation,
    model.Objective,
}


def _structure(data: YDict, cls: type, problems: list[Problem], gaps: Gaps) -> tuple[Any, dict[int, Any]]:
    """`data` as a `cls` and the YAML mapping each object came from (for the checks'
    locations). Problems go to `problems`, what had to be left out to `gaps`. When
    `data` as a whole does not structure, a salvaged `cls` is returned if one can be
    made, so that the checks still run on the rest: every error at once."""
    origins: dict[int, Any] = {}
    tokens = (_sink.set(problems), _origin.set(origins), _gaps.set(gaps))
    try:
        try:
            return converter.structure(data, cls), origins
        except Exception as e:
            problems.extend(report(e, data))
        _sink.set([])  # salvaging meets the same problems again: they are reported
        return _salvage(data, cls, gaps), origins
    finally:
        _gaps.reset(tokens[2])
        _origin.reset(tokens[1])
        _sink.reset(tokens[0])


#: Stand-ins for a required field that failed: values no check refuses.
_STAND_INS: dict[Any, Any] = {str: "", int: 1}


def _salvage(data: YDict, cls: type, gaps: Gaps) -> Any:
    """A `cls` from the fields of `data` that structure, the others defaulted and
    recorded in `gaps` (`whole`: references into them are not checked); None when a
    required field has no neutral stand-in."""
    kwargs = {}
    for a in attrs.fields(cls):
        if not a.init or a.name in OMITTED.get(cls, set()):
            continue
        try:
            kwargs[a.name] = converter.structure(data[yaml_key(cls, a.name)], a.type)
            continue
        except Exception:
            args = get_args(a.type)
            gaps.whole.add(args[0] if get_origin(a.type) is tuple else a.type)
        if a.default is not attrs.NOTHING:
            continue
        if get_origin(a.type) is tuple:
            kwargs[a.name] = ()
        elif a.type in _STAND_INS:
            kwargs[a.name] = _STAND_INS[a.type]
        else:
            return None
    return _remember(cls(**kwargs), data)


def _reported_once(problems: list[Problem], read_count: int) -> list[Problem]:
    """Drop later problems at a place where reading already found one: a value refused
    while reading (a Python tag, a merge key) reads as null, and saying "expected text,
    got null" there as well would only confuse."""
    seen = {(p.file, p.line, p.col) for p in problems[:read_count]}
    return problems[:read_count] + [p for p in problems[read_count:] if (p.file, p.line, p.col) not in seen]


# ------------------------------------------------------------------------------ loading


def _shown(path: Path) -> str:
    """A path as messages show it: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _deck_data(
    folder: Path, raw: YDict, problems: list[Problem], blobs: list[bytes], gaps: Gaps, texts: Texts
) -> list[str]:
    """Replace the deck file names in `raw["decks"]` by the decks' parsed contents;
    return the names of the files read. A deck file that cannot be read leaves every
    deck and card reference unchecked (`gaps`): its ids are unknown."""
    names = raw.get("decks")
    if not isinstance(names, YList):
        gaps.whole |= {model.Deck, model.Card}
        return []
    kept = YList(names.file, names.pos)
    read_names = []
    for name, pos in zip(names, names.itempos, strict=True):
        data, found, blob = _deck_file(folder, name, Problem(names.file, *pos, ""), texts)
        problems.extend(found)
        if data is None:
            gaps.whole |= {model.Deck, model.Card}
            continue
        blobs.append(blob)
        kept.append(data)
        kept.itempos.append(pos)
        read_names.append(name)
    raw["decks"] = kept
    return read_names


_FILE_SHAPES = {
    "deck": "a deck file is a mapping (`deck: id`, `cards: [...]`)",
    "scenario": "a scenario file is a mapping (`scenario: id`, `name: ...`)",
}


def _top_mapping(data: Any, problems: list[Problem], file: str, kind: str) -> YDict | None:
    """A file's top-level mapping, or None with the reason in `problems` (already
    there when the file could not be read at all)."""
    if isinstance(data, YDict):
        return data
    if data is not None or not problems:  # a list, a word, or a document of only `null`
        problems.append(Problem(file, 1, 1, f"{_FILE_SHAPES[kind]}, not {kind_of(data)}"))
    return None


def _deck_file(
    folder: Path, name: Any, where: Problem, texts: Texts
) -> tuple[YDict | None, list[Problem], bytes]:
    """One deck file named in scenario.yaml (`where` the name is): its parsed mapping,
    or None and why not."""
    if not isinstance(name, str):
        message = f"a deck is named by its file, such as `crisis.yaml`; got {kind_of(name)}"
        return None, [attrs.evolve(where, message=message)], b""
    path, outside = _inside(folder, name)
    if outside:
        return None, [attrs.evolve(where, message=f"deck file `{shown(name)}`: {outside}")], b""
    if not path.exists():
        near = nearest(name, [p.name for p in folder.glob("*.yaml") if p.name != SCENARIO_FILE])
        return None, [attrs.evolve(where, message=f"no deck file `{name}` in {_shown(folder)}{near}")], b""
    data, found, blob = _read(path, texts)
    data = _top_mapping(data, found, _shown(path), "deck")
    return data, found, blob


def _inside(folder: Path, name: str) -> tuple[Path, str]:
    """`folder / name` if it is a file name inside the scenario's folder (symbolic
    links followed), else why not — saying nothing of what is outside."""
    path = folder / name
    if "\0" in name:
        return path, "a file name cannot hold a NUL character"
    if any(len(part.encode("utf-8", "replace")) > 255 for part in Path(name).parts) or len(name) > 1024:
        return path, "the name is too long for a file"
    if Path(name).is_absolute() or ".." in Path(name).parts:
        return path, "a scenario reads only files inside its own folder; give a name relative to it"
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a symbolic link loop, a NUL character
        inside = False
    if not inside:
        return (
            path,
            "it leads outside the scenario's folder (a symbolic link?); a scenario reads only its own files",
        )
    return path, ""


def _article(folder: Path, raw: YDict, problems: list[Problem], blobs: list[bytes]) -> str | None:
    name = raw.get("article")
    if not isinstance(name, str) or not name:
        return None
    path, outside = _inside(folder, name)
    if outside or not path.exists():
        message = (
            f"article `{shown(name)}`: {outside}"
            if outside
            else f"no article file `{name}` in {_shown(folder)}"
        )
        problems.append(Problem(raw.file, *raw.valpos["article"], message))
        return None
    data, found = read_file(path, _shown(path))
    problems.extend(found)
    if data is None:
        return None
    text, found = decode_bytes(data, _shown(path))
    problems.extend(found)
    blobs.append(data)
    return data.decode("utf-8", errors="replace") if text is None else text


def load_scenario(path: str | Path) -> model.Scenario:
    """Load a scenario folder (or its `scenario.yaml`) with all its decks.

    Raises `LoadError` listing every problem found, each located (its warnings too,
    when there are errors); a scenario with only warnings loads."""
    sc, problems = check_scenario(path)
    if sc is None or any(not p.warning for p in problems):
        raise LoadError(problems)
    return sc


#: Texts that stand in for files of a scenario folder, by file name: an editor's buffer.
Texts = Mapping[str, str]


def _read(path: Path, texts: Texts) -> tuple[Any, list[Problem], bytes]:
    """`read`, or the text standing in for that file."""
    if path.name not in texts:
        return read(path, _shown(path))
    text = texts[path.name]
    return (*parse(text, _shown(path)), text.encode("utf-8", errors="surrogatepass"))


def check_scenario(
    path: str | Path, texts: Texts | None = None
) -> tuple[model.Scenario | None, list[Problem]]:
    """A scenario folder checked: the scenario (None when it has errors) and every
    problem found, warnings included, each located. `texts` stand in for some of its
    files (the deck workshop checks what is being typed before it is saved)."""
    texts = texts or {}
    folder = Path(path)
    if folder.name == SCENARIO_FILE:
        folder = folder.parent
    file = folder / SCENARIO_FILE
    if not file.is_file() and SCENARIO_FILE not in texts:
        message = f"no {SCENARIO_FILE} here: a scenario is a folder holding {SCENARIO_FILE}"
        return None, [Problem(_shown(folder), 1, 1, message)]
    data, problems, blob = _read(file, texts)
    raw = _top_mapping(data, problems, _shown(file), "scenario")
    if raw is None:  # the deck files are still checked, as far as decks alone can be
        return None, problems + [p for deck in _deck_files_beside(file) for p in _deck_problems(deck, texts)]
    blobs = [blob]
    gaps = Gaps()
    deck_files = _deck_data(folder, raw, problems, blobs, gaps, texts)
    for deck in _raw_decks(raw):  # a card in a deck that fails is not "no such card" too
        if not isinstance(deck.get("cards"), list):
            gaps.whole.add(model.Card)
        for card in _raw_cards(deck):
            gaps.add(model.Card, card.get("id"))
    article = _article(folder, raw, problems, blobs)
    read_count = len(problems)
    sc, origins = _structure(raw, model.Scenario, problems, gaps)
    if sc is not None:
        ScenarioChecker(sc, origins, problems, gaps).run(article)
        if not problems:  # on a scenario with errors, warnings would echo them
            Advisor(sc, origins, problems).run()
    problems = _reported_once(problems, read_count)
    if sc is None or any(not p.warning for p in problems):
        return None, problems
    digest = hashlib.sha256(b"\0".join(blobs)).hexdigest()
    decks = tuple(
        attrs.evolve(d, path=_shown(folder / n), cards=tuple(attrs.evolve(c, deck=d.id) for c in d.cards))
        for d, n in zip(sc.decks, deck_files, strict=True)
    )
    return attrs.evolve(sc, decks=decks, path=str(folder), digest=digest), problems


def _deck_files_beside(scenario_file: Path) -> list[Path]:
    """The YAML files beside a scenario.yaml that could not be read: its decks, probably."""
    return sorted(p for p in scenario_file.parent.glob("*.yaml") if p.name != SCENARIO_FILE)


def _deck_problems(path: Path, texts: Texts) -> list[Problem]:
    try:
        load_deck_text(texts[path.name], _shown(path)) if path.name in texts else load_deck(path)
    except LoadError as e:
        return e.problems
    return []


def _raw_decks(raw: YDict) -> list[Any]:
    decks = raw.get("decks")
    return [d for d in decks if isinstance(d, dict)] if isinstance(decks, list) else []


def _raw_cards(deck: dict[Any, Any]) -> list[dict[Any, Any]]:
    cards = deck.get("cards")
    return [c for c in cards if isinstance(c, dict)] if isinstance(cards, list) else []


def load_deck_text(text: str | bytes, file: str = "<deck>") -> model.Deck:
    """A single deck from text, checked as far as a deck alone can be (no references).

    For any input it returns a `Deck` or raises `LoadError`; nothing else escapes."""
    if isinstance(text, bytes):
        decoded, problems = decode_bytes(text, file)
        if decoded is None:
            raise LoadError(problems)
        text = decoded
    data, problems = parse(text, file)
    raw = _top_mapping(data, problems, file, "deck")
    if raw is None:
        raise LoadError(problems)
    read_count = len(problems)
    deck, origins = _structure(raw, model.Deck, problems, Gaps())
    if deck is not None:
        Checker(origins, problems).deck(deck)
    if problems:
        raise LoadError(_reported_once(problems, read_count))
    loaded: model.Deck = attrs.evolve(
        deck, path=file, cards=tuple(attrs.evolve(c, deck=deck.id) for c in deck.cards)
    )
    return loaded


def load_deck(path: str | Path) -> model.Deck:
    """A single deck file, checked as far as a deck alone can be."""
    p = Path(path)
    data, problems = read_file(p, _shown(p))
    if data is None:
        raise LoadError(problems)
    return load_deck_text(data, _shown(p))


def scenario_folders(path: str | Path) -> list[Path]:
    """The scenario folders at or below a path."""
    p = Path(path)
    if p.is_file():
        return [p.parent] if p.name == SCENARIO_FILE or (p.parent / SCENARIO_FILE).is_file() else []
    return sorted(f.parent for f in p.rglob(SCENARIO_FILE))


def validate(paths: list[str]) -> list[Problem]:
    """Every problem in the scenarios and decks at these paths, warnings included
    (empty: all valid)."""
    problems: list[Problem] = []
    for given in paths:
        p = Path(given)
        if not p.exists():
            problems.append(Problem(given, 1, 1, "no such file or folder"))
            continue
        try:
            if p.is_dir():
                os.scandir(p).close()
        except OSError as e:
            problems.append(Problem(_shown(p), 1, 1, f"cannot read the folder: {e.strerror or e}"))
            continue
        folders = scenario_folders(p)
        if not p.is_dir() and not folders:
            try:
                load_deck(p)
            except LoadError as e:
                problems.extend(e.problems)
            continue
        if not folders:
            problems.append(Problem(_shown(p), 1, 1, f"no {SCENARIO_FILE} found here or below"))
        for folder in folders:
            problems.extend(check_scenario(folder)[1])
    return sorted(set(problems))
