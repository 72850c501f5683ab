"""Plain-text reports for the terminal: simulation tables, final summaries, debriefs.

These read finished games (or games in progress) and summaries only; they are shared by
the CLI and the after-action screen, so the words are the same wherever they are read.
The after-action report is written for a seminar's hotwash: how it ended and who pushed
it there, each seat's objectives, the tracks' paths, who moved the shared tracks, the
turning points, a few questions to open the discussion, and the timeline of every
decision with its stated reason.
"""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Sequence

from attrs import define, field

from .common import sparkline
from .engine import GameState, score
from .engine.entries import (
    Chose,
    Committed,
    CrisisDrawn,
    Drew,
    Entry,
    FlagChanged,
    GameEnded,
    LogEntry,
    OngoingBegan,
    Passed,
    PhaseBegan,
    Played,
    Reshuffled,
    Revealed,
    Rolled,
    RoundBegan,
    SideEvent,
    SkipNext,
    ThresholdCrossed,
    TrackMoved,
)
from .engine.model import Scenario, Threshold
from .engine.narrate import card_name, describe, label_name, possessive, reason, seat_name
from .engine.record import Player, Record
from .engine.sim import CRISIS_DECK, UPKEEP, Summary
from .engine.stats import difference, wilson

WIDTH = 100
TOP_CARDS = 8  # the cards that pushed catastrophes, most often first, in the table


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f}%" if total else "    -"


def wrap(text: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """`textwrap.wrap` in linear time: a word longer than a line is cut into line-long
    pieces first (textwrap cuts it piece by piece, copying the rest each time, which is
    quadratic in the word's length)."""
    room = max(width - len(indent) - len(hang), 1)
    text = re.sub(rf"\S{{{room + 1},}}", lambda m: _cut(m.group(), room), text)
    return textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=indent + hang, break_on_hyphens=False
    )


def _cut(word: str, size: int) -> str:
    return " ".join(word[i : i + size] for i in range(0, len(word), size))


def _wrap(text: str, indent: str, hang: str = "    ") -> list[str]:
    return wrap(text, WIDTH, indent, hang) or [indent]


def _wrap_items(head: str, items: Sequence[str], indent: str, sep: str = ", ") -> list[str]:
    """`head` then the items, wrapped between items only (so no item is split), the
    continuation lines aligned under the first item."""
    lines, line = [], indent + head
    for i, item in enumerate(items):
        piece = item + (sep if i < len(items) - 1 else "")
        if len(line) + len(piece.rstrip()) > WIDTH and line.strip():
            lines.append(line.rstrip())
            line = indent + " " * len(head)
        line += piece
    lines.append(line.rstrip())
    return lines


def _seat_word(scenario: Scenario, key: str) -> str:
    """A seat's name, or the words for a push that came from no seat."""
    return scenario.seat(key).name if key in scenario.seat_index else key


# ------------------------------------------------------------------------- simulation


