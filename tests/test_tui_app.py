"""The Textual table driven by keys and clicks through Pilot: a whole hot-seat game,
the curtain and the hiding of hands, resume, saves, undo, warnings and rough handling."""

from __future__ import annotations

from pathlib import Path

import pytest
from leakcheck import burst
from test_tui_support import (
    THREE_AND_THREE,
    all_text,
    app_for,
    decide,
    finished,
    play_to_end,
    record_notifications,
    secrets,
    tokened,
    until_human,
)
from textual.widgets import OptionList

from game.engine import GameState, Scenario, legal_actions, load_scenario, step
from game.engine.bots import BOTS
from game.engine.model import Choice, PickDiscard, PlayCard, Turn
from game.engine.narrate import how_a_round_goes
from game.engine.record import Player, read
from game.engine.rules import risk
from game.paths import games_dir, saves_dir
from game.tui.app import BrinkApp
from game.tui.screens.curtain import CurtainScreen
from game.tui.screens.dialogs import (
    ActionDialog,
    Confirm,
    LoadDialog,
    Message,
    MoveSummary,
    SaveDialog,
    WarWarning,
)
from game.tui.screens.gameover import GameOverScreen, TracksPanel
from game.tui.screens.help import HelpScreen, TooSmallScreen
from game.tui.screens.setup import SetupScreen
from game.tui.screens.table import TableScreen
from game.tui.session import Launch, Session, launch
from game.tui.widgets import legend
from game.tui.widgets.decisions import DecisionList
from game.tui.widgets.legend import GLOSSARY
from game.tui.widgets.panels import WorldPanel

SMALL, LARGE = (80, 24), (120, 40)


def table_of(app: BrinkApp) -> TableScreen | None:
    return next((s for s in app.screen_stack if isinstance(s, TableScreen)), None)


def checker(app: BrinkApp, notes: list[str], seen: dict[str, int]):  # type: ignore[no-untyped-def]
    """A check run before every key: whatever is on any screen names no card in a hand
    other than the one whose owner has the keyboard; under the curtain, none at all."""

    def check() -> None:
        table = table_of(app)
        assert table is not None and table.seen is not None
        session = table.session
        curtain = isinstance(app.screen, CurtainScreen)
        viewer = table.seen.viewer
        if curtain:
            seen["curtains"] += 1
            assert viewer is None, "the table under the curtain must show the public view"
        else:
            assert viewer in (None, session.shown_seat)
        if isinstance(app.screen, Message) and app.screen.heading == "Headlines revealed":
            seen["reveals"] += 1
        text = all_text(app, notes)
        allowed = None if curtain else viewer
        leaked = [t for t in secrets(session.state, allowed) if t in text]
        assert not leaked, f"another seat's cards are on screen: {leaked}"
        aims = [o.text for s in session.scenario.seats if s.id != allowed for o in s.secret]
        assert not [a for a in aims if a in text], "another seat's secret objective is on screen"
        seen["checks"] += 1

    return check


async def test_a_complete_hot_seat_game_three_people_three_bots(nea2017: Scenario) -> None:
    session = Session.start(tokened(nea2017), 21, THREE_AND_THREE)
    app = app_for(session)
    notes = record_notifications(app)
    seen = {"curtains": 0, "reveals": 0, "checks": 0}
    async with app.run_test(size=SMALL) as pilot:
        await play_to_end(pilot, app, checker(app, notes, seen))
        assert isinstance(app.screen, GameOverScreen)
        assert "Objectives and scores" in all_text(app, [])
    assert session.over
    assert seen["curtains"] >= 10 and seen["reveals"] >= 1
    humans = {p.seat for p in THREE_AND_THREE if p.control == "human"}
    whys = [a.why for a in session.state.history if a.seat in humans]
    assert "why not" in whys and all(a.why == "" for a in session.state.history if a.seat not in humans)
    assert session.autosave is not None and read(session.autosave).actions == session.state.history


