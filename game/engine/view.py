"""What one seat may see: the only way a screen reads a game.

`view(state, seat)` copies out the public facts of the game and that seat's private
ones (its hand, its secret objective, the cards it drew). Other seats' hands, the order
of the decks and sealed orders not yet revealed never appear in it; `view(state, None)`
is the public view a facilitator's projector may show. Secret objectives are revealed
to everyone once the game is over, for the debrief.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from .conditions import all_hold, holds
from .entries import CardAdded, CardRemoved, Discarded, Drew, Fizzled, LogEntry, Played
from .model import (
    Action,
    Card,
    Choice,
    Ctx,
    DecisionKind,
    GameState,
    Headline,
    Objective,
    PickDiscard,
    PlayCard,
    Turn,
)
from .narrate import label_name, tell
from .rules import NOT_IN_HAND, legal_actions, score, unplayable, where_is


@frozen
class CardView:
    """A card as its holder sees it, with whether it can be played for its event now."""

    id: str
    name: str
    kind: str
    text: str
    source: str
    cost: Mapping[str, int]
    ops: int
    side: str | None
    why_not: str | None = None

    @property
    def playable(self) -> bool:
        return self.why_not is None


@frozen
class Mark:
    """A threshold on a meter; `end` names the outcome it ends the game with."""

    at: int
    name: str
    when: str
    end: str | None


@frozen
class TrackView:
    id: str
    label: str
    name: str
    value: int
    min: int
    max: int
    marks: tuple[Mark, ...]
    style: str
    cap: int | None


@frozen
class SeatPanel:
    """A seat as everyone sees it: its tracks, the size of its hand and the cards in it
    that everyone knows it holds (`known`: put there in the open by an effect)."""

    id: str
    name: str
    short: str
    tracks: tuple[TrackView, ...]
    hand_size: int
    skips: int
    objectives: tuple[Objective, ...]
    secret: tuple[Objective, ...]
    committed: bool
    known: tuple[str, ...] = ()


@frozen
class RelationPanel:
    id: str
    name: str
    tracks: tuple[TrackView, ...]


@frozen
class OptionView:
    """One option of a choice: `index` is what `PickOption` takes; `open`, whether its
    requirements hold now."""

    index: int
    label: str
    text: str
    open: bool


@frozen
class Prompt:
    """The decision the game waits for, as the viewer sees it: whose it is and what kind;
    a card's `question` and its options, or how many cards to discard. Its words are
    `narrate.describe_decision`'s."""

    seat: str
    kind: DecisionKind
    question: str = ""
    options: tuple[OptionView, ...] = ()
    count: int = 0


@frozen
class FlagView:
    """A flag in force."""

    id: str
    name: str
    text: str


@frozen
class OngoingView:
    """An ongoing effect in force, with the upkeeps it has left."""

    name: str
    rounds_left: int
    text: str


@frozen
class DeckSize:
    """How many cards a deck has left to draw, and in its discard pile."""

    deck: str
    draw: int
    discard: int


@frozen
class TrackPath:
    """A track and its values at the start, at each round's end, then now."""

    track: TrackView
    values: tuple[int, ...]


@frozen
class LogLine:
    """One line of the log in words (`narrate.tell`: one entry, or a run of track
    changes with one cause); `kind` (its first entry's word in `entries.KINDS`) and
    `seat` let a screen style it; `at` is the index of its first entry in the game's
    log, so a screen can find the lines written since a given point."""

    round: int
    kind: str
    seat: str | None
    text: str
    at: int


@frozen
class Result:
    """A seat's result at the end: objectives met and missed (with names), points, win."""

    seat: str
    name: str
    won: bool
    points: int
    met: tuple[Objective, ...]
    missed: tuple[Objective, ...]


@frozen
class Ending:
    """How the game ended, in words: the outcome and, for a catastrophe, who pushed it."""

    outcome: str
    name: str
    text: str
    catastrophe: bool
    round: int
    pushed_by: str | None
    card: str | None
    track: str | None
    adjudicated: bool = False


@frozen
class SeatView:
    viewer: str | None
    scenario: str
    round: int
    round_name: str
    round_limit: int
    phase: str
    tracks: tuple[TrackView, ...]
    seats: tuple[SeatPanel, ...]
    relations: tuple[RelationPanel, ...]
    flags: tuple[FlagView, ...]
    ongoing: tuple[OngoingView, ...]
    crisis: CardView | None
    hand: tuple[CardView, ...]
    prompt: Prompt | None
    legal: tuple[Action, ...]
    log: tuple[LogLine, ...]
    deck_sizes: tuple[DeckSize, ...]
    ending: Ending | None
    results: tuple[Result, ...]
    timeline: tuple[TrackPath, ...]
    paused: bool = False

    @property
    def over(self) -> bool:
        return self.ending is not None

    @property
    def where(self) -> str:
        """Where the game stands, for a status line: "Spring 2017 · round 3 of 8 · Crisis
        phase", or "… · game over" once it has ended (the phase has wrapped by then)."""
        stage = "game over" if self.over else f"{self.phase} phase"
        return f"{self.round_name} · round {self.round} of {self.round_limit} · {stage}"


