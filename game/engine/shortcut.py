"""Where a move leads, worked out without a look-ahead, for the moves that allow it.

The heuristic bot weighs every legal move of every decision where its consequences end
(`rules.lookahead(..., within_phase=True)`), and its judgement (`values`) reads only
the tracks, the flags, the round and the ending. Most moves only shift tracks and raise
or lower flags: an operation, many events, a pass. For those, while no threshold is
crossed, the outcome is the current tracks and flags with the moves applied in order,
clamped as `Draft.move_track` clamps them; what follows the move within its phase (the
next seat's turn or headline, a skipped seat, the phase's end) changes nothing the
valuer reads. Every other move (a threshold crossed, dice, a condition, a card drawn)
is looked ahead as before. tests/test_bots.py holds the two ways equal on real games.
"""

from __future__ import annotations

from typing import NamedTuple

from .conditions import Test, compiled_holds, seats_for, slots_for
from .model import Action, Ctx, GameState, Headline, Pass, PlayCard, Scenario, Turn
from .vocab import Choose, ClearFlag, Effect, FlagIs, If, SetFlag, Shift


class Shifted(NamedTuple):
    """A track moved by `by`, clamped to its bounds `lo`..`hi` and, while `lifted_by` (a
    flag) is down, to its cap `cap_at` (or where it stands, if above). `marks`: its
    thresholds the move can cross, the rising ones if `by` is positive, else the falling."""

    slot: int
    by: int
    lo: int
    hi: int
    lifted_by: str | None
    cap_at: int
    marks: tuple[int, ...]


class Flagged(NamedTuple):
    """A flag raised or lowered."""

    flag: str
    raised: bool


class Branch(NamedTuple):
    """An `if`: the steps of `then` or of `otherwise`, by whether its condition holds
    (for `ctx`) where the steps before it have left the game."""

    test: Test
    ctx: Ctx
    then: Steps
    otherwise: Steps


class Stop(NamedTuple):
    """A choice put to a seat: the look-ahead stops there, and so do the steps."""


Steps = tuple[Shifted | Flagged | Branch | Stop, ...]


class _Standing:
    """The tracks and flags part-way through a play's steps, as a condition reads them."""

    __slots__ = ("flags", "round", "scenario", "tracks")

    def __init__(self, state: GameState, tracks: list[int], flags: frozenset[str]) -> None:
        self.scenario, self.round, self.tracks, self.flags = state.scenario, state.round, tracks, flags


class Shortcuts:
    """The outcomes of one seat's moves, for the moves that allow it (see the module);
    what each of its plays does is worked out once, the first time it is weighed."""

    def __init__(self, sc: Scenario, seat: str) -> None:
        self.scenario, self.seat = sc, seat
        #: Each play's steps, by the play's id: plays are made once per scenario
        #: (`rules._made`), and the play is kept with them, so an id is never reused.
        self.known: dict[int, tuple[PlayCard, Steps | None]] = {}

    def outcome(self, state: GameState, action: Action) -> tuple[list[int], frozenset[str]] | None:
        """The tracks and flags `action` leads to within its phase, or None if it must
        be looked ahead. A pass changes nothing, on a turn or on a headline that is not
        the last (the last reveals the headlines). A headline is judged as played at
        once, as `lookahead` judges it."""
        if isinstance(action, Pass):
            p = state.pending
            if isinstance(p, Turn) or (
                isinstance(p, Headline) and state.cursor + 1 < len(state.scenario.seat_ids)
            ):
                return list(state.tracks), state.flags
            return None
        if not isinstance(action, PlayCard) or state.agenda:
            return None
        known = self.known.get(id(action))
        if known is None or known[0] is not action:
            known = self.known[id(action)] = (action, self.steps(action))
        steps = known[1]
        if steps is None:
            return None
        tracks = list(state.tracks)
        done = _run(steps, state, tracks, state.flags)
        return None if done is None else (tracks, done[0])

    def steps(self, play: PlayCard) -> Steps | None:
        """What a play does, in the order `rules.perform_play` does it, if it is only
        steps: the event's cost, then its effects; or, for operations on another seat's
        card with no requirements, that seat's event, then the operation's effects (a
        choice in the event stops them: the operation waits on the agenda). None for
        anything else."""
        sc, seat = self.scenario, self.seat
        card = sc.cards[play.card]
        if play.mode == "event":
            cost = _steps(sc, tuple(Shift(t, -amount) for t, amount in card.cost.items()), Ctx(seat))
            event = _steps(sc, card.effects, Ctx(seat, card.id, play.target))
            return None if cost is None or event is None else cost + event
        ops = _steps(sc, sc.operation_by_id[play.op or ""].effects, Ctx(seat))
        if card.side in (None, seat) or ops is None:
            return ops
        if card.requires:
            return None  # whether the other seat's event fires depends on the state
        event = _steps(sc, card.effects, Ctx(card.side, card.id))
        return None if event is None else event + ops


