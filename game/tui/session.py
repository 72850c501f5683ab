"""A game in play at one keyboard, with no screen attached: the table's controller.

The screens ask a `Session` what to show and hand it what the players decide; it owns
the game state, the seats' players, autosaving and undo. Keeping this free of Textual
makes the rules of the table — whose hand may be shown, when the keyboard must change
hands, what undo takes back — testable without a terminal:

    session = Session.start(scenario, seed=7, players=default_players(scenario))
    session.view()                 # what the table may show right now
    session.act(session.bot_action())
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from random import randrange

import attrs
from attrs import define, frozen

from ..common import UsageError, parse_seats, round_limit
from ..engine import GameState, LoadError, Scenario, load_scenario, new_game, step
from ..engine.bots import BOTS, PLAY_BOT
from ..engine.entries import Committed
from ..engine.model import Action, Move
from ..engine.narrate import describe_action, describe_risk
from ..engine.record import (
    CONTROLS,
    DecksChanged,
    Parent,
    Player,
    Record,
    RecordError,
    check_scenario,
    dumps,
    read,
    replay,
    write,
)
from ..engine.rules import risk
from ..engine.view import SeatView, view
from ..games import GameLock, find_game, new_game_file, seats_summary
from ..paths import DEFAULT_SCENARIO, find_scenario, games_dir, saves_dir, scenario_folder_of
from .pin import PIN_HELP, PIN_RULE

SAVE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,60}")


class SaveExists(Exception):
    """Saving would replace another game's file; the message says whose."""


def default_players(scenario: Scenario) -> tuple[Player, ...]:
    """Each seat as the scenario suggests: a human, or the table's bot for `bot` seats."""
    return tuple(Player(s.id, PLAY_BOT if s.control == "bot" else "human") for s in scenario.seats)


def players_from(scenario: Scenario, chosen: dict[str, tuple[str, str]]) -> tuple[Player, ...]:
    """Players for every seat: those chosen ({seat: (control, name)}), the rest by default."""
    return tuple(
        Player(p.seat, *chosen[p.seat]) if p.seat in chosen else p for p in default_players(scenario)
    )


def save_path(name: str) -> Path:
    """A named save: a full file path as given (`~` expanded, `.json` added), else
    `saves_dir()/NAME.json`; ValueError if the name is not usable."""
    name = name.strip()
    if name.startswith(("/", "~")):
        p = Path(name).expanduser()
        return p if p.suffix == ".json" else p.with_name(f"{p.name}.json")
    if not SAVE_NAME.fullmatch(name):
        raise ValueError(
            "a save name uses letters, digits, spaces, '_', '.' or '-' (up to 60); "
            "or give a full file path such as ~/seminar.json"
        )
    return saves_dir() / f"{name}.json"


@frozen
class SaveInfo:
    """A named save as the load dialog lists it."""

    name: str
    path: Path
    scenario: str
    actions: int
    players: str

    @property
    def detail(self) -> str:
        return f"{self.scenario} · {self.actions} actions · {self.players}"


def list_saves() -> list[SaveInfo]:
    """The named saves, newest first; unreadable files are listed with what is wrong."""
    folder = saves_dir()
    files = (
        sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        if folder.is_dir()
        else []
    )
    out = []
    for f in files:
        try:
            rec = read(f)
        except RecordError as e:
            out.append(SaveInfo(f.stem, f, "cannot be read", 0, str(e)))
            continue
        humans = ", ".join(p.name or p.seat for p in rec.players if p.control == "human") or "bots only"
        out.append(SaveInfo(f.stem, f, rec.scenario, len(rec.actions), humans))
    return out


