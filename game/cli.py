"""The `brink` command line: play, validate, new, decks, simulate, replay, report, schema.

Every subcommand exits 0 on success and 2 on bad input (a deck that does not load, a
record that does not replay, an argument that makes no sense), with a message and never
a traceback. The Textual interface is imported only by `brink play`, so the other
commands start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from .common import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    PrintableStream,
    UsageError,
    brink,
    parse_seats,
    round_limit,
)
from .engine import GameState, LoadError, Scenario, load_scenario
from .engine.bots import BOTS, DEFAULT_BOT, KINDS
from .engine.record import Record, RecordError
from .paths import (
    DEFAULT_SCENARIO,
    all_scenarios,
    find_scenario,
    games_dir,
    scenario_folder_of,
    user_scenarios_dir,
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line naming the problem, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _count(text: str) -> int:
    """A whole number of at least 1 (for --games and --jobs)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _home(path: Path) -> str:
    """A path as a person would type it: `~/...` under the home folder."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def _load(path: str | Path) -> Scenario:
    return load_scenario(find_scenario(str(path)))


# ------------------------------------------------------------------------------ commands


def cmd_validate(args: argparse.Namespace) -> int:
    from .engine.loader import scenario_folders, validate

    paths = [str(find_scenario(given)) for given in args.paths] or [str(p) for p in all_scenarios()]
    problems = validate(paths)
    for p in problems:
        print(p, file=sys.stderr)
    errors = [p for p in problems if not p.warning]
    warnings = len(problems) - len(errors)
    if errors:
        files = len({p.file for p in errors})
        also = f" (and {_plural(warnings, 'warning')})" if warnings else ""
        print(f"{_plural(len(errors), 'problem')} in {_plural(files, 'file')}{also}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for given in paths:
        for folder in scenario_folders(given) or [Path(given)]:
            print(f"ok: {folder}")
    if warnings:
        print(f"{_plural(warnings, 'warning')}: it loads, but look again", file=sys.stderr)
    return EXIT_OK


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def cmd_new(args: argparse.Namespace) -> int:
    from .library import NewScenarioError, new_scenario

    source = find_scenario(args.source)
    try:
        folder = new_scenario(args.name, source)
    except NewScenarioError as e:
        raise UsageError(str(e)) from None
    print(
        f"made {_home(folder)} (a copy of {source.name}):\n"
        f"  {brink(f'decks {args.name}')}  edit its decks in the workshop (or in any editor)\n"
        f"  {brink(f'validate {args.name}')}  check it after editing\n"
        f"  {brink(f'play --scenario {args.name}')}  play it (it is in the setup screen's list too)"
    )
    return EXIT_OK


def cmd_simulate(args: argparse.Namespace) -> int:
    from .engine.sim import simulate
    from .report import compare_json, compare_table, summary_table

    scenario = _load(args.scenario)
    other = _load(args.compare) if args.compare else None
    controls = _controls(args.seats, scenario)
    rounds = round_limit(args.rounds, scenario)
    if other is not None:
        _controls(args.seats, other)  # the same seats must make sense there too
        round_limit(args.rounds, other)
    keep = _record_saver(Path(args.save_dir)) if args.save_dir else None
    report = _writable_folder(Path(args.report), "--report") if args.report else None
    runs = 2 if other is not None else 1
    show = _Progress(args.games * runs) if sys.stderr.isatty() and not args.json else None
    try:
        summary = simulate(
            scenario,
            args.games,
            args.seed,
            controls,
            keep,
            jobs=args.jobs,
            progress=show.at(0) if show else None,
            rounds=rounds,
        )
        compared = None
        if other is not None:
            compared = simulate(
                other,
                args.games,
                args.seed,
                controls,
                jobs=args.jobs,
                progress=show.at(args.games) if show else None,
                rounds=round_limit(args.rounds, other),
            )
    finally:  # ^C or a failure too: the line is cleared before the message
        if show is not None:
            show.done()
    if args.json:
        data = summary.to_json() if compared is None else compare_json(summary, compared)
        print(json.dumps(data, indent=2))
    else:
        print(summary_table(summary, scenario))
        if compared is not None and other is not None:
            print()
            print(compare_table(summary, compared, scenario, other))
    if report is not None:
        from .charts import write_report

        try:
            notes = write_report(report, summary, scenario, (compared, other) if compared and other else None)
        except OSError as e:
            raise UsageError(f"--report: cannot write to {report} ({e.strerror or e})") from None
        for note in notes:
            print(f"brink simulate: {note}", file=sys.stderr)
        if not args.json:
            print(f"\nReport written to {report / 'summary.md'}")
    return EXIT_OK


def _controls(spec: str | None, scenario: Scenario) -> dict[str, str]:
    """Every seat's bot, from --seats (the default bot where it names none)."""
    seats = parse_seats(spec, scenario.seat_ids, tuple(BOTS))
    return {s: seats.get(s, (DEFAULT_BOT, ""))[0] for s in scenario.seat_ids}


