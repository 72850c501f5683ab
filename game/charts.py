"""`brink simulate --report DIR`: a run's summary as Markdown, with charts as images.

The Markdown needs nothing beyond the standard library. The charts (the shared tracks'
means by round, the outcome shares with their intervals) are drawn with matplotlib, an
optional extra (`pip install 'brinkmanship[charts]'`); without it the report is written
all the same, and says that its charts were left out and how to get them.
"""

from __future__ import annotations

from pathlib import Path

from .engine.model import Scenario
from .engine.narrate import label_name
from .engine.sim import Summary
from .engine.stats import wilson
from .report import compare_table, summary_table

MISSING = "charts left out: matplotlib is not installed (pip install 'brinkmanship[charts]')"
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


def _draw(folder: Path, s: Summary, scenario: Scenario) -> list[tuple[str, str]]:
    """Draw the charts; ImportError when matplotlib is missing."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, no display needed
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for label, means in s.track_means().items():
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
