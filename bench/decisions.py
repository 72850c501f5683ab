"""Fingerprints of the bots' decisions, for engine work that must not change them.

    .venv/bin/python bench/decisions.py            # 300 heuristic games per bundled scenario
    .venv/bin/python bench/decisions.py --games 50

Prints one digest per scenario and bot: a hash of every game's actions, log and final
state. Run it before and after a change to the engine's internals (a faster look-ahead,
a new data layout): equal digests mean the bots made the same decisions and the games
ended the same way, so the balance figures in BALANCE.md still hold. A changed deck
changes the digests too, so compare on the same decks.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from game.engine import GameState, load_scenario, new_game
from game.engine.sim import play_out

ROOT = Path(__file__).resolve().parent.parent
RUNS = (("nea2017", "heuristic", 1), ("korea2010", "heuristic", 1), ("nea2017", "search-easy", 50))


def fingerprint(state: GameState) -> bytes:
    """What a game did and where it ended; flags sorted (a frozenset's order depends on
    the hash seed)."""
    parts = (state.history, state.log, state.tracks, sorted(state.flags), state.hands, state.draw)
    return repr((*parts, state.discard, state.ending, state.timeline, state.rng)).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=300, help="heuristic games per scenario")
    games = parser.parse_args().games
    for scenario_id, bot, share in RUNS:
        sc = load_scenario(ROOT / "decks" / scenario_id)
        controls = dict.fromkeys(sc.seat_ids, bot)
        count = max(1, games // share)
        digest = hashlib.sha256()
        for seed in range(1, count + 1):
            digest.update(fingerprint(play_out(new_game(sc, seed), controls)))
        print(f"{scenario_id:<10} {bot:<12} {count:>4} games  {digest.hexdigest()[:16]}", flush=True)


if __name__ == "__main__":
    main()