def _writable_folder(folder: Path, option: str) -> Path:
    """A folder an option writes to, created and checked before the first game, so a
    typo costs no waiting."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{option}: {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        raise UsageError(f"{option}: cannot write to {folder} ({e.strerror or e})") from None
    return folder


class _Progress:
    """Games done, the rate and the time left, on one line of the terminal's stderr,
    redrawn at most a few times a second and cleared at the end. It writes to the
    terminal itself: the line is redrawn with control characters, which the CLI's
    printable stderr would show as text."""

    def __init__(self, total: int) -> None:
        import time

        self.total, self.clock = total, time.monotonic
        self.start = self.last = self.clock()
        self.out = sys.stderr.stream if isinstance(sys.stderr, PrintableStream) else sys.stderr

    def at(self, offset: int) -> Callable[[int], None]:
        """The callback for a run whose games come after `offset` others."""
        return lambda done: self.show(offset + done)

    def show(self, done: int) -> None:
        now = self.clock()
        if now - self.last < 0.2 and done < self.total:
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        left = (self.total - done) / rate if rate else 0.0
        self.out.write(f"\r\033[K{done}/{self.total} games · {rate:.1f} games/s · {left:.0f} s left")
        self.out.flush()

    def done(self) -> None:
        self.out.write("\r\033[K")
        self.out.flush()


def _record_saver(folder: Path) -> Callable[[int, Record], None]:
    """Where `simulate --save-dir` puts each game: `game-<seed>.json`, written atomically."""
    from .engine.record import dumps, write

    _writable_folder(folder, "--save-dir")

    def keep(_: int, record: Record) -> None:
        path = folder / f"game-{record.seed:06d}.json"
        try:
            write(path, dumps(record))
        except OSError as e:
            raise UsageError(f"--save-dir: cannot write {path} ({e.strerror or e})") from None

    return keep


def _replayed(args: argparse.Namespace) -> tuple[Record, GameState]:
    """The record named on the command line, replayed and verified step by step."""
    from .engine.record import check_scenario, read, replay

    try:
        record = read(args.record)
        scenario = load_scenario(scenario_folder_of(record, args.scenario))
        warning = check_scenario(record, scenario)
        state = replay(record, scenario, verify_digest=False)
    except RecordError as e:  # name the file once, whichever step found the fault
        where = str(args.record)
        raise RecordError(str(e) if str(e).startswith(where) else f"{where}: {e}") from None
    if warning:
        print(f"brink {args.command}: warning: {args.record}: {warning}", file=sys.stderr)
    return record, state


def cmd_replay(args: argparse.Namespace) -> int:
    from .report import final_summary

    record, state = _replayed(args)
    print(final_summary(state, record))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from .report import after_action

    folder = _writable_folder(Path(args.output), "-o") if args.output else None
    record, state = _replayed(args)
    print(after_action(state, record))
    if folder is not None:
        from .debrief import load_parent, write

        parent, why = load_parent(record, state.scenario)
        try:
            path, notes = write(folder, state, record, parent)
        except OSError as e:
            raise UsageError(f"-o: cannot write to {folder} ({e.strerror or e})") from None
        for note in (why, *notes):
            if note:
                print(note, file=sys.stderr)
        print(f"\nReport written to {path}")
    return EXIT_OK


def cmd_branch(args: argparse.Namespace) -> int:
    from .engine import step
    from .engine.record import branch, dumps, write
    from .engine.rules import restart

    record, state = _replayed(args)
    at = args.at
    if args.round is not None:  # the first moment of that round
        game = restart(state)
        at = 0
        while game.round < args.round and at < len(record.actions):
            game = step(game, record.actions[at])
            at += 1
        if game.round != args.round:
            raise UsageError(f"--round: the game never reached round {args.round} (it has {game.round})")
    source = Path(args.record)
    out = Path(args.output) if args.output else source.with_name(f"{source.stem}-branch-{at}.json")
    if out.exists():
        raise UsageError(f"-o: {out} already exists; name another file for the branch")
    new = branch(record, at, str(source.resolve()))
    fork = restart(state)
    for action in new.actions:
        fork = step(fork, action)
    if fork.over:
        raise UsageError(f"--at: the game is already over at step {at}; branch from an earlier step")
    try:
        write(out, dumps(new))
    except OSError as e:
        raise UsageError(f"-o: cannot write {out} ({e.strerror or e})") from None
    sc = state.scenario
    who = sc.seat(fork.to_act).name if fork.to_act else "nobody"
    print(
        f"Branch written to {out}: it keeps steps 1 to {at} of {len(record.actions)} of {source} "
        f"(left untouched) and goes on from {sc.round_name(fork.round)}, "
        f"{sc.round[fork.phase].name} phase, {who} to decide.\n"
        f"Play it with: {brink(f'play --load {out}')}"
    )
    return EXIT_OK


def cmd_games(args: argparse.Namespace) -> int:
    from .games import delete_game, list_games

    if args.delete:
        print(f"deleted {delete_game(args.delete)}")
        return EXIT_OK
    games = list_games()
    if not games:
        print(f"No games kept yet in {_home(games_dir())}; start one with `{brink('play')}`.")
        return EXIT_OK
    rows = [("NAME", "SCENARIO", "SEATS", "WHERE", "SAVED")]
    for g in games:
        busy = f", open in process {g.holder}" if g.holder else ""
        rows.append((g.name, g.scenario, g.seats or g.problem, g.status + busy, g.when))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[4])
    print(
        f"\n{len(games)} game{'s' if len(games) != 1 else ''} in {_home(games_dir())}; "
        f"continue one with `{brink('play --resume NAME')}`, delete one with `{brink('games --delete NAME')}`."
    )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .engine.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def cmd_decks(args: argparse.Namespace) -> int:
    from .tui import run_workshop

    folder = find_scenario(args.scenario) if args.scenario else DEFAULT_SCENARIO
    if not (folder / "scenario.yaml").is_file():
        raise UsageError(
            f"{args.scenario}: no such scenario (a name from `{brink('validate')}`, or a folder)"
        )
    return run_workshop(folder)


def cmd_watch(args: argparse.Namespace) -> int:
    from .tui.watch import Follow, WatchApp, watched_path

    app = WatchApp(Follow(watched_path(args.game)), theme=args.theme)
    app.run()
    return app.return_code or EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    from .tui import run

    return run(args)


# ---------------------------------------------------------------------------------- main


def _record_arguments(p: argparse.ArgumentParser) -> None:
    """The record a command reads, and the scenario folder to read it against."""
    p.add_argument("record", metavar="RECORD", help="a record file (.json)")
    p.add_argument(
        "--scenario", metavar="PATH", help="scenario folder (default: the one the record was played with)"
    )


def _rounds_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rounds",
        type=_count,
        metavar="N",
        help="a shorter game: it ends after round N, scored as after the scenario's last round "
        "(default: the scenario's own length)",
    )


def build_parser() -> argparse.ArgumentParser:
    b = brink()  # the command as the user can type it here (`.venv/bin/brink` after `make play`)
    parser = _Parser(
        prog=b,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Brinkmanship: a card-driven seminar wargame of the 2017 Northeast Asia\n"
        "crisis, played hot-seat in a terminal. Scenarios and cards are YAML files\n"
        f"that a facilitator can edit: `{b} new` makes your own copy of one.",
        epilog=f"""start here:
  {b} play                              set up the seats and play
  {b} new mine --from nea2017           your own copy of a scenario, to edit
  {b} decks mine                        the deck workshop: browse, preview, edit
  {b} validate mine                     check a scenario after editing it
  {b} simulate --games 1000 --seed 1    balance check with bot games
  {b} games                             the games kept: resume or debrief one