def summary_table(s: Summary, scenario: Scenario) -> str:
    """A simulation summary as a readable table: outcomes and seats with their 95%
    intervals, then the cards, then who pushed the shared tracks over each threshold."""
    kinds = sorted(set(s.controls.values()))
    if len(kinds) == 1:
        seats = f"every seat {kinds[0]}"
    else:
        seats = ", ".join(f"{k} {v}" for k, v in s.controls.items())
    rows: list[tuple[str, int, str]] = []  # label, games, note; "" label = a blank line
    for o in scenario.outcomes:
        rows.append(
            (f"  {o.name}", s.outcomes.get(o.id, 0), "catastrophe: every seat loses" if o.catastrophe else "")
        )
    seat_rows: list[tuple[str, int, str]] = []
    for seat in s.seats:
        mean = seat.points / s.games if s.games else 0.0
        seat_rows.append((f"  {seat.name} won", seat.won, f"{mean:.2f} points on average"))
        defn = scenario.seat(seat.seat)
        for obj, secret in [*((o, False) for o in defn.objectives), *((o, True) for o in defn.secret)]:
            n = seat.objectives.get(obj.id, 0)
            flag = "never met" if n == 0 else "always met" if n == s.games else ""
            seat_rows.append((f"    {obj.name}" + (" (secret)" if secret else ""), n, flag))
    w = max(len(label) for label, _, _ in (*rows, *seat_rows)) + 2

    def table(title: str, body: list[tuple[str, int, str]]) -> list[str]:
        out = [f"{title:<{w}}{'games':>6} {'rate':>7}  {'95% interval':<13}"]
        for label, n, note in body:
            out.append(
                f"{label:<{w}}{n:>6} {_pct(n, s.games)}  {_interval(n, s.games):<13}"
                + (f" {note}" if note else "")
            )
        return [line.rstrip() for line in out]

    names = " or ".join(scenario.outcome(o).name for o in s.catastrophes)
    lines = [
        f"{s.name}: {s.games} bot game{'s' if s.games != 1 else ''}, seeds {s.seed} to {s.seed + s.games - 1}",
        f"Seats: {seats}  (decks {s.digest[:12]})",
        "",
        *table("Outcome", rows),
        "",
        f"Catastrophe rate: {_pct(s.catastrophe_count, s.games).strip()}"
        f" {_interval(s.catastrophe_count, s.games)}" + (f" ({names})" if names else ""),
        f"Rounds played: {s.mean_rounds:.2f} on average, of {s.round_limit or scenario.rounds}"
        + (f" (shortened from {scenario.rounds} with --rounds)" if s.round_limit else ""),
    ]
    if s.culprits:
        who = [f"{_seat_word(scenario, k)} {v}" for k, v in s.culprits.items()]
        lines += _wrap_items("Catastrophes pushed by: ", who, "")
        cards = [f"{_card_label(scenario, k)} {v}" for k, v in s.culprit_cards.items()]
        if len(cards) > TOP_CARDS:  # the whole list is in --json
            cards = [*cards[:TOP_CARDS], f"and {len(cards) - TOP_CARDS} more (see --json)"]
        lines += _wrap_items("  with the cards: ", cards, "")
    lines += [
        "",
        *table("Seat and objective", seat_rows),
        "",
        "A seat wins when the game ends without catastrophe and it has met every public",
        "objective; secret objectives add points.",
    ]
    lines += card_table(s, scenario)
    lines += threshold_lines(s, scenario)
    return "\n".join(lines)