@define
class Session:
    """One game at one table: its state, who plays each seat, and the table's memory
    of who has the keyboard (`at_keyboard`: the human seat that lifted the last
    curtain, or None while the keyboard changes hands or nobody has lifted one).

    The rule of the table lives here and nowhere else: a seat's private view (hand,
    secret objectives, sealed headline, private choices) is shown only to the seat
    `shown_seat` names, and that is only ever the seat that lifted its own curtain
    since the keyboard last had to change hands. Screens ask; they never decide."""

    scenario: Scenario
    state: GameState
    players: tuple[Player, ...]
    control_log: tuple[str, ...] = ()
    #: This game's own file in games_dir(), chosen (and locked) at its first autosave.
    autosave: Path | None = None
    #: Which game this is, kept in every save of it (see Record.game).
    game: str = ""
    at_keyboard: str | None = None
    #: How much of the log has been looked at for a headline reveal (a game opened
    #: mid-way shows none of its past reveals again).
    reveals_seen: int = attrs.field(default=attrs.Factory(lambda self: len(self.state.log), takes_self=True))
    #: Where in the log the last step's consequences begin (what a move did, for its summary).
    moved_at: int = attrs.field(default=attrs.Factory(lambda self: len(self.state.log), takes_self=True))
    #: Whether a reveal has been shown in part and its rest is still to come.
    revealing: bool = False
    #: The white cell's PIN, salted and hashed ("" if none was chosen), kept in the record.
    pin: str = ""
    #: The game this one was branched from, if it is a what-if branch.
    parent: Parent | None = None
    #: Steps the facilitator undid, next first, until a new step is taken.
    redo: tuple[Move, ...] = ()
    #: Why the last autosave failed, while it keeps failing (the game goes on in memory).
    save_failure: str | None = None
    #: Told once when autosaving starts to fail (the table says so on screen).
    on_save_failure: Callable[[str], None] | None = None
    #: Said once when the game is put at the table: its decks' text changed since.
    decks_warning: str = ""
    _lock: GameLock | None = None

    # ------------------------------------------------------------------ starting a game

    @classmethod
    def start(
        cls, scenario: Scenario, seed: int, players: Sequence[Player], rounds: int | None = None
    ) -> Session:
        """A new game (of `rounds` rounds, if shorter than the scenario's), autosaved at
        once in a file of its own."""
        session = cls(scenario, new_game(scenario, seed, rounds), tuple(players))
        session.save_auto()
        return session

    @classmethod
    def resume(
        cls, record: Record, scenario: Scenario, autosave: Path | None = None, anyway: bool = False
    ) -> Session:
        """The game a record describes, replayed and checked step by step. DecksChanged if
        the scenario changed since; with `anyway`, it is replayed against the scenario as it
        is now (each step still checked) and the control log notes it. Decks changed
        only in their text go on without asking, with `decks_warning` saying so."""
        control_log = record.control_log
        warning = ""
        try:
            warning = check_scenario(record, scenario)
        except DecksChanged as e:
            if not anyway:
                raise
            control_log = (*control_log, f"resumed with decks changed since the game began: {e.changes}")
        state = replay(record, scenario, verify_digest=False)
        players = tuple(record.player(s) for s in scenario.seat_ids)
        return cls(
            scenario,
            state,
            players,
            control_log,
            autosave,
            record.game,
            pin=record.pin,
            parent=record.parent,
            decks_warning=warning,
        )

    @classmethod
    def open(cls, path: Path, scenario: str | None = None, anyway: bool = False) -> Session:
        """A kept game, continued in its own file, which this process now holds (GameBusy
        if another one does). Raises RecordError or LoadError if it cannot be opened
        (DecksChanged, unless `anyway`: see `resume`)."""
        lock = GameLock.of(path)
        record = read(path)
        session = cls.resume(record, load_scenario(scenario_folder_of(record, scenario)), path, anyway)
        session.game = record.game or path.stem
        session._lock = lock
        return session

    @classmethod
    def load(cls, path: Path, scenario: str | None = None, anyway: bool = False) -> Session:
        """A named save opened as the game in play: it goes on in a kept game file of its
        own. The save itself is only read."""
        if Path(path).absolute().parent == games_dir().absolute():
            return cls.open(path, scenario, anyway)
        record = read(path)
        session = cls.resume(record, load_scenario(scenario_folder_of(record, scenario)), None, anyway)
        session.game = record.game or Path(path).stem
        session.save_auto()
        return session

    def close(self) -> None:
        """Let go of this game's file (another process may then open it)."""
        self._lock = None

    # ------------------------------------------------------------------------- who is who

    def player(self, seat: str) -> Player:
        return next((p for p in self.players if p.seat == seat), Player(seat))

    @property
    def humans(self) -> tuple[str, ...]:
        return tuple(p.seat for p in self.players if p.control == "human")

    def is_human(self, seat: str | None) -> bool:
        return seat is not None and self.player(seat).control == "human"

    def seat_name(self, seat: str) -> str:
        return self.scenario.seat(seat).name

    def label(self, seat: str) -> str:
        """ "Japan (Aiko)", "Japan" or "North Korea (bot)"."""
        p = self.player(seat)
        name = self.seat_name(seat)
        if p.control != "human":
            return f"{name} ({p.control} bot)"
        return f"{name} ({p.name})" if p.name else name

    # ------------------------------------------------------------------ what may be shown

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def to_act(self) -> str | None:
        return self.state.to_act

    @property
    def moves(self) -> int:
        """How many actions the seats have taken: a new decision has a new count (the
        facilitator's interventions are not decisions)."""
        return sum(1 for m in self.state.history if m.seat is not None)

    @property
    def deciding_human(self) -> str | None:
        """The human seat the game waits for, or None (a bot's turn, or the end)."""
        seat = self.to_act
        return seat if self.is_human(seat) else None

    def needs_curtain(self) -> bool:
        """Whether the keyboard must change hands before the next private decision:
        a human seat is to decide, and the last hand shown was another human's (or
        none yet). With a single human at the table there is nobody to hide from."""
        seat = self.deciding_human
        return seat is not None and seat != self.at_keyboard and len(self.humans) > 1

    def hand_over(self, seat: str) -> None:
        """The curtain was lifted: `seat` now has the keyboard."""
        self.at_keyboard = seat

    @property
    def shown_seat(self) -> str | None:
        """Whose private view the table may show now: the deciding human once the
        keyboard is theirs; otherwise nobody (the public view)."""
        seat = self.deciding_human
        return None if seat is None or self.needs_curtain() else seat

    def view(self, seat: str | None = None) -> SeatView:
        """What the table shows: the view of `shown_seat`, or of `seat` if given."""
        return view(self.state, self.shown_seat if seat is None else seat)

    def public(self) -> SeatView:
        return view(self.state, None)

    def new_reveal(self) -> tuple[str, ...]:
        """The public log lines of a headline reveal not shown yet (else ()): what
        follows the reveal, to the start of the next phase (the dialog's title says
        "Headlines revealed"). While bots are still deciding inside the
        reveal (a choice a headline gave them) it waits, so the table shows the reveal
        whole; a person's decision inside it shows the part so far, the rest later."""
        log = self.public().log
        start = self.reveals_seen
        if not self.revealing:
            found = next((line.at for line in log if line.at >= start and line.kind == "reveal"), None)
            if found is None:
                self.reveals_seen = len(self.state.log)
                return ()
            start = found
        ends = ("phase", "round", "end")
        end = next((line.at for line in log if line.at > start and line.kind in ends), None)
        if end is None and not self.over and not self.is_human(self.to_act):
            self.revealing, self.reveals_seen = True, start
            return ()
        self.revealing = end is None
        self.reveals_seen = len(self.state.log) if end is None else end
        return tuple(
            line.text for line in log if start <= line.at < self.reveals_seen and line.kind != "reveal"
        )

    # ------------------------------------------------------------------------- playing

    def act(self, action: Move) -> None:
        """Take an action or an intervention (IllegalAction if it is not legal; nothing
        changes then) and autosave. Steps undone by the facilitator can no longer be redone."""
        before = len(self.state.log)
        self.state = step(self.state, action)
        self.moved_at = before
        self.redo = ()
        if self.needs_curtain():  # another person's turn: nobody holds the keyboard until they lift it
            self.at_keyboard = None
        self.save_auto()

    def consequences(self) -> tuple[str, ...]:
        """The log lines the last step wrote, as the public reads them: what a move
        did, safe to show whoever is looking."""
        return tuple(line.text for line in self.public().log if line.at >= self.moved_at)

    def summary_due(self, seat: str) -> bool:
        """Whether the person who just moved for `seat` should see what the move did
        (`consequences()`) before the keyboard moves on: at a table of several
        people, when the decision has left them and the game goes on; not for a sealed
        headline, which does nothing until the reveal (which everyone sees)."""
        sealed = any(isinstance(e, Committed) for e in self.state.log[self.moved_at :])
        return len(self.humans) > 1 and not self.over and self.deciding_human != seat and not sealed

    def bot_action(self) -> Action:
        """What the bot in the seat to act would do."""
        seat = self.to_act
        assert seat is not None and not self.is_human(seat)
        return BOTS[self.player(seat).control](self.state)

    def warning(self, action: Action) -> str | None:
        """A sentence on the catastrophe `action` may set off at once, or None."""
        r = risk(self.state, action)
        if r is None:
            return None
        return describe_risk(self.scenario.outcome(r.outcome), r.chance)

    def action_label(self, action: Action, seen: SeatView) -> str:
        """An action in words for the seat taking it (it may name that seat's own cards)."""
        options = {o.index: o.label for o in (seen.prompt.options if seen.prompt else ())}
        return describe_action(action, self.scenario, options)

    # ------------------------------------------------------------------------------ undo

    def undo_point(self) -> int | None:
        """The index in the history of the last human action, or None."""
        history = self.state.history
        return next((i for i in range(len(history) - 1, -1, -1) if self.is_human(history[i].seat)), None)

    def undo_summary(self) -> str | None:
        """What undo would take back, in words that name no card; None if nothing."""
        i = self.undo_point()
        if i is None:
            return None
        seat = self.state.history[i].seat
        assert seat is not None  # the undo point is a human's action
        bots = len(self.state.history) - i - 1
        after = f", and the {bots} bot action{'s' if bots != 1 else ''} after it" if bots else ""
        return f"{self.label(seat)}'s last decision{after}"

    def undo(self) -> str | None:
        """Take back the last human action and the bot actions after it, by replaying
        the record without them; logged in the control log. Returns what was undone."""
        i = self.undo_point()
        summary = self.undo_summary()
        if i is None or summary is None:
            return None
        shown = self.shown_seat
        kept = attrs.evolve(self.record(), actions=self.state.history[:i])
        self.state = replay(kept, self.scenario, verify_digest=False)
        # Who is looking now is known only if the game went back to the decision on screen
        # (undo from a curtain or from a bot's turn shows the next hand behind a curtain).
        self.at_keyboard = shown if shown is not None and shown == self.deciding_human else None
        self.control_log = (*self.control_log, f"action {i + 1}: undo — took back {summary}")
        self.reveals_seen, self.revealing = len(self.state.log), False
        self.save_auto()
        return summary

    # ----------------------------------------------------------------------------- saves

    def record(self) -> Record:
        return Record.of(self.state, self.players, self.control_log, self.pin, self.parent, self.game)

    def save_auto(self) -> bool:
        """Autosave (atomic: write then rename), so nothing is lost if the terminal closes.
        A failure does not stop the game: it is kept in `save_failure` and told once to
        `on_save_failure`; the game goes on in memory and can be saved elsewhere."""
        try:
            if self.autosave is None:
                self.autosave, self._lock = new_game_file(self.scenario.id, self.state.seed)
                self.game = self.game or self.autosave.stem
            write(self.autosave, dumps(self.record()))
        except (OSError, RecordError) as e:
            where = self.autosave or games_dir()
            reason = e.strerror or str(e) if isinstance(e, OSError) else str(e)
            first = self.save_failure is None
            self.save_failure = f"the game could not be saved in {where} ({reason})"
            if first and self.on_save_failure is not None:
                self.on_save_failure(self.save_failure)
            return False
        self.save_failure = None
        return True

    def save_as(self, name: str, replace: bool = False) -> Path:
        """Save under a name (letters, digits, spaces, `_.-`) or to a file path. ValueError
        if the name is not usable; SaveExists if the file holds another game and `replace`
        is not given; OSError if the file cannot be written."""
        path = save_path(name)
        if not replace and path.exists():
            self._check_same_game(path, name.strip())
        write(path, dumps(self.record()))
        return path

    def _check_same_game(self, path: Path, name: str) -> None:
        try:
            other = read(path)
        except RecordError:
            raise SaveExists(f"“{name}” is a file that is not a readable game; replace it?") from None
        if not (other.game and other.game == self.game):
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            state = "over" if other.over else f"round {other.round}"
            raise SaveExists(
                f"“{name}” holds another game ({other.scenario}, seed {other.seed}, "
                f"{seats_summary(other)}, {state}, saved {when}); replace it?"
            )

    def default_save_name(self) -> str:
        """`nea2017-round2`, or `nea2017-round2-3` when that name holds another game."""
        base = f"{self.scenario.id}-round{self.state.round}"
        for n in range(1, 1000):
            name = base if n == 1 else f"{base}-{n}"
            path = saves_dir() / f"{name}.json"
            try:
                if path.exists():
                    self._check_same_game(path, name)
            except (SaveExists, OSError):
                continue
            return name
        return base

    def debrief(self, width: int) -> str:
        """The after-action report, as `brink report` prints it, `width` columns wide."""
        from ..report import after_action

        return after_action(self.state, self.record(), width)