def card_view(card: Card, why_not: str | None = None) -> CardView:
    """A card as players see it (the deck workshop previews cards with it too)."""
    return CardView(
        card.id, card.name, card.kind, card.text, card.credit, dict(card.cost), card.ops, card.side, why_not
    )


def _track(state: GameState, slot: int) -> TrackView:
    sc = state.scenario
    t = sc.slot_track[slot]
    marks = tuple(Mark(th.at, th.name, th.when, th.end) for th in t.thresholds)
    cap = t.cap.at if t.cap is not None and not holds(t.cap.unless, state, Ctx()) else None
    return TrackView(
        t.id, sc.slot_labels[slot], t.name, state.tracks[slot], t.min, t.max, marks, t.style, cap
    )


def _prompt(state: GameState, seat: str | None) -> Prompt | None:
    p = state.pending
    if p is None:
        return None
    if seat != p.seat:
        return Prompt(p.seat, "wait")
    match p:
        case Turn():
            return Prompt(p.seat, "turn")
        case Headline():
            return Prompt(p.seat, "headline")
        case Choice(_, question, options, ctx):
            opts = tuple(
                OptionView(i, o.label, o.text, all_hold(o.requires, state, ctx))
                for i, o in enumerate(options)
            )
            return Prompt(p.seat, "choice", question, opts)
        case PickDiscard(_, count):
            return Prompt(p.seat, "discard", count=count)
    return None


def view(state: GameState, seat: str | None) -> SeatView:
    """The game as `seat` may see it (None: the public view)."""
    sc = state.scenario
    over = state.over
    by_owner: dict[str | None, list[int]] = {}
    for (_, owner), slot in sc.slots.items():
        by_owner.setdefault(owner, []).append(slot)
    headline_seat = isinstance(state.pending, Headline)
    committed = {a.seat for a in state.sealed}
    known = known_in_hand(state)
    seats = tuple(
        SeatPanel(
            s.id,
            s.name,
            s.short or s.id.upper(),
            tuple(_track(state, slot) for slot in by_owner.get(s.id, [])),
            len(state.hands[i]),
            state.skips[i],
            s.objectives,
            s.secret if (over or s.id == seat) else (),
            headline_seat and s.id in committed,
            tuple(sc.cards[c].name for c in known.get(s.id, ())),
        )
        for i, s in enumerate(sc.seats)
    )
    relations = tuple(
        RelationPanel(r.id, r.name, tuple(_track(state, slot) for slot in by_owner.get(r.id, [])))
        for r in sc.relations
    )
    hand: tuple[CardView, ...] = ()
    if seat is not None and seat in sc.seat_index:
        headline = isinstance(state.pending, Headline) and state.pending.seat == seat
        hand = tuple(
            card_view(sc.cards[c], unplayable(state, seat, sc.cards[c], headline)) for c in state.hand(seat)
        )
    to_act = state.pending.seat if state.pending else None
    phase = sc.round[state.phase].name
    return SeatView(
        viewer=seat,
        scenario=sc.name,
        round=state.round,
        round_name=sc.round_name(state.round),
        round_limit=state.round_limit,
        phase=phase,
        tracks=tuple(_track(state, slot) for slot in by_owner.get(None, [])),
        seats=seats,
        relations=relations,
        flags=tuple(FlagView(f.id, f.name, f.text) for f in sc.flags if f.id in state.flags),
        ongoing=tuple(OngoingView(r.name, r.rounds_left, r.text) for r in state.ongoing),
        crisis=card_view(sc.cards[state.crisis]) if state.crisis else None,
        hand=hand,
        prompt=_prompt(state, seat),
        legal=tuple(legal_actions(state)) if seat is not None and seat == to_act else (),
        log=_told(state, seat),
        deck_sizes=tuple(
            DeckSize(d.id, len(state.draw[i]), len(state.discard[i])) for i, d in enumerate(sc.decks)
        ),
        ending=_ending(state),
        results=_results(state) if over else (),
        timeline=_timeline(state),
        paused=state.paused,
    )


def _told(state: GameState, seat: str | None) -> tuple[LogLine, ...]:
    """The log in words for `seat`. A game's log only grows between two views (an undo
    or another game starts again), so the words last given to this viewer are kept in
    the scenario's memo and only what is new is worded: from their last line (which
    what follows may extend) on."""
    log, sc = state.log, state.scenario
    key = (_told, seat)
    seen: tuple[tuple[LogEntry, ...], tuple[LogLine, ...]] | None = sc.memo.get(key)
    kept: tuple[LogLine, ...] = ()
    start = 0
    if seen is not None and seen[1] and _grown(seen[0], log):
        kept, start = seen[1][:-1], seen[1][-1].at  # its last line may go on
    told = tell(log, sc, seat, start)
    lines = kept + tuple(LogLine(log[i].round, log[i].kind, log[i].seat, text, i) for i, text in told)
    sc.memo[key] = (log, lines)
    return lines


