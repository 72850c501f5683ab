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

import os
import re
from collections.abc import Sequence
from pathlib import Path
from random import randrange

import attrs
from attrs import define, frozen

from ..common import UsageError, parse_seats
from ..engine import GameState, LoadError, Scenario, load_scenario, new_game, step
from ..engine.bots import BOTS
from ..engine.model import Action, DiscardCard, Move, Pass, PickOption, PlayCard
from ..engine.record import CONTROLS, Parent, Player, Record, RecordError, dumps, read, replay, write
from ..engine.rules import risk
from ..engine.view import SeatView, view
from ..paths import DEFAULT_SCENARIO, autosave_path, find_scenario, saves_dir, scenario_folder_of
from .pin import PIN_HELP, PIN_RULE

#: The named save the autosave becomes when another game takes its place.
PREVIOUS_AUTOSAVE = "previous-autosave"
SAVE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,60}")


def default_players(scenario: Scenario) -> tuple[Player, ...]:
    """Each seat as the scenario suggests: a human, or the heuristic bot for `bot` seats."""
    return tuple(Player(s.id, "heuristic" if s.control == "bot" else "human") for s in scenario.seats)


def players_from(scenario: Scenario, chosen: dict[str, tuple[str, str]]) -> tuple[Player, ...]:
    """Players for every seat: those chosen ({seat: (control, name)}), the rest by default."""
    return tuple(
        Player(p.seat, *chosen[p.seat]) if p.seat in chosen else p  # type: ignore[arg-type]
        for p in default_players(scenario)
    )


def save_path(name: str) -> Path:
    """A named save: a file path as given, else `saves_dir()/NAME.json`."""
    p = Path(name)
    if p.suffix == ".json" or p.exists() or "/" in name:
        return p
    return saves_dir() / f"{name}.json"


def keep_previous(autosave: Path) -> None:
    """Before another game takes over the autosave, move the one there (finished,
    unfinished or unreadable, byte for byte) to the named save `previous-autosave`,
    so that starting or loading a game never loses one."""
    if autosave.is_file():
        saves_dir().mkdir(parents=True, exist_ok=True)
        os.replace(autosave, saves_dir() / f"{PREVIOUS_AUTOSAVE}.json")


