"""Screens that act and answer only while in front, however fast the keys come.

Keys typed quickly (Enter twice in one go) are all delivered to the screen in front
before the first is handled: the second reaches a dialog that has already answered.
Textual's `dismiss` pops whatever screen is in front, so that late second answer
would pop the table beneath and leave a blank terminal. Every screen that dismisses
itself, and every screen with keys of its own, mixes this in.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList

if TYPE_CHECKING:
    _Screen = Screen[Any]
else:  # a plain mixin, so that the screen's CSS is still inherited from its Textual base
    _Screen = object


class InFront(_Screen):
    """A screen that acts, and answers, only while it is in front."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.is_active:  # already answered: a late key must not pop the screen beneath
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        return super().dismiss(result)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Its keys do nothing once another screen is in front (a key typed just
        before a dialog opened over it reaches it late)."""
        return self.is_active and super().check_action(action, parameters)


class Palette(InFront, CommandPalette):
    """Textual's command palette, answering once: a key typed just before it closed
    must neither run the command again (and pop the screen beneath) nor start a search
    on a palette that is gone."""

    def on_input_changed(self, event: Input.Changed) -> None:
        self._drop_if_closed(event)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._drop_if_closed(event)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._drop_if_closed(event)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._drop_if_closed(event)

    def _drop_if_closed(self, event: Message) -> None:
        if not self.is_active:  # the palette's own handlers (its base class) do not run
            event.prevent_default()
            event.stop()


class FreshKeys(_Screen):
    """A screen that takes only keys pressed after it was put up: the Enters of a quick
    burst that answered the screen before it (a dialog, the summary of a move) must
    not answer this one too, as when they would lift the next seat's curtain."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.put_up = monotonic()

    def on_key(self, event: events.Key) -> None:
        if event.time < self.put_up:  # typed before this screen was put up
            event.prevent_default()
            event.stop()
