"""What a game is made of: the scenario's definitions and the state of a game in play.

Two families of frozen classes live here.

*Definitions* (`Scenario`, `Seat`, `Track`, `Card`, phases, objectives) come from the
scenario and deck YAML and never change during a game.

*State* (`GameState` and its parts) is one moment of one game. It is immutable:
`rules.step(state, action)` returns a new state and leaves the old one as it was, which
is what makes undo, replay and property testing cheap. Everything a game needs to go on
is in the state, including its random generator, so the pair (scenario, actions) from
the same seed always reaches the same state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from attrs import Attribute, field, frozen

from .entries import LogEntry
from .vocab import Condition, Effect, Option

Scope = Literal["global", "seat", "relation"]
Control = Literal["human", "bot"]

# ---------------------------------------------------------------------------- definitions


@frozen
class Threshold:
    """A named mark on a track. Crossing it (`rises` to reach `at` or above, `falls` to
    reach `at` or below) resolves its effects — at most once a round, so no chain of
    thresholds can go on for ever; `end` names an outcome that ends the game at once:
    a catastrophe such as war."""

    at: int
    name: str
    when: Literal["rises", "falls"] = "rises"
    effects: tuple[Effect, ...] = ()
    end: str | None = None
    text: str = ""

    def reached(self, value: int) -> bool:
        return value >= self.at if self.when == "rises" else value <= self.at


@frozen
class Cap:
    """A ceiling below the track's maximum that holds while `unless` does not."""

    at: int
    unless: Condition


@frozen
class Track:
    """A bounded number: global (Tension), per seat (resources) or per relation
    (U.S.–ROK cohesion). Values are always clamped to `min`..`max`."""

    id: str
    name: str
    scope: Scope = "global"
    min: int = 0
    max: int = 10
    start: int = 0
    cap: Cap | None = None
    thresholds: tuple[Threshold, ...] = ()
    style: Literal["meter", "counter"] = "meter"
    text: str = ""
    source: str = ""

    @property
    def catastrophe(self) -> Threshold | None:
        """The threshold that ends the game, if the track has one."""
        return next((t for t in self.thresholds if t.end), None)


@frozen
class Objective:
    """Scored at the end of the game: met when every condition in `when` holds."""

    id: str
    name: str
    when: tuple[Condition, ...]
    points: int = 1
    text: str = ""


@frozen
class BotHints:
    """How the heuristic bot plays a seat, beyond its objectives: `aims` are further
    conditions it steers for (an objective like "has an ICBM" gives no sense of
    direction; "capability at least 8" does), `caution` how hard it shies away from a
    catastrophe (0: not at all)."""

    aims: tuple[Condition, ...] = ()
    caution: int = 3


@frozen
class Seat:
    """A nation at the table, played by a human or a bot."""

    id: str
    name: str
    short: str = ""
    control: Control = "human"
    deck: str | None = None
    start: Mapping[str, int] = field(factory=dict)
    objectives: tuple[Objective, ...] = ()
    secret: tuple[Objective, ...] = ()
    text: str = ""
    bot: BotHints = BotHints()


@frozen
class Relation:
    """A pair of seats whose relation carries tracks (alliance cohesion, credibility)."""

    id: str
    name: str
    seats: tuple[str, str]
    start: Mapping[str, int] = field(factory=dict)
    text: str = ""


@frozen
class Flag:
    """A persistent fact of the world that cards can test, set and clear."""

    id: str
    name: str
    text: str = ""
    start: bool = False


@frozen
class Citation:
    """Where a card's facts come from when it is not the scenario's article: a report,
    a news story, a speech. With a `source` quote on the same card, the quote is from
    this work."""

    title: str
    url: str = ""
    date: str = ""

    def __str__(self) -> str:
        return ", ".join(p for p in (self.title, self.date, self.url) if p)


