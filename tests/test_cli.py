"""The `brink` command line (except `validate` and `schema`, tested with their modules):
help that explains itself, simulate, replay and report, and every bad input answered
with one line, exit status 2 and no traceback — the record file left untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import NEA2017

from game.cli import main
from game.common import UsageError, parse_seats
from game.engine import Scenario, load_scenario, new_game
from game.engine.record import Player, Record, dumps, write
from game.engine.sim import play_out

ROOT = Path(__file__).resolve().parent.parent
FAST = ["--seats", "all=random"]
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`run("simulate", "--games", "2")` -> (exit status, stdout, stderr)."""

    def go(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return go


def _bad(code: int, out: str, err: str) -> str:
    """A refusal: exit 2, one line on stderr, nothing on stdout, no traceback."""
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


def _record(scenario: Scenario, seed: int, folder: Path, controls: dict[str, str] | None = None) -> Path:
    controls = controls or {s: "random" for s in scenario.seat_ids}
    state = play_out(new_game(scenario, seed), controls)
    players = tuple(Player(s, controls[s]) for s in scenario.seat_ids)  # type: ignore[arg-type]
    path = folder / f"game-{seed}.json"
    write(path, dumps(Record.of(state, players)))
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------- help


def test_no_command_prints_the_overview(run: Run) -> None:
    code, out, _ = run()
    assert code == 0
    for command in ("play", "validate", "simulate", "replay", "report", "schema"):
        assert command in out
    assert "brink COMMAND --help" in out


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ([], ["hot-seat", "start here", "Exit status"]),
        (["play"], ["--seats", "--seed", "--resume", "--load", "--timer", "--theme"]),
        (
            ["simulate"],
            ["--games", "--seed", "--seats", "--json", "--save-dir", "--jobs", "heuristic", "random"],
        ),
        (["replay"], ["RECORD", "--scenario", "never changed"]),
        (["report"], ["RECORD", "--scenario", "reason"]),
        (["validate"], ["file:line:col", "yours"]),
        (["new"], ["--from", "never edited in place", "BRINK_HOME"]),
        (["schema"], ["JSON Schema"]),
    ],
)
def test_help_explains_each_command(run: Run, command: list[str], words: list[str]) -> None:
    code, out, err = run(*command, "--help")
    assert code == 0 and err == ""
    assert out.startswith("usage: brink")
    for word in words:
        assert word in out


# ------------------------------------------------------------------------------ simulate


def test_simulate_prints_a_table(run: Run, nea2017: Scenario) -> None:
    code, out, err = run("simulate", "--games", "4", "--seed", "2", *FAST)
    assert code == 0 and err == ""
    assert out.startswith(f"{nea2017.name}: 4 bot games, seeds 2 to 5")
    assert "Catastrophe rate:" in out and "Rounds played:" in out
    for outcome in nea2017.outcomes:
        assert outcome.name in out
    for seat in nea2017.seats:
        assert f"{seat.name} won" in out
        for objective in seat.objectives:
            assert objective.name in out


def test_simulate_json_is_one_object(run: Run, nea2017: Scenario) -> None:
    code, out, _ = run(
        "simulate", "--games", "3", "--seed", "9", "--json", "--seats", "all=random,usa=heuristic"
    )
    assert code == 0
    data = json.loads(out)
    assert data["games"] == 3 and data["seed"] == 9 and data["scenario"] == nea2017.id
    assert data["seats"] == {s: ("heuristic" if s == "usa" else "random") for s in nea2017.seat_ids}
    assert set(data["seat_results"]) == set(nea2017.seat_ids)
    assert sum(o["games"] for o in data["outcomes"].values()) == 3


@pytest.mark.parametrize("form", [[], ["--json"]])
def test_simulate_same_seed_same_bytes(run: Run, form: list[str]) -> None:
    args = ["simulate", "--games", "5", "--seed", "3", *FAST, *form]
    first = run(*args)
    assert first[0] == 0
    assert run(*args) == first
    assert run(*args, "--jobs", "2") == first
    assert run("simulate", "--games", "5", "--seed", "4", *FAST, *form)[1] != first[1]


