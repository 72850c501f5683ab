"""`brink validate PATH...`: every problem, one per line as file:line:col: message, then
a count; exit 0 when all is valid, 2 when not; never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "data" / "loader" / "mini"
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>\S.*)$")
COUNT = re.compile(r"^(\d+) problems? in (\d+) files?$")


def copy(src: Path, dest: Path) -> Path:
    return Path(shutil.copytree(src, dest))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *paths: Path | str) -> tuple[int, list[str], list[str]]:
    code = main(["validate", *map(str, paths)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def problem_lines(err: list[str]) -> list[re.Match[str]]:
    """The problem lines, checked for form; the last line must be the count."""
    *lines, count = err
    matches = [LINE.match(line) for line in lines]
    assert all(matches), err
    m = COUNT.match(count)
    assert m, count
    assert int(m.group(1)) == len(lines)
    assert int(m.group(2)) == len({x.group("file") for x in matches if x})
    return [x for x in matches if x]


def test_bundled_decks_are_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, ROOT / "decks")
    assert code == 0
    assert err == []
    assert sorted(out) == [f"ok: {ROOT / 'decks' / name}" for name in ("korea2010", "nea2017")]


def test_a_valid_scenario_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, MINI)
    assert code == 0
    assert len(out) == 1
    assert out[0].startswith("ok: ")
    assert out[0].endswith("mini")


def test_a_broken_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mini = copy(MINI, tmp_path / "mini")
    edit(mini / "crisis.yaml", "    effects:\n      - shift: heat\n        by: 1", "    efects: []")
    code, out, err = run(capsys, mini)
    assert code == 2
    assert out == []
    (m,) = problem_lines(err)
    assert m.group("file") == str(mini / "crisis.yaml")
    assert m.group("message") == "`efects`: unknown key; did you mean `effects`?"
    assert err[-1] == "1 problem in 1 file"


def test_every_problem_at_once_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mini = copy(MINI, tmp_path / "mini")
    edit(mini / "crisis.yaml", "shift: heat", "shift: haet")
    edit(mini / "alpha.yaml", "name: Promise", "nmae: Promise")
    edit(mini / "alpha.yaml", "by: 1", "by: one")
    edit(mini / "scenario.yaml", "rounds: 4", "rounds: four")
    code, _, err = run(capsys, mini)
    assert code == 2
    found = problem_lines(err)
    assert [Path(m.group("file")).name for m in found] == [
        "alpha.yaml",
        "alpha.yaml",
        "crisis.yaml",
        "scenario.yaml",
    ]
    positions = [(m.group("file"), int(m.group("line")), int(m.group("col"))) for m in found]
    assert positions == sorted(positions)
    assert err[-1] == "4 problems in 3 files"


def test_several_paths_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = copy(MINI, tmp_path / "one")
    two = copy(MINI, tmp_path / "two")
    edit(one / "bravo.yaml", "roll: 1d6", "roll: 1d1")
    edit(two / "scenario.yaml", "end: war", "end: wat")
    code, _, err = run(capsys, one, two, MINI)
    assert code == 2
    found = problem_lines(err)
    assert [Path(m.group("file")).parent.name for m in found] == ["one", "two"]
    assert err[-1] == "2 problems in 2 files"


def test_a_folder_of_scenarios(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy(MINI, tmp_path / "all" / "good")
    bad = copy(MINI, tmp_path / "all" / "nested" / "bad")
    (bad / "alpha.yaml").write_bytes(b"deck: alpha\n\xff\n")
    code, out, err = run(capsys, tmp_path / "all")
    assert code == 2
    (m,) = problem_lines(err)
    assert (Path(m.group("file")).name, m.group("line"), m.group("col")) == ("alpha.yaml", "2", "1")
    assert "not UTF-8" in m.group("message")

    shutil.rmtree(bad)
    code, out, err = run(capsys, tmp_path / "all")
    assert code == 0
    assert [line.rsplit("/", 1)[-1] for line in out] == ["good"]


def test_a_lone_deck_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "deck.yaml"
    shutil.copy(MINI / "bravo.yaml", deck)
    assert run(capsys, deck)[0] == 0
    edit(deck, "kind: action", "kind: acton")
    code, _, err = run(capsys, deck)
    assert code == 2
    (m,) = problem_lines(err)
    assert (m.group("line"), m.group("col")) == ("3", "7")
    assert "did you mean `action`?" in m.group("message")


def test_a_deck_file_inside_a_scenario_checks_the_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mini = copy(MINI, tmp_path / "mini")
    edit(mini / "bravo.yaml", "add_card: promise", "add_card: promis")  # a reference: needs the scenario
    code, _, err = run(capsys, mini / "bravo.yaml")
    assert code == 2
    (m,) = problem_lines(err)
    assert "no such card" in m.group("message")


@pytest.mark.parametrize("name", ["absent", "empty"])
def test_nothing_to_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = tmp_path / name
    if name == "empty":
        path.mkdir()
    code, _, err = run(capsys, path)
    assert code == 2
    (m,) = problem_lines(err)
    assert m.group("message") in ("no such file or folder", "no scenario.yaml found here or below")


def test_hostile_input_gives_messages_not_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mini = copy(MINI, tmp_path / "mini")
    edit(mini / "alpha.yaml", "name: Promise", "name: !!python/object/apply:os.system ['false']")
    (mini / "bravo.yaml").write_text("a: &a [*a]\n", encoding="utf-8")
    (mini / "crisis.yaml").write_bytes(b"\x00\x01\x02")
    edit(mini / "scenario.yaml", "article: article.txt", 'article: "nul\\0name"')
    code, _, err = run(capsys, mini)
    assert code == 2
    found = problem_lines(err)
    assert "Traceback" not in "\n".join(err)
    assert sorted(Path(m.group("file")).name for m in found) == [
        "alpha.yaml",
        "bravo.yaml",
        "crisis.yaml",
        "scenario.yaml",
    ]


def test_help_explains_the_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--help"]) == 0
    out = capsys.readouterr().out
    assert "file:line:col: message" in out
    assert "exits 0" in out
