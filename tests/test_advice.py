"""Warnings (`game.engine.advice`) and checks that go on past the first broken file:
what loads but is most likely a mistake is shown, located, and `brink validate` still
exits 0; a deck with several faults has them all listed in one run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_loader import MINI, at, edit

from game.cli import main
from game.engine import LoadError, load_deck_text, load_scenario
from game.engine.loader import check_scenario
from game.engine.yamlsrc import Problem
from game.paths import bundled_scenarios


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


def warnings(folder: Path) -> list[tuple[str, int, int, str]]:
    sc, found = check_scenario(folder)
    assert sc is not None, "\n".join(map(str, found))
    assert all(p.warning for p in found)
    return [(Path(p.file).name, p.line, p.col, p.message) for p in found]


def test_the_bundled_scenarios_and_the_fixture_have_no_warnings(mini: Path) -> None:
    assert warnings(mini) == []
    for folder in bundled_scenarios():
        assert warnings(folder) == [], folder


def test_a_shift_larger_than_the_tracks_range(mini: Path) -> None:
    text = edit(
        mini, "crisis.yaml", "      - shift: heat\n        by: 1", "      - shift: heat\n        by: 11"
    )
    assert warnings(mini) == [
        ("crisis.yaml", *at(text, "11"), "shifting `heat` by +11 is more than its whole range (0..10)"),
        ("crisis.yaml", *at(text, "Heat +1."), "`text` says `Heat +1`, but the effects shift `heat` by +11"),
    ]
    assert load_scenario(mini).id == "mini"  # a warning does not stop it loading


def test_text_naming_a_track_the_effects_do_not_touch(mini: Path) -> None:
    text = edit(
        mini, "crisis.yaml", "text: Heat −2; a summit is held.", "text: Heat −2; Funds +1; a summit is held."
    )
    assert warnings(mini) == [
        ("crisis.yaml", *at(text, "Heat −2; Funds"), "`text` says `Funds +1`, but no effect shifts `funds`")
    ]


def test_a_card_no_seat_can_play(mini: Path) -> None:
    text = edit(mini, "alpha.yaml", "    targets: [bravo]\n", "    side: bravo\n    targets: [bravo]\n")
    [(file, line, col, message)] = warnings(mini)
    assert (file, line, col) == ("alpha.yaml", *at(text, "warn"))
    assert (
        message
        == "no seat can ever play this card: its event is bravo's, which alpha cannot play, and it has no `ops`"
    )


def test_a_card_that_costs_more_than_a_track_holds(mini: Path) -> None:
    edit(mini, "alpha.yaml", "cost: {funds: 1}", "cost: {funds: 11}")
    [(*_, message)] = warnings(mini)
    assert "it costs 11 funds, more than `funds` can ever hold (10)" in message


def test_a_reserve_card_nothing_brings_in(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "    text: Heat +1.\n", "    text: Heat +1.\n    start: reserve\n")
    assert warnings(mini) == [
        (
            "crisis.yaml",
            *at(text, "reserve"),
            "this reserve card never comes into play: no `add_card` names it",
        )
    ]


def test_an_objective_that_can_never_hold(mini: Path) -> None:
    text = edit(
        mini,
        "scenario.yaml",
        "when: [{track: heat, at_most: 4}]",
        "when: [{track: heat, at_most: 4}, {all: [{track: heat, at_least: 6}]}]",
    )
    assert warnings(mini) == [
        (
            "scenario.yaml",
            *at(text, "[{track: heat, at_most: 4}, {all"),
            "objective `calm` can never hold: `heat` cannot be at least 6 and at most 4 (it runs 0..10)",
        )
    ]
    edit(mini, "scenario.yaml", "{all: [{track: heat, at_least: 6}]}", "{round: {at_least: 5}}")
    assert "no round is at least 5 and at most 4 (the game has 4)" in warnings(mini)[0][3]


def test_validate_shows_warnings_and_exits_0(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini, "crisis.yaml", "        by: 1", "        by: 11")
    assert main(["validate", str(mini)]) == 0
    out, err = capsys.readouterr()
    assert out == f"ok: {mini}\n"
    assert "crisis.yaml:" in err and ": warning: shifting `heat` by +11" in err
    assert err.endswith("2 warnings: it loads, but look again\n")


# ------------------------------------------------------------ every problem in one run


def test_a_syntax_error_in_scenario_yaml_hides_nothing_in_the_decks(mini: Path) -> None:
    edit(mini, "scenario.yaml", "rounds: 4", "rounds: [4")
    edit(mini, "alpha.yaml", "    effects:", "    efects:")
    edit(mini, "bravo.yaml", "roll: 1d6", "roll: 1d6\n        tabel: []")
    found = sorted({Path(p.file).name for p in check_scenario(mini)[1]})
    assert found == ["alpha.yaml", "bravo.yaml", "scenario.yaml"]


def test_a_syntax_error_in_one_deck_hides_nothing_in_the_others(mini: Path) -> None:
    edit(mini, "alpha.yaml", "cards:", "cards: [")
    edit(mini, "bravo.yaml", "    effects:", "    efects:")
    edit(mini, "crisis.yaml", "shift: heat", "shift: hot")
    found = {Path(p.file).name: p.message for p in check_scenario(mini)[1]}
    assert set(found) == {"alpha.yaml", "bravo.yaml", "crisis.yaml"}
    assert "YAML syntax error" in found["alpha.yaml"]


def test_validate_lists_every_fault_of_a_deck_in_one_run(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Done-when of issue 9: a deck with several faults, every one listed at once."""
    edit(
        mini, "alpha.yaml", "    effects:\n      - shift: trust", "    efects:\n      - shift: trust"
    )  # typo
    edit(mini, "alpha.yaml", "kind: provocation", "kind: provokation")  # not a card kind
    edit(mini, "alpha.yaml", "name: Warning", "name: ''")  # empty
    edit(mini, "alpha.yaml", '"watch each other across a narrow sea"', '"watch each other across the sea"')
    edit(
        mini, "alpha.yaml", "shift: heat\n            by: 1", "shift: hate\n            by: 1"
    )  # no such track
    assert main(["validate", str(mini)]) == 2
    _, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 6 and all(line.startswith(f"{mini}/alpha.yaml:") for line in lines[:5]), err
    for needle in (
        "`efects`: unknown key",
        "`provokation`",
        "`hate`: no such track",
        "not a verbatim phrase",
        "a card needs a name",
    ):
        assert any(needle in line for line in lines), needle
    assert lines[-1] == "5 problems in 1 file"
    # fixed, the scenario loads, and what is only likely a mistake is then shown
    edit(mini, "alpha.yaml", "    efects:\n      - shift: trust", "    effects:\n      - shift: trust")
    edit(mini, "alpha.yaml", "kind: provokation", "kind: provocation")
    edit(mini, "alpha.yaml", "name: ''", "name: Warning")
    edit(mini, "alpha.yaml", '"watch each other across the sea"', '"watch each other across a narrow sea"')
    edit(mini, "alpha.yaml", "shift: hate\n            by: 1", "shift: heat\n            by: 12")
    assert main(["validate", str(mini)]) == 0
    _, err = capsys.readouterr()
    assert "warning: shifting `heat` by +12 is more than its whole range (0..10)" in err


def test_a_problem_is_a_warning_only_when_marked() -> None:
    assert str(Problem("a.yaml", 1, 2, "x")) == "a.yaml:1:2: x"
    assert str(Problem("a.yaml", 1, 2, "x", warning=True)) == "a.yaml:1:2: warning: x"


def test_a_key_without_its_colon_is_located_on_its_own_line() -> None:
    with pytest.raises(LoadError) as e:
        load_deck_text(
            "deck: d\nname: D\nkind: action\ncards:\n  - id: a\n    kind:x\n    name: N\n", "d.yaml"
        )
    [p] = e.value.problems
    assert (p.line, p.col) == (6, 5) and "a key must be followed by `:`" in p.message


def test_text_with_a_number_no_effect_moves_by(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "text: Heat +1.", "text: Heat +1; Bravo gains +5.")
    assert warnings(mini) == [
        ("crisis.yaml", *at(text, "Heat +1;"), "`text` says `+5`, but no effect shifts a track by 5")
    ]