def _grown(before: tuple[LogEntry, ...], log: tuple[LogEntry, ...]) -> bool:
    """Whether `log` is `before` with entries added (the same game, later): a scan of
    `before` may then go on from where it stopped."""
    return before is log or (len(before) <= len(log) and log[: len(before)] == before)


def known_in_hand(state: GameState) -> dict[str, tuple[str, ...]]:
    """The cards each seat is publicly known to hold: put into its hand by an effect the
    log names (`CardAdded` into "hand"), or revealed as its headline and left in its hand
    when it could not be played (`Fizzled`), and not since played, discarded, removed or
    drawn again unseen. Every other card in a hand is that seat's secret.

    Every view asks, so the scan is kept in the scenario's memo and a later state of the
    same game reads only the entries written since."""
    log = state.log
    last: _Known | None = state.scenario.memo.get(_Known)
    if last is not None and _grown(last.log, log):
        where, seen = dict(last.where), len(last.log)
    else:
        where, seen = {}, 0
    for e in log[seen:]:  # from the public log alone: the view must not depend on hidden cards
        shown = (isinstance(e, CardAdded) and e.into == "hand") or (
            isinstance(e, Fizzled) and e.reason != NOT_IN_HAND
        )
        if shown and e.seat and e.card:
            where[e.card] = e.seat
        elif isinstance(e, Drew):
            for c in e.cards:
                where.pop(c, None)
        elif isinstance(e, (Played, Discarded, CardRemoved)) and e.card:
            where.pop(e.card, None)
    state.scenario.memo[_Known] = _Known(log, where)
    out: dict[str, tuple[str, ...]] = {}
    for card, seat in where.items():
        out[seat] = (*out.get(seat, ()), card)
    return out


@frozen
class _Known:
    """How far `known_in_hand` has read a game's log, and where the cards shown so far
    are: a state's log begins with its earlier states' logs."""

    log: tuple[LogEntry, ...]
    where: Mapping[str, str]


def _ending(state: GameState) -> Ending | None:
    e = state.ending
    if e is None:
        return None
    sc = state.scenario
    o = sc.outcome(e.outcome)
    return Ending(
        o.id,
        o.name,
        o.text,
        o.catastrophe,
        e.round,
        sc.seat(e.seat).name if e.seat in sc.seat_index else None,
        sc.cards[e.card].name if e.card in sc.cards else None,
        label_name(sc, e.track) if e.track else None,
        e.adjudicated,
    )


def _results(state: GameState) -> tuple[Result, ...]:
    sc = state.scenario
    out = []
    for seat_id, r in score(state).items():
        seat = sc.seat(seat_id)
        objectives = {o.id: o for o in (*seat.objectives, *seat.secret)}
        out.append(
            Result(
                seat_id,
                seat.name,
                r.won,
                r.points,
                tuple(objectives[i] for i in r.met),
                tuple(objectives[i] for i in r.missed),
            )
        )
    return tuple(out)


def _timeline(state: GameState) -> tuple[TrackPath, ...]:
    """Each public track's value at the start and at the end of every round so far
    (with the present value last), for sparklines and the debrief."""
    points = list(state.timeline)
    if points[-1] != state.tracks:
        points.append(state.tracks)
    return tuple(
        TrackPath(_track(state, slot), tuple(p[slot] for p in points)) for slot in range(len(state.tracks))
    )


@frozen
class SeatSecrets:
    """What only the facilitator sees of a seat: its hand, its objectives (secret ones
    too) and the headline it has sealed, if any."""

    id: str
    name: str
    hand: tuple[CardView, ...]
    objectives: tuple[Objective, ...]
    secret: tuple[Objective, ...]
    sealed: str


@frozen
class CardPlace:
    """A card of the scenario and where it lies now, for the facilitator's inject list."""

    card: CardView
    deck: str
    crisis: bool
    place: str


def white_view(state: GameState) -> tuple[tuple[SeatSecrets, ...], tuple[CardPlace, ...]]:
    """Everything hidden, for the facilitator's white cell only (behind its PIN): every
    seat's hand, objectives and sealed headline, and every card with where it lies."""
    sc = state.scenario
    sealed = {a.seat: a for a in state.sealed}
    seats = tuple(
        SeatSecrets(
            s.id,
            s.name,
            tuple(card_view(sc.cards[c]) for c in state.hand(s.id)),
            s.objectives,
            s.secret,
            _sealed_words(state, sealed.get(s.id)),
        )
        for s in sc.seats
    )
    cards = tuple(
        CardPlace(card_view(c), d.name, d.kind == "crisis", where_is(state, c.id))
        for d in sc.decks
        for c in d.cards
    )
    return seats, cards


def _sealed_words(state: GameState, order: Action | None) -> str:
    if isinstance(order, PlayCard):
        return f"sealed: {state.scenario.cards[order.card].name}"
    return "sealed: pass" if order is not None else ""
