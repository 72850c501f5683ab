"""How good a game looks to a seat: the heuristic bot's judgement, which the search
bot also uses to score where its playouts land."""

from __future__ import annotations

from collections.abc import Callable

from .conditions import compiled_margin
from .effects import Draft
from .model import Ctx, GameState, Scenario


def value(state: GameState | Draft, seat: str) -> float:
    """How good a state looks to a seat: its objectives and aims, by margin, less the
    danger of catastrophe. A catastrophe that has happened is worst of all."""
    sc = state.scenario
    if state.ending is not None and sc.outcome(state.ending.outcome).catastrophe:
        return -100.0
    weigh: Callable[[tuple[int, ...], frozenset[str], int], float] | None = sc.memo.get(("value", seat))
    if weigh is None:
        weigh = sc.memo[("value", seat)] = _valuer(sc, seat)
    return weigh(state.tracks, state.flags, state.round)


def _valuer(sc: Scenario, seat: str) -> Callable[[tuple[int, ...], frozenset[str], int], float]:
    """A seat's `value` of a game not ended in catastrophe, with its conditions
    compiled once: the heuristic bot asks it of every move it weighs."""
    me = sc.seat(seat)
    ctx = Ctx(seat)
    terms = [
        (float(obj.points), compiled_margin(cond, ctx, sc)) for obj in (*me.objectives, *me.secret) for cond in obj.when
    ]
    terms += [(0.5, compiled_margin(cond, ctx, sc)) for cond in me.bot.aims]
    danger = [(slot, end.at) for slot, end in sc.catastrophe_slots]
    caution = me.bot.caution * 0.1
    mine = sc.seat_slots[seat]

    def weigh(tracks: tuple[int, ...], flags: frozenset[str], rnd: int) -> float:
        # Credit for a condition by its margin: full when it holds by 2, none when it
        # fails by 2, so a bot moves towards a goal before it reaches it.
        total = 0.0
        for points, m in terms:
            c = 0.5 + 0.25 * m(tracks, flags, rnd)
            total += points * (1.0 if c > 1.0 else 0.0 if c < 0.0 else c)
        for slot, at in danger:
            gap = 4 - abs(at - tracks[slot])
            if gap > 0:
                total -= caution * gap**2
        return total + 0.02 * sum([tracks[slot] for slot in mine])

    return weigh