def test_simulate_default_seats_are_heuristic(run: Run, nea2017: Scenario) -> None:
    code, out, _ = run("simulate", "--games", "1", "--json")
    assert code == 0
    assert set(json.loads(out)["seats"].values()) == {"heuristic"}


def test_simulate_save_dir_records_replay(run: Run, tmp_path: Path, nea2017: Scenario) -> None:
    folder = tmp_path / "runs" / "a"  # created, parents too
    code, out, _ = run("simulate", "--games", "3", "--seed", "7", *FAST, "--json", "--save-dir", str(folder))
    assert code == 0
    summary = json.loads(out)
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["game-000007.json", "game-000008.json", "game-000009.json"]  # no temp files left
    endings = []
    for name in files:
        code, text, err = run("replay", str(folder / name))
        assert code == 0, err
        assert "verified" in text
        endings.append(next(line for line in text.splitlines() if line.startswith("OUTCOME")))
    for outcome, counted in summary["outcomes"].items():
        name = nea2017.outcome(outcome).name
        assert sum(e.startswith(f"OUTCOME: {name},") for e in endings) == counted["games"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--games", "0"], "--games: must be at least 1"),
        (["--games", "-4"], "--games: must be at least 1"),
        (["--games", "many"], "'many' is not a whole number"),
        (["--jobs", "0"], "--jobs: must be at least 1"),
        (["--seed", "x"], "--seed"),
        (["--seats", "usa=human"], "'human' is not a control here"),
        (["--seats", "mars=random"], "no seat 'mars'"),
        (["--seats", "usa=gpt"], "'gpt' is not a control here"),
        (["--seats", "usa"], "should look like seat=control"),
        (["--seats", "=random"], "should look like seat=control"),
        (["--seats", "usa=random,usa=heuristic"], "'usa' is given twice"),
        (["--seats", "all=random,all=heuristic"], "'all' is given twice"),
        (["--scenario", "/no/such/scenario"], "no scenario.yaml"),
        (["--frobnicate"], "unrecognized arguments: --frobnicate"),
    ],
)
def test_simulate_refuses_bad_values(run: Run, args: list[str], says: str) -> None:
    err = _bad(*run("simulate", "--games", "1", *args))
    assert says in err


def test_simulate_refuses_a_save_dir_it_cannot_write(run: Run, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    assert "is a file, not a folder" in _bad(
        *run("simulate", "--games", "1", *FAST, "--save-dir", str(a_file))
    )
    under_file = a_file / "runs"
    assert "cannot write to" in _bad(*run("simulate", "--games", "1", *FAST, "--save-dir", str(under_file)))
    assert a_file.read_text() == "not a folder"


def test_unknown_command_is_one_line(run: Run) -> None:
    err = _bad(*run("conquer"))
    assert "invalid choice: 'conquer'" in err and "brink --help" in err


def test_parse_seats_names_and_defaults() -> None:
    seats = ("usa", "rok", "dprk")
    got = parse_seats("usa=human:Aiko, all=bot", seats, ("human", "heuristic", "random"))
    assert got == {"usa": ("human", "Aiko"), "rok": ("heuristic", ""), "dprk": ("heuristic", "")}
    assert parse_seats(None, seats, ("random",)) == {}
    with pytest.raises(UsageError, match="given twice"):
        parse_seats("rok=random,rok=random", seats, ("random",))


# -------------------------------------------------------------------------------- replay


RANDOM_SEED: dict[str, int] = {}


def _rich_seed(scenario: Scenario) -> int:
    """A seed whose random-bot game has every kind of decision and several rounds, so
    that each kind of tampering has something to tamper with."""
    if scenario.digest not in RANDOM_SEED:
        controls = {s: "random" for s in scenario.seat_ids}
        for seed in range(1, 500):
            state = play_out(new_game(scenario, seed), controls)
            kinds = {type(a).__name__ for a in state.history}
            if {"PlayCard", "Pass", "PickOption"} <= kinds and state.round >= 3:
                RANDOM_SEED[scenario.digest] = seed
                break
    return RANDOM_SEED[scenario.digest]


@pytest.fixture
def record(nea2017: Scenario, tmp_path: Path) -> Path:
    return _record(nea2017, _rich_seed(nea2017), tmp_path)


def test_replay_prints_the_final_summary(run: Run, record: Path, nea2017: Scenario) -> None:
    seed = _rich_seed(nea2017)
    state = play_out(new_game(nea2017, seed), {s: "random" for s in nea2017.seat_ids})
    before = _digest(record)
    code, out, err = run("replay", str(record))
    assert code == 0 and err == ""
    assert f"Seed {seed} · {len(state.history)} actions" in out and "verified" in out
    assert state.ending is not None
    assert f"OUTCOME: {nea2017.outcome(state.ending.outcome).name}" in out
    assert "RESULTS" in out and "TRACKS" in out
    assert _digest(record) == before


def test_replay_of_a_game_in_progress(run: Run, record: Path, tmp_path: Path) -> None:
    data = json.loads(record.read_text())
    data["actions"] = data["actions"][:10]
    data.pop("steps")  # cut short by hand: the digest no longer holds
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps(data))
    code, out, _ = run("replay", str(partial))
    assert code == 0
    assert (
        f"Seed {data['seed']} · 10 actions" in out
        and "IN PROGRESS" in out
        and "RESULTS IF THE GAME ENDED NOW" in out
    )


