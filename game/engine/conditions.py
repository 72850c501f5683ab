"""Reading the state: conditions, seat and track references.

`holds(cond, state, ctx)` answers a condition; `margin` says how far it is from flipping
(bots use it to steer towards their objectives). Both accept anything shaped like a
state (`GameState`, or the draft `rules` works on): `scenario`, `tracks`, `flags`,
`round`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any as AnyType
from typing import assert_never

from .model import Ctx, Scenario
from .vocab import (
    ALL,
    OTHERS,
    SELF,
    TARGET,
    All,
    Any,
    Condition,
    FlagIs,
    Not,
    RoundIs,
    SeatIs,
    TrackIs,
)


class RefError(Exception):
    """A reference that cannot be resolved in this context (e.g. `target` with no target)."""


def seats_for(word: str, ctx: Ctx, scenario: Scenario) -> tuple[str, ...]:
    """The seats a seat reference names in this context."""
    if word == SELF:
        return () if ctx.seat is None else (ctx.seat,)
    if word == TARGET:
        return () if ctx.target is None else (ctx.target,)
    if word == ALL:
        return scenario.seat_ids
    if word == OTHERS:
        return tuple(s for s in scenario.seat_ids if s != ctx.seat)
    return (word,)


def slots_for(
    track: str, seat: str | None, relation: str | None, ctx: Ctx, scenario: Scenario
) -> tuple[int, ...]:
    """The slots in the track vector that a track reference names in this context
    (worked out once per reference and context: effects ask this all the time)."""
    key = (slots_for, track, seat, relation, ctx.seat, ctx.target)
    found: tuple[int, ...] | None = scenario.memo.get(key)
    if found is None:
        found = scenario.memo[key] = _slots_for(track, seat, relation, ctx, scenario)
    return found


def _slots_for(
    track: str, seat: str | None, relation: str | None, ctx: Ctx, scenario: Scenario
) -> tuple[int, ...]:
    slots = scenario.slots
    scope = scenario.track_by_id[track].scope
    if scope == "global":
        return (slots[(track, None)],)
    if scope == "seat":
        word = seat or SELF
        if word == SELF:
            return () if ctx.seat is None else (slots[(track, ctx.seat)],)
        return tuple(slots[(track, s)] for s in seats_for(word, ctx, scenario))
    if relation in (None, TARGET):
        if ctx.seat is None or ctx.target is None:
            return ()
        rel = scenario.relation_of.get(frozenset((ctx.seat, ctx.target)))
        return () if rel is None else (slots[(track, rel.id)],)
    return (slots[(track, relation)],)


def fixed_slots(
    track: str, seat: str | None, relation: str | None, scenario: Scenario
) -> tuple[int, ...] | None:
    """The slots a track reference names whatever the context (a global track, a named
    seat or relation, `all`), or None if they depend on its `self` or `target`: what a
    compiled effect or condition can look up once, when it is made."""
    scope = scenario.track_by_id[track].scope
    if scope == "seat" and (seat or SELF) in (SELF, TARGET, OTHERS):
        return None
    if scope == "relation" and relation in (None, TARGET):
        return None
    return _slots_for(track, seat, relation, Ctx(), scenario)


def _value(cond: TrackIs, state: AnyType, ctx: Ctx) -> int | None:
    slots = slots_for(cond.track, cond.seat, cond.relation, ctx, state.scenario)
    return state.tracks[slots[0]] if slots else None


def holds(cond: Condition, state: AnyType, ctx: Ctx) -> bool:
    """Whether a condition holds. A reference that names nothing (no target) fails."""
    match cond:
        case TrackIs():
            v = _value(cond, state, ctx)
            return (
                v is not None
                and (cond.at_least is None or v >= cond.at_least)
                and (cond.at_most is None or v <= cond.at_most)
            )
        case FlagIs(flag):
            return flag in state.flags
        case RoundIs(at_least, at_most):
            r = state.round
            return (at_least is None or r >= at_least) and (at_most is None or r <= at_most)
        case SeatIs(seats):
            return ctx.seat in seats
        case Not(inner):
            return not holds(inner, state, ctx)
        case All(conds):
            return all(holds(c, state, ctx) for c in conds)
        case Any(conds):
            return any(holds(c, state, ctx) for c in conds)
        case _:
            assert_never(cond)


Test = Callable[[AnyType, Ctx], bool]


def compiled_holds(cond: Condition, scenario: Scenario) -> Test:
    """`holds` worked out ahead for one condition: a function of a state and a context,
    with a track reference looked up once when it names the same slot in every context.
    Compiled effects (an `if`, a track's cap) test their conditions with it; it answers
    exactly as `holds` (tests/test_conditions.py holds them equal on random states)."""
    match cond:
        case TrackIs(track, seat=seat, relation=relation, at_least=lo, at_most=hi):
            fixed = fixed_slots(track, seat, relation, scenario)
            if fixed is None:
                return lambda state, ctx: holds(cond, state, ctx)
            if not fixed:
                return lambda state, ctx: False
            slot = fixed[0]
            if lo is None and hi is None:
                return lambda state, ctx: True
            if hi is None:
                return lambda state, ctx: state.tracks[slot] >= lo
            if lo is None:
                return lambda state, ctx: state.tracks[slot] <= hi
            return lambda state, ctx: lo <= state.tracks[slot] <= hi
        case FlagIs(flag):
            return lambda state, ctx: flag in state.flags
        case Not(inner):
            test = compiled_holds(inner, scenario)
            return lambda state, ctx: not test(state, ctx)
        case All(conds) | Any(conds):
            tests = tuple(compiled_holds(c, scenario) for c in conds)
            if isinstance(cond, All):
                return lambda state, ctx: all(t(state, ctx) for t in tests)
            return lambda state, ctx: any(t(state, ctx) for t in tests)
    return lambda state, ctx: holds(cond, state, ctx)  # a round or a seat: as quick as it is


def all_hold(conds: tuple[Condition, ...], state: AnyType, ctx: Ctx) -> bool:
    return not conds or all(holds(c, state, ctx) for c in conds)  # most are empty: no generator


def margin(cond: Condition, state: AnyType, ctx: Ctx) -> float:
    """How firmly a condition holds: > 0 holds, <= 0 fails, in track steps.

    A track condition one step from flipping has margin 1 (or 0 when it fails by one);
    flags and seats count as +1/-1. Bots weigh objectives by this, so they move towards
    a goal before they reach it.
    """
    match cond:
        case TrackIs():
            v = _value(cond, state, ctx)
            if v is None:
                return -1.0
            lo = v - cond.at_least + 1 if cond.at_least is not None else float("inf")
            hi = cond.at_most - v + 1 if cond.at_most is not None else float("inf")
            return float(min(lo, hi))
        case Not(inner):
            return 1.0 - margin(inner, state, ctx)
        case All(conds):
            return min((margin(c, state, ctx) for c in conds), default=1.0)
        case Any(conds):
            return max((margin(c, state, ctx) for c in conds), default=-1.0)
    return 1.0 if holds(cond, state, ctx) else 0.0


Margin = Callable[[Sequence[int], frozenset[str], int], float]


def compiled_margin(cond: Condition, ctx: Ctx, scenario: Scenario) -> Margin:
    """`margin` worked out ahead for one context: a function of the tracks, flags and
    round alone, for bots that weigh thousands of states. It gives exactly `margin`."""
    margin_of: Margin = eval(f"lambda tracks, flags, rnd: {margin_source(cond, ctx, scenario)}", {"inf": INF})
    return margin_of


INF = float("inf")


def margin_source(cond: Condition, ctx: Ctx, scenario: Scenario) -> str:
    """`margin` for one context as a Python expression of `tracks`, `flags` and `rnd`
    (`inf` standing for infinity), with the references resolved: compiled once, it
    weighs a state with no calls but those of the arithmetic. It does the same float
    operations in the same order as `margin`, so it gives the same numbers exactly."""
    match cond:
        case TrackIs(track, seat=seat, relation=relation, at_least=lo, at_most=hi):
            slots = slots_for(track, seat, relation, ctx, scenario)
            if not slots:
                return "-1.0"
            v = f"tracks[{slots[0]}]"
            if hi is None:
                return "inf" if lo is None else f"float({v} - ({lo}) + 1)"
            if lo is None:
                return f"float(({hi}) - {v} + 1)"
            return f"float(min({v} - ({lo}) + 1, ({hi}) - {v} + 1))"
        case Not(inner):
            return f"(1.0 - {margin_source(inner, ctx, scenario)})"
        case All(conds) | Any(conds):
            if not conds:
                return "1.0" if isinstance(cond, All) else "-1.0"
            parts = ", ".join(margin_source(c, ctx, scenario) for c in conds)
            return f"{'min' if isinstance(cond, All) else 'max'}(({parts},))"
        case FlagIs(flag):
            return f"(1.0 if {flag!r} in flags else 0.0)"
        case RoundIs(at_least, at_most):
            low = "True" if at_least is None else f"rnd >= {at_least}"
            high = "True" if at_most is None else f"rnd <= {at_most}"
            return f"(1.0 if {low} and {high} else 0.0)"
        case SeatIs(seats):
            return "1.0" if ctx.seat in seats else "0.0"
    raise TypeError(f"not a condition: {cond!r}")