@frozen
class Card:
    """One card. Played for its event it costs `cost` and resolves `effects`; played
    for operations (where the scenario allows) it is worth `ops`, and if its `side` is
    another seat, that seat's event still fires: every card is a dilemma. `source`
    quotes the scenario's article (checked word for word), or the work `cite` names."""

    id: str
    name: str
    kind: str
    text: str
    source: str = ""
    cite: Citation | None = None
    effects: tuple[Effect, ...] = ()
    cost: Mapping[str, int] = field(factory=dict)
    ops: int = 0
    side: str | None = None
    requires: tuple[Condition, ...] = ()
    targets: tuple[str, ...] = ()
    once: bool = False
    start: Literal["deck", "reserve"] = "deck"
    headline: bool = True
    deck: str = ""

    @property
    def credit(self) -> str:
        """The card's source as players read it: the quote, then the work it cites."""
        quote = f"“{self.source}”" if self.source else ""
        return " — ".join(p for p in (quote, str(self.cite or "")) if p)


@frozen
class Deck:
    """A pile of cards: the crisis deck the engine draws, or a seat's action deck."""

    id: str
    name: str
    kind: Literal["crisis", "action"]
    cards: tuple[Card, ...]
    owner: str | None = None
    text: str = ""
    path: str = ""


@frozen
class Operation:
    """What a card's operations value buys when it is played for operations."""

    id: str
    name: str
    ops: int
    effects: tuple[Effect, ...]
    text: str = ""
    requires: tuple[Condition, ...] = ()


@frozen
class CrisisPhase:
    """The engine draws from a deck and resolves the card (the crisis of the round)."""

    name: str
    deck: str
    draw: int = 1
    when: tuple[Condition, ...] = ()


@frozen
class SealedPhase:
    """Every seat commits one card (or a pass) unseen; all are revealed together and
    resolved in seat order, like Twilight Struggle's headline."""

    name: str
    when: tuple[Condition, ...] = ()


@frozen
class ActionPhase:
    """Each seat in order plays a card or passes, `turns` times round the table."""

    name: str
    turns: int = 1
    when: tuple[Condition, ...] = ()


@frozen
class UpkeepPhase:
    """Ongoing effects tick, the scenario's upkeep effects resolve, hands refill."""

    name: str
    effects: tuple[Effect, ...] = ()
    refill: bool = True
    when: tuple[Condition, ...] = ()


Phase = CrisisPhase | SealedPhase | ActionPhase | UpkeepPhase


@frozen
class Outcome:
    """How a game can end. A `catastrophe` is a loss for every seat. Outcomes with
    `when` are checked in order at the round limit; the first that holds is the result.
    `points` are added to a seat's score when the game ends this way: a catastrophe
    that costs some nations more than others."""

    id: str
    name: str
    text: str = ""
    catastrophe: bool = False
    when: tuple[Condition, ...] = ()
    points: Mapping[str, int] = field(factory=dict)


class Memo(dict[object, Any]):
    """Answers a scenario works out on first use: compiled effects and values, contexts,
    slots, legal plays, bots' plans. Each is kept under a key that is, or begins with,
    what owns it (its class or function: `(slots_for, ...)`, `(Ctx, ...)`), so owners
    cannot collide and a reader can find who fills an entry. The owners look their
    entries up inline (`get`, then set on a miss), not through a helper: some are asked
    thousands of times a game, and a call each would cost about 5% of a bot game. It
    travels empty (to a worker process, say): it holds functions, and is quick to fill
    again."""

    def __reduce__(self) -> tuple[type, tuple[()]]:
        return (Memo, ())


#: The most rounds a game may have (a scenario's `rounds`, or a limit the facilitator
#: sets): a seminar plays a handful, and a game's log grows with every round.
MAX_ROUNDS = 99


