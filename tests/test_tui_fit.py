"""At 80x24 nothing essential is cut: every track's name and marks, the key bar (with
the objectives' key), and the crisis card (the whole of it one key away); the world
column and what is in force show without scrolling, and setup's Start button shows.
At 120x40 the nations' columns and players read whole."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import attrs
import pytest
from test_tui_support import THREE_AND_THREE, app_for, until_human
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from game.engine import Scenario, load_scenario
from game.engine.bots import BOTS
from game.engine.model import Pass
from game.engine.record import Player
from game.engine.view import TrackView
from game.tui.app import BrinkApp
from game.tui.screens.curtain import CurtainScreen
from game.tui.screens.dialogs import ActionDialog, Choice, TextScreen
from game.tui.screens.table import TableScreen
from game.tui.session import Session, launch
from game.tui.widgets.decisions import DecisionList
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.meters import meter_lines, reached
from game.tui.widgets.panels import AlliancesPanel, CrisisPanel, InForcePanel, NationsPanel, WorldPanel

DECKS = Path(__file__).parent.parent / "decks"


def played(scenario: Scenario, players: tuple[Player, ...], moves: int) -> Session:
    """A game after `moves` moves of the heuristic bot, whoever the seats' players are."""
    session = Session.start(scenario, 2017, players)
    for _ in range(moves):
        session.act(BOTS["heuristic"](session.state))
    return session


def words(text: str) -> str:
    """`text` with its lines run together, so a name wrapped onto two lines is found."""
    return " ".join(text.split())


