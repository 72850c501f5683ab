"""The after-action report in Markdown: attribution on recorded games (a war, a
breakout, a game the white cell steered), how far each outcome was, the charts written
beside it, a branch set beside its parent, and `brink report -o`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from game import debrief
from game.cli import main
from game.engine import GameState, Scenario, new_game, step
from game.engine.bots import BOTS
from game.engine.entries import ThresholdCrossed, TrackMoved
from game.engine.model import Adjudicate, Adjust, Inject, RoundLimit, Toggle
from game.engine.record import Player, Record, dumps, read, replay, write
from game.engine.rules import where_is
from game.engine.sim import play_out

BOTS_ALL = "heuristic"


def players(sc: Scenario) -> tuple[Player, ...]:
    return tuple(Player(s, BOTS_ALL) for s in sc.seat_ids)


def first_game(sc: Scenario, outcome: str, catastrophe_by_deck: bool = False) -> GameState:
    """The first bot game (by seed) that ends in `outcome`."""
    for seed in range(1, 200):
        state = play_out(new_game(sc, seed), {s: BOTS_ALL for s in sc.seat_ids})
        ending = state.ending
        if (
            ending is not None
            and ending.outcome == outcome
            and (not catastrophe_by_deck or ending.seat is None)
        ):
            return state
    raise AssertionError(f"no bot game ended in {outcome}")


@pytest.fixture(scope="module")
def war(nea2017: Scenario) -> GameState:
    return first_game(nea2017, "war", catastrophe_by_deck=True)


@pytest.fixture(scope="module")
def breakout(nea2017: Scenario) -> GameState:
    return first_game(nea2017, "breakout")


def report(state: GameState, parent: GameState | None = None) -> str:
    """The report's Markdown (charts are drawn only where a test looks at them)."""
    return debrief.markdown(state, Record.of(state, players(state.scenario)), [], parent)


def test_a_war_names_who_put_the_world_on_the_brink(war: GameState, tmp_path: Path) -> None:
    sc = war.scenario
    text = report(war)
    moves = [e for e in war.log if isinstance(e, TrackMoved) and e.track == "tension"]
    onto = next(m for m in moves if m.old < 7 <= m.new)
    by = "the crisis deck" if onto.seat is None else sc.seat(onto.seat).name
    assert f"- Put on the brink by {by}" in text
    assert "War on the peninsula **(the outcome)**: Tension peaked at 10" in text
    assert "Q" in text and "reached 10, War on the peninsula" in text  # the threshold crossed
    # the deck gave the last push: the choices that made it possible are named
    assert "it could push the world over only because of the choices that brought it there" in text
    assert "A catastrophe: every objective counts as missed" in text


def test_how_far_each_outcome_was(war: GameState, tmp_path: Path) -> None:
    text = report(war)
    sanctions = war.value("sanctions")
    line = next(line for line in text.splitlines() if line.startswith("- Collective action:"))
    if sanctions < 6:
        assert f"✗ Sanctions pressure {sanctions}, needed at least 6" in line
    if sanctions == 5 and "china-enforcing" not in war.flags:
        assert "(capped at 5" in line


def test_a_breakout_names_the_threshold_and_who_raised_it(breakout: GameState, tmp_path: Path) -> None:
    text = report(breakout)
    crossed = next(e for e in breakout.log if isinstance(e, ThresholdCrossed) and e.track == "capability")
    when = breakout.scenario.round_name(crossed.round)
    assert (
        f"- DPRK ICBM came into force in {when}" in text and "when DPRK capability reached 8 (ICBM)" in text
    )
    assert re.search(r"  - DPRK capability raised by .*North Korea \+\d", text)
    assert "Nuclear breakout **(the outcome)**: ✓ DPRK ICBM" in text


