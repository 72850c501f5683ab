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
from .model import Action, GameState, Pass, PlayCard, Scenario
from .rules import legal_actions, lookahead
from .search import search_bot
from .shortcut import Shortcuts
from .values import TracksValuer, Valuer, tracks_valuer, value, valuer

Bot = Callable[[GameState], Action]
__all__ = [
    "BOTS",
    "DEFAULT_BOT",
    "KINDS",
    "PLAY_BOT",
    "Bot",
    "BotKind",
    "heuristic_bot",
    "pass_bot",
    "random_bot",
    "value",
]


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


def heuristic_bot(state: GameState) -> Action:
    """The action whose outcome looks best to the seat, with a little noise so that
    games differ. It looks one move ahead: each action is judged where its own
    consequences end, at the next decision or the end of its phase, so the round's last
    move is weighed like every other, not after the upkeep and a crisis card drawn
    with guessed dice (and weighing it costs no more than the others).

    An operation bought with one's own card leads to the same place whichever card
    pays for it, so it is looked ahead once; the card spent is then the one whose
    event the bot values least, as a Twilight Struggle player spends a weak event."""
    seat = state.to_act
    assert seat is not None
    acts = legal_actions(state)
    if len(acts) == 1:
        return acts[0]  # nothing to weigh
    plan = _plan(state.scenario, seat)
    dice = _bot_rng(state, 2)  # the bot's guess at the dice, not the game's own
    jitters = rng.draws_below(_bot_rng(state, 3), 1000, len(acts))
    plain, worth_after = plan.plain_cards, plan.worth_after
    scores: list[float] = []
    own_ops: list[PlayCard] = []  # operations bought with one's own card, in order
    by_op: dict[str | None, float] = {}
    for action, jitter in zip(acts, jitters, strict=True):
        if isinstance(action, PlayCard) and action.mode == "ops" and action.card in plain:
            own_ops.append(action)
            score = by_op.get(action.op)
            if score is None:
                score = by_op[action.op] = worth_after(state, action, dice)
        else:
            score = worth_after(state, action, dice)
        scores.append(score + jitter / 4000)
    chosen = acts[scores.index(max(scores))]  # the first of the best
    op = next((a.op for a in own_ops if a is chosen), None)
    if op is None:
        return chosen
    events: dict[str, float] = {}
    for action, score in zip(acts, scores, strict=True):
        if isinstance(action, PlayCard) and action.mode == "event":
            events[action.card] = max(events.get(action.card, float("-inf")), score)
    same_op = [a for a in own_ops if a.op == op]
    return min(same_op, key=lambda a: events.get(a.card, float("-inf")))


class _Plan:
    """What the heuristic bot works out once per seat of a scenario, for every decision
    it makes there: its valuer, its own cards, and what its moves do (`shortcut`)."""

    def __init__(self, sc: Scenario, seat: str) -> None:
        self.worth: Valuer = valuer(sc, seat)
        self.worth_of_tracks: TracksValuer = tracks_valuer(sc, seat)
        #: The cards whose operations play fires no other seat's event.
        self.plain_cards = frozenset(c.id for c in sc.cards.values() if c.side in (None, seat))
        self.shortcuts = Shortcuts(sc, seat)

    def worth_after(self, state: GameState, action: Action, dice: int) -> float:
        """`worth(lookahead(state, action, dice, within_phase=True))`, the same float,
        worked out without the look-ahead when the move allows it (`shortcut`)."""
        found = self.shortcuts.outcome(state, action)
        if found is None:
            return self.worth(lookahead(state, action, dice, within_phase=True))
        return self.worth_of_tracks(found[0], found[1], state.round)


def _plan(sc: Scenario, seat: str) -> _Plan:
    found: _Plan | None = sc.memo.get((_Plan, seat))
    if found is None:
        found = sc.memo[(_Plan, seat)] = _Plan(sc, seat)
    return found


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
        "search",
        "Bot (search)",
        "plays out worlds sampled from what its seat sees, a round ahead; never sees another hand",
        search_bot("normal"),
        "search bot",
    ),
    BotKind(
        "search-easy", "Bot (search, easy)", "the search bot, thinking little", search_bot("easy"), "easy bot"
    ),
    BotKind(
        "search-hard", "Bot (search, hard)", "the search bot, thinking longer", search_bot("hard"), "hard bot"
    ),
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
PLAY_BOT = "search"
"""The bot `brink play` seats by default: the strongest that decides within a second or
two at the table. Runs of thousands of games (`simulate`) default to `DEFAULT_BOT`."""
