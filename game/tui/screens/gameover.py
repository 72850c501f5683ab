"""The end of the game: how it ended, who met what, and the path of every track.

Everything here is public: at the end the view reveals secret objectives to all, for
the debrief. The full after-action report (`brink report`) is one key away.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen

from ...engine.view import SeatView, TrackView
from ...paths import data_home
from ..session import Session
from ..shell import Shell
from ..widgets.keybar import KeyBar
from ..widgets.meters import END, end_word, spark
from ..widgets.panels import Panel, StatusBar, hang
from .dialogs import Message, TextScreen
from .infront import InFront
from .whitecell import Answer, PowerDialog


class EndingPanel(Panel):
    """How the game ended; for a catastrophe, who and what pushed it over the edge."""

    def draw(self, seen: SeatView, width: int) -> Content:
        e = seen.ending
        if e is None:
            return Content("")
        lines = [Content.styled(f"{e.name} — round {e.round} of {seen.round_limit}", "bold"), Content(e.text)]
        if e.catastrophe:
            lines.append(Content.styled(f"{END} CATASTROPHE: every nation loses.", "bold $error"))
            who = f"Pushed over the edge by {e.pushed_by}" if e.pushed_by else "Pushed over the edge"
            what = "".join((f" with {e.card}" if e.card else "", f" ({e.track})" if e.track else ""))
            lines.append(Content.styled(f"{who}{what}.", "bold"))
        return Content("\n").join(line for text in lines for line in hang("", text, width))


class ResultsPanel(Panel):
    """Each seat: won or lost, points, and every objective met ✓ or missed ✗."""

    def __init__(self, title: str, labels: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(title, id=id)
        self.labels = labels

    def draw(self, seen: SeatView, width: int) -> Content:
        secret = {(p.id, o.id) for p in seen.seats for o in p.secret}
        lines: list[Content] = []
        for r in sorted(seen.results, key=lambda r: (not r.won, -r.points)):
            verdict = ("★ WON ", "bold $success") if r.won else ("  lost", "$text-muted")
            points = f"  {r.points} point{'s' if abs(r.points) != 1 else ''}"
            lines.append(Content.assemble(verdict, "  ", (self.labels.get(r.seat, r.name), "bold"), points))
            marks = [
                Content.assemble(
                    ("✓ " if ok else "✗ ", "bold $success" if ok else "bold $error"),
                    o.name,
                    (" (secret)" if (r.seat, o.id) in secret else "", "italic"),
                )
                for ok, objs in ((True, r.met), (False, r.missed))
                for o in objs
            ]
            lines += [Content(" " * 8) + line for line in pack(marks, width - 8)]
        return Content("\n").join(lines)


def pack(items: list[Content], width: int, gap: str = "   ") -> list[Content]:
    """Items side by side, as many to a line as fit; an item never splits across lines."""
    lines: list[Content] = []
    for item in items:
        if lines and lines[-1].cell_length + len(gap) + item.cell_length <= width:
            lines[-1] = Content.assemble(lines[-1], gap, item)
        else:
            lines.append(item)
    return lines


def _path(track: TrackView, values: tuple[int, ...]) -> Content:
    return Content.assemble(f"{values[0]:>3} ", (spark(track, values), "bold"), f" {values[-1]:<3}")


class TracksPanel(Panel):
    """Sparklines: the global tracks one a line, then each seat's and relation's."""

    def draw(self, seen: SeatView, width: int) -> Content:
        by_owner: dict[str, list[tuple[TrackView, tuple[int, ...]]]] = {}
        for path in seen.timeline:
            by_owner.setdefault(path.track.label.rpartition(".")[0], []).append((path.track, path.values))
        names = {s.id: s.name for s in seen.seats} | {r.id: r.name for r in seen.relations}
        lines = [
            Content.styled(
                "first value · its path (the start, then each round's end) · last value", "$text-muted"
            )
        ]
        shared = by_owner.get("", [])
        # Names whole where the width allows ("Missiles launched under Kim"), else cut at 21.
        room = max(21, min(max((len(t.name) for t, _ in shared), default=0), width - 32))
        for track, values in shared:
            note = "".join(f"  {END}{m.at} {end_word(m)}" for m in track.marks if m.end)
            name = Content(track.name).truncate(room, ellipsis=True, pad=True)
            lines.append(Content.assemble(name, " ", _path(track, values), (note, "$error")))
        for owner, items in by_owner.items():
            if owner:
                paths = Content("  ").join(Content.assemble(t.name[:3], _path(t, v)) for t, v in items)
                lines.append(Content.assemble(f"{names.get(owner, owner):<22.22}", paths))
        return Content("\n").join(line.truncate(width) for line in lines)


class GameOverScreen(InFront, Screen[None]):
    app = getters.app(Shell)

    CSS_PATH = "gameover.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", "New game"),
        Binding("d", "debrief", "Debrief"),
        Binding("r", "write_report", "Write the report"),
        Binding("u", "undo", "Undo last"),
        Binding("s", "save", "Save"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        yield StatusBar(id="status")
        with VerticalScroll(id="report"):
            yield EndingPanel("", id="ending")
            yield ResultsPanel(
                "Objectives and scores", {p.seat: s.label(p.seat) for p in s.players}, id="results"
            )
            yield TracksPanel("Every track over the rounds", id="tracks")
        yield KeyBar()

    def on_mount(self) -> None:
        seen = self.session.public()
        for panel in self.query(Panel):
            panel.show(seen)
        where = Content.assemble((" Brinkmanship ", "bold reverse"), f" Game over · {seen.scenario}")
        self.query_one(StatusBar).set(where, "r: report · ↑↓ scroll")
        self.query_one("#report").focus()

    def action_new_game(self) -> None:
        self.app.show_setup(self.session.scenario)

    def action_debrief(self) -> None:
        # the dialog's box: up to 100 columns, less its border and padding
        width = min(self.app.size.width, 100) - 6
        self.app.push_screen(TextScreen("After-action report", self.session.debrief(width), wrap=False))

    def action_write_report(self) -> None:
        """Offer to write the after-action report (Markdown, a chart per track) to a folder."""
        s = self.session
        default = data_home() / "reports" / f"{s.scenario.id}-seed{s.state.seed}-{datetime.now():%Y%m%d-%H%M}"

        def chosen(answer: Answer | None) -> None:
            if answer is not None and answer.value:
                self.write_report(Path(answer.value).expanduser())

        self.app.push_screen(
            PowerDialog(
                "Write the after-action report: Markdown, with a chart of every track",
                [("report", "")],
                value="Into the folder",
                default=str(default),
                reason="",
            ),
            chosen,
        )

    @work(thread=True, exclusive=True)
    def write_report(self, folder: Path) -> None:
        """Written off the screen's thread: drawing the charts takes a few seconds."""
        from ...debrief import load_parent, write

        s = self.session
        record = s.record()
        parent, why = load_parent(record, s.scenario)
        try:
            path, notes = write(folder, s.state, record, parent)
        except OSError as e:
            error = Message("The report could not be written", [f"{folder}: {e.strerror or e}"], "error")
            self.app.call_from_thread(self.app.push_screen, error)
            return
        said = " ".join(n for n in (why, *notes) if n)
        self.app.call_from_thread(
            self.app.notify, f"{path}" + (f"\n{said}" if said else ""), title="After-action report written"
        )

    def action_undo(self) -> None:
        self.app.undo(self.session)

    def action_save(self) -> None:
        self.app.save_game(self.session)
