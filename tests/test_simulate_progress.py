"""`brink simulate` shows its progress (games done, rate, time left) on a terminal, as a
line redrawn in place and cleared at the end, and nothing extra when piped or --json."""

from __future__ import annotations

import io
import sys

import pytest

from game.cli import main


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["simulate", "--games", "3", "--seats", "all=random"]) == 0
    line = terminal.getvalue()
    assert "\r\x1b[K3/3 games · " in line and " games/s · " in line and " s left" in line
    assert "\\x1b" not in line and line.endswith("\r\x1b[K")  # drawn for a terminal, then cleared
    terminal.seek(0), terminal.truncate()
    assert main(["simulate", "--games", "3", "--seats", "all=random", "--json"]) == 0
    assert terminal.getvalue() == ""
    monkeypatch.undo()
    assert main(["simulate", "--games", "3", "--seats", "all=random"]) == 0
    assert capsys.readouterr().err == ""  # piped (not a terminal): nothing
