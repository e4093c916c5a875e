"""Exact rational arithmetic on games: Fraction conversion, exact payoffs and regret.

The float path certifies equilibria up to a tolerance; this module certifies them
exactly, for games whose payoffs are integers or fractions (or floats, which are
dyadic rationals).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._validate import describe
from bargain.errors import InvalidGameError

__all__ = ["to_fraction", "to_fraction_vector", "exact_payoffs", "exact_regret"]


def to_fraction(value: Any, func: str = "to_fraction", *, max_denominator: int | None = None) -> Fraction:
    """Convert a number to :class:`~fractions.Fraction` exactly.

    Floats convert to the exact dyadic rational they hold; with ``max_denominator`` they
    are instead rounded to the nearest fraction with a bounded denominator (useful for
    results of a float solver that are known to be rational).

    >>> to_fraction(0.25), to_fraction(1 / 3, max_denominator=1000)
    (Fraction(1, 4), Fraction(1, 3))
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool | np.bool_):
        return Fraction(int(value))
    if isinstance(value, int | np.integer):
        return Fraction(int(value))
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            raise InvalidGameError(f"{func}: cannot convert non-finite value {value!r} to a fraction")
        out = Fraction(float(value))
        return out.limit_denominator(max_denominator) if max_denominator else out
    raise InvalidGameError(f"{func}: expected a real number, got {describe(value)}")


def to_fraction_vector(values: Iterable[Any], func: str = "to_fraction_vector") -> tuple[Fraction, ...]:
    """Convert a 1-d sequence of numbers to a tuple of fractions."""
    return tuple(to_fraction(v, func) for v in np.asarray(values, dtype=object).ravel())


def _dot(u: Sequence[Fraction], v: Sequence[Fraction]) -> Fraction:
    return sum((a * b for a, b in zip(u, v)), Fraction(0))


def _action_values(
    A: np.ndarray, B: np.ndarray, x: Sequence[Fraction], y: Sequence[Fraction]
) -> tuple[list[Fraction], list[Fraction]]:
    m, n = A.shape
    ay = [_dot([A[i, j] for j in range(n)], y) for i in range(m)]
    xb = [_dot([B[i, j] for i in range(m)], x) for j in range(n)]
    return ay, xb


def exact_payoffs(
    A: np.ndarray, B: np.ndarray, x: Sequence[Fraction], y: Sequence[Fraction]
) -> tuple[Fraction, Fraction]:
    """Exact expected payoffs ``(x A y, x B y)`` for object arrays of Fractions.

    >>> A = np.array([[Fraction(1), Fraction(0)], [Fraction(0), Fraction(2)]], dtype=object)
    >>> exact_payoffs(A, A, (Fraction(2, 3), Fraction(1, 3)), (Fraction(2, 3), Fraction(1, 3)))
    (Fraction(2, 3), Fraction(2, 3))
    """
    ay, xb = _action_values(A, B, x, y)
    return _dot(x, ay), _dot(y, xb)


def exact_regret(
    A: np.ndarray, B: np.ndarray, x: Sequence[Fraction], y: Sequence[Fraction]
) -> tuple[Fraction, Fraction]:
    """Exact regret of each player (gain from the best pure deviation); zero iff equilibrium."""
    ay, xb = _action_values(A, B, x, y)
    return max(ay) - _dot(x, ay), max(xb) - _dot(y, xb)
