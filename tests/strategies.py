"""How the tests build games: hand-built positions, and generated scenarios.

Positions (`give`, `with_tracks`, `with_flags`) rearrange a real game state so a unit
test starts exactly where it wants, keeping every card in exactly one place.

`scenario_files()` is a Hypothesis strategy for whole, valid scenarios written as YAML
text (a `scenario.yaml` and its deck files), so that the property tests run the loader
and its checks on every example, not only the engine. The scenarios draw from the whole
vocabulary: global, seat and relation tracks with random bounds, thresholds (rising and
falling, some ending the game) and caps; relations and flags; a crisis deck and action
decks (possibly shared, possibly absent) whose cards have random effect trees, costs,
requirements, targets, sides, operations values, `once` and reserve cards; operations;
objectives, secret objectives and bot hints; random phases (any kinds, repeated or not)
in a random order, each possibly conditional.

Every construct the loader accepts may appear, decisions inside thresholds and empty
effect lists included: each once exposed an engine bug (see the regression tests in
test_effects.py and test_rules.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from pathlib import Path
from typing import Any, TypeVar

import yaml
from attrs import evolve, frozen
from hypothesis import strategies as st

from game.engine import GameState, Scenario, load_scenario
from game.engine.entries import Entry

E = TypeVar("E", bound=Entry)

# ------------------------------------------------------------------------------ positions


def entries(state: GameState, kind: type[E], since: int = 0) -> list[E]:
    """The log entries of one kind, from entry `since` on."""
    return [e for e in state.log[since:] if isinstance(e, kind)]


def give(state: GameState, seat: str, *cards: str) -> GameState:
    """The state with `cards` moved into `seat`'s hand from wherever they were."""
    moving = set(cards)

    def without(piles: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(c for c in pile if c not in moving) for pile in piles)

    i = state.scenario.seat_index[seat]
    hands = without(state.hands)
    return evolve(
        state,
        draw=without(state.draw),
        discard=without(state.discard),
        hands=(*hands[:i], hands[i] + cards, *hands[i + 1 :]),
        reserve=tuple(c for c in state.reserve if c not in moving),
        removed=tuple(c for c in state.removed if c not in moving),
    )


def set_hand(state: GameState, seat: str, *cards: str) -> GameState:
    """The state with `seat` holding exactly `cards`; what it held goes back under its deck."""
    sc = state.scenario
    back = [c for c in state.hand(seat) if c not in cards]
    draw = list(state.draw)
    for c in back:
        i = sc.deck_index[sc.cards[c].deck]
        draw[i] = (*draw[i], c)
    i = sc.seat_index[seat]
    emptied = evolve(state, draw=tuple(draw), hands=(*state.hands[:i], (), *state.hands[i + 1 :]))
    return give(emptied, seat, *cards)


def with_tracks(state: GameState, values: Mapping[str, int]) -> GameState:
    """The state with track values set by label: `{"tension": 9, "bravo.funds": 0}`."""
    tracks = list(state.tracks)
    for label, value in values.items():
        tracks[state.scenario.slot_labels.index(label)] = value
    return evolve(state, tracks=tuple(tracks))


def with_flags(state: GameState, *flags: str) -> GameState:
    return evolve(state, flags=state.flags | set(flags))


# ---------------------------------------------------------------------- generated scenarios

SEAT_NAMES = ("Amber", "Basalt", "Cobalt", "Dune")

SOURCE = "a generated card for the property tests"


@frozen
class World:
    """What effects and conditions may name in the scenario being generated."""

    seats: tuple[str, ...]
    flags: tuple[str, ...]
    relations: tuple[str, ...]
    tracks: tuple[tuple[str, str, int, int], ...]  # id, scope, min, max
    outcomes: tuple[str, ...]
    cards: tuple[str, ...]
    owned: tuple[str, ...]  # cards of decks a seat holds in hand

    def scoped(self, *scopes: str) -> tuple[tuple[str, str, int, int], ...]:
        return tuple(t for t in self.tracks if t[1] in scopes)


@frozen
class Where:
    """What `self` and `target` mean where an effect is written, and what it may do."""

    has_self: bool
    has_target: bool = False
    card: bool = False  # `remove_card: self` names a card
    ongoing: bool = False  # inside an ongoing effect, which cannot start another
    decisions: bool = True  # may stop and ask a seat


