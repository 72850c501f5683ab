"""How good a game looks to a seat: the heuristic bot's judgement, which the search
bot also uses to score where its playouts land."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .conditions import INF, margin_source
from .effects import Draft
from .model import Ctx, GameState, Scenario


def value(state: GameState | Draft, seat: str) -> float:
    """How good a state looks to a seat: its objectives and aims, by margin, less the
    danger of catastrophe. A catastrophe that has happened is worst of all."""
    sc = state.scenario
    if state.ending is not None and sc.outcome(state.ending.outcome).catastrophe:
        return -100.0
    weigh: Callable[[Sequence[int], frozenset[str], int], float] | None = sc.memo.get(("value", seat))
    if weigh is None:
        weigh = sc.memo[("value", seat)] = _valuer(sc, seat)
    return weigh(state.tracks, state.flags, state.round)


def _valuer(sc: Scenario, seat: str) -> Callable[[Sequence[int], frozenset[str], int], float]:
    """A seat's `value` of a game not ended in catastrophe, compiled once into one
    Python function (its conditions' margins written out, `margin_source`): the
    heuristic bot asks it of every move it weighs.

    Credit for a condition by its margin: full when it holds by 2, none when it fails
    by 2, so a bot moves towards a goal before it reaches it."""
    me = sc.seat(seat)
    ctx = Ctx(seat)
    terms = [(float(obj.points), cond) for obj in (*me.objectives, *me.secret) for cond in obj.when]
    terms += [(0.5, cond) for cond in me.bot.aims]
    lines = ["def weigh(tracks, flags, rnd):", "    total = 0.0"]
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
    space: dict[str, Any] = {"inf": INF}
    exec("\n".join(lines), space)
    weigh: Callable[[Sequence[int], frozenset[str], int], float] = space["weigh"]
    return weigh
