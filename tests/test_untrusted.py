"""Issue 11, untrusted text and files: what a deck, a record, a name or a path cannot do
— read outside its scenario, hang on a special file, crash with "internal error", or
put escape sequences on the terminal."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import NEA2017

from game.cli import main
from game.engine import LoadError, load_scenario
from game.engine.files import NotAFile, read_limited

Run = tuple[int, str, str]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def go(*argv: str) -> Run:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return go


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """An editable copy of the bundled scenario."""
    return Path(shutil.copytree(NEA2017, tmp_path / "sc"))


def edit(folder: Path, old: str, new: str, file: str = "scenario.yaml") -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


SECRET = "TOP-SECRET-LINE: do not quote me\n"


@pytest.mark.parametrize(
    "how",
    ["absolute", "dotdot", "symlink", "symlinked-folder"],
)
@pytest.mark.parametrize("field", ["decks", "article"])
def test_a_scenario_reads_only_files_inside_its_folder(
    copy: Path, tmp_path: Path, how: str, field: str
) -> None:
    """Issue 11.8: `/etc/passwd` was read and its first bytes quoted in the error."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    name = {
        "absolute": str(secret),
        "dotdot": "../outside/secret.yaml",
        "symlink": "link.yaml",
        "symlinked-folder": "sub/secret.yaml",
    }[how]
    if how == "symlink":
        (copy / "link.yaml").symlink_to(secret)
    if how == "symlinked-folder":
        (copy / "sub").symlink_to(outside)
    if field == "decks":
        edit(copy, "decks: [crisis.yaml,", f"decks: ['{name}', crisis.yaml,")
    else:
        edit(copy, "article: article.txt", f"article: '{name}'")
    with pytest.raises(LoadError) as e:
        load_scenario(copy)
    text = "\n".join(str(p) for p in e.value.problems)
    assert "scenario.yaml:" in text and ("inside its own folder" in text or "outside" in text)
    assert "TOP-SECRET" not in text and "do not quote" not in text


def test_a_file_in_a_subfolder_of_the_scenario_is_fine(copy: Path) -> None:
    (copy / "decks").mkdir()
    shutil.move(copy / "crisis.yaml", copy / "decks" / "crisis.yaml")
    edit(copy, "decks: [crisis.yaml,", "decks: [decks/crisis.yaml,")
    assert load_scenario(copy).id == "nea2017"


