"""The `brink` command line: play, validate, simulate, replay, report, schema.

Every subcommand exits 0 on success and 2 on bad input (a deck that does not load, a
record that does not replay, an argument that makes no sense), with a message and never
a traceback. The Textual interface is imported only by `brink play`, so the other
commands start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .engine import LoadError, load_scenario
from .engine.record import RecordError
from .paths import DEFAULT_SCENARIO, find_scenario

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 2, 70
BOT_CONTROLS = ("heuristic", "random")


class UsageError(Exception):
    """A command-line value that makes no sense; the message says which and why."""


def parse_seats(
    spec: str | None, seat_ids: Sequence[str], allowed: Sequence[str]
) -> dict[str, tuple[str, str]]:
    """`usa=human:Aiko,dprk=random,all=heuristic` -> {seat: (control, name)}.

    `all=` sets every seat not named elsewhere; `bot` means `heuristic`."""
    out: dict[str, tuple[str, str]] = {}
    default: tuple[str, str] | None = None
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        seat, eq, value = part.partition("=")
        control, _, name = value.partition(":")
        control = {"bot": "heuristic"}.get(control.strip(), control.strip())
        if not eq or not control:
            raise UsageError(f"--seats: {part!r} should look like seat=control (e.g. usa=human)")
        if control not in allowed:
            raise UsageError(f"--seats: {control!r} is not a control here; use one of: {', '.join(allowed)}")
        seat = seat.strip()
        if seat == "all":
            default = (control, name.strip())
        elif seat not in seat_ids:
            raise UsageError(f"--seats: no seat {seat!r}; the seats are: {', '.join(seat_ids)}")
        else:
            out[seat] = (control, name.strip())
    if default is not None:
        out = {s: out.get(s, default) for s in seat_ids}
    return out


def _load(path: str | Path):  # type: ignore[no-untyped-def]
    return load_scenario(find_scenario(str(path)))


# ------------------------------------------------------------------------------ commands


def cmd_validate(args: argparse.Namespace) -> int:
    from .engine.loader import scenario_folders, validate

    problems = validate(args.paths)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        files = len({p.file for p in problems})
        print(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} file{'s' if files != 1 else ''}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    for given in args.paths:
        for folder in scenario_folders(given) or [Path(given)]:
            print(f"ok: {folder}")
    return EXIT_OK


def cmd_simulate(args: argparse.Namespace) -> int:
    from .engine.record import dumps, write
    from .engine.sim import simulate

    if args.games < 1:
        raise UsageError("--games must be at least 1")
    scenario = _load(args.scenario)
    seats = parse_seats(args.seats, scenario.seat_ids, BOT_CONTROLS)
    controls = {s: seats.get(s, ("heuristic", ""))[0] for s in scenario.seat_ids}
    keep = None
    if args.save_dir:
        folder = Path(args.save_dir)

        def keep(i: int, record) -> None:  # type: ignore[no-untyped-def]
            write(folder / f"game-{args.seed + i:06d}.json", dumps(record))

    summary = simulate(scenario, args.games, args.seed, controls, keep)
    if args.json:
        print(json.dumps(summary.to_json(), indent=2, sort_keys=False))
    else:
        from .report import summary_table

        print(summary_table(summary, scenario))
    return EXIT_OK


def cmd_replay(args: argparse.Namespace) -> int:
    from .engine.record import read, replay
    from .report import final_summary

    record = read(args.record)
    scenario = _load(args.scenario or _record_scenario(record))
    state = replay(record, scenario)
    print(final_summary(state, record))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from .engine.record import read, replay
    from .report import after_action

    record = read(args.record)
    scenario = _load(args.scenario or _record_scenario(record))
    state = replay(record, scenario)
    print(after_action(state, record))
    return EXIT_OK


def _record_scenario(record) -> str:  # type: ignore[no-untyped-def]
    """Where a record's scenario is: where it was played from, else the bundled one."""
    if record.scenario_path and Path(record.scenario_path).is_dir():
        return record.scenario_path
    return record.scenario


def cmd_schema(args: argparse.Namespace) -> int:
    from .engine.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    from .tui import run

    return run(args)


# ---------------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brink",
        description="Brinkmanship: a card-driven seminar wargame of the 2017 Northeast Asia crisis.",
        epilog="Run `brink COMMAND --help` for a command's options. Quick start: `brink play`.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "play",
        help="play at this keyboard (hot-seat), in the terminal",
        description="Open the game table. Without options, the setup screen lets you "
        "pick a scenario and assign each seat to a person or a bot.",
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
    p.add_argument("--resume", action="store_true", help="continue the last game from its autosave")
    p.add_argument("--load", metavar="NAME", help="open a saved game by name or file")
    p.add_argument("--timer", type=int, metavar="SECONDS", help="discussion timer per human turn")
    p.add_argument("--theme", choices=("dark", "light"), help="colour theme (default: dark)")
    p.set_defaults(func=cmd_play)

    p = sub.add_parser(
        "validate",
        help="check scenario and deck files; list every problem",
        description="Check scenarios and decks. Prints every problem as "
        "file:line:col: message; exits 0 when all is valid, 2 when not.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="scenario folders, deck files, or a folder of scenarios"
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "simulate",
        help="play many bot games and summarise the outcomes",
        description="Play bot games without a screen and summarise outcomes, objective "
        "rates and the catastrophe rate. The same seed gives the same output.",
    )
    p.add_argument("--games", type=int, default=100, help="how many games (default 100)")
    p.add_argument(
        "--seed", type=int, default=1, help="seed of the first game; game i uses seed+i (default 1)"
    )
    p.add_argument(
        "--seats",
        metavar="SPEC",
        help="bot per seat, e.g. usa=heuristic,dprk=random or all=random (default: all heuristic)",
    )
    p.add_argument(
        "--scenario", metavar="PATH", default=str(DEFAULT_SCENARIO), help="scenario folder or bundled id"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument("--save-dir", metavar="DIR", help="write each game's record into DIR")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser(
        "replay",
        help="replay a saved record, verifying every step",
        description="Replay a record against its scenario, checking the deck hash and "
        "every action; prints the final summary. Exits 2 if it does not verify.",
    )
    p.add_argument("record", metavar="RECORD", help="a record file (.json)")
    p.add_argument("--scenario", metavar="PATH", help="scenario folder (default: the one the record names)")
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser(
        "report",
        help="after-action report of a recorded game",
        description="The debrief of a recorded game: timeline, every decision with its "
        "reason, the path of each track, and who pushed a catastrophe.",
    )
    p.add_argument("record", metavar="RECORD", help="a record file (.json)")
    p.add_argument("--scenario", metavar="PATH", help="scenario folder (default: the one the record names)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of scenario and deck files",
        description="Print a JSON Schema of the scenario and deck YAML formats, for "
        "editors that validate and complete YAML.",
    )
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return int(args.func(args))
    except LoadError as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (RecordError, UsageError) as e:
        print(f"brink {args.command}: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"brink {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # a bug: say so plainly rather than print a traceback
        print(
            f"brink {args.command}: internal error ({type(e).__name__}: {e}); please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
