"""A list of choices picked by number as well as by ↑↓ and Enter.

Every list a player chooses from (the hand, a card's ways to be played, a crisis's
options, a saved game, a white-cell power) shows a number before each of its first
nine rows, and that digit picks the row at once: what Enter on it would do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

#: How many rows a digit can reach (1 to 9).
REACH = 9


def number(index: int) -> str:
    """What is shown before row `index` (from 0): "1. " … "9. ", then as many blanks."""
    return f"{index + 1}. " if index < REACH else "   "


def numbered(prompts: Iterable[Content | str], ids: Iterable[str | None] | None = None) -> list[Option]:
    """Options for one-line prompts, each after its number."""
    keys = list(ids) if ids is not None else None
    return [
        Option(Content(number(i)) + (Content(p) if isinstance(p, str) else p), id=keys[i] if keys else None)
        for i, p in enumerate(prompts)
    ]


class NumberedList(OptionList):
    """An option list whose digit keys pick rows 1 to 9 (a disabled row stays unpicked)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n})", show=False) for n in range(1, REACH + 1)
    ]

    def action_pick(self, n: int) -> None:
        if n > self.option_count or self.get_option_at_index(n - 1).disabled:
            self.app.bell()
            return
        self.highlighted = n - 1
        self.action_select()
