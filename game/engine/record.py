"""The game record: scenario, seed, seats and actions — the truth of a game.

Every save, autosave, replay and after-action report is a record. A state is never
stored; it is rebuilt by replaying the actions from the seed, and the replay checks
every step, so a record with an illegal step, or made with other decks, is refused with
a sentence saying what is wrong — the file itself is never touched.

A digest of the steps (`steps`) is saved with them, so steps swapped for other legal
ones, reordered or cut short — by hand or by damage — are refused too. It is a
checksum, not a signature: it proves the steps are those the program saved, unless
whoever changed them also recomputed it (anyone with Brinkmanship can); it does not
cover the seats' names or the control log, and proves nothing about who played.

    text = dumps(Record.of(state, players))
    state = replay(loads(text), scenario)        # == the original state
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import attrs
from attrs import frozen

from .bots import BOTS
from .files import read_limited
from .model import (
    Adjudicate,
    Adjust,
    DiscardCard,
    GameState,
    Inject,
    Move,
    Pass,
    Pause,
    PickOption,
    PlayCard,
    RoundLimit,
    Scenario,
    Toggle,
)
from .rules import IllegalAction, new_game, rounds_set, step

FORMAT = "brinkmanship-record"
VERSION = 1
MAX_RECORD_BYTES = 16 << 20
Control = str  # "human" or the name of a bot (see bots.KINDS)
CONTROLS: tuple[str, ...] = ("human", *BOTS)

_ACTION_TYPES: dict[str, type] = {
    "play": PlayCard,
    "pass": Pass,
    "pick": PickOption,
    "discard": DiscardCard,
    # the facilitator's interventions
    "inject": Inject,
    "adjust": Adjust,
    "toggle": Toggle,
    "pause": Pause,
    "round_limit": RoundLimit,
    "adjudicate": Adjudicate,
}
_TYPE_NAMES = {cls: name for name, cls in _ACTION_TYPES.items()}
#: The fields of an action that are not text.
_FIELD_TYPES: dict[str, type] = {
    "option": int,
    "value": int,
    "rounds": int,
    "top": bool,
    "on": bool,
    "paused": bool,
}


class RecordError(Exception):
    """A record cannot be read or does not replay; the message says why and where."""


class DecksChanged(RecordError):
    """The scenario changed, where the game looks, since the record was made; `changes`
    says what in a few words."""

    def __init__(self, message: str, changes: str) -> None:
        super().__init__(message)
        self.changes = changes


@frozen
class Player:
    """Who sits in a seat: a human (with a name) or a bot."""

    seat: str
    control: Control = "human"
    name: str = ""


@frozen
class Parent:
    """The game a branch was forked from: its record file, how many of its steps the
    branch kept (`at`), and a digest of those steps, to tell whether the file there is
    still the same game."""

    path: str
    at: int
    steps: str


@frozen
class Record:
    """Everything needed to rebuild a game exactly. `parts` fingerprints each part of
    the scenario the game was played with, so a changed deck can be named; `pin` is the
    white cell's PIN, salted and hashed; `parent` is set on a what-if branch."""

    scenario: str
    digest: str
    seed: int
    players: tuple[Player, ...]
    actions: tuple[Move, ...] = ()
    scenario_path: str = ""
    control_log: tuple[str, ...] = ()
    parts: Mapping[str, str] = attrs.field(factory=dict)
    pin: str = ""
    parent: Parent | None = None
    #: Which game this is (kept across saves and loads), so that a save never silently
    #: replaces another game's file; "" in records made before it was kept.
    game: str = ""
    #: Where the game stood when saved, for lists of games; replay recomputes it.
    round: int = 0
    over: bool = False
    #: A digest of the scenario's rules alone (`rules_digest`), so that a game whose decks
    #: changed only in their text goes on with a warning; "" in records made before it.
    rules: str = ""
    #: A shorter game's round limit, set at setup (0: the scenario's own); the steps'
    #: digest covers it, and replay starts the game with it.
    rounds: int = 0

    @classmethod
    def of(
        cls,
        state: GameState,
        players: tuple[Player, ...],
        control_log: tuple[str, ...] = (),
        pin: str = "",
        parent: Parent | None = None,
        game: str = "",
    ) -> Record:
        """The record of a game so far; `control_log` keeps the facilitator's actions
        (undo, notes) that are not moves of the game."""
        sc = state.scenario
        return cls(
            sc.id,
            state.digest,
            state.seed,
            players,
            state.history,
            sc.path,
            control_log,
            fingerprint(sc),
            pin,
            parent,
            game,
            state.round,
            state.over,
            rules_digest(sc),
            0 if rounds_set(state) == sc.rounds else rounds_set(state),
        )

    def player(self, seat: str) -> Player:
        return next((p for p in self.players if p.seat == seat), Player(seat))


