"""Resolving effects: how each form of the vocabulary changes a game.

`rules.step` copies the frozen state into a `Draft`, resolves the agenda on it and
freezes the result, so callers only ever see whole, immutable states. Effects resolve
one at a time from the front of the agenda; an effect that needs a seat's decision
(`choose`, a chosen `discard`) sets `pending` and resolution waits for the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from . import rng
from .conditions import all_hold, compiled_holds, fixed_slots, holds, seats_for, slots_for
from .entries import (
    ENTRY_MAKERS,
    Capped,
    CardAdded,
    CardRemoved,
    Discarded,
    Drew,
    FlagChanged,
    GameEnded,
    LogEntry,
    NoChoice,
    OngoingBegan,
    Reshuffled,
    Rolled,
    Said,
    SkipNext,
    ThresholdCrossed,
    TrackMoved,
    fast,
)
from .makers import maker
from .model import (
    Action,
    Card,
    Choice,
    Ctx,
    Decision,
    Ending,
    GameState,
    Job,
    Move,
    PickDiscard,
    Running,
    Scenario,
)
from .vocab import (
    AddCard,
    Choose,
    ClearFlag,
    Discard,
    Draw,
    Effect,
    EndGame,
    If,
    Not,
    Ongoing,
    RemoveCard,
    Roll,
    Say,
    SetFlag,
    SetTrack,
    Shift,
    Skip,
)

P = ParamSpec("P")


def ctx_for(
    scenario: Scenario,
    seat: str | None,
    card: str | None = None,
    target: str | None = None,
    rule: str | None = None,
) -> Ctx:
    """The context with these fields, made once per scenario: every play makes one or
    two, a bot's look-ahead plays hundreds of thousands of times, and a `Ctx` is frozen,
    so one may stand for all equal ones (the seats, cards and rules are the scenario's)."""
    key = (Ctx, seat, card, target, rule)
    found: Ctx | None = scenario.memo.get(key)
    if found is None:
        found = scenario.memo[key] = Ctx(seat, card, target, (), rule)
    return found


def seat_decks(scenario: Scenario) -> tuple[str | None, ...]:
    """The deck each seat draws from (in seat order), looked up once: every round's
    refill deals to every seat."""
    found: tuple[str | None, ...] | None = scenario.memo.get(seat_decks)
    if found is None:
        decks = (scenario.deck_of(seat) for seat in scenario.seat_ids)
        found = scenario.memo[seat_decks] = tuple(None if d is None else d.id for d in decks)
    return found


#: `GameState(...)` for `Draft.freeze`, which makes one at every real step.
_frozen_state = maker(GameState)
_track_moved = fast(TrackMoved)
_drew = fast(Drew)


class Draft:
    """A mutable working copy of a `GameState`, used only inside one `step`: the same
    fields (tests/test_rules.py holds them equal), copied in and out one by one, since a
    step copies the state twice and this is hot. The track values, the hands and the
    piles, which change most, are lists here, changed in place; `freeze` makes them
    tuples again.

    New log entries collect in `entries` and join the log once, at `freeze`. A `quiet`
    draft keeps no log at all: a bot's look-ahead reads only where the game stands."""

    __slots__ = (
        "agenda",
        "crisis",
        "cursor",
        "digest",
        "discard",
        "draw",
        "ending",
        "entries",
        "fired",
        "flags",
        "hands",
        "history",
        "log",
        "ongoing",
        "paused",
        "pending",
        "phase",
        "quiet",
        "removed",
        "reserve",
        "rng",
        "round",
        "round_limit",
        "scenario",
        "sealed",
        "seed",
        "skips",
        "timeline",
        "tracks",
    )

    scenario: Scenario
    digest: str
    seed: int
    rng: int
    round: int
    phase: int
    cursor: int
    tracks: list[int]
    flags: frozenset[str]
    draw: list[tuple[str, ...]]
    discard: list[tuple[str, ...]]
    hands: list[tuple[str, ...]]
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
    fired: frozenset[tuple[int, int]]
    paused: bool
    entries: list[LogEntry]
    quiet: bool

    def __init__(self, state: GameState, quiet: bool = False) -> None:
        self.scenario = state.scenario
        self.digest = state.digest
        self.seed = state.seed
        self.rng = state.rng
        self.round = state.round
        self.phase = state.phase
        self.cursor = state.cursor
        self.tracks = list(state.tracks)
        self.flags = state.flags
        self.draw = list(state.draw)
        self.discard = list(state.discard)
        self.hands = list(state.hands)
        self.reserve = state.reserve
        self.removed = state.removed
        self.skips = state.skips
        self.ongoing = state.ongoing
        self.agenda = state.agenda
        self.pending = state.pending
        self.sealed = state.sealed
        self.crisis = state.crisis
        self.round_limit = state.round_limit
        self.history = state.history
        self.log = state.log
        self.timeline = state.timeline
        self.ending = state.ending
        self.fired = state.fired
        self.paused = state.paused
        self.entries = []
        self.quiet = quiet

    def freeze(self) -> GameState:
        if self.entries:
            self.log = self.log + tuple(self.entries)  # one copy (`(*a, *b)` is 4x slower)
            self.entries = []
        return _frozen_state(
            self.scenario,
            self.digest,
            self.seed,
            self.rng,
            self.round,
            self.phase,
            self.cursor,
            tuple(self.tracks),
            self.flags,
            tuple(self.draw),
            tuple(self.discard),
            tuple(self.hands),
            self.reserve,
            self.removed,
            self.skips,
            self.ongoing,
            self.agenda,
            self.pending,
            self.sealed,
            self.crisis,
            self.round_limit,
            self.history,
            self.log,
            self.timeline,
            self.ending,
            self.fired,
            self.paused,
        )

    # -- small helpers shared by the effects and the round flow

    def note(self, kind: Callable[P, LogEntry], /, *args: P.args, **fields: P.kwargs) -> None:
        """Log an entry of `kind` made of `fields`; a quiet draft does not even build it."""
        if not self.quiet:
            self.entries.append(ENTRY_MAKERS[kind](*args, **fields))

    def note_for(self, kind: Callable[..., LogEntry], ctx: Ctx, /, **fields: Any) -> None:
        """Log an entry made on `ctx`'s behalf: its seat and card (unless `fields` name
        others) and why it happened (`entries.Entry`: the conditions, the rule)."""
        if not self.quiet:
            fields.setdefault("seat", ctx.seat)
            fields.setdefault("card", ctx.card)
            self.entries.append(
                ENTRY_MAKERS[kind](round=self.round, because=ctx.because, rule=ctx.rule, **fields)
            )

    def note_move(self, ctx: Ctx, track: str, old: int, new: int) -> None:
        """`note_for(TrackMoved, ctx, ...)`, without its dict of keywords: half the
        entries of a game are track moves."""
        if not self.quiet:
            self.entries.append(
                _track_moved(
                    round=self.round,
                    seat=ctx.seat,
                    card=ctx.card,
                    because=ctx.because,
                    rule=ctx.rule,
                    track=track,
                    old=old,
                    new=new,
                )
            )

    def push(self, effects: tuple[Effect, ...], ctx: Ctx) -> None:
        """Put effects at the front of the agenda: they resolve next."""
        if effects:
            self.agenda = (Job(effects, ctx), *self.agenda)

    def queue(self, effects: tuple[Effect, ...], ctx: Ctx) -> None:
        """Put effects at the back of the agenda: they resolve after what is queued."""
        if effects:
            self.agenda = (*self.agenda, Job(effects, ctx))

    def end(self, outcome: str, ctx: Ctx, track: str | None = None) -> None:
        self.ending = Ending(outcome, self.round, ctx.seat, ctx.card, track)
        self.pending = None
        self.agenda = ()
        self.note(GameEnded, round=self.round, seat=ctx.seat, card=ctx.card, outcome=outcome, track=track)

    def hand_of(self, seat: str) -> tuple[str, ...]:
        return self.hands[self.scenario.seat_index[seat]]

    hand = hand_of  # as GameState names it, so rules read either

    def set_hand(self, seat: str, cards: tuple[str, ...]) -> None:
        self.hands[self.scenario.seat_index[seat]] = cards

    def take_from_hand(self, seat: str, card_id: str) -> None:
        """Take a card (in the hand) out of a seat's hand."""
        i = self.scenario.seat_index[seat]
        hand = self.hands[i]
        k = hand.index(card_id)
        self.hands[i] = hand[:k] + hand[k + 1 :]

    def to_discard(self, card: Card) -> None:
        """A played or discarded card goes to its deck's discard pile (or out of the
        game, for a card marked `once`)."""
        if card.once:
            self.removed = (*self.removed, card.id)
            return
        i = self.scenario.deck_index[card.deck]
        self.discard[i] = (*self.discard[i], card.id)

    def draw_from(self, deck_id: str, count: int) -> tuple[str, ...]:
        """Take up to `count` cards off a deck, shuffling its discards in when it runs out."""
        i = self.scenario.deck_index[deck_id]
        pile = self.draw[i]
        taken, pile = pile[:count], pile[count:]
        while len(taken) < count and self.discard[i]:  # the pile ran out
            pile, self.rng = rng.shuffled(self.rng, self.discard[i])
            self.discard[i] = ()
            if not self.quiet:
                self.note(Reshuffled, round=self.round, deck=deck_id)
            more = count - len(taken)
            taken, pile = taken + pile[:more], pile[more:]
        self.draw[i] = pile
        return taken

    def deal(self, seat: str, count: int) -> None:
        if count <= 0:
            return
        i = self.scenario.seat_index[seat]
        deck = seat_decks(self.scenario)[i]
        if deck is None:
            return
        cards = self.draw_from(deck, count)
        if cards:
            self.hands[i] = self.hands[i] + cards
            if not self.quiet:
                self.entries.append(_drew(round=self.round, seat=seat, count=len(cards), cards=cards))

    def threshold_ctx(self, owner: str, ctx: Ctx, rule: str) -> Ctx:
        """Whom a threshold's effects (its `rule`) are about: on a seat's track, `self`
        is that seat; on a relation's track, `self` and `target` are its two seats, so a
        bare `relation` (or `relation: target`) names the relation that crossed; on a
        global track, `self` is the seat that pushed it."""
        sc = self.scenario
        seat, target = ctx.seat, ctx.target
        if owner in sc.seat_index:
            seat = owner
        elif (relation := sc.relation_by_id.get(owner)) is not None:
            seat, target = relation.seats
        return ctx_for(sc, seat, ctx.card, target, rule)

    def move_track(self, slot: int, value: int, ctx: Ctx) -> None:
        """Set one track value, clamped to its bounds and cap; fire crossed thresholds."""
        track = self.scenario.slot_track[slot]
        old = self.tracks[slot]
        top = track.max
        cap = track.cap
        if cap is not None and not holds(cap.unless, self, ctx):
            top = min(top, max(cap.at, old))
        new = top if value > top else value
        if new < track.min:
            new = track.min
        capped = value > new and top < track.max  # said after the move it stopped short
        if new == old:
            if capped:
                self.note_for(Capped, ctx, track=self.scenario.slot_labels[slot], at=top)
            return
        self.tracks[slot] = new
        label = self.scenario.slot_labels[slot]
        if not self.quiet:  # the commonest entry: not even a call in a look-ahead
            self.note_move(ctx, label, old, new)
        if capped:
            self.note_for(Capped, ctx, track=label, at=top)
        if not track.thresholds:
            return
        for n, th in enumerate(track.thresholds):
            crossed = old < th.at <= new if th.when == "rises" else old > th.at >= new
            if not crossed or (slot, n) in self.fired:
                continue
            self.fired = self.fired | {(slot, n)}
            if not self.quiet:
                self.note(
                    ThresholdCrossed,
                    round=self.round,
                    seat=ctx.seat,
                    card=ctx.card,
                    track=label,
                    at=th.at,
                    name=th.name,
                )
            if th.end:
                self.end(th.end, ctx, label)
                return
            self.push(th.effects, self.threshold_ctx(label.rpartition(".")[0], ctx, th.name))


# ---------------------------------------------------------------------------- the effects

#: A compiled effect: resolves it on a draft for a context.
Run = Callable[[Draft, Ctx], None]

#: How each kind of effect is resolved (tests/test_vocab.py checks that none is
#: missing): a function of the effect and its scenario that makes its `Run`. It is made
#: once per effect (see `runs`), with the effect's fields bound and what it can look up
#: ahead looked up, since bots resolve the same effects hundreds of thousands of times.
APPLY: dict[type, Callable[[Any, Scenario], Run]] = {}
H = TypeVar("H", bound=Callable[[Any, Scenario], Run])


def applies(kind: type) -> Callable[[H], H]:
    """Register a function as the one that makes the `Run` of effects of `kind`."""

    def register(compiler: H) -> H:
        APPLY[kind] = compiler
        return compiler

    return register


class Runs(dict[int, Run]):
    """Each effect's `Run`, by the effect's id. The effects are kept here too, so no id
    can be reused by another object while its entry stands; all are the scenario's own
    (or made once from them, see `_one_seat`), so this grows only to their number."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: list[Effect] = []

    def make(self, e: Effect, scenario: Scenario) -> Run:
        run = self[id(e)] = APPLY[type(e)](e, scenario)
        self.kept.append(e)
        return run


def runs(scenario: Scenario) -> Runs:
    """The scenario's compiled effects, made as they are first resolved."""
    found: Runs | None = scenario.memo.get(Runs)
    if found is None:
        found = scenario.memo[Runs] = Runs()
    return found


def _one_seat(e: Discard | Choose, seat: str, scenario: Scenario) -> Effect:
    """`e` for one of the seats it names, made once (so its `Run` is made once too)."""
    key = (_one_seat, id(e), seat)  # `e` is the scenario's own, alive as long as it
    found: Effect | None = scenario.memo.get(key)
    if found is None:
        if isinstance(e, Discard):
            found = Discard(seat, e.count, e.random)
        else:
            found = Choose(seat, e.prompt, e.options)
        scenario.memo[key] = found
    return found


@applies(Shift)
def _shift(e: Shift, sc: Scenario) -> Run:
    track, by, seat, relation = e.track, e.by, e.seat, e.relation
    fixed = fixed_slots(track, seat, relation, sc)
    bounds = sc.track_by_id[track]
    lo, hi, cap = bounds.min, bounds.max, bounds.cap
    lifted = None if cap is None else compiled_holds(cap.unless, sc)
    ceiling = hi if cap is None else cap.at
    labels = sc.slot_labels
    # A move is the clamp and its log entry, done here without a call per slot (a game
    # moves tracks some 300 times, its look-ahead thousands), unless the cap stops it
    # short or it crosses a threshold: those it can cross, moving this way, are
    # `marks`. Then `move_track` does it, saying so and firing the threshold.
    # tests/test_effects.py holds this to `move_track`.
    rising = by > 0
    marks = tuple(th.at for th in bounds.thresholds if (th.when == "rises") == rising)

    def run(d: Draft, ctx: Ctx) -> None:
        slots = slots_for(track, seat, relation, ctx, d.scenario) if fixed is None else fixed
        tracks = d.tracks
        for slot in slots:
            old = tracks[slot]
            value = old + by
            top = hi
            if lifted is not None and not lifted(d, ctx):
                top = min(hi, max(ceiling, old))
            new = top if value > top else lo if value < lo else value
            if value > new and top < hi:  # capped: `move_track` says so
                d.move_track(slot, value, ctx)
                continue
            for at in marks:
                if (old < at <= new) if rising else (new <= at < old):
                    d.move_track(slot, value, ctx)
                    break
            else:
                if new != old:
                    tracks[slot] = new
                    if not d.quiet:
                        d.note_move(ctx, labels[slot], old, new)

    return run


@applies(SetTrack)
def _set(e: SetTrack, sc: Scenario) -> Run:
    track, to, seat, relation = e.track, e.to, e.seat, e.relation
    fixed = fixed_slots(track, seat, relation, sc)

    def run(d: Draft, ctx: Ctx) -> None:
        for slot in slots_for(track, seat, relation, ctx, d.scenario) if fixed is None else fixed:
            d.move_track(slot, to, ctx)

    return run


@applies(SetFlag)
def _set_flag(e: SetFlag, sc: Scenario) -> Run:
    flag = e.flag

    def run(d: Draft, ctx: Ctx) -> None:
        if flag not in d.flags:
            d.flags = d.flags | {flag}
            d.note_for(FlagChanged, ctx, flag=flag, raised=True)

    return run


@applies(ClearFlag)
def _clear_flag(e: ClearFlag, sc: Scenario) -> Run:
    flag = e.flag

    def run(d: Draft, ctx: Ctx) -> None:
        if flag in d.flags:
            d.flags = d.flags - {flag}
            d.note_for(FlagChanged, ctx, flag=flag, raised=False)

    return run


@applies(Draw)
def _draw(e: Draw, sc: Scenario) -> Run:
    def run(d: Draft, ctx: Ctx) -> None:
        for seat in seats_for(e.seat, ctx, d.scenario):
            d.deal(seat, e.count)

    return run


@applies(Discard)
def _discard(e: Discard, sc: Scenario) -> Run:
    def run(d: Draft, ctx: Ctx) -> None:
        seats = seats_for(e.seat, ctx, d.scenario)
        if len(seats) > 1:  # one seat at a time, so each can be asked in turn
            d.agenda = (*(Job((_one_seat(e, s, d.scenario),), ctx) for s in seats), *d.agenda)
            return
        for seat in seats:
            hand = d.hand_of(seat)
            count = min(e.count, len(hand))
            if count == 0:
                continue
            if not e.random:
                d.pending = PickDiscard(seat, count, ctx)
                return
            for _ in range(count):
                hand = d.hand_of(seat)
                k, d.rng = rng.below(d.rng, len(hand))
                discard_card(d, seat, hand[k], ctx)

    return run


def discard_card(d: Draft, seat: str, card_id: str, ctx: Ctx) -> None:
    d.take_from_hand(seat, card_id)
    d.to_discard(d.scenario.cards[card_id])
    d.note_for(Discarded, ctx, seat=seat, card=card_id, cause=ctx.card)


def parse_dice(dice: str) -> tuple[int, int]:
    """`"2d6"` -> (2, 6). The loader has already checked the form."""
    count, _, sides = dice.lower().partition("d")
    return int(count or 1), int(sides)


@applies(Roll)
def _roll(e: Roll, sc: Scenario) -> Run:
    count, sides = parse_dice(e.dice)
    lo, hi = e.table[0].lo, e.table[-1].hi
    rows = [(r, Script(r.effects, sc)) for r in e.table]

    def run(d: Draft, ctx: Ctx) -> None:
        total, d.rng = rng.roll(d.rng, count, sides)
        mod = 0
        mods: list[tuple[str, int]] = []
        for sign, refs in ((1, e.plus), (-1, e.minus)):
            for ref in refs:
                for s in slots_for(ref.track, ref.seat, ref.relation, ctx, d.scenario):
                    mod += sign * d.tracks[s]
                    if not d.quiet:
                        mods.append((d.scenario.slot_labels[s], sign * d.tracks[s]))
        result = max(lo, min(hi, total + mod))
        row, script = next((r, s) for r, s in rows if r.lo <= result <= r.hi)
        d.note_for(Rolled, ctx, dice=e.dice, total=total, result=result, text=row.text, mods=tuple(mods))
        run_now(d, script, ctx)

    return run


@applies(If)
def _if(e: If, sc: Scenario) -> Run:
    test = compiled_holds(e.cond, sc)
    cond, then, else_ = e.cond, Script(e.then, sc), Script(e.else_, sc)
    otherwise = Not(cond)

    def run(d: Draft, ctx: Ctx) -> None:
        held = test(d, ctx)
        branch = then if held else else_
        if not branch.effects:
            return
        if not d.quiet:  # the log says why: the condition that held, or did not
            ctx = Ctx(ctx.seat, ctx.card, ctx.target, (*ctx.because, cond if held else otherwise), ctx.rule)
        run_now(d, branch, ctx)

    return run


@applies(Choose)
def _choose(e: Choose, sc: Scenario) -> Run:
    def run(d: Draft, ctx: Ctx) -> None:
        seats = seats_for(e.seat, ctx, d.scenario)
        if len(seats) > 1:
            d.agenda = (*(Job((_one_seat(e, s, d.scenario),), ctx) for s in seats), *d.agenda)
            return
        for seat in seats:
            asked = ctx_for(d.scenario, seat, ctx.card, ctx.target)
            if any(all_hold(o.requires, d, asked) for o in e.options):
                d.pending = Choice(seat, e.prompt, e.options, asked)
            else:
                d.note_for(NoChoice, ctx, seat=seat, prompt=e.prompt)

    return run


@applies(AddCard)
def _add_card(e: AddCard, sc: Scenario) -> Run:
    def run(d: Draft, ctx: Ctx) -> None:
        if e.card not in d.reserve and e.card not in d.removed:
            return  # already in play
        d.reserve = tuple(c for c in d.reserve if c != e.card)
        d.removed = tuple(c for c in d.removed if c != e.card)
        card = d.scenario.cards[e.card]
        i = d.scenario.deck_index[card.deck]
        owner = d.scenario.decks[i].owner
        if e.into == "hand" and owner is not None:
            d.set_hand(owner, (*d.hand_of(owner), e.card))
        elif e.into == "top":
            d.draw[i] = (e.card, *d.draw[i])
        else:
            k, d.rng = rng.below(d.rng, len(d.draw[i]) + 1)
            pile = d.draw[i]
            d.draw[i] = (*pile[:k], e.card, *pile[k:])
        d.note_for(CardAdded, ctx, seat=owner, card=e.card, into=e.into, cause=ctx.card)

    return run


@applies(RemoveCard)
def _remove_card(e: RemoveCard, sc: Scenario) -> Run:
    def run(d: Draft, ctx: Ctx) -> None:
        card_id = ctx.card if e.card == "self" else e.card
        if card_id is None or card_id in d.removed:
            return

        def without(piles: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
            return [tuple(c for c in p if c != card_id) for p in piles]

        d.draw, d.discard, d.hands = without(d.draw), without(d.discard), without(d.hands)
        d.reserve = tuple(c for c in d.reserve if c != card_id)
        d.removed = (*d.removed, card_id)
        d.note_for(CardRemoved, ctx, card=card_id)

    return run


@applies(Skip)
def _skip(e: Skip, sc: Scenario) -> Run:
    def run(d: Draft, ctx: Ctx) -> None:
        for seat in seats_for(e.seat, ctx, d.scenario):
            i = d.scenario.seat_index[seat]
            d.skips = (*d.skips[:i], d.skips[i] + e.count, *d.skips[i + 1 :])
            d.note_for(SkipNext, ctx, seat=seat, count=e.count)

    return run


@applies(Ongoing)
def _ongoing(e: Ongoing, sc: Scenario) -> Run:
    def run(d: Draft, ctx: Ctx) -> None:
        d.ongoing = (*d.ongoing, Running(e.name, e.rounds, e.effects, ctx, e.text))
        d.note_for(OngoingBegan, ctx, name=e.name, rounds=e.rounds)

    return run


@applies(EndGame)
def _end_game(e: EndGame, sc: Scenario) -> Run:
    def run(d: Draft, ctx: Ctx) -> None:
        d.end(e.outcome, ctx)

    return run


@applies(Say)
def _say(e: Say, sc: Scenario) -> Run:
    def run(d: Draft, ctx: Ctx) -> None:
        d.note_for(Said, ctx, text=e.text)

    return run


class Script:
    """Effects that resolve at once (`run_now`: a play's, an `if`'s branch, a roll's
    row) with their `Run`s, compiled together when what holds them is: a look-ahead
    then resolves them without finding each `Run` by its effect's id."""

    __slots__ = ("effects", "last", "lead")

    def __init__(self, effects: tuple[Effect, ...], scenario: Scenario) -> None:
        table = runs(scenario)
        steps = tuple(table.get(id(e)) or table.make(e, scenario) for e in effects)
        self.effects = effects
        #: All but the last `Run`, and the last: after it, nothing of the script is left.
        self.lead, self.last = steps[:-1], steps[-1] if steps else None


def run_now(d: Draft, script: Script, ctx: Ctx) -> None:
    """Resolve a script's effects at once, as if put at the front of the agenda and
    resolved next: the same order, without a job for them. Should one of them put work
    in front (a threshold crossed) or wait for a seat, what is left of them goes on the
    agenda behind that work, where `resolve` finds it. On a draft already waiting for a
    seat, or ended, they only join the agenda."""
    effects = script.effects
    if d.pending is not None or d.ending is not None:
        d.push(effects, ctx)
        return
    base = d.agenda
    for k, run in enumerate(script.lead):
        run(d, ctx)
        if d.agenda is base and d.pending is None and d.ending is None:
            continue
        if d.ending is None:  # an ending clears the agenda
            added = len(d.agenda) - len(base)
            d.agenda = (*d.agenda[:added], Job(effects[k + 1 :], ctx), *base)
        return
    if script.last is not None:
        script.last(d, ctx)  # whatever it sets off, none of the script waits behind it


def resolve(d: Draft) -> None:
    """Resolve the agenda until it is empty, a seat must decide, or the game ends.

    Effects only ever add work at the front of the agenda, so it is a stack: the job
    under way and what its effects put in front of it wait on a local stack of (effects,
    next index, context), and the agenda is rebuilt only if a seat must decide before
    they are done. An `if` that takes a branch thus costs no copy of the job's rest."""
    table = runs(d.scenario)
    sc = d.scenario
    while d.agenda and d.pending is None and d.ending is None:
        job = d.agenda[0]
        rest = d.agenda = d.agenda[1:]
        effects, i, ctx = job.effects, 0, job.ctx
        stack: list[tuple[tuple[Effect, ...], int, Ctx]] = []
        while True:
            n = len(effects)
            while i < n:
                effect = effects[i]
                i += 1
                (table.get(id(effect)) or table.make(effect, sc))(d, ctx)
                if d.agenda is rest and d.pending is None and d.ending is None:
                    continue
                if d.ending is not None:  # an ending clears the agenda, the stack too
                    return
                if i < n:
                    stack.append((effects, i, ctx))
                added = d.agenda[: len(d.agenda) - len(rest)]
                stack.extend((job.effects, 0, job.ctx) for job in reversed(added))
                d.agenda = rest
                if d.pending is not None:
                    d.agenda = (*(Job(e[k:], c) for e, k, c in reversed(stack)), *rest)
                    return
                break
            if not stack:
                break
            effects, i, ctx = stack.pop()