Run `{b} COMMAND --help` for a command's options. Exit status: 0 ok, 2 bad
input (every problem is printed), 70 an internal error worth reporting.""",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, summary: str, description: str, epilog: str = "") -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=summary,
            description=description,
            epilog=epilog or None,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    p = command(
        "play",
        "play at this keyboard (hot-seat), in the terminal",
        "Open the game table. Without options, the setup screen lets you pick a\n"
        "scenario and give each seat to a person or a bot. Players take turns at\n"
        "one keyboard; no one sees another nation's hand.",
        f"example:\n  {b} play --seed 7 --seats usa=human:Aiko,rok=human:Min,all=bot",
    )
    p.add_argument(
        "--scenario", metavar="PATH", help=f"scenario folder or bundled id (default: {DEFAULT_SCENARIO.name})"
    )
    p.add_argument("--seed", type=int, help="seed for the shuffle and dice; with --seats, skips setup")
    p.add_argument(
        "--seats",
        metavar="SPEC",
        help="who plays each seat, e.g. usa=human:Aiko,rok=human,all=bot; skips setup",
    )
    p.add_argument(
        "--resume",
        nargs="?",
        const="",
        metavar="NAME",
        help=f"continue the latest unfinished game, or the one named (see `{b} games`)",
    )
    p.add_argument("--load", metavar="NAME", help="open a saved game by name or file")
    p.add_argument(
        "--anyway",
        action="store_true",
        help="with --resume or --load: continue a game whose decks have changed since, if "
        "every step still replays (the record notes it)",
    )
    _rounds_argument(p)
    p.add_argument("--timer", type=int, metavar="SECONDS", help="discussion timer per human turn")
    p.add_argument("--theme", choices=("dark", "light"), help="colour theme (default: dark)")
    p.add_argument(
        "--pin",
        metavar="DIGITS",
        help="the white cell's PIN (4 to 8 digits): the facilitator's controls open with it (key w)",
    )
    p.set_defaults(func=cmd_play)

    p = command(
        "validate",
        "check scenario and deck files; list every problem",
        "Check scenarios and decks. Prints every problem as file:line:col: message;\n"
        "exits 0 when all is valid, 2 when not.",
        f"examples:\n  {b} validate                     every scenario, bundled and yours\n"
        f"  {b} validate mine                your scenario `mine`\n"
        f"  {b} validate decks/nea2017/usa.yaml",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="scenario names or folders, deck files, or a folder of scenarios "
        "(default: every bundled scenario and every one of yours)",
    )
    p.set_defaults(func=cmd_validate)

    p = command(
        "new",
        "make your own scenario, a copy of another, to edit",
        "Copy a scenario into your scenario folder under a new name, to edit its decks\n"
        "and rules there; the bundled scenarios are never edited in place. Your\n"
        f"scenarios appear in the setup screen and in `{b} validate`, and any\n"
        f"command takes their name. Your folder: {_home(user_scenarios_dir())}\n"
        "(set BRINK_HOME or XDG_DATA_HOME to move it).",
        f"example:\n  {b} new mine --from nea2017 && {b} decks mine",
    )
    p.add_argument("name", metavar="SCENARIO", help="the new scenario's name, a lowercase word")
    p.add_argument(
        "--from",
        dest="source",
        metavar="SCENARIO",
        default=DEFAULT_SCENARIO.name,
        help=f"the scenario to copy: a name or a folder (default: {DEFAULT_SCENARIO.name})",
    )
    p.set_defaults(func=cmd_new)

    p = command(
        "decks",
        "the deck workshop: browse, preview and edit cards",
        "Browse the scenarios, their decks and cards (filter by seat and kind), see a\n"
        "card as players will, and edit your own scenarios' deck files with live\n"
        "checking: the problems are listed as you type, Enter on one jumps to its\n"
        "line, and a file is saved only when the scenario is valid (otherwise it is\n"
        "kept as a draft beside it). Bundled scenarios are read-only: c copies one.\n"
        f"Also reachable from the setup screen of `{b} play` (F2).",
        f"example:\n  {b} new mine --from nea2017 && {b} decks mine",
    )
    p.add_argument(
        "scenario", nargs="?", metavar="SCENARIO", help="the scenario to open at (a name or a folder)"
    )
    p.set_defaults(func=cmd_decks)

    p = command(
        "simulate",
        "play many bot games and summarise the outcomes",
        "Play bot games without a screen and summarise them: how often each outcome\n"
        "happens (war included), how often each seat wins and meets each objective,\n"
        "and who pushed the catastrophes. Game i is played with seed SEED+i, so the\n"
        "same options always print the same bytes, and any one game can be saved\n"
        "(--save-dir), replayed and reported on.",
        "examples:\n"
        f"  {b} simulate --games 1000 --seed 1\n"
        f"  {b} simulate --games 200 --seats all=random,usa=heuristic --json\n"
        f"  {b} simulate --games 500 --seats china=pass --compare my-decks/ --report out/\n"
        f"  {b} simulate --games 20 --save-dir runs/ && {b} report runs/game-000001.json",
    )
    p.add_argument("--games", type=_count, default=100, metavar="N", help="how many games (default 100)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="seed of the first game (default 1)")
    p.add_argument(
        "--seats",
        metavar="SPEC",
        help="bot per seat, e.g. china=pass,dprk=random or all=random; the bots: "
        + "; ".join(f"{k.name} ({k.help})" for k in KINDS)
        + f" (default: all {DEFAULT_BOT})",
    )
    p.add_argument(
        "--scenario",
        metavar="PATH",
        default=str(DEFAULT_SCENARIO),
        help=f"scenario folder or bundled id (default: {DEFAULT_SCENARIO.name})",
    )
    _rounds_argument(p)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--save-dir", metavar="DIR", help="also write each game's record to DIR/game-<seed>.json")
    p.add_argument(
        "--compare",
        metavar="DIR",
        help="also play the same seeds on another scenario folder and show the differences",
    )
    p.add_argument(
        "--report",
        metavar="DIR",
        help="also write the summary as DIR/summary.md with charts (charts need matplotlib: "
        "pip install 'brinkmanship[charts]')",
    )
    p.add_argument(
        "--jobs",
        type=_count,
        default=1,
        metavar="N",
        help="share the games among N processes (default 1); the output is the same for any N",
    )
    p.set_defaults(func=cmd_simulate)

    p = command(
        "replay",
        "replay a saved record, verifying every step",
        "Replay a game record (a save, an autosave or a --save-dir game) against its\n"
        "scenario: check that the decks are the ones it was played with and that\n"
        "every action was legal, then print how it ended. Exits 2, saying why, if the\n"
        "record does not verify. The record file is only read, never changed.",
    )
    _record_arguments(p)
    p.set_defaults(func=cmd_replay)

    p = command(
        "report",
        "after-action report of a recorded game, for the debrief",
        "The hotwash of a recorded game, as plain text to read, project or print:\n"
        "the outcome and who pushed a catastrophe, each seat's objectives met and\n"
        "missed, each track's path over the rounds, who moved the shared tracks,\n"
        "the turning points, and the timeline of every decision with its reason.\n"
        "With -o DIR it also writes DIR/report.md: the same debrief in Markdown with\n"
        "who put the world on the brink, the plays that served or hurt each objective,\n"
        "how far each outcome was, questions for the hotwash and a chart of every\n"
        "track (with matplotlib: pip install 'brinkmanship[charts]'); a what-if branch\n"
        "is set beside its parent.",
        f"examples:\n  {b} report {_home(games_dir())}/NAME.json | less   (`{b} games` lists them)\n"
        f"  {b} report game.json -o debrief/",
    )
    _record_arguments(p)
    p.add_argument("-o", "--output", metavar="DIR", help="also write report.md and its charts to DIR")
    p.set_defaults(func=cmd_report)

    p = command(
        "branch",
        "fork a what-if game from an earlier point of a record",
        "Fork a new game from a recorded one: the new record keeps the first STEP\n"
        "steps (or everything before --round N) and names its parent, so `brink\n"
        "report` can set the two side by side. The parent record is only read.",
        "examples:\n"
        f"  {b} branch game.json --round 3        what if round 3 had gone otherwise?\n"
        f"  {b} branch game.json --at 40 -o what-if.json && {b} play --load what-if.json",
    )
    _record_arguments(p)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--at", type=int, metavar="STEP", help="keep the first STEP steps of the record")
    where.add_argument("--round", type=_count, metavar="N", help="keep everything before round N began")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="the branch's record (default: RECORD-branch-STEP.json)"
    )
    p.set_defaults(func=cmd_branch)

    p = command(
        "games",
        "list the games kept (unfinished and finished), or delete one",
        "Every game started is kept, in a file of its own, until you delete it.\n"
        "Lists them newest first: name, scenario, who plays, the round reached\n"
        "(or over), and when it was last saved.",
        f"examples:\n  {b} games\n  {b} play --resume NAME\n  {b} games --delete NAME",
    )
    p.add_argument("--delete", metavar="NAME", help="delete a kept game (refused while it is open)")
    p.set_defaults(func=cmd_games)

    p = command(
        "watch",
        "the public board for the room: follows the game being played, read only",
        "A second terminal or a projector shows the game as the table plays it: round\n"
        "and phase, whose turn, every shared track with its thresholds, flags,\n"
        "relations, each nation's public tracks, the log and, at the end, the outcome.\n"
        "Only what the whole room may see: never a hand, a secret objective or a\n"
        "sealed headline. It follows the latest kept game (a new game too), or GAME.\n"
        "It only reads the file; q quits.",
        f"examples:\n  {b} watch                 (in a second terminal, beside `{b} play`)\n"
        f"  {b} watch NAME            a kept game or a named save (`{b} games` lists them)",
    )
    p.add_argument("game", nargs="?", metavar="GAME", help="a kept game's name, a save's name, or a file")
    p.add_argument("--theme", choices=("light", "dark"), default="light", help="colours (default: light)")
    p.set_defaults(func=cmd_watch)

    p = command(
        "schema",
        "print the JSON Schema of scenario and deck files",
        "Print a JSON Schema of the scenario and deck YAML formats, for editors that\n"
        "validate and complete YAML as you type.",
    )
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `brink` command; the exit status is returned, never raised."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, or a mistake argparse already explained
        return e.code if isinstance(e.code, int) else EXIT_BAD_INPUT
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    streams = sys.stdout, sys.stderr
    if args.command != "play":  # the table draws the terminal itself
        sys.stdout, sys.stderr = PrintableStream(sys.stdout), PrintableStream(sys.stderr)
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = streams


def _run(args: argparse.Namespace) -> int:
    """Run the command; every way it can fail becomes a sentence and an exit status."""
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # a full disk is found here, not after the status is decided
        return code
    except LoadError as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (RecordError, UsageError) as e:
        print(f"brink {args.command}: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"brink {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (`| head`) left: stop quietly, and keep Python from complaining
        # about the unflushed output on its way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as e:  # a file or folder named, the output, the data folder
        where = f"{e.filename}: " if e.filename else ""
        print(f"brink {args.command}: {where}{e.strerror or e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as e:  # a bug: say so plainly rather than print a traceback
        print(
            f"brink {args.command}: internal error ({type(e).__name__}: {e}); please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
