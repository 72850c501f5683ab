"""The rules: set up a game, list what may be done, do it, and score the end.

The whole public surface is four functions, in the manner of OpenSpiel and
python-chess::

    state = new_game(scenario, seed=7)
    while not state.over:
        action = choose_somehow(legal_actions(state))
        state = step(state, action)
    score(state)

`step` is pure: the state passed in is never changed, and an illegal action raises
`IllegalAction` with a sentence saying why. The round itself is data: the scenario's
`round` lists its phases (crisis, sealed headline, actions, upkeep) and `step` walks
through them until some seat has a decision to make.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from attrs import frozen

from . import rng
from .conditions import Test, all_hold, compiled_holds, seats_for
from .effects import APPLY, Draft, Run, Script, ctx_for, discard_card, resolve, run_now
from .entries import (
    COST,
    Adjudicated,
    Chose,
    Committed,
    CrisisDrawn,
    Fizzled,
    FlagToggled,
    Injected,
    OngoingEnded,
    Passed,
    Paused,
    PhaseBegan,
    Played,
    Revealed,
    RoundBegan,
    RoundLimitChanged,
    SideEvent,
    Skipped,
    TrackSet,
    fast,
)
from .model import (
    INTERVENTIONS,
    MAX_ROUNDS,
    Action,
    ActionPhase,
    Adjudicate,
    Adjust,
    Card,
    Choice,
    CrisisPhase,
    Ctx,
    DiscardCard,
    Ending,
    GameState,
    Headline,
    Inject,
    Intervention,
    Move,
    Pass,
    Pause,
    PickDiscard,
    PickOption,
    PlayCard,
    RoundLimit,
    Running,
    Scenario,
    SealedPhase,
    Toggle,
    Turn,
    UpkeepPhase,
)
from .narrate import describe_condition, possessive
from .vocab import OTHERS, All, Condition, Shift

#: The context of what no seat does: the round's phases, the final outcome.
NOBODY = Ctx()

#: The entries a step logs most after track moves, made without `Draft.note`'s dict.
_committed, _played, _phase_began = fast(Committed), fast(Played), fast(PhaseBegan)


class IllegalAction(ValueError):
    """The action is not allowed now; the message says why. The state is unchanged."""


# ------------------------------------------------------------------------------- setting up


def new_game(scenario: Scenario, seed: int = 0, rounds: int | None = None) -> GameState:
    """A new game at its first decision: decks shuffled, hands dealt, round 1 begun.

    `rounds` shortens it (a seminar with two hours): the game then ends after that
    round, scored by the scenario's end-of-game outcomes exactly as after its last
    round. ValueError unless it is from 1 to the scenario's own `rounds`."""
    if rounds is not None and not 1 <= rounds <= scenario.rounds:
        raise ValueError(f"a game of {scenario.name} lasts from 1 to {scenario.rounds} rounds, not {rounds}")
    tracks = [0] * len(scenario.slot_labels)
    for (track_id, owner), slot in scenario.slots.items():
        track = scenario.track_by_id[track_id]
        start = track.start
        if owner in scenario.seat_index:
            start = scenario.seat(owner).start.get(track_id, start)
        elif owner is not None:
            start = scenario.relation_by_id[owner].start.get(track_id, start)
        tracks[slot] = start
    state_rng = rng.seed_state(seed)
    draw = []
    for deck in scenario.decks:
        pile, state_rng = rng.shuffled(state_rng, [c.id for c in deck.cards if c.start == "deck"])
        draw.append(pile)
    state = GameState(
        scenario=scenario,
        digest=scenario.digest,
        seed=seed,
        rng=state_rng,
        round=1,
        phase=0,
        cursor=-1,
        tracks=tuple(tracks),
        flags=frozenset(f.id for f in scenario.flags if f.start),
        draw=tuple(draw),
        discard=tuple(() for _ in scenario.decks),
        hands=tuple(() for _ in scenario.seats),
        reserve=tuple(c.id for d in scenario.decks for c in d.cards if c.start == "reserve"),
        removed=(),
        skips=tuple(0 for _ in scenario.seats),
        ongoing=(),
        agenda=(),
        pending=None,
        sealed=(),
        crisis=None,
        round_limit=scenario.rounds if rounds is None else rounds,
        history=(),
        log=(),
        timeline=(tuple(tracks),),
        ending=None,
    )
    d = Draft(state)
    for seat in scenario.seat_ids:
        d.deal(seat, scenario.hand_size)
    d.note(RoundBegan, round=1)
    _advance(d)
    return d.freeze()


