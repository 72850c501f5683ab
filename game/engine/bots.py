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

from attrs import frozen

from . import rng
from .conditions import margin
from .model import Action, Ctx, GameState, Pass, PlayCard, Scenario
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


def pass_bot(state: GameState) -> Action:
    """Always pass; a choice it cannot pass is answered with its first open option.
    The yardstick of "doing nothing": a seat that plays should clearly beat it."""
    acts = legal_actions(state)
    return next((a for a in acts if isinstance(a, Pass)), acts[0])


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
    tracks = state.tracks
    for slot, end in sc.catastrophe_slots:
        gap = abs(end.at - tracks[slot])
        total -= me.bot.caution * 0.1 * max(0, 4 - gap) ** 2
    return total + 0.02 * sum(tracks[slot] for slot in sc.seat_slots[seat])


def _credit(m: float) -> float:
    """Credit for a condition by its margin: full when it holds by 2, none when it
    fails by 2, so a bot moves towards a goal before it reaches it."""
    return max(0.0, min(1.0, 0.5 + 0.25 * m))


def heuristic_bot(state: GameState) -> Action:
    """The action whose outcome looks best to the seat (one-step look-ahead), with a
    little noise so that games differ.

    An operation bought with one's own card leads to the same place whichever card
    pays for it, so it is looked ahead once; the card spent is then the one whose
    event the bot values least, as a Twilight Struggle player spends a weak event."""
    seat = state.to_act
    assert seat is not None
    sc = state.scenario
    noise = _bot_rng(state, 3)
    dice = _bot_rng(state, 2)  # the bot's guess at the dice, not the game's own
    scores: dict[Action, float] = {}
    by_op: dict[str | None, float] = {}
    for action in legal_actions(state):
        jitter, noise = rng.below(noise, 1000)
        if _plain_ops(action, seat, sc):
            op = action.op  # type: ignore[union-attr]
            if op not in by_op:
                by_op[op] = value(preview(state, action, dice), seat)
            scores[action] = by_op[op] + jitter / 4000
        else:
            scores[action] = value(preview(state, action, dice), seat) + jitter / 4000
    best = max(scores, key=scores.__getitem__)
    if not _plain_ops(best, seat, sc):
        return best
    same_op = [a for a in scores if _plain_ops(a, seat, sc) and a.op == best.op]  # type: ignore[union-attr]
    return min(same_op, key=lambda a: _event_score(scores, a.card))  # type: ignore[union-attr]


def _plain_ops(action: Action, seat: str, sc: Scenario) -> bool:
    """An operations play whose card fires no other seat's event."""
    return (
        isinstance(action, PlayCard) and action.mode == "ops" and sc.cards[action.card].side in (None, seat)
    )


def _event_score(scores: dict[Action, float], card: str) -> float:
    events = [
        v for a, v in scores.items() if isinstance(a, PlayCard) and a.card == card and a.mode == "event"
    ]
    return max(events, default=float("-inf"))


@frozen
class BotKind:
    """A bot as the shells offer it: its name on the command line and in records, a
    label for menus, a line of help, its policy, and a `short` word for the table's
    panels. Adding a bot is adding one here: the CLI, the setup screen, the table and
    the records all read this list."""

    name: str
    label: str
    help: str
    policy: Bot
    short: str


KINDS: tuple[BotKind, ...] = (
    BotKind("heuristic", "Bot (heuristic)", "plays to its objectives, one move ahead", heuristic_bot, "bot"),
    BotKind("random", "Bot (random)", "any legal move", random_bot, "random bot"),
    BotKind(
        "pass",
        "Bot (always passes)",
        "always passes: the yardstick of doing nothing",
        pass_bot,
        "passing bot",
    ),
)
"""Every bot, in the order menus list them; the first is the default."""

BOTS: dict[str, Bot] = {k.name: k.policy for k in KINDS}
DEFAULT_BOT = KINDS[0].name
