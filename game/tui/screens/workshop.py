"""The deck workshop (`brink decks`, or F2 at setup): browse scenarios, decks and
cards, see a card as players will, and edit a deck file with live validation.

Bundled scenarios are read-only here; `c` copies one into the user's scenario folder
(as `brink new` does) to edit. An edit is saved only when the scenario is then valid;
otherwise it is kept as a draft beside the file (`usa.yaml.draft`), which the editor
opens next time, so that nothing typed is lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from attrs import frozen
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Label, OptionList, Select, Static, TextArea, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from ...engine import LoadError, Scenario, load_scenario, model
from ...engine.loader import check_scenario
from ...engine.view import card_view
from ...engine.yamlsrc import Problem
from ...library import NewScenarioError, card_template, check_edit, draft_path, new_scenario, save_edit
from ...paths import all_scenarios, is_bundled
from ..shell import Shell
from ..widgets.decisions import PLAYABLE, card_prompt
from ..widgets.keybar import KeyBar
from .dialogs import Message, SaveDialog
from .infront import InFront

ALL = "all"


@frozen
class Place:
    """What a line of the tree stands for: a scenario, one of its files, or a card."""

    folder: Path
    file: str = ""
    card: model.Card | None = None
    deck: model.Deck | None = None


def _file_of(deck: model.Deck) -> str:
    return Path(deck.path).name


class WorkshopScreen(InFront, Screen[None]):
    app = getters.app(Shell)

    CSS_PATH = "workshop.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit the deck file"),
        Binding("c", "copy", "Copy the scenario to edit"),
        Binding("p", "play", "Play the scenario"),
        Binding("escape", "back", "Back"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.start = folder
        self.loaded: dict[Path, tuple[Scenario | None, list[Problem]]] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Label("Deck workshop", classes="title")
            yield Label("Seat", classes="label")
            yield Select([("all", ALL)], value=ALL, allow_blank=False, compact=True, id="seat")
            yield Label("Kind", classes="label")
            yield Select([("all", ALL)], value=ALL, allow_blank=False, compact=True, id="kind")
        with Horizontal(id="main"):
            yield Tree("Scenarios", id="browse")
            with VerticalScroll(id="preview", can_focus=False):
                yield Static(id="card")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(Tree).focus()

    # ------------------------------------------------------------------ the tree

    def reload(self, select: Path | None = None) -> None:
        """Read every scenario again, refill the filters and the tree."""
        self.loaded = {f: check_scenario(f) for f in all_scenarios()}
        seats = sorted({s.id for sc, _ in self.loaded.values() if sc for s in sc.seats})
        kinds = sorted({c.kind for sc, _ in self.loaded.values() if sc for c in sc.cards.values()})
        for widget, values in (
            (self.query_one("#seat", Select), seats),
            (self.query_one("#kind", Select), kinds),
        ):
            current = widget.value
            widget.set_options([("all", ALL), *((v, v) for v in values)])
            widget.value = current if current in (ALL, *values) else ALL
        self.fill(select or self.start)

    def fill(self, select: Path | None = None) -> None:
        tree = self.query_one(Tree)
        tree.clear()
        tree.show_root = False
        seat, kind = self.query_one("#seat", Select).value, self.query_one("#kind", Select).value
        chosen: TreeNode[Place] | None = None
        for folder, (sc, problems) in self.loaded.items():
            whose = "bundled, read-only" if is_bundled(folder) else "yours"
            errors = sum(not p.warning for p in problems)
            state = f"; {errors} problem{'s' if errors != 1 else ''}" if errors else ""
            label = f"{folder.name} — {sc.name if sc else 'does not load'} ({whose}{state})"
            node = tree.root.add(label, Place(folder), expand=folder == select)
            if select is not None and folder.resolve() == select.resolve():
                chosen = node
            if sc is None:  # its files, to open and fix
                for f in sorted(folder.glob("*.yaml")):
                    node.add_leaf(f.name, Place(folder, f.name))
                continue
            for deck in sc.decks:
                cards = [
                    c
                    for c in deck.cards
                    if (seat == ALL or seat in (deck.owner, c.side)) and (kind == ALL or c.kind == kind)
                ]
                if not cards and (seat, kind) != (ALL, ALL):
                    continue
                d = node.add(
                    f"{_file_of(deck)} — {deck.name} ({len(cards)} card{'s' if len(cards) != 1 else ''})",
                    Place(folder, _file_of(deck), deck=deck),
                    expand=(seat, kind) != (ALL, ALL),
                )
                for c in cards:
                    d.add_leaf(f"{c.name} · {c.kind}", Place(folder, _file_of(deck), c, deck))
        if chosen is not None:
            chosen.expand()
            self.call_after_refresh(tree.move_cursor, chosen)

    @on(Select.Changed)
    def filtered(self, event: Select.Changed) -> None:
        event.stop()
        if self.loaded:
            self.fill()

    @on(Tree.NodeHighlighted)
    def show(self, event: Tree.NodeHighlighted[Place]) -> None:
        place = event.node.data
        if place is not None:
            self.query_one("#card", Static).update(self.describe(place))

    @on(Tree.NodeSelected)
    def open_leaf(self, event: Tree.NodeSelected[Place]) -> None:
        if event.node.data is not None and (event.node.data.card or not event.node.allow_expand):
            self.action_edit()

    def describe(self, place: Place) -> Content:
        """The preview: a card exactly as a player sees it in hand; a deck or scenario in brief."""
        width = max(20, self.query_one("#preview").content_size.width or 40)
        muted = "$text-muted"
        if place.card is not None and place.deck is not None:
            line = _line_of(place.folder / place.file, place.card.id)
            seen = card_prompt(card_view(place.card), PLAYABLE, None, width)
            where = f"{place.deck.kind} card in {place.file}" + (f", line {line}" if line else "")
            return Content("\n").join(
                [
                    Content.styled("As players see it:", muted),
                    Content(""),
                    seen,
                    Content(""),
                    Content.styled(where + " — e or Enter edits it", muted),
                ]
            )
        sc, problems = self.loaded.get(place.folder, (None, []))
        if place.deck is not None:
            owner = f"held by {place.deck.owner}" if place.deck.owner else "drawn by the engine"
            return Content("\n").join(
                [
                    Content.styled(place.deck.name, "bold"),
                    Content(f"{place.deck.kind} deck, {owner}; {len(place.deck.cards)} cards"),
                    Content(place.deck.text),
                    Content.styled(f"{place.file} — e edits it", muted),
                ]
            )
        if place.file:
            return Content(f"{place.file}: e opens it to fix the problems")
        lines = [Content.styled(sc.name if sc else place.folder.name, "bold"), Content(str(place.folder))]
        if sc is not None:
            lines += [
                Content(sc.text),
                Content.styled(f"{len(sc.seats)} seats, {len(sc.cards)} cards", muted),
            ]
        lines += [Content.styled(str(p), "$error" if not p.warning else "$warning") for p in problems[:20]]
        hint = (
            "c makes your own copy to edit" if is_bundled(place.folder) else "open a deck with e; p plays it"
        )
        return Content("\n").join([*lines, Content.styled(hint, muted)])

    def _place(self) -> Place | None:
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None else None

    # ---------------------------------------------------------------- the actions

    def action_edit(self) -> None:
        place = self._place()
        if place is None:
            return
        if is_bundled(place.folder):
            self.notify("A bundled scenario is never edited in place: press c to make your own copy.")
            return
        file = place.file or "scenario.yaml"
        line = _line_of(place.folder / file, place.card.id) if place.card else None
        try:
            editor = DeckEditor(place.folder, file, line)
        except (OSError, UnicodeDecodeError) as e:
            reason = "it is not UTF-8 text" if isinstance(e, UnicodeDecodeError) else str(e)
            self.app.push_screen(Message(f"{file} cannot be opened here", [reason], "error"))
            return
        self.app.push_screen(editor, lambda _: self.reload(place.folder))

    def action_copy(self) -> None:
        place = self._place()
        if place is None:
            return

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                folder = new_scenario(name.strip(), place.folder)
            except NewScenarioError as e:
                self.app.push_screen(_name_dialog(place.folder.name, str(e)), named)
                return
            self.notify(f"Made your scenario “{folder.name}” in {folder.parent}", title="Copied")
            self.reload(folder)

        self.app.push_screen(_name_dialog(place.folder.name), named)

    def action_play(self) -> None:
        place = self._place()
        if place is None:
            return
        try:
            scenario = load_scenario(place.folder)
        except LoadError as e:
            self.app.push_screen(
                Message("This scenario does not load yet", [str(p) for p in e.problems], "error")
            )
            return
        self.app.show_setup(scenario)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()


def _name_dialog(source: str, problem: str = "") -> SaveDialog:
    return SaveDialog(
        "",
        problem,
        title=f"Copy {source} to your scenarios as…",
        hint="A lowercase word, e.g. mine. Enter copies, Esc cancels; the original stays as it is.",
    )


def _line_of(file: Path, card_id: str) -> int | None:
    """The line of a card's `id:` in its file."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next(
        (n for n, t in enumerate(lines, 1) if t.strip() in (f"- id: {card_id}", f"id: {card_id}")), None
    )


