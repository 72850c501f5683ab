"""The table: tracks, nations, alliances, the crisis, the hand, the log.

The table shows one view at a time: the private view of the human seat that has the
keyboard, or the public view while a bot decides or the keyboard changes hands. After
every change it asks the session what comes next (`advance`): the game-over screen, a
headline reveal, the curtain, a bot's move after a short pause, or a human's decision.
"""

from __future__ import annotations

from time import monotonic
from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.worker import Worker, WorkerState

from ...engine import IllegalAction
from ...engine.bots import KINDS
from ...engine.model import Action, DiscardCard, Pass, PickOption, PlayCard
from ...engine.narrate import describe_decision
from ...engine.view import SeatView
from ..session import Session
from ..shell import Shell
from ..widgets import legend
from ..widgets.decisions import DecisionList
from ..widgets.eventlog import EventLog, log_content
from ..widgets.keybar import KeyBar
from ..widgets.numbered import NumberedList
from ..widgets.panels import (
    AlliancesPanel,
    CrisisPanel,
    InForcePanel,
    NationsPanel,
    ObjectivesPanel,
    StatusBar,
    WorldPanel,
    card_meta,
    crisis_text,
    in_force_text,
    objectives_text,
)
from .curtain import CurtainScreen
from .dialogs import ActionDialog, Choice, Message, MoveSummary, TextScreen
from .infront import InFront

#: How the nations panel names a seat a bot plays.
BOT_WORDS = {k.name: k.short for k in KINDS}


def prompt_words(seen: SeatView) -> str:
    """The decision in front of the viewer, in words: "Choose a sealed headline card, or pass"."""
    p = seen.prompt
    if p is None:
        return ""
    who = next((s.name for s in seen.seats if s.id == p.seat), p.seat)
    return describe_decision(p.kind, who, p.question, p.count)


