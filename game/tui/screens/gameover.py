"""The end of the game: how it ended, who met what, and the path of every track.

Everything here is public: at the end the view reveals secret objectives to all, for
the debrief. The full after-action report (`brink report`) is one key away.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...engine.view import SeatView, TrackView
from ..session import Session
from ..widgets.keybar import KeyBar
from ..widgets.meters import END, end_word, spark
from ..widgets.panels import StatusBar
from .dialogs import TextScreen


def ending_text(seen: SeatView) -> Content:
    e = seen.ending
    assert e is not None
    lines = [Content.styled(f"{e.name} — round {e.round} of {seen.round_limit}", "bold"), Content(e.text)]
    if e.catastrophe:
        lines.append(Content.styled(f"{END} CATASTROPHE: every nation loses.", "bold $error"))
        pushed = " ".join(
            part
            for part in (
                f"Pushed over the edge by {e.pushed_by}" if e.pushed_by else "Pushed over the edge",
                f"with {e.card}" if e.card else "",
                f"({e.track})" if e.track else "",
            )
            if part
        )
        lines.append(Content.styled(pushed + ".", "bold"))
    return Content("\n").join(lines)


def results_text(seen: SeatView, label: dict[str, str]) -> Content:
    secret = {(p.id, o.id) for p in seen.seats for o in p.secret}
    lines = []
    for r in sorted(seen.results, key=lambda r: (not r.won, -r.points)):
        verdict = ("★ WON ", "bold $success") if r.won else ("  lost", "$text-muted")
        lines.append(
            Content.assemble(
                verdict,
                "  ",
                (label.get(r.seat, r.name), "bold"),
                f"  {r.points} point{'s' if r.points != 1 else ''}",
            )
        )
        marks = [
            Content.assemble(
                ("✓ " if ok else "✗ ", "bold $success" if ok else "bold $error"),
                o.name,
                (" (secret)" if (r.seat, o.id) in secret else "", "italic"),
            )
            for ok, objs in ((True, r.met), (False, r.missed))
            for o in objs
        ]
        lines.append(Content.assemble("        ", Content("   ").join(marks)))
    return Content("\n").join(lines)


def _path(track: TrackView, values: tuple[int, ...]) -> Content:
    return Content.assemble(f"{values[0]:>3} ", (spark(track, values), "bold"), f" {values[-1]:<3}")


def tracks_text(seen: SeatView) -> Content:
    """Sparklines: global tracks one per line, then each seat's and relation's tracks."""
    by_owner: dict[str, list[tuple[TrackView, tuple[int, ...]]]] = {}
    for track, values in seen.timeline:
        owner = track.label.rpartition(".")[0]
        by_owner.setdefault(owner, []).append((track, values))
    names = {s.id: s.name for s in seen.seats} | {r.id: r.name for r in seen.relations}
    lines = [
        Content.styled(
            "first value · its path (the start, then the end of each round) · last value", "$text-muted"
        )
    ]
    for track, values in by_owner.get("", []):
        ends = [m for m in track.marks if m.end]
        note = "".join(f"  {END}{m.at} {end_word(m)}" for m in ends)
        name = Content(track.name).truncate(21, ellipsis=True, pad=True)
        lines.append(Content.assemble(name, " ", _path(track, values), (note, "$error")))
    for owner, items in by_owner.items():
        if not owner:
            continue
        parts = Content("  ").join(Content.assemble(f"{t.name[:3]}", _path(t, v)) for t, v in items)
        lines.append(Content.assemble(f"{names.get(owner, owner):<22.22}", parts))
    return Content("\n").join(lines)


class GameOverScreen(Screen[None]):
    CSS_PATH = "gameover.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", "New game"),
        Binding("d", "debrief", "Debrief"),
        Binding("u", "undo", "Undo last"),
        Binding("s", "save", "Save"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        seen = s.public()
        yield StatusBar(id="status")
        with VerticalScroll(id="report"):
            yield Static(ending_text(seen), id="ending")
            results = Static(results_text(seen, {p.seat: s.label(p.seat) for p in s.players}), id="results")
            results.border_title = "Objectives and scores"
            yield results
            tracks = Static(tracks_text(seen), id="tracks")
            tracks.border_title = "Every track over the rounds"
            yield tracks
        yield KeyBar()

    def on_mount(self) -> None:
        seen = self.session.public()
        where = Content.assemble((" Brinkmanship ", "bold reverse"), f" Game over · {seen.scenario}")
        self.query_one(StatusBar).set(where, "↑↓ scroll · d: the full debrief")
        self.query_one("#report").focus()

    def action_new_game(self) -> None:
        self.app.show_setup(self.session.scenario)  # type: ignore[attr-defined]

    def action_debrief(self) -> None:
        self.app.push_screen(TextScreen("After-action report", self.session.debrief()))

    def action_undo(self) -> None:
        self.app.undo(self.session)  # type: ignore[attr-defined]

    def action_save(self) -> None:
        self.app.save_game(self.session)  # type: ignore[attr-defined]
