"""Seeded randomness that lives inside the game state.

The generator is SplitMix64: its whole state is one integer, so a `GameState` can carry
it, copy it for free and compare it; the same seed gives the same game on any machine.
Each function takes the generator state and returns the result with the next state.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
_MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    """The generator state for a seed (any integer, negative ones included)."""
    return seed & _MASK


def next_u64(state: int) -> tuple[int, int]:
    """One 64-bit output and the next state."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31), state


def below(state: int, n: int) -> tuple[int, int]:
    """A uniform integer in 0..n-1 (n >= 1) and the next state."""
    x, state = next_u64(state)
    return (x * n) >> 64, state


def draws_below(state: int, n: int, count: int) -> list[int]:
    """`count` results of `below(state, n)` in a row, each from the state the one before
    left: the same numbers, with the generator written out here instead of a call and a
    tuple per draw, since the heuristic bot draws one for each legal action it weighs
    (tests/test_rng.py holds the two equal)."""
    out = []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & _MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        out.append(((z ^ (z >> 31)) * n) >> 64)
    return out


def shuffled(state: int, items: Sequence[T]) -> tuple[tuple[T, ...], int]:
    """The items in a random order (Fisher-Yates) and the next state."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j, state = below(state, i + 1)
        out[i], out[j] = out[j], out[i]
    return tuple(out), state


def roll(state: int, count: int, sides: int) -> tuple[int, int]:
    """The sum of `count` dice with `sides` faces and the next state."""
    total = 0
    for _ in range(count):
        r, state = below(state, sides)
        total += r + 1
    return total, state
