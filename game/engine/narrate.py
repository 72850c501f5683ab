"""Plain words for the log and for conditions, so every screen and report says the same.

The log is kept as data (`entries.LogEntry`); `describe(entry, scenario, viewer)` tells it from
one seat's point of view: the cards a seat drew are named only to that seat. `tell` reads
the log in order, as the room does: a run of changes with one cause is one line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import assert_never

from .entries import (
    COST,
    Adjudicated,
    Capped,
    CardAdded,
    CardRemoved,
    Chose,
    Committed,
    CrisisDrawn,
    Discarded,
    Drew,
    Entry,
    Fizzled,
    FlagChanged,
    FlagToggled,
    GameEnded,
    Injected,
    InterventionEntry,
    LogEntry,
    NoChoice,
    OngoingBegan,
    OngoingEnded,
    Passed,
    Paused,
    PhaseBegan,
    Played,
    Reshuffled,
    Revealed,
    Rolled,
    RoundBegan,
    RoundLimitChanged,
    Said,
    SideEvent,
    SkipNext,
    Skipped,
    ThresholdCrossed,
    TrackMoved,
    TrackSet,
)
from .model import (
    Action,
    ActionPhase,
    Adjudicate,
    Adjust,
    CrisisPhase,
    DecisionKind,
    DiscardCard,
    Inject,
    Move,
    Outcome,
    Pass,
    Pause,
    Phase,
    PickOption,
    PlayCard,
    RoundLimit,
    Scenario,
    SealedPhase,
    Toggle,
    UpkeepPhase,
)
from .vocab import SELF, TARGET, All, Any, Condition, FlagIs, Not, RoundIs, SeatIs, TrackIs


def seat_name(scenario: Scenario, seat: str | None) -> str:
    return scenario.seat(seat).name if seat in scenario.seat_index else (seat or "")


def card_name(scenario: Scenario, card: str | None) -> str:
    c = scenario.cards.get(card or "")
    return c.name if c else (card or "")


def flag_name(scenario: Scenario, flag: str) -> str:
    found = scenario.flag_by_id.get(flag)
    return found.name if found is not None else flag


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
                name = _lower(name)
            elif rel and rel != TARGET:
                prefix = scenario.relation_by_id[rel].name + " "
                name = _lower(name)
            else:
                prefix = ""
            return f"{prefix}{name} {_bounds(lo, hi)}"
        case FlagIs(flag):
            return f"“{flag_name(scenario, flag)}”"
        case RoundIs(lo, hi):
            return f"round {_bounds(lo, hi)}"
        case SeatIs(seats):
            return "played by " + " or ".join(seat_name(scenario, s) for s in seats)
        case Not(FlagIs(flag)):
            return f"no “{flag_name(scenario, flag)}”"
        case Not(inner):
            return f"not ({describe_condition(inner, scenario, seat)})"
        case All(conds):
            return " and ".join(describe_condition(c, scenario, seat) for c in conds)
        case Any(conds):
            return " or ".join(describe_condition(c, scenario, seat) for c in conds)
        case _:
            assert_never(cond)


def _lower(name: str) -> str:
    """A name inside a sentence: "Sanctions pressure" → "sanctions pressure", but an
    acronym keeps its capitals ("DPRK capability", "ICBM progress")."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def _counted(n: int, noun: str) -> str:
    """ "a crisis card", "an opening crisis card", "2 crisis cards"."""
    if n != 1:
        return f"{n} {noun}s"
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _phase(phase: Phase, scenario: Scenario) -> str:
    match phase:
        case CrisisPhase(name=name, draw=draw):
            said = _counted(draw, f"{_lower(name)} card")
        case SealedPhase(name=name):
            said = f"a sealed {_lower(name)} from every nation, revealed together"
        case ActionPhase(turns=turns):
            times = f", {turns} times round the table" if turns > 1 else ""
            said = f"each nation in turn plays one card or passes{times}"
        case UpkeepPhase(name=name):
            said = _lower(name)
        case _:
            assert_never(phase)
    if phase.when:
        said += f" (when {' and '.join(describe_condition(c, scenario) for c in phase.when)})"
    return said


