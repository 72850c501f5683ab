"""^C: the table, the board and a simulation stop with exit code 130 (the shell's code
for a program stopped by SIGINT), the table after saving and saying how to continue; a
normal quit stays 0. ^C reaches a Textual app as a key (the terminal is in raw mode) or
as SIGINT (`kill -INT`): both are tried. A closed terminal ends brink with 129."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from test_tui_support import THREE_AND_THREE, app_for

from game.engine import Scenario
from game.tui.session import Session
from game.tui.watch import Follow, WatchApp

ROOT = Path(__file__).resolve().parent.parent


def _read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    """What the terminal shows until `wanted` appears (or the time is up, or it closes)."""
    got, end = b"", time.monotonic() + seconds
    while wanted not in got and time.monotonic() < end:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            got += chunk
    return got


def test_sigint_at_the_table_saves_and_exits_130() -> None:
    """`brink play` in a terminal, sent SIGINT: the game is saved, the command says how to
    continue it, and the exit code is 130."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "game.cli", "play", "--seed", "7", "--seats", "usa=human:Aiko,all=bot"]
    table = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    try:
        assert b"Aiko" in _read_until(master, b"Aiko", 60), "the table did not open"
        table.send_signal(signal.SIGINT)
        said = _read_until(master, b"Continue it with", 30)
        assert table.wait(timeout=30) == 130
    finally:
        if table.poll() is None:
            table.kill()
        os.close(master)
    assert b"The game is saved as nea2017-7-" in said and b"play --resume nea2017-7-" in said


@pytest.mark.parametrize(("key", "code"), [("ctrl+c", 130), ("ctrl+q", 0)])
async def test_ctrl_c_at_the_table_exits_130_and_a_quit_0(nea2017: Scenario, key: str, code: int) -> None:
    session = Session.start(nea2017, 24, THREE_AND_THREE)
    app = app_for(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(key)
    assert app.return_code == code
    assert session.autosave is not None and session.autosave.exists()


@pytest.mark.parametrize(("key", "code"), [("ctrl+c", 130), ("q", 0)])
async def test_ctrl_c_at_the_board_exits_130_and_a_quit_0(key: str, code: int) -> None:
    app = WatchApp(Follow(None))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(key)
    assert app.return_code == code


def test_sigint_stops_a_simulation_with_a_sentence_and_130(tmp_path: Path) -> None:
    """Interrupted once its first records are written: one line, no traceback, 130."""
    argv = [sys.executable, "-m", "game.cli", "simulate", "--games", "5000", "--seed", "1"]
    run = subprocess.Popen(
        [*argv, "--save-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    try:
        for _ in range(600):  # the first games are kept within a minute, however busy the machine
            if any(tmp_path.iterdir()) or run.poll() is not None:
                break
            time.sleep(0.1)
        run.send_signal(signal.SIGINT)
        _, err = run.communicate(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 130, err
    assert err.decode().strip() == "brink simulate: interrupted"


def test_a_closed_terminal_ends_brink_with_129(tmp_path: Path) -> None:
    """A terminal window closed while `brink play` runs under another program (`make
    play`): brink gets no SIGHUP of its own, so it ends once its input stops being a
    terminal, with the shell's code for a hang-up, instead of waiting on, unseen, with
    its game held (every move is already saved). Setup, which draws nothing while it
    waits, is where it would wait forever."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT), "BRINK_HOME": str(tmp_path)}
    argv = [sys.executable, "-m", "game.cli", "play"]
    brink = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    try:
        assert b"set up a game" in _read_until(master, b"set up a game", 60), "setup did not open"
        os.close(master)  # the window closes
        assert brink.wait(timeout=30) == 129
    finally:
        if brink.poll() is None:
            brink.kill()