@frozen
class SaveInfo:
    """A named save as the load dialog lists it."""

    name: str
    path: Path
    scenario: str
    actions: int
    players: str


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
    of who has the keyboard (`at_keyboard`, the human seat whose hand was last shown)."""

    scenario: Scenario
    state: GameState
    players: tuple[Player, ...]
    control_log: tuple[str, ...] = ()
    autosave: Path = attrs.field(factory=autosave_path)
    at_keyboard: str | None = None
    #: How much of the log has been looked at for a headline reveal (a game opened
    #: mid-way shows none of its past reveals again).
    reveals_seen: int = attrs.field(default=attrs.Factory(lambda self: len(self.state.log), takes_self=True))
    #: Whether a reveal has been shown in part and its rest is still to come.
    revealing: bool = False
    #: The white cell's PIN, salted and hashed ("" if none was chosen), kept in the record.
    pin: str = ""
    #: The game this one was branched from, if it is a what-if branch.
    parent: Parent | None = None
    #: Steps the facilitator undid, next first, until a new step is taken.
    redo: tuple[Move, ...] = ()

    # ------------------------------------------------------------------ starting a game

    @classmethod
    def start(
        cls, scenario: Scenario, seed: int, players: Sequence[Player], autosave: Path | None = None
    ) -> Session:
        """A new game, autosaved at once (an unfinished game in the autosave is kept)."""
        session = cls(
            scenario, new_game(scenario, seed), tuple(players), autosave=autosave or autosave_path()
        )
        keep_previous(session.autosave)
        session.save_auto()
        return session

    @classmethod
    def resume(cls, record: Record, scenario: Scenario, autosave: Path | None = None) -> Session:
        """The game a record describes, replayed and checked step by step."""
        state = replay(record, scenario)
        players = tuple(record.player(s) for s in scenario.seat_ids)
        return cls(
            scenario,
            state,
            players,
            record.control_log,
            autosave or autosave_path(),
            pin=record.pin,
            parent=record.parent,
        )

    @classmethod
    def open(cls, path: Path, scenario: str | None = None) -> Session:
        """A saved game from a file; the file is only read. Raises RecordError or LoadError."""
        record = read(path)
        return cls.resume(record, load_scenario(scenario_folder_of(record, scenario)))

    @classmethod
    def load(cls, path: Path, scenario: str | None = None) -> Session:
        """A named save opened as the game in play: from now on it is the autosave
        (an unfinished game in the autosave is kept). The save itself is only read."""
        session = cls.open(path, scenario)
        if Path(path).resolve() != session.autosave.resolve():
            keep_previous(session.autosave)
            session.save_auto()
        return session

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
            found = next((i for i in range(start, len(log)) if log[i].kind == "reveal"), None)
            if found is None:
                self.reveals_seen = len(log)
                return ()
            start = found
        end = next((i for i in range(start + 1, len(log)) if log[i].kind in ("phase", "round", "end")), None)
        if end is None and not self.over and not self.is_human(self.to_act):
            self.revealing, self.reveals_seen = True, start
            return ()
        self.revealing = end is None
        self.reveals_seen = len(log) if end is None else end
        return tuple(line.text for line in log[start : self.reveals_seen] if line.kind != "reveal")

    # ------------------------------------------------------------------------- playing

    def act(self, action: Move) -> None:
        """Take an action or an intervention (IllegalAction if it is not legal; nothing
        changes then) and autosave. Steps undone by the facilitator can no longer be redone."""
        self.state = step(self.state, action)
        self.redo = ()
        self.save_auto()

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
        o = self.scenario.outcome(r.outcome)
        return (
            f"May end the game at once: {o.name} (in about {r.chance:.0%} of trial rolls). {o.text}".strip()
        )

    def action_label(self, action: Action, seen: SeatView) -> str:
        """An action in words for the seat taking it (it may name that seat's own cards)."""
        cards = {c.id: c for c in seen.hand}
        match action:
            case PlayCard(card=cid, mode="ops", op=op):
                operation = self.scenario.operation(op or "")
                what = f"{operation.name} ({operation.ops} ops)" if operation else op
                detail = f": {operation.text}" if operation and operation.text else ""
                side = cards[cid].side if cid in cards else None
                fires = (
                    f" — {self.seat_name(side)}'s event on this card fires too"
                    if side and side != action.seat
                    else ""
                )
                return f"Operations: {what}{detail}{fires}"
            case PlayCard(card=cid, target=target):
                name = cards[cid].name if cid in cards else cid
                aim = f", aimed at {self.seat_name(target)}" if target else ""
                return f"Event: {name}{aim}"
            case Pass():
                return "Pass"
            case PickOption(option=i):
                opts = {o[0]: o for o in (seen.prompt.options if seen.prompt else ())}
                return f"Choose: {opts[i][1]}" if i in opts else f"Choose option {i + 1}"
            case DiscardCard(card=cid):
                return f"Discard {cards[cid].name if cid in cards else cid}"
        return str(action)

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
        kept = attrs.evolve(self.record(), actions=self.state.history[:i])
        self.state = replay(kept, self.scenario, verify_digest=False)
        self.control_log = (*self.control_log, f"action {i + 1}: undo — took back {summary}")
        self.reveals_seen, self.revealing = len(self.state.log), False
        self.save_auto()
        return summary

    # ----------------------------------------------------------------------------- saves

    def record(self) -> Record:
        return Record.of(self.state, self.players, self.control_log, self.pin, self.parent)

    def save_auto(self) -> None:
        """Autosave (atomic: write then rename), so nothing is lost if the terminal closes."""
        write(self.autosave, dumps(self.record()))

    def save_as(self, name: str) -> Path:
        """Save under a name (letters, digits, spaces, `_.-`); ValueError if the name is not usable."""
        name = name.strip()
        if not SAVE_NAME.fullmatch(name):
            raise ValueError("a save name uses letters, digits, spaces, '_', '.' or '-' (up to 60)")
        path = saves_dir() / f"{name}.json"
        write(path, dumps(self.record()))
        return path

    def default_save_name(self) -> str:
        return f"{self.scenario.id}-round{self.state.round}"

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


def fresh_seed() -> int:
    return randrange(1, 100_000)


def launch(
    scenario: str | None = None,
    seed: int | None = None,
    seats: str | None = None,
    resume: bool = False,
    load: str | None = None,
    timer: int | None = None,
    theme: str | None = None,
    pin: str | None = None,
) -> Launch:
    """Work out what `brink play` opens, before any screen exists, so that a corrupt save
    or a deck that does not load is reported on the command line (RecordError, LoadError,
    UsageError) and nothing is touched."""
    if timer is not None and timer < 0:
        raise UsageError("--timer must be 0 (none) or a number of seconds")
    if pin is not None and not PIN_RULE.fullmatch(pin):
        raise UsageError(f"--pin: {PIN_HELP}")
    timer = timer or None
    if resume or load:
        path = autosave_path() if resume else save_path(load or "")
        if resume and not path.exists():
            raise RecordError(f"{path}: there is no game to resume yet; start one with `brink play`")
        session = Session.open(path, scenario) if resume else Session.load(path, scenario)
        return Launch(session.scenario, session, timer=timer, theme=theme, pin=pin)
    sc = load_scenario(find_scenario(scenario) if scenario else DEFAULT_SCENARIO)
    if seats:
        chosen = parse_seats(seats, sc.seat_ids, CONTROLS)
        game_seed = seed if seed is not None else fresh_seed()
        session = Session.start(sc, game_seed, players_from(sc, chosen))
        return Launch(sc, session, game_seed, timer, theme, pin)
    return Launch(sc, None, seed, timer, theme, pin)


def load_folder(folder: str) -> Scenario | tuple[str, ...]:
    """A scenario from the setup screen's folder field: the scenario, or its located problems."""
    try:
        return load_scenario(find_scenario(folder))
    except LoadError as e:
        return tuple(str(p) for p in e.problems)