def _edit(change: Callable[[dict[str, Any]], object]) -> Callable[[str], str]:
    def apply(text: str) -> str:  # the steps' digest dropped: each step is checked by replay
        data = json.loads(text)
        change(data)
        data.pop("steps", None)
        return json.dumps(data, indent=1)

    return apply


def _first(kind: str, field: str, value: object) -> Callable[[dict[str, Any]], object]:
    def change(data: dict[str, Any]) -> None:
        next(a for a in data["actions"] if a["type"] == kind)[field] = value

    return change


TAMPERED: dict[str, tuple[Callable[[str], str], str]] = {
    "truncated": (lambda t: t[: len(t) // 2], "not valid JSON"),
    "empty": (lambda t: "", "not valid JSON"),
    "not a record": (lambda t: '{"hello": 1}', "not a Brinkmanship record"),
    "newer format": (_edit(lambda d: d.update(version=99)), "newer Brinkmanship"),
    "seed as text": (_edit(lambda d: d.update(seed="6")), "the seed must be a whole number"),
    "another seed": (_edit(lambda d: d.update(seed=7)), "does not replay"),
    "changed decks": (
        _edit(lambda d: d.update(digest="0" * 64, rules="0", parts={**d["parts"], "card:nuclear-test": "0"})),
        "have changed since this game was recorded (changed: card Nuclear Test)",
    ),
    "card swapped": (_edit(_first("play", "card", "no-such-card")), "does not replay"),
    "bad option": (_edit(_first("pick", "option", 99)), "does not replay"),
    "unknown action": (_edit(_first("pass", "type", "surrender")), "unknown action type 'surrender'"),
    "action dropped": (_edit(lambda d: d["actions"].pop(3)), "does not replay"),
    "action added": (
        _edit(lambda d: d["actions"].append({"type": "pass", "seat": "usa"})),
        "the game is over",
    ),
    "unknown seat": (_edit(lambda d: d["players"].append({"seat": "mars"})), "'mars'"),
    "unknown player control": (
        _edit(lambda d: d["players"][0].update(control="oracle")),
        "control must be one of",
    ),
    "other scenario id": (
        _edit(lambda d: d.update(scenario="cheonan2010", scenario_path="")),
        "name the folder with --scenario",
    ),
    "scenario id as a path": (
        _edit(lambda d: d.update(scenario="../../etc", scenario_path="")),
        "neither yours nor bundled",
    ),
}


@pytest.mark.parametrize("case", TAMPERED)
@pytest.mark.parametrize("command", ["replay", "report"])
def test_a_tampered_record_is_refused_and_left_alone(
    run: Run, record: Path, tmp_path: Path, case: str, command: str
) -> None:
    change, says = TAMPERED[case]
    bad = tmp_path / "bad.json"
    bad.write_text(change(record.read_text()))
    before = _digest(bad)
    err = _bad(*run(command, str(bad)))
    assert says in err
    assert err.startswith(f"brink {command}: {bad}")
    assert _digest(bad) == before


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"\xff\xfe{", "not UTF-8"), (None, "cannot read"), (b"[" * 10, "not valid JSON")],
)
def test_unreadable_records_are_refused(run: Run, tmp_path: Path, content: bytes | None, says: str) -> None:
    path = tmp_path / "r.json"
    if content is not None:
        path.write_bytes(content)
    assert says in _bad(*run("replay", str(path)))