@frozen
class Scenario:
    """A whole game's definitions, with lookup tables built once at load time."""

    id: str
    name: str
    rounds: int
    seats: tuple[Seat, ...]
    tracks: tuple[Track, ...]
    decks: tuple[Deck, ...]
    round: tuple[Phase, ...]
    outcomes: tuple[Outcome, ...]
    text: str = ""
    hand_size: int = 4
    relations: tuple[Relation, ...] = ()
    flags: tuple[Flag, ...] = ()
    operations: tuple[Operation, ...] = ()
    round_names: tuple[str, ...] = ()
    card_kinds: tuple[str, ...] = ()
    source: str = ""
    article: str = ""
    sources: Literal["quotes", "citations"] = "quotes"
    path: str = ""
    digest: str = ""

    # Lookup tables, derived from the fields above.
    seat_ids: tuple[str, ...] = field(init=False, eq=False, repr=False)
    seat_index: dict[str, int] = field(init=False, eq=False, repr=False)
    slots: dict[tuple[str, str | None], int] = field(init=False, eq=False, repr=False)
    slot_labels: tuple[str, ...] = field(init=False, eq=False, repr=False)
    slot_track: tuple[Track, ...] = field(init=False, eq=False, repr=False)
    cards: dict[str, Card] = field(init=False, eq=False, repr=False)
    deck_index: dict[str, int] = field(init=False, eq=False, repr=False)
    track_by_id: dict[str, Track] = field(init=False, eq=False, repr=False)
    relation_of: dict[frozenset[str], Relation] = field(init=False, eq=False, repr=False)
    seat_slots: dict[str, tuple[int, ...]] = field(init=False, eq=False, repr=False)
    catastrophe_slots: tuple[tuple[int, Threshold], ...] = field(init=False, eq=False, repr=False)
    # Answers worked out on first use and kept (track references, bots' compiled
    # values): the scenario never changes, so neither do they.
    memo: Memo = field(init=False, eq=False, repr=False)
    outcome_by_id: dict[str, Outcome] = field(init=False, eq=False, repr=False)
    operation_by_id: dict[str, Operation] = field(init=False, eq=False, repr=False)
    relation_by_id: dict[str, Relation] = field(init=False, eq=False, repr=False)
    flag_by_id: dict[str, Flag] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        put = object.__setattr__
        put(self, "memo", Memo())
        put(self, "outcome_by_id", {o.id: o for o in self.outcomes})
        put(self, "operation_by_id", {o.id: o for o in self.operations})
        put(self, "relation_by_id", {r.id: r for r in self.relations})
        put(self, "flag_by_id", {f.id: f for f in self.flags})
        put(self, "seat_ids", tuple(s.id for s in self.seats))
        put(self, "seat_index", {s.id: i for i, s in enumerate(self.seats)})
        slots: dict[tuple[str, str | None], int] = {}
        labels: list[str] = []
        owners: list[Track] = []
        owners_of: dict[str, list[str | None]] = {
            "global": [None],
            "seat": [s.id for s in self.seats],
            "relation": [r.id for r in self.relations],
        }
        for t in self.tracks:
            for owner in owners_of[t.scope]:
                slots[(t.id, owner)] = len(labels)
                labels.append(t.id if owner is None else f"{owner}.{t.id}")
                owners.append(t)
        put(self, "slots", slots)
        put(self, "slot_labels", tuple(labels))
        put(self, "slot_track", tuple(owners))
        put(self, "cards", {c.id: c for d in self.decks for c in d.cards})
        put(self, "deck_index", {d.id: i for i, d in enumerate(self.decks)})
        put(self, "track_by_id", {t.id: t for t in self.tracks})
        put(self, "relation_of", {frozenset(r.seats): r for r in self.relations})
        put(
            self,
            "seat_slots",
            {s.id: tuple(i for (_, o), i in slots.items() if o == s.id) for s in self.seats},
        )
        put(
            self,
            "catastrophe_slots",
            tuple((i, t.catastrophe) for i, t in enumerate(owners) if t.catastrophe is not None),
        )

    def seat(self, seat_id: str) -> Seat:
        return self.seats[self.seat_index[seat_id]]

    def deck(self, deck_id: str) -> Deck:
        return self.decks[self.deck_index[deck_id]]

    def deck_of(self, seat_id: str) -> Deck | None:
        """The action deck a seat draws from."""
        deck_id = self.seat(seat_id).deck or seat_id
        i = self.deck_index.get(deck_id)
        return None if i is None else self.decks[i]

    def outcome(self, outcome_id: str) -> Outcome:
        return self.outcome_by_id[outcome_id]

    def operation(self, op_id: str) -> Operation | None:
        return self.operation_by_id.get(op_id)

    def round_name(self, number: int) -> str:
        if 0 < number <= len(self.round_names):
            return self.round_names[number - 1]
        return f"Round {number}"

    def slot_name(self, slot: int) -> str:
        """A track value's name in plain words: "Tension", "South Korea support"."""
        track = self.slot_track[slot]
        owner = self.slot_labels[slot].rpartition(".")[0]
        if not owner:
            return track.name
        if owner in self.seat_index:
            return f"{self.seat(owner).name} {track.name.lower()}"
        return f"{self.relation_by_id[owner].name} {track.name.lower()}"


