"""Plain words for the log and for conditions, so every screen and report says the same.

The log is kept as data (`Entry`); `describe(entry, scenario, viewer)` tells it from
one seat's point of view: the cards a seat drew are named only to that seat.
"""

from __future__ import annotations

from .model import (
    Adjudicate,
    Adjust,
    DiscardCard,
    Entry,
    Inject,
    Move,
    Pass,
    Pause,
    PickOption,
    PlayCard,
    RoundLimit,
    Scenario,
    Toggle,
)
from .vocab import SELF, TARGET, All, Any, Condition, FlagIs, Not, RoundIs, SeatIs, TrackIs


def seat_name(scenario: Scenario, seat: str | None) -> str:
    return scenario.seat(seat).name if seat in scenario.seat_index else (seat or "")


def card_name(scenario: Scenario, card: str | None) -> str:
    c = scenario.cards.get(card or "")
    return c.name if c else (card or "")


def flag_name(scenario: Scenario, flag: str) -> str:
    return next((f.name for f in scenario.flags if f.id == flag), flag)


def label_name(scenario: Scenario, label: str) -> str:
    """ "rok.support" -> "South Korea support"."""
    return scenario.slot_name(scenario.slot_labels.index(label))


def _bounds(at_least: int | None, at_most: int | None) -> str:
    if at_least is not None and at_most is not None:
        return f"{at_least}" if at_least == at_most else f"between {at_least} and {at_most}"
    return f"at least {at_least}" if at_least is not None else f"at most {at_most}"


def describe_condition(cond: Condition, scenario: Scenario, seat: str | None = None) -> str:
    """A condition in words, with `self` read as `seat`."""
    match cond:
        case TrackIs(track, s, rel, lo, hi):
            name = scenario.track_by_id[track].name
            owner = {SELF: seat, None: seat if scenario.track_by_id[track].scope == "seat" else None}.get(
                s, s
            )
            if owner == TARGET:
                prefix = "the target's "
            elif owner:
                prefix = seat_name(scenario, owner) + " "
                name = name.lower()
            elif rel and rel != TARGET:
                prefix = next(r.name for r in scenario.relations if r.id == rel) + " "
                name = name.lower()
            else:
                prefix = ""
            return f"{prefix}{name} {_bounds(lo, hi)}"
        case FlagIs(flag):
            return flag_name(scenario, flag)
        case RoundIs(lo, hi):
            return f"round {_bounds(lo, hi)}"
        case SeatIs(seats):
            return "played by " + " or ".join(seat_name(scenario, s) for s in seats)
        case Not(FlagIs(flag)):
            return f"no {flag_name(scenario, flag)}"
        case Not(inner):
            return f"not ({describe_condition(inner, scenario, seat)})"
        case All(conds):
            return " and ".join(describe_condition(c, scenario, seat) for c in conds)
        case Any(conds):
            return " or ".join(describe_condition(c, scenario, seat) for c in conds)
    return repr(cond)


def possessive(name: str) -> str:
    """ "North Korea's", "United States'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _by(entry: Entry, scenario: Scenario) -> str:
    """ "North Korea's Nuclear Test" when the card is the seat's own; "Beijing's Feet
    to the Fire (China)" when the seat acted on another's card (a choice it was given,
    another side's event); the card or seat alone; else "Upkeep"."""
    who, what = seat_name(scenario, entry.seat), card_name(scenario, entry.card)
    if who and what:
        return f"{possessive(who)} {what}" if _owns(scenario, entry.seat, entry.card) else f"{what} ({who})"
    return what or who or "Upkeep"


def _owns(scenario: Scenario, seat: str | None, card_id: str | None) -> bool:
    card = scenario.cards.get(card_id or "")
    if card is None:
        return False
    if card.side is not None:
        return card.side == seat
    deck = scenario.decks[scenario.deck_index[card.deck]] if card.deck in scenario.deck_index else None
    return deck is not None and deck.owner == seat


#: The viewer who sees everything: the facilitator, and the report after the game.
WHITE_CELL = "white cell"


