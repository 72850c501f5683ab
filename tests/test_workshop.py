"""The deck workshop (`brink decks`, F2 at setup) driven through Pilot: browse and
filter, a card previewed as players see it, a deck edited with live validation, saved
only when valid (a draft otherwise), and the changed scenario played."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NEA2017
from test_tui_support import record_notifications
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea, Tree

from game.engine import load_scenario
from game.library import card_template, check_edit, draft_path, new_scenario
from game.tui.app import BrinkApp
from game.tui.screens.dialogs import Message, SaveDialog
from game.tui.screens.setup import SetupScreen
from game.tui.screens.workshop import DeckEditor, Place, WorkshopScreen
from game.tui.session import launch

SMALL = (80, 24)
CARD = "usa-un-resolution"


@pytest.fixture
def mine() -> Path:
    return new_scenario("mine", NEA2017)


def workshop(folder: Path) -> BrinkApp:
    return BrinkApp(launch(seed=5), bot_delay=0, workshop=folder)


async def open_card(pilot: Pilot[object], app: BrinkApp, card: str, folder: Path) -> None:
    """Put the tree's cursor on a card of the scenario in `folder`, as arrow keys would."""
    await pilot.pause()
    tree = app.screen.query_one(Tree)
    node = next(
        n
        for n in _nodes(tree.root)
        if isinstance(n.data, Place) and n.data.folder == folder and n.data.card and n.data.card.id == card
    )
    node.parent.expand()  # type: ignore[union-attr]
    node.parent.parent.expand()  # type: ignore[union-attr]
    await pilot.pause()
    tree.move_cursor(node)
    await pilot.pause()


def _nodes(node):  # type: ignore[no-untyped-def]
    yield node
    for child in node.children:
        yield from _nodes(child)


def row_of(editor: TextArea, text: str, after: int = 0) -> int:
    return next(i for i, line in enumerate(editor.text.splitlines()) if i >= after and line == text)


async def settle(pilot: Pilot[object]) -> None:
    await pilot.pause(DeckEditor.DELAY + 0.2)


async def test_edit_invalid_fix_save_play(mine: Path) -> None:
    app = workshop(mine)
    notes = record_notifications(app)
    async with app.run_test(size=SMALL) as pilot:
        await open_card(pilot, app, CARD, mine)
        preview = str(app.screen.query_one("#card", Static).render())
        assert (
            "UN Sanctions Resolution" in preview and "“Security Council on April 28 also offered" in preview
        )
        await pilot.press("e")
        await pilot.pause()
        editor_screen = app.screen
        assert isinstance(editor_screen, DeckEditor)
        editor = editor_screen.query_one(TextArea)
        assert editor.language == "yaml"
        start = row_of(editor, f"  - id: {CARD}")
        assert editor.cursor_location == (start, 0)  # opened at the card

        # edit: rename the card, typed
        name = row_of(editor, "    name: UN Sanctions Resolution", start)
        editor.move_cursor((name, len("    name: UN Sanctions Resolution")))
        await pilot.press(*["backspace"] * len("Resolution"), *"Vote")
        # invalid: `effects` loses a letter
        effects = row_of(editor, "    effects:", start)
        editor.move_cursor((effects, 5))
        await pilot.press("delete")
        await settle(pilot)
        status = str(editor_screen.query_one("#status", Static).render())
        assert status.startswith("✗ 1 problem")
        problems = editor_screen.query_one(OptionList)
        assert "`efects`: unknown key; did you mean `effects`?" in str(problems.get_option_at_index(0).prompt)

        # saving an invalid deck keeps a draft and leaves the file alone
        await pilot.press("ctrl+s")
        saved = (mine / "usa.yaml").read_text(encoding="utf-8")
        assert "UN Sanctions Resolution" in saved and "UN Sanctions Vote" not in saved
        assert "    efects:" in draft_path(mine / "usa.yaml").read_text(encoding="utf-8")
        assert any("Kept as a draft" in n for n in notes)

        # Enter on the problem jumps to its line; fix it there
        editor.move_cursor((0, 0))
        await pilot.press("f8", "enter")
        assert editor.cursor_location == (effects, 4) and editor.has_focus
        await pilot.press("right", "f")
        await settle(pilot)
        assert str(editor_screen.query_one("#status", Static).render()).startswith("✓ valid")

        # save, back to the workshop, play
        await pilot.press("ctrl+s")
        assert "    name: UN Sanctions Vote" in (mine / "usa.yaml").read_text(encoding="utf-8")
        assert not draft_path(mine / "usa.yaml").exists()
        await pilot.press("escape")
        assert isinstance(app.screen, WorkshopScreen)
        await open_card(pilot, app, CARD, mine)
        assert "UN Sanctions Vote" in str(app.screen.query_one("#card", Static).render())
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen) and app.screen.current.path == str(mine)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.session is not None
        assert app.session.scenario.id == "mine"
        assert app.session.scenario.cards[CARD].name == "UN Sanctions Vote"


