"""The curtain: the keyboard changes hands, and nothing private is on screen.

An opaque screen (not a modal: nothing of the table shows through) between two human
seats' private decisions. It names who should take the keyboard and what kind of
part of the round it is — both public — and lifts only when that seat says it is alone,
with a key pressed once the curtain is up (not the last Enters of a quick burst that
answered the screen before).
"""

from __future__ import annotations

from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from ..session import Session
from ..shell import Shell
from ..widgets.keybar import KeyBar
from .infront import FreshKeys, InFront


class CurtainScreen(FreshKeys, InFront, Screen[None]):
    app = getters.app(Shell)

    CSS_PATH = "curtain.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "lift", "I am alone — show my hand"),
        Binding("u", "undo", "Undo the last decision"),
    ]

    def __init__(self, session: Session, seat: str) -> None:
        super().__init__()
        self.session = session
        self.seat = seat

    def compose(self) -> ComposeResult:
        s = self.session
        name = s.seat_name(self.seat)
        public = s.public()
        with Vertical(id="veil"):
            yield Label(f"Pass the keyboard to {s.label(self.seat)}.", classes="title")
            yield Static(f"Press Enter when only {name} is looking.", classes="body")
            yield Static(
                Content.styled(
                    public.where,
                    "$text-muted",
                ),
                classes="body",
            )
            with Center():
                lift = Button(f"I am {name} — show my hand", id="lift", variant="primary")
                lift.can_focus = (
                    False  # Enter is the curtain's own key (in the key bar), for fresh presses only
                )
                yield lift
        yield KeyBar()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_lift()

    def action_undo(self) -> None:
        """A misplay noticed only after the keyboard was passed: undo from here, so the
        next person's hand is never shown to the one who made it."""
        self.app.undo(self.session)

    def action_lift(self) -> None:
        if not self.is_active:  # a second Enter while it lifts
            return
        self.session.hand_over(self.seat)
        self.dismiss(None)
