"""What-if branches: `brink branch` forks a new record from an earlier point of a game,
names its parent and the step, and leaves the parent byte for byte as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Scenario, new_game
from game.engine.record import Player, Record, dumps, read, replay, steps_digest, write
from game.engine.sim import play_out


@pytest.fixture
def parent(nea2017: Scenario, tmp_path: Path) -> Path:
    state = play_out(new_game(nea2017, 11), {s: "heuristic" for s in nea2017.seat_ids})
    path = tmp_path / "game.json"
    write(path, dumps(Record.of(state, tuple(Player(s, "heuristic") for s in nea2017.seat_ids))))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_branch_names_its_parent_and_leaves_it_byte_identical(
    parent: Path, nea2017: Scenario, capsys: pytest.CaptureFixture[str]
) -> None:
    before = hashlib.sha256(parent.read_bytes()).hexdigest()
    stat = parent.stat()
    code, out, err = run(capsys, "branch", str(parent), "--round", "3")
    assert code == 0, err
    assert hashlib.sha256(parent.read_bytes()).hexdigest() == before
    assert parent.stat().st_mtime_ns == stat.st_mtime_ns
    original = read(parent)
    [child_path] = parent.parent.glob("game-branch-*.json")
    child = read(child_path)
    at = child.parent.at if child.parent else -1
    assert child.parent is not None and child.parent.path == str(parent.resolve())
    assert child.actions == original.actions[:at] and child.parent.steps == steps_digest(child.actions)
    state = replay(child, nea2017)
    assert state.round == 3 and not state.over
    assert f"keeps steps 1 to {at} of {len(original.actions)}" in out and "brink play --load" in out
    assert child.control_log[-1].endswith(f"at step {at} of {len(original.actions)}")


def test_branch_at_a_step_and_to_a_named_file(parent: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = parent.with_name("what-if.json")
    assert run(capsys, "branch", str(parent), "--at", "5", "-o", str(out_path))[0] == 0
    assert len(read(out_path).actions) == 5
    code, _, err = run(capsys, "branch", str(parent), "--at", "5", "-o", str(out_path))
    assert code == 2 and "already exists" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--at", "-1"), "--at must be from 0 to"),
        (("--at", "100000"), "--at must be from 0 to"),
        (("--round", "99"), "never reached round 99"),
        ((), "one of the arguments --at --round is required"),
    ],
)
def test_a_branch_that_cannot_be_made_is_refused(
    parent: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "branch", str(parent), *argv)
    assert code == 2 and message in err and not out and "Traceback" not in err
    assert not list(parent.parent.glob("game-branch-*"))


def test_branching_at_the_end_of_a_finished_game_is_refused(
    parent: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = len(read(parent).actions)
    code, _, err = run(capsys, "branch", str(parent), "--at", str(steps))
    assert code == 2 and "already over" in err
