"""The event log, as data: one frozen class per kind of entry.

Every entry says in which `round` it happened and, where there is one, which `seat`
and which `card` caused it; each kind adds its own named fields. `narrate.describe`
turns an entry into words, dispatching on its class (a kind it does not know is an
error, which tests/test_entries.py catches for every class listed in `LogEntry`).

To add a kind: a class here with a `kind` word (the UI styles log lines by it), a
member of `LogEntry`, a case in `narrate.describe`, and an example in
tests/test_entries.py. An entry keeps its fields as given (no validators or
converters): the engine makes entries with `ENTRY_MAKERS`, which skip `__init__`
(`makers.maker`, which refuses a class that checks its fields).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, ParamSpec, TypeVar, get_args

from attrs import frozen

from .makers import maker
from .vocab import Condition


@frozen(kw_only=True)
class Entry:
    """What every entry has: when, and who and which card caused it; for a change made
    by a rule rather than a card (the upkeep, a threshold, an ongoing effect), why:
    `because` the conditions that held, `rule` the named rule (see `model.Ctx`)."""

    kind: ClassVar[str]
    round: int
    seat: str | None = None
    card: str | None = None
    because: tuple[Condition, ...] = ()
    rule: str | None = None


#: The `rule` of the changes that pay a card's cost.
COST = "cost"


@frozen(kw_only=True)
class RoundBegan(Entry):
    kind = "round"


@frozen(kw_only=True)
class PhaseBegan(Entry):
    kind = "phase"
    name: str


@frozen(kw_only=True)
class Drew(Entry):
    """`cards` are private: only `seat` may see which cards it drew."""

    kind = "draw"
    count: int
    cards: tuple[str, ...]


@frozen(kw_only=True)
class CrisisDrawn(Entry):
    """The engine drew the round's crisis card; `seat` is its side, if it has one."""

    kind = "crisis"


@frozen(kw_only=True)
class Played(Entry):
    """A card played for its event, or for operations (`op` names the one bought)."""

    kind = "play"
    op: str | None = None
    why: str = ""


@frozen(kw_only=True)
class Passed(Entry):
    kind = "pass"
    why: str = ""


@frozen(kw_only=True)
class Committed(Entry):
    """A sealed headline (a card or a pass), unseen until the reveal."""

    kind = "commit"


@frozen(kw_only=True)
class Revealed(Entry):
    kind = "reveal"


@frozen(kw_only=True)
class TrackMoved(Entry):
    """`track` is the slot label: "tension", "rok.support", "us-rok.cohesion"."""

    kind = "track"
    track: str
    old: int
    new: int


@frozen(kw_only=True)
class Capped(Entry):
    kind = "capped"
    track: str
    at: int


@frozen(kw_only=True)
class ThresholdCrossed(Entry):
    kind = "threshold"
    track: str
    at: int
    name: str


@frozen(kw_only=True)
class FlagChanged(Entry):
    kind = "flag"
    flag: str
    raised: bool


@frozen(kw_only=True)
class Reshuffled(Entry):
    kind = "reshuffle"
    deck: str


@frozen(kw_only=True)
class Discarded(Entry):
    """`cause` is the card that made the seat discard."""

    kind = "discard"
    cause: str | None = None


@frozen(kw_only=True)
class Rolled(Entry):
    """`total` is what the dice showed, `result` the total after modifiers (`mods`:
    each track label added, with its signed value), `text` the row of the table it
    fell on."""

    kind = "roll"
    dice: str
    total: int
    result: int
    text: str
    mods: tuple[tuple[str, int], ...] = ()


@frozen(kw_only=True)
class Chose(Entry):
    """`option` is the label of the option the seat picked."""

    kind = "chose"
    option: str
    why: str = ""


@frozen(kw_only=True)
class NoChoice(Entry):
    kind = "no_choice"
    prompt: str