class DeckEditor(InFront, Screen[None]):
    """One file of a user's scenario in a text area, checked as it is typed."""

    CSS_PATH = "workshop.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+n", "new_card", "New card", priority=True),
        Binding("f8", "problems", "Problems"),
        Binding("ctrl+r", "revert", "Revert to the saved file", priority=True),
        Binding("escape", "close", "Close", priority=True),
    ]
    #: Seconds of quiet typing before the text is checked again.
    DELAY = 0.3

    def __init__(self, folder: Path, name: str, line: int | None = None) -> None:
        super().__init__()
        self.folder, self.file_name, self.file = folder, name, folder / name
        self.line = line
        self.problems: list[Problem] = []
        self.saved_text = self.file.read_text(encoding="utf-8")
        draft = draft_path(self.file)
        self.from_draft = draft.is_file()
        self.text = draft.read_text(encoding="utf-8") if self.from_draft else self.saved_text
        self.pending: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="heading")
        editor = TextArea.code_editor(self.text, id="editor", soft_wrap=False)
        if "yaml" in editor.available_languages:
            editor.language = "yaml"
        yield editor
        yield Static(id="status")
        yield OptionList(id="problems")
        yield KeyBar()

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        if self.line:
            editor.move_cursor((self.line - 1, 0), center=True)
        if self.from_draft:
            self.notify(
                f"Opened your draft {draft_path(self.file).name}, not saved yet; ctrl+r goes back to the saved file.",
                severity="warning",
            )
        self.check()

    @property
    def dirty(self) -> bool:
        return self.query_one(TextArea).text != self.saved_text

    def heading(self) -> None:
        state = "modified" if self.dirty else "saved"
        self.query_one("#heading", Static).update(
            Content.assemble((f"{self.file_name}", "bold"), (f" — {self.folder} ({state})", "$text-muted"))
        )

    @on(TextArea.Changed)
    def changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.pending is not None:
            self.pending.stop()
        self.pending = self.set_timer(self.DELAY, self.check)
        self.heading()

    def check(self) -> None:
        """Check the text as it stands and list its problems, this file's first."""
        self.pending = None
        self.problems = sorted(
            check_edit(self.folder, self.file_name, self.query_one(TextArea).text),
            key=lambda p: (not self._here(p), p.warning, p.line, p.col),
        )
        self.show_problems()

    def _here(self, p: Problem) -> bool:
        return Path(p.file).resolve() == self.file.resolve()

    def show_problems(self) -> None:
        errors = [p for p in self.problems if not p.warning]
        warnings = len(self.problems) - len(errors)
        if errors:
            status = Content.styled(
                f"✗ {len(errors)} problem{'s' if len(errors) != 1 else ''}"
                + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "")
                + " — F8 lists them, Enter on one jumps to its line; ctrl+s keeps a draft",
                "bold $error",
            )
        else:
            status = Content.styled(
                "✓ valid"
                + (f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else "")
                + " — ctrl+s saves",
                "bold $success" if not warnings else "bold $warning",
            )
        self.query_one("#status", Static).update(status)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            [
                Option(
                    Content.styled(
                        f"{p.line}:{p.col}: {'warning: ' if p.warning else ''}{p.message}"
                        if self._here(p)
                        else str(p),
                        "$warning" if p.warning else "",
                    ),
                    id=str(i),
                )
                for i, p in enumerate(self.problems)
            ]
        )
        options.display = bool(self.problems)
        self.heading()

    @on(OptionList.OptionSelected)
    def jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        p = self.problems[int(event.option.id or 0)]
        if not self._here(p):
            self.notify(f"That problem is in {p.file}; open it from the workshop.")
            return
        editor = self.query_one(TextArea)
        editor.move_cursor((p.line - 1, p.col - 1), center=True)
        editor.focus()

    # ---------------------------------------------------------------- the actions

    def action_problems(self) -> None:
        options = self.query_one(OptionList)
        if options.display:
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        try:
            self.problems = save_edit(self.folder, self.file_name, text)
        except (OSError, NewScenarioError) as e:
            self.app.push_screen(Message("Could not save", [str(e)], "error"))
            return
        errors = sum(not p.warning for p in self.problems)
        if errors:
            self.notify(
                f"Not saved: {errors} problem{'s' if errors != 1 else ''}. Your text is kept as "
                f"{draft_path(self.file).name} beside the file, which is unchanged.",
                title="Kept as a draft",
                severity="warning",
            )
        else:
            self.saved_text = text
            self.notify(f"Saved {self.file_name}.", title="Saved")
        self.show_problems()

    def action_new_card(self) -> None:
        editor = self.query_one(TextArea)
        scenario = check_scenario(self.folder)[0]
        text = editor.text
        end = editor.document.end
        editor.insert(("" if text.endswith("\n") else "\n") + card_template(scenario, text), end)
        editor.move_cursor((end[0] + (0 if text.endswith("\n") else 1), 0), center=True)
        editor.focus()

    def action_revert(self) -> None:
        draft_path(self.file).unlink(missing_ok=True)
        self.query_one(TextArea).load_text(self.saved_text)
        self.notify(f"Back to the saved {self.file_name}; the draft is gone.")
        self.check()

    def action_close(self) -> None:
        text = self.query_one(TextArea).text
        if self.dirty:
            try:
                draft_path(self.file).write_text(text, encoding="utf-8")
            except OSError as e:
                self.app.push_screen(Message("Could not keep a draft", [str(e)], "error"))
                return
            self.notify(
                f"Not saved: your changes are kept as {draft_path(self.file).name}; the editor opens it next time.",
                severity="warning",
            )
        self.dismiss(None)
