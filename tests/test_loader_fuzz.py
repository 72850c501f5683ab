"""Invariant 8, fuzzed: for any input, the loader returns a deck (or scenario) or raises
`LoadError` whose every problem names a file, a line and a column inside the input, in
one line of text; never any other exception.

Inputs: random text and bytes; text made of YAML's own punctuation; and the real decks
of `decks/nea2017` with random mutations (lines deleted, duplicated, swapped or
re-indented, tokens replaced, tabs and junk inserted, the file cut short), both as a lone
deck and inside a copy of the whole scenario. The `ci` profile keeps this to a few
seconds; `HYPOTHESIS_PROFILE=deep` runs it far harder.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import LoadError, load_deck_text, load_scenario, model

ROOT = Path(__file__).resolve().parent.parent
NEA2017 = ROOT / "decks" / "nea2017"
FILES = {p.name: p.read_text(encoding="utf-8") for p in sorted(NEA2017.glob("*.yaml"))}
DECK_FILES = sorted(name for name in FILES if name != "scenario.yaml")
# The lines as YAML counts them, so a position can be checked to lie inside the text.
YAML_LINES = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Words and punctuation that make YAML and the loader take other paths.
JUNK = [
    "",
    " ",
    "\t",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "#",
    "|",
    ">",
    "&a",
    "*a",
    "<<: *a",
    "!!python/object/apply:os.system ['false']",
    "!!binary aGk=",
    "!tag",
    "~",
    "null",
    "yes",
    "no",
    "-1",
    "0",
    "1.5",
    "1e309",
    "99999999999999999999",
    "9" * 5000,  # past Python's limit on turning digits into an int
    "2017-05-09",
    "---",
    "...",
    "%YAML 1.2",
    "? ",
    "\x00",
    "\ufeff",
    "\u2028",
    "é",
    "shift",
    "effects",
    "cards",
    "roll",
    "table",
    "if",
    "then",
    "else",
    "choose",
    "options",
    "round",
    "seat",
    "track",
    "at_least",
    "self",
    "target",
]
TOKEN = re.compile(r"[\w-]+|[^\w\s]")


def line_count(text: str) -> int:
    return len(YAML_LINES.split(text))


def assert_located(e: LoadError, files: set[str], text: str | None = None) -> None:
    """Every problem is located in a known file, at a line and column from 1, in one line."""
    assert e.problems, "a LoadError with no problem"
    for p in e.problems:
        assert p.file in files or str(Path(p.file).resolve()) in files, p
        assert p.line >= 1 and p.col >= 1, p
        assert p.message.strip(), p
        assert "\n" not in str(p) and "\r" not in str(p), p
        if text is not None:
            assert p.line <= line_count(text) + 1, p


def load_holds(text: str | bytes, file: str = "fuzz.yaml") -> model.Deck | None:
    """Load text as a deck: a Deck, or a LoadError that is fully located."""
    try:
        deck = load_deck_text(text, file)
    except LoadError as e:
        shown = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
        assert_located(e, {file}, shown)
        return None
    assert isinstance(deck, model.Deck)
    return deck


# ---------------------------------------------------------------------------- mutations


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with one to four random edits of the kinds a hand editor makes."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(["delete", "duplicate", "swap", "indent", "token", "tab", "junk", "truncate"])
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            shift = draw(st.integers(-4, 4))
            stripped = lines[i].lstrip(" ")
            indent = max(0, len(lines[i]) - len(stripped) + shift)
            lines[i] = " " * indent + stripped
        elif op == "token":
            tokens = list(TOKEN.finditer(lines[i]))
            if tokens:
                m = draw(st.sampled_from(tokens))
                pool = draw(st.sampled_from([JUNK, TOKEN.findall(text)[:400]]))
                lines[i] = lines[i][: m.start()] + draw(st.sampled_from(pool)) + lines[i][m.end() :]
        elif op == "tab":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + "\t" + lines[i][at:]
        elif op == "junk":
            at = draw(st.integers(0, len(lines[i])))
            junk = draw(st.one_of(st.sampled_from(JUNK), st.text(max_size=8)))
            lines[i] = lines[i][:at] + junk + lines[i][at:]
        else:
            joined = "\n".join(lines)
            lines = joined[: draw(st.integers(0, len(joined)))].split("\n")
    return "\n".join(lines)


def mutated_file() -> st.SearchStrategy[tuple[str, str]]:
    """(file name, mutated text) for one file of the real scenario."""
    return st.sampled_from(sorted(FILES)).flatmap(lambda name: st.tuples(st.just(name), mutated(FILES[name])))


# ------------------------------------------------------------------------- random input


@given(st.text())
def test_random_text(text: str) -> None:
    load_holds(text)


@given(st.binary())
def test_random_bytes(data: bytes) -> None:
    load_holds(data)


@given(st.lists(st.sampled_from([*JUNK, "\n", "\n  ", "\n    ", "a", "b", "1"]), max_size=40).map("".join))
def test_yaml_punctuation(text: str) -> None:
    load_holds(text)


@given(st.sampled_from(DECK_FILES), st.binary(max_size=16), st.integers(0, 10_000))
def test_bytes_spliced_into_a_real_deck(name: str, junk: bytes, where: int) -> None:
    data = FILES[name].encode("utf-8")
    at = where % (len(data) + 1)
    load_holds(data[:at] + junk + data[at:], name)


# ---------------------------------------------------------------------- mutated decks


def test_the_real_decks_load_unmutated() -> None:
    for name in DECK_FILES:
        assert load_holds(FILES[name], name) is not None


@given(st.sampled_from(DECK_FILES).flatmap(lambda name: st.tuples(st.just(name), mutated(FILES[name]))))
def test_mutated_deck(case: tuple[str, str]) -> None:
    name, text = case
    load_holds(text, name)


@pytest.fixture(scope="module")
def scenario_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the real scenario for the module; each example mutates one file of it
    and puts the file back."""
    return Path(shutil.copytree(NEA2017, tmp_path_factory.mktemp("fuzz") / "nea2017"))


@settings(max_examples=max(10, settings().max_examples // 2))
@given(case=mutated_file())
def test_mutated_scenario(scenario_copy: Path, case: tuple[str, str]) -> None:
    name, text = case
    path = scenario_copy / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_scenario(scenario_copy)
    except LoadError as e:
        files = {str((scenario_copy / n).resolve()) for n in [*FILES, "article.txt", "."]}
        assert_located(e, files)
        for p in e.problems:
            if Path(p.file).resolve() == path.resolve():
                assert p.line <= line_count(text) + 1, p
    finally:
        path.write_text(FILES[name], encoding="utf-8")
