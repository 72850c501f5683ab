"""The second bundled scenario, korea2010 (the Cheonan and Yeonpyeong crisis), written in
YAML only: it validates, opens on the Cheonan, bot games play it to the end, and no card
can bring itself back (checked over every bundled scenario)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from game.cli import main
from game.engine import Scenario, load_scenario, new_game, score, validate, vocab
from game.engine.advice import every_effect
from game.engine.entries import Chose, CrisisDrawn, Played
from game.engine.model import ActionPhase, CrisisPhase
from game.engine.narrate import how_a_round_goes
from game.engine.sim import play_out
from game.paths import bundled_scenarios

ROOT = Path(__file__).resolve().parent.parent
KOREA2010 = ROOT / "decks" / "korea2010"
NEA2017 = ROOT / "decks" / "nea2017"


@pytest.fixture(scope="module")
def korea2010() -> Scenario:
    return load_scenario(KOREA2010)


def test_it_validates() -> None:
    assert validate([str(KOREA2010)]) == []


def test_five_seats_forty_cards_own_objectives(korea2010: Scenario) -> None:
    assert len(korea2010.seats) == 5
    assert len(korea2010.cards) >= 40
    assert all(card.source for card in korea2010.cards.values())
    for seat in korea2010.seats:
        assert seat.objectives and seat.secret, seat.id
    # The same brief as nea2017, so the validator checks every quote against it.
    assert (KOREA2010 / "article.txt").read_bytes() == (NEA2017 / "article.txt").read_bytes()


def test_the_cheonan_opens_the_game(korea2010: Scenario) -> None:
    state = new_game(korea2010, seed=5)
    assert state.crisis == "cheonan-sinking"
    assert state.to_act == "rok"  # Seoul decides how to answer before anyone plays


def test_the_help_tells_each_scenario_its_own_round(korea2010: Scenario) -> None:
    """Rounds are scenario data: the Cheonan's opening deck is korea2010's alone."""
    headline = "a sealed headline from every nation, revealed together"
    actions = "each nation in turn plays one card or passes"
    assert (
        how_a_round_goes(load_scenario(NEA2017))
        == f"Each round: a crisis card; {headline}; {actions}; upkeep."
    )
    assert how_a_round_goes(korea2010) == (
        "Each round: an opening crisis card (when round at most 1); a crisis card (when round at least 2); "
        f"{headline}; {actions}; upkeep."
    )
    longer = attrs.evolve(
        korea2010, round=(CrisisPhase("Crisis", "crisis", draw=2), ActionPhase("Actions", turns=3))
    )
    assert how_a_round_goes(longer) == f"Each round: 2 crisis cards; {actions}, 3 times round the table."


@pytest.mark.parametrize("controls", ["heuristic", "random"])
@pytest.mark.parametrize("seed", [1, 2])
def test_bots_play_it_to_the_end(korea2010: Scenario, controls: str, seed: int) -> None:
    state = play_out(new_game(korea2010, seed), {s: controls for s in korea2010.seat_ids})
    assert state.over
    assert state.round <= korea2010.rounds
    assert set(score(state)) == set(korea2010.seat_ids)


def test_brink_simulates_it(capsys: pytest.CaptureFixture[str], korea2010: Scenario) -> None:
    code = main(["simulate", "--scenario", str(KOREA2010), "--games", "2", "--seed", "1"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert out.startswith(f"{korea2010.name}: 2 bot games")
    for seat in korea2010.seats:
        assert f"{seat.name} won" in out


def test_the_shelling_asks_seoul_and_brings_the_funerals(korea2010: Scenario) -> None:
    """North Korea's Shelling of Yeonpyeong asks Seoul whether to return fire, and the
    next round's crisis is the funerals (found in the first bot game that shells)."""
    for seed in range(1, 60):
        state = play_out(new_game(korea2010, seed), {})
        shelled = [
            i
            for i, e in enumerate(state.log)
            if isinstance(e, Played) and e.card == "dprk-shell-yeonpyeong" and e.op is None
        ]
        if shelled and state.log[shelled[0]].round < state.round:
            break
    else:
        pytest.fail("no bot game in 60 shelled Yeonpyeong before its last round")
    after = state.log[shelled[0] :]
    assert any(isinstance(e, Chose) and e.seat == "rok" and e.card == "dprk-shell-yeonpyeong" for e in after)
    crises = [e.card for e in after if isinstance(e, CrisisDrawn)]
    assert crises[0] == "yeonpyeong-funerals"


