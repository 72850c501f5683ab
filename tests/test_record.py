"""The game record: a round trip through JSON, replay to the same state, and refusal of
every damaged record with a RecordError saying what is wrong; files written atomically
and only ever read by `read`."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from game.engine import Scenario, load_scenario, new_game, step
from game.engine.bots import BOTS
from game.engine.model import Ending, GameState, Pass
from game.engine.record import (
    FORMAT,
    VERSION,
    DecksChanged,
    Player,
    Record,
    RecordError,
    check_scenario,
    dumps,
    loads,
    read,
    replay,
    rules_digest,
    write,
)
from game.engine.sim import play_out

RECORDS = Path(__file__).parent / "data" / "records"
PLAYERS = (Player("usa", "human", "Ana"), Player("dprk", "random"), Player("china", "heuristic"))


def midgame(scenario: Scenario, seed: int = 5, steps: int = 30) -> GameState:
    """A game part played by random bots, with a rationale on every other action."""
    state = new_game(scenario, seed)
    for n in range(steps):
        action = BOTS["random"](state)
        state = step(state, action if n % 2 else evolve(action, why=f"reason {n} — «ok»"))
    return state


@pytest.fixture(scope="module")
def game(nea2017: Scenario) -> GameState:
    return midgame(nea2017)


@pytest.fixture(scope="module")
def text(game: GameState) -> str:
    return dumps(Record.of(game, PLAYERS))


def edited(text: str, change: Any) -> str:
    """The record changed by hand, its steps' digest dropped (as in a record from before
    it was kept), so that every step is still checked by replaying it."""
    data = json.loads(text)
    change(data)
    data.pop("steps", None)
    return json.dumps(data)


# ------------------------------------------------------------------------------ round trip


def test_a_record_survives_dumps_and_loads(game: GameState, text: str) -> None:
    record = loads(text)
    assert record == Record.of(game, PLAYERS)
    assert any(a.why for a in record.actions)
    assert dumps(record) == text  # stable: the same record, the same bytes


def test_replay_rebuilds_the_same_state(nea2017: Scenario, game: GameState, text: str) -> None:
    assert replay(loads(text), nea2017) == game
    finished = play_out(new_game(nea2017, 11), {s: "random" for s in nea2017.seat_ids})
    assert replay(loads(dumps(Record.of(finished, PLAYERS))), nea2017) == finished


def test_the_control_log_survives_the_round_trip(game: GameState) -> None:
    record = Record.of(game, PLAYERS, ("Q2 2017: control set tension to 5",))
    assert loads(dumps(record)) == record


def test_a_record_saved_by_format_1_still_loads_and_replays() -> None:
    """tests/data/records/flow-v1.json was saved by the code of December 2026 (record
    format 1). Never regenerate it: a later format must go on reading it."""
    record = read(RECORDS / "flow-v1.json")
    assert record.players == (Player("north", "human", "Aiko"), Player("south", "random"))
    assert record.control_log == ("undo by the facilitator",)
    assert record.actions[0] == Pass("north", why="opening move")
    state = replay(record, load_scenario(RECORDS / "flow"))
    assert (len(state.history), state.ending, state.tracks) == (9, Ending("calm", 2), (3, 5, 3))


def test_a_record_is_plain_json_with_format_and_version(text: str) -> None:
    data = json.loads(text)
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    assert data["actions"][0]["type"] in ("play", "pass", "pick", "discard")


# -------------------------------------------------------------------------------- refusals


def test_a_tampered_action_does_not_replay(nea2017: Scenario, text: str) -> None:
    def swap(data: dict[str, Any]) -> None:
        data["actions"][3] = {"type": "play", "seat": data["actions"][3]["seat"], "card": "usa-talks"}

    tampered = loads(edited(text, swap))
    with pytest.raises(RecordError, match=r"^action 4 \(play by \w+\) does not replay: "):
        replay(tampered, nea2017)


def test_an_action_by_the_wrong_seat_does_not_replay(nea2017: Scenario, text: str) -> None:
    def reseat(data: dict[str, Any]) -> None:
        data["actions"][0]["seat"] = "russia" if data["actions"][0]["seat"] != "russia" else "usa"

    with pytest.raises(RecordError, match=r"action 1 .* does not replay: it is .* decision"):
        replay(loads(edited(text, reseat)), nea2017)


def test_an_action_naming_what_the_scenario_lacks_does_not_replay(nea2017: Scenario, text: str) -> None:
    def unknown(data: dict[str, Any]) -> None:
        data["actions"][0] = {"type": "play", "seat": data["actions"][0]["seat"], "card": "no-such-card"}

    with pytest.raises(RecordError, match="action 1"):
        replay(loads(edited(text, unknown)), nea2017)


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_a_truncated_record_is_refused_with_its_place(text: str, keep: float) -> None:
    with pytest.raises(RecordError, match=r"^game\.json:\d+:\d+: not valid JSON .*truncated"):
        loads(text[: int(len(text) * keep)], "game.json")


def _edited_copy(nea2017: Scenario, tmp_path: Path, file: str, old: str, new: str) -> Scenario:
    folder = tmp_path / "nea2017"
    shutil.copytree(nea2017.path, folder)
    path = folder / file
    before = path.read_text(encoding="utf-8")
    assert old in before
    path.write_text(before.replace(old, new, 1), encoding="utf-8")
    return load_scenario(folder)


COST = ("china.yaml", "cost: {resources: 2}", "cost: {resources: 3}")
WORDING = ("crisis.yaml", "name: Nuclear Test", "name: Nuclear Test (edited)")


def test_a_record_of_changed_rules_is_refused_naming_what_changed(
    nea2017: Scenario, text: str, tmp_path: Path
) -> None:
    """Issue 11.13: a cost changed is a rule changed: named, and replayed only on request."""
    changed = _edited_copy(nea2017, tmp_path, *COST)
    assert rules_digest(changed) != rules_digest(nea2017)
    with pytest.raises(
        DecksChanged, match=r"decks of 'nea2017' have changed .*\(changed: card Coal Imports Suspended\)"
    ):
        replay(loads(text), changed)
    assert replay(loads(text), changed, verify_digest=False).history == loads(text).actions
    old = edited(text, lambda d: d.pop("parts"))
    with pytest.raises(RecordError, match="too old to say what changed"):
        replay(loads(old), changed)


def test_a_record_of_decks_changed_only_in_wording_goes_on_with_a_warning(
    nea2017: Scenario, text: str, tmp_path: Path
) -> None:
    """Issue 11.13: names and texts are not rules; the warning names what changed."""
    reworded = _edited_copy(nea2017, tmp_path, *WORDING)
    assert rules_digest(reworded) == rules_digest(nea2017) and reworded.digest != nea2017.digest
    warning = check_scenario(loads(text), reworded)
    assert "text changed" in warning and "card Nuclear Test (edited)" in warning
    assert "\n" not in warning
    assert replay(loads(text), reworded).history == loads(text).actions
    old = edited(text, lambda d: d.pop("rules"))  # saved before the rules were hashed: as before
    with pytest.raises(DecksChanged, match="card Nuclear Test"):
        replay(loads(old), reworded)
    assert replay(loads(old), nea2017).history == loads(text).actions


def test_a_comment_in_the_decks_changes_nothing_the_game_depends_on(
    nea2017: Scenario, text: str, tmp_path: Path
) -> None:
    folder = tmp_path / "nea2017"
    shutil.copytree(nea2017.path, folder)
    with (folder / "usa.yaml").open("a", encoding="utf-8") as f:
        f.write("# a facilitator's note\n")
    noted = load_scenario(folder)
    assert noted.digest != nea2017.digest
    assert "only in comments or layout" in check_scenario(loads(text), noted)
    again, before = replay(loads(text), noted), replay(loads(text), nea2017)
    assert again == evolve(before, digest=noted.digest)


def test_a_record_of_another_scenario_is_refused(effects_bench: Scenario, text: str) -> None:
    with pytest.raises(RecordError, match="a game of 'nea2017', not 'effects'"):
        replay(loads(text), effects_bench)


def test_a_record_seating_an_unknown_seat_is_refused(nea2017: Scenario, text: str) -> None:
    record = loads(edited(text, lambda d: d["players"].append({"seat": "taiwan"})))
    with pytest.raises(RecordError, match="'taiwan'"):
        replay(record, nea2017)


@pytest.mark.parametrize(
    ("version", "says"),
    [
        (
            VERSION + 1,
            f"made by a newer Brinkmanship \\(record format {VERSION + 1}\\); this one reads format {VERSION}",
        ),
        (0, "record format 0 is no longer supported"),
        ("1", "no format version"),
        (True, "no format version"),
        (None, "no format version"),
    ],
)
def test_format_versions_other_than_ours_are_refused(text: str, version: Any, says: str) -> None:
    with pytest.raises(RecordError, match=says):
        loads(edited(text, lambda d: d.update(version=version)))


BAD = [
    (lambda d: d.update(format="something-else"), "not a Brinkmanship record"),
    (lambda d: d.update(seed="5"), "the seed must be a whole number"),
    (lambda d: d.update(seed=True), "the seed must be a whole number"),
    (lambda d: d.update(scenario=7), "scenario and digest must be text"),
    (lambda d: d.pop("digest"), "missing field 'digest'"),
    (lambda d: d.update(players=5), "must be a list"),
    (lambda d: d.update(actions=5), "must be a list"),
    (lambda d: d["actions"].__setitem__(0, "pass"), "action 1: an action is a JSON object"),
    (lambda d: d["actions"].__setitem__(0, {"type": "jump", "seat": "usa"}), "unknown action type 'jump'"),
    (lambda d: d["actions"].__setitem__(0, {"type": "pass", "seat": "usa", "x": 1}), "unknown field 'x'"),
    (lambda d: d["actions"].__setitem__(0, {"type": "pick", "seat": "usa", "option": "1"}), "wrong type"),
    (lambda d: d["actions"].__setitem__(0, {"type": "pick", "seat": "usa", "option": True}), "wrong type"),
    (lambda d: d["actions"].__setitem__(0, {"type": "play", "seat": "usa"}), "needs card"),
    (lambda d: d["players"].__setitem__(0, {"seat": "usa", "control": "robot"}), "control must be one of"),
    (lambda d: d["players"].__setitem__(0, ["usa"]), "a player is an object with a seat"),
]


@pytest.mark.parametrize(("change", "says"), BAD)
def test_records_of_the_wrong_shape_are_refused(text: str, change: Any, says: str) -> None:
    with pytest.raises(RecordError, match=says):
        loads(edited(text, change))


def test_bytes_that_are_not_utf8_or_json_are_refused() -> None:
    with pytest.raises(RecordError, match="not UTF-8"):
        loads(b'{"format": "\xff"}', "r.json")
    for junk in ("", "[]", "42", '"record"'):
        with pytest.raises(RecordError):
            loads(junk)


def test_actions_given_as_an_object_are_refused(text: str) -> None:
    with pytest.raises(RecordError):
        loads(edited(text, lambda d: d.update(actions={})))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@given(path=st.lists(st.integers(0, 30), min_size=1, max_size=4), value=JSON)
def test_any_hand_edit_either_replays_or_is_refused_with_a_record_error(
    nea2017: Scenario, text: str, path: list[int], value: Any
) -> None:
    """Replace one value anywhere in a record by any JSON value: the record replays
    or is refused with a RecordError, never another exception."""
    data = json.loads(text)
    node: Any = data
    for n in path[:-1]:
        children = list(node) if isinstance(node, dict) else node
        if not isinstance(children, list) or not children:
            break
        key = children[n % len(children)]
        child = node[key] if isinstance(node, dict) else key
        if not isinstance(child, dict | list):
            break
        node = child
    if isinstance(node, dict):
        node[list(node)[path[-1] % len(node)]] = value
    elif node:
        node[path[-1] % len(node)] = value
    try:
        replay(loads(json.dumps(data)), nea2017)
    except RecordError as e:
        assert str(e)


# ------------------------------------------------------------------------- write and read


def test_write_then_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "saves" / "game.json"
    write(path, text)
    assert path.read_text(encoding="utf-8") == text
    assert read(path) == loads(text)


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, text: str) -> None:
    path = tmp_path / "game.json"
    write(path, text)
    with pytest.raises(UnicodeEncodeError):
        write(path, text[:100] + "\ud800")  # cannot be encoded: fails half-way
    assert path.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


def test_a_write_interrupted_before_the_rename_leaves_no_trace(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "game.json"
    path.write_text("old", encoding="utf-8")

    def crash(*_: Any) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk gone"):
        write(path, text)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


def test_read_never_changes_the_file(tmp_path: Path, text: str) -> None:
    for name, content in (("good.json", text), ("cut.json", text[:200]), ("bad.json", "\x00\x01")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        with contextlib.suppress(RecordError):
            read(path)
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    with pytest.raises(RecordError, match=r"cut\.json:"):
        read(tmp_path / "cut.json")


def test_read_refuses_what_is_not_a_readable_record_file(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="cannot read"):
        read(tmp_path / "missing.json")
    with pytest.raises(RecordError, match="cannot read"):
        read(tmp_path)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:
        f.truncate(17 << 20)
    with pytest.raises(RecordError, match="too large"):
        read(huge)


def test_a_rationale_of_any_text_round_trips(nea2017: Scenario) -> None:
    state = new_game(nea2017, 3)
    why = 'a "quoted" reason, with\nnewlines and 한국어'
    state = step(state, evolve(BOTS["heuristic"](state), why=why))
    back = loads(dumps(Record.of(state, PLAYERS)))
    assert back.actions[-1].why == why and replay(back, nea2017) == state
