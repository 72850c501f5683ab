"""The closed vocabulary of conditions and effects that cards are written in.

Every card, threshold, phase and objective is built from these classes, and nothing
else: a deck can only *describe* what happens, never run code. Each class is one YAML
form. In YAML an effect is a mapping whose first key names the kind and holds its main
argument; the other keys are its parameters::

    - shift: tension        # Shift(track="tension", by=2)
      by: 2
    - set_flag: thaad       # SetFlag(flag="thaad")
    - if: {flag: thaad}     # If(cond=FlagIs("thaad"), then=(...), else_=(...))
      then: [...]
      else: [...]

`@form(key, field)` registers each class under the YAML key that names it (in
`YAML_KEYS`); `loader`, `schema` and `checks` read the registry, so the vocabulary is
written down exactly once. To add an effect: a class here (with `@form`, and in the
`Effect` union), its handler in `effects` (`@applies`), its case in `checks.effect`, a
row in rules.md, and a card of tests/data/engine/effects that uses it; the tests in
tests/test_vocab.py fail until each is there. A condition likewise: `conditions.holds`,
`narrate.describe_condition` and `checks.cond`.

Seat references (`seat:` and friends) are a seat id or one of `self` (the seat whose
card or decision this is), `target` (the seat the card was aimed at), `all` and
`others` (every seat, every seat but `self`). Relation references are a relation id or
`target` (the relation between `self` and the target).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeVar, get_args

from attrs import frozen

SELF, TARGET, ALL, OTHERS = "self", "target", "all", "others"
SEAT_WORDS = (SELF, TARGET, ALL, OTHERS)

T = TypeVar("T", bound=type)

#: The YAML key that names each form, and the field that key's value fills.
YAML_KEYS: dict[type, tuple[str, str]] = {}


def form(key: str, main: str = "") -> Callable[[T], T]:
    """Register a class as the YAML form `key:`, whose value fills the field `main`
    (none: the form's value is a mapping of its fields, as `round: {at_least: 3}`)."""

    def register(cls: T) -> T:
        YAML_KEYS[cls] = (key, main)
        return cls

    return register


# --------------------------------------------------------------------------- conditions


@form("track", "track")
@frozen
class TrackIs:
    """A track's value compared with bounds: `{track: tension, at_least: 7}`."""

    track: str
    seat: str | None = None
    relation: str | None = None
    at_least: int | None = None
    at_most: int | None = None


@form("flag", "flag")
@frozen
class FlagIs:
    """A flag is in force: `{flag: thaad}`."""

    flag: str


@form("round")
@frozen
class RoundIs:
    """The round number compared with bounds: `{round: {at_least: 3}}`."""

    at_least: int | None = None
    at_most: int | None = None


@form("seat", "seats")
@frozen
class SeatIs:
    """The seat acting (`self`) is one of these: `{seat: [usa, rok]}`."""

    seats: tuple[str, ...]


@form("not", "cond")
@frozen
class Not:
    """The inner condition does not hold: `{not: {flag: thaad}}`."""

    cond: Condition


@form("all", "conds")
@frozen
class All:
    """Every inner condition holds: `{all: [...]}`."""

    conds: tuple[Condition, ...]


@form("any", "conds")
@frozen
class Any:
    """At least one inner condition holds: `{any: [...]}`."""

    conds: tuple[Condition, ...]


Condition = TrackIs | FlagIs | RoundIs | SeatIs | Not | All | Any


# ------------------------------------------------------------------------------ effects


@frozen
class TrackRef:
    """Names one track value: a global track, a seat's track or a relation's track."""

    track: str
    seat: str | None = None
    relation: str | None = None


@form("shift", "track")
@frozen
class Shift:
    """Move a track by `by` steps, clamped to its bounds (and its cap, if any)."""

    track: str
    by: int
    seat: str | None = None
    relation: str | None = None


@form("set", "track")
@frozen
class SetTrack:
    """Set a track to a value, clamped to its bounds."""

    track: str
    to: int
    seat: str | None = None
    relation: str | None = None


@form("set_flag", "flag")
@frozen
class SetFlag:
    """Put a flag in force (THAAD deployed, Kaesong closed...)."""

    flag: str


@form("clear_flag", "flag")
@frozen
class ClearFlag:
    """Lift a flag."""

    flag: str


@form("draw", "seat")
@frozen
class Draw:
    """A seat draws cards from its own action deck into its hand."""

    seat: str = SELF
    count: int = 1


@form("discard", "seat")
@frozen
class Discard:
    """A seat discards cards from its hand: chosen by that seat, or `random: true`."""

    seat: str = SELF
    count: int = 1
    random: bool = False


@frozen
class RollRow:
    """One row of a roll table: the results `lo`..`hi` (YAML `roll: "3-4"`) and effects."""

    lo: int
    hi: int
    effects: tuple[Effect, ...] = ()
    text: str = ""


@form("roll", "dice")
@frozen
class Roll:
    """Roll dice (`2d6`), add and subtract track values, read the result off a table.

    A result beyond the table's ends counts as its first or last row, as on a combat
    results table.
    """

    dice: str
    table: tuple[RollRow, ...]
    plus: tuple[TrackRef, ...] = ()
    minus: tuple[TrackRef, ...] = ()


@form("if", "cond")
@frozen
class If:
    """Resolve `then` when the condition holds, `else` when it does not."""

    cond: Condition
    then: tuple[Effect, ...] = ()
    else_: tuple[Effect, ...] = ()


@frozen
class Option:
    """One choice offered by `choose`; `requires` hides it when its conditions fail."""

    label: str
    effects: tuple[Effect, ...] = ()
    text: str = ""
    requires: tuple[Condition, ...] = ()


@form("choose", "seat")
@frozen
class Choose:
    """Stop and let a seat pick one option; the game waits for that seat."""

    seat: str
    prompt: str
    options: tuple[Option, ...]


@form("add_card", "card")
@frozen
class AddCard:
    """Bring a card into play from the reserve: shuffled into its deck (`deck`), on top
    of it (`top`), or straight into its owner's hand (`hand`)."""

    card: str
    into: Literal["deck", "top", "hand"] = "deck"


@form("remove_card", "card")
@frozen
class RemoveCard:
    """Take a card out of the game, wherever it is (`self`: the card being resolved)."""

    card: str


@form("skip", "seat")
@frozen
class Skip:
    """A seat loses its next action (a political vacuum, a caretaker government)."""

    seat: str
    count: int = 1


@form("ongoing", "name")
@frozen
class Ongoing:
    """Effects that resolve again at every upkeep for `rounds` rounds."""

    name: str
    rounds: int
    effects: tuple[Effect, ...]
    text: str = ""


@form("end_game", "outcome")
@frozen
class EndGame:
    """End the game at once with a named outcome of the scenario."""

    outcome: str


@form("say", "text")
@frozen
class Say:
    """Write a line in the event log (for the debrief: "87 Lotte stores shut")."""

    text: str


Effect = (
    Shift
    | SetTrack
    | SetFlag
    | ClearFlag
    | Draw
    | Discard
    | Roll
    | If
    | Choose
    | AddCard
    | RemoveCard
    | Skip
    | Ongoing
    | EndGame
    | Say
)

#: Every kind of condition and of effect, in the order the schema and docs list them.
CONDITION_KINDS: tuple[type, ...] = get_args(Condition)
EFFECT_KINDS: tuple[type, ...] = get_args(Effect)
# Python-side field names that YAML spells differently (a keyword clash).
YAML_RENAMES: dict[type, dict[str, str]] = {If: {"else_": "else"}}
