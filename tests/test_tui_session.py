"""The table's controller without a screen: whose hand may be shown, the curtain's
rule, autosave, undo, saves and what `brink play` opens."""

from __future__ import annotations

import attrs
import pytest
from test_tui_support import THREE_AND_THREE, finished

from game.cli import main
from game.common import UsageError
from game.engine import Action, Scenario, legal_actions
from game.engine.bots import BOTS, PLAY_BOT
from game.engine.record import Player, RecordError, read
from game.games import list_games
from game.paths import games_dir, saves_dir
from game.tui.session import Session, default_players, launch, list_saves


def some_action(session: Session, why: str = "") -> Action:
    """A legal action for the seat to act (passing where it may), with a rationale."""
    return attrs.evolve(legal_actions(session.state)[-1], why=why)


def bots_until_human(session: Session) -> None:
    while not session.over and session.deciding_human is None:
        session.act(session.bot_action())


def test_default_players_follow_the_scenario(nea2017: Scenario) -> None:
    players = {p.seat: p.control for p in default_players(nea2017)}
    assert players["dprk"] == PLAY_BOT and players["russia"] == PLAY_BOT
    assert players["usa"] == "human"


def test_curtain_only_between_two_different_humans(nea2017: Scenario) -> None:
    s = Session.start(nea2017, 3, THREE_AND_THREE)
    bots_until_human(s)
    seat = s.deciding_human
    assert seat is not None
    assert s.needs_curtain() and s.shown_seat is None  # nobody has the keyboard yet
    assert s.view().viewer is None and s.view().hand == ()
    s.hand_over(seat)
    assert not s.needs_curtain() and s.view().viewer == seat
    s.act(some_action(s))
    bots_until_human(s)
    if s.deciding_human not in (None, seat):
        assert s.needs_curtain() and s.view().hand == ()


def test_undo_shows_a_hand_only_to_the_seat_that_lifted_its_curtain(nea2017: Scenario) -> None:
    s = Session.start(nea2017, 34, THREE_AND_THREE)
    bots_until_human(s)
    first = s.deciding_human
    assert first is not None
    s.hand_over(first)
    s.act(some_action(s))
    bots_until_human(s)
    while s.deciding_human == first:  # until another person must take the keyboard
        s.act(some_action(s))
        bots_until_human(s)
    assert s.needs_curtain() and s.at_keyboard is None  # the keyboard is changing hands
    s.undo()  # asked for behind the next person's curtain
    assert s.deciding_human == first and s.shown_seat is None and s.view().hand == ()
    s.hand_over(first)
    assert s.shown_seat == first
    s.undo()  # asked for by the seat at the keyboard, back to its own decision
    if s.deciding_human == first:
        assert s.shown_seat == first


def test_no_curtain_with_a_single_human(nea2017: Scenario) -> None:
    players = tuple(Player(p.seat, "human" if p.seat == "japan" else "heuristic") for p in THREE_AND_THREE)
    s = Session.start(nea2017, 5, players)
    bots_until_human(s)
    assert not s.needs_curtain() and s.shown_seat == "japan"


def test_bots_see_only_the_public_view(nea2017: Scenario) -> None:
    s = Session.start(nea2017, 4, THREE_AND_THREE)
    while not s.over and s.deciding_human is None:
        assert s.view().viewer is None and s.view().hand == ()
        s.act(s.bot_action())


def test_every_action_is_autosaved_and_resumes_exactly(nea2017: Scenario) -> None:
    s = Session.start(nea2017, 6, THREE_AND_THREE)
    for _ in range(12):
        s.act(BOTS["heuristic"](s.state))
        assert s.autosave is not None and read(s.autosave).actions == s.state.history
    again = Session.open(s.autosave)
    assert again.state == s.state and again.players == s.players


def test_undo_takes_back_the_last_human_action_and_the_bots_after_it(nea2017: Scenario) -> None:
    s = Session.start(nea2017, 8, THREE_AND_THREE)
    assert s.undo_summary() is None and s.undo() is None
    bots_until_human(s)
    before = s.state
    seat = s.deciding_human
    assert seat is not None
    s.act(some_action(s, "let us wait"))
    bots_until_human(s)
    summary = s.undo()
    assert summary is not None and s.player(seat).name in summary
    assert s.state == before
    assert s.control_log and "undo" in s.control_log[-1]
    assert s.autosave is not None and s.control_log[-1] in s.autosave.read_text(encoding="utf-8")