@frozen
class Launch:
    """What `brink play` opens with: the setup screen (no session yet) or a game."""

    scenario: Scenario
    session: Session | None = None
    seed: int | None = None
    timer: int | None = None
    theme: str | None = None
    #: The white cell's PIN from `--pin`, set on the game once it is at the table.
    pin: str | None = None
    #: A shorter game's round limit from `--rounds` (None: the scenario's own).
    rounds: int | None = None


def fresh_seed() -> int:
    return randrange(1, 100_000)


def launch(
    scenario: str | None = None,
    seed: int | None = None,
    seats: str | None = None,
    resume: str | None = None,
    load: str | None = None,
    anyway: bool = False,
    timer: int | None = None,
    theme: str | None = None,
    pin: str | None = None,
    rounds: int | None = None,
) -> Launch:
    """Work out what `brink play` opens, before any screen exists, so that a corrupt save
    or a deck that does not load is reported on the command line (RecordError, LoadError,
    UsageError) and nothing is touched. `resume`: "" the latest unfinished game, or a name."""
    if timer is not None and timer < 0:
        raise UsageError("--timer must be 0 (none) or a number of seconds")
    if pin is not None and not PIN_RULE.fullmatch(pin):
        raise UsageError(f"--pin: {PIN_HELP}")
    timer = timer or None
    if resume is not None or load:
        if rounds is not None:
            raise UsageError(
                f"--rounds: {'--load' if load else '--resume'} continues a game with the round limit it was "
                "set up with (the white cell can change it)"
            )
        try:
            if load:
                path = Path(load) if Path(load).is_file() else save_path(load)
                session = Session.load(path, scenario, anyway)
            else:
                session = Session.open(find_game(resume), scenario, anyway)
        except ValueError as e:
            raise UsageError(f"{'--load' if load else '--resume'}: {e}") from None
        except DecksChanged as e:
            raise RecordError(
                f"{e}. If the game still holds (every step is checked again), add --anyway to "
                "continue it with the decks as they are now; the record notes it."
            ) from None
        return Launch(session.scenario, session, timer=timer, theme=theme, pin=pin)
    sc = load_scenario(find_scenario(scenario) if scenario else DEFAULT_SCENARIO)
    rounds = round_limit(rounds, sc)
    if seats:
        chosen = parse_seats(seats, sc.seat_ids, CONTROLS, PLAY_BOT)
        game_seed = seed if seed is not None else fresh_seed()
        session = Session.start(sc, game_seed, players_from(sc, chosen), rounds)
        if session.save_failure:
            raise UsageError(f"{session.save_failure}; set BRINK_HOME to a folder you can write")
        return Launch(sc, session, game_seed, timer, theme, pin, rounds)
    return Launch(sc, None, seed, timer, theme, pin, rounds)


def load_folder(folder: str) -> Scenario | tuple[str, ...]:
    """A scenario from the setup screen's folder field: the scenario, or its located problems."""
    try:
        return load_scenario(find_scenario(folder))
    except LoadError as e:
        return tuple(str(p) for p in e.problems)
    except OSError as e:  # a name too long, a folder that cannot be read
        return (f"{folder[:80]}: {e.strerror or e}",)