def test_every_track_has_a_chart_the_markdown_shows(breakout: GameState, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path, _ = debrief.write(tmp_path, breakout, Record.of(breakout, players(breakout.scenario)))
    text = path.read_text(encoding="utf-8")
    for track in breakout.scenario.tracks:
        chart = tmp_path / f"track-{track.id}.png"
        assert chart.read_bytes().startswith(b"\x89PNG") and f"]({chart.name})" in text


def test_without_matplotlib_the_report_is_written_and_says_so(
    breakout: GameState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    path, notes = debrief.write(tmp_path, breakout, Record.of(breakout, players(breakout.scenario)))
    assert notes and "matplotlib is not installed" in notes[0]
    assert "matplotlib is not installed" in path.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.png"))


def steered(sc: Scenario) -> GameState:
    """A game the white cell steered: a correction, a flag, an injected card, a shorter
    game, then an end it ruled."""
    state = new_game(sc, 5)
    crisis = next(
        c.id for c in sc.decks[sc.deck_index["crisis"]].cards if not where_is(state, c.id).endswith("hand")
    )
    for iv in (
        Adjust("tension", 1, reason="the room misread the card", at="2026-12-04 19:00:00"),
        Toggle("china-enforcing", True, reason="Beijing announced it", at="2026-12-04 19:01:00"),
        Inject(crisis, reason="news from the floor", at="2026-12-04 19:02:00"),
        RoundLimit(3, reason="the seminar runs short", at="2026-12-04 19:03:00"),
    ):
        state = step(state, iv)
        for _ in range(5):
            state = step(state, BOTS["heuristic"](state))
    return step(state, Adjudicate("stalemate", reason="time is up", at="2026-12-04 19:09:00"))


def test_the_white_cells_interventions_and_their_reasons(nea2017: Scenario, tmp_path: Path) -> None:
    state = steered(nea2017)
    text = report(state)
    section = text.split("## The white cell", 1)[1].split("\n## ", 1)[0]
    for words in (
        "Q2 2017, 2026-12-04 19:00:00: Tension set 5 → 1 — “the room misread the card”",
        "China enforcing sanctions put in force — “Beijing announced it”",
        "injected",
        "round limit changed 8 → 3 — “the seminar runs short”",
        "game ended: Uneasy stalemate — “time is up”",
    ):
        assert words in section, words
    assert "The end was ruled by the white cell" in text
    assert "The white cell set Tension 5 → 1 in Q2 2017 — “the room misread the card”" in text
    moves = debrief.moves(state)
    assert [m.actor for m in moves if m.why == "the room misread the card"] == ["white cell"]
    injected = [m for m in moves if m.card is not None and m.actor == "white cell"]
    assert injected, "an injected card's effects are the white cell's, not its side's"


def test_report_dash_o_on_a_simulated_record_and_a_branch_beside_its_parent(
    nea2017: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["simulate", "--games", "1", "--seed", "2", "--save-dir", str(tmp_path / "runs")]) == 0
    record = tmp_path / "runs" / "game-000002.json"
    assert main(["branch", str(record), "--round", "3", "-o", str(tmp_path / "what-if.json")]) == 0
    branch = read(tmp_path / "what-if.json")
    state = play_out(replay(branch, nea2017), {s: "random" for s in nea2017.seat_ids})
    write(
        tmp_path / "what-if.json",
        dumps(Record.of(state, branch.players, branch.control_log, parent=branch.parent)),
    )
    capsys.readouterr()
    assert main(["report", str(tmp_path / "what-if.json"), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "AFTER-ACTION REPORT" in out and f"Report written to {tmp_path / 'out' / 'report.md'}" in out
    assert f"A what-if branch of {record.resolve()}" in " ".join(out.split())  # wrapped at 100
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "## Beside its parent" in text and "the two games first differ at step" in text
    assert "| Outcome |" in text


def test_a_branch_whose_parent_changed_is_reported_alone(nea2017: Scenario, tmp_path: Path) -> None:
    assert main(["simulate", "--games", "1", "--seed", "3", "--save-dir", str(tmp_path)]) == 0
    record = tmp_path / "game-000003.json"
    assert main(["branch", str(record), "--at", "10", "-o", str(tmp_path / "b.json")]) == 0
    assert main(["simulate", "--games", "1", "--seed", "4", "--save-dir", str(tmp_path)]) == 0
    (tmp_path / "game-000004.json").replace(record)  # another game where the parent was
    state, why = debrief.load_parent(read(tmp_path / "b.json"), nea2017)
    assert state is None and "no longer the parent game" in why


def test_report_dash_o_refuses_a_file_as_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x").write_text("")
    assert main(["simulate", "--games", "1", "--save-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    code = main(["report", str(tmp_path / "game-000001.json"), "-o", str(tmp_path / "x")])
    out, err = capsys.readouterr()
    assert code == 2 and "is a file, not a folder" in err and not out


async def test_the_game_over_screen_writes_the_report(nea2017: Scenario, tmp_path: Path) -> None:
    from test_tui_support import app_for, finished
    from textual.widgets import Input

    from game.tui.screens.gameover import GameOverScreen
    from game.tui.screens.whitecell import PowerDialog

    session = finished(nea2017, 4)
    app = app_for(session)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, GameOverScreen)
        await pilot.press("r")
        dialog = app.screen
        assert isinstance(dialog, PowerDialog)
        dialog.query_one("#value", Input).value = str(tmp_path / "aar")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = (tmp_path / "aar" / "report.md").read_text(encoding="utf-8")
    assert text.startswith("# After-action report") and "## Questions for the hotwash" in text
