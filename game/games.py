"""The games kept on disk: one autosave file per game, a lock per game, and their list.

Every game started gets its own file in `games_dir()` (`nea2017-101-1204-1815.json`),
written after every action and kept — finished or not — until the user deletes it, so
starting a game never pushes another one out. A process playing a game holds an
advisory lock on it (`flock`, released by the system even on `kill -9`), so a second
process is refused and told which process holds it, rather than both writing one file.

    path, lock = new_game_file("nea2017", 101)   # a fresh file, locked by this process
    list_games()                                # newest first, with scenario, seats, round
"""

from __future__ import annotations

import errno
import os
import re
import sys
import time
import weakref
from pathlib import Path
from typing import IO, ClassVar

from attrs import frozen

from .common import brink
from .engine.record import Record, RecordError, read
from .paths import data_home, games_dir

#: How old a write's temporary file must be before it counts as left by a killed process
#: (a save takes milliseconds).
STALE_SECONDS = 60.0


if sys.platform == "win32":  # pragma: no cover - the byte-range lock of Windows
    import msvcrt

    def _try_lock(handle: IO[str], shared: bool = False) -> None:
        """Lock the file's first byte; OSError if another process holds it."""
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str], shared: bool = False) -> None:
        """flock the file; OSError if another process holds it."""
        fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)


class GameBusy(RecordError):
    """Another process has the game open; the message names the process."""


def _lock_file(game: Path) -> Path:
    return game.with_name(f".{game.stem}.lock")


class GameLock:
    """This process's hold on one game file, shared by whoever in the process holds it
    (`GameLock.of`); released when the last holder lets go of it, by `release()`, or by
    the process ending (however it ends)."""

    _held: ClassVar[weakref.WeakValueDictionary[Path, GameLock]] = weakref.WeakValueDictionary()

    @classmethod
    def of(cls, game: Path) -> GameLock:
        """The lock on `game`: this process's own if it has one, else a new one
        (GameBusy if another process holds it)."""
        key = game.absolute()
        held = cls._held.get(key)
        if held is not None and held._handle is not None:
            return held
        lock = cls._held[key] = cls(game)
        return lock

    def __init__(self, game: Path) -> None:
        self._handle: IO[str] | None = None
        self.game = game
        path = _lock_file(game)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle: IO[str] = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open on purpose
        try:
            _try_lock(handle)
        except OSError as e:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EDEADLK):
                raise
            raise GameBusy(
                f"{game.stem} is open in another brink (process {holder or 'unknown'}); "
                "close it there first, or open another game"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __del__(self) -> None:
        self.release()


def holder(game: Path) -> int | None:
    """The process that has `game` open (this one included), or None."""
    path = _lock_file(game)
    try:
        with open(path, encoding="utf-8") as f:
            try:
                _try_lock(f, shared=True)
            except OSError:
                text = f.read().strip()
                return int(text) if text.isdigit() else -1
    except FileNotFoundError:
        return None
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.")[:40] or "game"


def new_game_file(scenario_id: str, seed: int) -> tuple[Path, GameLock]:
    """A name for a new game's file, not used by any other game, and this process's lock on it."""
    folder = games_dir()
    stem = f"{_slug(scenario_id)}-{seed}-{time.strftime('%m%d-%H%M')}"
    for n in range(1, 10_000):
        path = folder / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json")
        if path.exists():
            continue
        try:
            lock = GameLock.of(path)
        except GameBusy:
            continue
        if path.exists():  # written between the check and the lock
            lock.release()
            continue
        return path, lock
    raise RecordError(f"{folder}: too many games named {stem}; delete some with `{brink('games --delete')}`")


@frozen
class GameInfo:
    """A kept game as `brink games` and the setup screen list it."""

    name: str
    path: Path
    scenario: str
    seats: str
    round: int
    over: bool
    saved: float
    holder: int | None = None
    problem: str = ""
    #: A shorter game's round limit (0: the scenario's own).
    rounds: int = 0

    @property
    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved))

    @property
    def detail(self) -> str:
        return f"{self.scenario} · {self.status} · {self.seats or self.problem} · {self.when}"

    @property
    def status(self) -> str:
        if self.problem:
            return "cannot be read"
        if self.over:
            return "over"
        return f"round {self.round} of {self.rounds}" if self.rounds else f"round {self.round}"


def seats_summary(record: Record) -> str:
    """ "Aiko, Min + 4 bots": who plays, in a few words."""
    humans = [p.name or p.seat for p in record.players if p.control == "human"]
    bots = len(record.players) - len(humans)
    text = ", ".join(humans) or "bots only"
    return f"{text} + {bots} bot{'s' if bots != 1 else ''}" if humans and bots else text


def clean_temporary(folder: Path) -> int:
    """Remove the temporary files that interrupted writes left in `folder` (older than
    STALE_SECONDS, so a write in progress elsewhere is never touched); how many went."""
    removed = 0
    now = time.time()
    for tmp in folder.glob(".*.json.*") if folder.is_dir() else ():
        try:
            if tmp.is_file() and now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def _adopt_legacy_autosave() -> None:
    """Older versions kept one `autosave.json`: it becomes a kept game like the others."""
    legacy = data_home() / "autosave.json"
    if legacy.is_file():
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(legacy.stat().st_mtime))
        target = games_dir() / f"autosave-{stamp}.json"
        if not target.exists():
            games_dir().mkdir(parents=True, exist_ok=True)
            os.replace(legacy, target)


def list_games() -> list[GameInfo]:
    """The kept games, newest first; an unreadable file is listed with what is wrong."""
    folder = games_dir()
    try:
        _adopt_legacy_autosave()
        clean_temporary(folder)
        files = [(f.stat().st_mtime, f) for f in folder.glob("*.json")] if folder.is_dir() else []
    except OSError:
        files = []
    out = []
    for saved, f in sorted(files, reverse=True):
        try:
            rec = read(f)
        except RecordError as e:
            out.append(GameInfo(f.stem, f, "?", "", 0, False, saved, holder(f), str(e)))
            continue
        out.append(
            GameInfo(
                f.stem,
                f,
                rec.scenario,
                seats_summary(rec),
                rec.round,
                rec.over,
                saved,
                holder(f),
                rounds=rec.rounds,
            )
        )
    return out


def find_game(name: str | None = None) -> Path:
    """The game `--resume` means: the one named (its name or file), else the latest
    unfinished one. RecordError when there is none."""
    if name:
        path = Path(name)
        if path.suffix == ".json" or os.sep in name:
            return path
        path = games_dir() / f"{name}.json"
        if not path.is_file():
            raise RecordError(f"there is no kept game named {name!r}; `{brink('games')}` lists them")
        return path
    unfinished = [g for g in list_games() if not g.over and not g.problem]
    if not unfinished:
        raise RecordError(f"there is no unfinished game to resume; start one with `{brink('play')}`")
    return unfinished[0].path


def delete_game(name: str) -> Path:
    """Delete a kept game (refused while a process has it open)."""
    path = find_game(name)
    if not path.is_file():
        raise RecordError(f"{path}: there is no such game")
    lock = GameLock.of(path)
    try:
        path.unlink()
        _lock_file(path).unlink(missing_ok=True)
    finally:
        lock.release()
    return path