def test_a_folder_is_not_a_record(run: Run, tmp_path: Path) -> None:
    assert "cannot read" in _bad(*run("report", str(tmp_path)))


def test_a_deeply_nested_record_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    assert "not a Brinkmanship record" in _bad(*run("replay", str(path)))


def test_actions_must_be_a_list(run: Run, record: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(_edit(lambda d: d.update(actions={}))(record.read_text()))
    _bad(*run("replay", str(bad)))


def test_report_shows_the_control_log_of_a_saved_record(run: Run, nea2017: Scenario, tmp_path: Path) -> None:
    state = play_out(new_game(nea2017, 2), {s: "random" for s in nea2017.seat_ids})
    players = tuple(Player(s, "random") for s in nea2017.seat_ids)
    path = tmp_path / "r.json"
    write(path, dumps(Record.of(state, players, ("Q2 2017: control paused the game",))))
    assert "control paused the game" in run("report", str(path))[1]


def _copy_scenario(tmp_path: Path, edit: Callable[[Path], None]) -> Path:
    folder = tmp_path / "scenario"
    shutil.copytree(ROOT / "decks" / "nea2017", folder)
    edit(folder)
    return folder


def test_replay_refuses_a_record_of_another_scenario(run: Run, record: Path, tmp_path: Path) -> None:
    def rename(folder: Path) -> None:
        path = folder / "scenario.yaml"
        path.write_text(path.read_text().replace("scenario: nea2017", "scenario: nea2017b", 1))

    other = _copy_scenario(tmp_path, rename)
    before = _digest(record)
    err = _bad(*run("replay", str(record), "--scenario", str(other)))
    assert "a game of 'nea2017', not 'nea2017b'" in err
    assert _digest(record) == before


def _edited(old: str, new: str, file: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        path.write_text(path.read_text().replace(old, new, 1))

    return edit


def _branch_args(command: str, tmp_path: Path) -> tuple[str, ...]:
    return ("--at", "2", "-o", str(tmp_path / "branch.json")) if command == "branch" else ()


def test_replay_refuses_changed_rules(run: Run, record: Path, tmp_path: Path) -> None:
    changed = _copy_scenario(tmp_path, _edited("cost: {resources: 2}", "cost: {resources: 3}", "china.yaml"))
    assert run("validate", str(changed))[0] == 0
    before = _digest(record)
    for command in ("replay", "report", "branch"):
        err = _bad(*run(command, str(record), "--scenario", str(changed), *_branch_args(command, tmp_path)))
        assert (
            "the decks of 'nea2017' have changed since this game was recorded "
            "(changed: card Coal Imports Suspended)" in err
        )
    assert _digest(record) == before


@pytest.mark.parametrize(
    "edit, said",
    [
        (_edited("name: Nuclear Test", "name: Atomic Test", "crisis.yaml"), "card Atomic Test"),
        (lambda f: (f / "usa.yaml").open("a").write("\n# a facilitator's note\n"), "only in comments"),
    ],
    ids=["card name", "comment"],
)
def test_replay_goes_on_with_a_warning_when_only_text_changed(
    run: Run, record: Path, tmp_path: Path, edit: Callable[[Path], None], said: str
) -> None:
    """Issue 11.13: a comment or a card's wording is not a rule; replay, report and branch
    go on and say in one line what changed."""
    changed = _copy_scenario(tmp_path, edit)
    for command in ("replay", "report", "branch"):
        code, _, err = run(command, str(record), "--scenario", str(changed), *_branch_args(command, tmp_path))
        assert code == 0, err
        (line,) = [x for x in err.splitlines() if "warning" in x]
        assert f"brink {command}: warning: {record}: " in line and said in line


def test_replay_uses_the_folder_it_was_played_from(run: Run, nea2017: Scenario, tmp_path: Path) -> None:
    """A record made from a copied scenario replays from that copy, without --scenario."""
    from game.engine import load_scenario

    copy = _copy_scenario(tmp_path, lambda _: None)
    path = _record(load_scenario(copy), 3, tmp_path)
    assert json.loads(path.read_text())["scenario_path"] == str(copy)
    assert run("replay", str(path))[0] == 0
    shutil.rmtree(copy)  # gone: the bundled scenario of the same id is used instead
    assert run("replay", str(path))[0] == 0


# -------------------------------------------------------------------------------- report


def test_report_is_the_hotwash(run: Run, record: Path, nea2017: Scenario) -> None:
    before = _digest(record)
    code, out, err = run("report", str(record))
    assert code == 0 and err == ""
    for heading in ("AFTER-ACTION REPORT", "OUTCOME", "RESULTS", "TRACKS", "SEAT TRACKS", "TIMELINE"):
        assert heading in out
    assert nea2017.round_name(1).upper() in out
    assert _digest(record) == before


# ----------------------------------------------------------------------- real processes


def test_the_installed_entry_points_work(record: Path) -> None:
    brink = Path(sys.executable).parent / "brink"
    for command in ([str(brink)], [sys.executable, "-m", "game"]):
        done = subprocess.run(
            [*command, "simulate", "--games", "2", *FAST, "--json"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["games"] == 2
        bad = subprocess.run(
            [*command, "replay", str(record.parent)], capture_output=True, text=True, timeout=60
        )
        assert bad.returncode == 2
        assert "Traceback" not in bad.stderr and "cannot read" in bad.stderr


def test_a_closed_pipe_is_not_an_error(record: Path) -> None:
    """`brink report RECORD | head`: when the reader leaves early, brink stops quietly."""
    brink = Path(sys.executable).parent / "brink"
    proc = subprocess.Popen(
        [str(brink), "report", str(record)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before brink has started: its first write finds no reader
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == b""


# ------------------------------------------------------------------------ user scenarios


def test_new_copies_a_scenario_into_the_users_folder(run: Run, _brink_home: Path) -> None:
    code, out, err = run("new", "mine", "--from", "nea2017")
    assert code == 0 and err == ""
    mine = _brink_home / "scenarios" / "mine"
    assert str(mine) in out and "brink validate mine" in out
    assert sorted(p.name for p in mine.iterdir()) == sorted(p.name for p in NEA2017.iterdir())
    assert load_scenario(mine).id == "mine"
    assert (_brink_home / "scenarios" / "brink.schema.json").is_file()  # where the files' first line points
    code, out, err = run("validate")
    assert code == 0, err
    assert out.splitlines() == [f"ok: {NEA2017}", f"ok: {NEA2017.parent / 'korea2010'}", f"ok: {mine}"]
    code, out, err = run("validate", "mine")
    assert (code, out) == (0, f"ok: {mine}\n")
    code, out, _ = run("simulate", "--games", "1", "--scenario", "mine")
    assert code == 0 and "1 bot game" in out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["new", "Mine"], "lowercase word"),
        (["new", "nea2017"], "bundled scenario"),
        (["new", "x", "--from", "nowhere"], "no scenario.yaml there"),
    ],
)
def test_new_refuses_a_bad_name_or_source(run: Run, argv: list[str], says: str) -> None:
    assert says in _bad(*run(*argv))


def test_new_leaves_drafts_behind(run: Run, _brink_home: Path) -> None:
    run("new", "mine")
    (_brink_home / "scenarios" / "mine" / "usa.yaml.draft").write_text("half done", encoding="utf-8")
    assert run("new", "yours", "--from", "mine")[0] == 0
    assert not (_brink_home / "scenarios" / "yours" / "usa.yaml.draft").exists()


def test_new_never_overwrites(run: Run, _brink_home: Path) -> None:
    assert run("new", "mine")[0] == 0
    card = _brink_home / "scenarios" / "mine" / "usa.yaml"
    card.write_text("edited", encoding="utf-8")
    assert "already have a scenario" in _bad(*run("new", "mine"))
    assert card.read_text(encoding="utf-8") == "edited"


def test_a_broken_user_scenario_is_reported_by_validate_with_no_path(run: Run, _brink_home: Path) -> None:
    run("new", "mine")
    usa = _brink_home / "scenarios" / "mine" / "usa.yaml"
    usa.write_text(
        usa.read_text(encoding="utf-8").replace("    effects:", "    efects:", 1), encoding="utf-8"
    )
    code, out, err = run("validate")
    assert code == 2 and f"ok: {NEA2017}" not in out
    assert "usa.yaml" in err and "`efects`: unknown key; did you mean `effects`?" in err


# ------------------------------------------------------------------- simulate for designers


def test_simulate_pass_seat_and_designer_figures(run: Run, nea2017: Scenario) -> None:
    code, out, err = run(
        "simulate", "--games", "4", "--seed", "2", "--seats", "all=random,china=pass", "--json"
    )
    assert code == 0 and err == ""  # no progress line when not on a terminal
    data = json.loads(out)
    assert data["seats"]["china"] == "pass"
    lo, hi = data["outcomes"][nea2017.outcomes[0].id]["ci95"]
    assert 0 <= lo <= data["outcomes"][nea2017.outcomes[0].id]["rate"] <= hi <= 1
    assert set(data["cards"]) == set(nea2017.cards)
    assert all(c["event_per_game"] == 0 for c in data["cards"].values() if c["owner"] == "china")
    assert data["thresholds"] and "tension" in data["track_means"]


def test_simulate_compare_same_decks_shows_no_change(run: Run) -> None:
    folder = str(ROOT / "decks" / "nea2017")
    code, out, _ = run("simulate", "--games", "3", *FAST, "--compare", folder, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["base"]["outcomes"] == data["other"]["outcomes"]
    changes = [d for kind in data["differences"].values() for d in kind.values()]
    assert changes and all(d["change"] == 0 and d["ci95"][0] <= 0 <= d["ci95"][1] for d in changes)
    code, out, _ = run("simulate", "--games", "3", *FAST, "--compare", folder)
    assert "Compared on the same 3 seeds" in out and "B − A" in out


def test_simulate_compare_refuses_a_missing_folder(run: Run) -> None:
    assert "no scenario.yaml" in _bad(*run("simulate", "--games", "1", "--compare", "/no/such/place"))


def test_simulate_report_writes_markdown(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report is written with or without the chart library; without it, it says so."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    code, out, err = run("simulate", "--games", "2", *FAST, "--report", str(tmp_path / "r"))
    assert code == 0
    text = (tmp_path / "r" / "summary.md").read_text()
    assert text.startswith("# Northeast Asia") and "| Outcome | Games | Share | 95% interval |" in text
    assert "matplotlib is not installed" in err and "matplotlib is not installed" in text
    assert "Report written to" in out


def test_simulate_report_charts(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    code, _, err = run("simulate", "--games", "2", *FAST, "--report", str(tmp_path))
    assert code == 0 and err == ""
    for chart in ("tracks.png", "outcomes.png"):
        assert (tmp_path / chart).read_bytes().startswith(b"\x89PNG")
        assert f"]({chart})" in (tmp_path / "summary.md").read_text()


def test_simulate_report_refuses_a_file(run: Run, tmp_path: Path) -> None:
    a_file = tmp_path / "x.md"
    a_file.write_text("")
    assert "is a file, not a folder" in _bad(*run("simulate", "--games", "1", "--report", str(a_file)))
