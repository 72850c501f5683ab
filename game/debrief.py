"""The after-action report of one game as Markdown, with charts, for the hotwash.

`brink report RECORD -o DIR` writes `DIR/report.md` and a chart per track; the
terminal text of `report.after_action` is unchanged. What this adds is attribution
read from the typed log: who put the world on the brink and who kept it there (and,
when the deck or the upkeep gave the last push, the choices that made it possible),
headline pile-ups, thresholds crossed, each seat's objectives with the plays that
served or hurt them, how far each outcome was, the white cell's interventions, and,
for a what-if branch, where it left its parent and how the two games differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from attrs import frozen

from .engine import GameState, score, step
from .engine.conditions import slots_for
from .engine.entries import (
    Adjudicated,
    Chose,
    CrisisDrawn,
    FlagChanged,
    FlagToggled,
    Injected,
    Intervened,
    PhaseBegan,
    Played,
    Revealed,
    RoundBegan,
    ThresholdCrossed,
    TrackMoved,
    TrackSet,
)
from .engine.model import Ctx, Objective, Scenario, Threshold
from .engine.narrate import (
    WHITE_CELL,
    card_name,
    describe,
    describe_condition,
    describe_move,
    flag_name,
    label_name,
)
from .engine.record import Record, RecordError, replay, steps_digest
from .engine.record import read as read_record
from .engine.rules import restart
from .engine.vocab import All, Any, Condition, FlagIs, Not, TrackIs
from .report import round_points, timeline

CRISIS, UPKEEP, WHITE = "crisis deck", "upkeep", "white cell"
REPORT_MD = "report.md"


# ------------------------------------------------------------------------ who did what


@frozen
class Move:
    """One change of a track value, with who caused it (a seat, the crisis deck, the
    upkeep or the white cell), the card, and the reason given for the play."""

    round: int
    actor: str
    card: str | None
    track: str
    old: int
    new: int
    why: str
    headline: bool


@frozen
class Crossing:
    """A threshold crossed, with the cause of the move that crossed it."""

    round: int
    actor: str
    card: str | None
    track: str
    at: int
    name: str


def attributed(state: GameState) -> Iterator[Move | Crossing]:
    """Every track change and threshold crossed, in order, with its cause. A crisis
    card's effects are the deck's, even when the card has a side; an injected card's
    are the white cell's; a threshold is crossed by whoever made the move that crossed it."""
    crisis: str | None = None
    injected: str | None = None
    why: dict[tuple[int, str | None, str | None], str] = {}
    headline = False
    last: Move | None = None
    for e in state.log:
        match e:
            case CrisisDrawn(card=card):
                crisis, injected = card, None
            case Injected(card=card) if card:
                injected = card
            case Played(seat=seat, card=card, why=reason):
                crisis = injected = None
                why[(e.round, seat, card)] = reason
            case Chose(seat=seat, card=card, why=reason) if reason:
                why.setdefault((e.round, seat, card), reason)
            case Revealed():
                headline = True
            case PhaseBegan() | RoundBegan():
                headline = False
                crisis = injected = None
            case TrackSet(track=track, old=old, new=new, reason=reason):
                last = Move(e.round, WHITE, None, track, old, new, reason, False)
                yield last
            case TrackMoved(seat=seat, card=card, track=track, old=old, new=new):
                if card is not None and card == injected:
                    actor = WHITE
                elif card is not None and (card == crisis or seat is None):
                    actor = CRISIS
                else:
                    actor = seat or UPKEEP
                last = Move(
                    e.round, actor, card, track, old, new, why.get((e.round, seat, card), ""), headline
                )
                yield last
            case ThresholdCrossed(track=track, at=at, name=name):
                actor, card = (last.actor, last.card) if last is not None else (UPKEEP, None)
                yield Crossing(e.round, actor, card, track, at, name)


def moves(state: GameState) -> list[Move]:
    """Every track change of the game with its cause (see `attributed`)."""
    return [m for m in attributed(state) if isinstance(m, Move)]