@frozen(kw_only=True)
class CardAdded(Entry):
    """A card from the reserve (or out of the game) enters `into` its deck ("deck":
    shuffled in, "top": on top) or its owner's hand ("hand": then it is public that
    the owner holds it); `seat` is the deck's owner, `cause` the card that brought it."""

    kind = "card_added"
    into: str
    cause: str | None = None


@frozen(kw_only=True)
class CardRemoved(Entry):
    kind = "card_removed"


@frozen(kw_only=True)
class SkipNext(Entry):
    kind = "skip_next"
    count: int


@frozen(kw_only=True)
class Skipped(Entry):
    kind = "skipped"


@frozen(kw_only=True)
class OngoingBegan(Entry):
    kind = "ongoing"
    name: str
    rounds: int


@frozen(kw_only=True)
class OngoingEnded(Entry):
    kind = "ongoing_end"
    name: str


@frozen(kw_only=True)
class SideEvent(Entry):
    """Another side's card was played for operations and its event fires for `seat`."""

    kind = "side_event"


@frozen(kw_only=True)
class Fizzled(Entry):
    kind = "fizzle"
    reason: str


@frozen(kw_only=True)
class Said(Entry):
    kind = "say"
    text: str


@frozen(kw_only=True)
class GameEnded(Entry):
    """`track` is the track whose threshold ended the game, if one did."""

    kind = "end"
    outcome: str
    track: str | None = None


# The facilitator's interventions (see model.Intervention), each with its stated reason.


@frozen(kw_only=True)
class Intervened(Entry):
    """What every intervention keeps: the facilitator's `reason`, for the debrief."""

    reason: str = ""


@frozen(kw_only=True)
class Injected(Intervened):
    """A card brought into play for `seat` (its side or deck's owner); or, with `top`,
    a card put on top of the crisis deck, kept out of `card` because it is named only
    to the facilitator."""

    kind = "inject"
    top: str | None = None


@frozen(kw_only=True)
class TrackSet(Intervened):
    kind = "adjust"
    track: str
    old: int
    new: int


@frozen(kw_only=True)
class FlagToggled(Intervened):
    kind = "toggle"
    flag: str
    on: bool


@frozen(kw_only=True)
class Paused(Intervened):
    """The game paused (`paused`) or resumed."""

    kind = "pause"
    paused: bool


@frozen(kw_only=True)
class RoundLimitChanged(Intervened):
    kind = "round_limit"
    old: int
    new: int


@frozen(kw_only=True)
class Adjudicated(Intervened):
    kind = "adjudicate"
    outcome: str


InterventionEntry = Injected | TrackSet | FlagToggled | Paused | RoundLimitChanged | Adjudicated

LogEntry = (
    RoundBegan
    | PhaseBegan
    | Drew
    | CrisisDrawn
    | Played
    | Passed
    | Committed
    | Revealed
    | TrackMoved
    | Capped
    | ThresholdCrossed
    | FlagChanged
    | Reshuffled
    | Discarded
    | Rolled
    | Chose
    | NoChoice
    | CardAdded
    | CardRemoved
    | SkipNext
    | Skipped
    | OngoingBegan
    | OngoingEnded
    | SideEvent
    | Fizzled
    | Said
    | GameEnded
    | InterventionEntry
)

#: `cls(...)` for each kind, made fast (`makers.maker`): a real step logs about six.
ENTRY_MAKERS: dict[Callable[..., LogEntry], Callable[..., LogEntry]] = {
    cls: maker(cls) for cls in get_args(LogEntry)
}

P = ParamSpec("P")
E = TypeVar("E", bound=Entry)


def fast(kind: Callable[P, E]) -> Callable[P, E]:
    """`kind`'s maker, typed as `kind` itself (so mypy checks the fields given): for the
    entries a real step logs most, made without `Draft.note`'s dict of keywords."""
    return ENTRY_MAKERS[kind]  # type: ignore[index, return-value]


#: Each kind's class, by its word.
KINDS: dict[str, type[Entry]] = {cls.kind: cls for cls in get_args(LogEntry)}
