"""How good a game looks to a seat: the heuristic bot's judgement, which the search
bot also uses to score where its playouts land."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from attrs import frozen

from .conditions import INF, margin_source
from .effects import Draft
from .model import Ctx, GameState, Scenario

Valuer = Callable[[GameState | Draft], float]
#: A seat's `value` of a game not over, from its tracks, flags and round alone.
TracksValuer = Callable[[Sequence[int], frozenset[str], int], float]


def value(state: GameState | Draft, seat: str) -> float:
    """How good a state looks to a seat: its objectives and aims, by margin, less the
    danger of catastrophe. A catastrophe that has happened is worst of all."""
    return valuer(state.scenario, seat)(state)


def valuer(sc: Scenario, seat: str) -> Valuer:
    """`value` for one seat, as a function of the state alone: for a bot weighing many."""
    return _weights(sc, seat).of_state


def tracks_valuer(sc: Scenario, seat: str) -> TracksValuer:
    """`value` for one seat of a game not over, from its tracks, flags and round: for a
    bot that works out where a move leads without playing it out (`bots`)."""
    return _weights(sc, seat).of_tracks


@frozen
class _Weights:
    """A seat's `value`, compiled (`_compiled`), both ways it is asked for."""

    of_state: Valuer
    of_tracks: TracksValuer


def _weights(sc: Scenario, seat: str) -> _Weights:
    found: _Weights | None = sc.memo.get((_Weights, seat))
    if found is None:
        found = sc.memo[(_Weights, seat)] = _compiled(sc, seat)
    return found


def _compiled(sc: Scenario, seat: str) -> _Weights:
    """A seat's `value`, compiled once into Python functions (its conditions' margins
    written out, `margin_source`): the heuristic bot asks it of every move it weighs.
    Both functions share one body, so they give the same floats exactly.

    Credit for a condition by its margin: full when it holds by 2, none when it fails
    by 2, so a bot moves towards a goal before it reaches it."""
    me = sc.seat(seat)
    ctx = Ctx(seat)
    terms = [(float(obj.points), cond) for obj in (*me.objectives, *me.secret) for cond in obj.when]
    terms += [(0.5, cond) for cond in me.bot.aims]
    body = ["    total = 0.0"]
    for points, cond in terms:
        body += [
            f"    c = 0.5 + 0.25 * {margin_source(cond, ctx, sc)}",
            f"    total += {points!r} * (1.0 if c > 1.0 else 0.0 if c < 0.0 else c)",
        ]
    caution = me.bot.caution * 0.1
    for slot, end in sc.catastrophe_slots:
        body += [
            f"    gap = 4 - abs(({end.at}) - tracks[{slot}])",
            f"    if gap > 0: total -= {caution!r} * gap**2",
        ]
    mine = " + ".join(f"tracks[{slot}]" for slot in sc.seat_slots[seat]) or "0"
    body.append(f"    return total + 0.02 * ({mine})")
    lines = [
        "def of_state(state):",
        "    if state.ending is not None and state.ending.outcome in catastrophes:",
        "        return -100.0",
        "    tracks, flags, rnd = state.tracks, state.flags, state.round",
        *body,
        "def of_tracks(tracks, flags, rnd):",
        *body,
    ]
    space: dict[str, Any] = {
        "inf": INF,
        "catastrophes": frozenset(o.id for o in sc.outcomes if o.catastrophe),
    }
    exec("\n".join(lines), space)
    return _Weights(space["of_state"], space["of_tracks"])
