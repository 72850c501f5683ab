"""The search bot: Monte Carlo search over worlds sampled from what its seat can see.

At each decision the bot deals itself possible worlds: the cards it cannot see (the
other seats' hands, the order of every draw pile, headlines other seats have sealed,
the dice to come) are drawn afresh from its own generator, from the pool each could
have come from, so it never reads another seat's hand. In every world it tries each
of its legal actions and plays the game on a few rounds with quick random play,
scoring where it lands by the heuristic bot's `value`. Each action meets the same
worlds and the same playout dice (common random numbers), so the comparison between
actions is sharper than the number of playouts suggests; the best average wins.

    choose = BOTS["search"]             # the normal level
    choose = search_bot("hard")         # a named level

The bot's generator is seeded by the game's seed and the number of actions so far, as
the other bots' are: the same state gives the same choice, and a game is replayable.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import evolve, frozen

from . import rng
from .effects import Draft
from .model import Action, GameState, Pass
from .rules import apply_action, legal_actions, list_legal
from .values import value


@frozen
class Level:
    """How hard the bot thinks: `worlds` sampled per decision, each action played out
    in every one of them until the end of the round `horizon` rounds ahead."""

    name: str
    worlds: int
    horizon: int


LEVELS: dict[str, Level] = {
    lv.name: lv for lv in (Level("easy", 6, 0), Level("normal", 24, 1), Level("hard", 64, 1))
}
NORMAL = "normal"


def search_bot(level: str = NORMAL) -> Callable[[GameState], Action]:
    """The search bot at a level of `LEVELS`."""
    lv = LEVELS[level]

    def choose(state: GameState) -> Action:
        return decide(state, lv)

    choose.__name__ = f"search_{level}"
    return choose


def decide(state: GameState, lv: Level) -> Action:
    """The action with the best mean value over `lv.worlds` sampled worlds."""
    seat = state.to_act
    assert seat is not None
    acts = legal_actions(state)
    if len(acts) == 1:
        return acts[0]
    gen = rng.next_u64(rng.seed_state(state.seed * 2_000_003 + len(state.history) * 104_729 + 17))[0]
    totals = [0.0] * len(acts)
    horizon = state.round + lv.horizon
    for _ in range(lv.worlds):
        world, gen = sample_world(state, seat, gen)
        dice, gen = rng.next_u64(gen)
        for i, action in enumerate(acts):
            totals[i] += playout(world, action, seat, horizon, dice)
    return acts[max(range(len(acts)), key=totals.__getitem__)]  # the first of the best


def sample_world(state: GameState, seat: str, gen: int) -> tuple[GameState, int]:
    """A world `seat` cannot tell from the real one: every card it cannot see is dealt
    again from the pool it could be in (other seats' hands and the draw piles, deck by
    deck, in sizes as they are), others' sealed headlines are unknown (taken as
    passes), and the dice are new. Only what `seat` can see is read: the pools are
    sorted, so how the real cards lie among them makes no difference."""
    sc = state.scenario
    me = sc.seat_index[seat]
    deck_of = {c.id: sc.deck_index[c.deck] for c in sc.cards.values()}
    pools: list[list[str]] = [list(pile) for pile in state.draw]
    for i, hand in enumerate(state.hands):
        if i != me:
            for card in hand:
                pools[deck_of[card]].append(card)
    for k, pool in enumerate(pools):
        shuffled, gen = rng.shuffled(gen, sorted(pool))
        pools[k] = list(shuffled)
    hands = []
    for i, hand in enumerate(state.hands):
        if i == me:
            hands.append(hand)
        else:
            hands.append(tuple(pools[deck_of[card]].pop() for card in hand))
    sealed = tuple(a if a.seat == seat else Pass(a.seat) for a in state.sealed)
    dice, gen = rng.next_u64(gen)
    world = evolve(
        state, hands=tuple(hands), draw=tuple(tuple(p) for p in pools), sealed=sealed, rng=dice, log=()
    )
    return world, gen


def playout(world: GameState, action: Action, seat: str, horizon: int, dice: int) -> float:
    """Take `action` in `world`, play on at random (with the generator `dice`) until
    the end of round `horizon` or of the game, and value where it lands for `seat`."""
    d = Draft(world, quiet=True)
    apply_action(d, action)
    while d.pending is not None and d.round <= horizon:
        acts = list_legal(d)
        k, dice = rng.below(dice, len(acts))
        apply_action(d, acts[k])
    return value(d, seat)