async def test_the_curtain_hides_every_hand_until_its_owner_says_so(nea2017: Scenario) -> None:
    players = tuple(
        Player(s, "human", n) for s, n in (("usa", "Aiko"), ("rok", "Bo"), ("japan", "Chie"))
    ) + tuple(Player(s, "heuristic") for s in ("china", "dprk", "russia"))
    session = Session.start(tokened(nea2017), 22, players)
    app = app_for(session)
    async with app.run_test(size=LARGE) as pilot:
        for _ in range(100):
            if isinstance(app.screen, CurtainScreen):
                break
            await pilot.pause()
        seat = session.deciding_human
        assert seat is not None
        text = all_text(app, [])
        name = session.seat_name(seat)
        assert f"Pass the keyboard to {session.label(seat)}" in text
        assert f"Press Enter when only {name} is looking." in text
        assert not [t for t in secrets(session.state, None) if t in text]
        await pilot.click("#lift")  # the mouse lifts it too
        assert isinstance(app.screen, TableScreen)
        text = all_text(app, [])
        own = [f"«{c}»" for c in session.state.hand(seat)]
        assert all(t in text for t in own), "the seat at the keyboard sees its own hand"
        assert not [t for t in secrets(session.state, seat) if t in text]
        await decide(pilot, app)  # the next person waits behind the curtain
        for _ in range(100):
            if isinstance(app.screen, CurtainScreen | GameOverScreen):
                break
            await pilot.press("enter") if isinstance(app.screen, Message) else await pilot.pause()
        table = table_of(app)
        assert table is not None and table.seen is not None and table.seen.viewer is None
        assert not [t for t in secrets(session.state, None) if t in all_text(app, [])]


async def test_a_misplay_is_undone_from_behind_the_curtain(nea2017: Scenario) -> None:
    session = Session.start(tokened(nea2017), 34, THREE_AND_THREE)
    app = app_for(session)
    async with app.run_test(size=SMALL) as pilot:
        await until_human(pilot, app, session)
        seat, before = session.shown_seat, session.state
        await decide(pilot, app)
        for _ in range(100):
            if isinstance(app.screen, CurtainScreen) and session.deciding_human != seat:
                break
            await pilot.press("enter") if isinstance(app.screen, Message) else await pilot.pause()
        await pilot.press("u")
        assert isinstance(app.screen, Confirm)
        assert not [t for t in secrets(session.state, None) if t in all_text(app, [])]
        await pilot.press("y")
        await pilot.pause()
        # the next person is still at the keyboard: the undone seat's hand waits behind its curtain
        assert session.state == before and session.shown_seat is None
        assert isinstance(app.screen, CurtainScreen) and app.screen.seat == seat
        assert not [t for t in secrets(session.state, None) if t in all_text(app, [])]
        await pilot.press("enter")
        assert isinstance(app.screen, TableScreen) and session.shown_seat == seat


async def test_sealed_headlines_are_entered_in_turn_and_revealed_together(nea2017: Scenario) -> None:
    session = Session.start(tokened(nea2017), 25, THREE_AND_THREE)
    app = app_for(session)
    committed: list[str] = []
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(400):  # bounded: a screen this loop does not answer fails, never hangs
            screen = app.screen
            if isinstance(screen, Message) and screen.heading == "Headlines revealed":
                break
            sealed = [f"«{a.card}»" for a in session.state.sealed if isinstance(a, PlayCard)]
            if isinstance(screen, CurtainScreen):
                assert session.public().phase == "Headline"
                assert not [t for t in sealed if t in all_text(app, [])], "a sealed headline showed"
                await pilot.press("enter")
            elif isinstance(screen, TableScreen) and session.shown_seat:
                committed.append(session.shown_seat)
                await pilot.press("enter")  # open the highlighted card
            elif isinstance(screen, ActionDialog):
                await pilot.press("enter")
            else:
                await pilot.pause()
        else:
            pytest.fail(f"the headlines were never revealed; stuck on {app.screen!r}")
        reveal = "\n".join(app.screen.lines)  # type: ignore[attr-defined]
    assert committed == ["usa", "rok", "japan"]
    first = next(a for a in session.state.history if isinstance(a, PlayCard))
    assert f"«{first.card}»" in reveal