async def test_closing_with_unsaved_changes_keeps_a_draft_that_opens_next_time(mine: Path) -> None:
    app = workshop(mine)
    async with app.run_test(size=SMALL) as pilot:
        await open_card(pilot, app, CARD, mine)
        await pilot.press("e", *"zz", "escape")
        assert isinstance(app.screen, WorkshopScreen)
        draft = draft_path(mine / "usa.yaml")
        assert draft.read_text(encoding="utf-8").count("zz") == 1
        await open_card(pilot, app, CARD, mine)
        await pilot.press("e")
        editor = app.screen.query_one(TextArea)
        assert editor.text == draft.read_text(encoding="utf-8")  # the draft, not the file
        await pilot.press("ctrl+r")
        assert editor.text == (mine / "usa.yaml").read_text(encoding="utf-8") and not draft.exists()


async def test_new_card_from_the_template(mine: Path) -> None:
    app = workshop(mine)
    async with app.run_test(size=SMALL) as pilot:
        await open_card(pilot, app, CARD, mine)
        await pilot.press("e", "ctrl+n")
        await settle(pilot)
        assert "  - id: new-card-1" in app.screen.query_one(TextArea).text
        assert str(app.screen.query_one("#status", Static).render()).startswith("✓ valid")
        await pilot.press("ctrl+s", "escape")
    assert "new-card-1" in load_scenario(mine).cards


def test_templates_take_fresh_ids_and_validate(mine: Path) -> None:
    sc = load_scenario(mine)
    text = (mine / "usa.yaml").read_text(encoding="utf-8")
    text += card_template(sc, text)
    text += card_template(sc, text)
    assert "new-card-2" in text
    assert check_edit(mine, "usa.yaml", text) == []


async def test_bundled_scenarios_are_read_only_and_copied_to_edit(_brink_home: Path) -> None:
    app = workshop(NEA2017)
    notes = record_notifications(app)
    async with app.run_test(size=SMALL) as pilot:
        await open_card(pilot, app, CARD, NEA2017)
        await pilot.press("e")
        assert isinstance(app.screen, WorkshopScreen)
        assert any("never edited in place" in n for n in notes)
        await pilot.press("c")
        assert isinstance(app.screen, SaveDialog)
        await pilot.press(*"Bad Name", "enter")
        assert "lowercase word" in str(app.screen.query_one(".body", Static).render())
        app.screen.query_one(Input).value = "copy1"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
    assert load_scenario(_brink_home / "scenarios" / "copy1").id == "copy1"


async def test_filter_by_seat_and_kind(mine: Path) -> None:
    app = workshop(mine)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.screen.query_one("#seat", Select).value = "dprk"
        app.screen.query_one("#kind", Select).value = "provocation"
        await pilot.pause()
        cards = [
            n.data
            for n in _nodes(app.screen.query_one(Tree).root)
            if isinstance(n.data, Place) and n.data.card
        ]
        assert cards
        for place in cards:
            assert "dprk" in (place.deck.owner, place.card.side) and place.card.kind == "provocation"  # type: ignore[union-attr]


async def test_setup_opens_the_workshop_and_comes_back() -> None:
    app = BrinkApp(launch(seed=1), bot_delay=0)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen)


async def test_a_file_that_is_not_text_gets_a_message(mine: Path) -> None:
    (mine / "usa.yaml").write_bytes(b"deck: usa\n\xff\xfe")
    app = workshop(mine)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        node = next(
            n
            for n in _nodes(tree.root)
            if isinstance(n.data, Place) and n.data.folder == mine and n.data.file == "usa.yaml"
        )
        node.parent.expand()  # type: ignore[union-attr]
        await pilot.pause()
        tree.move_cursor(node)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, Message) and "not UTF-8" in "\n".join(app.screen.lines)
    assert (mine / "usa.yaml").read_bytes() == b"deck: usa\n\xff\xfe"