# ---------------------------------------------------------------------------------- state


@frozen
class Ctx:
    """On whose behalf an effect resolves: `self` is `seat`, `target` is `target`.
    `because` and `rule` say why, for the log: the conditions of the `if`s it resolves
    under, and the named rule (an ongoing effect, a threshold) whose effects these are."""

    seat: str | None = None
    card: str | None = None
    target: str | None = None
    because: tuple[Condition, ...] = ()
    rule: str | None = None


@frozen
class Job:
    """Effects still to resolve, in order, for one context."""

    effects: tuple[Effect, ...]
    ctx: Ctx


@frozen
class Running:
    """An ongoing effect in force: resolves at each upkeep until `rounds_left` is 0."""

    name: str
    rounds_left: int
    effects: tuple[Effect, ...]
    ctx: Ctx
    text: str = ""


# Decisions: the game waits for `seat` to answer one of these.


@frozen
class Turn:
    """The seat's turn in an action phase: play a card (event or operations) or pass."""

    seat: str


@frozen
class Headline:
    """The seat commits a sealed card (or a pass); nobody sees it until all have."""

    seat: str


@frozen
class Choice:
    """A card asks the seat to pick one of its options."""

    seat: str
    prompt: str
    options: tuple[Option, ...]
    ctx: Ctx


@frozen
class PickDiscard:
    """The seat must discard `count` cards of its choosing."""

    seat: str
    count: int
    ctx: Ctx


Decision = Turn | Headline | Choice | PickDiscard
#: What a seat's screen is asked to show: one of the decisions, or "wait" while another
#: seat decides.
DecisionKind = Literal["wait", "turn", "headline", "choice", "discard"]

# Actions: what a seat does. `why` is the optional rationale kept in the record. Fields
# are checked when an action is built (TypeError, ValueError), so that a wrong one never
# reaches the rules or a record: `True` is no option, `None` no reason.

#: The longest reason kept with an action: a paragraph, not a file.
MAX_WHY = 1000