def describe(entry: Entry, scenario: Scenario, viewer: str | None = None) -> str:
    """One log entry in plain words, as `viewer` may see it (None: the public;
    `WHITE_CELL`: the facilitator, who sees every card)."""
    sc, e = scenario, entry
    who, what = seat_name(sc, e.seat), card_name(sc, e.card)
    match e.kind:
        case "round":
            return f"— {sc.round_name(e.new or 0)} begins —"
        case "phase":
            return f"{e.subject} phase"
        case "draw":
            if viewer in (e.seat, WHITE_CELL) and e.private:
                return f"{who} drew " + ", ".join(card_name(sc, c) for c in e.private)
            return f"{who} drew {e.new} card{'s' if e.new != 1 else ''}"
        case "crisis":
            return f"Crisis: {what}" + (f" ({who})" if who else "")
        case "play":
            how = f" for operations ({sc.operation(e.subject or '').name})" if e.new else ""  # type: ignore[union-attr]
            return f"{who} played {what}{how}" + (f" — “{e.detail}”" if e.detail else "")
        case "pass":
            return f"{who} passed" + (f" — “{e.detail}”" if e.detail else "")
        case "commit":
            return f"{who} committed a sealed headline"
        case "reveal":
            return "Headlines revealed"
        case "track":
            verb = "raised" if (e.new or 0) > (e.old or 0) else "lowered"
            return f"{_by(e, sc)} {verb} {label_name(sc, e.subject or '')} {e.old} → {e.new}"
        case "capped":
            return f"{label_name(sc, e.subject or '')} is capped at {e.new}"
        case "threshold":
            return f"{label_name(sc, e.subject or '')} reached {e.new}: {e.detail}"
        case "flag":
            state = "now in force" if e.new else "lifted"
            return f"{flag_name(sc, e.subject or '')}: {state} ({_by(e, sc)})"
        case "reshuffle":
            return f"The {next(d.name for d in sc.decks if d.id == e.subject)} was reshuffled"
        case "discard":
            return f"{who} discarded {what}"
        case "roll":
            mod = "" if e.old == e.new else f" (modified to {e.new})"
            return f"{_by(e, sc)}: rolled {e.subject} → {e.old}{mod}" + (f": {e.detail}" if e.detail else "")
        case "chose":
            return (
                f"{who} chose “{e.detail}”"
                + (f" for {what}" if what else "")
                + (f" — “{e.subject}”" if e.subject else "")
            )
        case "no_choice":
            return f"{who} had no option open for “{e.detail}”"
        case "card_added":
            return f"{what} enters the game"
        case "card_removed":
            return f"{what} is out of the game"
        case "skip_next":
            return f"{who} will lose its next action"
        case "skipped":
            return f"{who} loses this action"
        case "ongoing":
            return f"{e.subject} in force for {e.new} round{'s' if e.new != 1 else ''} ({_by(e, sc)})"
        case "ongoing_end":
            return f"{e.subject} ends"
        case "side_event":
            return f"{possessive(who)} event on {what} fires"
        case "fizzle":
            return f"{possessive(who)} {what} has no effect: {e.detail}"
        case "say":
            return e.detail
        case "inject" | "adjust" | "toggle" | "pause" | "round_limit" | "adjudicate":
            return f"White cell: {_intervention(e, sc, viewer == WHITE_CELL)}" + (
                f" — “{e.detail}”" if e.detail else ""
            )
        case "end":
            outcome = sc.outcome(e.subject or "")
            if outcome.catastrophe and (e.seat or e.card or e.detail):
                return f"GAME OVER — {outcome.name}, pushed by {_by(e, sc)}"
            return f"GAME OVER — {outcome.name}"
    return f"{e.kind}: {who} {what} {e.subject or ''}".strip()


def _intervention(e: Entry, sc: Scenario, private: bool) -> str:
    """What the facilitator did, without the reason; the card put on top of the crisis
    deck is named only to the facilitator (`private`)."""
    match e.kind:
        case "inject" if e.subject == "top":
            return f"{card_name(sc, e.private[0]) if private else 'a card'} put on top of the crisis deck"
        case "inject":
            return f"{card_name(sc, e.card)} injected" + (f" for {seat_name(sc, e.seat)}" if e.seat else "")
        case "adjust":
            return f"{label_name(sc, e.subject or '')} set {e.old} → {e.new}"
        case "toggle":
            return f"{flag_name(sc, e.subject or '')} {'put in force' if e.new else 'lifted'}"
        case "pause":
            return "game paused" if e.new else "game resumed"
        case "round_limit":
            return f"round limit changed {e.old} → {e.new}"
    return f"game ended: {sc.outcome(e.subject or '').name}"


def describe_move(move: Move, scenario: Scenario) -> str:
    """A step of the record in words, naming its cards (for the facilitator and the
    debrief, never for a seat's screen): "United States played Nuclear Test"."""
    sc = scenario
    who = seat_name(sc, move.seat)
    match move:
        case PlayCard(card=card, mode="ops"):
            return f"{who} played {card_name(sc, card)} for operations"
        case PlayCard(card=card, target=target):
            return f"{who} played {card_name(sc, card)}" + (f" at {seat_name(sc, target)}" if target else "")
        case Pass():
            return f"{who} passed"
        case PickOption(option=i):
            return f"{who} chose option {i + 1}"
        case DiscardCard(card=card):
            return f"{who} discarded {card_name(sc, card)}"
        case Inject(card=card, top=top):
            where = " on top of the crisis deck" if top else ""
            return f"White cell: injected {card_name(sc, card)}{where}"
        case Adjust(track=label, value=value):
            return f"White cell: set {label_name(sc, label)} to {value}"
        case Toggle(flag=flag, on=on):
            return f"White cell: {flag_name(sc, flag)} {'put in force' if on else 'lifted'}"
        case Pause(paused=paused):
            return f"White cell: {'paused' if paused else 'resumed'} the game"
        case RoundLimit(rounds=rounds):
            return f"White cell: round limit set to {rounds}"
        case Adjudicate(outcome=outcome):
            return f"White cell: ended the game: {sc.outcome(outcome).name}"
    return repr(move)