def rounds_set(state: GameState) -> int:
    """The round limit the game was set up with (a shorter game's, or the scenario's):
    the limit now, unless the facilitator has changed it since (the log says from what)."""
    changed = next((e for e in state.log if isinstance(e, RoundLimitChanged)), None)
    return state.round_limit if changed is None else changed.old


def restart(state: GameState) -> GameState:
    """The same game at its start: same scenario, seed and round limit."""
    return new_game(state.scenario, state.seed, rounds_set(state))


# ------------------------------------------------------------------------- what may be done


def unplayable(state: GameState | Draft, seat: str, card: Card, headline: bool = False) -> str | None:
    """Why `seat` cannot play `card` for its event now, or None if it can."""
    sc = state.scenario
    if card.side is not None and card.side != seat:
        return f"this is {possessive(sc.seat(card.side).name)} event: play it for operations"
    if headline and not card.headline:
        return "cannot be played as a headline"
    ctx = Ctx(seat, card.id)
    for cond in card.requires:
        if not all_hold((cond,), state, ctx):
            return f"needs {describe_condition(cond, sc, seat)}"
    for track_id, amount in card.cost.items():
        track = sc.track_by_id[track_id]
        spare = state.tracks[sc.slots[(track_id, seat)]] - track.min
        if spare < amount:
            return f"costs {amount} {track.name.lower()}; {sc.seat(seat).name} has {spare} to spend"
    if card.targets and not targets_of(state, seat, card):
        return "no seat it can be aimed at"
    return None


def targets_of(state: GameState | Draft, seat: str, card: Card) -> tuple[str, ...]:
    """The seats a targeted card may be aimed at, in seat order."""
    return _aims(state.scenario, seat, card)


def _aims(sc: Scenario, seat: str, card: Card) -> tuple[str, ...]:
    named: set[str] = set()
    for word in card.targets:
        named.update(seats_for(OTHERS, Ctx(seat), sc) if word == OTHERS else (word,))
    return tuple(s for s in sc.seat_ids if s in named and s != seat)


T = TypeVar("T")


def _made(sc: Scenario, kind: Callable[..., T], *fields: object) -> T:
    """The one action (or decision) of `kind` with these fields, made on first use:
    legal actions are listed at every decision of thousands of games, and making an
    action checks each of its fields. They are frozen, so one may stand for all equal
    ones."""
    key = (kind, *fields)
    made: T | None = sc.memo.get(key)
    if made is None:
        made = sc.memo[key] = kind(*fields)
    return made


@frozen
class CardPlays:
    """What one seat may do with one card, as far as the scenario alone decides it:
    whether the card's side and the headline rule let the seat play its event at all,
    and at which targets (`event`: empty if never), and the operations its value buys.
    Made once per seat and card (`card_plays`), so that listing the legal actions at
    each of thousands of decisions checks only what the state decides: the card's
    requirements and cost, and the operations' requirements. It agrees with
    `unplayable` (the property tests hold `legal_actions` to `why_illegal`)."""

    ctx: Ctx
    event: tuple[Action, ...]
    #: For each track the event costs: its slot and the least value that pays.
    costs: tuple[tuple[int, int], ...]
    #: The operations with their requirements, in the scenario's order.
    ops: tuple[tuple[tuple[Condition, ...], Action], ...]
    #: The same operations when none has a requirement (the usual case), else None.
    free_ops: tuple[Action, ...] | None
    #: The event's requirements as one compiled test (`compiled_holds`), or None if none.
    test: Test | None
    #: The event's plays, then the free operations': the plays when the event is open.
    both: tuple[Action, ...]

    def event_open(self, state: GameState | Draft) -> bool:
        """Whether the event may be played now (`unplayable` says None)."""
        if not self.event or (self.test is not None and not self.test(state, self.ctx)):
            return False
        tracks = state.tracks
        for slot, least in self.costs:  # noqa: SIM110 (a loop: `all` of a generator is 3x slower)
            if tracks[slot] < least:
                return False
        return True

    def legal(self, state: GameState | Draft) -> tuple[Action, ...] | list[Action]:
        """The plays legal now: the event's, then the operations'."""
        if self.free_ops is not None:
            return self.both if self.event_open(state) else self.free_ops
        acts = list(self.event) if self.event_open(state) else []
        acts += [a for conds, a in self.ops if all_hold(conds, state, self.ctx)]
        return acts