def _interval(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"[{100 * lo:.1f}–{100 * hi:.1f}]" if n else ""


def card_table(s: Summary, scenario: Scenario) -> list[str]:
    """Per card, deck by deck: drawn, played for its event and for operations (per
    game), and the change in its owner's win rate when played for its event, flagged
    when it dominates or is never worth playing (not for a seat that always passes)."""
    if not s.games or not s.cards:
        return []
    g = s.games
    by_card = {c.card: c for c in s.cards}
    rows = [f"{'Card (per game)':<40} {'drawn':>5} {'event':>6} {'ops':>5}  win change, points"]
    for deck in scenario.decks:
        rows.append(f"  {deck.name}")
        for card in deck.cards:
            c = by_card[card.id]
            head = f"    {card.name[:36]:<36} {c.drawn / g:>5.2f}"
            if c.owner is None:
                rows.append(head)
                continue
            d, lo, hi = c.win_change()
            known = c.played and c.held > c.played
            change = f"{100 * d:+6.1f} [{100 * lo:+.0f}, {100 * hi:+.0f}]" if known else "     -"
            flag = c.flag if s.controls.get(c.owner) != "pass" else ""
            if c.side is not None:
                flag = f"its event is {possessive(scenario.seat(c.side).name)} (fires on operations)"
            rows.append(f"{head} {c.event / g:>6.2f} {c.ops / g:>5.2f}  {change:<18} {flag}".rstrip())
    return [
        "",
        *rows,
        "",
        "Win change: the owner's win rate in games it played the card for its event, less in",
        "games it held the card and did not (an association, not a cause), with its 95% interval.",
    ]


def threshold_lines(s: Summary, scenario: Scenario) -> list[str]:
    """Who pushed each shared track over each of its thresholds, and with which cards."""
    lines = []
    for t in s.thresholds:
        if not t.crossed:
            continue
        times = "once" if t.crossed == 1 else f"{t.crossed} times"
        head = f"  {label_name(scenario, t.label)} {t.at} ({t.name}): {times}; by "
        who = [f"{_seat_word(scenario, k)} {v}" for k, v in t.by.items()]
        lines += _wrap_items(head, who, "")
        cards = [f"{_card_label(scenario, k)} {v}" for k, v in t.cards.items()][:TOP_CARDS]
        lines += _wrap_items("      with: ", cards, "")
    return ["", "Thresholds crossed (shared tracks)", *lines] if lines else []


def _card_label(sc: Scenario, card_id: str) -> str:
    """A card's name, with its owner's when it comes from a seat's own deck (several
    seats may hold cards of the same name)."""
    card = sc.cards.get(card_id)
    if card is None:
        return card_id
    owner = sc.deck(card.deck).owner
    return f"{card.name} ({sc.seat(owner).name} deck)" if owner in sc.seat_index else card.name


# ---------------------------------------------------------------------- a single game


def final_summary(state: GameState, record: Record) -> str:
    """How a replayed (so verified) record ended, or stands, seat by seat, with the
    tracks' paths: what `brink replay` prints."""
    return "\n".join(
        [
            f"{state.scenario.name}: record verified",
            *_heading(state, record),
            "",
            *_outcome(state),
            "",
            *_results(state, record),
            "",
            tracks_over_rounds(state),
        ]
    )


def reflow(text: str, width: int) -> str:
    """Text laid out for `width` columns: a longer line wraps, its continuation indented
    under its own indent, so tables and sparklines that fit are left as they are."""
    out = []
    for line in text.splitlines():
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out += wrap(line.strip(), width, indent, "  ")
    return "\n".join(out)


def after_action(state: GameState, record: Record, width: int = WIDTH) -> str:
    """The debrief of one game, for the hotwash right after play, `width` columns wide."""
    sc = state.scenario
    parts: list[list[str]] = [
        [f"AFTER-ACTION REPORT — {sc.name}", *_heading(state, record)],
        [*_outcome(state), *_road_to_the_end(state)],
        _results(state, record),
        tracks_over_rounds(state).splitlines(),
        _seat_tracks(state),
        _movers(state),
        _turning_points(state),
        _questions(state),
        _control_log(record),
        timeline(state),
    ]
    return reflow("\n\n".join("\n".join(p) for p in parts if p), width)


def _heading(state: GameState, record: Record) -> list[str]:
    sc = state.scenario
    last = state.ending.round if state.ending else state.round
    span = sc.round_name(1) if last <= 1 else f"{sc.round_name(1)} to {sc.round_name(last)}"
    players = [f"{sc.seat(p.seat).name} ({_player(p)})" for p in _players(sc, record)]
    return [
        f"Seed {state.seed} · {len(state.history)} actions · {span} ({last} of {state.round_limit} rounds)"
        f" · decks {state.digest[:12]}",
        *_wrap_items("Seats: ", players, ""),
        *(
            [f"A what-if branch of {record.parent.path}, from its step {record.parent.at}"]
            if record.parent
            else []
        ),
    ]


def _players(sc: Scenario, record: Record) -> list[Player]:
    return [record.player(s) for s in sc.seat_ids]


def _player(p: Player) -> str:
    if p.control == "human":
        return p.name or "human"
    return f"{p.control} bot" + (f" {p.name}" if p.name else "")


def _outcome(state: GameState) -> list[str]:
    sc = state.scenario
    e = state.ending
    if e is None:
        who = sc.seat(state.to_act).name if state.to_act else "nobody"
        return [f"IN PROGRESS: {sc.round_name(state.round)}, waiting for {who}"]
    o = sc.outcome(e.outcome)
    verdict = " — a catastrophe: every seat loses" if o.catastrophe else ""
    lines = [f"OUTCOME: {o.name}, in {sc.round_name(e.round)}{verdict}"]
    lines += _wrap(o.text, "  ", "") if o.text else []
    if o.catastrophe and e.track:
        change = _last_change(state, e.track)
        moved = f" ({label_name(sc, e.track)} {change.old} → {change.new})" if change else ""
        lines.append(f"  Pushed over the edge by {_culprit(e.seat, e.card, sc)}{moved}.")
    return lines


def _culprit(seat: str | None, card: str | None, sc: Scenario) -> str:
    if seat and card:
        return f"{seat_name(sc, seat)}, with {card_name(sc, card)}"
    if card:
        return f"the {CRISIS_DECK}: {card_name(sc, card)}"
    return seat_name(sc, seat) if seat else UPKEEP


def _last_change(state: GameState, label: str) -> TrackMoved | None:
    return next((e for e in reversed(state.log) if isinstance(e, TrackMoved) and e.track == label), None)


def _brinks(sc: Scenario) -> list[tuple[int, Threshold]]:
    """Each track value (by slot) with a threshold that ends the game in catastrophe."""
    out = []
    for slot, track in enumerate(sc.slot_track):
        th = next((t for t in track.thresholds if t.end and sc.outcome(t.end).catastrophe), None)
        if th is not None:
            out.append((slot, th))
    return out


def _toward(th: Threshold, e: TrackMoved) -> int:
    """How far a track change moved towards a threshold (negative: away from it)."""
    moved = e.new - e.old
    return moved if th.when == "rises" else -moved


def _verb(th: Threshold) -> str:
    return "raised" if th.when == "rises" else "lowered"


def _road_to_the_end(state: GameState, count: int = 6) -> list[str]:
    """The last moves of the track that ended the game towards its brink, each with its
    stated reason; for a game that did not end so, the closest call on each brink."""
    sc = state.scenario
    e = state.ending
    brinks = _brinks(sc)
    if e is not None and e.track and sc.outcome(e.outcome).catastrophe:
        slot = sc.slot_labels.index(e.track)
        th = next((t for t in sc.slot_track[slot].thresholds if t.end == e.outcome), None)
        th = th or next((t for s, t in brinks if s == slot), None)
        if th is None:
            return []
        reasons = _reasons(state.log)
        moves = [
            x for x in state.log if isinstance(x, TrackMoved) and x.track == e.track and _toward(th, x) > 0
        ]
        lines = [f"  The road there (the last moves of {label_name(sc, e.track)} towards {th.at}):"]
        for x in moves[-count:]:
            why = reasons.get((x.round, x.seat, x.card), "")
            text = f"{sc.round_name(x.round):<8} {_by(x, sc)}: {x.old} → {x.new}" + (
                f" — “{why}”" if why else ""
            )
            lines += _wrap(text, "    ", "         ")
        return lines
    lines = []
    for slot, th in brinks:
        closest = _closest(state, slot, th)
        if closest is not None:
            value, rnd = closest
            lines.append(
                f"  Closest call: {sc.slot_name(slot)} reached {value} in {sc.round_name(rnd)}"
                f" ({th.name} at {th.at})."
            )
    return lines


def _closest(state: GameState, slot: int, th: Threshold) -> tuple[int, int] | None:
    """The value nearest the threshold that a track reached, and the first round it did
    (None if it never moved past its start towards the threshold)."""
    label = state.scenario.slot_labels[slot]
    sign = 1 if th.when == "rises" else -1
    best, when = sign * state.timeline[0][slot], None
    for e in state.log:
        if isinstance(e, TrackMoved) and e.track == label and sign * e.new > best:
            best, when = sign * e.new, e.round
    return None if when is None else (sign * best, when)


def _reasons(log: Iterable[LogEntry]) -> dict[tuple[int, str | None, str | None], str]:
    """The stated reason behind each card's effects: (round, seat, card) -> rationale."""
    out: dict[tuple[int, str | None, str | None], str] = {}
    for e in log:
        if isinstance(e, Played) and e.why:
            out[(e.round, e.seat, e.card)] = e.why
        elif isinstance(e, Chose) and e.why:
            out.setdefault((e.round, e.seat, e.card), e.why)
    return out


def _by(e: Entry, sc: Scenario) -> str:
    """Who did it, in a few words: "North Korea · Missile Launch", "Upkeep"."""
    who, what = seat_name(sc, e.seat), card_name(sc, e.card)
    return " · ".join(x for x in (who, what) if x) or "Upkeep"


def _results(state: GameState, record: Record) -> list[str]:
    sc = state.scenario
    title = "RESULTS" if state.over else "RESULTS IF THE GAME ENDED NOW"
    lines = [title]
    results = score(state)
    for seat in sc.seats:
        r = results[seat.id]
        verdict = "WON " if r.won else "lost"
        lines.append(
            f"  {verdict}  {seat.name:<16} {r.points:>2} pt{'s' if r.points != 1 else ' '}   "
            f"{_player(record.player(seat.id))}"
        )
        lines += _wrap_items("met: ", _objective_names(sc, seat.id, r.met), "          ", "; ")
        lines += _wrap_items("missed: ", _objective_names(sc, seat.id, r.missed), "          ", "; ")
    return lines


def _objective_names(sc: Scenario, seat_id: str, ids: Sequence[str]) -> list[str]:
    seat = sc.seat(seat_id)
    secret = {o.id for o in seat.secret}
    names = {o.id: o.name + (" (secret)" if o.id in secret else "") for o in (*seat.objectives, *seat.secret)}
    return [names[i] for i in ids] or ["—"]


# ------------------------------------------------------------------------------ tracks


def round_points(state: GameState) -> list[tuple[int, ...]]:
    """Every track at the start and at each round's end, then now if that differs."""
    points = list(state.timeline)
    if points[-1] != state.tracks:
        points.append(state.tracks)
    return points


def tracks_over_rounds(state: GameState) -> str:
    """Each shared track's path over the rounds, as a sparkline and its values."""
    sc = state.scenario
    points = round_points(state)
    lines = [
        "TRACKS (at the start, then at the end of each round" + (", then now)" if not state.over else ")")
    ]
    counters = []
    brinks = dict(_brinks(sc))
    for slot, label in enumerate(sc.slot_labels):
        track = sc.slot_track[slot]
        if track.scope == "seat":
            continue
        values = [p[slot] for p in points]
        if track.style == "counter":
            counters.append(f"{label_name(sc, label)} {values[0]} → {values[-1]}")
            continue
        notes = []
        th = brinks.get(slot)
        if th is not None:
            closest = _closest(state, slot, th)
            if closest is not None and closest[0] not in values:
                notes.append(
                    f"{'peak' if th.when == 'rises' else 'low'} {closest[0]} in {sc.round_name(closest[1])}"
                )
            notes.append(f"{th.name} at {th.at}")
        lines.append(
            f"  {label_name(sc, label):<26} {sparkline(values, track.min, track.max)}  "
            f"{' '.join(f'{v:>2}' for v in values)}" + (f"   ({'; '.join(notes)})" if notes else "")
        )
    if counters:
        lines += _wrap_items("Counters: ", counters, "  ")
    return "\n".join(lines)


def _seat_tracks(state: GameState) -> list[str]:
    """Each seat's own tracks as sparklines, one row per seat."""
    sc = state.scenario
    kinds = [t for t in sc.tracks if t.scope == "seat"]
    if not kinds:
        return []
    points = round_points(state)
    width = len(points) + 4
    header = "".join(f"{t.name[:width]:<{width + 2}}" for t in kinds)
    lines = ["SEAT TRACKS", f"  {'':<16}{header}".rstrip()]
    for seat in sc.seats:
        cells = []
        for t in kinds:
            slot = sc.slots[(t.id, seat.id)]
            values = [p[slot] for p in points]
            cells.append(f"{sparkline(values, t.min, t.max)} {values[-1]:>2}".ljust(width + 2))
        lines.append(f"  {seat.name:<16}" + "".join(cells).rstrip())
    return lines


def _movers(state: GameState) -> list[str]:
    """Who raised and who lowered each shared track over the game: the seminar's point
    that every nation's best move pushes towards the brink, in numbers."""
    sc = state.scenario
    ups: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    downs: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    order = [*sc.seat_ids, CRISIS_DECK, UPKEEP]
    for e in state.log:
        if not isinstance(e, TrackMoved):
            continue
        track = sc.slot_track[sc.slot_labels.index(e.track)]
        if track.scope == "seat" or track.style == "counter":
            continue
        who = e.seat or (CRISIS_DECK if e.card else UPKEEP)
        (ups if e.new > e.old else downs)[e.track][who] += abs(e.new - e.old)
    if not ups and not downs:
        return []

    def listed(moves: dict[str, int], sign: str) -> list[str]:
        ranked = sorted(moves.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
        return [f"{_seat_word(sc, k)} {sign}{v}" for k, v in ranked]

    lines = ["WHO MOVED THE SHARED TRACKS (total raised and lowered, over the game)"]
    for label in sc.slot_labels:
        name = f"{label_name(sc, label):<24}"
        if label in ups:
            lines += _wrap_items(f"{name}  raised by ", listed(ups[label], "+"), "  ")
            name = " " * len(name)
        if label in downs:
            lines += _wrap_items(f"{name} lowered by ", listed(downs[label], "−"), "  ")
    return lines


TURNING_POINTS = (ThresholdCrossed, FlagChanged, SkipNext, OngoingBegan, GameEnded)


def _turning_points(state: GameState) -> list[str]:
    """Thresholds crossed, flags raised and lifted, seats losing actions, the end. A
    threshold crossed again in the same round is one line naming every crossing."""
    sc = state.scenario
    points: dict[tuple[object, ...], tuple[LogEntry, list[str]]] = {}
    for i, e in enumerate(state.log):
        if not isinstance(e, TURNING_POINTS):
            continue
        key: tuple[object, ...] = (e.round, e.track, e.at) if isinstance(e, ThresholdCrossed) else (i,)
        _, causes = points.setdefault(key, (e, []))
        if isinstance(e, ThresholdCrossed) and (e.seat or e.card):
            causes.append(_by(e, sc))
    if not points:
        return []
    lines = ["TURNING POINTS"]
    for e, causes in points.values():
        text = describe(e, sc)
        if causes:
            text += f" (after {', '.join(causes)})"
        lines += _wrap(f"{sc.round_name(e.round):<8} {text}", "  ", "         ")
    return lines


def _questions(state: GameState) -> list[str]:
    """A few questions to open the hotwash, drawn from what happened in this game."""
    sc = state.scenario
    qs: list[str] = []
    e = state.ending
    if e is not None and sc.outcome(e.outcome).catastrophe and e.seat and e.card and e.track:
        change = _last_change(state, e.track)
        at = f" with {label_name(sc, e.track)} at {change.old}" if change else ""
        qs.append(
            f"{seat_name(sc, e.seat)} played {card_name(sc, e.card)}{at}. What did it expect the "
            "others to do, and what else was open to it?"
        )
    for slot, th in _brinks(sc):
        label = sc.slot_labels[slot]
        pushed: dict[str, int] = defaultdict(int)
        for x in state.log:
            if isinstance(x, TrackMoved) and x.track == label and x.seat and _toward(th, x) > 0:
                pushed[x.seat] += _toward(th, x)
        if pushed:
            top = max(pushed.items(), key=lambda kv: (kv[1], -sc.seat_index[kv[0]]))
            qs.append(
                f"{seat_name(sc, top[0])} {_verb(th)} {sc.slot_name(slot)} by {top[1]}, more than anyone. "
                "What did each of those moves buy it, and did the others read them as intended?"
            )
    if state.over and not (e is not None and sc.outcome(e.outcome).catastrophe):
        for seat_id, r in score(state).items():
            if not r.met:
                qs.append(
                    f"{seat_name(sc, seat_id)} met none of its objectives. At which decision did its plan fail?"
                )
    qs.append("Which one decision would each seat take back, knowing what it knows now?")
    lines = ["QUESTIONS FOR THE HOTWASH"]
    for q in qs:
        lines += _wrap(f"- {q}", "  ", "  ")
    return lines


def _control_log(record: Record) -> list[str]:
    if not record.control_log:
        return []
    return ["FACILITATOR ACTIONS", *(f"  {line}" for line in record.control_log)]


# ---------------------------------------------------------------------------- timeline


@define
class _Line:
    """One line of the timeline: what happened, then the track changes it caused, each
    with the reason the log gives for it ("because sanctions pressure is at least 4")."""

    indent: str
    text: str
    kind: type[Entry] | None = None
    seat: str | None = None
    card: str | None = None
    changes: list[tuple[str, str]] = field(factory=list)  # (what moved, why)
    passed: list[str] = field(factory=list)

    def render(self) -> list[str]:
        if self.passed:
            return _wrap_items("passed: ", self.passed, self.indent)
        said: list[tuple[list[str], str]] = []  # changes with one reason, the reason said once
        for change, why in self.changes:
            if said and said[-1][1] == why:
                said[-1][0].append(change)
            else:
                said.append(([change], why))
        changes = "; ".join(", ".join(moved) + (f" ({why})" if why else "") for moved, why in said)
        return _wrap(self.text + (f" ⇒ {changes}" if changes else ""), self.indent, "      ")


# Bookkeeping that the timeline leaves out: the public log says only "drew 2 cards".
_QUIET = (Drew, Committed, Reshuffled, Revealed)
# Lines whose card's track changes are written on the same line ("⇒ Tension 3 → 4").
_CAUSES = frozenset({CrisisDrawn, Played, Chose, SideEvent, Rolled, TrackMoved, PhaseBegan})


def timeline(state: GameState) -> list[str]:
    """The game's log, round by round and phase by phase: every decision with its
    reason, and each card's effects on the same line as the card."""
    sc = state.scenario
    lines: list[_Line] = []
    for e in state.log:
        last = lines[-1] if lines else None
        if isinstance(e, _QUIET):
            continue
        if isinstance(e, RoundBegan):
            lines.append(_Line("", sc.round_name(e.round).upper(), RoundBegan))
        elif isinstance(e, PhaseBegan):
            lines.append(_Line("  ", e.name, PhaseBegan))
        elif isinstance(e, TrackMoved):
            change = (f"{label_name(sc, e.track)} {e.old} → {e.new}", reason(e, sc))
            if (
                last is not None
                and last.kind in _CAUSES
                and last.card == e.card
                and (last.seat == e.seat or last.kind is Chose)
            ):
                last.changes.append(change)
            else:
                by = _by(
                    e, sc
                )  # and the rule that moved it, as the log names it: "Tourist boycott (China · …)"
                by = f"{e.rule} ({by})" if e.rule and (e.seat or e.card) else e.rule or by
                lines.append(_Line("    ", by, TrackMoved, e.seat, e.card, [change]))
        elif isinstance(e, ThresholdCrossed) and last is not None and last.changes:
            moved, why = last.changes[-1]
            last.changes[-1] = (f"{moved} ({e.name})", why)
        elif isinstance(e, Passed) and not e.why:
            name = seat_name(sc, e.seat)
            if last is not None and last.passed:
                last.passed.append(name)
            else:
                lines.append(_Line("    ", "", Passed, e.seat, passed=[name]))
        else:
            lines.append(_Line("    ", describe(e, sc), type(e), e.seat, e.card))
    out = ["TIMELINE (every decision, with its reason where one was given)"]
    for line in lines:
        if line.kind is RoundBegan:
            out.append("")
        out += line.render()
    return out


# --------------------------------------------------------------------------- comparing


def differences(a: Summary, b: Summary) -> list[tuple[str, str, int, int, int, int]]:
    """What a comparison lists: (kind, id, count in a, games in a, count in b, games in
    b) for each outcome, catastrophes together, and each seat's wins, matched by id."""
    rows = [
        ("outcome", o, a.outcomes.get(o, 0), a.games, b.outcomes.get(o, 0), b.games)
        for o in _ids(a.outcomes, b.outcomes)
    ]
    rows.append(("catastrophe", "any", a.catastrophe_count, a.games, b.catastrophe_count, b.games))
    wa, wb = {s.seat: s.won for s in a.seats}, {s.seat: s.won for s in b.seats}
    rows += [("won", seat, wa.get(seat, 0), a.games, wb.get(seat, 0), b.games) for seat in _ids(wa, wb)]
    return rows


def _ids(*maps: Iterable[str]) -> list[str]:
    out: list[str] = []
    for m in maps:
        out += [k for k in m if k not in out]
    return out


def compare_json(a: Summary, b: Summary) -> dict[str, object]:
    """Both summaries and each difference (b - a) with its 95% interval."""
    diff: dict[str, dict[str, object]] = {}
    for kind, key, ka, na, kb, nb in differences(a, b):
        d, lo, hi = difference(kb, nb, ka, na)
        diff.setdefault(kind, {})[key] = {"change": round(d, 4), "ci95": [round(lo, 4), round(hi, 4)]}
    return {"base": a.to_json(), "other": b.to_json(), "differences": diff}


def compare_table(a: Summary, b: Summary, sa: Scenario, sb: Scenario) -> str:
    """Two runs on the same seeds side by side: each rate in both, and the change with
    its 95% interval (a change whose interval holds 0 may be noise)."""

    def name(kind: str, key: str) -> str:
        if kind == "catastrophe":
            return "Any catastrophe"
        if kind == "won":
            sc = sa if key in sa.seat_index else sb
            return f"{sc.seat(key).name} won"
        sc = sa if key in {o.id for o in sa.outcomes} else sb
        return sc.outcome(key).name

    rows = differences(a, b)
    w = max(len(name(kind, key)) for kind, key, *_ in rows) + 4
    lines = [
        f"Compared on the same {a.games} seeds ({a.seed} to {a.seed + a.games - 1}):",
        f"  A: {sa.path or sa.id} (decks {a.digest[:12]})",
        f"  B: {sb.path or sb.id} (decks {b.digest[:12]})",
        "",
        f"{'':<{w}}{'A':>7} {'B':>7}  {'B − A, points [95% interval]'}",
    ]
    for kind, key, ka, na, kb, nb in rows:
        d, lo, hi = difference(kb, nb, ka, na)
        sure = "" if lo <= 0 <= hi else "  *"
        lines.append(
            f"  {name(kind, key):<{w - 2}}{_pct(ka, na)} {_pct(kb, nb)}  "
            f"{100 * d:+6.1f} [{100 * lo:+.1f}, {100 * hi:+.1f}]{sure}"
        )
    lines += ["", "* the interval leaves out 0: a change the games show, not noise."]
    return "\n".join(lines)
