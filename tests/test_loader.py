"""The deck loader: every bad input gives one located, helpful problem; every valid form
structures into the right class.

Most tests copy the small scenario in `tests/data/loader/mini`, break one thing, and
check the problem's file, line, column and key words. Positions are found in the broken
text itself (`at`), so the tests say *where* in words: "at the value of `by`".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine import LoadError, Problem, load_deck, load_deck_text, load_scenario, model, validate, vocab
from game.engine.yamlsrc import MAX_BYTES, MAX_DEPTH

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "data" / "loader" / "mini"


# ------------------------------------------------------------------------------ helpers


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """Line and column (from 1) of the `nth` occurrence of `needle` in `text`."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def within(text: str, new: str, needle: str) -> tuple[int, int]:
    """Where `needle` is inside the first occurrence of the edited text `new`."""
    before = new[: new.index(needle)]
    line, col = at(text, new)
    if "\n" in before:
        return line + before.count("\n"), len(before) - before.rfind("\n")
    return line, col + len(before)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the small scenario, to break."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


def edit(folder: Path, file: str, old: str, new: str) -> str:
    """Replace the first `old` in a file of `folder` by `new`; return the new text."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}: the fixture changed"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def problems(folder: Path) -> list[Problem]:
    """The problems loading a scenario finds (none if it loads)."""
    try:
        load_scenario(folder)
    except LoadError as e:
        return e.problems
    return []


def only(found: list[Problem]) -> Problem:
    """The one problem found: one mistake should give one message, not a cascade."""
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def where(p: Problem) -> tuple[str, int, int]:
    return Path(p.file).name, p.line, p.col


def deck_problems(text: str | bytes) -> list[Problem]:
    try:
        load_deck_text(text, "deck.yaml")
    except LoadError as e:
        return e.problems
    raise AssertionError("the deck loaded")


# --------------------------------------------------------------------- the bundled decks


def test_bundled_decks_validate() -> None:
    assert validate([str(ROOT / "decks")]) == []


def test_mini_fixture_loads() -> None:
    sc = load_scenario(MINI)
    assert sc.id == "mini"
    assert [d.id for d in sc.decks] == ["crisis", "alpha", "bravo"]


# ------------------------------------------------------------------------------ reading


def test_yaml_syntax_error_is_located_where_the_parser_stops(mini: Path) -> None:
    text = edit(mini, "alpha.yaml", "name: Promise", "name: [Promise")
    p = only(problems(mini))
    assert where(p) == ("alpha.yaml", *at(text, ": diplomacy"))
    assert p.message.startswith("YAML syntax error:")
    assert "never closed" in p.message


def test_a_colon_inside_a_value_suggests_quotes(mini: Path) -> None:
    text = edit(mini, "alpha.yaml", "text: Trust +1 with Bravo.", "text: Trust: +1 with Bravo.")
    p = only(problems(mini))
    assert where(p) == ("alpha.yaml", *at(text, ": +1"))
    assert "put the value in quotes" in p.message


def test_tab_indentation_is_located_at_the_tab(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "    kind: provocation", "\tkind: provocation")
    p = only(problems(mini))
    assert where(p) == ("crisis.yaml", *at(text, "\tkind"))
    assert "tab character in indentation" in p.message


def test_empty_file(mini: Path) -> None:
    (mini / "crisis.yaml").write_text("# nothing here yet\n", encoding="utf-8")
    p = only(problems(mini))  # and not also "no such deck `crisis`"
    assert where(p) == ("crisis.yaml", 1, 1)
    assert p.message == "file is empty"


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_deck_text(text: str) -> None:
    assert [str(p) for p in deck_problems(text)] == ["deck.yaml:1:1: file is empty"]


def test_bytes_that_are_not_utf8_are_located_at_the_byte(mini: Path) -> None:
    path = mini / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("Promise", "Prom\xe9se", 1).encode("latin-1"))
    p = only(problems(mini))
    line, col = at(text, "Promise")
    assert where(p) == ("alpha.yaml", line, col + 4)
    assert "not UTF-8" in p.message
    assert "0xe9" in p.message


def test_control_character_is_located() -> None:
    text = "deck: d\nname: D\x07\n"
    p = only(deck_problems(text))
    assert (p.line, p.col) == (2, 8)
    assert "U+0007" in p.message


def test_lone_surrogate_in_text_is_refused() -> None:
    p = only(deck_problems("deck: d\nname: \ud800\n"))
    assert (p.line, p.col) == (2, 7)
    assert "not valid text" in p.message


def test_oversize_file(mini: Path) -> None:
    path = mini / "bravo.yaml"
    path.write_bytes(path.read_bytes() + b"#" * MAX_BYTES)
    p = only(problems(mini))
    assert where(p) == ("bravo.yaml", 1, 1)
    assert "too large" in p.message


def test_oversize_text() -> None:
    p = only(deck_problems("deck: d\n" + "#" * MAX_BYTES))
    assert "too large" in p.message


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    p = only(deck_problems("\n".join(lines)))
    assert "too many aliases" in p.message


def test_self_referencing_alias_is_refused() -> None:
    p = only(deck_problems("deck: &d [*d]\n"))
    assert f"more than {MAX_DEPTH} levels" in p.message


def test_python_object_tags_are_never_executed(mini: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = edit(
        mini, "alpha.yaml", "name: Promise", f"name: !!python/object/apply:os.system ['touch {marker}']"
    )
    p = only(problems(mini))  # the tag, and not also "expected text, got null"
    assert where(p) == ("alpha.yaml", *at(text, "!!python"))
    assert "`!!python/object/apply:os.system` is not allowed" in p.message
    assert "never run code" in p.message
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("!!python/name:os.system", "never run code"),
        ("!!binary aGVsbG8=", "`!!binary` is not allowed"),
        ("!custom thing", "`!custom` is not allowed"),
        ("2017-05-09", "put it in quotes"),
    ],
)
def test_other_tags_are_refused(value: str, words: str) -> None:
    text = f"deck: d\nname: {value}\nkind: action\ncards: []\n"
    p = only(deck_problems(text))
    assert (p.line, p.col) == (2, 7)
    assert words in p.message


def test_merge_keys_are_refused(mini: Path) -> None:
    text = edit(mini, "bravo.yaml", "  - id: powder\n", "  - <<: {}\n    id: powder\n")
    p = only(problems(mini))
    assert where(p) == ("bravo.yaml", *at(text, "<<"))
    assert "merge keys" in p.message


def test_duplicate_key(mini: Path) -> None:
    text = edit(mini, "alpha.yaml", "    name: Promise\n", "    name: Promise\n    name: Vow\n")
    p = only(problems(mini))
    assert where(p) == ("alpha.yaml", *at(text, "name: Vow"))
    assert p.message == f"duplicate key `name` (first at line {at(text, 'name: Promise')[0]})"


def test_more_than_one_document() -> None:
    p = only(deck_problems("deck: d\n---\nname: D\n"))
    assert (p.line, p.col) == (2, 1)
    assert "remove the `---` line" in p.message


def test_a_file_that_is_not_a_mapping(mini: Path) -> None:
    (mini / "bravo.yaml").write_text("- powder\n", encoding="utf-8")
    p = only(problems(mini))
    assert where(p) == ("bravo.yaml", 1, 1)
    assert "a deck file is a mapping" in p.message


def test_missing_deck_file(mini: Path) -> None:
    text = edit(mini, "scenario.yaml", "bravo.yaml]", "bravoo.yaml]")
    p = only(problems(mini))  # and not also "no such card" for bravo's cards
    assert where(p) == ("scenario.yaml", *at(text, "bravoo.yaml"))
    assert p.message.startswith("no deck file `bravoo.yaml`")
    assert p.message.endswith("did you mean `bravo.yaml`?")


def test_missing_article(mini: Path) -> None:
    text = edit(mini, "scenario.yaml", "article: article.txt", "article: artcle.txt")
    p = only(problems(mini))
    assert where(p) == ("scenario.yaml", *at(text, "artcle.txt"))
    assert "no article file `artcle.txt`" in p.message


def test_no_scenario_file(tmp_path: Path) -> None:
    p = only(problems(tmp_path))
    assert "no scenario.yaml here" in p.message


# -------------------------------------------------------------------------- structuring


def test_unknown_key_suggests_the_nearest(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "    effects:\n      - shift: heat\n        by: 1", "    efects: []")
    p = only(problems(mini))
    assert where(p) == ("crisis.yaml", *at(text, "efects"))
    assert p.message == "`efects`: unknown key; did you mean `effects`?"


def test_misspelt_required_key_is_not_also_missing(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "        by: 1", "        bye: 1")
    p = only(problems(mini))
    assert where(p) == ("crisis.yaml", *at(text, "bye"))
    assert p.message == "`bye`: unknown key; did you mean `by`?"


def test_unknown_key_far_from_any_lists_the_keys(mini: Path) -> None:
    edit(mini, "scenario.yaml", "    name: Alpha–Bravo\n", "    name: Alpha–Bravo\n    zzz: 1\n")
    p = only(problems(mini))
    assert p.message == "`zzz`: unknown key; expected one of: id, name, seats, start, text"


def test_missing_required_key(mini: Path) -> None:
    text = edit(mini, "alpha.yaml", "    name: Promise\n", "")
    p = only(problems(mini))
    assert where(p) == ("alpha.yaml", *at(text, "id: promise"))
    assert p.message == "missing required key `name` in this card"


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "message"),
    [
        ("crisis.yaml", "by: 1", "by: two", "two", "expected a whole number, got text ('two')"),
        ("crisis.yaml", "by: 1", "by: 1.5", "1.5", "expected a whole number, got a decimal number (1.5)"),
        (
            "alpha.yaml",
            "name: Promise",
            "name: yes",
            "yes",
            "expected text, got true/false (true); put it in quotes",
        ),
        ("alpha.yaml", "targets: [bravo]", "targets: bravo", "bravo", "for one item write `[bravo]`"),
        (
            "alpha.yaml",
            "cost: {funds: 1}",
            "cost: 1",
            "1",
            "expected a mapping (key: value), got a number (1)",
        ),
        ("scenario.yaml", "rounds: 4", "rounds: [4]", "[4]", "expected a whole number, got a list"),
        (
            "scenario.yaml",
            "control: bot",
            "control: robot",
            "robot",
            "`robot` is not allowed here; use one of: human, bot",
        ),
        (
            "scenario.yaml",
            "catastrophe: true",
            "catastrophe: 1",
            "1",
            "expected true or false, got a number (1)",
        ),
        ("bravo.yaml", 'roll: "1-2"', "roll: one", "one", "`roll` takes a range such as `3-4` or `5`"),
        (
            "crisis.yaml",
            "      - set_flag: summit",
            "      - summit",
            "summit",
            "expected effect (a mapping such as `shift: ...`)",
        ),
    ],
)
def test_wrong_type_is_located_at_the_value(
    mini: Path, file: str, old: str, new: str, needle: str, message: str
) -> None:
    text = edit(mini, file, old, new)
    p = only(problems(mini))
    assert where(p) == (file, *within(text, new, needle))
    assert message in p.message


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "message"),
    [
        (
            "scenario.yaml",
            "start: 2\n    thresholds",
            "start: 12\n    thresholds",
            "12",
            "start 12 is outside the bounds 0..10",
        ),
        (
            "scenario.yaml",
            "start: {funds: 3}",
            "start: {funds: 30}",
            "30",
            "30 is outside the bounds of `funds` (0..10)",
        ),
        (
            "scenario.yaml",
            "      - at: 10",
            "      - at: 11",
            "11",
            "threshold 11 is outside the bounds 0..10",
        ),
        (
            "crisis.yaml",
            "        by: -2",
            "        to: 11",
            "11",
            "11 is outside the bounds of `heat` (0..10)",
        ),
        ("scenario.yaml", "rounds: 4", "rounds: 0", "0", "`rounds` must be from 1 to 99"),
        ("alpha.yaml", "cost: {funds: 1}", "cost: {funds: -1}", "-1", "a cost cannot be negative"),
        ("bravo.yaml", "roll: 1d6", "roll: 1d1", "1d1", "dice are written like `1d6`"),
        ("bravo.yaml", "roll: 3-6", "roll: 4-6", "4-6", "the table skips or repeats results"),
    ],
)
def test_out_of_range_value_is_located_at_the_value(
    mini: Path, file: str, old: str, new: str, needle: str, message: str
) -> None:
    if "to: 11" in new:
        edit(mini, file, "      - shift: heat\n        by: -2", "      - set: heat\n        by: -2")
    text = edit(mini, file, old, new)
    p = only(problems(mini))
    assert where(p) == (file, *within(text, new, needle))
    assert message in p.message


def test_unknown_effect_kind(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "- set_flag: summit", "- set_flga: summit")
    p = only(problems(mini))
    assert where(p) == ("crisis.yaml", *at(text, "set_flga"))
    assert p.message == "`set_flga`: unknown effect kind; did you mean `set_flag`?"


def test_unknown_condition_and_phase_kinds(mini: Path) -> None:
    text = edit(mini, "scenario.yaml", "when: [{flag: summit}]", "when: [{flga: summit}]")
    text = edit(mini, "scenario.yaml", "  - sealed: Headline", "  - seald: Headline")
    found = problems(mini)
    assert [where(p) for p in found] == [
        ("scenario.yaml", *at(text, "seald")),
        ("scenario.yaml", *at(text, "flga")),
    ]
    assert found[0].message == "`seald`: unknown phase kind; did you mean `sealed`?"
    assert found[1].message == "`flga`: unknown condition kind; did you mean `flag`?"


def test_one_kind_per_item(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "- set_flag: summit", "- set_flag: summit\n        say: hi")
    p = only(problems(mini))
    assert where(p) == ("crisis.yaml", *at(text, "say"))
    assert p.message == "one effect per item: found both `set_flag` and `say`"


def test_round_condition_needs_bounds(mini: Path) -> None:
    text = edit(mini, "scenario.yaml", "{round: {at_least: 2}}", "{round: 2}")
    p = only(problems(mini))
    assert where(p) == ("scenario.yaml", *at(text, "2}]"))
    assert "write `round: {at_least: N}`" in p.message


# --------------------------------------------------------------------------- references


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("crisis.yaml", "shift: heat", "shift: haet", "`haet`: no such track; did you mean `heat`?"),
        (
            "alpha.yaml",
            "targets: [bravo]",
            "targets: [bravp]",
            "`bravp`: no such seat (or `others`); did you mean `bravo`?",
        ),
        ("alpha.yaml", "seat: target", "seat: bravoo", "`bravoo`: no such seat; did you mean `bravo`?"),
        (
            "bravo.yaml",
            "add_card: promise",
            "add_card: promis",
            "`promis`: no such card; did you mean `promise`?",
        ),
        (
            "crisis.yaml",
            "set_flag: summit",
            "set_flag: sumit",
            "`sumit`: no such flag; did you mean `summit`?",
        ),
        ("alpha.yaml", "relation: ab", "relation: abb", "`abb`: no such relation; did you mean `ab`?"),
        ("scenario.yaml", "end: war", "end: wat", "`wat`: no such outcome; did you mean `war`?"),
        ("scenario.yaml", "deck: crisis", "deck: crises", "`crises`: no such deck; did you mean `crisis`?"),
        (
            "scenario.yaml",
            "points: {bravo: -1}",
            "points: {bravoo: -1}",
            "`bravoo`: no such seat; did you mean `bravo`?",
        ),
        ("crisis.yaml", "side: bravo", "side: brav", "`brav`: no such seat; did you mean `bravo`?"),
        (
            "scenario.yaml",
            "{track: funds, seat: bravo",
            "{track: funds, seat: bravvo",
            "`bravvo`: no such seat; did you mean `bravo`?",
        ),
        (
            "scenario.yaml",
            "start: {funds: 3}",
            "start: {fund: 3}",
            "`fund`: no seat track of that name; did you mean `funds`?",
        ),
        (
            "alpha.yaml",
            "kind: diplomacy",
            "kind: diplomaci",
            "not one of the scenario's card_kinds; did you mean `diplomacy`?",
        ),
    ],
)
def test_unknown_reference_is_located_and_suggests(
    mini: Path, file: str, old: str, new: str, message: str
) -> None:
    text = edit(mini, file, old, new)
    p = only(problems(mini))
    word = message.split("`")[1] if message.startswith("`") else new.split(": ")[-1]
    assert where(p) == (file, *at(text, word))
    assert message in p.message


def test_self_without_a_seat(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "      - set_flag: summit", "      - draw: self")
    p = only(problems(mini))
    assert where(p) == ("crisis.yaml", *at(text, "self"))
    assert p.message == "`self` names no seat in card summit: give the card a `side`"


def test_duplicate_ids_within_and_across_files(mini: Path) -> None:
    card = "  - id: powder\n    name: X\n    kind: diplomacy\n    text: t\n    source: 'Bravo keeps its powder dry'\n"
    text = edit(mini, "bravo.yaml", "  - id: powder\n", card + "  - id: powder\n")
    crisis = (mini / "crisis.yaml").read_text(encoding="utf-8")
    alpha = edit(mini, "alpha.yaml", "id: warn", "id: summit")
    found = [p for p in problems(mini) if p.message.startswith("duplicate")]
    assert [(where(p), p.message) for p in found] == [
        (
            ("alpha.yaml", *at(alpha, "summit")),
            f"duplicate card id `summit` (first in {mini / 'crisis.yaml'}:{at(crisis, 'id: summit')[0]})",
        ),
        (
            ("bravo.yaml", *within(text, "id: powder\n    name: Dry", "powder")),
            f"duplicate card id `powder` (first at line {at(text, 'powder')[0]})",
        ),
    ]


def test_duplicate_seat_id(mini: Path) -> None:
    text = edit(mini, "scenario.yaml", "  - id: bravo\n    name: Bravo", "  - id: alpha\n    name: Bravo")
    found = problems(mini)
    assert ("scenario.yaml", *at(text, "alpha", 3)) in [where(p) for p in found]
    assert any(p.message.startswith("duplicate seat id `alpha` (first at line") for p in found)


def test_bad_id_word() -> None:
    p = only(deck_problems("deck: My Deck\nname: D\nkind: action\ncards: []\n"))
    assert (p.line, p.col) == (1, 7)
    assert p.message == "`My Deck`: a deck id is a lowercase word (a-z, 0-9, _ and -)"


def test_source_not_in_article(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "every summit lowers it", "every summit lowers them")
    p = only(problems(mini))
    assert where(p) == ("crisis.yaml", *at(text, '"every summit'))
    assert p.message == (
        "`source` is not a verbatim phrase of article.txt; quote it exactly, or name the work it comes from with `cite`"
    )


# --------------------------------------------------------------------------- citations

CITE = """    cite:
      title: "China suspends North Korean coal imports"
      url: https://example.org/coal
      date: "2017-02-18"