def card_plays(sc: Scenario, seat: str, headline: bool) -> dict[str, CardPlays]:
    """Each card's `CardPlays` for `seat` on a turn (or a headline), by card id."""
    key = (_PlaysByCard, seat, headline)
    plays: dict[str, CardPlays] | None = sc.memo.get(key)
    if plays is None:
        plays = sc.memo[key] = _PlaysByCard(sc, seat, headline)
    return plays


class _PlaysByCard(dict[str, CardPlays]):
    """Each card's `CardPlays` for one seat, made the first time the card is asked for."""

    def __init__(self, sc: Scenario, seat: str, headline: bool) -> None:
        super().__init__()
        self.scenario, self.seat, self.headline = sc, seat, headline

    def __missing__(self, card_id: str) -> CardPlays:
        plays = self[card_id] = _plays_of(
            self.scenario, self.seat, self.scenario.cards[card_id], self.headline
        )
        return plays


def _plays_of(sc: Scenario, seat: str, card: Card, headline: bool) -> CardPlays:
    event: tuple[Action, ...] = ()
    if (card.side is None or card.side == seat) and (card.headline or not headline):
        if card.targets:
            event = tuple(_made(sc, PlayCard, seat, card.id, "event", t) for t in _aims(sc, seat, card))
        else:
            event = (_made(sc, PlayCard, seat, card.id),)
    costs = tuple(
        (sc.slots[(track_id, seat)], sc.track_by_id[track_id].min + amount)
        for track_id, amount in card.cost.items()
    )
    ops = tuple(
        (op.requires, _made(sc, PlayCard, seat, card.id, "ops", None, op.id))
        for op in sc.operations
        if card.ops and not headline and op.ops <= card.ops
    )
    free = None if any(conds for conds, _ in ops) else tuple(a for _, a in ops)
    needs = card.requires
    test = None if not needs else compiled_holds(needs[0] if len(needs) == 1 else All(needs), sc)
    both = event + (free or ())
    return CardPlays(Ctx(seat, card.id), event, costs, ops, free, test, both)


def legal_actions(state: GameState) -> list[Action]:
    """Every action the seat to act may take now; empty when the game is over.

    On a turn or a headline, passing is always among them."""
    cached = state.legal_cache
    if state.paused:
        return []
    if cached is None:
        cached = tuple(list_legal(state))
        object.__setattr__(state, "legal_cache", cached)  # a cache, not a change of state
    return list(cached)


def list_legal(state: GameState | Draft) -> list[Action]:
    """`legal_actions` worked out afresh, on a state or a draft (for playouts)."""
    p = state.pending
    sc = state.scenario
    match p:
        case Turn(seat) | Headline(seat):
            plays = card_plays(sc, seat, isinstance(p, Headline))
            acts: list[Action] = []
            for cid in state.hand(seat):
                acts += plays[cid].legal(state)
            acts.append(_made(sc, Pass, seat))
            return acts
        case Choice(seat, _, options, ctx):
            return [
                _made(sc, PickOption, seat, i)
                for i, o in enumerate(options)
                if all_hold(o.requires, state, ctx)
            ]
        case PickDiscard(seat):
            return [_made(sc, DiscardCard, seat, c) for c in state.hand(seat)]
    return []


def why_illegal(state: GameState, action: Action) -> str | None:
    """A sentence saying why `action` may not be taken now, or None if it may.

    Agrees exactly with `legal_actions` (the property tests hold it to that), but checks
    the one action directly instead of listing them all."""
    sc = state.scenario
    p = state.pending
    if p is None:
        return "the game is over"
    if state.paused:
        return "the game is paused by the facilitator"
    if action.seat != p.seat:
        who = sc.seat(p.seat).name
        if action.seat not in sc.seat_index:
            return f"there is no seat {action.seat!r}; it is {possessive(who)} decision"
        return f"it is {possessive(who)} decision, not {possessive(sc.seat(action.seat).name)}"
    match p, action:
        case Turn() | Headline(), Pass():
            return None
        case Turn() | Headline(), PlayCard():
            return _play_problem(state, isinstance(p, Headline), action)
        case Choice(_, _, options, ctx), PickOption(option=i):
            if not 0 <= i < len(options):
                return f"there is no option {i}; the options are 0 to {len(options) - 1}"
            if not all_hold(options[i].requires, state, ctx):
                return f"“{options[i].label}” is not open now"
            return None
        case PickDiscard(), DiscardCard(card=card):
            if card not in state.hand(p.seat):
                return f"{card!r} is not in {possessive(sc.seat(p.seat).name)} hand"
            return None
    expected = {
        Turn: "play a card or pass",
        Headline: "commit a headline card or pass",
        Choice: "pick one of the options",
        PickDiscard: "discard a card",
    }[type(p)]
    return f"{sc.seat(p.seat).name} must {expected} now"