def action_to_json(action: Move) -> dict[str, Any]:
    """An action as compact JSON: only the fields that differ from their defaults."""
    out: dict[str, Any] = {"type": _TYPE_NAMES[type(action)]}
    for a in attrs.fields(type(action)):
        value = getattr(action, a.name)
        if a.default is attrs.NOTHING or value != a.default:
            out[a.name] = value
    return out


def action_from_json(data: Any, where: str) -> Move:
    """An action from JSON, checked field by field."""
    if not isinstance(data, dict):
        raise RecordError(f"{where}: an action is a JSON object, not {type(data).__name__}")
    kind = data.get("type")
    cls = _ACTION_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise RecordError(
            f"{where}: unknown action type {kind!r} (expected one of: {', '.join(_ACTION_TYPES)})"
        )
    kwargs = {}
    names = {a.name: a for a in attrs.fields(cls)}
    for key, value in data.items():
        if key == "type":
            continue
        if key not in names:
            raise RecordError(f"{where}: unknown field {key!r} in a {kind} action")
        want = _FIELD_TYPES.get(key, str)
        if not (isinstance(value, want) and (want is bool or not isinstance(value, bool))) and not (
            value is None and names[key].default is None
        ):
            raise RecordError(f"{where}: field {key!r} has the wrong type ({type(value).__name__})")
        kwargs[key] = value
    missing = [n for n, a in names.items() if a.default is attrs.NOTHING and n not in kwargs]
    if missing:
        raise RecordError(f"{where}: a {kind} action needs {', '.join(missing)}")
    try:
        move: Move = cls(**kwargs)
    except (TypeError, ValueError) as e:
        raise RecordError(f"{where}: {e}") from None
    return move


def dumps(record: Record) -> str:
    """The record as JSON text (stable: the same record gives the same bytes)."""
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": record.scenario,
        "scenario_path": record.scenario_path,
        "digest": record.digest,
        "seed": record.seed,
        "players": [attrs.asdict(p) for p in record.players],
        "actions": [action_to_json(a) for a in record.actions],
        "control_log": list(record.control_log),
        "game": record.game,
        "round": record.round,
        "over": record.over,
        "steps": steps_digest(record.actions, record.rounds),
    }
    if record.rounds:
        body["rounds"] = record.rounds
    if record.pin:
        body["pin"] = record.pin
    if record.parent is not None:
        body["parent"] = attrs.asdict(record.parent)
    if record.parts:
        body["parts"] = dict(record.parts)
    if record.rules:
        body["rules"] = record.rules
    return json.dumps(body, indent=1, ensure_ascii=False) + "\n"


