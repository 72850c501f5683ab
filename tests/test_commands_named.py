"""A message that tells the user a command names one that works where they are: after
`make play` the `brink` script is in `.venv/bin`, not on the PATH (common.brink)."""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.common import brink, pip_install
from game.tui import saved
from game.tui.session import Session, default_players

GAME = Path(__file__).resolve().parent.parent / "game"


@pytest.fixture
def venv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clone with its `.venv/bin/brink`, the current folder, the PATH without it."""
    script = tmp_path / ".venv" / "bin" / "brink"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    return script


def test_started_from_the_venv_it_names_the_venv_script(venv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for started in (".venv/bin/brink", str(venv)):
        monkeypatch.setattr(sys, "argv", [started, "play"])
        assert brink("play --resume x") == ".venv/bin/brink play --resume x"
    monkeypatch.chdir(venv.parent)
    assert brink("games") == "./brink games"


def test_on_the_path_it_is_plain_brink(venv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", f"{venv.parent}{os.pathsep}/usr/bin")
    monkeypatch.setattr(sys, "argv", [str(venv), "play"])
    assert brink("games") == "brink games"
    monkeypatch.setattr(sys, "argv", ["brink"])
    assert brink() == "brink"


def test_python_dash_m_is_named_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", [str(GAME / "__main__.py"), "games"])
    assert brink("games").endswith(" -m game games")
    assert pip_install("brinkmanship[charts]").endswith(" -m pip install 'brinkmanship[charts]'")


def test_exit_messages_and_cli_hints_use_it(
    venv: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], nea2017
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "argv", [".venv/bin/brink", "games"])
    assert main(["games"]) == 0
    assert "start one with `.venv/bin/brink play`" in capsys.readouterr().out
    session = Session.start(nea2017, 1, default_players(nea2017))
    assert f"Continue it with: .venv/bin/brink play --resume {session.autosave.stem}" in saved(session)  # type: ignore[union-attr]
    assert main(["simulate", "--rounds", "x"]) == 2
    assert "see `.venv/bin/brink simulate --help`" in capsys.readouterr().err


def _messages(path: Path) -> list[tuple[int, str]]:
    """The text constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def test_no_message_spells_out_a_bare_brink_command() -> None:
    """Outside the engine (whose words are data, not instructions), every command named
    to the user comes from common.brink."""
    found = [
        f"{path.relative_to(GAME)}:{line}: {text!r}"
        for path in sorted(GAME.rglob("*.py"))
        if "engine" not in path.parts
        for line, text in _messages(path)
        if any(hint in text for hint in ("`brink ", "with: brink", "  brink ", "(brink "))
    ]
    assert found == []
