"""The decision in front of the seat at the keyboard, as a list to pick from.

On a turn or a headline the rows are the seat's cards (each with cost, kind, text and
source; playable ones marked ●, operations-only ones ○, the rest ✗ with the reason)
and a last row to pass. On a choice the rows are the options; on a discard, the cards.
Each row is numbered: its digit picks it (see `NumberedList`).
In the public view (a bot deciding, or the keyboard changing hands) there is nothing
private to list, so the list says who is deciding instead.
"""

from __future__ import annotations

from typing import ClassVar, assert_never

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from ...engine.model import DiscardCard, PlayCard
from ...engine.view import CardView, SeatView
from .numbered import NumberedList, number
from .panels import card_meta, hang

PLAYABLE, OPS_ONLY, UNPLAYABLE = "●", "○", "✗"


def card_prompt(card: CardView, mark: str, note: str | None, width: int, lead: str = "") -> Content:
    """A card as a list row: name and meta, text, source, and why it cannot be played;
    `lead` (its number) goes first, and the lines under it are indented past it."""
    style = {PLAYABLE: "bold $success", OPS_ONLY: "bold $warning"}.get(mark, "bold $error")
    head = Content.assemble((card.name, "bold"), ("  " + card_meta(card), "$text-muted"))
    indent = " " * (len(lead) + 2)
    lines = [
        *hang(Content.assemble(lead, (mark, style), " "), head, width),
        *hang(indent, Content(card.text), width),
        *hang(indent, Content.styled(card.source, "italic $text-muted"), width),
    ]
    if note:
        lines += hang(indent, Content.styled(note, "$text-muted" if mark == PLAYABLE else "bold"), width)
    return Content("\n").join(lines)


def _card_rows(seen: SeatView, width: int) -> list[Option]:
    rows = []
    for i, card in enumerate(seen.hand):
        plays = [a for a in seen.legal if isinstance(a, PlayCard) and a.card == card.id]
        event = any(a.mode == "event" for a in plays)
        ops = any(a.mode == "ops" for a in plays)
        if event:
            mark, note = PLAYABLE, ("or for operations" if ops else None)
        elif ops:
            mark, note = OPS_ONLY, f"{UNPLAYABLE} event: {card.why_not or 'not now'} — operations only"
        else:
            mark, note = UNPLAYABLE, f"{UNPLAYABLE} {card.why_not or 'cannot be played now'}"
        rows.append(
            Option(card_prompt(card, mark, note, width, number(i)), id=f"card:{card.id}", disabled=not plays)
        )
    return rows


def rows_for(seen: SeatView, waiting: str, width: int = 38) -> list[Option]:
    """The rows for a view; `waiting` is the line shown when nothing private is."""
    prompt = seen.prompt
    if prompt is None or seen.viewer is None or prompt.seat != seen.viewer or prompt.kind == "wait":
        return [Option(Content.styled(waiting, "italic"), id="waiting", disabled=True)]
    if prompt.kind == "turn" or prompt.kind == "headline":
        what = "no headline this round" if prompt.kind == "headline" else "do nothing this turn"
        cards = _card_rows(seen, width)
        pass_row = Content.assemble(number(len(cards)), ("  Pass", "bold"), f" — {what}")
        return [*cards, Option(Content("\n").join(hang("", pass_row, width)), id="pass")]
    if prompt.kind == "choice":
        rows = []
        for o in prompt.options:
            body = Content.assemble(
                (o.label, "bold"),
                f" — {o.text}" if o.text else "",
                ("" if o.open else "  ✗ not open now", "bold"),
            )
            lines = hang(number(o.index), body, width)
            rows.append(Option(Content("\n").join(lines), id=f"option:{o.index}", disabled=not o.open))
        return rows
    if prompt.kind == "discard":
        legal = {a.card for a in seen.legal if isinstance(a, DiscardCard)}
        return [
            Option(
                card_prompt(c, PLAYABLE, "discard this card", width, number(i)),
                id=f"discard:{c.id}",
                disabled=c.id not in legal,
            )
            for i, c in enumerate(seen.hand)
        ]
    assert_never(prompt.kind)


class DecisionList(NumberedList):
    """The rows of the current decision; Enter, a click or its number picks one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Choose")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: tuple[SeatView, str] | None = None

    def on_resize(self) -> None:
        """Lay the rows out again at the new width once the resize has settled (before,
        the list's region can still be the old one), then show the list's top."""
        self.call_after_refresh(self._reflow)

    def _reflow(self) -> None:
        if self.shown is not None:
            self.show(*self.shown)
            self.call_after_refresh(self.show_top)

    def show_top(self) -> None:
        """The first rows in view, and the highlighted row too where both fit; else as
        little scrolled as shows the highlighted row."""
        self.scroll_home(animate=False, immediate=True)
        row = self.highlighted
        if (
            row is not None
            and self._index_to_line[row] + self._heights[row] > self.scrollable_content_region.height
        ):
            self.scroll_to_highlight()

    def show(self, seen: SeatView, waiting: str) -> None:
        """List the rows for `seen`, keeping the highlighted row where it still is."""
        self.shown = (seen, waiting)
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        rows = rows_for(seen, waiting, self.scrollable_content_region.width or 38)
        self.set_options(rows)
        ids = [r.id for r in rows]
        if keep in ids and not rows[ids.index(keep)].disabled:
            self.highlighted = ids.index(keep)
        else:
            self.highlighted = next((i for i, r in enumerate(rows) if not r.disabled), None)
