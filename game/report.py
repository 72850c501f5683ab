"""Plain-text reports for the terminal: simulation tables, final summaries, debriefs.

These read finished games and summaries only; they are shared by the CLI and the
after-action screen, so the words are the same wherever they are read.
"""

from __future__ import annotations

from .engine import GameState, score
from .engine.model import Scenario
from .engine.narrate import describe, label_name
from .engine.record import Record
from .engine.sim import Summary

SPARK = "▁▂▃▄▅▆▇█"


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f}%" if total else "    -"


def summary_table(s: Summary, scenario: Scenario) -> str:
    """A simulation summary as a readable table."""
    controls = ", ".join(f"{k}={v}" for k, v in s.controls.items())
    lines = [
        f"{s.name}: {s.games} bot games from seed {s.seed}",
        f"seats: {controls}",
        "",
        "Outcome                          games      rate",
    ]
    for o in scenario.outcomes:
        n = s.outcomes.get(o.id, 0)
        mark = "  (catastrophe: all lose)" if o.catastrophe else ""
        lines.append(f"  {o.name:<30} {n:>6}    {_pct(n, s.games)}{mark}")
    lines += [
        "",
        f"Catastrophe rate: {_pct(round(s.catastrophe_rate * s.games), s.games).strip()}",
        f"Mean rounds played: {s.mean_rounds:.2f} of {scenario.rounds}",
    ]
    if s.culprits:
        who = ", ".join(
            f"{scenario.seat(k).name if k in scenario.seat_index else k} {v}" for k, v in s.culprits.items()
        )
        lines.append(f"Catastrophes pushed by: {who}")
    lines += ["", "Seat               won   mean pts   objectives met"]
    for seat in s.seats:
        objs = "  ".join(f"{k} {_pct(v, s.games).strip()}" for k, v in seat.objectives.items())
        lines.append(f"  {seat.name:<15} {_pct(seat.won, s.games)}   {seat.points / s.games:6.2f}   {objs}")
    lines.append("")
    lines.append("won = every public objective met and no catastrophe; secret objectives add points")
    return "\n".join(lines)


def final_summary(state: GameState, record: Record) -> str:
    """How a recorded game ended, seat by seat."""
    sc = state.scenario
    lines = [f"{sc.name}, seed {state.seed}: {len(state.history)} actions, verified"]
    if state.ending is None:
        who = sc.seat(state.to_act).name if state.to_act else "nobody"
        lines.append(f"In progress: {sc.round_name(state.round)}, waiting for {who}")
    else:
        outcome = sc.outcome(state.ending.outcome)
        lines.append(f"Outcome: {outcome.name} ({sc.round_name(state.ending.round)})")
        if outcome.catastrophe:
            lines.append(f"  {describe(state.log[-1], sc)}")
    lines.append("")
    results = score(state)
    for seat in sc.seats:
        r = results[seat.id]
        player = record.player(seat.id)
        who = f"{player.name} ({player.control})" if player.name else player.control
        verdict = "WON " if r.won else "lost"
        met = ", ".join(r.met) or "none"
        lines.append(f"  {verdict} {seat.name:<15} {r.points} pts  {who:<20} met: {met}")
    lines.append("")
    lines.append(tracks_over_rounds(state))
    return "\n".join(lines)


def sparkline(values: list[int], lo: int, hi: int) -> str:
    span = max(hi - lo, 1)
    return "".join(SPARK[min(len(SPARK) - 1, (v - lo) * len(SPARK) // (span + 1))] for v in values)


def tracks_over_rounds(state: GameState) -> str:
    """Each global and relation track's path over the rounds, as a sparkline."""
    sc = state.scenario
    timeline = [*state.timeline, state.tracks] if state.timeline[-1] != state.tracks else list(state.timeline)
    lines = ["Track paths (start, then each round's end):"]
    for slot, label in enumerate(sc.slot_labels):
        track = sc.slot_track[slot]
        if track.scope == "seat" or track.style == "counter":
            continue
        values = [t[slot] for t in timeline]
        lo, hi = track.min, track.max
        lines.append(
            f"  {label_name(sc, label):<28} {sparkline(values, lo, hi)}  {' '.join(map(str, values))}"
        )
    return "\n".join(lines)


def after_action(state: GameState, record: Record) -> str:
    """The debrief: the whole log as the facilitator sees it, then the summary."""
    sc = state.scenario
    lines = [f"After-action report: {sc.name}", ""]
    for entry in state.log:
        text = describe(entry, sc)
        if entry.kind == "round":
            lines.append("")
        lines.append(text if entry.kind in ("round", "phase") else f"  {text}")
    lines += ["", final_summary(state, record)]
    return "\n".join(lines)