def _play_problem(state: GameState, headline: bool, play: PlayCard) -> str | None:
    sc = state.scenario
    if play.card not in state.hand(play.seat):
        return f"{play.card!r} is not in {possessive(sc.seat(play.seat).name)} hand"
    card = sc.cards[play.card]
    if play.mode == "ops":
        if headline:
            return "a headline is played for its event, not for operations"
        if not card.ops:
            return f"{card.name} has no operations value"
        op = sc.operation(play.op or "")
        if op is None or op.ops > card.ops or not all_hold(op.requires, state, Ctx(play.seat, card.id)):
            return f"{play.op!r} is not an operation {card.name} can buy now"
        if play.target is not None:
            return "a card played for operations takes no target"
        return None
    if play.mode != "event":
        return f"a card is played for its event or for operations, not {play.mode!r}"
    if play.op is not None:
        return "a card played for its event buys no operation"
    reason = unplayable(state, play.seat, card, headline)
    if reason:
        return f"{card.name} cannot be played: {reason}"
    if card.targets:
        if play.target not in targets_of(state, play.seat, card):
            return f"{card.name} cannot be aimed at {play.target!r}"
    elif play.target is not None:
        return f"{card.name} takes no target"
    return None


# ------------------------------------------------------------------------------- doing it


def step(state: GameState, action: Move) -> GameState:
    """The state after `action` (a seat's or the facilitator's), resolved up to the
    next decision (or the end).

    Raises `IllegalAction` (state untouched) if the action is not legal now."""
    if isinstance(action, INTERVENTIONS):
        return _intervene(state, action)
    listed = state.legal_cache or ()
    for legal in listed:
        if legal is action:
            break  # taken from this very state's legal actions: no need to check it
    else:
        problem = why_illegal(state, action)
        if problem is not None:
            raise IllegalAction(problem)
    d = Draft(state)
    d.history = (*d.history, action)
    apply_action(d, action)
    return d.freeze()


def apply_action(d: Draft, action: Action, within_phase: bool = False) -> None:
    """Do a legal seat action on a draft and resolve up to the next decision: the
    heart of `step`, and how playouts go on in a draft without freezing it.
    `within_phase` stops instead at the end of the phase the action was taken in
    (see `lookahead`)."""
    p = d.pending
    d.pending = None
    match action:
        case PlayCard() | Pass() if isinstance(p, Headline):
            d.sealed = (*d.sealed, action)
            d.cursor += 1
            if not d.quiet:
                d.entries.append(_committed(round=d.round, seat=action.seat))
        case PlayCard():
            d.cursor += 1
            perform_play(d, action, checked=True)
        case Pass(seat, why):
            d.cursor += 1
            if not d.quiet:
                d.note(Passed, round=d.round, seat=seat, why=why)
        case PickOption(seat, option, why):
            assert isinstance(p, Choice)
            chosen = p.options[option]
            d.note(Chose, round=d.round, seat=seat, card=p.ctx.card, option=chosen.label, why=why)
            d.push(chosen.effects, p.ctx)
        case DiscardCard(seat, card):
            assert isinstance(p, PickDiscard)
            discard_card(d, seat, card, p.ctx)
            if p.count > 1 and d.hand_of(seat):
                d.pending = PickDiscard(seat, p.count - 1, p.ctx)
    _advance(d, within_phase)


def perform_play(d: Draft, play: PlayCard, checked: bool = False) -> None:
    """Pay for a card, put it on the discard pile and resolve its effects (as if put at
    the front of the agenda: `run_now`). A play `checked` legal on this very state skips
    the checks made for a sealed play that may have gone stale before its reveal."""
    plan = _plan(d.scenario, play)
    card = plan.card
    seat = play.seat
    if not checked and (stale := _stale(d, play, card)) is not None:
        d.note(Fizzled, round=d.round, seat=seat, card=card.id, reason=stale)
        return
    d.take_from_hand(seat, card.id)
    d.to_discard(card)
    if not d.quiet:
        d.entries.append(_played(round=d.round, seat=seat, card=card.id, op=play.op, why=play.why))
    for pay in plan.costs:
        pay(d, plan.paid)
    side = plan.side
    if side is not None and all_hold(card.requires, d, side):
        d.push(plan.script.effects, plan.ctx)  # after the other seat's event
        d.note(SideEvent, round=d.round, seat=side.seat, card=card.id)
        run_now(d, plan.event, side)
    else:
        run_now(d, plan.script, plan.ctx)