def who(sc: Scenario, actor: str) -> str:
    return sc.seat(actor).name if actor in sc.seat_index else f"the {actor}"


def _play(sc: Scenario, m: Move) -> str:
    """ "North Korea's Nuclear Test (Q3 2017)"."""
    what = f" with {card_name(sc, m.card)}" if m.card else ""
    return f"{who(sc, m.actor)}{what} ({sc.round_name(m.round)})"


def _quote(why: str) -> str:
    return f" — “{why}”" if why else ""


# ---------------------------------------------------------------------------- the brink


def catastrophe_marks(sc: Scenario) -> list[tuple[int, Threshold, int]]:
    """Each track value (by slot) that can end the game in catastrophe: its threshold,
    and where its brink begins (its highest other threshold on the way, else 3 short)."""
    out = []
    for slot, track in enumerate(sc.slot_track):
        end = next((t for t in track.thresholds if t.end and sc.outcome(t.end).catastrophe), None)
        if end is None:
            continue
        sign = 1 if end.when == "rises" else -1
        before = [
            t.at for t in track.thresholds if not t.end and t.when == end.when and sign * t.at < sign * end.at
        ]
        brink = (max if sign > 0 else min)(before) if before else end.at - 3 * sign
        out.append((slot, end, brink))
    return out


def _toward(th: Threshold, m: Move) -> int:
    return (m.new - m.old) if th.when == "rises" else (m.old - m.new)


def brink_lines(state: GameState, all_moves: list[Move]) -> list[str]:
    """Who put the world on the brink (the moves that crossed into it), who kept it
    there (raised it further while on it) and who pulled it back; when the game ended
    in catastrophe with a last push that no seat chose, the choices that made it possible."""
    sc = state.scenario
    lines: list[str] = []
    for slot, end, brink in catastrophe_marks(sc):
        label = sc.slot_labels[slot]
        name = sc.slot_name(slot)
        rises = end.when == "rises"
        sign = 1 if rises else -1

        def on(v: int, sign: int = sign, brink: int = brink) -> bool:
            return sign * v >= sign * brink

        mine = [m for m in all_moves if m.track == label]
        entered = [m for m in mine if not on(m.old) and on(m.new)]
        if not entered:
            continue
        lines.append(f"**{name}** (the brink: {brink}; {end.name} at {end.at})")
        for m in entered[:6]:
            lines.append(f"- Put on the brink by {_play(sc, m)}: {m.old} → {m.new}{_quote(m.why)}")
        if len(entered) > 6:
            lines.append(f"- … and {len(entered) - 6} more times")
        kept: dict[str, int] = defaultdict(int)
        pulled: dict[str, int] = defaultdict(int)
        for m in mine:
            if on(m.old):
                (kept if _toward(end, m) > 0 else pulled)[m.actor] += abs(m.new - m.old)
        if kept:
            lines.append("- Kept there, pushing on: " + _ranked(sc, kept, "+" if rises else "−"))
        if pulled:
            lines.append("- Pulled back by: " + _ranked(sc, pulled, "−" if rises else "+"))
        e = state.ending
        if e is not None and e.track == label and sc.outcome(e.outcome).catastrophe:
            last = next((m for m in reversed(mine) if _toward(end, m) > 0), None)
            if last is not None and last.actor not in sc.seat_index:
                chosen = [m for m in mine if m.actor in sc.seat_index and _toward(end, m) > 0][-4:]
                lines.append(
                    f"- The last push came from {_play(sc, last)}; it could push the world over "
                    "only because of the choices that brought it there:"
                )
                lines += [f"  - {_play(sc, m)}: {m.old} → {m.new}{_quote(m.why)}" for m in chosen]
            elif last is not None:
                lines.append(f"- The last push: {_play(sc, last)}, {last.old} → {last.new}{_quote(last.why)}")
        lines.append("")
    return lines


