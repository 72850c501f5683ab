"""Confidence intervals for the rates a bot run measures.

A rate from a few hundred games is an estimate: these say how far it may be off, so a
designer does not chase noise. Both are the usual large-sample forms at 95%."""

from __future__ import annotations

import math

Z95 = 1.959963984540054


def wilson(k: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion `k` of `n` (sound near 0 and 1,
    where the plain normal interval goes below 0 or above 1)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    z2 = Z95 * Z95
    mid = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (0.0 if k == 0 else max(0.0, mid - half)), (1.0 if k == n else min(1.0, mid + half))


def difference(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float, float]:
    """The difference of two proportions `k1/n1 - k2/n2` with its 95% interval
    (Newcombe's method, from the two Wilson intervals). With either sample empty the
    difference is unknown: 0 with the widest interval."""
    if n1 == 0 or n2 == 0:
        return 0.0, -1.0, 1.0
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p1 - p2
    lo = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    hi = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, max(-1.0, lo), min(1.0, hi)