class _Plan:
    """What a play resolves, looked up and compiled once per play (`_plan`): a bot's
    look-ahead performs the same few hundred plays hundreds of thousands of times."""

    __slots__ = ("card", "costs", "ctx", "event", "paid", "script", "side")

    def __init__(self, sc: Scenario, play: PlayCard) -> None:
        card = self.card = sc.cards[play.card]
        seat = play.seat
        #: The card's own effects: its event, whoever plays it.
        self.event = Script(card.effects, sc)
        #: An event's cost: a shift down of each track it is paid from (the log says "paid").
        self.costs: tuple[Run, ...] = ()
        self.paid = ctx_for(sc, seat, card.id, rule=COST)
        #: The other seat whose event an operations play sets off, if its requirements hold.
        self.side: Ctx | None = None
        if play.mode == "event":
            self.costs = tuple(APPLY[Shift](Shift(t, -amount), sc) for t, amount in card.cost.items())
            self.script, self.ctx = self.event, ctx_for(sc, seat, card.id, play.target)
            return
        op = sc.operation_by_id[play.op or ""]
        self.script = Script(op.effects, sc)
        self.ctx = ctx_for(sc, seat, card.id, rule=op.name)  # the log credits the operation
        if card.side is not None and card.side != seat:
            self.side = ctx_for(sc, card.side, card.id)


def _plan(sc: Scenario, play: PlayCard) -> _Plan:
    """The play's `_Plan`, made on first use (one per seat, card, target and operation)."""
    key = (_Plan, play.seat, play.card, play.target, play.op)
    found: _Plan | None = sc.memo.get(key)
    if found is None:
        found = sc.memo[key] = _Plan(sc, play)
    return found


#: Why a sealed headline fizzles when its card has left the hand (else the card stays there, known).
NOT_IN_HAND = "no longer in hand"


def _stale(d: Draft, play: PlayCard, card: Card) -> str | None:
    """Why a sealed play can no longer be made at its reveal, or None."""
    if play.card not in d.hand_of(play.seat):
        return NOT_IN_HAND
    if play.mode != "event" or card_plays(d.scenario, play.seat, False)[card.id].event_open(d):
        return None  # (worked out once per seat and card, where `unplayable` looks it all up)
    return unplayable(d, play.seat, card)


def lookahead(state: GameState, action: Action, dice: int, within_phase: bool = False) -> Draft:
    """Where `action` (a legal one) would lead if the dice fell by the generator state
    `dice`, as a quiet draft: no log, no history, no legality check, no frozen copy,
    so a bot can weigh many moves fast. A sealed headline is judged as if it were
    played at once, since that is what committing it means.

    It goes on to the next decision, whoever's it is; `within_phase` stops it sooner,
    where the phase the action was taken in ends: a round's last move is then judged
    by what it did, not after the upkeep and a crisis card drawn with guessed dice."""
    d = Draft(state, True)  # (positional: a keyword costs a tenth of the copy)
    d.rng = dice
    if isinstance(state.pending, Headline) and isinstance(action, PlayCard):
        d.pending = None
        perform_play(d, action, checked=True)
        resolve(d)
    else:
        apply_action(d, action, within_phase)
    return d


def preview(state: GameState, action: Action, dice: int) -> GameState:
    """`lookahead` as a state, for warnings: its log and history stop before `action`."""
    return lookahead(state, action, dice).freeze()


@frozen
class Risk:
    """How likely an action is to end the game in a catastrophe, over sampled dice."""

    outcome: str
    chance: float


def risk(state: GameState, action: Action, samples: int = 12) -> Risk | None:
    """The catastrophe `action` may bring about at once, with its chance; None if none.

    Only the action and what it sets off are played out (not other seats' replies)."""
    sc = state.scenario
    hits: dict[str, int] = {}
    dice = rng.seed_state(state.seed ^ 0x5EED)
    for _ in range(samples):
        _, dice = rng.next_u64(dice)
        after = preview(state, action, dice)
        if after.ending is not None and sc.outcome(after.ending.outcome).catastrophe:
            hits[after.ending.outcome] = hits.get(after.ending.outcome, 0) + 1
    if not hits:
        return None
    outcome, n = max(hits.items(), key=lambda kv: kv[1])
    return Risk(outcome, n / samples)


