"""The setup screen: scenario, who plays each seat, round limit, seed and discussion timer.

The scenario's decks are read again from disk when the game starts, so a facilitator
can fix a deck and start without restarting; a deck that does not load shows its
problems (file:line:col) and leaves the setup as it was, and Start refuses to start
another scenario in its place while the one chosen does not load. Each scenario's
last setup is remembered (tui/memory.py) and offered the next time.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from ...common import brink
from ...engine import Scenario
from ...engine.bots import KINDS
from ...engine.record import Player
from ...games import list_games
from ...paths import all_scenarios
from ..memory import Remembered, recall, remember
from ..pin import PIN_HELP, PIN_RULE
from ..session import Session, default_players, fresh_seed, load_folder
from ..shell import Shell
from ..widgets.keybar import KeyBar
from .dialogs import LoadDialog, Message
from .infront import InFront
from .workshop import WorkshopScreen

CONTROL_CHOICES = [("Person", "human"), *((k.label, k.name) for k in KINDS)]
#: The shorter games offered at setup (only those shorter than the scenario's own).
SHORTER_GAMES = (4, 6, 8)


def round_choices(scenario: Scenario, also: int | None = None) -> list[tuple[str, int]]:
    """The round limits setup offers: the scenario's own, then shorter ones (and `also`,
    a limit given on the command line or remembered, if the scenario allows it)."""
    shorter = {n for n in (*SHORTER_GAMES, also or 0) if 1 <= n < scenario.rounds}
    return [
        (f"{scenario.rounds} rounds (all)", scenario.rounds),
        *((f"{n} rounds", n) for n in sorted(shorter, reverse=True)),
    ]


class SeatRow(Horizontal):
    """One seat: who plays it, and the participant's name."""

    def __init__(self, seat_id: str, name: str, player: Player) -> None:
        super().__init__(classes="seat")
        self.seat_id = seat_id
        self.seat_name = name
        self.player = player

    def compose(self) -> ComposeResult:
        yield Label(self.seat_name, classes="seat-name")
        yield Select(
            CONTROL_CHOICES,
            value=self.player.control,
            allow_blank=False,
            compact=True,
            id=f"control-{self.seat_id}",
        )
        yield Input(
            self.player.name,
            placeholder="participant's name (optional)" if self.player.control == "human" else "",
            compact=True,
            max_length=40,
            id=f"name-{self.seat_id}",
            disabled=self.player.control != "human",
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        name = self.query_one(Input)
        name.disabled = event.value != "human"
        name.placeholder = "participant's name (optional)" if event.value == "human" else ""

    def chosen(self) -> Player:
        control = self.query_one(Select).value
        name = self.query_one(Input).value.strip() if control == "human" else ""
        return Player(self.seat_id, str(control), name)


class SetupScreen(InFront, Screen[None]):
    app = getters.app(Shell)

    CSS_PATH = "setup.tcss"
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (30, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "start", "Start", priority=True),
        Binding("ctrl+r", "resume", "Resume", priority=True),
        Binding("ctrl+o", "load", "Open a save", priority=True),
        Binding("ctrl+n", "new_seed", "New seed", priority=True),
        Binding("f2", "workshop", "Decks", priority=True),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        timer: int | None = None,
        rounds: int | None = None,
    ) -> None:
        super().__init__()
        self.scenarios: dict[str, Scenario | None] = {}
        self.current = scenario
        self.seed = seed if seed is not None else fresh_seed()
        self.timer = timer
        self.rounds = rounds
        #: The folder chosen last that does not load, with its problems: Start refuses
        #: to start another scenario in its place.
        self.broken: tuple[str, tuple[str, ...]] | None = None
        self.warned = False
        self.folders = [scenario.path] + [str(p) for p in all_scenarios() if str(p) != scenario.path]
        self.scenarios[scenario.path] = scenario
        for folder in self.folders[1:]:
            loaded = load_folder(folder)
            self.scenarios[folder] = loaded if isinstance(loaded, Scenario) else None

    def _options(self) -> list[tuple[str, str]]:
        return [
            (f"{sc.name} ({Path(f).name})" if sc else f"{Path(f).name} (does not load)", f)
            for f, sc in self.scenarios.items()
        ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form", can_focus=False):
            yield Label("Brinkmanship — set up a game at this keyboard", classes="title")
            with Horizontal(classes="field"):
                yield Label("Scenario", classes="label")
                yield Select(
                    self._options(), value=self.current.path, allow_blank=False, compact=True, id="scenario"
                )
            with Horizontal(classes="field"):
                yield Label("or folder", classes="label")
                yield Input(placeholder="path to a scenario folder, then Enter", compact=True, id="folder")
            yield Static(id="about")
            yield Label("Seats", classes="section")
            yield Vertical(id="seats")
            with Horizontal(classes="field"):
                yield Label("Rounds", classes="label")
                yield Select(round_choices(self.current), allow_blank=False, compact=True, id="rounds")
                yield Label("a shorter game ends there, scored as usual", classes="hint")
            with Horizontal(classes="field"):
                yield Label("Seed", classes="label")
                yield Input(str(self.seed), type="integer", compact=True, id="seed", max_length=9)
                yield Label("Timer", classes="label short")
                yield Input(
                    str(self.timer or ""),
                    placeholder="off",
                    type="integer",
                    compact=True,
                    id="timer",
                    max_length=4,
                )
                yield Label("seconds of discussion per turn", classes="hint")
            with Horizontal(classes="field"):
                yield Label("PIN", classes="label")
                yield Input(password=True, placeholder="none", compact=True, id="pin", max_length=8)
                yield Label("the facilitator's white cell (key w): 4 to 8 digits", classes="hint")
        with Vertical(id="actions"):  # under the form, on screen however long the form
            with Horizontal(classes="buttons"):
                yield Button("Start (ctrl+g)", variant="primary", id="start", compact=True)
                yield Button("Recent games (ctrl+r)", id="resume", compact=True)
                yield Button("Open a save (ctrl+o)", id="load", compact=True)
            yield Static(id="note")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_scenario(self.current)
        self.call_after_refresh(self.focus_first_name)
        unfinished = sum(1 for g in list_games() if not g.over)
        note = (
            f"{unfinished} unfinished game{'s are' if unfinished != 1 else ' is'} kept: ctrl+r lists them."
            if unfinished
            else "Each seat: a person (give their name) or a bot. ctrl+g starts."
        )
        self.query_one("#note", Static).update(Content.styled(note, "$text-muted"))

    def show_scenario(self, scenario: Scenario) -> None:
        """Show a scenario with its last setup (or its default seats, the whole game);
        a round limit or timer given on the command line goes first."""
        self.current, self.broken = scenario, None
        last, warning = recall(scenario)
        if warning and not self.warned:  # once, not at every change of scenario
            self.warned = True
            self.app.notify(warning, title="Setup", severity="warning", timeout=10)
        self.query_one("#about", Static).update(Content.styled(scenario.text, "italic"))
        seats = self.query_one("#seats", Vertical)
        seats.remove_children()
        players = last.players if last else default_players(scenario)
        seats.mount_all(SeatRow(p.seat, scenario.seat(p.seat).name, p) for p in players)
        rounds = self.rounds or (last.rounds if last else None) or scenario.rounds
        select = self.query_one("#rounds", Select)
        select.set_options(round_choices(scenario, rounds))
        select.value = rounds if 1 <= rounds <= scenario.rounds else scenario.rounds
        timer = self.timer or (last.timer if last else None)
        self.query_one("#timer", Input).value = str(timer or "")

    def focus_first_name(self) -> None:
        """Start where a facilitator starts: the first participant's name."""
        names = [i for i in self.query("SeatRow Input").results(Input) if not i.disabled]
        if names:
            names[0].focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "scenario":
            return
        event.stop()
        folder = str(event.value)
        scenario = self.scenarios.get(folder)
        if scenario is None:
            self.choose(folder)
        elif scenario is not self.current or self.broken is not None:
            self.show_scenario(scenario)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "folder" and event.value.strip():
            self.choose(event.value.strip())
        else:
            self.focus_next()

    def choose(self, folder: str) -> None:
        """Choose a scenario folder: shown with its setup if it loads; else shown in
        the list as not loading, with its problems, so Start cannot start another."""
        scenario = self.reload(folder)
        key = scenario.path if scenario is not None else folder
        self.scenarios[key] = scenario
        select = self.query_one("#scenario", Select)
        with select.prevent(Select.Changed):  # chosen here, not by the person: no echo
            select.set_options(self._options())
            select.value = key
        if scenario is not None:
            self.show_scenario(scenario)

    def reload(self, folder: str) -> Scenario | None:
        """Load a scenario from disk; on failure show where its decks are wrong, and
        keep it as the broken choice until another scenario is chosen."""
        loaded = load_folder(folder)
        if isinstance(loaded, Scenario):
            return loaded
        self.broken = folder, loaded
        self.show_broken()
        return None

    def show_broken(self) -> None:
        assert self.broken is not None
        folder, problems = self.broken
        count = len(problems)
        self.warn(f"The scenario in {folder} does not load: fix it, or choose another scenario.")
        self.app.push_screen(
            Message(
                f"The scenario in {folder} does not load ({count} problem{'s' if count != 1 else ''})",
                [
                    *problems,
                    "",
                    f"Fix the files (`{brink('validate')}` lists the same problems) and try again.",
                ],
                "error",
            )
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        getattr(self, f"action_{event.button.id}")()

    # ------------------------------------------------------------------- actions

    def action_new_seed(self) -> None:
        self.query_one("#seed", Input).value = str(fresh_seed())

    def action_start(self) -> None:
        seed_text = self.query_one("#seed", Input).value.strip()
        timer_text = self.query_one("#timer", Input).value.strip()
        if not seed_text.lstrip("-").isdigit():
            self.warn("The seed must be a whole number (ctrl+n picks one).")
            return
        if timer_text and (not timer_text.isdigit()):
            self.warn("The timer is a number of seconds, or empty for none.")
            return
        pin = self.query_one("#pin", Input).value.strip()
        if pin and not PIN_RULE.fullmatch(pin):
            self.warn(f"The white cell's PIN: {PIN_HELP}, or empty for none.")
            return
        if self.broken is not None:  # never start another scenario in its place
            self.choose(self.broken[0])  # fixed since? then it is shown, to start next
            return
        scenario = self.reload(self.current.path)
        if scenario is None:
            return
        players = tuple(row.chosen() for row in self.query(SeatRow))
        limit = self.query_one("#rounds", Select).value
        rounds = limit if isinstance(limit, int) and limit < scenario.rounds else None
        timer = int(timer_text) if timer_text else None
        warning = remember(scenario, Remembered(players, rounds, timer))
        if warning:
            self.app.notify(warning, title="Setup", severity="warning", timeout=10)
        self.app.timer = timer
        self.app.open_table(Session.start(scenario, int(seed_text), players, rounds), pin or None)

    def warn(self, text: str) -> None:
        self.query_one("#note", Static).update(Content.styled(text, "bold $error"))

    def action_resume(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.app.open_game(lambda anyway: Session.open(path, anyway=anyway))

        self.app.push_screen(LoadDialog(list_games(), recent=True), chosen)

    def action_load(self) -> None:
        self.app.load_game()

    def action_workshop(self) -> None:
        self.app.push_screen(WorkshopScreen(Path(self.current.path)))