def _text(_: object, a: Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{a.name} must be text, not {value!r}")


def _maybe_text(_: object, a: Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{a.name} must be text or nothing, not {value!r}")


def _whole(_: object, a: Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{a.name} must be a whole number, not {value!r}")


def _check_why(_: object, a: Attribute[str], value: object) -> None:
    _text(_, a, value)
    if len(value) > MAX_WHY:  # type: ignore[arg-type]
        raise ValueError(f"a reason is at most {MAX_WHY} characters (this one has {len(value):,})")  # type: ignore[arg-type]


def _why() -> str:
    """The `why` field of an action: text, at most MAX_WHY characters."""
    return field(default="", validator=_check_why)


@frozen
class PlayCard:
    """Play a card from hand for its event or for its operations value (`op` names
    the operation bought); `target` is the seat a targeted card is aimed at."""

    seat: str = field(validator=_text)
    card: str = field(validator=_text)
    mode: Literal["event", "ops"] = field(default="event", validator=_text)  # the rules refuse others
    target: str | None = field(default=None, validator=_maybe_text)
    op: str | None = field(default=None, validator=_maybe_text)
    why: str = _why()


@frozen
class Pass:
    """Do nothing this turn (always allowed on a turn or a headline)."""

    seat: str = field(validator=_text)
    why: str = _why()


@frozen
class PickOption:
    """Answer a `Choice` with the index of one of its options."""

    seat: str = field(validator=_text)
    option: int = field(validator=_whole)
    why: str = _why()


@frozen
class DiscardCard:
    """Answer a `PickDiscard` with one card from hand."""

    seat: str = field(validator=_text)
    card: str = field(validator=_text)
    why: str = _why()


Action = PlayCard | Pass | PickOption | DiscardCard

# Interventions: what the facilitator (the "white cell") does to steer a game. They are
# steps of the game like a seat's actions, kept in the same history, so a record replays
# them exactly. Each carries its `reason` and the time it was made (`at`, written by the
# shell that took it: the engine never reads a clock). They belong to no seat.


@frozen
class WhiteCell:
    """What every intervention carries: why (kept for the debrief) and when."""

    reason: str = field(default="", kw_only=True)
    at: str = field(default="", kw_only=True)
    seat: ClassVar[None] = None


@frozen
class Inject(WhiteCell):
    """Bring a card into play: at once (its effects resolve now, on behalf of its side or
    its deck's owner, who pays nothing), or with `top`, on top of its crisis deck, to be
    the next crisis drawn. The card is taken from wherever it lies, except a hand."""

    card: str
    top: bool = False
    target: str | None = None


@frozen
class Adjust(WhiteCell):
    """Set a track value (`track` is its label: "tension", "rok.support") within its
    bounds. A correction, not an event: it crosses no thresholds."""

    track: str
    value: int


@frozen
class Toggle(WhiteCell):
    """Put a flag in force (`on`) or lift it. Like `Adjust`, it sets off nothing."""

    flag: str
    on: bool


@frozen
class Pause(WhiteCell):
    """Pause the game (`paused`) or resume it: while paused no seat may act."""

    paused: bool


@frozen
class RoundLimit(WhiteCell):
    """Change the number of rounds the game lasts (not below the round in play)."""

    rounds: int


@frozen
class Adjudicate(WhiteCell):
    """End the game at once with one of the scenario's outcomes, as the facilitator rules."""

    outcome: str


Intervention = Inject | Adjust | Toggle | Pause | RoundLimit | Adjudicate
INTERVENTIONS = (Inject, Adjust, Toggle, Pause, RoundLimit, Adjudicate)
#: A step of a game: a seat's action or the facilitator's intervention.
Move = Action | Intervention


@frozen
class Ending:
    """How and why the game ended; for a catastrophe, who and what pushed it there;
    `adjudicated` when the facilitator ruled the end."""

    outcome: str
    round: int
    seat: str | None = None
    card: str | None = None
    track: str | None = None
    adjudicated: bool = False


@frozen(weakref_slot=False)  # nothing refers to a state weakly; see `makers._twin`
class GameState:
    """One moment of a game. Build the first with `rules.new_game`, the rest with
    `rules.step`; read it for a seat through `view.view`."""

    scenario: Scenario = field(eq=False, repr=False)
    digest: str
    seed: int
    rng: int
    round: int
    phase: int
    cursor: int
    tracks: tuple[int, ...]
    flags: frozenset[str]
    draw: tuple[tuple[str, ...], ...]
    discard: tuple[tuple[str, ...], ...]
    hands: tuple[tuple[str, ...], ...]
    reserve: tuple[str, ...]
    removed: tuple[str, ...]
    skips: tuple[int, ...]
    ongoing: tuple[Running, ...]
    agenda: tuple[Job, ...]
    pending: Decision | None
    sealed: tuple[Action, ...]
    crisis: str | None
    round_limit: int
    history: tuple[Move, ...]
    log: tuple[LogEntry, ...]
    timeline: tuple[tuple[int, ...], ...]
    ending: Ending | None
    fired: frozenset[tuple[int, int]] = frozenset()
    paused: bool = False
    # The legal actions, worked out once on first request (see rules.legal_actions).
    legal_cache: tuple[Action, ...] | None = field(default=None, init=False, eq=False, repr=False)

    @property
    def over(self) -> bool:
        return self.ending is not None

    @property
    def to_act(self) -> str | None:
        """The seat the game is waiting for, or None when it is over."""
        return None if self.pending is None else self.pending.seat

    def value(self, track: str, owner: str | None = None) -> int:
        """A track's value: `state.value("tension")`, `state.value("support", "rok")`."""
        return self.tracks[self.scenario.slots[(track, owner)]]

    def hand(self, seat: str) -> tuple[str, ...]:
        return self.hands[self.scenario.seat_index[seat]]
