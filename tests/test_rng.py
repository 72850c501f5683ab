"""The seeded generator: its written-out runs of draws give what its calls give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.engine import rng


@given(st.integers(0, (1 << 64) - 1), st.integers(1, 10**6), st.integers(0, 40))
def test_draws_below_are_the_draws_of_below_in_a_row(state: int, n: int, count: int) -> None:
    expected = []
    at = state
    for _ in range(count):
        k, at = rng.below(at, n)
        expected.append(k)
    assert rng.draws_below(state, n, count) == expected
