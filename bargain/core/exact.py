"""Exact rational arithmetic on games: Fraction conversion, exact payoffs and regret.

The float path certifies equilibria up to a tolerance; this module certifies them
exactly, for games whose payoffs are integers or fractions (or floats, which are
dyadic rationals).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._validate import describe
from bargain.errors import InvalidGameError

__all__ = ["to_fraction", "to_fraction_vector", "exact_payoffs", "exact_regret", "IntegerGame"]


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


def _integer_vector(values: Sequence[Fraction]) -> tuple[np.ndarray, int]:
    """``values == ints / den`` with Python-int numerators over the least common denominator."""
    den = math.lcm(*(v.denominator for v in values))
    ints = np.empty(len(values), dtype=object)
    ints[:] = [v.numerator * (den // v.denominator) for v in values]
    return ints, den


@dataclass(frozen=True, eq=False)
class IntegerGame:
    """Rational payoffs as Python-int matrices over one denominator each: ``A = A_int / den_a``.

    Exact evaluations then run on integers (numpy object arrays of ``int``), several times
    faster than :class:`~fractions.Fraction` arithmetic entry by entry.
    """

    A_int: np.ndarray
    B_int: np.ndarray
    den_a: int
    den_b: int

    @classmethod
    def from_fractions(cls, A: np.ndarray, B: np.ndarray) -> IntegerGame:
        """Build from object arrays of Fractions (as returned by ``Game.exact_payoffs``)."""
        a, da = _integer_vector([Fraction(v) for v in A.ravel()])
        b, db = _integer_vector([Fraction(v) for v in B.ravel()])
        return cls(a.reshape(A.shape), b.reshape(B.shape), da, db)

    def evaluate(
        self, x: Sequence[Fraction], y: Sequence[Fraction]
    ) -> tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]:
        """Exact ``((x A y, x B y), (regret_row, regret_col))`` at the profile ``(x, y)``."""
        xi, dx = _integer_vector(x)
        yi, dy = _integer_vector(y)
        ay = self.A_int.dot(yi)  # row action values times den_a * dy
        xb = xi.dot(self.B_int)  # column action values times den_b * dx
        u1 = int(xi.dot(ay))  # x A y times den_a * dx * dy
        u2 = int(xb.dot(yi))
        d1 = self.den_a * dx * dy
        d2 = self.den_b * dx * dy
        payoffs = (Fraction(u1, d1), Fraction(u2, d2))
        regrets = (Fraction(int(max(ay)) * dx - u1, d1), Fraction(int(max(xb)) * dy - u2, d2))
        return payoffs, regrets


def exact_payoffs(
    A: np.ndarray, B: np.ndarray, x: Sequence[Fraction], y: Sequence[Fraction]
) -> tuple[Fraction, Fraction]:
    """Exact expected payoffs ``(x A y, x B y)`` for object arrays of Fractions.

    >>> A = np.array([[Fraction(1), Fraction(0)], [Fraction(0), Fraction(2)]], dtype=object)
    >>> exact_payoffs(A, A, (Fraction(2, 3), Fraction(1, 3)), (Fraction(2, 3), Fraction(1, 3)))
    (Fraction(2, 3), Fraction(2, 3))
    """
    return IntegerGame.from_fractions(A, B).evaluate(x, y)[0]


def exact_regret(
    A: np.ndarray, B: np.ndarray, x: Sequence[Fraction], y: Sequence[Fraction]
) -> tuple[Fraction, Fraction]:
    """Exact regret of each player (gain from the best pure deviation); zero iff equilibrium."""
    return IntegerGame.from_fractions(A, B).evaluate(x, y)[1]