def how_a_round_goes(scenario: Scenario) -> str:
    """The scenario's round in words, phase by phase, for the help screen: rounds are
    scenario data, so no screen may describe one scenario's round as everyone's."""
    return "Each round: " + "; ".join(_phase(p, scenario) for p in scenario.round) + "."


def possessive(name: str) -> str:
    """ "North Korea's", "United States'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def whose(seat: str, card: str) -> str:
    """A seat's card: "North Korea's Nuclear Test", "China's Chinese Model, Chastened"
    (a title's "The" gives way to the possessive)."""
    return f"{possessive(seat)} {card.removeprefix('The ')}"


def _by(entry: Entry, scenario: Scenario) -> str:
    """ "North Korea's Nuclear Test" when the card is the seat's own; "Beijing's Feet
    to the Fire (China)" when the seat acted on another's card (a choice it was given,
    another side's event); the card or seat alone; else "Upkeep"."""
    who, what = seat_name(scenario, entry.seat), card_name(scenario, entry.card)
    if who and what:
        return whose(who, what) if _owns(scenario, entry.seat, entry.card) else f"{what} ({who})"
    return what or who or "Upkeep"


def _owner(scenario: Scenario, card_id: str | None) -> str | None:
    """Whose card it is: its side, else its deck's owner (None for a crisis card that
    is nobody's)."""
    card = scenario.cards.get(card_id or "")
    if card is None:
        return None
    if card.side is not None:
        return card.side
    deck = scenario.decks[scenario.deck_index[card.deck]] if card.deck in scenario.deck_index else None
    return deck.owner if deck is not None else None


def _owns(scenario: Scenario, seat: str | None, card_id: str | None) -> bool:
    owner = _owner(scenario, card_id)
    return owner is not None and owner == seat


def _chooser(e: Entry, sc: Scenario, chosen: str = "") -> str | None:
    """A change a seat made by answering another's card (a card's effects resolve for
    another seat only when it asks that seat to choose), in words: "China's choice of
    “Refuse” on United States' Beijing's Feet to the Fire"; `chosen`, the option's label
    where the narration knows it. None for any other change."""
    if e.rule or not (e.seat and e.card) or _owns(sc, e.seat, e.card):
        return None
    owner = _owner(sc, e.card)
    card = whose(seat_name(sc, owner), card_name(sc, e.card)) if owner else card_name(sc, e.card)
    choice = f"choice of “{chosen}”" if chosen else "choice"
    return f"{possessive(seat_name(sc, e.seat))} {choice} on {card}"


#: The viewer who sees everything: the facilitator, and the report after the game.
WHITE_CELL = "white cell"


def track_words(scenario: Scenario, label: str) -> str:
    """A track value as a sentence names it: "Tension", "North Korea's resources",
    "U.S.–ROK cohesion"."""
    sc = scenario
    slot = sc.slot_labels.index(label)
    owner = label.rpartition(".")[0]
    if owner in sc.seat_index:
        return f"{possessive(sc.seat(owner).name)} {_lower(sc.slot_track[slot].name)}"
    return sc.slot_name(slot)


def _holds(cond: Condition, scenario: Scenario) -> str:
    """A condition as a reason that holds: "sanctions pressure is at least 4",
    "“Caretaker government in Seoul” is in force" (a flag's name quoted, since some are
    sentences: "“North Korea has struck” is in force"), "tension is below 7"."""
    match cond:
        case TrackIs(_, _, _, lo, hi):
            words = describe_condition(cond, scenario)
            bounds = _bounds(lo, hi)
            return f"{_lower(words[: -len(bounds)])}is {bounds}"
        case FlagIs(flag):
            return f"“{flag_name(scenario, flag)}” is in force"
        case Not(FlagIs(flag)):
            return f"“{flag_name(scenario, flag)}” is not in force"
        case Not(TrackIs(track, seat, rel, lo, None)) if lo is not None:
            return _holds(TrackIs(track, seat, rel, None, lo - 1), scenario).replace(
                f"at most {lo - 1}", f"below {lo}"
            )
        case Not(TrackIs(track, seat, rel, None, hi)) if hi is not None:
            return _holds(TrackIs(track, seat, rel, hi + 1, None), scenario).replace(
                f"at least {hi + 1}", f"above {hi}"
            )
        case All(conds):
            return " and ".join(_holds(c, scenario) for c in conds)
        case _:
            return describe_condition(cond, scenario)


def _cause(e: Entry, sc: Scenario, chosen: str = "") -> str:
    """Who or what made a change: "United States' Envoy to an Ally", "Upkeep",
    "Tourist boycott (China's Boycott Lotte)", "China's choice on United States' Beijing's
    Feet to the Fire"."""
    by = _chooser(e, sc, chosen) or _by(e, sc)
    if e.rule:
        return f"{e.rule} ({by})" if (e.seat or e.card) and "(" not in by else e.rule
    return by


def _reason(e: Entry, sc: Scenario) -> str:
    """Why a rule made a change, as a closing parenthesis: " (because sanctions
    pressure is at least 4)", " (as every round)" for the upkeep's own changes."""
    why = reason(e, sc)
    return f" ({why})" if why else ""


def reason(e: Entry, sc: Scenario) -> str:
    """Why a rule made a change, in words: "because sanctions pressure is at least 4",
    "as every round" (the upkeep's own changes), or nothing."""
    if e.because:
        return f"because {' and '.join(_holds(c, sc) for c in e.because)}"
    return "as every round" if not (e.seat or e.card or e.rule) else ""


def _place(e: CardAdded, sc: Scenario) -> str:
    """Where an added card went, and what that means for the table."""
    card = sc.cards.get(e.card or "")
    deck = sc.deck(card.deck) if card is not None and card.deck in sc.deck_index else None
    if e.into == "hand" and e.seat:
        return f"goes into {possessive(seat_name(sc, e.seat))} hand (so everyone knows {seat_name(sc, e.seat)} holds it)"
    pile = f"the {deck.name}" if deck else "its deck"
    if e.into == "top":
        when = "next round" if deck is not None and deck.kind == "crisis" else "next"
        return f"is now on top of {pile}: it is drawn {when}"
    return f"is shuffled into {pile}: it may be drawn from now on"


def _threshold(e: ThresholdCrossed, sc: Scenario) -> str:
    """ "Tension reached 7 (▲ On the brink): every incident now risks war ..." """
    track = sc.slot_track[sc.slot_labels.index(e.track)]
    mark = next((t for t in track.thresholds if t.at == e.at and t.name == e.name), None)
    falls = mark is not None and mark.when == "falls"
    said = f"{label_name(sc, e.track)} {'fell to' if falls else 'reached'} {e.at} ({'▼' if falls else '▲'} {e.name})"
    if mark is not None and mark.end:
        outcome = sc.outcome(mark.end).name
        said += ": the game ends" + (f" — {outcome}" if outcome != e.name else "")
    elif mark is not None and mark.text:
        said += f": {mark.text}"
    return said


def _phase_began(name: str, sc: Scenario) -> str:
    phase = next((p for p in sc.round if p.name == name), None)
    match phase:
        case CrisisPhase():
            what = f"{_counted(phase.draw, 'crisis card')} is drawn and takes effect"
            what = (
                what[:1].upper() + what[1:]
                if phase.draw == 1
                else f"{phase.draw} crisis cards are drawn and take effect"
            )
        case SealedPhase():
            what = "every nation picks a card in secret; all are revealed together, then take effect in turn"
        case ActionPhase():
            what = "each nation in turn plays one card or passes"
        case UpkeepPhase():
            what = "the end-of-round changes, then hands are refilled"
        case _:
            return f"{name} phase"
    return f"{name} phase: {_lower(what)}"


def _roll(e: Rolled, sc: Scenario) -> str:
    """ "rolled 1d6 → 4 + 3 for Risk of miscalculation = 7" """
    mods = "".join(f" {'+' if v >= 0 else '−'} {abs(v)} for {track_words(sc, t)}" for t, v in e.mods)
    total = f" {e.total}{mods} = {e.result}" if mods else f" {e.total}"
    if not mods and e.result != e.total:  # a modifier the entry does not name
        total += f" (modified to {e.result})"
    return f"rolled {e.dice} →{total}"


def _again(rounds: int) -> str:
    """When an ongoing effect acts: "at the end of each of the next 2 rounds"."""
    return (
        "at the end of the next round" if rounds == 1 else f"at the end of each of the next {rounds} rounds"
    )


def describe(entry: LogEntry, scenario: Scenario, viewer: str | None = None, *, chosen: str = "") -> str:
    """One log entry in plain words, as `viewer` may see it (None: the public;
    `WHITE_CELL`: the facilitator, who sees every card): what happened, and what it
    means where that is not plain (where a card went, why the upkeep changed a track,
    what a threshold does). `chosen`: the option the entry's seat picked on another's
    card, where the entry follows that choice (`tell` knows it)."""
    sc, e = scenario, entry
    who, what = seat_name(sc, e.seat), card_name(sc, e.card)
    match e:
        case RoundBegan():
            return f"— {sc.round_name(e.round)} begins —"
        case PhaseBegan():
            return _phase_began(e.name, sc)
        case Drew():
            if viewer in (e.seat, WHITE_CELL) and e.cards:
                return f"{who} drew " + ", ".join(card_name(sc, c) for c in e.cards)
            return f"{who} drew {e.count} card{'s' if e.count != 1 else ''} (unseen by the others)"
        case CrisisDrawn():
            return f"Crisis: {what}" + (f" ({possessive(who)} event)" if who else "")
        case Played():
            op = sc.operation(e.op) if e.op is not None else None
            if e.op is not None:
                how = (
                    f" for an operation instead of its event: {op.name}"
                    if op is not None
                    else " for an operation"
                )
            else:
                how = ""
            return f"{who} played {what}{how}" + (f" — “{e.why}”" if e.why else "")
        case Passed():
            return f"{who} passed" + (f" — “{e.why}”" if e.why else "")
        case Committed():
            return f"{who} chose a headline card in secret"
        case Revealed():
            return "Headlines revealed: each now takes effect in turn"
        case TrackMoved() if e.rule == COST:
            paid = _lower(sc.slot_track[sc.slot_labels.index(e.track)].name)
            return f"{who} paid {e.old - e.new} {paid} for {what} ({e.old} → {e.new})"
        case TrackMoved():
            return _moved((e,), sc, chosen)
        case Capped():
            track = sc.slot_track[sc.slot_labels.index(e.track)]
            unless = f" unless {_holds(track.cap.unless, sc)}" if track.cap is not None else ""
            return f"{label_name(sc, e.track)} stays at {e.at}: it cannot go higher{unless}"
        case ThresholdCrossed():
            return _threshold(e, sc)
        case FlagChanged():
            state = "is now in force" if e.raised else "is lifted"
            return f"{_cause(e, sc, chosen)}: “{flag_name(sc, e.flag)}” {state}{_reason(e, sc)}"
        case Reshuffled():
            return f"The {sc.deck(e.deck).name} ran out: its discards were shuffled back in"
        case Discarded():
            cause = card_name(sc, e.cause)
            return f"{who} discarded {what}" + (f" (because of {cause})" if cause else "")
        case Rolled():
            return f"{_cause(e, sc, chosen)}{_reason(e, sc)}: {_roll(e, sc)}" + (
                f": {e.text}" if e.text else ""
            )
        case Chose():
            owner = _owner(sc, e.card)
            card = whose(seat_name(sc, owner), what) if owner and owner != e.seat else what
            return (
                f"{who} chose “{e.option}”"
                + (f" for {card}" if what else "")
                + (f" — “{e.why}”" if e.why else "")
            )
        case NoChoice():
            return f"{who} could not answer “{e.prompt}”: none of its options is open now"
        case CardAdded():
            by = e.rule or (card_name(sc, e.cause) if e.cause and e.cause != e.card else "")
            cause = f"{by}: " if by else ""
            return f"{cause}{what} {_place(e, sc)}{_reason(e, sc) if not cause else ''}"
        case CardRemoved():
            return f"{what} is out of the game for good"
        case SkipNext():
            times = "next action" if e.count == 1 else f"next {e.count} actions"
            return f"{who} will lose its {times} ({e.rule or what or 'upkeep'}){_reason(e, sc)}"
        case Skipped():
            return f"{who} loses this action (a lost turn from earlier)"
        case OngoingBegan():
            return f"{_cause(e, sc, chosen)}: {e.name} takes effect again {_again(e.rounds)}{_reason(e, sc)}"
        case OngoingEnded():
            return f"{e.name} ends (its rounds have run out)"
        case SideEvent():
            return f"{what} is {possessive(who)} card, so its event happens too"
        case Fizzled():
            return f"{possessive(who)} headline {what} does nothing: {e.reason}"
        case Said():
            return e.text
        case Injected() | TrackSet() | FlagToggled() | Paused() | RoundLimitChanged() | Adjudicated():
            return f"White cell: {_intervention(e, sc, viewer == WHITE_CELL)}" + (
                f" — “{e.reason}”" if e.reason else ""
            )
        case GameEnded():
            outcome = sc.outcome(e.outcome)
            if outcome.catastrophe and (e.seat or e.card or e.track):
                return f"GAME OVER — {outcome.name}, pushed by {_by(e, sc)}"
            return f"GAME OVER — {outcome.name}"
        case _:
            assert_never(e)


def tell(
    log: Sequence[LogEntry], scenario: Scenario, viewer: str | None = None, start: int = 0
) -> list[tuple[int, str]]:
    """The log as the room reads it, line by line, each with the index of its first
    entry: every entry in words (`describe`), except that what one card or rule did in a
    row (track changes, flags, an ongoing effect, a roll and what its row did) is one
    paragraph that names the cause once, its clauses apart by semicolons; a run of track changes with one
    reason says the reason once ("Upkeep, as every round, raised every nation's
    resources by 1 (…) and lowered …"); and a change made by a seat's answer to
    another's card names the option it chose. The entries stay as they are; only their
    words are grouped. From `start` (the first entry of a line told before), only the
    lines from there on: what follows cannot change the lines before it."""
    lines: list[tuple[int, str]] = []
    chose: Chose | None = None  # the last answer to a card's question, this turn
    for e in reversed(log[:start]):  # as it stood at `start`
        if isinstance(e, (Chose, Played, Passed, PhaseBegan, RoundBegan)):
            chose = e if isinstance(e, Chose) else None
            break
    i = start
    while i < len(log):
        e = log[i]
        if isinstance(e, Chose):
            chose = e
        elif isinstance(e, (Played, Passed, PhaseBegan, RoundBegan)):
            chose = None
        answered = chose.option if chose is not None and (chose.seat, chose.card) == (e.seat, e.card) else ""
        end = i + 1
        grouped = _same_paragraph if _in_paragraph(e) else _same_cause  # the upkeep: one reason a line
        if isinstance(e, TrackMoved | FlagChanged | OngoingBegan | Rolled) and e.rule != COST:
            while end < len(log) and grouped(log[end], e):
                end += 1
        parts = _parts(log[i:end])
        if len(parts) > 1:
            said = "; ".join(_clause(part, scenario) for part in parts)
            lines.append((i, f"{_cause(e, scenario, answered)} {said}"))
        elif end > i + 1:
            lines.append((i, _moved([x for x in parts[0] if isinstance(x, TrackMoved)], scenario, answered)))
        else:
            lines.append((i, describe(e, scenario, viewer, chosen=answered)))
        i = end
    return lines


#: What the entries of one paragraph have in common: their cause.
_BY = attrgetter("round", "seat", "card", "rule")
#: What a run of track changes told as one clause has in common: its cause and reason.
_CAUSE = attrgetter("round", "seat", "card", "rule", "because")


def _in_paragraph(e: LogEntry) -> bool:
    """A change a card or a rule made (the upkeep's own changes, each with its reason,
    stay apart)."""
    caused = isinstance(e, (FlagChanged, OngoingBegan, Rolled)) or (
        isinstance(e, TrackMoved) and e.rule != COST
    )
    return caused and bool(e.seat or e.card or e.rule)


def _same_paragraph(x: LogEntry, e: LogEntry) -> bool:
    return _in_paragraph(x) and _BY(x) == _BY(e)


def _same_cause(x: LogEntry, e: LogEntry) -> bool:
    return isinstance(x, TrackMoved) and isinstance(e, TrackMoved) and _CAUSE(x) == _CAUSE(e)


def _parts(run: Sequence[LogEntry]) -> list[Sequence[LogEntry]]:
    """A paragraph's clauses: each entry alone, but a run of track changes with one
    reason together."""
    parts: list[Sequence[LogEntry]] = []
    start = 0
    for k in range(1, len(run) + 1):
        if k == len(run) or not _same_cause(run[k], run[k - 1]):
            parts.append(run[start:k])
            start = k
    return parts


def _clause(part: Sequence[LogEntry], sc: Scenario) -> str:
    """One clause of a paragraph, to follow its cause: "raised Tension 5 → 6 (because
    …)", "put “THAAD deployed” in force", "rolled 1d6 → 4: …". A flag's name is quoted
    there: some are sentences ("North Korea has struck") that would not read unquoted."""
    e = part[0]
    match e:
        case TrackMoved():
            return _changes([x for x in part if isinstance(x, TrackMoved)], sc) + _reason(e, sc)
        case FlagChanged():
            flag = f"“{flag_name(sc, e.flag)}”"
            return (f"put {flag} in force" if e.raised else f"lifted {flag}") + _reason(e, sc)
        case OngoingBegan():
            return f"made {e.name} take effect again {_again(e.rounds)}{_reason(e, sc)}"
        case Rolled():
            return f"{_roll(e, sc)}{_reason(e, sc)}" + (f": {e.text.rstrip('.')}" if e.text else "")
        case _:
            return describe(e, sc)


def _moved(run: Sequence[TrackMoved], sc: Scenario, chosen: str = "") -> str:
    """Track changes with one cause and one reason, in one sentence: "United States'
    B-1B Bombers over Korea raised U.S.–ROK cohesion 5 → 6, Tension 5 → 6 and Japan's
    support 4 → 5 and lowered …" (`_changes`)."""
    first = run[0]
    changes = _changes(run, sc)
    why = reason(first, sc)
    if len(run) == 1:
        return f"{_cause(first, sc, chosen)} {changes}" + (f" ({why})" if why else "")
    return f"{_cause(first, sc, chosen)}" + (f", {why}," if why else "") + f" {changes}"


def _changes(run: Sequence[TrackMoved], sc: Scenario) -> str:
    """Track changes as a verb phrase: "raised U.S.–ROK cohesion 5 → 6 and Tension 5 → 6
    and lowered …"; a change to every nation's track by the same amount is said so, with
    each nation's values after it."""
    items: list[tuple[str, str]] = []  # (verb, what moved)
    i = 0
    while i < len(run):
        m = run[i]
        verb = "raised" if m.new > m.old else "lowered"
        owner, _, track = m.track.rpartition(".")
        same = [m]
        while i + len(same) < len(run) and _alike(run[i + len(same)], m):
            same.append(run[i + len(same)])
        owners = [x.track.rpartition(".")[0] for x in same]
        if owner in sc.seat_index and len(same) > 1 and sorted(owners) == sorted(sc.seat_index):
            name = _lower(sc.track_by_id[track].name)
            each = ", ".join(
                f"{seat_name(sc, o)} {x.old} → {x.new}" for o, x in zip(owners, same, strict=True)
            )
            items.append((verb, f"every nation's {name} by {abs(m.new - m.old)} ({each})"))
            i += len(same)
            continue
        prev = run[i - 1] if i else None
        said_track = (
            prev is not None
            and owner in sc.seat_index
            and prev.track.rpartition(".")[2] == track
            and (prev.new > prev.old) == (m.new > m.old)
        )
        what = possessive(seat_name(sc, owner)) if said_track else track_words(sc, m.track)
        items.append((verb, f"{what} {m.old} → {m.new}"))
        i += 1
    clauses: list[tuple[str, list[str]]] = []  # each verb once: "raised A, B and C"
    for verb, what in items:
        if clauses and clauses[-1][0] == verb:
            clauses[-1][1].append(what)
        else:
            clauses.append((verb, [what]))
    said = [f"{verb} {_and(whats)}" for verb, whats in clauses]
    if len(said) == 1:
        return said[0]
    listed = any(len(whats) > 1 for _, whats in clauses)  # "raised A and B, and lowered C"
    return f"{', '.join(said[:-1])}{', and' if listed else ' and'} {said[-1]}"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _alike(x: TrackMoved, m: TrackMoved) -> bool:
    """The same track of another nation, moved the same way by the same amount."""
    (xo, _, xt), (mo, _, mt) = x.track.rpartition("."), m.track.rpartition(".")
    return xt == mt and xo != mo and x.new - x.old == m.new - m.old


def _intervention(e: InterventionEntry, sc: Scenario, private: bool) -> str:
    """What the facilitator did, without the reason; the card put on top of the crisis
    deck is named only to the facilitator (`private`)."""
    match e:
        case Injected(top=str(top)):
            return f"{card_name(sc, top) if private else 'a card'} put on top of the crisis deck"
        case Injected():
            return f"{card_name(sc, e.card)} injected" + (f" for {seat_name(sc, e.seat)}" if e.seat else "")
        case TrackSet():
            return f"{label_name(sc, e.track)} set {e.old} → {e.new}"
        case FlagToggled():
            return f"{flag_name(sc, e.flag)} {'put in force' if e.on else 'lifted'}"
        case Paused():
            return "game paused" if e.paused else "game resumed"
        case RoundLimitChanged():
            return f"round limit changed {e.old} → {e.new}"
        case Adjudicated():
            return f"game ended: {sc.outcome(e.outcome).name}"
        case _:
            assert_never(e)


def describe_decision(kind: DecisionKind, who: str, question: str = "", count: int = 0) -> str:
    """What the seat `who` is asked, as its own screen says it ("Play a card or pass",
    a card's question); to everyone else, whose decision it is."""
    match kind:
        case "wait":
            return f"Waiting for {who}"
        case "turn":
            return "Play a card or pass"
        case "headline":
            return "Choose a sealed headline card, or pass"
        case "choice":
            return question[:1].upper() + question[1:]
        case "discard":
            return f"Discard {count} card{'s' if count > 1 else ''}"
        case _:
            assert_never(kind)


def describe_action(action: Action, scenario: Scenario, options: Mapping[int, str] | None = None) -> str:
    """An action in words for the seat about to take it, as the table offers it ("Event:
    Nuclear Test, aimed at Japan"): it names that seat's own cards. `options`: the labels
    of the choice being asked, by index."""
    sc = scenario
    match action:
        case PlayCard(card=card, mode="ops", op=op):
            operation = sc.operation(op or "")
            what = f"{operation.name} ({operation.ops} ops)" if operation else op
            detail = f": {operation.text}" if operation and operation.text else ""
            side = sc.cards[card].side if card in sc.cards else None
            fires = (
                f" — {seat_name(sc, side)}'s event on this card fires too"
                if side and side != action.seat
                else ""
            )
            return f"Operations: {what}{detail}{fires}"
        case PlayCard(card=card, target=target):
            aim = f", aimed at {seat_name(sc, target)}" if target else ""
            return f"Event: {card_name(sc, card)}{aim}"
        case Pass():
            return "Pass"
        case PickOption(option=i):
            labels = options or {}
            return f"Choose: {labels[i]}" if i in labels else f"Choose option {i + 1}"
        case DiscardCard(card=card):
            return f"Discard {card_name(sc, card)}"
        case _:
            assert_never(action)


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


def describe_risk(outcome: Outcome, chance: float) -> str:
    """The warning before a move that may end the game in a catastrophe: "This will end
    the game at once in war on the peninsula." when every trial roll did, else "This may
    end the game at once in war on the peninsula (about 25 in 100)."; then the outcome's
    own words."""
    what = f"the game at once in {_lower(outcome.name)}"
    if chance >= 1:
        said = f"This will end {what}."
    else:
        said = f"This may end {what} (about {max(1, round(chance * 100))} in 100)."
    return f"{said} {outcome.text}".strip()
