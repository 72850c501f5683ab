"""Issue 11, games lost: every game kept in its own file, a lock per game, saves that
never replace another game's file unasked, temporary files cleaned, failed saves said."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_tui_support import THREE_AND_THREE, app_for, until_human

from game.cli import main
from game.engine import Scenario, legal_actions
from game.engine.bots import BOTS
from game.engine.record import Player, RecordError, read
from game.games import STALE_SECONDS, GameBusy, clean_temporary, find_game, list_games
from game.paths import data_home, games_dir, saves_dir
from game.tui import saved
from game.tui.screens.dialogs import Confirm, Message, SaveDialog
from game.tui.screens.table import TableScreen
from game.tui.session import SaveExists, Session, launch

ROOT = Path(__file__).resolve().parent.parent


def played(scenario: Scenario, seed: int, moves: int = 3) -> Session:
    s = Session.start(scenario, seed, THREE_AND_THREE)
    for _ in range(moves):
        s.act(BOTS["heuristic"](s.state))
    return s


def usa_alone(scenario: Scenario) -> tuple[Player, ...]:
    return tuple(Player(s, "human" if s == "usa" else "heuristic") for s in scenario.seat_ids)


def refuse(path: object, text: str) -> None:
    """`write` on a read-only file system."""
    raise OSError(30, "Read-only file system", str(path))


def test_resume_takes_the_latest_unfinished_game_or_the_one_named(nea2017: Scenario) -> None:
    first = played(nea2017, 101)
    time.sleep(0.01)
    second = played(nea2017, 202)
    assert first.autosave and second.autosave and first.autosave != second.autosave
    assert find_game() == second.autosave
    assert find_game(first.autosave.stem) == first.autosave
    opened = launch(resume=first.autosave.stem).session
    assert opened is not None and opened.state == first.state


def test_brink_games_lists_and_deletes(nea2017: Scenario, capsys: pytest.CaptureFixture[str]) -> None:
    s = played(nea2017, 77)
    assert s.autosave is not None
    name = s.autosave.stem
    s.close()
    assert main(["games"]) == 0
    out = capsys.readouterr().out
    assert name in out and "nea2017" in out and "round 1" in out and "Aiko, Bo, Chie + 3 bots" in out
    assert main(["games", "--delete", name]) == 0
    assert not s.autosave.exists() and list_games() == []
    assert main(["games", "--delete", name]) == 2
    assert "no kept game named" in capsys.readouterr().err


def test_an_old_single_autosave_is_kept_as_a_game(nea2017: Scenario) -> None:
    s = played(nea2017, 5)
    assert s.autosave is not None
    data_home().joinpath("autosave.json").write_bytes(s.autosave.read_bytes())
    s.autosave.unlink()
    (kept,) = list_games()
    assert kept.name.startswith("autosave-") and read(kept.path).seed == 5


HOLD = """
import sys, time
from pathlib import Path
from game.games import GameLock
lock = GameLock.of(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(30)
"""


def test_a_game_open_in_another_process_is_refused_naming_it(nea2017: Scenario) -> None:
    """Issue 11.2: two processes wrote one autosave and both said it was saved."""
    s = played(nea2017, 9)
    assert s.autosave is not None
    path = s.autosave
    s.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, env=env, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        with pytest.raises(GameBusy, match=f"process {other.pid}"):
            Session.open(path)
        (listed,) = list_games()
        assert listed.holder == other.pid
        assert main(["play", "--resume", path.stem]) == 2
    finally:
        other.kill()
        other.wait()
    assert Session.open(path).state == s.state  # free again once that process is gone


def test_two_games_started_at_once_get_two_files(nea2017: Scenario) -> None:
    a, b = played(nea2017, 1), played(nea2017, 1)
    assert a.autosave != b.autosave and {read(g.path).seed for g in list_games()} == {1}
    assert len(list_games()) == 2


def test_saving_never_replaces_another_games_file_unasked(nea2017: Scenario) -> None:
    """Issue 11.3: every game saved in round 1 was offered `nea2017-round1`."""
    a, b = played(nea2017, 11), played(nea2017, 12)
    first = a.default_save_name()
    a.save_as(first)
    assert b.default_save_name() != first
    with pytest.raises(SaveExists, match=r"another game .*seed 11"):
        b.save_as(first)
    assert read(saves_dir() / f"{first}.json").seed == 11
    a.act(BOTS["heuristic"](a.state))
    a.save_as(first)  # the same game: saved again without a question
    b.save_as(first, replace=True)
    assert read(saves_dir() / f"{first}.json").seed == 12
    (saves_dir() / "junk.json").write_text("junk")
    with pytest.raises(SaveExists, match="not a readable game"):
        a.save_as("junk")


def test_a_save_opened_goes_on_in_a_file_of_its_own_and_stays_the_same_game(nea2017: Scenario) -> None:
    a = played(nea2017, 13)
    path = a.save_as("class of 2026")
    again = Session.load(path)
    assert again.autosave not in (None, a.autosave, path) and again.game == a.game
    again.act(BOTS["heuristic"](again.state))
    again.save_as("class of 2026")  # its own save: no question
    assert len(read(path).actions) == len(a.state.history) + 1


def test_stale_temporary_files_are_cleaned_and_fresh_ones_left(nea2017: Scenario) -> None:
    """Issue 11.5: kill -9 mid-write left `.autosave.json.*` files behind."""
    played(nea2017, 3)
    stale, fresh = games_dir() / ".x.json.abc123", games_dir() / ".y.json.def456"
    stale.write_text("{")
    fresh.write_text("{")
    old = time.time() - STALE_SECONDS - 5
    os.utime(stale, (old, old))
    assert len(list_games()) == 1
    assert not stale.exists() and fresh.exists()
    assert clean_temporary(games_dir() / "missing") == 0


def test_a_failed_autosave_is_said_once_and_the_game_goes_on(
    nea2017: Scenario, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 11.4: a read-only data folder mid-game crashed the table, which then
    claimed the game was saved."""
    s = played(nea2017, 21)
    told: list[str] = []
    s.on_save_failure = told.append
    monkeypatch.setattr("game.tui.session.write", refuse)
    for _ in range(3):
        s.act(BOTS["heuristic"](s.state))
    assert len(told) == 1 and "could not be saved" in told[0] and "Read-only" in told[0]
    assert "could NOT be saved" in saved(s)
    monkeypatch.undo()
    elsewhere = s.save_as(str(tmp_path / "rescued"))
    assert elsewhere == tmp_path / "rescued.json" and read(elsewhere).actions == s.state.history
    s.act(BOTS["heuristic"](s.state))
    assert s.save_failure is None and "brink play --resume" in saved(s)


def test_an_unwritable_data_folder_at_start_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRINK_HOME", "/dev/null/brink")
    assert main(["play", "--seed", "3", "--seats", "all=bot"]) == 2
    err = capsys.readouterr().err
    assert "could not be saved" in err and "BRINK_HOME" in err and "Traceback" not in err


def test_a_named_save_elsewhere_needs_a_full_path(nea2017: Scenario) -> None:
    s = played(nea2017, 4)
    with pytest.raises(ValueError, match="full file path"):
        s.save_as("../escape")
    with pytest.raises(RecordError):
        find_game("nothing")


async def test_the_save_dialog_asks_before_replacing_another_game(nea2017: Scenario) -> None:
    played(nea2017, 40).save_as("seminar")
    session = Session.start(nea2017, 41, usa_alone(nea2017))
    app = app_for(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_human(pilot, app, session)
        await pilot.press("s")
        assert isinstance(app.screen, SaveDialog)
        await pilot.press("ctrl+a", "ctrl+k", *"seminar", "enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "seed 40" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)  # back to choose another name
        assert read(saves_dir() / "seminar.json").seed == 40
        await pilot.press("ctrl+a", "ctrl+k", *"seminar", "enter", "y")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm) and isinstance(app.screen_stack[1], TableScreen)
    assert read(saves_dir() / "seminar.json").seed == 41


async def test_the_table_says_when_saving_fails_and_play_goes_on(
    nea2017: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session.start(nea2017, 42, usa_alone(nea2017))
    monkeypatch.setattr("game.tui.session.write", refuse)
    app = app_for(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_human(pilot, app, session)
        if not session.save_failure:  # no bot moved before the person: the person moves
            session.act(legal_actions(session.state)[-1])
        await pilot.pause()
        assert isinstance(app.screen, Message) and app.screen.heading == "The game could not be saved"
        assert "Read-only file system" in "\n".join(app.screen.lines)
        await until_human(pilot, app, session)
    assert session.save_failure and len(session.state.history) > 0


SOAK = """
import sys
from game.engine.bots import BOTS
from game.tui.session import launch
first, count = int(sys.argv[1]), int(sys.argv[2])
for seed in range(first, first + count):
    session = launch(seed=seed, seats="usa=human:Aiko,all=bot").session
    for _ in range(seed % 37 + 1):  # plays a while, as a person would, then quits
        session.act(BOTS["heuristic"](session.state))
    session.close()
print("done", flush=True)
"""


def test_soak_two_processes_start_play_and_quit_many_games(nea2017: Scenario) -> None:
    """Games in a row from two processes at once (10 each; `make deep-test`: 25 each,
    BRINK_SOAK=N for N each):
    every one is listed afterwards, unfinished, and loads to the moves it had."""
    each = int(os.environ.get("BRINK_SOAK", "10"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen([sys.executable, "-c", SOAK, str(first), str(each)], env=env, stdout=subprocess.PIPE)
        for first in (1000, 5000)
    ]
    assert [w.communicate(timeout=600)[0].strip() for w in workers] == [b"done", b"done"]
    games = list_games()
    assert len(games) == 2 * each and not any(g.over or g.problem or g.holder for g in games)
    seeds = set()
    for g in games:
        session = Session.open(g.path)
        seed = session.state.seed
        seeds.add(seed)
        assert len(session.state.history) == seed % 37 + 1 and g.round == session.state.round
        session.close()
    assert seeds == {*range(1000, 1000 + each), *range(5000, 5000 + each)}
    assert not list(games_dir().glob(".*.json.*"))  # no temporary file left behind


def test_a_branch_is_another_game_for_saves(nea2017: Scenario) -> None:
    from game.tui.facilitator import WhiteCell

    s = played(nea2017, 43, 12)
    s.save_as("before")
    parent = WhiteCell(s).branch(5)
    assert s.autosave is not None and s.autosave != parent
    assert read(s.autosave).game != read(parent).game
    with pytest.raises(SaveExists, match="another game"):
        s.save_as("before")
    assert len(read(saves_dir() / "before.json").actions) == 12 and len(read(parent).actions) == 12


def _game_of_edited_decks(
    tmp_path: Path,
    file: str = "china.yaml",
    old: str = "cost: {resources: 2}",
    new: str = "cost: {resources: 3}",
) -> Session:
    """A game played with a copy of the decks, edited since (by default a card's cost: a rule)."""
    import shutil

    from conftest import NEA2017

    from game.engine import load_scenario

    folder = Path(shutil.copytree(NEA2017, tmp_path / "nea2017"))
    s = played(load_scenario(folder), 31, 6)
    s.close()
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return s


def test_a_game_whose_decks_changed_resumes_anyway_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 11.13: any edit to a deck blocked --resume for good."""
    s = _game_of_edited_decks(tmp_path)
    assert s.autosave is not None
    assert main(["play", "--resume", s.autosave.stem]) == 2
    err = capsys.readouterr().err
    assert "changed: card Coal Imports Suspended" in err and "--anyway" in err
    again = launch(resume=s.autosave.stem, anyway=True).session
    assert again is not None and again.state.history == s.state.history
    assert (
        "resumed with decks changed" in again.control_log[-1]
        and "Coal Imports Suspended" in again.control_log[-1]
    )
    again.act(BOTS["heuristic"](again.state))
    again.close()
    assert Session.open(s.autosave).state.history == again.state.history  # no question the next time


async def test_setup_offers_a_game_whose_decks_changed(tmp_path: Path) -> None:
    from game.tui.app import BrinkApp
    from game.tui.screens.dialogs import LoadDialog

    s = _game_of_edited_decks(tmp_path)
    app = BrinkApp(launch(seed=1), bot_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, LoadDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "Coal Imports Suspended" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert app.session is not None and app.session.state.history == s.state.history


@pytest.mark.parametrize(
    "edit, said",
    [
        (("crisis.yaml", "name: Nuclear Test", "name: Nuclear Test (edited)"), "card Nuclear Test (edited)"),
        (("usa.yaml", "\n", "\n# a facilitator's note\n"), "only in comments or layout"),
    ],
    ids=["card name", "comment"],
)
async def test_a_game_whose_decks_changed_only_in_text_resumes_with_a_warning(
    tmp_path: Path, edit: tuple[str, str, str], said: str
) -> None:
    """Issue 11.13: wording and comments are not rules: no question, one warning."""
    from game.tui.app import BrinkApp
    from game.tui.screens.table import TableScreen

    s = _game_of_edited_decks(tmp_path, *edit)
    assert s.autosave is not None
    again = launch(resume=s.autosave.stem).session
    assert again is not None and again.state.history == s.state.history and said in again.decks_warning
    again.close()
    app = BrinkApp(launch(seed=1), bot_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm) and isinstance(app.screen_stack[1], TableScreen)
        assert (
            app.session is not None and app.session.state.history[: len(s.state.history)] == s.state.history
        )
        (note,) = [n for n in app._notifications if "Decks edited" in (n.title or "")]
        assert said in note.message