@pytest.mark.parametrize("deck", ["nea2017", "korea2010"])
@pytest.mark.parametrize("moves", [0, 40], ids=["start", "later"])
async def test_at_80x24_every_label_mark_and_key_is_whole(deck: str, moves: int) -> None:
    scenario = load_scenario(DECKS / deck)
    players = tuple(Player(s, "human" if i < 3 else "heuristic") for i, s in enumerate(scenario.seat_ids))
    session = played(scenario, players, moves)  # later in a game, more marks are reached and spelled out
    app = app_for(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_human(pilot, app, session)
        await pilot.pause()
        table = app.screen
        seen = session.view()
        panel = table.query_one(WorldPanel)
        world = panel.drawn
        assert world is not None and "…" not in world.plain
        width = panel.content_size.width
        label = WorldPanel.label_width(seen, width)
        for track in seen.tracks:
            drawn = [line.plain for line in meter_lines(track, label, width)]
            assert all(len(line) <= width and line in world.plain for line in drawn)
            counter = track.style == "counter"  # its label may run on over the bar's place
            head = (drawn[0].rsplit(maxsplit=1)[0] if counter else re.split("[█·▲▼✖┤]", drawn[0])[0]).strip()
            rest = track.name[len(head) :].strip()
            assert track.name.startswith(head), f"{track.name} is cut"
            assert not rest or drawn[1].strip().startswith(rest), f"{track.name} is cut"
            text = words(" ".join(drawn))
            for mark in track.marks:  # a mark reached is named in capitals, one ahead by its number
                assert f"{mark.at}" in text or mark.name.upper() in text, (
                    f"{track.name}'s mark {mark.at} is cut"
                )
        nations = table.query_one(NationsPanel).drawn
        alliances = table.query_one(AlliancesPanel).drawn
        assert nations is not None and alliances is not None
        for t in seen.seats[0].tracks:
            assert t.name in words(nations.plain), f"what the {t.name} column is, is said"
            assert all(f"{m.at}" in nations.plain for m in t.marks)
        for t in seen.relations[0].tracks:
            assert all(f"{m.at}" in alliances.plain for m in t.marks)

        bar = str(table.query_one(KeyBar).render())
        assert "…" not in bar and "o Objectives" in bar and "c Crisis" in bar and "? Help" in bar

        crisis = table.query_one(CrisisPanel)
        shown = str(crisis.render())
        assert seen.crisis is not None
        if seen.crisis.source not in words(shown):
            assert "c: the whole card" in shown
        await pilot.press("c")
        assert isinstance(app.screen, TextScreen)
        text = words(str(app.screen.query_one(".body", Static).render()))
        assert words(seen.crisis.text) in text and words(seen.crisis.source) in text


async def test_at_80x24_a_long_card_with_many_ways_keeps_its_confirm_line(nea2017: Scenario) -> None:
    body = " ".join(["A long card text that goes on and on."] * 12)
    choices = [
        Choice(
            Pass("usa"), f"Operations: way number {i} with some words", "may end the game" if i == 2 else None
        )
        for i in range(1, 8)
    ]
    app = app_for(Session.start(nea2017, 1, THREE_AND_THREE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ActionDialog("United States — A long card", body, choices))
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "▶ Operations: way number 3 with some words" in screen
        assert "Enter confirms" in screen and "Back (Esc)" in screen


@pytest.mark.parametrize("width", [34, 60])
def test_the_alliance_columns_keep_their_names_and_marks_when_narrow(nea2017: Scenario, width: int) -> None:
    """`brink watch` gives the alliances a narrower column than the table: the marks go
    under the column names rather than being cut."""
    seen = Session.start(nea2017, 2017, THREE_AND_THREE).view()
    drawn = AlliancesPanel("Alliances").draw(seen, width).plain
    assert all(len(line) <= width for line in drawn.splitlines())
    for t in seen.relations[0].tracks:
        assert t.name in drawn and all(f"{m.at}" in drawn for m in t.marks)


def within(inner: Region, outer: Region) -> bool:
    return outer.contains_region(inner)


@pytest.mark.parametrize("moves", [0, 40], ids=["start", "later"])
async def test_at_80x24_the_world_column_and_what_is_in_force_show_without_scrolling(moves: int) -> None:
    """Everything a player weighs before deciding is on screen at once: the world,
    nations and alliances in the left column (no scrolling), what is in force beside
    the crisis."""
    session = played(load_scenario(DECKS / "nea2017"), THREE_AND_THREE, moves)
    app = app_for(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_human(pilot, app, session)
        await pilot.pause()
        table = app.screen
        column = table.query_one("#state")
        assert column.virtual_size.height <= column.size.height, "the left column has to scroll"
        for panel in (WorldPanel, NationsPanel, AlliancesPanel, InForcePanel):
            assert within(table.query_one(panel).region, table.region), f"{panel.__name__} is off screen"
        shown = "\n".join(strip.text for strip in table._compositor.render_strips())
        assert "In force" in shown


def playing(track: TrackView) -> list[TrackView]:
    """The track at each value it can hold while the game goes on (no mark that ends
    the game reached)."""
    values = range(track.min, track.max + 1)
    return [
        attrs.evolve(track, value=v) for v in values if not any(m.end and reached(m, v) for m in track.marks)
    ]


@pytest.mark.parametrize("deck", ["nea2017", "korea2010"])
async def test_at_80x24_the_left_column_fits_whatever_the_tracks_reach(deck: str) -> None:
    """The worst a game can bring the left column at 80x24: every meter and every
    relation at the value that draws it tallest (marks reached spelled out). It
    still shows whole, with no scrolling."""
    scenario = load_scenario(DECKS / deck)
    players = tuple(Player(s, "human" if i < 3 else "heuristic") for i, s in enumerate(scenario.seat_ids))
    session = played(scenario, players, 0)
    app = app_for(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_human(pilot, app, session)
        await pilot.pause()
        height = app.screen.query_one("#state").size.height
        width = app.screen.query_one(WorldPanel).content_size.width
    seen = session.view()
    label = WorldPanel.label_width(seen, width)
    world = sum(max(len(meter_lines(v, label, width)) for v in playing(t)) for t in seen.tracks)
    nations = len(NationsPanel("Nations").draw(seen, width).wrap(width))
    alliances = AlliancesPanel("Alliances")
    heads, relations = 0, 0
    for relation in seen.relations:  # alone in the panel: its column heads, its row and notes
        tall = [
            len(
                alliances.draw(
                    attrs.evolve(seen, relations=(attrs.evolve(relation, tracks=tracks),)), width
                ).wrap(width)
            )
            for tracks in itertools.product(*(playing(t) for t in relation.tracks))
        ]
        heads = min(tall) - 1
        relations += max(tall) - heads
    assert 3 + world + nations + heads + relations <= height, (world, nations, heads + relations, height)


async def test_at_120x40_the_nations_columns_and_players_read_whole(nea2017: Scenario) -> None:
    players = tuple(Player(p.seat, "search") if p.control != "human" else p for p in THREE_AND_THREE)
    session = Session.start(nea2017, 2017, players)
    app = app_for(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await until_human(pilot, app, session)
        await pilot.pause()
        drawn = app.screen.query_one(NationsPanel).drawn
        assert drawn is not None
        head, *rows = drawn.plain.splitlines()
        assert all(t.name in head.split() for t in session.view().seats[0].tracks)
        assert sum("search bot" in row for row in rows) == 3 and "…" not in drawn.plain


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_setup_shows_start_and_every_field(size: tuple[int, int]) -> None:
    """The Start button is on screen however small the terminal; at 80x24 the whole
    form (down to the PIN) shows too."""
    app = BrinkApp(launch(seed=2017), bot_delay=0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        for part in ("#start", "#resume", "#load", "#note", "#pin"):
            assert within(screen.query_one(part).region, screen.region), f"{part} is off screen"
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen | CurtainScreen)


async def test_after_a_resize_each_panel_is_as_tall_as_what_it_draws(nea2017: Scenario) -> None:
    """A terminal widened from 80x24 to 120x40 (or narrowed back): the panels take the
    height of what they draw at their new width, with no blank rows left over."""
    session = Session.start(nea2017, 2017, THREE_AND_THREE)
    app = app_for(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_human(pilot, app, session)
        for size in ((120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            for panel in (WorldPanel, NationsPanel, AlliancesPanel):
                shown = app.screen.query_one(panel)
                drawn = shown.draw(session.view(), shown.content_size.width)
                assert shown.content_size.height == len(drawn.wrap(shown.content_size.width)), panel.__name__


@pytest.mark.parametrize("down", [0, 2], ids=["first-playable", "moved"])
@pytest.mark.parametrize("sizes", [((120, 40), (80, 24)), ((80, 24), (120, 40))], ids=["shrunk", "grown"])
async def test_after_a_resize_the_hand_shows_its_top(
    nea2017: Scenario, sizes: tuple[tuple[int, int], ...], down: int
) -> None:
    """Resized mid-game, the hand list shows its top (the first card) with the
    highlighted card in view where both fit; else it is as little scrolled as shows
    the highlighted card."""
    session = Session.start(nea2017, 2017, THREE_AND_THREE)
    app = app_for(session)
    async with app.run_test(size=sizes[0]) as pilot:
        await until_human(pilot, app, session)
        await pilot.press(*["down"] * down)
        for size in sizes[1:]:
            await pilot.resize_terminal(*size)
            for _ in range(3):
                await pilot.pause()
            hand = app.screen.query_one(DecisionList)
            assert hand.highlighted is not None
            top = hand._index_to_line[hand.highlighted]
            below = top + hand._heights[hand.highlighted]
            view = hand.scrollable_content_region.height
            if below <= view:  # the top and the highlighted card fit at once
                assert hand.scroll_offset.y == 0, f"the hand opens scrolled at {size}"
            else:
                assert hand.scroll_offset.y == min(below - view, top), (
                    f"the hand is scrolled too far at {size}"
                )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_hand_rows_fit_the_list_beside_its_scrollbar(
    nea2017: Scenario, size: tuple[int, int]
) -> None:
    """Each row of the hand is laid out at the width the list shows it at, its
    scrollbar apart, even when the list was empty (no scrollbar) as it laid them out:
    no line runs over and wraps again without its indent."""
    session = Session.start(nea2017, 2017, THREE_AND_THREE)
    app = app_for(session)
    async with app.run_test(size=size) as pilot:
        await until_human(pilot, app, session)
        hand = app.screen.query_one(DecisionList)
        assert hand.shown is not None
        hand.clear_options()  # as the table first shows a hand: into a list with no scrollbar
        await pilot.pause()
        hand.show(*hand.shown)
        await pilot.pause()
        width = hand.scrollable_content_region.width
        assert hand.max_scroll_y > 0, "the hand is long enough to scroll"
        for option in hand.options:
            prompt = option.prompt
            lines = (prompt if isinstance(prompt, Content) else Content(str(prompt))).split("\n")
            assert all(line.cell_length <= width for line in lines), option.id
