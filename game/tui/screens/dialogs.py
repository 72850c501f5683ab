"""Small modal dialogs: deciding an action, warnings, confirmations, saves, messages.

Each is a `ModalScreen` that dismisses with its answer; the screen that pushed it
decides what to do with the answer. None of them reads the game.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import attrs
from attrs import frozen
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...engine.model import Action
from ...games import GameInfo
from ..session import SaveInfo
from ..widgets.numbered import NumberedList, number, numbered
from .infront import FreshKeys, InFront


@frozen
class Choice:
    """One way to take a decision, as the dialog lists it."""

    action: Action
    label: str
    warning: str | None = None


class ActionDialog(InFront, ModalScreen[Action | None]):
    """Pick how to act (event, target, operations...), add an optional "why?", confirm.

    An option that may end the game is marked ⚠ with its consequence, and asks once
    more before it is taken."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Back")]

    def __init__(self, title: str, body: Content | str, choices: Sequence[Choice]) -> None:
        super().__init__(classes="dialog")
        self.heading = title
        self.body = body
        self.choices = tuple(choices)
        self.chosen: Choice | None = self.choices[0] if len(self.choices) == 1 else None

    def on_mount(self) -> None:
        # a query, not query_one: the dialog may be gone already (answered by a fast key)
        self.query("#why" if self.chosen is not None else "#choices").focus()

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.heading, classes="title")
            if self.body:
                with VerticalScroll(id="card"):
                    yield Static(self.body, classes="body")
            yield NumberedList(*(self._row(i, c) for i, c in enumerate(self.choices)), id="choices")
            yield Static(self._hint(), id="hint")
            yield Input(
                placeholder="Why? (optional, one line, kept in the record)",
                id="why",
                max_length=200,
                compact=True,
            )
            with Horizontal(classes="buttons"):
                yield Button("Confirm", variant="primary", id="confirm", compact=True)
                yield Button("Back (Esc)", id="back", compact=True)

    def _row(self, index: int, choice: Choice) -> Option:
        if choice.warning is None:
            return Option(number(index) + choice.label)
        return Option(
            Content.assemble(number(index), choice.label, "\n", (f"⚠ {choice.warning}", "bold $error")),
        )

    def _hint(self) -> Content:
        if self.chosen is None:
            return Content.styled("Pick one with its number, or ↑↓ and Enter.", "$text-muted")
        return Content.assemble(
            ("▶ ", "bold"), (self.chosen.label, "bold"), ("  — Enter confirms, Esc goes back", "$text-muted")
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.chosen = self.choices[event.option_index]
        self.query_one("#hint", Static).update(self._hint())
        self.query_one("#why").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self._confirm()
        else:
            self.dismiss(None)

    def _confirm(self) -> None:
        if not self.is_active:  # a second Enter: the first has confirmed, or asked about war
            return
        if self.chosen is None:
            highlighted = self.query_one("#choices", OptionList).highlighted
            if highlighted is None:
                return
            self.chosen = self.choices[highlighted]
        why = self.query_one("#why", Input).value.strip()
        action = attrs.evolve(self.chosen.action, why=why) if why else self.chosen.action
        if self.chosen.warning is None:
            self.dismiss(action)
            return

        def decided(go: bool | None) -> None:
            if go:
                self.dismiss(action)

        self.app.push_screen(WarWarning(self.chosen.label, self.chosen.warning), decided)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class Confirm(InFront, ModalScreen[bool]):
    """A yes/no question (undo, starting over); the safe answer has the focus."""

    AUTO_FOCUS = "#no"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(
        self, title: str, question: str | Content, yes: str = "Yes", no: str = "No", danger: bool = False
    ) -> None:
        super().__init__(classes="dialog warning" if danger else "dialog")
        self.heading = title
        self.question = question
        self.yes, self.no = yes, no
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.heading, classes="title")
            yield Static(self.question, classes="body")
            with Horizontal(classes="buttons"):
                no = Button(
                    f"{self.no} (n)", id="no", compact=True, variant="primary" if self.danger else "default"
                )
                yes = Button(
                    f"{self.yes} (y)", id="yes", compact=True, variant="error" if self.danger else "primary"
                )
                yield from (no, yes) if self.danger else (yes, no)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class WarWarning(Confirm):
    """The last word before an action that may end the game for everyone."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Do it anyway"),
        Binding("n,escape", "answer(False)", "Think again"),
    ]

    def __init__(self, what: str, consequence: str) -> None:
        super().__init__(
            "⚠ WARNING: this may end the game",
            Content.assemble((what, "bold"), "\n\n", consequence),
            yes="Do it anyway",
            no="Think again",
            danger=True,
        )


class Message(InFront, ModalScreen[None]):
    """Something to read and acknowledge: errors with their locations, a reveal."""

    AUTO_FOCUS = "#ok"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape", "close", "Continue")]

    def __init__(
        self, title: str, lines: Sequence[str], tone: str = "", button: str = "Continue (Enter)"
    ) -> None:
        super().__init__(classes=f"dialog {tone}".strip())
        self.heading = title
        self.lines = tuple(lines)
        self.button = button

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.heading, classes="title")
            with VerticalScroll(classes="lines"):
                yield Static("\n".join(self.lines), classes="body", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.button, id="ok", variant="primary", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class MoveSummary(FreshKeys, Message):
    """What a person's move did, in the public log's words, on their side of the
    curtain: shown before the keyboard passes on; Enter hands over. Only a key pressed
    once it is shown closes it, so the Enters that confirmed the move do not skip it."""

    def __init__(self, who: str, lines: Sequence[str]) -> None:
        super().__init__(f"What your move did — {who}", lines, button="Hand over the keyboard (Enter)")


class SaveDialog(InFront, ModalScreen[str | None]):
    """Ask for a name: of a save, or (with another title and hint) of a copy."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        default: str,
        problem: str = "",
        title: str = "Save the game as…",
        hint: str = "A name (letters, digits, spaces, _ . -) or a file path.   Enter saves, Esc cancels.",
    ) -> None:
        super().__init__(classes="dialog")
        self.default = default
        self.problem = problem
        self.heading, self.hint = title, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.heading, classes="title")
            yield Input(self.default, id="name", max_length=255, compact=True)
            yield Static(
                Content.styled(self.problem, "bold $error")
                if self.problem
                else Content.styled(self.hint, "$text-muted"),
                classes="body",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadDialog(InFront, ModalScreen[Path | None]):
    """Pick a game to open: a named save, or one of the games kept (`recent=True`)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, saves: Sequence[SaveInfo | GameInfo], recent: bool = False) -> None:
        super().__init__(classes="dialog")
        self.saves = tuple(saves)
        self.recent = recent

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label("Resume a recent game" if self.recent else "Open a saved game", classes="title")
            if not self.saves:
                yield Static(
                    "No game has been played here yet."
                    if self.recent
                    else "There are no saved games yet (press s at the table to save one).",
                    classes="body",
                )
            yield NumberedList(
                *numbered(
                    Content.assemble((s.name, "bold"), (f"  {s.detail}", "$text-muted")) for s in self.saves
                ),
                id="saves",
            )
            yield Static(Content.styled("Its number or Enter opens, Esc cancels.", "$text-muted"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.saves[event.option_index].path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(InFront, ModalScreen[None]):
    """A long text to scroll through (the objectives, the debrief)."""

    AUTO_FOCUS = "#text"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, title: str, text: Content | str, wrap: bool = True) -> None:
        """`wrap=False` keeps a report's own line breaks; long lines scroll sideways."""
        super().__init__(classes="dialog wide" if wrap else "dialog wide nowrap")
        self.heading = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.heading, classes="title")
            with VerticalScroll(classes="lines", id="text"):
                yield Static(self.text, classes="body", markup=False)
            yield Static(Content.styled("↑↓ ←→ PgUp PgDn scroll · Enter or Esc closes", "$text-muted"))

    def action_close(self) -> None:
        self.dismiss(None)
