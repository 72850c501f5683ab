"""Help: how a round of the scenario goes, and every key, read from the screens' own
bindings so the list cannot fall out of date."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from ...common import brink
from ...engine import Scenario
from ...engine.narrate import how_a_round_goes
from ..widgets.legend import GLOSSARY
from .infront import InFront

PLAYING_A_CARD = (
    "A card is played for its event (its text, paying its cost) or for operations "
    "(its ops value buys an operation)."
)
HOW_TO_PLAY = (
    "● playable now   ○ operations only   ✗ not now (the reason is given)",
    "Meters: ▲ a mark reached going up, ▼ going down, ┤ a cap, ✖ the end of the game.",
    "Between two people's private decisions the screen is hidden: pass the keyboard; the "
    "next person presses Enter when only they are looking. Bots act after a short pause.",
    f"Every action is autosaved, each game in its own file: `{brink('play --resume')}` continues "
    f"the latest after a crash or Ctrl-C, `{brink('games')}` lists them all.",
)


def words_lines(scenario: Scenario) -> list[Content]:
    """The table's terms, then the scenario's meters, each in a sentence."""
    lines = [Content.styled("Words on the table", "bold underline")]
    lines += [Content.assemble((f"  {term}: ", "bold"), said) for term, said in GLOSSARY]
    lines += [Content(""), Content.styled("The meters", "bold underline")]
    lines += [
        Content.assemble((f"  {t.name}: ", "bold"), " ".join(t.text.split()))
        for t in scenario.tracks
        if t.text
    ]
    return [*lines, Content("")]


def key_lines(title: str, bindings: list[Binding], app: App[object]) -> list[Content]:
    lines = [Content.styled(title, "bold underline")]
    for b in bindings:
        if not b.description:
            continue
        keys = " / ".join(app.get_key_display(Binding(k.strip(), "")) for k in b.key.split(","))
        lines.append(Content.assemble((f"  {keys:<18}", "bold"), b.description))
    return lines


class HelpScreen(InFront, ModalScreen[None]):
    AUTO_FOCUS = "#text"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,question_mark,f1,q", "close", "Close")]

    def __init__(self, scenario: Scenario, screens: list[tuple[str, type[Screen[Any]]]]) -> None:
        super().__init__(classes="dialog wide")
        self.scenario = scenario
        self.screens = screens

    def compose(self) -> ComposeResult:
        rounds = f"{how_a_round_goes(self.scenario)} {PLAYING_A_CARD}"
        lines = [*(Content(p) for p in (rounds, *HOW_TO_PLAY)), Content("")]
        lines += words_lines(self.scenario)
        for title, screen in self.screens:
            lines += [*key_lines(title, list(screen.BINDINGS), self.app), Content("")]  # type: ignore[arg-type]
        lines += key_lines("Everywhere", list(self.app.BINDINGS), self.app)  # type: ignore[arg-type]
        lines.append(
            Content.assemble(("  ctrl+p", "bold"), "            command palette (every command by name)")
        )
        lines.append(
            Content.assemble(
                ("  tab / shift+tab", "bold"), "   move between parts of the screen; the mouse works too"
            )
        )
        lines.append(
            Content.assemble(("  1 … 9", "bold"), "             pick the choice with that number in a list")
        )
        with Vertical(classes="box"):
            yield Label("Help — keys and how to play", classes="title")
            with VerticalScroll(classes="lines", id="text"):
                yield Static(Content("\n").join(lines), classes="body")
            yield Static(Content.styled("↑↓ scroll · Esc closes", "$text-muted"))

    def action_close(self) -> None:
        self.dismiss(None)


class TooSmallScreen(Screen[None]):
    """Shown instead of a broken layout while the terminal is smaller than the table needs."""

    def __init__(self, need: tuple[int, int]) -> None:
        super().__init__()
        self.need = need

    def compose(self) -> ComposeResult:
        yield Static(id="message")

    def on_mount(self) -> None:
        self.update()

    def on_resize(self, event: events.Resize) -> None:
        self.update(event.size)

    def update(self, size: Size | None = None) -> None:
        w, h = size or self.app.size
        need_w, need_h = self.need
        self.query_one("#message", Static).update(
            f"This terminal is {w}×{h}; Brinkmanship needs at least {need_w}×{need_h}.\n"
            "Enlarge the window or make the font smaller. The game is saved and waits."
        )