def test_named_saves_and_their_names(nea2017: Scenario) -> None:
    s = Session.start(nea2017, 9, THREE_AND_THREE)
    path = s.save_as("seminar one")
    assert path == saves_dir() / "seminar one.json" and read(path).seed == 9
    with pytest.raises(ValueError, match="letters, digits"):
        s.save_as("../escape")
    (saves_dir() / "broken.json").write_text("{not json")
    listed = {i.name: i for i in list_saves()}
    assert listed["seminar one"].actions == 0
    assert listed["broken"].scenario == "cannot be read"


def test_starting_games_keeps_every_one_of_them(nea2017: Scenario) -> None:
    """Issue 11.1: three starts in a row used to leave only the last two."""
    for seed in (101, 202, 303):
        s = Session.start(nea2017, seed, THREE_AND_THREE)
        s.act(BOTS["heuristic"](s.state))
    kept = list_games()
    assert sorted(read(g.path).seed for g in kept) == [101, 202, 303]
    assert all(g.round == 1 and not g.over and g.scenario == "nea2017" for g in kept)
    assert all(g.seats == "Aiko, Bo, Chie + 3 bots" for g in kept), kept[0].seats


def test_headlines_are_revealed_together_in_public_words(nea2017: Scenario) -> None:
    s = Session.start(nea2017, 12, THREE_AND_THREE)
    reveal: tuple[str, ...] = ()
    while not s.over and not reveal:
        s.act(BOTS["heuristic"](s.state))
        reveal = s.new_reveal()
    assert reveal and (" played " in reveal[0] or " passed" in reveal[0])
    assert "Headlines revealed" not in reveal
    assert s.new_reveal() == ()


@pytest.mark.parametrize("seed", range(1, 9))
def test_a_reveal_is_shown_whole_even_when_bots_decide_inside_it(nea2017: Scenario, seed: int) -> None:
    """Headlines can hand a bot a choice mid-reveal: the table waits for the bots, and
    every line from each reveal to the next phase is shown exactly once."""
    s = Session.start(nea2017, seed, THREE_AND_THREE)
    shown: list[str] = []
    while not s.over:
        s.act(BOTS["heuristic"](s.state))
        shown += s.new_reveal()
    shown += s.new_reveal()
    log = s.public().log
    expected = []
    for i, line in enumerate(log):
        if line.kind == "reveal":
            end = next(
                (j for j in range(i + 1, len(log)) if log[j].kind in ("phase", "round", "end")), len(log)
            )
            expected += [x.text for x in log[i + 1 : end]]
    assert shown == expected


def test_launch_skips_setup_with_seats_and_parses_them(nea2017: Scenario) -> None:
    opened = launch(seed=3, seats="usa=human:Aiko,rok=human,all=bot")
    assert opened.session is not None and opened.session.state.seed == 3
    assert opened.session.player("usa") == Player("usa", "human", "Aiko")
    assert opened.session.player("china").control == PLAY_BOT  # `bot` at the table: its default bot
    assert launch(seed=3).session is None  # the seed alone only fills in the setup screen


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"seats": "usa=pilot"}, UsageError, "not a control"),
        ({"timer": -5}, UsageError, "--timer"),
        ({"resume": ""}, RecordError, "no unfinished game to resume"),
        ({"resume": "nonesuch"}, RecordError, "no kept game named"),
        ({"load": "nothing-here"}, RecordError, "cannot read"),
    ],
)
def test_launch_refuses_bad_input_with_a_sentence(kwargs: dict, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        launch(**kwargs)


def test_brink_play_reports_a_corrupt_autosave_and_leaves_it(capsys: pytest.CaptureFixture[str]) -> None:
    path = games_dir() / "broken.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"format": "brinkmanship-record", "version": 1, "actions": [')
    assert main(["play", "--resume", "broken"]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err and "Traceback" not in err
    assert path.read_bytes() == b'{"format": "brinkmanship-record", "version": 1, "actions": ['


def test_brink_play_reports_a_deck_that_does_not_load(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "scenario.yaml").write_text("scenario: broken\nname: [unclosed\n")
    assert main(["play", "--scenario", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "scenario.yaml:" in err and "Traceback" not in err


def test_a_finished_game_resumes_to_its_end(nea2017: Scenario) -> None:
    s = finished(nea2017, 13)
    assert s.autosave is not None
    again = Session.open(s.autosave)
    assert again.over and again.state == s.state
