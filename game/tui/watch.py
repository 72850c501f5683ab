"""`brink watch`: the public board for the room, on a second terminal or a projector.

It follows a game file as the table writes it (the latest kept game, or the one
named) and shows only what the whole room may see: the public view of the game
(`view(state, None)`), never a hand, a secret objective or a sealed headline. It only
reads: a half-written or unreadable file is waited out, a game that is undone,
resumed or replaced by a new one is followed as it now stands.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from attrs import frozen
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.content import Content

from ..common import brink
from ..engine import LoadError, Scenario, load_scenario
from ..engine.record import Record, RecordError, read, replay
from ..engine.view import SeatView, view
from ..paths import games_dir, scenario_folder_of
from .interrupt import interrupt, on_signals
from .screens.gameover import EndingPanel
from .widgets import legend
from .widgets.eventlog import EventLog
from .widgets.panels import AlliancesPanel, CrisisPanel, InForcePanel, NationsPanel, StatusBar, WorldPanel

#: How often the file is looked at, in seconds: a change shows well within a second.
EVERY = 0.25


@frozen
class Board:
    """What the room may see of a game: its public view and who plays each seat."""

    path: Path
    seen: SeatView
    players: dict[str, str]
    to_act: str | None


def latest_game() -> Path | None:
    """The game file written last (the game being played, as a rule)."""
    try:
        files = [(f.stat().st_mtime_ns, f) for f in games_dir().glob("*.json")]
    except OSError:
        return None
    return max(files)[1] if files else None


class Follow:
    """The game file followed, read again whenever it changes."""

    def __init__(self, given: Path | None, load: Callable[[Path], Scenario] = load_scenario) -> None:
        self.given = given
        self.load = load
        self.stamp: tuple[Path, int, int] | None = None
        self.scenarios: dict[str, Scenario] = {}

    def path(self) -> Path | None:
        return self.given if self.given is not None else latest_game()

    def poll(self) -> Board | str | None:
        """A new board if the file changed; a sentence if it cannot be shown now (the
        last board stays up); None if nothing changed."""
        path = self.path()
        if path is None:
            return f"Waiting for a game: none in {games_dir()} yet (start one with `{brink('play')}`)."
        try:
            st = path.stat()
        except OSError:
            return f"Waiting for {path} to appear."
        stamp = (path, st.st_mtime_ns, st.st_size)
        if stamp == self.stamp:
            return None
        try:
            record = read(path)
            state = replay(record, self.scenario(record))
        except (RecordError, LoadError, OSError) as e:
            return f"Waiting: {path.name} cannot be read now ({_first_line(e)})."
        self.stamp = stamp
        players = {p.seat: _player(p.control, p.name) for p in record.players}
        return Board(path, view(state, None), players, state.to_act)

    def scenario(self, record: Record) -> Scenario:
        folder = scenario_folder_of(record)
        key = f"{folder}:{record.digest}"
        if key not in self.scenarios:
            self.scenarios[key] = self.load(folder)
        return self.scenarios[key]


def _first_line(e: BaseException) -> str:
    if isinstance(e, LoadError):
        return str(e.problems[0]) if e.problems else "the scenario does not load"
    return str(e).splitlines()[0] if str(e) else type(e).__name__


def _player(control: str, name: str) -> str:
    return name or "person" if control == "human" else "bot"


class WatchApp(App[int]):
    """The board, redrawn whenever the followed file changes."""

    CSS_PATH = "watch.tcss"
    TITLE = "Brinkmanship — the board"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (150, "-wide")]  # type: ignore[misc]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
        Binding("ctrl+t", "toggle_theme", "Light or dark theme"),
    ]

    def __init__(self, follow: Follow, theme: str = "light", every: float = EVERY) -> None:
        super().__init__()
        self.follow = follow
        self.every = every
        self.board: Board | None = None
        self.theme = "textual-dark" if theme == "dark" else "textual-light"

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Container(id="body"):
            with Vertical(id="left"):
                yield WorldPanel("World", id="world")
                yield AlliancesPanel("Alliances", id="alliances")
                yield InForcePanel("In force", id="inforce")
            with Vertical(id="middle"):
                yield NationsPanel("Nations", id="nations")
                yield EndingPanel("The end", id="ending")
                yield CrisisPanel("Crisis", id="crisis")
            log = EventLog(id="log")
            log.border_title = "Log"
            yield log
        yield StatusBar(id="note")

    def on_mount(self) -> None:
        on_signals(self)
        self.query_one(WorldPanel).border_title = legend.titled("World", legend.METERS)
        self.query_one("#ending").display = False
        self.refresh_board()
        self.set_interval(self.every, self.refresh_board)

    def refresh_board(self) -> None:
        if not self.query("#note"):
            return  # the app is closing and its widgets are gone; the timer may still fire
        got = self.follow.poll()
        note = self.query_one("#note", StatusBar)
        if isinstance(got, str):
            note.set(Content.styled(f" {got}", "$text-muted"), "")
            return
        if got is None:
            return
        self.board = got
        self.show(got)
        note.set(
            Content.styled(f" Following {got.path}  (read only; q quits)", "$text-muted"),
            "",
        )

    def show(self, board: Board) -> None:
        seen = board.seen
        nations = self.query_one(NationsPanel)
        nations.players = board.players
        where = Content.assemble(
            (" Brinkmanship ", "bold reverse"),
            f" {seen.scenario} · {seen.where}",
        )
        self.query_one("#status", StatusBar).set(where, self.who(board))
        over = seen.over
        self.query_one("#ending").display = over
        self.query_one("#crisis").display = not over
        for panel in (WorldPanel, AlliancesPanel, InForcePanel, NationsPanel, CrisisPanel):
            self.query_one(panel).show(seen)
        if over:
            self.query_one(EndingPanel).show(seen)
        self.query_one(EventLog).show(seen)

    def who(self, board: Board) -> Content:
        seat = board.to_act
        if seat is None:
            return Content.styled("Game over ", "bold")
        name = next((p.name for p in board.seen.seats if p.id == seat), seat)
        return Content.assemble("To act: ", (f"{name} ({board.players.get(seat, '')})", "bold"), " ")

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_interrupt(self) -> None:
        interrupt(self)


def watched_path(name: str | None) -> Path | None:
    """The file `brink watch NAME` follows: a path as given, else a kept game or a named
    save of that name; None follows the latest kept game. RecordError if there is none."""
    if not name:
        return None
    path = Path(name)
    if path.suffix == ".json" or "/" in name:
        return path
    from ..paths import saves_dir

    for folder in (games_dir(), saves_dir()):
        if (folder / f"{name}.json").is_file():
            return folder / f"{name}.json"
    raise RecordError(f"there is no game or save named {name!r}; `{brink('games')}` lists the games")