async def test_resume_after_an_interrupted_game_loses_nothing(nea2017: Scenario) -> None:
    session = Session.start(nea2017, 24, THREE_AND_THREE)
    app = app_for(session)
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(3):  # three human decisions, then Ctrl-C
            await until_human(pilot, app, session)
            await decide(pilot, app, "later")
        await pilot.press("ctrl+c")
    history = session.state.history
    assert history and any(a.why == "later" for a in history)
    opened = launch(resume="")
    assert opened.session is not None and opened.session.state == session.state
    again = BrinkApp(opened, bot_delay=0)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.pause()
        if opened.session.deciding_human:
            assert isinstance(again.screen, CurtainScreen)  # whoever is looking now sees nothing private


async def test_war_is_warned_of_before_it_may_happen(nea2017: Scenario) -> None:
    state, action = risky_state(nea2017)
    players = tuple(
        Player(s, "human" if s == action.seat else "heuristic", "Aiko" if s == action.seat else "")
        for s in nea2017.seat_ids
    )
    session = Session(nea2017, state, players)
    app = app_for(session)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        decisions = app.screen.query_one("#decisions", OptionList)
        decisions.highlighted = next(
            i for i, o in enumerate(decisions.options) if o.id == f"card:{action.card}"
        )
        await pilot.press("enter")
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        row = next(i for i, c in enumerate(dialog.choices) if c.action == action)
        assert dialog.choices[row].warning and "end the game at once in war" in dialog.choices[row].warning
        dialog.query_one("#choices", OptionList).highlighted = row
        await pilot.press("enter", *"no choice", "enter")
        assert isinstance(app.screen, WarWarning)
        await pilot.press("n")
        assert isinstance(app.screen, ActionDialog) and session.state == state
        await pilot.press("enter")
        await pilot.press("y")
    assert (
        session.state.history[-1].why == "no choice"
        or session.state.history[len(state.history)].why == "no choice"
    )


def risky_state(scenario: Scenario):  # type: ignore[no-untyped-def]
    """A state in a random bot game where some card may start the catastrophe."""
    for seed in range(1, 60):
        state = Session.start(scenario, seed, THREE_AND_THREE).state
        while not state.over:
            for a in legal_actions(state):
                if (
                    isinstance(a, PlayCard)
                    and a.mode == "event"
                    and isinstance(state.pending, Turn)
                    and risk(state, a)
                ):
                    return state, a
            state = step(state, BOTS["random"](state))
    raise AssertionError("no card in these decks risks war in 60 random games")


def waiting_on(scenario: Scenario, kind: type) -> GameState:
    """A state of a bot game that waits on a decision of `kind` (a choice, a discard)."""
    for seed in range(1, 60):
        state = Session.start(scenario, seed, THREE_AND_THREE).state
        while not state.over:
            if isinstance(state.pending, kind):
                return state
            state = step(state, BOTS["heuristic"](state))
    raise AssertionError(f"no {kind.__name__} in 60 bot games")


@pytest.mark.parametrize("kind", [Choice, PickDiscard])
async def test_choices_and_discards_are_decided_from_the_list(nea2017: Scenario, kind: type) -> None:
    state = waiting_on(nea2017, kind)
    seat = state.to_act
    players = tuple(Player(s, "human" if s == seat else "heuristic") for s in nea2017.seat_ids)
    session = Session(nea2017, state, players)
    app = app_for(session)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        rows = app.screen.query_one("#decisions", OptionList).options
        prefix = "option:" if kind is Choice else "discard:"
        assert rows and all((r.id or "").startswith(prefix) for r in rows)
        await decide(pilot, app, "so be it")
    taken = session.state.history[len(state.history)]
    assert taken.seat == seat and taken.why == "so be it"