"""


def test_a_quote_with_a_citation_comes_from_the_cited_work_not_the_article(mini: Path) -> None:
    edit(
        mini,
        "crisis.yaml",
        '    source: "every summit lowers it for a season"\n',
        '    source: "Beijing announced it would suspend all coal imports"\n' + CITE,
    )
    assert problems(mini) == []
    card = load_scenario(mini).cards["summit"]
    assert card.cite is not None and card.cite.date == "2017-02-18"
    assert card.credit == (
        "“Beijing announced it would suspend all coal imports” — "
        "China suspends North Korean coal imports, 2017-02-18, https://example.org/coal"
    )


def test_a_citation_alone_is_enough(mini: Path) -> None:
    edit(mini, "crisis.yaml", '    source: "every summit lowers it for a season"\n', CITE)
    assert problems(mini) == []
    assert load_scenario(mini).cards["summit"].credit.startswith("China suspends")


def test_a_card_with_neither_quote_nor_citation(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", '    source: "every summit lowers it for a season"\n', "")
    p = only(problems(mini))
    assert where(p) == ("crisis.yaml", *at(text, "id: summit"))
    assert "needs a `source` (a quote of the article) or a `cite`" in p.message


def test_a_citation_needs_a_title_and_a_web_address(mini: Path) -> None:
    text = edit(
        mini,
        "crisis.yaml",
        '    source: "every summit lowers it for a season"\n',
        "    cite: {title: '', url: example.org}\n",
    )
    found = problems(mini)
    assert [(where(p), p.message) for p in found] == [
        (("crisis.yaml", *at(text, "''")), "a citation needs a `title`: the work the card comes from"),
        (
            ("crisis.yaml", *at(text, "example.org")),
            "`url` is a web address starting with https:// or http://",
        ),
    ]


def test_a_citations_scenario_wants_a_citation_on_every_card(mini: Path) -> None:
    edit(mini, "scenario.yaml", "article: article.txt", "sources: citations")
    text = edit(mini, "crisis.yaml", '    source: "every summit lowers it for a season"\n', CITE)
    found = problems(mini)
    assert found and all("`sources: citations`" in p.message for p in found)
    assert ("crisis.yaml", *at(text, '"Every provocation')) in [where(p) for p in found]
    assert not any(where(p)[1] == at(text, "id: summit")[0] for p in found)


def test_source_matches_across_line_breaks_and_typographic_quotes(mini: Path) -> None:
    edit(
        mini,
        "crisis.yaml",
        "Every provocation raises the temperature",
        "Every  provocation raises the temperature",
    )
    assert problems(mini) == []


# ------------------------------------------------------------- every error at once, once


def test_every_error_at_once_across_files(mini: Path) -> None:
    scenario = edit(mini, "scenario.yaml", "rounds: 4", "rouns: 4")
    crisis = edit(mini, "crisis.yaml", "shift: heat", "shift: haet")
    alpha = edit(mini, "alpha.yaml", "name: Promise", "nmae: Promise")
    bravo = edit(mini, "bravo.yaml", "roll: 3-6", "roll: 3-5")
    found = problems(mini)
    assert [where(p) for p in found] == [
        ("alpha.yaml", *at(alpha, "nmae")),
        ("bravo.yaml", *at(bravo, '- roll: "1-2"')),
        ("crisis.yaml", *at(crisis, "haet")),
        ("scenario.yaml", *at(scenario, "rouns")),
    ]
    assert "covers 1-5 but 1d6 rolls 1-6" in found[1].message
    # the scenario, which failed to structure, was still checked through: `haet` was found.


def test_one_bad_card_does_not_hide_the_others(mini: Path) -> None:
    edit(mini, "alpha.yaml", "name: Promise", "name: [Promise]")
    edit(mini, "alpha.yaml", "name: Warning", "name: {a: 1}")
    edit(mini, "alpha.yaml", "        by: 1", "        by: x")
    assert len(problems(mini)) == 3


def test_a_broken_item_causes_no_cascade_of_unknown_references(mini: Path) -> None:
    edit(mini, "scenario.yaml", "    scope: seat\n", "    scope: seats\n")  # funds is left out
    edit(mini, "scenario.yaml", "  - id: summit\n    name: Summit held", "  - id: summit\n    nme: x")
    edit(mini, "scenario.yaml", "  - id: ab\n", "  - id: ab\n    bogus: 1\n")
    found = problems(mini)
    assert [p.message.split(";")[0] for p in found] == [
        "`bogus`: unknown key",
        "`seats` is not allowed here",
        "`nme`: unknown key",
    ]


def test_an_unreadable_deck_causes_no_cascade(mini: Path) -> None:
    (mini / "alpha.yaml").write_text("deck: alpha\ncards: [\n", encoding="utf-8")
    p = only(problems(mini))  # bravo's `add_card: promise` is not "no such card"
    assert Path(p.file).name == "alpha.yaml"


def test_a_deck_that_fails_as_a_whole_keeps_its_ids(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "kind: crisis", "kind: crises")
    p = only(problems(mini))  # the crisis phase's `deck: crisis` still names it
    assert where(p) == ("crisis.yaml", *at(text, "crises"))
    assert p.message == "`crises` is not allowed here; use one of: crisis, action; did you mean `crisis`?"


def test_messages_are_one_line() -> None:
    p = only(deck_problems("deck: d\nname: D\x00\n"))
    assert "\n" not in str(p)
    assert "\x00" not in str(p)


def test_validate_reports_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    assert [p.message for p in validate([str(tmp_path / "nope")])] == ["no such file or folder"]
    assert [p.message for p in validate([str(tmp_path)])] == ["no scenario.yaml found here or below"]


def test_load_deck_reads_a_file(tmp_path: Path) -> None:
    deck = load_deck(MINI / "bravo.yaml")
    assert deck.id == "bravo"
    assert deck.cards[0].deck == "bravo"
    with pytest.raises(LoadError) as e:
        load_deck(tmp_path / "absent.yaml")
    assert "cannot read the file" in e.value.problems[0].message


# ------------------------------------------------------------ valid forms, right classes

CARD = """deck: d
name: D
kind: action
cards:
  - id: c
    name: C
    kind: k
    text: t
    source: "a long enough source"