def _seat_word(draw: st.DrawFn, w: World, where: Where, words: bool = True) -> str:
    choices = list(w.seats)
    if words:
        choices += ["all", "others"]
    if where.has_self:
        choices.append("self")
    if where.has_target:
        choices.append("target")
    return draw(st.sampled_from(choices))


def _track_ref(draw: st.DrawFn, w: World, where: Where, key: str) -> tuple[dict[str, Any], int, int]:
    """A reference to one track, as YAML (`{key: id, seat: ...}`), with its bounds."""
    usable = [t for t in w.tracks if t[1] != "relation" or w.relations]
    tid, scope, lo, hi = draw(st.sampled_from(usable))
    ref: dict[str, Any] = {key: tid}
    if scope == "seat":
        seat = _seat_word(draw, w, where)
        if not (seat == "self" and draw(st.booleans())):
            ref["seat"] = seat
    elif scope == "relation":
        options = list(w.relations) + (["target", None] if where.has_self and where.has_target else [])
        relation = draw(st.sampled_from(options))
        if relation is not None:
            ref["relation"] = relation
    return ref, lo, hi


@st.composite
def condition(draw: st.DrawFn, w: World, where: Where, depth: int = 2) -> dict[str, Any]:
    kinds = ["flag", "track", "round", "seat"] + (["not", "all", "any"] if depth > 0 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "flag":
        return {"flag": draw(st.sampled_from(w.flags))}
    if kind == "track":
        ref, lo, hi = _track_ref(draw, w, where, "track")
        a, b = sorted((draw(st.integers(lo, hi)), draw(st.integers(lo, hi))))
        bounds = draw(st.sampled_from([{"at_least": a}, {"at_most": b}, {"at_least": a, "at_most": b}]))
        return {**ref, **bounds}
    if kind == "round":
        a = draw(st.integers(1, 4))
        return {
            "round": draw(st.sampled_from([{"at_least": a}, {"at_most": a}, {"at_least": 1, "at_most": a}]))
        }
    if kind == "seat":
        return {"seat": draw(st.lists(st.sampled_from(w.seats), min_size=1, max_size=2, unique=True))}
    if kind == "not":
        return {"not": draw(condition(w, where, depth - 1))}
    return {kind: draw(st.lists(condition(w, where, depth - 1), min_size=1, max_size=2))}


def conditions(w: World, where: Where, max_size: int = 2) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(condition(w, where, 1), max_size=max_size)


def effects(w: World, where: Where, depth: int = 2, max_size: int = 3) -> st.SearchStrategy[list[Any]]:
    return st.lists(effect(w, where, depth), max_size=max_size)


def _roll(draw: st.DrawFn, w: World, where: Where, depth: int) -> dict[str, Any]:
    dice = draw(st.sampled_from(["1d6", "2d6", "1d4", "d3"]))
    count, sides = int(dice.partition("d")[0] or 1), int(dice.partition("d")[2])
    out: dict[str, Any] = {"roll": dice}
    if draw(st.booleans()):  # modified by tracks: the table may cover any range
        plus, minus = draw(st.integers(0, 2)), draw(st.integers(0, 2))
        for key, n in (("plus", plus or not minus), ("minus", minus)):
            if n:
                out[key] = [_track_ref(draw, w, where, "track")[0] for _ in range(n)]
        lo = draw(st.integers(-3, 3))
        hi = lo + draw(st.integers(0, 8))
    else:
        lo = count - draw(st.integers(0, 1))
        hi = count * sides + draw(st.integers(0, 1))
    cuts = sorted(draw(st.sets(st.integers(lo + 1, hi), max_size=2))) if hi > lo else []
    starts = [lo, *cuts]
    ends = [c - 1 for c in cuts] + [hi]
    out["table"] = [
        {
            "roll": f"{a}..{b}",
            "text": f"row {n}",
            "effects": draw(effects(w, where, depth - 1, 2)),
        }
        for n, (a, b) in enumerate(zip(starts, ends, strict=True))
    ]
    return out


#: Every effect the generated scenarios use (tests/test_vocab.py: every kind there is).
EFFECT_FORMS = ("say", "shift", "set", "set_flag", "clear_flag", "draw", "discard", "skip")
NESTED_FORMS = ("if", "roll", "choose", "ongoing")
CARD_FORMS = ("add_card", "remove_card")
GENERATED_EFFECTS = (*EFFECT_FORMS, *NESTED_FORMS, *CARD_FORMS, "end_game")


@st.composite
def effect(draw: st.DrawFn, w: World, where: Where, depth: int = 2) -> dict[str, Any]:
    kinds = ["shift", *EFFECT_FORMS]  # shift twice as often
    if depth > 0:
        skip = {"choose"} if not where.decisions else set()
        skip |= {"ongoing"} if where.ongoing else set()
        kinds += [k for k in NESTED_FORMS if k not in skip]
    if w.cards:
        kinds += CARD_FORMS
    kinds.append("end_game")
    kind = draw(st.sampled_from(kinds))
    match kind:
        case "say":
            return {"say": f"said {draw(st.integers(0, 99))}"}
        case "shift":
            ref, _, _ = _track_ref(draw, w, where, "shift")
            by = draw(st.one_of(st.integers(-3, 3), st.sampled_from([-20, 20])))
            return {**ref, "by": by}
        case "set":
            ref, lo, hi = _track_ref(draw, w, where, "set")
            return {**ref, "to": draw(st.integers(lo, hi))}
        case "set_flag" | "clear_flag":
            return {kind: draw(st.sampled_from(w.flags))}
        case "draw":
            return {"draw": _seat_word(draw, w, where), "count": draw(st.integers(1, 2))}
        case "discard":
            chosen = where.decisions and draw(st.booleans())
            return {
                "discard": _seat_word(draw, w, where),
                "count": draw(st.integers(1, 2)),
                "random": not chosen,
            }
        case "skip":
            return {"skip": _seat_word(draw, w, where), "count": draw(st.integers(1, 2))}
        case "if":
            out = {"if": draw(condition(w, where, 1)), "then": draw(effects(w, where, depth - 1, 2))}
            if draw(st.booleans()):
                out["else"] = draw(effects(w, where, depth - 1, 2))
            return out
        case "roll":
            return _roll(draw, w, where, depth)
        case "choose":
            chooser = evolve(where, has_self=True)
            options = [
                {
                    "label": f"Option {n}",
                    "text": f"option {n}",
                    "requires": draw(conditions(w, chooser, 1)),
                    "effects": draw(effects(w, chooser, depth - 1, 2)),
                }
                for n in range(draw(st.integers(2, 3)))
            ]
            return {"choose": _seat_word(draw, w, where), "prompt": "Which?", "options": options}
        case "ongoing":
            inner = evolve(where, ongoing=True)
            return {
                "ongoing": f"Running {draw(st.integers(0, 9))}",
                "rounds": draw(st.integers(1, 3)),
                "effects": draw(st.lists(effect(w, inner, depth - 1), max_size=2)),
            }
        case "add_card":
            card = draw(st.sampled_from(w.cards))
            into = draw(st.sampled_from(["deck", "top", "hand"] if card in w.owned else ["deck", "top"]))
            return {"add_card": card, "into": into}
        case "remove_card":
            return {"remove_card": draw(st.sampled_from([*w.cards, *(["self"] if where.card else [])]))}
    if draw(st.integers(0, 3)):  # rarely: most games should run to their round limit
        return {"say": "the end was near"}
    return {"end_game": draw(st.sampled_from(w.outcomes))}


def _bounds(draw: st.DrawFn) -> tuple[int, int, int]:
    lo = draw(st.integers(-3, 2))
    hi = lo + draw(st.integers(1, 12))
    return lo, hi, draw(st.integers(lo, hi))


def _card(draw: st.DrawFn, w: World, cid: str, deck: str, owner: str | None, ops: bool) -> dict[str, Any]:
    card: dict[str, Any] = {
        "id": cid,
        "name": f"Card {cid}",
        "kind": deck,
        "text": f"The text of {cid}.",
        "source": SOURCE,
    }
    if owner is None:  # crisis card: drawn by the engine, acting for its side if any
        side = draw(st.sampled_from([None, *w.seats]))
        if side is not None:
            card["side"] = side
        card["effects"] = draw(st.lists(effect(w, Where(has_self=side is not None, card=True)), max_size=3))
        if draw(st.integers(0, 4)) == 0:
            card["start"] = "reserve"
        return card
    seat_tracks = [t[0] for t in w.scoped("seat")]
    if seat_tracks and draw(st.booleans()):
        card["cost"] = {
            t: draw(st.integers(0, 3)) for t in draw(st.sets(st.sampled_from(seat_tracks), max_size=2))
        }
    if ops:
        card["ops"] = draw(st.integers(0, 3))
    if draw(st.integers(0, 3)) == 0:
        card["side"] = draw(st.sampled_from(w.seats))
    targets = draw(st.lists(st.sampled_from([*w.seats, "others"]), max_size=2, unique=True))
    if targets:
        card["targets"] = targets
    where = Where(has_self=True, has_target=bool(targets), card=True)
    card["requires"] = draw(conditions(w, where, 1))
    card["effects"] = draw(effects(w, where))
    card["once"] = draw(st.booleans())
    card["headline"] = draw(st.booleans()) or draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        card["start"] = "reserve"
    return card


def _phase(draw: st.DrawFn, w: World, kind: str) -> dict[str, Any]:
    nobody = Where(has_self=False)
    phase: dict[str, Any] = {
        "crisis": {"crisis": "Crisis", "deck": "crisis", "draw": draw(st.integers(1, 2))},
        "sealed": {"sealed": "Headline"},
        "actions": {"actions": "Actions", "turns": draw(st.integers(1, 2))},
        "upkeep": {
            "upkeep": "Upkeep",
            "effects": draw(effects(w, nobody, 1, 2)),
            "refill": draw(st.booleans()),
        },
    }[kind]
    if draw(st.integers(0, 4)) == 0:
        phase["when"] = [draw(condition(w, nobody, 1))]
    return phase


def _objectives(draw: st.DrawFn, w: World, prefix: str, most: int) -> list[dict[str, Any]]:
    where = Where(has_self=True)
    return [
        {
            "id": f"{prefix}{n}",
            "name": f"Aim {prefix}{n}",
            "points": draw(st.integers(1, 3)),
            "when": draw(st.lists(condition(w, where, 1), min_size=1, max_size=2)),
        }
        for n in range(draw(st.integers(0, most)))
    ]


@st.composite
def scenario_files(draw: st.DrawFn) -> dict[str, str]:
    """A valid scenario as YAML files: {file name: text}."""
    seats = tuple(f"s{i}" for i in range(draw(st.integers(1, 4))))
    flags = tuple(f"f{i}" for i in range(draw(st.integers(1, 3))))
    pairs = list(combinations(seats, 2))
    linked = draw(st.lists(st.sampled_from(pairs), max_size=2, unique=True)) if pairs else []
    relations = tuple(f"r{i}" for i in range(len(linked)))
    bounds: dict[str, tuple[int, int, int]] = {}
    scopes: dict[str, str] = {}
    for prefix, scope, most in (
        ("g", "global", 3),
        ("p", "seat", 2),
        ("q", "relation", 1 if relations else 0),
    ):
        for i in range(draw(st.integers(1 if scope == "global" else 0, most))):
            bounds[f"{prefix}{i}"], scopes[f"{prefix}{i}"] = _bounds(draw), scope
    outcomes_when = draw(st.integers(0, 2))
    outcome_ids = ("doom", *(f"o{i}" for i in range(outcomes_when)), "even")

    # The cards first, so effects can name them; their effects afterwards.
    has_crisis = draw(st.booleans())
    decks: dict[str, tuple[str | None, list[str]]] = {}
    if has_crisis:
        decks["crisis"] = (None, [f"x-{i}" for i in range(draw(st.integers(1, 4)))])
    seat_deck: dict[str, str | None] = {}
    for s in seats:
        if draw(st.integers(0, 4)):
            decks[s] = (s, [f"{s}-c{i}" for i in range(draw(st.integers(0, 5)))])
            seat_deck[s] = None
        else:  # no deck of its own: shares another seat's, or holds no cards at all
            seat_deck[s] = draw(st.sampled_from([None, *(d for d in decks if d != "crisis")]))
    w = World(
        seats=seats,
        flags=flags,
        relations=relations,
        tracks=tuple((t, scopes[t], bounds[t][0], bounds[t][1]) for t in bounds),
        outcomes=outcome_ids,
        cards=tuple(c for _, cards in decks.values() for c in cards),
        owned=tuple(c for owner, cards in decks.values() if owner for c in cards),
    )
    operations = [
        {
            "id": f"op{i}",
            "name": f"Operation {i}",
            "ops": draw(st.integers(1, 3)),
            "requires": draw(conditions(w, Where(has_self=True), 1)),
            "effects": draw(effects(w, Where(has_self=True), 1, 2)),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    nobody = Where(has_self=False)

    tracks = []
    for tid, (lo, hi, start) in bounds.items():
        track: dict[str, Any] = {"id": tid, "name": f"Track {tid}", "scope": scopes[tid]}
        track.update({"min": lo, "max": hi, "start": start})
        marks = []
        for n in range(draw(st.integers(0, 2))):
            mark: dict[str, Any] = {
                "at": draw(st.integers(lo, hi)),
                "name": f"Mark {tid}-{n}",
                "when": draw(st.sampled_from(["rises", "falls"])),
                "effects": draw(
                    effects(
                        w,
                        Where(
                            has_self=scopes[tid] == "seat",
                        ),
                        1,
                        2,
                    )
                ),
            }
            if draw(st.integers(0, 3)) == 0:
                mark["end"] = draw(st.sampled_from(outcome_ids))
            marks.append(mark)
        track["thresholds"] = marks
        if draw(st.integers(0, 2)) == 0:
            track["cap"] = {"at": draw(st.integers(lo, hi)), "unless": draw(condition(w, nobody, 1))}
        tracks.append(track)

    seat_list = []
    for n, s in enumerate(seats):
        seat: dict[str, Any] = {"id": s, "name": SEAT_NAMES[n]}
        seat["control"] = draw(st.sampled_from(["human", "bot"]))
        if seat_deck[s] is not None:
            seat["deck"] = seat_deck[s]
        own = [t for t in bounds if scopes[t] == "seat"]
        started = draw(st.sets(st.sampled_from(own))) if own else set()
        seat["start"] = {t: draw(st.integers(bounds[t][0], bounds[t][1])) for t in sorted(started)}
        seat["objectives"] = _objectives(draw, w, "pub", 2)
        seat["secret"] = _objectives(draw, w, "sec", 1)
        seat["bot"] = {
            "aims": draw(conditions(w, Where(has_self=True), 1)),
            "caution": draw(st.integers(0, 10)),
        }
        seat_list.append(seat)

    relation_list = [
        {
            "id": r,
            "name": f"Relation {r}",
            "seats": list(pair),
            "start": {t: bounds[t][2] for t in bounds if scopes[t] == "relation" and draw(st.booleans())},
        }
        for r, pair in zip(relations, linked, strict=True)
    ]

    deck_files: dict[str, dict[str, Any]] = {}
    for did, (owner, cards) in decks.items():
        deck: dict[str, Any] = {"deck": did, "name": f"Deck {did}", "kind": "action" if owner else "crisis"}
        if owner:
            deck["owner"] = owner
        deck["cards"] = [_card(draw, w, c, did, owner, bool(operations)) for c in cards]
        deck_files[f"{did}.yaml"] = deck

    kinds = ["actions", "sealed", "upkeep", *(["crisis"] if has_crisis else [])]
    order = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=5))
    if "actions" not in order and "sealed" not in order:
        order.append(draw(st.sampled_from(["actions", "sealed"])))
    phases = [_phase(draw, w, kind) for kind in order]

    outcomes = [
        {"id": "doom", "name": "Doom", "catastrophe": True},
        *(
            {"id": o, "name": f"Outcome {o}", "when": draw(conditions(w, nobody, 2)) or [{"flag": flags[0]}]}
            for o in outcome_ids[1:-1]
        ),
        {"id": "even", "name": "Even"},
    ]
    scenario = {
        "scenario": "generated",
        "name": "A generated scenario",
        "rounds": draw(st.integers(1, 4)),
        "hand_size": draw(st.integers(0, 4)),
        "decks": list(deck_files),
        "seats": seat_list,
        "relations": relation_list,
        "tracks": tracks,
        "flags": [{"id": f, "name": f"Flag {f}", "start": draw(st.booleans())} for f in flags],
        "operations": operations,
        "round": phases,
        "outcomes": outcomes,
    }
    files = {"scenario.yaml": scenario, **deck_files}
    return {name: yaml.safe_dump(data, sort_keys=False, allow_unicode=True) for name, data in files.items()}


def write_scenario(files: Mapping[str, str], folder: Path) -> Scenario:
    """Write generated files into `folder` and load them as a scenario."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_scenario(folder)
