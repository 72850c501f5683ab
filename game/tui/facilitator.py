"""The white cell: the facilitator's powers over the game at the table, behind a PIN.

No screen here, so the rules of the white cell are testable without a terminal: who may
open it, and what each power leaves in the record. A power that changes the game
(inject, set a track or a flag, pause, the round limit, an adjudicated end) is an engine
intervention, a recorded step stamped with its reason and time, which replay reproduces;
undo, redo, branches, the PIN and refused PINs are lines of the record's control log,
each with its time.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import attrs
from attrs import define

from ..common import brink
from ..engine import step
from ..engine.model import Intervention, Move
from ..engine.narrate import describe_move
from ..engine.record import Parent, replay, steps_digest
from ..engine.rules import restart
from ..engine.view import CardPlace, SeatSecrets, white_view
from .pin import PIN_HELP, PIN_RULE, hash_pin, pin_matches
from .session import Session


def now() -> str:
    """The time an intervention is made, as the record keeps it."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


@define
class WhiteCell:
    """The facilitator's side of a `Session`. `refused` counts the wrong PINs entered
    since the white cell was last opened."""

    session: Session
    refused: int = 0

    # ---------------------------------------------------------------------- the PIN

    @property
    def locked(self) -> str | None:
        """Why the white cell cannot be opened at all, or None."""
        if self.session.pin:
            return None
        return (
            "No white-cell PIN was chosen for this game, so the white cell stays shut. "
            f"Choose one at setup, or restart with `{brink('play --resume --pin NNNN')}`."
        )

    def open(self, pin: str) -> bool:
        """Whether `pin` opens the white cell; a wrong one is refused, counted and logged."""
        if self.locked is not None:
            return False
        if pin_matches(self.session.pin, pin):
            before = (
                f" after {self.refused} wrong PIN{'s' if self.refused != 1 else ''}" if self.refused else ""
            )
            self.note(f"white cell opened{before}")
            self.refused = 0
            return True
        self.refused += 1
        self.note(f"a wrong white-cell PIN was refused ({self.refused} in a row)")
        return False

    def set_pin(self, pin: str) -> None:
        """Choose the PIN (ValueError if it is not 4 to 8 digits)."""
        if not PIN_RULE.fullmatch(pin):
            raise ValueError(PIN_HELP)
        replaced = bool(self.session.pin)
        self.session.pin = hash_pin(pin)
        self.note("white-cell PIN changed" if replaced else "white-cell PIN set")

    def note(self, text: str) -> None:
        """A line in the record's control log, with its time; saved at once."""
        s = self.session
        s.control_log = (*s.control_log, f"{now()} · {text}")
        s.save_auto()

    # ----------------------------------------------------------- what only it sees

    def secrets(self) -> tuple[tuple[SeatSecrets, ...], tuple[CardPlace, ...]]:
        """Every hand, objective and sealed headline, and where every card lies."""
        return white_view(self.session.state)

    # ------------------------------------------------------------------ interventions

    def intervene(self, iv: Intervention) -> None:
        """Make an intervention now (IllegalAction, saying why, if it cannot be)."""
        self.session.act(attrs.evolve(iv, at=now()))

    def steps(self) -> list[tuple[int, str]]:
        """Every step so far, newest first, numbered from 1, in words with its round."""
        s = self.session
        state = restart(s.state)
        out = []
        for n, move in enumerate(s.state.history, 1):
            out.append((n, f"{s.scenario.round_name(state.round)} · {describe_move(move, s.scenario)}"))
            state = step(state, move)
        return out[::-1]

    def rewind(self, keep: int) -> int:
        """Take back every step after the first `keep`; they can be redone, next first,
        until a new step is taken. Returns how many were taken back."""
        s = self.session
        history = s.state.history
        taken = history[keep:]
        if not taken:
            return 0
        self._replay(history[:keep])
        s.redo = (*taken, *s.redo)
        self.note(f"undo: took back steps {keep + 1} to {len(history)} ({_listed(taken, s)})")
        return len(taken)

    def redo_next(self) -> str | None:
        """Take again the next step undone; what it was, or None if there is none."""
        s = self.session
        if not s.redo:
            return None
        move, rest = s.redo[0], s.redo[1:]
        s.act(move)
        s.redo = rest
        words = describe_move(move, s.scenario)
        self.note(f"redo: step {len(s.state.history)} ({words})")
        return words

    def branch(self, keep: int) -> Path:
        """Fork a what-if game from the first `keep` steps. The game as it stands stays
        in its own file (listed by `brink games`, to be finished later) and is the
        branch's parent; the branch goes on at the table in a new file that names its
        parent and the step. Returns the parent's file (ValueError if it cannot be)."""
        s = self.session
        total = len(s.state.history)
        if not 0 <= keep <= total:
            raise ValueError(f"a branch keeps from 0 to {total} steps")
        self.note(f"a what-if branch is forked from step {keep}; this game goes on as it was")
        parent = s.autosave
        if parent is None or s.save_failure is not None:
            raise ValueError("the game could not be saved, so it cannot be branched: save it elsewhere first")
        s.close()  # the parent's file is let go: the branch is another game, in a file of its own
        s.autosave, s.game = None, ""
        kept = s.state.history[:keep]
        self._replay(kept)
        s.redo = ()
        s.parent = Parent(str(parent.resolve()), keep, steps_digest(kept))
        self.note(f"branched from {parent} at step {keep} of {total}")
        return parent

    def _replay(self, steps: tuple[Move, ...]) -> None:
        s = self.session
        s.state = replay(attrs.evolve(s.record(), actions=steps), s.scenario, verify_digest=False)
        s.reveals_seen, s.revealing = len(s.state.log), False
        s.at_keyboard = None  # the next seat's hand is shown only after its curtain


def _listed(moves: tuple[Move, ...], s: Session, most: int = 3) -> str:
    words = [describe_move(m, s.scenario) for m in moves[:most]]
    more = len(moves) - most
    return "; ".join(words) + (f"; and {more} more" if more > 0 else "")