"""


def card_of(extra: str) -> model.Card:
    """The one card of a deck whose card has `extra` YAML lines added."""
    return load_deck_text(CARD + extra, "deck.yaml").cards[0]


@pytest.mark.parametrize(
    ("yaml_form", "effect"),
    [
        ("{shift: heat, by: 2}", vocab.Shift("heat", 2)),
        ("{shift: funds, seat: others, by: -1}", vocab.Shift("funds", -1, seat="others")),
        ("{shift: trust, relation: ab, by: 1}", vocab.Shift("trust", 1, relation="ab")),
        ("{set: heat, to: 3}", vocab.SetTrack("heat", 3)),
        ("{set_flag: summit}", vocab.SetFlag("summit")),
        ("{clear_flag: summit}", vocab.ClearFlag("summit")),
        ("{draw: self, count: 2}", vocab.Draw("self", 2)),
        ("{discard: target, random: true}", vocab.Discard("target", random=True)),
        ("{add_card: promise, into: hand}", vocab.AddCard("promise", "hand")),
        ("{remove_card: self}", vocab.RemoveCard("self")),
        ("{skip: target}", vocab.Skip("target")),
        ("{end_game: war}", vocab.EndGame("war")),
        ("{say: 87 stores shut}", vocab.Say("87 stores shut")),
        (
            "{ongoing: Drills, rounds: 2, effects: [{shift: heat, by: -1}]}",
            vocab.Ongoing("Drills", 2, (vocab.Shift("heat", -1),)),
        ),
    ],
)
def test_effect_forms(yaml_form: str, effect: vocab.Effect) -> None:
    assert card_of(f"    effects: [{yaml_form}]\n").effects == (effect,)


def test_if_then_else() -> None:
    card = card_of(
        "    effects:\n"
        "      - if: {flag: summit}\n"
        "        then: [{say: held}]\n"
        "        else: [{say: not held}]\n"
    )
    assert card.effects == (
        vocab.If(vocab.FlagIs("summit"), then=(vocab.Say("held"),), else_=(vocab.Say("not held"),)),
    )


def test_roll_table_rows() -> None:
    card = card_of(
        "    effects:\n"
        "      - roll: 2d6\n"
        "        plus: [{track: funds, seat: self}]\n"
        "        minus: [{track: heat}]\n"
        "        table:\n"
        '          - roll: "1-2"\n'
        "            effects: [{say: low}]\n"
        "          - roll: 3..6\n"
        "          - roll: 7\n"
        "            text: exactly seven\n"
        "          - roll: 8–12\n"
    )
    (roll,) = card.effects
    assert roll == vocab.Roll(
        "2d6",
        (
            vocab.RollRow(1, 2, (vocab.Say("low"),)),
            vocab.RollRow(3, 6),
            vocab.RollRow(7, 7, text="exactly seven"),
            vocab.RollRow(8, 12),
        ),
        plus=(vocab.TrackRef("funds", seat="self"),),
        minus=(vocab.TrackRef("heat"),),
    )


def test_choose_options() -> None:
    card = card_of(
        "    effects:\n"
        "      - choose: target\n"
        "        prompt: Back down?\n"
        "        options:\n"
        "          - label: Back down\n"
        "            text: Funds -1.\n"
        "            effects: [{shift: funds, seat: target, by: -1}]\n"
        "          - label: Stand firm\n"
        "            requires: [{flag: summit}]\n"
    )
    assert card.effects == (
        vocab.Choose(
            "target",
            "Back down?",
            (
                vocab.Option("Back down", (vocab.Shift("funds", -1, seat="target"),), text="Funds -1."),
                vocab.Option("Stand firm", requires=(vocab.FlagIs("summit"),)),
            ),
        ),
    )


@pytest.mark.parametrize(
    ("yaml_form", "condition"),
    [
        ("{track: heat, at_least: 7}", vocab.TrackIs("heat", at_least=7)),
        # `seat:` here is a parameter of `track:`, not the `seat:` condition
        ("{track: funds, seat: bravo, at_least: 3}", vocab.TrackIs("funds", seat="bravo", at_least=3)),
        ("{track: trust, relation: ab, at_most: 2}", vocab.TrackIs("trust", relation="ab", at_most=2)),
        ("{flag: summit}", vocab.FlagIs("summit")),
        ("{round: {at_least: 3}}", vocab.RoundIs(at_least=3)),
        ("{round: {at_least: 2, at_most: 5}}", vocab.RoundIs(2, 5)),
        ("{seat: [alpha, bravo]}", vocab.SeatIs(("alpha", "bravo"))),
        ("{not: {flag: summit}}", vocab.Not(vocab.FlagIs("summit"))),
        (
            "{all: [{flag: summit}, {any: [{round: {at_most: 2}}, {seat: [alpha]}]}]}",
            vocab.All(
                (vocab.FlagIs("summit"), vocab.Any((vocab.RoundIs(at_most=2), vocab.SeatIs(("alpha",)))))
            ),
        ),
    ],
)
def test_condition_forms(yaml_form: str, condition: vocab.Condition) -> None:
    assert card_of(f"    requires: [{yaml_form}]\n").requires == (condition,)


def test_phase_forms_and_scenario_structure() -> None:
    sc = load_scenario(MINI)
    assert sc.round == (
        model.CrisisPhase("Crisis", "crisis"),
        model.SealedPhase("Headline", when=(vocab.RoundIs(at_least=2),)),
        model.ActionPhase("Actions"),
        model.UpkeepPhase("Upkeep", effects=(vocab.Shift("funds", 1, seat="all"),)),
    )
    assert sc.seat("bravo").control == "bot"
    assert sc.track_by_id["trust"].scope == "relation"
    assert sc.cards["warn"].targets == ("bravo",)
    assert [c.deck for c in sc.decks[1].cards] == ["alpha", "alpha"]
    assert len(sc.digest) == 64


@pytest.mark.parametrize("text", ["null", "~", "Null\n"])
def test_a_document_of_only_null(text: str) -> None:
    p = only(deck_problems(text))
    assert (p.line, p.col) == (1, 1)
    assert p.message == "a deck file is a mapping (`deck: id`, `cards: [...]`), not nothing (null)"


def test_a_number_too_long_to_read() -> None:
    p = only(deck_problems("deck: d\nname: D\nkind: action\ncards: []\nowner: " + "9" * 5000 + "\n"))
    assert (p.line, p.col) == (5, 8)
    assert "too long a number" in p.message


def test_a_number_too_large(mini: Path) -> None:
    text = edit(mini, "crisis.yaml", "        by: 1", "        by: 10000000")
    p = only(problems(mini))
    assert where(p) == ("crisis.yaml", *at(text, "10000000"))
    assert p.message == "10,000,000 is too large: numbers in a deck stay within ±1,000,000"


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as f:
        f.truncate(10**10)  # sparse: ten gigabytes that take no disk
    p = only(validate([str(huge)]))
    assert (p.line, p.col) == (1, 1)
    assert p.message == f"file is too large (10,000,000,000 bytes; the limit is {MAX_BYTES:,})"


def test_long_values_are_cut_short_in_messages(mini: Path) -> None:
    edit(mini, "crisis.yaml", "shift: heat", "shift: " + "h" * 5000)
    p = only(problems(mini))
    assert len(p.message) < 100
    assert "…" in p.message


def test_an_empty_list_item_is_located_in_its_file() -> None:
    found = deck_problems("deck: d\nname: D\nkind: action\ncards:\n  -\n  - 3\n")
    assert [(p.file, p.line, p.col) for p in found] == [("deck.yaml", 5, 4), ("deck.yaml", 6, 5)]
    assert found[0].message.startswith("expected a card (a mapping with keys such as id, name")
    assert found[0].message.endswith("got nothing (null)")


def test_a_deck_file_missing_its_keys_is_located_in_that_file(mini: Path) -> None:
    (mini / "alpha.yaml").write_text("0:\n", encoding="utf-8")
    found = problems(mini)  # and not "no such card `promise`" from bravo's deck
    assert {where(p) for p in found} == {("alpha.yaml", 1, 1)}
    assert "missing required key `cards` in this deck" in [p.message for p in found]


def test_crisis_cards_take_no_requires_or_headline(tmp_path: Path) -> None:
    """A crisis card is drawn, never played: `requires` and `headline` would be ignored."""
    text = """
deck: crisis
name: Crisis
kind: crisis
cards:
  - id: quake
    name: Quake
    kind: event
    text: Nothing happens.
    source: "a card written for the tests"
    requires: [{flag: ready}]
    headline: false
"""
    with pytest.raises(LoadError) as err:
        load_deck_text(text, "crisis.yaml")
    messages = [(p.line, p.message) for p in err.value.problems]
    assert any(line == 11 and "remove `requires`" in m for line, m in messages)
    assert any(line == 12 and "never a headline" in m for line, m in messages)