@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_special_files_are_refused_without_reading_them_whole(run, tmp_path: Path, special: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 11.9: `brink replay /dev/zero` grew without bound, a FIFO blocked forever."""
    path = {"/dev/zero": Path("/dev/zero"), "fifo": tmp_path / "fifo", "folder": tmp_path}[special]
    if special == "fifo":
        os.mkfifo(path)
    for command in ("replay", "report"):
        code, _, err = run(command, str(path))
        assert code == 2 and "not a file" in err, err
    with pytest.raises(NotAFile):
        read_limited(path, 10)
    if special != "folder":
        code, _, err = run("validate", str(path))
        assert code == 2 and "not a file" in err, err


def test_a_deck_that_is_a_fifo_is_a_located_problem(copy: Path) -> None:
    (copy / "usa.yaml").unlink()
    os.mkfifo(copy / "usa.yaml")
    with pytest.raises(LoadError) as e:
        load_scenario(copy)
    assert any("usa.yaml" in str(p) and "FIFO" in str(p) for p in e.value.problems)


def test_read_limited_stops_at_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"x" * 5000)
    assert len(read_limited(big, 100)) == 101 and read_limited(big, 10_000) == b"x" * 5000


LONG = "a" * 300


@pytest.mark.parametrize(
    "argv",
    [
        ("simulate", "--games", "1", "--scenario", f"/tmp/{LONG}"),
        ("simulate", "--games", "1", "--save-dir", f"/tmp/{LONG}"),
        ("play", "--load", LONG),
        ("play", "--scenario", f"/tmp/{LONG}"),
        ("play", "--resume", LONG),
        ("validate", f"/tmp/{LONG}"),
        ("replay", f"/tmp/{LONG}.json"),
        ("games", "--delete", LONG),
    ],
)
def test_names_over_255_characters_are_clear_errors(run, argv: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Issue 11.10: these exited 70, "internal error"."""
    code, _, err = run(*argv)
    assert (
        code == 2 and "internal error" not in err and ("too long" in err.lower() or "no kept game" in err)
    ), err


def test_a_deck_name_over_255_characters_is_located(copy: Path) -> None:
    edit(copy, "decks: [crisis.yaml,", f"decks: [{LONG}.yaml, crisis.yaml,")
    with pytest.raises(LoadError) as e:
        load_scenario(copy)
    assert any("scenario.yaml:" in str(p) and "too long" in str(p) for p in e.value.problems)


def test_the_setup_folder_field_with_a_long_name_is_a_message() -> None:
    from game.tui.session import load_folder

    found = load_folder(f"/tmp/{LONG}")
    assert isinstance(found, tuple) and "too long" in found[0].lower()


def test_an_unreadable_scenario_folder_is_said_so(run, copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 11.10: validate said "no scenario.yaml found", simulate and play crashed."""
    real = os.scandir

    def refuse(path: object = ".") -> object:
        if Path(str(path)) == copy:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refuse)
    code, _, err = run("validate", str(copy))
    assert code == 2 and "cannot read the folder: Permission denied" in err

    def unreadable(path: object, limit: int) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("game.engine.yamlsrc.read_limited", unreadable)
    for argv in (("simulate", "--games", "1", "--scenario", str(copy)), ("play", "--scenario", str(copy))):
        code, _, err = run(*argv)
        assert code == 2 and "scenario.yaml:1:1: cannot read the file: Permission denied" in err, err


def test_output_to_a_full_disk_is_a_clear_error(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    full = open("/dev/full", "w")  # noqa: SIM115
    monkeypatch.setattr(sys, "stdout", full)
    try:
        code, _, err = run("schema")
    finally:
        full.close()
    assert code == 2 and "No space left on device" in err and "internal error" not in err


# ------------------------------------------------------------------ escape sequences

ESC = "\x1b]0;pwned\x07\x1b[2J\x1b[5m"


def test_control_characters_in_deck_text_are_refused_where_they_are(copy: Path) -> None:
    """Issue 11.7: a deck could set the window title, clear the screen, blink."""
    edit(copy, "name: Nuclear Test", 'name: "Nuclear \\e]0;pwned\\a Test"', "crisis.yaml")
    with pytest.raises(LoadError) as e:
        load_scenario(copy)
    (problem,) = [p for p in e.value.problems if "control character" in p.message]
    assert problem.file.endswith("crisis.yaml") and problem.line > 1 and "\\x1b" in problem.message
    assert "\x1b" not in str(problem)


def a_record_with_escapes(tmp_path: Path) -> Path:
    from test_tui_support import finished

    from game.engine import load_scenario as load
    from game.engine.record import Player, dumps, write

    scenario = load(NEA2017)
    s = finished(
        scenario,
        5,
        (Player("usa", "human", f"Aiko{ESC}"), *(Player(x, "heuristic") for x in scenario.seat_ids[1:])),
    )
    human = next(i for i, a in enumerate(s.state.history) if a.seat == "usa")
    import attrs

    history = list(s.state.history)
    history[human] = attrs.evolve(history[human], why=f"because{ESC}")
    record = attrs.evolve(s.record(), actions=tuple(history), control_log=(f"note{ESC}",))
    path = tmp_path / "escapes.json"
    write(path, dumps(record))
    return path


@pytest.mark.parametrize("command", ["report", "replay"])
def test_nothing_from_a_record_reaches_the_terminal_raw(run, tmp_path: Path, command: str) -> None:  # type: ignore[no-untyped-def]
    path = a_record_with_escapes(tmp_path)
    code, out, err = run(command, str(path))
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out and "Aiko\\x1b]0;pwned\\x07" in out
    if command == "report":
        assert "because\\x1b" in out and "note\\x1b" in out


def test_error_messages_quoting_a_file_are_printable_too(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "brinkmanship-record", "version": 1, "scenario": "\\u001b[2Jx", '
        '"digest": "", "seed": 1, "players": [], "actions": []}'
    )
    code, _, err = run("replay", str(bad))
    assert code == 2 and "\x1b" not in err and "\\x1b[2Jx" in err


# ---------------------------------------------------------------- invisible characters


@pytest.mark.parametrize(
    ("char", "name"),
    [("\u2028", "LINE SEPARATOR"), ("\u200b", "ZERO WIDTH SPACE"), ("\u202e", "RIGHT-TO-LEFT OVERRIDE")],
)
def test_an_invisible_character_is_named_where_it_is(copy: Path, char: str, name: str) -> None:
    """Issue 11.14: a U+2028 was reported as "could not find expected ':'" two lines later."""
    text = (copy / "usa.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    n = next(i for i, line in enumerate(lines) if "name:" in line)
    col = lines[n].index("name:") + 3
    lines[n] = lines[n][:col] + char + lines[n][col:]
    (copy / "usa.yaml").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(LoadError) as e:
        load_scenario(copy)
    (problem,) = e.value.problems
    assert (problem.line, problem.col) == (n + 1, col + 1)
    assert f"U+{ord(char):04X} {name}" in problem.message and problem.file.endswith("usa.yaml")


# -------------------------------------------------------------------------- actions


def test_actions_check_their_fields_when_built() -> None:
    """Issue 11.14: `True` passed as an option and `why=None` broke loading the record."""
    from game.engine.model import MAX_WHY, DiscardCard, Pass, PickOption, PlayCard

    for build in (
        lambda: PickOption("usa", True),
        lambda: PickOption("usa", "1"),
        lambda: Pass("usa", why=None),
        lambda: Pass(None),
        lambda: PlayCard("usa", "c", mode=None),
        lambda: PlayCard("usa", "c", target=3),
        lambda: DiscardCard("usa", None),
        lambda: Pass("usa", why="x" * (MAX_WHY + 1)),
    ):
        with pytest.raises((TypeError, ValueError)):
            build()
    assert Pass("usa", why="x" * MAX_WHY).why


def test_a_record_with_an_overlong_reason_is_refused_with_a_sentence(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """Issue 11.11: `report` took 7 s on a 2 MB `why` (and was killed at 15 MB)."""
    import json

    path = a_record_with_escapes(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["actions"][0]["why"] = "w" * 2_000_000
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run("report", str(path))
    assert code == 2 and "action 1" in err and "at most 1000 characters" in err


def test_wrapping_cuts_a_long_word_into_lines() -> None:
    from game.report import wrap

    lines = wrap("intro " + "x" * 1000 + " outro", 80, "  ", "    ")
    assert all(len(line) <= 80 for line in lines)
    assert "".join(lines).replace(" ", "") == "intro" + "x" * 1000 + "outro"
    assert lines[0] == "  intro" and lines[-1].endswith("outro")


def test_rounds_are_bounded(copy: Path) -> None:
    """Issue 11.11: `rounds: 1000000` validated, and a game grew quadratically in time."""
    from game.engine.model import MAX_ROUNDS

    edit(copy, "rounds: 8", "rounds: 1000000")
    with pytest.raises(LoadError) as e:
        load_scenario(copy)
    (problem,) = e.value.problems
    assert problem.file.endswith("scenario.yaml") and f"from 1 to {MAX_ROUNDS}" in problem.message


# ------------------------------------------------------------------ tampered records


def _steps_edited(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    import json

    from test_tui_support import THREE_AND_THREE, finished

    from game.engine import load_scenario as load

    s = finished(load(NEA2017), 9, THREE_AND_THREE)
    assert s.autosave is not None
    data = json.loads(s.autosave.read_text(encoding="utf-8"))
    data["actions"] = change(data["actions"], s)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _other_legal_steps(actions: list, s) -> list:  # type: ignore[no-untyped-def]
    """The steps of another game from the same seed: legal, but not these."""
    from game.engine import legal_actions, new_game, step
    from game.engine.record import action_to_json

    state = new_game(s.scenario, s.state.seed)
    out = []
    for _ in range(len(actions) // 2):
        if state.over:
            break
        a = legal_actions(state)[0]
        state = step(state, a)
        out.append(action_to_json(a))
    return out


@pytest.mark.parametrize(
    "change",
    [lambda a, s: a[: len(a) // 2], _other_legal_steps],
    ids=["cut short", "swapped for other legal steps"],
)
def test_steps_changed_after_saving_are_refused(run, tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Issue 11.12: these printed "record verified"."""
    path = _steps_edited(tmp_path, change)
    code, out, err = run("replay", str(path))
    assert code == 2 and "do not match their digest" in err and "verified" not in out


def test_a_record_from_before_the_digest_still_replays(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    path = _steps_edited(tmp_path, lambda a, s: a)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["steps"]
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run("replay", str(path))
    assert code == 0 and "verified" in out


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [("seed", "9" * 5000, "a number far too long"), ("players", '[{"seat": "usa", "name": "\\ud800"}]', "")],
)
def test_odd_values_in_a_record_are_clear_errors(
    run, tmp_path: Path, field: str, value: str, says: str
) -> None:  # type: ignore[no-untyped-def]
    """Issue 11.10: a 5000-digit seed or a lone surrogate in a name exited 70."""
    path = _steps_edited(tmp_path, lambda a, s: a)
    text = path.read_text(encoding="utf-8")
    import re

    text = re.sub(rf'"{field}": (\[[^\]]*\]|-?\d+)', lambda m: f'"{field}": {value}', text, count=1)
    path.write_text(text, encoding="utf-8")
    for command in ("replay", "report"):
        code, _, err = run(command, str(path))
        assert code in (0, 2) and "internal error" not in err and says in err, err