# -------------------------------------------------------------------------- the white cell

#: The most rounds a facilitator may extend a game to: as many as a scenario may have.
MAX_ROUND_LIMIT = MAX_ROUNDS


def where_is(state: GameState | Draft, card_id: str) -> str:
    """Where a card lies now, in words: "the crisis deck", "the discard pile of the
    United States deck", "South Korea's hand", "the reserve", "out of the game"."""
    sc = state.scenario
    for seat, hand in zip(sc.seat_ids, state.hands, strict=True):
        if card_id in hand:
            return f"{possessive(sc.seat(seat).name)} hand"
    for deck, pile, used in zip(sc.decks, state.draw, state.discard, strict=True):
        if card_id in pile:
            return f"the {deck.name}"
        if card_id in used:
            return f"the discard pile of the {deck.name}"
    return "the reserve" if card_id in state.reserve else "out of the game"


def card_owner(scenario: Scenario, card: Card) -> str | None:
    """On whose behalf an injected card resolves: its side, else its deck's owner."""
    return card.side or scenario.decks[scenario.deck_index[card.deck]].owner


def why_refused(state: GameState, iv: Intervention) -> str | None:
    """A sentence saying why the facilitator may not make this intervention now, or None."""
    sc = state.scenario
    if state.over:
        return "the game is over"
    if not isinstance(iv, Pause) and not iv.reason.strip():
        return "give a reason: it is kept in the record for the debrief"
    match iv:
        case Inject(card_id, top, target):
            card = sc.cards.get(card_id)
            if card is None:
                return f"there is no card {card_id!r}"
            if where_is(state, card_id).endswith(" hand"):
                return f"{card.name} is in {where_is(state, card_id)}; only a card outside the hands can be injected"
            if top:
                if sc.decks[sc.deck_index[card.deck]].kind != "crisis":
                    return f"{card.name} is not a crisis card; inject it now instead"
                return None if target is None else "a card put on the crisis deck takes no target"
            if not isinstance(state.pending, Turn | Headline):
                return "a card is waiting for a decision; inject once it is made"
            owner = card_owner(sc, card)
            if card.targets:
                aims = targets_of(state, owner, card) if owner else ()
                if target not in aims:
                    return f"{card.name} must be aimed at one of: {', '.join(aims) or 'nobody'}"
            elif target is not None:
                return f"{card.name} takes no target"
            return None
        case Adjust(label, value):
            slot = sc.slot_labels.index(label) if label in sc.slot_labels else None
            if slot is None:
                return f"there is no track {label!r}"
            track = sc.slot_track[slot]
            if not track.min <= value <= track.max:
                return f"{sc.slot_name(slot)} goes from {track.min} to {track.max}, not {value}"
            return None
        case Toggle(flag):
            return None if any(f.id == flag for f in sc.flags) else f"there is no flag {flag!r}"
        case Pause(paused):
            if paused == state.paused:
                return "the game is already paused" if paused else "the game is not paused"
            return None
        case RoundLimit(rounds):
            if not max(state.round, 1) <= rounds <= MAX_ROUND_LIMIT:
                return f"the round limit must be from {state.round} (the round in play) to {MAX_ROUND_LIMIT}"
            return None
        case Adjudicate(outcome):
            if all(o.id != outcome for o in sc.outcomes):
                return f"there is no outcome {outcome!r}"
            return None
    return f"{type(iv).__name__} is not an intervention"


def _intervene(state: GameState, iv: Intervention) -> GameState:
    problem = why_refused(state, iv)
    if problem is not None:
        raise IllegalAction(problem)
    sc = state.scenario
    d = Draft(state)
    d.history = (*d.history, iv)
    reason = iv.reason
    match iv:
        case Inject(card_id, top, target):
            card = sc.cards[card_id]
            _lift(d, card_id)
            if top:
                i = sc.deck_index[card.deck]
                d.draw[i] = (card_id, *d.draw[i])
                d.note(Injected, round=d.round, reason=reason, top=card_id)  # drawn unseen
            else:
                owner = card_owner(sc, card)
                d.note(Injected, round=d.round, seat=owner, card=card_id, reason=reason)
                d.to_discard(card)
                d.pending = None  # a turn or a headline: the round asks for it again
                d.push(card.effects, Ctx(owner, card_id, target))
                _advance(d)
        case Adjust(label, value):
            slot = sc.slot_labels.index(label)
            old = d.tracks[slot]
            d.tracks[slot] = value
            d.note(TrackSet, round=d.round, track=label, old=old, new=value, reason=reason)
        case Toggle(flag, on):
            d.flags = d.flags | {flag} if on else d.flags - {flag}
            d.note(FlagToggled, round=d.round, flag=flag, on=on, reason=reason)
        case Pause(paused):
            d.paused = paused
            d.note(Paused, round=d.round, paused=paused, reason=reason)
        case RoundLimit(rounds):
            d.note(RoundLimitChanged, round=d.round, old=d.round_limit, new=rounds, reason=reason)
            d.round_limit = rounds
        case Adjudicate(outcome):
            d.note(Adjudicated, round=d.round, outcome=outcome, reason=reason)
            d.end(outcome, NOBODY)
            d.ending = Ending(outcome, d.round, adjudicated=True)
    return d.freeze()