async def test_a_bug_inside_the_table_is_reported_in_a_sentence(nea2017: Scenario, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(self: TableScreen) -> None:
        raise RuntimeError("a bug for the test")

    monkeypatch.setattr(TableScreen, "action_objectives", broken)
    players = tuple(Player(s, "human" if s == "usa" else "heuristic") for s in nea2017.seat_ids)
    app = app_for(Session.start(nea2017, 33, players))
    with pytest.raises(RuntimeError):  # Pilot re-raises what the app met
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("o")
    assert app.crash is not None
    error, details = app.crash
    assert "a bug for the test" in str(error) and "RuntimeError" in details.read_text()


async def test_undo_asks_first_and_is_logged(nea2017: Scenario) -> None:
    players = tuple(Player(s, "human" if s == "rok" else "heuristic") for s in nea2017.seat_ids)
    session = Session.start(nea2017, 25, players)
    app = app_for(session)
    async with app.run_test(size=SMALL) as pilot:
        await until_human(pilot, app, session)
        before = session.state
        await decide(pilot, app)
        await until_human(pilot, app, session)
        assert session.state != before
        await pilot.press("u")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert session.state != before
        await pilot.press("u", "y")
        await pilot.pause()
        assert session.state == before
    assert "undo" in session.control_log[-1]


async def test_save_then_open_a_named_game(nea2017: Scenario) -> None:
    players = tuple(Player(s, "human" if s == "usa" else "heuristic") for s in nea2017.seat_ids)
    session = Session.start(nea2017, 26, players)
    app = app_for(session)
    async with app.run_test(size=SMALL) as pilot:
        await until_human(pilot, app, session)
        await pilot.press("s")
        assert isinstance(app.screen, SaveDialog)
        await pilot.press("ctrl+a", "ctrl+k", *"round one", "enter")
        assert (saves_dir() / "round one.json").is_file()
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, LoadDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen) and app.screen.session is not session
        assert app.screen.session.state == session.state


async def test_setup_starts_the_game_it_describes(nea2017: Scenario) -> None:
    app = BrinkApp(launch(seed=31), bot_delay=0)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"Aiko")  # the first participant's name has the focus
        app.screen.query_one("#control-china").value = "random"  # type: ignore[attr-defined]
        await pilot.press("ctrl+g")
        await pilot.pause()
        session = app.session
        assert session is not None and session.state.seed == 31
        assert session.player("usa") == Player("usa", "human", "Aiko")
        assert session.player("china").control == "random"


async def test_a_corrupt_save_gets_a_message_and_is_left_alone() -> None:
    path = games_dir() / "broken.json"
    path.parent.mkdir(parents=True)
    path.write_text("corrupt")
    app = BrinkApp(launch(seed=1), bot_delay=0)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, LoadDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Message) and "broken.json" in "\n".join(app.screen.lines)
        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen)
    assert path.read_text() == "corrupt"


async def test_a_small_terminal_gets_a_message_not_a_broken_table(nea2017: Scenario) -> None:
    app = app_for(finished(nea2017, 27))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = all_text(app, [])
        assert "60×20" in text and "80×24" in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, GameOverScreen)


async def test_help_lists_every_key_and_the_palette_has_the_commands(nea2017: Scenario) -> None:
    players = tuple(Player(s, "human" if s == "usa" else "heuristic") for s in nea2017.seat_ids)
    app = app_for(Session.start(nea2017, 28, players))
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        table = app.screen
        titles = {c.title for c in app.get_system_commands(table)}
        assert {"Pass", "Undo", "Save game", "Open a saved game", "Help", "Objectives"} <= titles
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = all_text(app, [])
        assert how_a_round_goes(nea2017) in text
        for screen in (TableScreen, CurtainScreen, SetupScreen, GameOverScreen, BrinkApp):
            for b in screen.BINDINGS:
                assert b.description in text  # type: ignore[union-attr]
        flat = " ".join(text.split())
        for term, said in GLOSSARY:  # the table's words, and each meter of the scenario
            assert f"{term}: {' '.join(said.split())}" in flat
        assert all(" ".join(t.text.split()) in flat for t in nea2017.tracks if t.text)
        await pilot.press("escape")
        world, hand = table.query_one(WorldPanel), table.query_one(DecisionList)
        assert legend.METERS in str(world.border_title)  # beside the marks it explains
        assert legend.HAND in str(hand.border_title) and hand.tooltip == legend.HAND_TIP
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"


async def test_help_tells_the_round_of_the_scenario_being_set_up(nea2017: Scenario) -> None:
    korea2010 = load_scenario(Path(nea2017.path).parent / "korea2010")
    app = BrinkApp(Launch(korea2010), bot_delay=0)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert how_a_round_goes(korea2010) in all_text(app, [])


