"""The typed log: every kind of entry is narrated, and the UI styles only kinds that exist.

Adding a kind of entry means adding an example here; a kind that `narrate.describe`
does not handle then fails `test_every_kind_is_narrated`.
"""

from __future__ import annotations

from typing import get_args

import pytest

from game.engine import Scenario
from game.engine.entries import (
    KINDS,
    Adjudicated,
    Capped,
    CardAdded,
    CardRemoved,
    Chose,
    Committed,
    CrisisDrawn,
    Discarded,
    Drew,
    Entry,
    Fizzled,
    FlagChanged,
    FlagToggled,
    GameEnded,
    Injected,
    LogEntry,
    NoChoice,
    OngoingBegan,
    OngoingEnded,
    Passed,
    Paused,
    PhaseBegan,
    Played,
    Reshuffled,
    Revealed,
    Rolled,
    RoundBegan,
    RoundLimitChanged,
    Said,
    SideEvent,
    SkipNext,
    Skipped,
    ThresholdCrossed,
    TrackMoved,
    TrackSet,
)
from game.engine.narrate import WHITE_CELL, describe
from game.tui.widgets.eventlog import STYLES

# One entry of each kind on the flow bench (tests/data/engine/flow), as the public reads it.
EXAMPLES: list[tuple[LogEntry, str]] = [
    (RoundBegan(round=2), "— Round 2 begins —"),
    (PhaseBegan(round=1, name="Headline"), "Headline phase"),
    (Drew(round=1, seat="north", count=2, cards=("n-build", "n-drain")), "North drew 2 cards"),
    (CrisisDrawn(round=1, seat="north", card="drift"), "Crisis: Drift (North)"),
    (Played(round=1, seat="south", card="s-spy", why="to see"), "South played Spy — “to see”"),
    (
        Played(round=1, seat="north", card="n-build", op="muster"),
        "North played Build for operations (Muster)",
    ),
    (Passed(round=1, seat="south", why="we wait"), "South passed — “we wait”"),
    (Committed(round=1, seat="north"), "North committed a sealed headline"),
    (Revealed(round=1), "Headlines revealed"),
    (
        TrackMoved(round=1, seat="north", card="n-build", track="north.funds", old=2, new=4),
        "North's Build raised North funds 2 → 4",
    ),
    (Capped(round=1, track="tension", at=8), "Tension is capped at 8"),
    (
        ThresholdCrossed(round=1, seat="north", card="n-bluster", track="tension", at=10, name="War"),
        "Tension reached 10: War",
    ),
    (
        FlagChanged(round=1, seat="north", card="n-alert", flag="alert", raised=True),
        "Alert: now in force (North's Alert)",
    ),
    (Reshuffled(round=2, deck="north"), "The North deck was reshuffled"),
    (Discarded(round=1, seat="south", card="s-build", cause="n-raid"), "South discarded Southern Build"),
    (
        Rolled(round=1, seat="north", card="n-bluster", dice="2d6", total=5, result=7, text="a stir"),
        "North's Bluster: rolled 2d6 → 5 (modified to 7): a stir",
    ),
    (
        Chose(round=1, seat="south", card="n-gift", option="Take it", why="we need it"),
        "South chose “Take it” for Southern Gift — “we need it”",
    ),
    (
        NoChoice(round=1, seat="south", card="n-gift", prompt="Take it?"),
        "South had no option open for “Take it?”",
    ),
    (CardAdded(round=1, seat="north", card="n-quiet", into="hand"), "Quiet Word enters the game"),
    (CardRemoved(round=1, seat="north", card="n-quiet"), "Quiet Word is out of the game"),
    (SkipNext(round=1, seat="south", card="n-raid", count=1), "South will lose its next action"),
    (Skipped(round=1, seat="south"), "South loses this action"),
    (
        OngoingBegan(round=1, seat="north", card="n-alert", name="Vigil", rounds=2),
        "Vigil in force for 2 rounds (North's Alert)",
    ),
    (OngoingEnded(round=2, seat="north", card="n-alert", name="Vigil"), "Vigil ends"),
    (SideEvent(round=1, seat="south", card="n-build"), "South's event on Build fires"),
    (
        Fizzled(round=1, seat="south", card="s-build", reason="no longer in hand"),
        "South's Southern Build has no effect: no longer in hand",
    ),
    (Said(round=1, text="a rumour"), "a rumour"),
    (
        GameEnded(round=2, seat="north", card="n-bluster", outcome="war", track="tension"),
        "GAME OVER — War, pushed by North's Bluster",
    ),
    (GameEnded(round=2, outcome="calm"), "GAME OVER — Calm"),
    (GameEnded(round=2, outcome="war"), "GAME OVER — War"),  # adjudicated: nobody pushed it
    (
        Injected(round=1, seat="north", card="n-alert", reason="to test"),
        "White cell: Alert injected for North — “to test”",
    ),
    (
        Injected(round=1, top="lull", reason="calm"),
        "White cell: a card put on top of the crisis deck — “calm”",
    ),
    (
        TrackSet(round=1, track="tension", old=3, new=6, reason="escalate"),
        "White cell: Tension set 3 → 6 — “escalate”",
    ),
    (FlagToggled(round=1, flag="alert", on=False), "White cell: Alert lifted"),
    (Paused(round=1, paused=True), "White cell: game paused"),
    (
        RoundLimitChanged(round=1, old=2, new=3, reason="more time"),
        "White cell: round limit changed 2 → 3 — “more time”",
    ),
    (Adjudicated(round=2, outcome="war", reason="ruled"), "White cell: game ended: War — “ruled”"),
]


def test_every_kind_has_an_example() -> None:
    assert {type(e) for e, _ in EXAMPLES} == set(get_args(LogEntry))


def _leaves(cls: type[Entry]) -> set[type[Entry]]:
    below = cls.__subclasses__()
    return set().union(*map(_leaves, below)) if below else {cls}


def test_every_entry_class_is_a_kind_of_the_log() -> None:
    """A class written in entries.py but left out of `LogEntry` would never be narrated."""
    defined = {cls for cls in _leaves(Entry) if cls.__module__ == Entry.__module__}
    assert defined == set(get_args(LogEntry))
    assert len(KINDS) == len(defined)  # no two kinds share a word


@pytest.mark.parametrize(("entry", "text"), EXAMPLES, ids=lambda x: type(x).__name__)
def test_every_kind_is_narrated(flow_bench: Scenario, entry: LogEntry, text: str) -> None:
    assert describe(entry, flow_bench) == text


def test_hidden_cards_are_named_only_to_who_may_see_them(flow_bench: Scenario) -> None:
    drew = Drew(round=1, seat="north", count=2, cards=("n-build", "n-drain"))
    assert describe(drew, flow_bench, "north") == "North drew Build, Drain"
    assert describe(drew, flow_bench, WHITE_CELL) == "North drew Build, Drain"
    assert describe(drew, flow_bench, "south") == "North drew 2 cards"
    on_top = Injected(round=1, top="lull")
    assert describe(on_top, flow_bench, WHITE_CELL) == "White cell: Lull put on top of the crisis deck"
    assert describe(on_top, flow_bench, "north") == "White cell: a card put on top of the crisis deck"


def test_the_log_styles_name_only_kinds_that_exist() -> None:
    assert set(STYLES) <= set(KINDS)