def _lift(d: Draft, card_id: str) -> None:
    """Take a card from wherever it lies outside the hands."""
    d.draw = [tuple(c for c in pile if c != card_id) for pile in d.draw]
    d.discard = [tuple(c for c in pile if c != card_id) for pile in d.discard]
    d.reserve = tuple(c for c in d.reserve if c != card_id)
    d.removed = tuple(c for c in d.removed if c != card_id)


# ---------------------------------------------------------------------------- the round


def _advance(d: Draft, within_phase: bool = False) -> None:
    """Resolve effects and walk the round's phases until a seat must decide (or,
    `within_phase`, until the phase under way is over).

    `d.cursor` is -1 before a phase begins; once it has, each kind of phase counts with
    it in its own way (see `PHASE_FLOW`)."""
    phases = d.scenario.round
    while True:
        if d.agenda:
            resolve(d)
        if d.pending is not None or d.ending is not None:
            return
        phase = phases[d.phase]
        flow = PHASE_FLOW[type(phase)]
        if d.cursor == -1:
            if all_hold(phase.when, d, NOBODY):
                d.cursor = 0
                if not d.quiet:
                    d.entries.append(_phase_began(round=d.round, name=phase.name))
                flow.begin(d, phase)
            else:
                _next_phase(d)
        elif not flow.go_on(d, phase):
            if within_phase:
                return
            _next_phase(d)


@frozen
class PhaseFlow:
    """How one kind of phase runs: `begin` sets it up as it starts (its effects resolve
    before it goes on); `go_on` takes it one step further, setting `pending` when a seat
    must decide, and says False when the phase is over."""

    begin: Callable[[Draft, Any], None]
    go_on: Callable[[Draft, Any], bool]


def _crisis(d: Draft, phase: CrisisPhase) -> None:
    """Draw the crisis card(s) and queue their effects; the phase is then done (cursor 1)."""
    sc = d.scenario
    for cid in d.draw_from(phase.deck, phase.draw):
        card = sc.cards[cid]
        d.crisis = cid
        d.to_discard(card)
        if not d.quiet:
            d.note(CrisisDrawn, round=d.round, seat=card.side, card=cid)
        d.queue(card.effects, ctx_for(sc, card.side, cid))
    d.cursor = 1


def _ready(d: Draft, phase: SealedPhase | ActionPhase) -> None:
    """Nothing to set up: the first step asks the first seat."""


def _over(d: Draft, phase: CrisisPhase) -> bool:
    return False


def _sealed_next(d: Draft, phase: SealedPhase) -> bool:
    """Ask the next seat for its sealed order (cursor 0..n-1), then reveal and resolve
    them in seat order (cursor n..2n-1). False when the phase is done."""
    seats = d.scenario.seat_ids
    n = len(seats)
    if d.cursor < n:
        d.pending = _asking(d.scenario, Headline)[d.cursor]
        return True
    if d.cursor == n and not d.quiet:
        d.note(Revealed, round=d.round)
    k = d.cursor - n
    if k < len(d.sealed):
        order = d.sealed[k]
        d.cursor += 1
        if isinstance(order, PlayCard):
            perform_play(d, order)
        else:
            if not d.quiet:
                d.note(Passed, round=d.round, seat=order.seat, why=order.why)
        return True
    d.sealed = ()
    return False


def _turn_next(d: Draft, phase: ActionPhase) -> bool:
    """Give the next seat its turn (cursor: turns taken, round the table `turns` times),
    passing over a seat that loses its action. False when the phase is done."""
    seats = d.scenario.seat_ids
    n = len(seats)
    while d.cursor < phase.turns * n:
        i = d.cursor % n  # the seat's index, as in `skips`
        if d.skips[i]:
            d.skips = (*d.skips[:i], d.skips[i] - 1, *d.skips[i + 1 :])
            d.note(Skipped, round=d.round, seat=seats[i])
            d.cursor += 1
            continue
        d.pending = _asking(d.scenario, Turn)[i]
        return True
    return False