async def test_bots_pause_visibly_and_a_key_skips_the_pause(nea2017: Scenario) -> None:
    players = tuple(Player(s, "heuristic") for s in nea2017.seat_ids)
    session = Session.start(nea2017, 29, players)
    app = BrinkApp(Launch(nea2017, session, theme="light"), bot_delay=60)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        assert "is deciding" in all_text(app, [])
        done = len(session.state.history)
        await pilot.press("space")
        assert len(session.state.history) == done + 1


async def test_the_discussion_timer_counts_down(nea2017: Scenario) -> None:
    players = tuple(Player(s, "human" if s == "usa" else "heuristic") for s in nea2017.seat_ids)
    session = Session.start(nea2017, 30, players)
    app = BrinkApp(Launch(nea2017, session, timer=90), bot_delay=0)
    async with app.run_test(size=SMALL) as pilot:
        await until_human(pilot, app, session)
        assert "⏱ 1:3" in all_text(app, []) or "⏱ 1:2" in all_text(app, [])


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_game_over_shows_objectives_scores_and_tracks(nea2017: Scenario, size: tuple[int, int]) -> None:
    session = finished(nea2017, 32)
    app = app_for(session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = all_text(app, [])
        ending = session.public().ending
        assert ending is not None and ending.name in text
        for r in session.public().results:
            assert r.name in text
        assert "Tension" in text and any(block in text for block in "▁▂▃▄▅▆▇█")
        panel = app.screen.query_one(TracksPanel)
        drawn = panel.draw(session.public(), panel.content_size.width).plain
        for track in nea2017.tracks:  # the shared tracks' names whole, not "Missiles launched un…"
            if track.scope == "global":
                assert track.name in drawn
        await pilot.press("d")
        assert "After-action report" in all_text(app, [])


async def test_after_a_move_the_person_sees_what_it_did_then_enter_hands_over(nea2017: Scenario) -> None:
    """Issue 6.3: before the curtain for the next seat, the person who moved reads what
    the move did (the log lines it caused, public words); the Enters that confirmed the
    move in one quick burst do not skip it, and Enter then hands over to the curtain."""
    session = Session.start(nea2017, 4, THREE_AND_THREE)
    app = app_for(session)
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(40):  # past the sealed headlines, to an ordinary turn
            await until_human(pilot, app, session)
            if session.view().prompt and session.view().prompt.kind == "turn":  # type: ignore[union-attr]
                break
            await decide(pilot, app)
        seat = session.shown_seat
        assert seat is not None and isinstance(app.screen, TableScreen)
        await pilot.press("p")
        if isinstance(app.screen, ActionDialog) and app.screen.chosen is None:
            await pilot.press("enter")
        await burst(pilot, ("enter", "enter", "enter"))  # confirm, and two Enters too many
        summary = app.screen
        assert isinstance(summary, MoveSummary), app.screen_stack
        text = all_text(app, [])
        assert summary.heading == f"What your move did — {session.label(seat)}"
        assert f"{session.seat_name(seat)} passed" in text
        assert session.consequences() and all(line in text for line in session.consequences()[:3])
        assert (
            session.shown_seat is None
        )  # the hand is no longer the person's to see: it is under the summary
        await pilot.press("enter")
        for _ in range(200):
            if isinstance(app.screen, CurtainScreen):
                break
            await pilot.pause()
        assert isinstance(app.screen, CurtainScreen) and app.screen.seat != seat


async def test_no_summary_for_a_sealed_headline_or_a_table_of_one(nea2017: Scenario) -> None:
    session = Session.start(nea2017, 4, THREE_AND_THREE)
    app = app_for(session)
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(10):
            await until_human(pilot, app, session)
            if session.view().prompt and session.view().prompt.kind == "headline":  # type: ignore[union-attr]
                break
            await decide(pilot, app)
        assert session.view().prompt is not None and session.view().prompt.kind == "headline"  # type: ignore[union-attr]
        await decide(pilot, app)
        await pilot.pause()
        assert not isinstance(app.screen, MoveSummary)
    one = Session.start(
        nea2017, 4, tuple(Player(s, "human" if s == "usa" else "heuristic") for s in nea2017.seat_ids)
    )
    assert not one.summary_due("usa")
