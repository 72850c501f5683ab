"""The setup screen: scenario, who plays each seat, seed and discussion timer.

The scenario's decks are read again from disk when the game starts, so a facilitator
can fix a deck and start without restarting; a deck that does not load shows its
problems (file:line:col) and leaves the setup as it was.
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

from ...engine import Scenario
from ...engine.bots import KINDS
from ...engine.record import Player
from ...games import list_games
from ...paths import all_scenarios
from ..pin import PIN_HELP, PIN_RULE
from ..session import Session, default_players, fresh_seed, load_folder
from ..shell import Shell
from ..widgets.keybar import KeyBar
from .dialogs import LoadDialog, Message
from .infront import InFront
from .workshop import WorkshopScreen

CONTROL_CHOICES = [("Person", "human"), *((k.label, k.name) for k in KINDS)]


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
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "start", "Start", priority=True),
        Binding("ctrl+r", "resume", "Resume", priority=True),
        Binding("ctrl+o", "load", "Open a save", priority=True),
        Binding("ctrl+n", "new_seed", "New seed", priority=True),
        Binding("f2", "workshop", "Decks", priority=True),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, scenario: Scenario, seed: int | None = None, timer: int | None = None) -> None:
        super().__init__()
        self.scenarios: dict[str, Scenario | None] = {}
        self.current = scenario
        self.seed = seed if seed is not None else fresh_seed()
        self.timer = timer
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
        self.current = scenario
        self.query_one("#about", Static).update(Content.styled(scenario.text, "italic"))
        seats = self.query_one("#seats", Vertical)
        seats.remove_children()
        seats.mount_all(SeatRow(p.seat, scenario.seat(p.seat).name, p) for p in default_players(scenario))

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
            self.reload(folder)
        elif scenario is not self.current:
            self.show_scenario(scenario)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "folder" and event.value.strip():
            scenario = self.reload(event.value.strip())
            if scenario is not None:
                self.scenarios[scenario.path] = scenario
                select = self.query_one("#scenario", Select)
                select.set_options(self._options())
                select.value = scenario.path
                self.show_scenario(scenario)
        else:
            self.focus_next()

    def reload(self, folder: str) -> Scenario | None:
        """Load a scenario from disk; on failure show where its decks are wrong."""
        loaded = load_folder(folder)
        if isinstance(loaded, Scenario):
            return loaded
        count = len(loaded)
        self.app.push_screen(
            Message(
                f"The scenario in {folder} does not load ({count} problem{'s' if count != 1 else ''})",
                [*loaded, "", "Fix the files (`brink validate` lists the same problems) and try again."],
                "error",
            )
        )
        return None

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
        scenario = self.reload(self.current.path)
        if scenario is None:
            return
        players = tuple(row.chosen() for row in self.query(SeatRow))
        self.app.timer = int(timer_text) if timer_text else None
        self.app.open_table(Session.start(scenario, int(seed_text), players), pin or None)

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