def _asking(sc: Scenario, kind: type[Turn] | type[Headline]) -> tuple[Turn | Headline, ...]:
    """Each seat's turn (or headline), in seat order, made once per scenario: every
    look-ahead ends by asking the next seat, and the decisions are frozen, so one
    stands for all equal ones (as `_made`'s do, but found by the kind alone)."""
    found: tuple[Turn | Headline, ...] | None = sc.memo.get((_asking, kind))
    if found is None:
        found = sc.memo[(_asking, kind)] = tuple(_made(sc, kind, seat) for seat in sc.seat_ids)
    return found


def _upkeep(d: Draft, phase: UpkeepPhase) -> None:
    """Ongoing effects tick (and run out), the scenario's upkeep effects are queued."""
    still = []
    for run in d.ongoing:
        ctx = run.ctx
        d.queue(run.effects, Ctx(ctx.seat, ctx.card, ctx.target, ctx.because, run.name))
        if run.rounds_left > 1:
            still.append(Running(run.name, run.rounds_left - 1, run.effects, ctx, run.text))
        else:
            d.note(OngoingEnded, round=d.round, seat=run.ctx.seat, card=run.ctx.card, name=run.name)
    d.ongoing = tuple(still)
    d.queue(phase.effects, NOBODY)


def _refill(d: Draft, phase: UpkeepPhase) -> bool:
    """Once the upkeep effects have resolved, hands are refilled; the phase is done."""
    sc = d.scenario
    if phase.refill:
        for seat, hand in zip(sc.seat_ids, d.hands, strict=True):
            d.deal(seat, sc.hand_size - len(hand))
    return False


#: Each kind of phase and how it runs (tests/test_rules.py: every kind has one).
PHASE_FLOW: dict[type, PhaseFlow] = {
    CrisisPhase: PhaseFlow(_crisis, _over),
    SealedPhase: PhaseFlow(_ready, _sealed_next),
    ActionPhase: PhaseFlow(_ready, _turn_next),
    UpkeepPhase: PhaseFlow(_upkeep, _refill),
}


def _next_phase(d: Draft) -> None:
    d.cursor = -1
    d.phase += 1
    if d.phase < len(d.scenario.round):
        return
    d.phase = 0
    d.timeline = (*d.timeline, tuple(d.tracks))
    if d.round >= d.round_limit:
        _final_outcome(d)
        return
    d.round += 1
    d.fired = frozenset()
    if not d.quiet:
        d.note(RoundBegan, round=d.round)


def _final_outcome(d: Draft) -> None:
    for outcome in d.scenario.outcomes:
        if not outcome.catastrophe and all_hold(outcome.when, d, NOBODY):
            d.end(outcome.id, NOBODY)
            return
    raise AssertionError("the loader guarantees a final outcome without conditions")


# -------------------------------------------------------------------------------- scoring


@frozen
class SeatScore:
    """How a seat did: which objectives it met, its points, and whether it won."""

    seat: str
    met: tuple[str, ...]
    missed: tuple[str, ...]
    points: int
    won: bool


def score(state: GameState) -> dict[str, SeatScore]:
    """Each seat's objectives met and missed. A seat wins when the game ended without
    catastrophe and it met every public objective; secret objectives add points, and so
    do the outcome's `points` for the seat (negative for a catastrophe that costs it most).

    Objectives are read from the state as it is: call it on a finished game."""
    sc = state.scenario
    catastrophe = state.ending is not None and sc.outcome(state.ending.outcome).catastrophe
    out = {}
    for seat in sc.seats:
        ctx = Ctx(seat.id)
        met: list[str] = []
        missed: list[str] = []
        points = 0
        public_ok = True
        for obj in (*seat.objectives, *seat.secret):
            ok = not catastrophe and all_hold(obj.when, state, ctx)
            (met if ok else missed).append(obj.id)
            points += obj.points if ok else 0
            if obj in seat.objectives and not ok:
                public_ok = False
        if state.ending is not None:
            points += sc.outcome(state.ending.outcome).points.get(seat.id, 0)
        out[seat.id] = SeatScore(seat.id, tuple(met), tuple(missed), points, public_ok and not catastrophe)
    return out