def loads(text: str | bytes, source: str = "record") -> Record:
    """A record from JSON text; `RecordError` says what is wrong with it."""
    try:
        data = json.loads(text)
    except UnicodeDecodeError:
        raise RecordError(f"{source}: not UTF-8 text") from None
    except RecursionError:
        raise RecordError(f"{source}: not a Brinkmanship record (nested too deeply)") from None
    except json.JSONDecodeError as e:
        raise RecordError(
            f"{source}:{e.lineno}:{e.colno}: not valid JSON ({e.msg}); the file may be truncated"
        ) from None
    except ValueError:  # a number with thousands of digits
        raise RecordError(f"{source}: not a Brinkmanship record (a number far too long)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError(f"{source}: not a Brinkmanship record")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise RecordError(f"{source}: the record has no format version")
    if version > VERSION:
        raise RecordError(
            f"{source}: made by a newer Brinkmanship (record format {version}); this one reads format {VERSION}"
        )
    if version < 1:
        raise RecordError(f"{source}: record format {version} is no longer supported")
    for key in ("players", "actions"):
        if not isinstance(data.get(key, []), list):
            raise RecordError(f"{source}: {key} must be a list")
    try:
        players = tuple(_player(p) for p in data["players"])
        actions = tuple(
            action_from_json(a, f"{source}: action {i + 1}") for i, a in enumerate(data["actions"])
        )
        fields = {k: data[k] for k in ("scenario", "digest", "seed")}
    except KeyError as e:
        raise RecordError(f"{source}: missing field {e.args[0]!r}") from None
    if not _whole(fields["seed"]):
        raise RecordError(f"{source}: the seed must be a whole number")
    if not isinstance(fields["scenario"], str) or not isinstance(fields["digest"], str):
        raise RecordError(f"{source}: scenario and digest must be text")
    path = data.get("scenario_path", "")
    control = data.get("control_log", [])
    if not isinstance(control, list) or not all(isinstance(line, str) for line in control):
        raise RecordError(f"{source}: control_log must be a list of text lines")
    parts, pin, parent = data.get("parts", {}), data.get("pin", ""), data.get("parent")
    if not isinstance(parts, dict) or not all(isinstance(v, str) for v in parts.values()):
        raise RecordError(f"{source}: parts must map names to fingerprints")
    if not isinstance(pin, str):
        raise RecordError(f"{source}: the pin must be text")
    rules = data.get("rules", "")
    if not isinstance(rules, str):
        raise RecordError(f"{source}: rules must be a digest (text)")
    rounds = data.get("rounds", 0)
    if not _whole(rounds) or rounds < 0:
        raise RecordError(
            f"{source}: rounds (a shorter game's round limit) must be a whole number of at least 1"
        )
    steps = data.get("steps")
    if steps is not None and steps != steps_digest(actions, rounds):
        raise RecordError(
            f"{source}: its steps do not match their digest: they were edited, reordered or cut "
            "short after the game saved them (or the file is damaged)"
        )
    game, round_, over = data.get("game", ""), data.get("round", 0), data.get("over", False)

    if not isinstance(game, str) or not isinstance(over, bool) or not _whole(round_):
        raise RecordError(f"{source}: game must be text, round a whole number and over true or false")
    return Record(
        game=game,
        round=round_,
        over=over,
        players=players,
        actions=actions,
        scenario_path=path if isinstance(path, str) else "",
        control_log=tuple(control),
        parts=parts,
        pin=pin,
        rules=rules,
        rounds=rounds,
        parent=None if parent is None else _parent(parent, source),
        **fields,
    )


def _parent(data: Any, source: str) -> Parent:
    ok = (
        isinstance(data, dict)
        and set(data) == {"path", "at", "steps"}
        and isinstance(data["path"], str)
        and isinstance(data["steps"], str)
        and isinstance(data["at"], int)
        and not isinstance(data["at"], bool)
        and data["at"] >= 0
    )
    if not ok:
        raise RecordError(f"{source}: parent must name a record's path, a step (at) and a digest (steps)")
    return Parent(data["path"], data["at"], data["steps"])


# ------------------------------------------------------------------- what-if branches


def steps_digest(actions: tuple[Move, ...], rounds: int = 0) -> str:
    """A digest of a list of steps (and of a shorter game's round limit, which changes
    where they lead): equal lists, equal digests."""
    steps = [action_to_json(a) for a in actions]
    text = json.dumps(
        {"rounds": rounds, "steps": steps} if rounds else steps, ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def branch(record: Record, at: int, parent_path: str) -> Record:
    """A new game that keeps the first `at` steps of `record` (read from `parent_path`)
    and goes on from there differently; the parent record is not touched."""
    if not 0 <= at <= len(record.actions):
        raise RecordError(f"--at must be from 0 to {len(record.actions)} (the steps of the record), not {at}")
    kept = record.actions[:at]
    note = f"branched from {parent_path} at step {at} of {len(record.actions)}"
    return attrs.evolve(
        record,
        actions=kept,
        control_log=(*record.control_log, note),
        parent=Parent(parent_path, at, steps_digest(kept)),
        game="",  # another game from here on: its saves are its own
    )


# ------------------------------------------------------------- the scenario it was played with

_FINGERPRINTS: dict[str, tuple[dict[str, str], str]] = {}
#: The fields of the scenario's parts that are its text, not its rules: changing them
#: changes no step of a game.
TEXT_FIELDS = frozenset({"name", "short", "text", "source", "cite", "prompt", "label", "path"})


def fingerprint(scenario: Scenario) -> dict[str, str]:
    """A short hash of each part of the parsed scenario (each card, track, seat,
    relation, flag, operation, outcome, deck, and the round), so that a record can say
    what changed in the decks since it was played."""
    return _hashes(scenario)[0]


def rules_digest(scenario: Scenario) -> str:
    """A hash of the same parts with their text left out (names, texts, sources,
    prompts, labels, key order): equal for decks that differ only in wording."""
    return _hashes(scenario)[1]


def _hashes(sc: Scenario) -> tuple[dict[str, str], str]:
    """`fingerprint` and `rules_digest`, cached by the decks' digest."""
    cached = _FINGERPRINTS.get(sc.digest) if sc.digest else None
    if cached is not None:
        return cached
    parts = {name: _hash(repr(part))[:10] for name, part in _parts(sc, rules=False)}
    hashes = parts, _hash(repr([(name, _rules_of(part)) for name, part in _parts(sc, rules=True)]))
    if sc.digest:
        _FINGERPRINTS[sc.digest] = hashes
    return hashes


def _parts(sc: Scenario, rules: bool) -> list[tuple[str, object]]:
    """The parts of a scenario by name; with `rules`, deck names and round names left out."""
    return [
        *((f"card:{c.id}", c) for c in sc.cards.values()),
        *((f"track:{t.id}", t) for t in sc.tracks),
        *((f"seat:{s.id}", s) for s in sc.seats),
        *((f"relation:{r.id}", r) for r in sc.relations),
        *((f"flag:{f.id}", f) for f in sc.flags),
        *((f"operation:{o.id}", o) for o in sc.operations),
        *((f"outcome:{o.id}", o) for o in sc.outcomes),
        *(
            (f"deck:{d.id}", (*(() if rules else (d.name,)), d.kind, d.owner, tuple(c.id for c in d.cards)))
            for d in sc.decks
        ),
        ("rules", (sc.rounds, sc.hand_size, sc.round, *(() if rules else (sc.round_names,)))),
    ]


def _rules_of(part: object) -> object:
    """A part with its text fields left out and its mappings in key order."""
    if attrs.has(type(part)):
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", type(part)))
        kept = (f.name for f in fields if f.init and f.name not in TEXT_FIELDS)
        return (type(part).__name__, *((name, _rules_of(getattr(part, name))) for name in kept))
    if isinstance(part, Mapping):
        return tuple(sorted((k, _rules_of(v)) for k, v in part.items()))
    if isinstance(part, tuple | list):
        return tuple(_rules_of(p) for p in part)
    return part


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def scenario_changes(parts: Mapping[str, str], scenario: Scenario) -> list[str]:
    """What differs between the scenario a record was played with (its `parts`) and
    `scenario`, in words: "changed: card Nuclear Test", "removed: card gone"."""
    now = fingerprint(scenario)
    changed = [k for k in now if k in parts and parts[k] != now[k]]
    added = [k for k in now if k not in parts]
    removed = [k for k in parts if k not in now]
    return [
        f"{what}: {', '.join(_part_name(k, scenario) for k in keys)}"
        for what, keys in (("changed", changed), ("added", added), ("removed", removed))
        if keys
    ]


def _part_name(key: str, sc: Scenario) -> str:
    kind, _, ident = key.partition(":")
    names = {
        "card": {c.id: c.name for c in sc.cards.values()},
        "track": {t.id: t.name for t in sc.tracks},
        "seat": {s.id: s.name for s in sc.seats},
    }.get(kind, {})
    if kind == "rules":
        return "the round and its limits"
    return f"{kind} {names[ident]}" if ident in names else f"{kind} {ident}"


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _player(data: Any) -> Player:
    if not isinstance(data, dict) or not isinstance(data.get("seat"), str):
        raise RecordError("a player is an object with a seat")
    control, name = data.get("control", "human"), data.get("name", "")
    if control not in CONTROLS or not isinstance(name, str) or set(data) - {"seat", "control", "name"}:
        raise RecordError(f"player {data.get('seat')!r}: control must be one of {', '.join(CONTROLS)}")
    return Player(data["seat"], control, name)


def check_scenario(record: Record, scenario: Scenario) -> str:
    """Refuse, saying what changed, a scenario whose rules differ from those the record
    was played with (DecksChanged). Files changed only in their text pass, with a
    one-line warning naming what changed ("" if nothing did). Records from before the
    rules were hashed pass only when no part changed at all."""
    if record.digest == scenario.digest:
        return ""
    changes = scenario_changes(record.parts, scenario) if record.parts else []
    if record.parts and not changes:
        return "the deck files changed since this game was recorded, only in comments or layout"
    if changes and record.rules == rules_digest(scenario):
        return (
            f"the decks' text changed since this game was recorded ({'; '.join(changes)}); "
            "their rules are the same"
        )
    what = "; ".join(changes) if changes else "this record is too old to say what changed"
    raise DecksChanged(
        f"the decks of {scenario.id!r} have changed since this game was recorded ({what}); "
        f"it is not replayed against other cards (record {record.digest[:12]}, decks {scenario.digest[:12]})",
        what,
    )


def replay(record: Record, scenario: Scenario, verify_digest: bool = True) -> GameState:
    """Rebuild the game a record describes, checking every step."""
    if record.scenario != scenario.id:
        raise RecordError(f"the record is a game of {record.scenario!r}, not {scenario.id!r}")
    if verify_digest:
        check_scenario(record, scenario)
    seats = set(scenario.seat_ids)
    seen: set[str] = set()
    for p in record.players:
        if p.seat not in seats:
            raise RecordError(f"the record seats {p.seat!r}, which {scenario.id!r} does not have")
        if p.seat in seen:
            raise RecordError(f"the record seats {p.seat!r} twice")
        seen.add(p.seat)
    try:
        state = new_game(scenario, record.seed, record.rounds or None)
    except ValueError as e:
        raise RecordError(f"its round limit does not fit the scenario: {e}") from None
    for i, action in enumerate(record.actions, 1):
        try:
            state = step(state, action)
        except IllegalAction as e:
            raise RecordError(f"action {i} ({_step_name(action)}) does not replay: {e}") from None
        except (KeyError, IndexError, TypeError):
            raise RecordError(
                f"action {i} ({_step_name(action)}) names something this scenario lacks"
            ) from None
    return state


def _step_name(action: Move) -> str:
    """ "play by usa", or "inject by the facilitator"."""
    return f"{_TYPE_NAMES[type(action)]} by {action.seat or 'the facilitator'}"


def write(path: str | Path, text: str) -> None:
    """Write a file atomically: a crash leaves the old file or the new one, never half."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file would be, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(path: str | Path) -> Record:
    """A record from a file (a regular one, read up to the size limit); the file is
    only read, never changed."""
    p = Path(path)
    try:
        data = read_limited(p, MAX_RECORD_BYTES)
    except (OSError, ValueError) as e:  # ValueError: a name holding a NUL character
        raise RecordError(f"{p}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    if len(data) > MAX_RECORD_BYTES:
        raise RecordError(f"{p}: too large to be a record (the limit is {MAX_RECORD_BYTES:,} bytes)")
    return loads(data, str(p))
