"""The typed log: every kind of entry is narrated, and the UI styles only kinds that exist.

Adding a kind of entry means adding an example here; a kind that `narrate.describe`
does not handle then fails `test_every_kind_is_narrated`.
"""

from __future__ import annotations

import re
import sys
from typing import get_args

import pytest

from game.engine import Scenario
from game.engine.bots import BOTS
from game.engine.entries import (
    COST,
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
from game.engine.narrate import WHITE_CELL, describe, describe_risk, tell
from game.engine.rules import new_game, step
from game.engine.vocab import FlagIs, Not, TrackIs
from game.tui.widgets.eventlog import STYLES

# One entry of each kind on the flow bench (tests/data/engine/flow), as the public reads it.
EXAMPLES: list[tuple[LogEntry, str]] = [
    (RoundBegan(round=2), "— Round 2 begins —"),
    (
        PhaseBegan(round=1, name="Headline"),
        "Headline phase: every nation picks a card in secret; all are revealed together, then take effect in turn",
    ),
    (
        Drew(round=1, seat="north", count=2, cards=("n-build", "n-drain")),
        "North drew 2 cards (unseen by the others)",
    ),
    (CrisisDrawn(round=1, seat="north", card="drift"), "Crisis: Drift (North's event)"),
    (Played(round=1, seat="south", card="s-spy", why="to see"), "South played Spy — “to see”"),
    (
        Played(round=1, seat="north", card="n-build", op="muster"),
        "North played Build for an operation instead of its event: Muster",
    ),
    (Passed(round=1, seat="south", why="we wait"), "South passed — “we wait”"),
    (Committed(round=1, seat="north"), "North chose a headline card in secret"),
    (Revealed(round=1), "Headlines revealed: each now takes effect in turn"),
    (
        TrackMoved(round=1, seat="north", card="n-build", track="north.funds", old=2, new=4),
        "North's Build raised North's funds 2 → 4",
    ),
    (Capped(round=1, track="tension", at=8), "Tension stays at 8: it cannot go higher"),
    (
        ThresholdCrossed(round=1, seat="north", card="n-bluster", track="tension", at=10, name="War"),
        "Tension reached 10 (▲ War): the game ends",
    ),
    (
        FlagChanged(round=1, seat="north", card="n-alert", flag="alert", raised=True),
        "North's Alert: “Alert” is now in force",
    ),
    (Reshuffled(round=2, deck="north"), "The North deck ran out: its discards were shuffled back in"),
    (
        Discarded(round=1, seat="south", card="s-build", cause="n-raid"),
        "South discarded Southern Build (because of Raid)",
    ),
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
        "South could not answer “Take it?”: none of its options is open now",
    ),
    (
        CardAdded(round=1, seat="north", card="n-quiet", into="hand"),
        "Quiet Word goes into North's hand (so everyone knows North holds it)",
    ),
    (CardRemoved(round=1, seat="north", card="n-quiet"), "Quiet Word is out of the game for good"),
    (SkipNext(round=1, seat="south", card="n-raid", count=1), "South will lose its next action (Raid)"),
    (Skipped(round=1, seat="south"), "South loses this action (a lost turn from earlier)"),
    (
        OngoingBegan(round=1, seat="north", card="n-alert", name="Vigil", rounds=2),
        "North's Alert: Vigil takes effect again at the end of each of the next 2 rounds",
    ),
    (
        OngoingEnded(round=2, seat="north", card="n-alert", name="Vigil"),
        "Vigil ends (its rounds have run out)",
    ),
    (SideEvent(round=1, seat="south", card="n-build"), "Build is South's card, so its event happens too"),
    (
        Fizzled(round=1, seat="south", card="s-build", reason="no longer in hand"),
        "South's headline Southern Build does nothing: no longer in hand",
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
    module = sys.modules[Entry.__module__]
    # attrs replaces each class with a slotted copy; the first may linger until collected
    defined = {cls for cls in _leaves(Entry) if getattr(module, cls.__name__, None) is cls}
    assert defined == set(get_args(LogEntry))
    assert len(KINDS) == len(defined)  # no two kinds share a word


@pytest.mark.parametrize(("entry", "text"), EXAMPLES, ids=lambda x: type(x).__name__)
def test_every_kind_is_narrated(flow_bench: Scenario, entry: LogEntry, text: str) -> None:
    assert describe(entry, flow_bench) == text


def test_hidden_cards_are_named_only_to_who_may_see_them(flow_bench: Scenario) -> None:
    drew = Drew(round=1, seat="north", count=2, cards=("n-build", "n-drain"))
    assert describe(drew, flow_bench, "north") == "North drew Build, Drain"
    assert describe(drew, flow_bench, WHITE_CELL) == "North drew Build, Drain"
    assert describe(drew, flow_bench, "south") == "North drew 2 cards (unseen by the others)"
    on_top = Injected(round=1, top="lull")
    assert describe(on_top, flow_bench, WHITE_CELL) == "White cell: Lull put on top of the crisis deck"
    assert describe(on_top, flow_bench, "north") == "White cell: a card put on top of the crisis deck"


def test_the_log_styles_name_only_kinds_that_exist() -> None:
    assert set(STYLES) <= set(KINDS)


# What the rules do, said where it happens (issue 6: a log a seminar participant understands).
PLAIN: list[tuple[LogEntry, str]] = [
    (
        CardAdded(round=1, card="rok-election", into="top", because=(FlagIs("caretaker"),)),
        "South Korean Election is now on top of the Crisis deck: it is drawn next round"
        " (because “Caretaker government in Seoul” is in force)",
    ),
    (
        CardAdded(
            round=2,
            seat="japan",
            card="japan-strike-capability",
            into="hand",
            cause="usa-no-consultation",
            rule="Allies doubt",
        ),
        "Allies doubt: Strike Capability goes into Japan's hand (so everyone knows Japan holds it)",
    ),
    (
        TrackMoved(
            round=1, track="dprk.resources", old=3, new=2, because=(TrackIs("sanctions", at_least=4),)
        ),
        "Upkeep lowered North Korea's resources 3 → 2 (because sanctions pressure is at least 4)",
    ),
    (
        TrackMoved(
            round=1, track="capability", old=4, new=5, because=(Not(TrackIs("sanctions", at_least=4)),)
        ),
        "Upkeep raised DPRK capability 4 → 5 (because sanctions pressure is below 4)",
    ),
    (
        TrackMoved(
            round=1, track="japan.readiness", old=6, new=5, because=(TrackIs("capability", at_least=6),)
        ),
        "Upkeep lowered Japan's readiness 6 → 5 (because DPRK capability is at least 6)",
    ),
    (
        TrackMoved(round=1, track="usa.support", old=5, new=4),
        "Upkeep lowered United States' support 5 → 4 (as every round)",
    ),
    (
        TrackMoved(
            round=3,
            seat="china",
            card="china-target-lotte",
            track="rok.resources",
            old=3,
            new=2,
            rule="Tourist boycott",
        ),
        "Tourist boycott (China's Boycott Lotte) lowered South Korea's resources 3 → 2",
    ),
    (
        TrackMoved(
            round=1, seat="china", card="chinese-model-chastened", track="china.support", old=6, new=5
        ),
        "China's Chinese Model, Chastened lowered China's support 6 → 5",  # not "China's The Chinese…"
    ),
    (
        ThresholdCrossed(
            round=2, seat="dprk", card="dprk-nuclear-test", track="tension", at=7, name="On the brink"
        ),
        "Tension reached 7 (▲ On the brink): Every incident now risks war: each upkeep a roll of 1d6 plus"
        " the risk of miscalculation may raise tension by 1.",
    ),
    (
        ThresholdCrossed(
            round=2,
            seat="dprk",
            card="dprk-nuclear-test",
            track="tension",
            at=10,
            name="War on the peninsula",
        ),
        "Tension reached 10 (▲ War on the peninsula): the game ends",
    ),
    (
        Capped(round=1, seat="usa", card="usa-un-resolution", track="sanctions", at=5),
        "Sanctions pressure stays at 5: it cannot go higher unless “China enforcing sanctions” is in force",
    ),
    (
        Rolled(
            round=3,
            dice="1d6",
            total=4,
            result=7,
            text="An incident at sea spirals.",
            mods=(("risk", 3),),
            because=(TrackIs("tension", at_least=7),),
        ),
        "Upkeep (because tension is at least 7): rolled 1d6 → 4 + 3 for Risk of miscalculation = 7:"
        " An incident at sea spirals.",
    ),
]


@pytest.mark.parametrize(("entry", "text"), PLAIN, ids=lambda x: type(x).__name__)
def test_the_log_says_what_a_rule_did_and_why(nea2017: Scenario, entry: LogEntry, text: str) -> None:
    assert describe(entry, nea2017) == text


def test_every_upkeep_change_in_a_game_gives_its_reason(nea2017: Scenario) -> None:
    """Played out: no line of the upkeep says a track moved without saying why."""
    state = new_game(nea2017, 3)
    while not state.over:
        state = step(state, BOTS["heuristic"](state))
    lines = [describe(e, nea2017) for e in state.log if isinstance(e, TrackMoved) and not (e.seat or e.card)]
    assert lines and all(line.endswith(")") for line in lines)
    assert any("(because sanctions pressure is at least" in line for line in lines)


def test_the_war_warning_says_will_when_certain_and_may_with_odds_otherwise(nea2017: Scenario) -> None:
    war = nea2017.outcome("war")
    assert describe_risk(war, 1.0).startswith("This will end the game at once in war on the peninsula. ")
    assert describe_risk(war, 0.25).startswith(
        "This may end the game at once in war on the peninsula (about 25 in 100). "
    )
    assert "(about 1 in 100)" in describe_risk(war, 0.001)


def test_a_cards_cost_is_said_as_paid(nea2017: Scenario) -> None:
    paid = TrackMoved(
        round=1, seat="japan", card="japan-aegis-ashore", track="japan.resources", old=4, new=0, rule=COST
    )
    assert describe(paid, nea2017) == "Japan paid 4 resources for Aegis Ashore (4 → 0)"


def _round_told(scenario: Scenario, seed: int, round_: int) -> tuple[list[LogEntry], list[tuple[int, str]]]:
    """A heuristic game's log, and its lines as the room reads them (`tell`), of one round."""
    state = new_game(scenario, seed)
    while not state.over:
        state = step(state, BOTS["heuristic"](state))
    return list(state.log), [
        (i, text) for i, text in tell(state.log, scenario) if state.log[i].round == round_
    ]


def test_the_upkeep_reads_as_one_paragraph(nea2017: Scenario) -> None:
    """Twelve changes the upkeep makes to every nation for one reason are one line that
    says the reason once; a change with another reason keeps its own line."""
    log, told = _round_told(nea2017, 1, 2)
    upkeep = [
        text for _, text in told[next(k for k, (i, _) in enumerate(told) if log[i].kind == "ongoing_end") :]
    ]
    assert upkeep[:6] == [
        "Tourist boycott ends (its rounds have run out)",
        "Tourist boycott (China's Boycott Lotte) lowered South Korea's support 5 → 4",
        "Upkeep, as every round, raised every nation's resources by 1 (United States 4 → 5, South Korea 1 → 2,"
        " Japan 0 → 1, China 2 → 3, North Korea 3 → 4, Russia 5 → 6) and lowered every nation's support by 1"
        " (United States 5 → 4, South Korea 4 → 3, Japan 7 → 6, China 5 → 4, North Korea 6 → 5, Russia 8 → 7)",
        "Upkeep lowered North Korea's resources 4 → 3 (because sanctions pressure is at least 4)",
        "Upkeep (because tension is at least 7): rolled 1d6 → 5 + 3 for Risk of miscalculation = 8:"
        " An incident at sea spirals.",
        "Upkeep raised Tension 7 → 8 (because tension is at least 7)",
    ]


def test_a_cards_effects_read_as_one_sentence_and_a_choice_names_its_option(nea2017: Scenario) -> None:
    _, told = _round_told(nea2017, 1, 2)
    texts = [text for _, text in told]
    assert (
        "United States' B-1B Bombers over Korea raised U.S.–ROK cohesion 5 → 6, U.S.–ROK credibility 6 → 7,"
        " South Korea's readiness 6 → 7, Tension 5 → 6 and Risk of miscalculation 2 → 3; rolled 1d6 → 5"
        " + 3 for Risk of miscalculation = 8: The incident spirals; raised Tension 6 → 7"
    ) in texts
    assert (
        "North Korea's Trading Partners, because “Secondary sanctions” is not in force, raised North Korea's"
        " resources 1 → 3 and lowered Sanctions pressure 5 → 4"
    ) in texts
    assert (
        "Japan's Summit with Putin lowered Tension 7 → 6, and raised Japan's support 5 → 6 and Russia's 7 → 8"
        in texts
    )
    chose = texts.index("China chose “Refuse” for United States' Beijing's Feet to the Fire")
    assert texts[chose + 1] == (
        "China's choice of “Refuse” on United States' Beijing's Feet to the Fire raised Tension 6 → 7"
    )


def test_told_lines_keep_every_entry_in_order(nea2017: Scenario) -> None:
    """`tell` groups words, never entries: each line starts at an entry, in order, and a
    line of several entries holds only track changes of one cause, each one's values said."""
    log, _ = _round_told(nea2017, 1, 0)
    told = tell(log, nea2017)
    starts = [i for i, _ in told]
    assert starts[0] == 0 and starts == sorted(set(starts)) and len(told) < len(log)
    for (i, text), end in zip(told, [*starts[1:], len(log)], strict=True):
        run = log[i:end]
        if len(run) > 1:  # what one card or rule did, or the upkeep's changes for one reason
            assert all(isinstance(e, TrackMoved | FlagChanged | OngoingBegan | Rolled) for e in run)
            assert all(e.rule != COST for e in run if isinstance(e, TrackMoved))
            assert len({(e.round, e.seat, e.card, e.rule) for e in run}) == 1
            if not (run[0].seat or run[0].card or run[0].rule):  # the upkeep's own: one reason a line
                assert all(isinstance(e, TrackMoved) for e in run) and len({e.because for e in run}) == 1
            assert all(f"{e.old} → {e.new}" in text for e in run if isinstance(e, TrackMoved))
        else:  # a change made by a choice names the option only in the log in order
            assert re.sub(r" of “[^”]*” on ", " on ", text) == describe(run[0], nea2017)


def test_every_change_a_choice_made_names_the_choice(nea2017: Scenario) -> None:
    """A crisis card that is nobody's asks China: the flag and the tracks it changed say
    whose choice it was, and which."""
    _, told = _round_told(nea2017, 3, 1)
    texts = [text for _, text in told]
    chose = texts.index("China chose “Enforce” for Beijing's Promise")
    assert texts[chose + 1] == (  # one paragraph, the choice said once
        "China's choice of “Enforce” on Beijing's Promise put “China enforcing sanctions” in force; raised"
        " Sanctions pressure 4 → 6, and lowered North Korea's support 6 → 5 and China's 6 → 5"
    )
    assert not texts[chose + 2].startswith("China's choice")