class TableScreen(InFront, Screen[None]):
    app = getters.app(Shell)

    CSS_PATH = "table.tcss"
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (30, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Choose"),
        Binding("p", "pass_turn", "Pass"),
        Binding("o", "objectives", "Objectives"),
        Binding("c", "crisis", "Crisis"),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("l", "full_log", "Log"),
        Binding("s", "save", "Save"),
        Binding("ctrl+o", "load", "Open a save", show=False),
        Binding("space", "skip_wait", "Skip pause"),
        Binding("t", "pause_clock", "Pause timer", tooltip="Pause the discussion timer; t again resumes it"),
        Binding("w", "app.white_cell", "White cell"),
        *NumberedList.BINDINGS,  # a digit picks a row of the decision even when another part has the focus
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.bot_timer: Timer | None = None
        self.clock: Timer | None = None
        self.deadline: float | None = None
        self.decision_key: tuple[str, int] | None = None
        #: The seat whose discussion time was stopped by a pause, and the seconds it had left.
        self.held: tuple[str, float] | None = None
        #: The seconds left on a discussion timer the table paused (key t), else None.
        self.stopped: float | None = None
        self.seen: SeatView | None = None
        self.keys: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Container(id="body"):
            with VerticalScroll(id="state"):
                yield WorldPanel("World", id="world")
                yield NationsPanel("Nations", id="nations")
                yield AlliancesPanel("Alliances", id="alliances")
            with Vertical(id="decide"):
                yield CrisisPanel("Crisis", id="crisis")
                yield InForcePanel("In force", id="inforce")
                yield Static(id="prompt")
                yield DecisionList(id="decisions")
                yield ObjectivesPanel("Your objectives", id="objectives")
            log = EventLog(id="log")
            log.border_title, log.tooltip = legend.titled("Log", legend.LOG), legend.LOG_TIP
            yield log
        yield KeyBar()

    def on_mount(self) -> None:
        world = self.query_one(WorldPanel)
        world.border_title = legend.titled("World", legend.METERS)
        for panel in (WorldPanel, NationsPanel, AlliancesPanel):
            self.query_one(panel).tooltip = legend.METERS_TIP
        self.query_one(DecisionList).tooltip = legend.HAND_TIP
        self.query_one(NationsPanel).players = {
            p.seat: BOT_WORDS.get(p.control, p.name or "person") for p in self.session.players
        }

    def on_screen_resume(self) -> None:
        self.advance()

    # ---------------------------------------------------------------------- the flow

    @property
    def in_front(self) -> bool:
        """Whether the table is the screen in front (not under a dialog or the curtain)."""
        return self.app.screen is self

    def advance(self) -> None:
        """Show what comes next. Safe to call again: it only acts while the table is
        the screen in front, and never pushes a screen twice."""
        if not self.in_front:
            return
        s = self.session
        if s.over:
            self.stop_timers()
            self.app.show_game_over(s)
            return
        if s.state.paused:  # nobody acts, the clock stands still, nothing private is shown
            self.hold_clock()
            self.stop_bot()
            self.show(s.public())
            return
        reveal = s.new_reveal()
        if reveal:
            self.show(s.public())
            self.app.push_screen(Message("Headlines revealed", reveal), lambda _: self.advance())
            return
        seat = s.deciding_human
        if seat is not None and s.needs_curtain():
            self.stop_timers()
            self.show(s.public())
            self.app.push_screen(CurtainScreen(s, seat), lambda _: self.advance())
            return
        if seat is None:
            self.stop_clock()
            if self.bot_timer is None:
                self.bot_timer = self.set_timer(max(self.app.bot_delay, 0.001), self.bot_move)
        else:
            self.stop_bot()
            self.start_clock(seat)
        self.show(s.view())
        if seat is not None:
            self.query_one(DecisionList).focus()

    def bot_move(self) -> None:
        """Ask the bot to act, off the UI thread (a search bot thinks for a second or
        so): the table stays live meanwhile, and the answer is taken only if the game
        has not moved on (an undo, a pause, the facilitator) while it was thought."""
        self.bot_timer = None
        s = self.session
        if not self.in_front or s.over or s.deciding_human is not None:
            return
        asked = s.state
        self.run_worker(lambda: (asked, s.bot_action()), group="bot", exclusive=True, thread=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bot's answer, back on the UI thread. The thread itself never reaches for the
        app: once the table has been taken down (a game opened, the app closing) it
        could not, and the answer is simply not delivered."""
        answer: tuple[object, Action] | None = event.worker.result
        if event.worker.group == "bot" and event.state is WorkerState.SUCCESS and answer is not None:
            self.bot_answer(*answer)

    def bot_answer(self, asked: object, action: Action) -> None:
        s = self.session
        if s.state is not asked or not self.in_front or s.deciding_human is not None:
            return
        s.act(action)
        self.advance()

    def take(self, action: Action | None) -> None:
        """Take a human's action from a dialog, if it is still theirs to take."""
        s = self.session
        if action is None or s.deciding_human != action.seat or s.shown_seat != action.seat:
            return
        try:
            s.act(action)
        except IllegalAction as e:
            self.app.push_screen(Message("That cannot be done now", [str(e)], "error"))
            return
        if s.summary_due(action.seat):
            self.show(s.public())  # the hand goes under the summary: it is public too
            self.app.push_screen(
                MoveSummary(s.label(action.seat), s.consequences()), lambda _: self.advance()
            )
            return
        self.advance()

    # ------------------------------------------------------------------- drawing

    def show(self, seen: SeatView) -> None:
        """Draw a view on every panel."""
        self.seen = seen
        s = self.session
        where = f" {seen.where}"
        self.query_one(StatusBar).set(where, self.who_text(seen))
        for panel in (WorldPanel, NationsPanel, AlliancesPanel, InForcePanel, CrisisPanel, ObjectivesPanel):
            self.query_one(panel).show(seen)
        decisions = self.query_one(DecisionList)
        to_act = s.to_act
        kind = seen.prompt.kind if seen.viewer is not None and seen.prompt is not None else None
        if seen.viewer is None or kind is None:
            decisions.border_title = "Hands are hidden"
        else:
            task = {"headline": "headline", "turn": "your turn"}.get(kind, "decide")
            heading = f"{s.label(seen.viewer)}: {task}"
            fits = decisions.size.width >= len(heading) + len(legend.HAND) + 4  # else the help says it
            decisions.border_title = (
                legend.titled(heading, legend.HAND) if seen.hand and kind != "choice" and fits else heading
            )
        prompt = self.query_one("#prompt", Static)  # a question a card asks, in full
        prompt.display = kind in ("choice", "discard")
        prompt.update(Content.styled(prompt_words(seen) if prompt.display else "", "bold"))
        waiting = (
            "Paused by the facilitator."
            if s.state.paused
            else f"{s.label(to_act)} is deciding…  (space: skip the pause)"
            if to_act and not s.is_human(to_act)
            else f"Waiting for {s.label(to_act)} to take the keyboard."
            if to_act
            else ""
        )
        decisions.show(seen, waiting)
        self.query_one(EventLog).show(seen)
        keys = (
            self.check_action("pass_turn", ()),
            self.check_action("choose", ()),
            self.bot_timer is not None,
            self.check_action("pause_clock", ()),
        )
        if keys != self.keys:
            self.keys = keys
            self.refresh_bindings()

    def who_text(self, seen: SeatView) -> Content:
        s = self.session
        seat = s.to_act
        if seat is None:
            return Content("Game over")
        if s.state.paused:
            return Content.styled("⏸ Paused by the facilitator", "bold $warning")
        clock, to_act = "", " to act"
        if self.deadline is not None and seen.viewer == seat:
            left = max(0, round(self.deadline - monotonic()))
            clock = f"  ⏱ {left // 60}:{left % 60:02d}" if left else "  ⏱ TIME IS UP"
            to_act = to_act if left else ""  # the words that matter fit at 80 columns
        elif self.stopped is not None and seen.viewer == seat:
            left = round(self.stopped)
            clock, to_act = f"  ⏱ {left // 60}:{left % 60:02d} paused", ""
        if seen.viewer == seat:
            return Content.assemble(("▶ ", "bold $accent"), (s.label(seat), "bold"), to_act, (clock, "bold"))
        if s.is_human(seat):
            return Content(f"Waiting for {s.label(seat)}")
        return Content.assemble((s.label(seat), "bold"), " is deciding…")

    # --------------------------------------------------------------------- timers

    def start_clock(self, seat: str) -> None:
        """The discussion timer, if set: restarts for each new decision."""
        limit = self.app.timer
        key = (seat, self.session.moves)
        if not limit or key == self.decision_key:
            return
        self.stop_clock()
        self.decision_key = key
        left = float(limit)
        if self.held is not None and self.held[0] == seat:  # resumed after a pause
            left = self.held[1]
        self.held = None
        self.run_clock(left)

    def run_clock(self, left: float) -> None:
        self.stopped = None
        self.deadline = monotonic() + left
        self.clock = self.set_interval(1, self.tick)
        self.tick()

    def tick(self) -> None:
        """Redraw the time left; when it runs out, the status bar turns red and the
        bell rings, once for the decision (the clock stops there)."""
        if self.deadline is not None and monotonic() >= self.deadline and self.clock is not None:
            self.clock.stop()
            self.clock = None
            self.query(StatusBar).add_class("-time-up")
            self.app.bell()
            self.refresh_bindings()
        if self.seen is not None:
            self.query_one(StatusBar).set(self.query_one(StatusBar).where, self.who_text(self.seen))

    def action_pause_clock(self) -> None:
        """Stop the discussion timer, or start it again (a table key, not the white
        cell's: it changes nothing in the game and is not recorded, so it needs no PIN)."""
        if self.stopped is not None:
            self.run_clock(self.stopped)
        elif self.clock is not None and self.deadline is not None:
            self.clock.stop()
            self.clock = None
            self.stopped, self.deadline = max(0.0, self.deadline - monotonic()), None
            self.tick()
        self.refresh_bindings()

    def hold_clock(self) -> None:
        """Stop the discussion timer, keeping the time left for when the game resumes."""
        if self.deadline is not None and self.decision_key is not None:
            self.held = (self.decision_key[0], max(0.0, self.deadline - monotonic()))
        self.stop_clock()

    def stop_clock(self) -> None:
        if self.clock is not None:
            self.clock.stop()
        self.clock, self.deadline, self.decision_key, self.stopped = None, None, None, None
        self.query(StatusBar).remove_class("-time-up")  # none while the screen is taken down

    def stop_bot(self) -> None:
        if self.bot_timer is not None:
            self.bot_timer.stop()
            self.bot_timer = None

    def stop_timers(self) -> None:
        self.stop_bot()
        self.stop_clock()

    # -------------------------------------------------------------------- choices

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.in_front:  # not a second Enter that arrived after the first opened the dialog
            self.decide(event.option.id or "")

    def decide(self, row: str) -> None:
        """Open the dialog for a row of the decision list."""
        s, seen = self.session, self.seen
        if seen is None or seen.viewer is None or s.shown_seat != seen.viewer:
            return
        seat = seen.viewer
        kind, _, key = row.partition(":")
        if kind == "pass":
            self.action_pass_turn()
        elif kind == "card":
            card = next(c for c in seen.hand if c.id == key)
            plays = self.cheapest_first([a for a in seen.legal if isinstance(a, PlayCard) and a.card == key])
            choices = [Choice(a, s.action_label(a, seen), s.warning(a)) for a in plays]
            body = Content.assemble((card_meta(card), "$text-muted"), "\n", card.text)
            self.ask(card.name, body, choices)
        elif kind == "option":
            action = PickOption(seat, int(key))
            self.ask(prompt_words(seen) or "Choose", "", [self.choice(action, seen)])
        elif kind == "discard":
            self.ask("Discard", "", [self.choice(DiscardCard(seat, key), seen)])

    def cheapest_first(self, plays: list[PlayCard]) -> list[PlayCard]:
        """A card's ways to be played as the dialog lists them: its event first, then
        its operations from the cheapest up (in the scenario's order where equal)."""

        def cost(play: PlayCard) -> int:
            operation = self.session.scenario.operation(play.op or "") if play.mode == "ops" else None
            return operation.ops if operation is not None else 0

        return sorted(plays, key=lambda a: (a.mode == "ops", cost(a)))

    def choice(self, action: Action, seen: SeatView) -> Choice:
        return Choice(action, self.session.action_label(action, seen), self.session.warning(action))

    def ask(self, title: str, body: Content | str, choices: list[Choice]) -> None:
        """Open the decision dialog, titled with whose decision it is."""
        seat = self.session.shown_seat
        if choices and seat is not None:
            heading = f"{self.session.label(seat)} — {title}"
            self.app.push_screen(ActionDialog(heading, body, choices), self.take)

    # -------------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        seen = self.seen
        private = seen is not None and seen.viewer is not None and seen.viewer == self.session.shown_seat
        if action == "pass_turn":
            return True if private and any(isinstance(a, Pass) for a in seen.legal) else None  # type: ignore[union-attr]
        if action == "choose":
            return True if private else None
        if action == "skip_wait":
            return self.bot_timer is not None
        if action == "pause_clock":
            return self.clock is not None or self.stopped is not None
        return True

    def action_choose(self) -> None:
        option = self.query_one(DecisionList).highlighted_option
        if option is not None and not option.disabled:
            self.decide(option.id or "")

    def action_pick(self, n: int) -> None:
        self.query_one(DecisionList).action_pick(n)

    def action_pass_turn(self) -> None:
        seen = self.seen
        if seen is None or seen.viewer is None:
            return
        passes = [a for a in seen.legal if isinstance(a, Pass)]
        self.ask("Pass", prompt_words(seen), [self.choice(a, seen) for a in passes])

    def action_skip_wait(self) -> None:
        if self.bot_timer is not None:
            self.stop_bot()
            self.bot_move()

    def action_objectives(self) -> None:
        seen = self.session.view()
        parts = []
        if seen.viewer is not None:
            me = next(p for p in seen.seats if p.id == seen.viewer)
            parts += [
                Content.styled(f"{me.name} — yours", "bold underline"),
                objectives_text(me.objectives, me.secret),
                Content(""),
            ]
        for p in seen.seats:
            if p.id != seen.viewer:
                parts += [
                    Content.styled(p.name, "bold underline"),
                    objectives_text(p.objectives, ()),
                    Content(""),
                ]
        self.app.push_screen(TextScreen("Objectives", Content("\n").join(parts)))

    def action_crisis(self) -> None:
        seen = self.session.public()
        text = Content.assemble(
            crisis_text(seen), "\n\n", Content.styled("In force", "bold underline"), "\n", in_force_text(seen)
        )
        self.app.push_screen(TextScreen("The crisis of the round, and what is in force", text))

    def action_undo(self) -> None:
        self.app.undo(self.session)

    def action_full_log(self) -> None:
        seen = self.session.view()
        self.app.push_screen(TextScreen("The log so far", log_content(seen.log)))

    def action_save(self) -> None:
        self.app.save_game(self.session)

    def action_load(self) -> None:
        self.app.load_game()