def _ranked(sc: Scenario, amounts: dict[str, int], sign: str) -> str:
    order = [*sc.seat_ids, CRISIS, UPKEEP, WHITE]
    ranked = sorted(amounts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    return ", ".join(f"{who(sc, k)} {sign}{v}" for k, v in ranked)


def outcome_causes(state: GameState, all_moves: list[Move]) -> list[str]:
    """For an outcome that is not a catastrophe, what brought each of its conditions
    about: the flag's coming into force (and the threshold that did it), and who moved
    each track it depends on, which way."""
    sc = state.scenario
    e = state.ending
    if e is None or sc.outcome(e.outcome).catastrophe:
        return []
    lines = []
    for cond, negated in (leaf for c in sc.outcome(e.outcome).when for leaf in _leaves(c)):
        if isinstance(cond, FlagIs) and not negated:
            lines += _flag_cause(state, cond.flag, all_moves)
        elif isinstance(cond, TrackIs):
            slots = slots_for(cond.track, cond.seat, cond.relation, Ctx(), sc)
            lines += [_movers_line(sc, sc.slot_labels[slot], all_moves) for slot in slots]
    return [line for line in lines if line]


def _flag_cause(state: GameState, flag: str, all_moves: list[Move]) -> list[str]:
    sc = state.scenario
    log = state.log
    i = next(
        (i for i, e in reversed(list(enumerate(log))) if isinstance(e, FlagChanged) and e.flag == flag),
        None,
    )
    if i is None:
        return [f"- {flag_name(sc, flag)} was in force from the start"]
    entry = log[i]
    by = _key(sc, entry.seat or (CRISIS if entry.card else UPKEEP), entry.card)
    line = f"- {flag_name(sc, flag)} came into force in {sc.round_name(entry.round)} ({by})"
    crossed = next(
        (x for x in reversed(log[:i]) if isinstance(x, ThresholdCrossed) and x.round == entry.round), None
    )
    if crossed is None:
        return [line]
    return [
        f"{line}, when {label_name(sc, crossed.track)} reached {crossed.at} ({crossed.name})",
        "  " + _movers_line(sc, crossed.track, all_moves),
    ]


def _movers_line(sc: Scenario, label: str, all_moves: list[Move]) -> str:
    up: dict[str, int] = defaultdict(int)
    down: dict[str, int] = defaultdict(int)
    for m in all_moves:
        if m.track == label:
            (up if m.new > m.old else down)[m.actor] += abs(m.new - m.old)
    parts = [
        f"raised by {_ranked(sc, up, '+')}" if up else "",
        f"lowered by {_ranked(sc, down, '−')}" if down else "",
    ]
    return f"- {label_name(sc, label)} " + "; ".join(p for p in parts if p) if up or down else ""


def pile_ups(state: GameState, all_moves: list[Move]) -> list[str]:
    """Headlines in which several seats, unseen by each other, pushed the same track
    towards catastrophe."""
    sc = state.scenario
    lines = []
    for slot, end, _ in catastrophe_marks(sc):
        label = sc.slot_labels[slot]
        by_round: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for m in all_moves:
            if m.headline and m.track == label and m.actor in sc.seat_index and _toward(end, m) > 0:
                by_round[m.round][m.actor] += abs(m.new - m.old)
        for rnd, pushed in by_round.items():
            if len(pushed) > 1:
                total = sum(pushed.values())
                lines.append(
                    f"- {sc.round_name(rnd)} headline: {_ranked(sc, pushed, '+')} — "
                    f"{sc.slot_name(slot)} {'+' if end.when == 'rises' else '−'}{total} at once, "
                    "each unseen by the others"
                )
    return lines


def thresholds_crossed(state: GameState) -> list[str]:
    sc = state.scenario
    return [
        f"- {sc.round_name(c.round)}: {label_name(sc, c.track)} reached {c.at}, {c.name} "
        f"({_key(sc, c.actor, c.card)})"
        for c in attributed(state)
        if isinstance(c, Crossing)
    ]


# -------------------------------------------------------------------- objectives


def _leaves(cond: Condition, negated: bool = False) -> Iterator[tuple[Condition, bool]]:
    match cond:
        case Not(inner):
            yield from _leaves(inner, not negated)
        case All(conds) | Any(conds):
            for c in conds:
                yield from _leaves(c, negated)
        case _:
            yield cond, negated


def served_and_hurt(
    state: GameState, seat: str, objective: Objective, all_moves: list[Move]
) -> tuple[dict[str, int], dict[str, int]]:
    """The plays (actor · card) that moved the objective's tracks and flags towards
    it and away from it, by how much."""
    sc = state.scenario
    served: dict[str, int] = defaultdict(int)
    hurt: dict[str, int] = defaultdict(int)
    ctx = Ctx(seat)
    for cond, negated in (leaf for c in objective.when for leaf in _leaves(c)):
        if isinstance(cond, TrackIs):
            labels = {sc.slot_labels[s] for s in slots_for(cond.track, cond.seat, cond.relation, ctx, sc)}
            up = cond.at_least is not None
            for m in all_moves:
                if m.track in labels and m.new != m.old:
                    good = ((m.new > m.old) == up) != negated
                    key = _key(sc, m.actor, m.card)
                    (served if good else hurt)[key] += abs(m.new - m.old)
        elif isinstance(cond, FlagIs):
            for e in state.log:
                if isinstance(e, FlagChanged | FlagToggled) and e.flag == cond.flag:
                    good = (e.raised if isinstance(e, FlagChanged) else e.on) != negated
                    actor = (
                        WHITE if isinstance(e, FlagToggled) else (e.seat or (CRISIS if e.card else UPKEEP))
                    )
                    (served if good else hurt)[_key(sc, actor, e.card)] += 1
    return served, hurt


def _key(sc: Scenario, actor: str, card: str | None) -> str:
    return who(sc, actor) + (f" · {card_name(sc, card)}" if card else "")


def _top(amounts: dict[str, int], n: int = 4) -> str:
    ranked = sorted(amounts.items(), key=lambda kv: -kv[1])
    more = len(ranked) - n
    return "; ".join(f"{k} ({v})" for k, v in ranked[:n]) + (f"; and {more} more" if more > 0 else "")


# ----------------------------------------------------------------------- how far


def distance(state: GameState, cond: Condition, seat: str | None = None) -> str:
    """How a condition stands at the end, in words: "Sanctions pressure 5, needed at
    least 6 (capped at 5 while China enforces was never in force)"; "✓" when it holds."""
    sc = state.scenario
    ever = flags_ever(state)
    match cond:
        case TrackIs(track, s, rel, lo, hi):
            slots = slots_for(track, s, rel, Ctx(seat), sc)
            if not slots:
                return describe_condition(cond, sc, seat)
            slot = slots[0]
            v = state.tracks[slot]
            ok = (lo is None or v >= lo) and (hi is None or v <= hi)
            need = " and ".join(
                x
                for x in (
                    f"at least {lo}" if lo is not None else "",
                    f"at most {hi}" if hi is not None else "",
                )
                if x
            )
            text = f"{sc.slot_name(slot)} {v}" + ("" if ok else f", needed {need}")
            cap = sc.slot_track[slot].cap
            if not ok and lo is not None and cap is not None and v >= cap.at:
                flags = [
                    leaf.flag for leaf, neg in _leaves(cap.unless) if isinstance(leaf, FlagIs) and not neg
                ]
                never = [flag_name(sc, f) for f in flags if f not in ever]
                text += f" (capped at {cap.at}" + (f"; {', '.join(never)} never in force)" if never else ")")
            return ("✓ " if ok else "✗ ") + text
        case FlagIs(flag):
            name = flag_name(sc, flag)
            if flag in state.flags:
                return f"✓ {name}"
            return f"✗ {name}: " + ("lifted before the end" if flag in ever else "never in force")
        case Not(FlagIs(flag)):
            name = flag_name(sc, flag)
            return f"✗ {name} is in force" if flag in state.flags else f"✓ no {name}"
    return describe_condition(cond, sc, seat)


def flags_ever(state: GameState) -> set[str]:
    """Every flag in force at some point of the game."""
    start = {f.id for f in state.scenario.flags if f.start}
    raised = {
        e.flag
        for e in state.log
        if (isinstance(e, FlagChanged) and e.raised) or (isinstance(e, FlagToggled) and e.on)
    }
    return start | raised | set(state.flags)


def outcome_lines(state: GameState) -> list[str]:
    """Each outcome and how far the game was from it at the end."""
    sc = state.scenario
    e = state.ending
    lines = []
    for o in sc.outcomes:
        mark = " **(the outcome)**" if e is not None and e.outcome == o.id else ""
        if o.when:
            parts = "; ".join(distance(state, c) for c in o.when)
            lines.append(f"- {o.name}{mark}: {parts}")
        else:
            near = [
                f"{sc.slot_name(slot)} {'peaked' if end.when == 'rises' else 'fell'} at {_peak(state, slot, end)}"
                f" ({end.name} at {end.at})"
                for slot, end, _ in catastrophe_marks(sc)
                if end.end == o.id
            ]
            lines.append(f"- {o.name}{mark}" + (": " + "; ".join(near) if near else ""))
    if e is not None and e.adjudicated:
        lines.append("- The end was ruled by the white cell (see its interventions).")
    return lines


def _peak(state: GameState, slot: int, end: Threshold) -> int:
    """The value of a track nearest its catastrophe over the whole game."""
    label = state.scenario.slot_labels[slot]
    values = [p[slot] for p in round_points(state)]
    values += [e.new for e in state.log if isinstance(e, TrackMoved) and e.track == label]
    return max(values) if end.when == "rises" else min(values)


# ------------------------------------------------------------------- the Markdown


def markdown(
    state: GameState,
    record: Record,
    charts: list[tuple[str, str]],
    parent: GameState | None = None,
    notes: Iterable[str] = (),
) -> str:
    """The whole report as Markdown; `charts` are (file, caption) pairs beside it."""
    sc = state.scenario
    all_moves = moves(state)
    results = score(state)
    last = state.ending.round if state.ending else state.round
    md = [
        f"# After-action report — {sc.name}",
        "",
        f"Seed {state.seed} · {len(state.history)} steps · {sc.round_name(1)} to {sc.round_name(last)} "
        f"({last} of {state.round_limit} rounds) · decks `{state.digest[:12]}`",
        "",
    ]
    if record.parent is not None:
        md += [f"A what-if branch of `{record.parent.path}`, from its step {record.parent.at}.", ""]
    md += [
        "## Setup and seats",
        "",
        "| Seat | Played by | Objectives | Secret objective | Result |",
        "|---|---|---|---|---|",
    ]
    for seat in sc.seats:
        p = record.player(seat.id)
        by = (p.name or "a person") if p.control == "human" else f"{p.control} bot"
        r = results[seat.id]
        verdict = f"{'won' if r.won else 'lost'}, {r.points} pts"
        md.append(
            f"| {seat.name} | {by} | {'; '.join(o.name for o in seat.objectives) or '—'} | "
            f"{'; '.join(o.name for o in seat.secret) or '—'} | {verdict} |"
        )
    md += ["", "## How it ended", ""]
    e = state.ending
    if e is None:
        md.append(f"The game is still in progress: {sc.round_name(state.round)}.")
    else:
        o = sc.outcome(e.outcome)
        md.append(
            f"**{o.name}**, in {sc.round_name(e.round)}"
            + (" — a catastrophe: every seat loses." if o.catastrophe else ".")
        )
        if o.text:
            md += ["", f"> {o.text}"]
    causes = outcome_causes(state, all_moves)
    if causes:
        md += ["", "What brought it about:", "", *causes]
    md += ["", "How far each outcome was at the end:", "", *outcome_lines(state), ""]
    if parent is not None and record.parent is not None:
        md += beside_parent(state, parent, record.parent.at)
    md += ["## Turning points", ""]
    brink = brink_lines(state, all_moves)
    md += brink or ["No track came to the brink of catastrophe.", ""]
    piles = pile_ups(state, all_moves)
    if piles:
        md += ["**Headline pile-ups**", "", *piles, ""]
    crossed = thresholds_crossed(state)
    if crossed:
        md += ["**Thresholds crossed**", "", *crossed, ""]
    md += ["## Objectives, and the plays that served or hurt them", ""]
    if e is not None and sc.outcome(e.outcome).catastrophe:
        md += [
            "A catastrophe: every objective counts as missed. The marks say where each stood at the end.",
            "",
        ]
    for seat in sc.seats:
        r = results[seat.id]
        md.append(f"### {seat.name}")
        md.append("")
        for obj, secret in [*((o, False) for o in seat.objectives), *((o, True) for o in seat.secret)]:
            met = obj.id in r.met
            state_words = "; ".join(distance(state, c, seat.id) for c in obj.when)
            md.append(f"- {'✓' if met else '✗'} **{obj.name}**{' (secret)' if secret else ''}: {state_words}")
            served, hurt = served_and_hurt(state, seat.id, obj, all_moves)
            if served:
                md.append(f"  - served by: {_top(served)}")
            if hurt:
                md.append(f"  - hurt by: {_top(hurt)}")
        md.append("")
    if charts:
        md += [
            "## The tracks over the rounds",
            "",
            "Each point is a track's value at the start and at the end of a round.",
            "",
        ]
        md += [f"![{caption}]({file})\n" for file, caption in charts]
    md += [*(f"_{n}_\n" for n in notes)]
    md += ["## Questions for the hotwash", "", *(f"- {q}" for q in questions(state, all_moves, parent)), ""]
    interventions = [x for x in state.log if isinstance(x, Intervened)]
    if interventions or record.control_log:
        md += ["## The white cell", ""]
        times = [m.at for m in state.history if m.seat is None]  # one entry per intervention, in order
        for x, at in zip(interventions, times, strict=False):
            when = sc.round_name(x.round) + (f", {at}" if at else "")
            md.append(f"- {when}: {describe(x, sc, WHITE_CELL).removeprefix('White cell: ')}")
        md += [f"- {line}" for line in record.control_log]
        md.append("")
    md += ["## The whole game, step by step", "", "```text", *timeline(state)[1:], "```", ""]
    return "\n".join(md)


def questions(state: GameState, all_moves: list[Move], parent: GameState | None) -> list[str]:
    """Questions to open the discussion, drawn from what happened in this game."""
    sc = state.scenario
    qs = []
    for slot, end, brink in catastrophe_marks(sc):
        label = sc.slot_labels[slot]
        sign = 1 if end.when == "rises" else -1
        entered = [m for m in all_moves if m.track == label and sign * m.old < sign * brink <= sign * m.new]
        for m in entered[:2]:
            if m.actor in sc.seat_index:
                qs.append(
                    f"{who(sc, m.actor)} took {sc.slot_name(slot)} to the brink with {card_name(sc, m.card)} in "
                    f"{sc.round_name(m.round)}. What did it expect the others to do next?"
                )
    for line in pile_ups(state, all_moves)[:1]:
        qs.append(
            f"A headline pile-up ({line.lstrip('- ').split(' — ')[0]}): would each seat have played the same card knowing the others'?"
        )
    for x in state.log:
        if isinstance(x, TrackSet):
            qs.append(
                f"The white cell set {label_name(sc, x.track)} {x.old} → {x.new} in {sc.round_name(x.round)}"
                f"{_quote(x.reason)}. How would the game have gone without it?"
            )
        elif isinstance(x, Adjudicated):
            qs.append(
                f"The white cell ruled the end ({sc.outcome(x.outcome).name}). Did the room agree, and why?"
            )
    e = state.ending
    if e is not None:
        for o in sc.outcomes:
            if o.when and o.id != e.outcome:
                missing = [c for c in o.when if distance(state, c).startswith("✗")]
                if len(missing) == 1:
                    qs.append(
                        f"{o.name} was one condition away ({distance(state, missing[0])[2:]}). "
                        "Who could have brought it about, and who kept it off?"
                    )
    if (
        parent is not None
        and parent.ending is not None
        and e is not None
        and parent.ending.outcome != e.outcome
    ):
        qs.append(
            f"The parent game ended in {sc.outcome(parent.ending.outcome).name}, this branch in "
            f"{sc.outcome(e.outcome).name}. Which decision made the difference?"
        )
    qs.append("Which one decision would each seat take back, knowing what it knows now?")
    return qs


def beside_parent(state: GameState, parent: GameState, at: int) -> list[str]:
    """Where a branch left its parent and how the two games differ."""
    sc = state.scenario
    mine, theirs = state.history, parent.history
    split = next(
        (i for i in range(at, min(len(mine), len(theirs))) if mine[i] != theirs[i]),
        min(len(mine), len(theirs)),
    )
    lines = ["## Beside its parent", ""]
    there = restart(state)
    for move in mine[:split]:
        there = step(there, move)
    when = f"{sc.round_name(there.round)}, {sc.round[there.phase].name} phase"
    lines.append(
        f"The branch kept the parent's first {at} steps; the two games first differ at step {split + 1} ({when}):"
    )
    lines.append("")
    if split < len(theirs):
        lines.append(f"- the parent: {describe_move(theirs[split], sc)}")
    if split < len(mine):
        lines.append(f"- the branch: {describe_move(mine[split], sc)}")
    lines += ["", "| | The parent | The branch |", "|---|---|---|"]
    ends = [_ending_words(parent), _ending_words(state)]
    lines.append(f"| Outcome | {ends[0]} | {ends[1]} |")
    for slot, label in enumerate(sc.slot_labels):
        if sc.slot_track[slot].scope == "seat":
            continue
        a, b = parent.tracks[slot], state.tracks[slot]
        lines.append(
            f"| {label_name(sc, label)} at the end | {a} | {b}{' (' + format(b - a, '+d') + ')' if a != b else ''} |"
        )
    pa, br = score(parent), score(state)
    for seat in sc.seats:
        if (pa[seat.id].won, pa[seat.id].points) != (br[seat.id].won, br[seat.id].points):
            lines.append(
                f"| {seat.name} | {'won' if pa[seat.id].won else 'lost'}, {pa[seat.id].points} pts | "
                f"{'won' if br[seat.id].won else 'lost'}, {br[seat.id].points} pts |"
            )
    lines.append("")
    return lines


def _ending_words(state: GameState) -> str:
    sc = state.scenario
    e = state.ending
    if e is None:
        return f"in progress ({sc.round_name(state.round)})"
    return f"{sc.outcome(e.outcome).name} ({sc.round_name(e.round)})"


def load_parent(record: Record, scenario: Scenario) -> tuple[GameState | None, str]:
    """The game a branch was forked from, replayed, or None and a sentence saying why
    it cannot be set beside the branch (moved, changed, not the same game any more)."""
    ref = record.parent
    if ref is None:
        return None, ""
    try:
        parent = read_record(ref.path)
        state = replay(parent, scenario)
    except RecordError as e:
        return None, f"The parent game cannot be set beside this branch: {e}"
    if steps_digest(parent.actions[: ref.at]) != ref.steps:
        return (
            None,
            f"The record at {ref.path} is no longer the parent game: its first {ref.at} steps differ.",
        )
    return state, ""


def write(
    folder: Path, state: GameState, record: Record, parent: GameState | None = None
) -> tuple[Path, list[str]]:
    """Write `folder/report.md` and its charts; returns the file and the notes to show
    (a chart library missing). Raises OSError if the folder cannot be written."""
    from .charts import MISSING, game_charts

    folder.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    try:
        charts = game_charts(folder, state, parent)
    except ImportError:
        charts, notes = [], [MISSING.replace("brink simulate --report", "the report")]
    path = folder / REPORT_MD
    path.write_text(markdown(state, record, charts, parent, notes) + "\n", encoding="utf-8")
    return path, notes
