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
from .conditions import compiled_margin
from .effects import Draft
from .model import Action, Ctx, GameState, Pass, PlayCard, Scenario
from .rules import legal_actions, lookahead

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
        (float(obj.points), compiled_margin(cond, ctx, sc))
        for obj in (*me.objectives, *me.secret)
        for cond in obj.when
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
    acts = legal_actions(state)
    scores: list[float] = []
    plain: list[bool] = []
    by_op: dict[str | None, float] = {}
    for action in acts:
        jitter, noise = rng.below(noise, 1000)
        ops = _plain_ops(action, seat, sc)
        plain.append(ops)
        if ops and isinstance(action, PlayCard):
            op = action.op
            if op not in by_op:
                by_op[op] = value(lookahead(state, action, dice), seat)
            scores.append(by_op[op] + jitter / 4000)
        else:
            scores.append(value(lookahead(state, action, dice), seat) + jitter / 4000)
    best = max(range(len(acts)), key=scores.__getitem__)  # the first of the best
    if not plain[best]:
        return acts[best]
    events: dict[str, float] = {}
    for action, score in zip(acts, scores, strict=True):
        if isinstance(action, PlayCard) and action.mode == "event":
            events[action.card] = max(events.get(action.card, float("-inf")), score)
    chosen = acts[best]
    op = chosen.op if isinstance(chosen, PlayCard) else None
    same_op = [a for a, p in zip(acts, plain, strict=True) if p and isinstance(a, PlayCard) and a.op == op]
    return min(same_op, key=lambda a: events.get(a.card, float("-inf")))


def _plain_ops(action: Action, seat: str, sc: Scenario) -> bool:
    """An operations play whose card fires no other seat's event."""
    return (
        isinstance(action, PlayCard) and action.mode == "ops" and sc.cards[action.card].side in (None, seat)
    )


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
