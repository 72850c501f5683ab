"""Bots: functions from a state to one of its legal actions.

A bot has no memory; what randomness it uses is drawn from the game's seed and the
number of actions so far, so a bot game is as replayable as any other. Bots read the
whole state for look-ahead but never the dice to come: each look-ahead runs on a
generator of the bot's own.

    choose = BOTS["heuristic"]
    state = step(state, choose(state))
"""

from __future__ import annotations

from collections.abc import Callable

from . import rng
from .conditions import margin
from .model import Action, Ctx, GameState
from .rules import legal_actions, preview

Bot = Callable[[GameState], Action]


def _bot_rng(state: GameState, salt: int) -> int:
    """A generator state for this decision alone, independent of the game's dice."""
    return rng.next_u64(rng.seed_state(state.seed * 1_000_003 + len(state.history) * 7919 + salt))[0]


def random_bot(state: GameState) -> Action:
    """Any legal action, uniformly."""
    acts = legal_actions(state)
    k, _ = rng.below(_bot_rng(state, 1), len(acts))
    return acts[k]


def value(state: GameState, seat: str) -> float:
    """How good a state looks to a seat: its objectives and aims, by margin, less the
    danger of catastrophe. A catastrophe that has happened is worst of all."""
    sc = state.scenario
    if state.ending is not None and sc.outcome(state.ending.outcome).catastrophe:
        return -100.0
    me = sc.seat(seat)
    ctx = Ctx(seat)
    total = 0.0
    for obj in (*me.objectives, *me.secret):
        for cond in obj.when:
            total += obj.points * _credit(margin(cond, state, ctx))
    for cond in me.bot.aims:
        total += 0.5 * _credit(margin(cond, state, ctx))
    for slot, track in enumerate(sc.slot_track):
        end = track.catastrophe
        if end is None:
            continue
        gap = abs(end.at - state.tracks[slot])
        total -= me.bot.caution * 0.1 * max(0, 4 - gap) ** 2
    for (_, owner), slot in sc.slots.items():
        if owner == seat:
            total += 0.02 * state.tracks[slot]
    return total


def _credit(m: float) -> float:
    """Credit for a condition by its margin: full when it holds by 2, none when it
    fails by 2, so a bot moves towards a goal before it reaches it."""
    return max(0.0, min(1.0, 0.5 + 0.25 * m))


def heuristic_bot(state: GameState) -> Action:
    """The action whose outcome looks best to the seat (one-step look-ahead), with a
    little noise so that games differ."""
    seat = state.to_act
    assert seat is not None
    acts = legal_actions(state)
    noise = _bot_rng(state, 3)
    dice = _bot_rng(state, 2)  # the bot's guess at the dice, not the game's own
    best, best_score = acts[0], float("-inf")
    for action in acts:
        jitter, noise = rng.below(noise, 1000)
        s = value(preview(state, action, dice), seat) + jitter / 4000
        if s > best_score:
            best, best_score = action, s
    return best


BOTS: dict[str, Bot] = {"heuristic": heuristic_bot, "random": random_bot}