def _run(
    steps: Steps, state: GameState, tracks: list[int], flags: frozenset[str]
) -> tuple[frozenset[str], bool] | None:
    """Take `steps` from `state` on `tracks` (changed in place) and `flags`: the flags
    then, and whether a choice stopped them; None if a threshold is crossed (its
    effects, or the game's end, follow: only a look-ahead can tell)."""
    for step in steps:
        if isinstance(step, Shifted):
            slot, by, lo, top, lifted_by, cap_at, marks = step
            old = tracks[slot]
            if lifted_by is not None and lifted_by not in flags:
                top = min(top, max(cap_at, old))
            new = old + by  # clamped as `Draft.move_track` clamps it
            if new > top:
                new = top
            if new < lo:
                new = lo
            for at in marks:
                if (old < at <= new) if by > 0 else (new <= at < old):
                    return None
            tracks[slot] = new
        elif isinstance(step, Flagged):
            flags = flags | {step.flag} if step.raised else flags - {step.flag}
        elif isinstance(step, Branch):
            held = step.test(_Standing(state, tracks, flags), step.ctx)
            done = _run(step.then if held else step.otherwise, state, tracks, flags)
            if done is None or done[1]:
                return done
            flags = done[0]
        else:
            return flags, True
    return flags, False


def _steps(sc: Scenario, effects: tuple[Effect, ...], ctx: Ctx) -> Steps | None:
    """The steps `effects` take in a context (ending with a `Stop` at a choice); None if
    one is of another kind (or a track's cap is lifted by anything but a flag)."""
    steps: list[Shifted | Flagged | Branch | Stop] = []
    for e in effects:
        match e:
            case Shift(track_id, by, seat, relation):
                track = sc.track_by_id[track_id]
                lifted_by, cap_at = None, track.max
                if track.cap is not None:
                    if not isinstance(track.cap.unless, FlagIs):
                        return None
                    lifted_by, cap_at = track.cap.unless.flag, track.cap.at
                if by > 0:
                    marks = tuple(th.at for th in track.thresholds if th.when == "rises")
                else:
                    marks = tuple(th.at for th in track.thresholds if th.when == "falls")
                slots = slots_for(track_id, seat, relation, ctx, sc)
                steps += [Shifted(slot, by, track.min, track.max, lifted_by, cap_at, marks) for slot in slots]
            case SetFlag(flag) | ClearFlag(flag):
                steps.append(Flagged(flag, isinstance(e, SetFlag)))
            case If(cond, then, otherwise):
                yes, no = _steps(sc, then, ctx), _steps(sc, otherwise, ctx)
                if yes is None or no is None:
                    return None
                steps.append(Branch(compiled_holds(cond, sc), ctx, yes, no))
            case Choose(seat, _, options):
                asked = seats_for(seat, ctx, sc)
                if not asked:
                    continue  # no one to ask: nothing happens
                if len(asked) > 1 or all(o.requires for o in options):
                    return None  # asked in turn; or whether it asks depends on the state
                steps.append(Stop())
                break  # what follows waits on the agenda
            case _:
                return None
    return tuple(steps)
