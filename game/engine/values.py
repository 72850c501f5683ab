"""How good a game looks to a seat: the heuristic bot's judgement, which the search
bot also uses to score where its playouts land."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .conditions import INF, margin_source
from .effects import Draft
from .model import Ctx, GameState, Scenario

Valuer = Callable[[GameState | Draft], float]


def value(state: GameState | Draft, seat: str) -> float:
    """How good a state looks to a seat: its objectives and aims, by margin, less the
    danger of catastrophe. A catastrophe that has happened is worst of all."""
    return valuer(state.scenario, seat)(state)


def valuer(sc: Scenario, seat: str) -> Valuer:
    """`value` for one seat, as a function of the state alone: for a bot weighing many."""
    weigh: Valuer | None = sc.memo.get(("value", seat))
    if weigh is None:
        weigh = sc.memo[("value", seat)] = _compiled(sc, seat)
    return weigh


def _compiled(sc: Scenario, seat: str) -> Valuer:
    """A seat's `value`, compiled once into one Python function (its conditions'
    margins written out, `margin_source`): the heuristic bot asks it of every move it
    weighs.

    Credit for a condition by its margin: full when it holds by 2, none when it fails
    by 2, so a bot moves towards a goal before it reaches it."""
    me = sc.seat(seat)
    ctx = Ctx(seat)
    terms = [(float(obj.points), cond) for obj in (*me.objectives, *me.secret) for cond in obj.when]
    terms += [(0.5, cond) for cond in me.bot.aims]
    lines = [
        "def value(state):",
        "    if state.ending is not None and state.ending.outcome in catastrophes:",
        "        return -100.0",
        "    tracks, flags, rnd = state.tracks, state.flags, state.round",
        "    total = 0.0",
    ]
    for points, cond in terms:
        lines += [
            f"    c = 0.5 + 0.25 * {margin_source(cond, ctx, sc)}",
            f"    total += {points!r} * (1.0 if c > 1.0 else 0.0 if c < 0.0 else c)",
        ]
    caution = me.bot.caution * 0.1
    for slot, end in sc.catastrophe_slots:
        lines += [
            f"    gap = 4 - abs(({end.at}) - tracks[{slot}])",
            f"    if gap > 0: total -= {caution!r} * gap**2",
        ]
    mine = " + ".join(f"tracks[{slot}]" for slot in sc.seat_slots[seat]) or "0"
    lines.append(f"    return total + 0.02 * ({mine})")
    space: dict[str, Any] = {
        "inf": INF,
        "catastrophes": frozenset(o.id for o in sc.outcomes if o.catastrophe),
    }
    exec("\n".join(lines), space)
    compiled: Valuer = space["value"]
    return compiled
