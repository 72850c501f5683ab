"""The white cell: the facilitator's screen, behind a PIN.

The only screen that shows every hand, every objective (secret ones too) and the sealed
headlines, so it is opaque and opened only with the PIN. Each power opens a small dialog
(what, a value where one is needed, and the reason, which the record keeps); a power the
engine refuses says why and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from attrs import frozen
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, OptionList, Static

from ...common import brink
from ...engine import IllegalAction
from ...engine.model import Adjudicate, Adjust, Inject, Intervention, Pause, RoundLimit, Toggle
from ...engine.rules import MAX_ROUND_LIMIT, card_owner, targets_of
from ..facilitator import WhiteCell
from ..pin import PIN_HELP
from ..widgets.keybar import KeyBar
from ..widgets.numbered import NumberedList, numbered
from .dialogs import Message
from .infront import InFront


class PinDialog(InFront, ModalScreen[str | None]):
    """Ask for the white cell's PIN; the digits are not shown."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, problem: str = "") -> None:
        super().__init__(classes="dialog error" if problem else "dialog")
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label("White cell — facilitator only", classes="title")
            yield Input(placeholder="PIN", password=True, id="pin", max_length=8, compact=True)
            hint = self.problem or "Enter opens, Esc goes back to the table."
            yield Static(
                Content.styled(hint, "bold $error" if self.problem else "$text-muted"), classes="body"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


@frozen
class Answer:
    """What the facilitator chose in a power's dialog."""

    key: str
    value: str
    reason: str


class PowerDialog(InFront, ModalScreen[Answer | None]):
    """One power: pick what it applies to (if there is a choice), give a value (if one
    is needed) and a reason (kept in the record)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[str, str]] = (),
        value: str | None = None,
        default: str = "",
        reason: str = "Reason (required; kept in the record for the debrief)",
    ) -> None:
        super().__init__(classes="dialog")
        self.heading = title
        self.choices = tuple(choices)
        self.value_label = value
        self.default = default
        self.reason_label = reason
        self.key = self.choices[0][0] if len(self.choices) == 1 else ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.heading, classes="title")
            if len(self.choices) > 1:
                yield NumberedList(
                    *numbered((label for _, label in self.choices), (key for key, _ in self.choices)),
                    id="choices",
                )
            if self.value_label is not None:
                yield Label(self.value_label)
                yield Input(self.default, id="value", compact=True, max_length=60)
            if self.reason_label:
                yield Input(placeholder=self.reason_label, id="reason", compact=True, max_length=200)
            yield Static(Content.styled("Enter confirms, Esc goes back.", "$text-muted"), id="hint")
            with Horizontal(classes="buttons"):
                yield Button("Confirm", variant="primary", id="confirm", compact=True)
                yield Button("Back (Esc)", id="back", compact=True)

    def on_mount(self) -> None:
        first = next(iter(self.query("OptionList, Input")), None)
        if first is not None:
            first.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.key = event.option.id or ""
        self.query_one("#hint", Static).update(
            Content.assemble(("▶ ", "bold"), (dict(self.choices)[self.key], "bold"))
        )
        if self.value_label is None and not self.reason_label:
            self.confirm()
        else:
            self.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "value" and self.reason_label:
            self.focus_next()
        else:
            self.confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.confirm()
        else:
            self.dismiss(None)

    def confirm(self) -> None:
        if not self.key:
            highlighted = self.query_one("#choices", OptionList).highlighted_option
            if highlighted is None:
                return
            self.key = highlighted.id or ""
        value = self.query_one("#value", Input).value.strip() if self.value_label is not None else ""
        reason = self.query_one("#reason", Input).value.strip() if self.reason_label else ""
        self.dismiss(Answer(self.key, value, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)


POWERS: tuple[tuple[str, str], ...] = (
    ("inject", "Inject a card now"),
    ("top", "Put a card on top of the crisis deck"),
    ("track", "Set a track"),
    ("flag", "Put a flag in force or lift it"),
    ("pause", "Pause or resume the game"),
    ("rounds", "Change the round limit"),
    ("undo", "Undo steps"),
    ("redo", "Redo the next step undone"),
    ("branch", "Branch a what-if game"),
    ("end", "End the game with an outcome"),
    ("pin", "Change the PIN"),
)


class WhiteCellScreen(InFront, Screen[None]):
    """The facilitator's powers on the left; every hand and objective on the right."""

    CSS_PATH = "whitecell.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the table"),
        Binding("enter", "use", "Use the power", show=False),
    ]

    def __init__(self, cell: WhiteCell) -> None:
        super().__init__()
        self.cell = cell

    def compose(self) -> ComposeResult:
        yield Static(id="banner")
        with Horizontal(id="cell"):
            yield NumberedList(
                *numbered((label for _, label in POWERS), (key for key, _ in POWERS)), id="powers"
            )
            with VerticalScroll(id="secrets"):
                yield Static(id="hands")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#powers").border_title = "Powers"
        self.query_one("#secrets").border_title = "All hands and objectives (secret)"
        self.refresh_cell()
        self.query_one("#powers").focus()

    def refresh_cell(self) -> None:
        s = self.cell.session
        state = s.state
        sc = s.scenario
        where = f"{sc.round_name(state.round)} · round {state.round} of {state.round_limit}"
        mode = (
            "GAME OVER"
            if state.over
            else "PAUSED"
            if state.paused
            else f"{s.label(state.to_act)} to decide"
            if state.to_act
            else ""
        )
        redo = f" · {_count(len(s.redo), 'step')} to redo" if s.redo else ""
        branch = f" · a branch of {Path(s.parent.path).stem} at step {s.parent.at}" if s.parent else ""
        self.query_one("#banner", Static).update(
            Content.assemble(
                (" WHITE CELL ", "bold reverse"),
                f" {where} · {mode} · {_count(len(state.history), 'step')}{redo}{branch}",
            )
        )
        self.query_one("#hands", Static).update(self.secrets_text())

    def secrets_text(self) -> Content:
        seats, _ = self.cell.secrets()
        s = self.cell.session
        parts: list[Content] = []
        for seat in seats:
            head = Content.assemble(
                (s.label(seat.id), "bold underline"), f"  {seat.sealed}" if seat.sealed else ""
            )
            hand = ", ".join(c.name for c in seat.hand) or "(no cards)"
            public = "; ".join(o.name for o in seat.objectives) or "—"
            secret = "; ".join(o.name for o in seat.secret) or "—"
            parts += [
                head,
                Content.assemble(("  hand: ", "$text-muted"), hand),
                Content.assemble(("  objectives: ", "$text-muted"), public),
                Content.assemble(("  secret: ", "$text-muted"), secret),
                Content(""),
            ]
        return Content("\n").join(parts)

    # ------------------------------------------------------------------ the powers

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.use(event.option.id or "")

    def action_use(self) -> None:
        option = self.query_one("#powers", OptionList).highlighted_option
        if option is not None:
            self.use(option.id or "")

    def use(self, power: str) -> None:
        if self.is_active:  # not a second Enter that arrived after the first opened a dialog
            getattr(self, f"power_{power}")()

    def ask(self, dialog: PowerDialog, then: Callable[[Answer], Intervention | None]) -> None:
        """Open a power's dialog; make the intervention it answers with."""

        def answered(answer: Answer | None) -> None:
            if answer is None:
                return
            try:
                iv = then(answer)
                if iv is not None:
                    self.cell.intervene(iv)
            except (IllegalAction, ValueError) as e:
                self.app.push_screen(Message("That cannot be done", [str(e)], "error"))
            self.refresh_cell()

        self.app.push_screen(dialog, answered)

    def power_inject(self) -> None:
        s = self.cell.session
        sc, state = s.scenario, s.state
        _, places = self.cell.secrets()
        rows: list[tuple[str, str]] = []
        for p in places:
            if p.place.endswith("hand"):
                continue
            card = sc.cards[p.card.id]
            owner = card_owner(sc, card)
            aims = targets_of(state, owner, card) if owner and card.targets else ()
            label = f"{p.card.name} · in {p.place}" + ("" if p.deck in p.place else f" · {p.deck}")
            rows += [(f"{p.card.id}>{t}", f"{label} · aimed at {sc.seat(t).name}") for t in aims]
            if not card.targets:
                rows.append((p.card.id, label))

        def make(a: Answer) -> Intervention:
            card, _, target = a.key.partition(">")
            return Inject(card, target=target or None, reason=a.reason)

        self.ask(PowerDialog("Inject a card now (its effects resolve at once)", rows), make)

    def power_top(self) -> None:
        _, places = self.cell.secrets()
        rows = [(p.card.id, f"{p.card.name} · in {p.place}") for p in places if p.crisis]
        self.ask(
            PowerDialog("Put a card on top of the crisis deck (drawn next, unseen until then)", rows),
            lambda a: Inject(a.key, top=True, reason=a.reason),
        )

    def power_track(self) -> None:
        s = self.cell.session
        sc, state = s.scenario, s.state
        rows = [
            (label, f"{sc.slot_name(i)} = {state.tracks[i]}  (from {t.min} to {t.max})")
            for i, (label, t) in enumerate(zip(sc.slot_labels, sc.slot_track, strict=True))
        ]
        self.ask(
            PowerDialog("Set a track (a correction: no threshold fires)", rows, value="New value"),
            lambda a: Adjust(a.key, _whole(a.value), reason=a.reason),
        )

    def power_flag(self) -> None:
        s = self.cell.session
        flags = s.state.flags
        rows = [
            (f.id, f"{f.name}: {'in force — lift it' if f.id in flags else 'not in force — put it in force'}")
            for f in s.scenario.flags
        ]
        self.ask(
            PowerDialog("Put a flag in force or lift it", rows),
            lambda a: Toggle(a.key, a.key not in flags, reason=a.reason),
        )

    def power_pause(self) -> None:
        paused = self.cell.session.state.paused
        title = "Resume the game" if paused else "Pause the game (no seat may act; the timer stops)"
        self.ask(
            PowerDialog(title, [("pause", title)], reason="Reason (optional)"),
            lambda a: Pause(not paused, reason=a.reason),
        )

    def power_rounds(self) -> None:
        state = self.cell.session.state
        self.ask(
            PowerDialog(
                f"Change the round limit (now {state.round_limit})",
                [("rounds", "rounds")],
                value=f"Rounds (from {state.round}, the round in play, to {MAX_ROUND_LIMIT})",
                default=str(state.round_limit),
            ),
            lambda a: RoundLimit(_whole(a.value), reason=a.reason),
        )

    def power_undo(self) -> None:
        rows = [(str(n), f"{n:>4}  {words}") for n, words in self.cell.steps()]
        if not rows:
            self.app.notify("Nothing to undo yet.")
            return

        def rewind(a: Answer) -> None:
            taken = self.cell.rewind(int(a.key) - 1)
            self.app.notify(f"Took back {_count(taken, 'step')}; redo brings them back.")

        self.ask(PowerDialog("Undo: take back this step and every one after it", rows, reason=""), rewind)

    def power_redo(self) -> None:
        done = self.cell.redo_next()
        self.app.notify(f"Redone: {done}" if done else "Nothing to redo.")
        self.refresh_cell()

    def power_branch(self) -> None:
        rows = [(str(n - 1), f"{n:>4}  {words}") for n, words in self.cell.steps()]
        rows.insert(0, (str(len(rows)), "     (here: keep every step)"))

        def fork(a: Answer) -> None:
            parent = self.cell.branch(int(a.key))
            self.app.notify(
                f"The game as it stood stays in {parent.name} ({brink('games')} lists it); this is now the branch."
            )

        self.ask(
            PowerDialog("Branch a what-if game: it starts before the step you pick", rows, reason=""), fork
        )

    def power_end(self) -> None:
        rows = [
            (o.id, o.name + (" (catastrophe)" if o.catastrophe else ""))
            for o in self.cell.session.scenario.outcomes
        ]
        self.ask(
            PowerDialog("End the game now with the outcome you rule", rows),
            lambda a: Adjudicate(a.key, reason=a.reason),
        )

    def power_pin(self) -> None:
        def change(a: Answer) -> None:
            self.cell.set_pin(a.value)
            self.app.notify("The white-cell PIN is changed.")

        self.ask(
            PowerDialog("Change the PIN", [("pin", "pin")], value=f"New PIN ({PIN_HELP})", reason=""), change
        )

    def action_close(self) -> None:
        self.cell.session.at_keyboard = None  # the table shows no hand until its curtain
        self.dismiss(None)


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
