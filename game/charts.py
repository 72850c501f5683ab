"""`brink simulate --report DIR`: a run's summary as Markdown, with charts as images.

The Markdown needs nothing beyond the standard library. The charts (the shared tracks'
means by round, the outcome shares with their intervals) are drawn with matplotlib, an
optional extra (`pip install 'brinkmanship[charts]'`); without it the report is written
all the same, and says that its charts were left out and how to get them.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from .common import pip_install
from .engine.model import GameState, Scenario
from .engine.narrate import label_name
from .engine.sim import Summary
from .engine.stats import wilson
from .report import compare_table, round_points, summary_table

MISSING = f"charts left out: matplotlib is not installed ({pip_install('brinkmanship[charts]')})"
TRACKS_PNG, OUTCOMES_PNG = "tracks.png", "outcomes.png"


def write_report(
    folder: Path, s: Summary, scenario: Scenario, other: tuple[Summary, Scenario] | None = None
) -> list[str]:
    """Write `folder/summary.md` and its charts; the notes to show the user (a chart
    library missing) are returned. Raises OSError if the folder cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    try:
        charts = _draw(folder, s, scenario)
    except ImportError:
        charts, notes = [], [MISSING]
    md = [
        f"# {s.name}: {s.games} bot games",
        "",
        f"Seeds {s.seed} to {s.seed + s.games - 1}; seats: "
        + ", ".join(f"{k} {v}" for k, v in s.controls.items())
        + f"; decks `{s.digest[:12]}`.",
        "",
        "## Outcomes",
        "",
        "| Outcome | Games | Share | 95% interval |",
        "|---|---:|---:|---|",
        *(
            f"| {scenario.outcome(o).name} | {n} | {_pct(n, s.games)} | {_ci(n, s.games)} |"
            for o, n in s.outcomes.items()
        ),
        "",
        "## Seats",
        "",
        "| Seat | Won | 95% interval | Mean points |",
        "|---|---:|---|---:|",
        *(
            f"| {seat.name} | {_pct(seat.won, s.games)} | {_ci(seat.won, s.games)} | "
            f"{seat.points / max(s.games, 1):.2f} |"
            for seat in s.seats
        ),
        "",
        *(f"![{alt}]({name})\n" for name, alt in charts),
        *([f"_{notes[0]}._", ""] if notes else []),
        "## The whole summary",
        "",
        "```text",
        summary_table(s, scenario),
        "```",
    ]
    if other is not None:
        md += ["", "## Compared", "", "```text", compare_table(s, other[0], scenario, other[1]), "```"]
    (folder / "summary.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    return notes


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}%" if n else "-"


def _ci(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{100 * lo:.1f}–{100 * hi:.1f}%"


def pyplot() -> ModuleType:
    """matplotlib's pyplot, drawing to files only (no window, no display needed);
    ImportError when matplotlib is not installed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _draw(folder: Path, s: Summary, scenario: Scenario) -> list[tuple[str, str]]:
    """Draw the charts; ImportError when matplotlib is missing."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for label, means in s.track_means().items():
        if scenario.slot_track[scenario.slot_labels.index(label)].style == "counter":
            continue  # a running count (missiles launched: 74 and up) would flatten the meters
        ax.plot(range(len(means)), means, marker="o", label=label_name(scenario, label))
    ax.set_xlabel("round (0: the start)")
    ax.set_ylabel("mean over the games still going")
    ax.set_title("Shared tracks by round")
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(folder / TRACKS_PNG, dpi=100)
    plt.close(fig)

    names = [scenario.outcome(o).name for o in s.outcomes]
    shares = [100 * n / max(s.games, 1) for n in s.outcomes.values()]
    bounds = [wilson(n, s.games) for n in s.outcomes.values()]
    errors = [
        [p - 100 * lo for p, (lo, _) in zip(shares, bounds, strict=True)],
        [100 * hi - p for p, (_, hi) in zip(shares, bounds, strict=True)],
    ]
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(names) + 1.5))
    ax.barh(names, shares, xerr=errors, capsize=4)
    ax.invert_yaxis()
    ax.set_xlabel("share of games, % (bars: 95% interval)")
    ax.set_title("Outcomes")
    fig.tight_layout()
    fig.savefig(folder / OUTCOMES_PNG, dpi=100)
    plt.close(fig)
    return [(TRACKS_PNG, "Shared tracks by round"), (OUTCOMES_PNG, "Outcome shares")]


# ------------------------------------------------------------------------- one game


def game_charts(folder: Path, state: GameState, parent: GameState | None = None) -> list[tuple[str, str]]:
    """One chart per track of one game, its value at the start and at the end of every
    round (a line per seat or relation for their tracks), with the track's thresholds;
    for a branch, the `parent` game's path dashed beside it. Files `track-<id>.png`;
    returns (file, caption) pairs. ImportError when matplotlib is missing."""
    plt = pyplot()
    sc = state.scenario
    points = round_points(state)
    ticks = ["start", *(sc.round_name(n) for n in range(1, len(points)))]
    out = []
    for track in sc.tracks:
        slots = [
            (slot, label)
            for (tid, _), slot in sc.slots.items()
            if tid == track.id
            for label in [sc.slot_name(slot)]
        ]
        fig, ax = plt.subplots(figsize=(8, 3.6))
        for slot, label in slots:
            line = ax.plot(range(len(points)), [p[slot] for p in points], marker="o", label=label)
            if parent is not None:
                before = round_points(parent)
                ax.plot(
                    range(len(before)),
                    [p[slot] for p in before],
                    linestyle="--",
                    color=line[0].get_color(),
                    alpha=0.6,
                    label=f"{label} (parent)" if len(slots) == 1 else None,
                )
        for th in track.thresholds:
            ax.axhline(th.at, color="red" if th.end else "grey", linewidth=0.8, linestyle=":")
            ax.annotate(
                th.name, (0, th.at), fontsize="x-small", color="red" if th.end else "grey", va="bottom"
            )
        if track.style != "counter":
            ax.set_ylim(track.min - 0.3, track.max + 0.3)
        ax.set_xticks(range(len(ticks)), ticks, rotation=30, fontsize="small")
        ax.set_title(track.name + (" (dashed: the parent game)" if parent is not None else ""))
        if len(slots) > 1 or parent is not None:
            ax.legend(fontsize="x-small", ncol=2)
        fig.tight_layout()
        name = f"track-{track.id}.png"
        fig.savefig(folder / name, dpi=90)
        plt.close(fig)
        out.append((name, f"{track.name} over the rounds"))
    return out