def cards_brought_back(sc: Scenario, card_id: str) -> set[str]:
    """Every card that resolving `card_id` can bring into play: by its own `add_card`, by
    a threshold its shifts can cross (and the thresholds those cross), and by the cards
    so brought in, in turn. Static and generous: any shift up may cross any threshold
    that rises on that track, any shift down any that falls."""
    brought: set[str] = set()
    seen_cards = {card_id}
    todo = [every_effect(sc.cards[card_id].effects)]
    crossed: set[tuple[str, int]] = set()
    while todo:
        for e in todo.pop():
            match e:
                case vocab.AddCard(card=added):
                    brought.add(added)
                    if added not in seen_cards:
                        seen_cards.add(added)
                        todo.append(every_effect(sc.cards[added].effects))
                case vocab.Shift() | vocab.SetTrack():
                    up = not isinstance(e, vocab.Shift) or e.by > 0
                    down = not isinstance(e, vocab.Shift) or e.by < 0
                    for i, th in enumerate(sc.track_by_id[e.track].thresholds):
                        if (up if th.when == "rises" else down) and (e.track, i) not in crossed:
                            crossed.add((e.track, i))
                            todo.append(every_effect(th.effects))
    return brought


def leaves_play(sc: Scenario, card_id: str) -> bool:
    """Whether resolving the card takes it out of the game (`once`, or it removes itself),
    the only way an `add_card` naming it can put it back: one in play is left alone."""
    card = sc.cards[card_id]
    return card.once or any(
        isinstance(e, vocab.RemoveCard) and e.card in ("self", card_id) for e in every_effect(card.effects)
    )


BUNDLED = [pytest.param(folder, id=folder.name) for folder in bundled_scenarios()]


def self_returning(sc: Scenario) -> list[str]:
    """The cards that leave play when they resolve yet can bring themselves back."""
    return sorted(c for c in sc.cards if leaves_play(sc, c) and c in cards_brought_back(sc, c))


@pytest.mark.parametrize("folder", BUNDLED)
def test_no_card_brings_itself_back(folder: Path) -> None:
    """DESIGN.md's "no card can bring itself back": war comes from choices, not from a
    crisis card that re-adds itself, directly or through a threshold it crosses."""
    assert self_returning(load_scenario(folder)) == []


def test_the_loop_check_finds_the_old_miscalculation(korea2010: Scenario) -> None:
    """The check sees korea2010's first Miscalculation: a `once` card that raised
    escalation across 7, whose threshold put it back on top of the crisis deck."""
    escalation = korea2010.track_by_id["escalation"]
    brink = attrs.evolve(escalation.thresholds[0], effects=(vocab.AddCard("miscalculation", into="top"),))
    escalation = attrs.evolve(escalation, thresholds=(brink, *escalation.thresholds[1:]))
    decks = tuple(
        attrs.evolve(
            d, cards=tuple(attrs.evolve(c, once=c.id == "miscalculation" or c.once) for c in d.cards)
        )
        for d in korea2010.decks
    )
    tracks = tuple(escalation if t.id == "escalation" else t for t in korea2010.tracks)
    assert self_returning(attrs.evolve(korea2010, tracks=tracks, decks=decks)) == ["miscalculation"]
    # Not a loop: the Shelling brings the funerals, which bring nothing back.
    assert cards_brought_back(korea2010, "dprk-shell-yeonpyeong") == {"yeonpyeong-funerals"}
