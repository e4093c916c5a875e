"""Exact arithmetic in a real quadratic field Q(sqrt(d)): the irrational roots of a quadratic.

The fully mixed equilibria of a 2x2x2 game are the roots of a quadratic with rational
coefficients (McKelvey and McLennan 1997), so every probability of such an equilibrium is
``a + b sqrt(d)`` with rational ``a``, ``b`` and a positive integer ``d`` that is not a perfect
square. :class:`QuadraticIrrational` computes with these numbers exactly (sums, products,
quotients, signs), so those equilibria are certified with zero regret, not to a tolerance.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

__all__ = ["QuadraticIrrational", "is_perfect_square", "sqrt_fraction"]


def is_perfect_square(n: int) -> bool:
    """True when the non-negative integer ``n`` is a perfect square."""
    return n >= 0 and math.isqrt(n) ** 2 == n


def sqrt_fraction(q: Fraction) -> Fraction | QuadraticIrrational:
    """The square root of a non-negative rational, exactly (rational or a quadratic irrational).

    >>> sqrt_fraction(Fraction(9, 4)), str(sqrt_fraction(Fraction(3)))
    (Fraction(3, 2), 'sqrt(3)')
    """
    if q < 0:
        raise ValueError(f"sqrt_fraction: negative argument {q}")
    p, r = q.numerator, q.denominator
    if is_perfect_square(p) and is_perfect_square(r):
        return Fraction(math.isqrt(p), math.isqrt(r))
    return QuadraticIrrational(Fraction(0), Fraction(1, r), p * r)  # sqrt(p/r) = sqrt(p r) / r


class QuadraticIrrational:
    """The real number ``a + b * sqrt(d)`` (``a``, ``b`` rational, ``b != 0``, ``d`` a non-square).

    Arithmetic with Fractions, ints and numbers of the same field is exact; a result with
    ``b == 0`` comes back as a :class:`~fractions.Fraction`.

    >>> s = sqrt_fraction(Fraction(2))
    >>> s * s, (1 + s) * (1 - s), s > Fraction(7, 5), float(s)
    (Fraction(2, 1), Fraction(-1, 1), True, 1.4142135623730951)
    """

    __slots__ = ("a", "b", "d")

    def __init__(self, a: Fraction, b: Fraction, d: int) -> None:
        if b == 0 or d <= 0 or is_perfect_square(d):
            raise ValueError(f"QuadraticIrrational: not irrational (a={a}, b={b}, d={d})")
        self.a, self.b, self.d = Fraction(a), Fraction(b), int(d)

    @staticmethod
    def _make(a: Fraction, b: Fraction, d: int) -> Fraction | QuadraticIrrational:
        return Fraction(a) if b == 0 else QuadraticIrrational(a, b, d)

    def _parts(self, other: Any) -> tuple[Fraction, Fraction]:
        if isinstance(other, QuadraticIrrational):
            if other.d != self.d:
                raise ValueError(f"QuadraticIrrational: sqrt({self.d}) and sqrt({other.d}) do not mix")
            return other.a, other.b
        if isinstance(other, int | Fraction):
            return Fraction(other), Fraction(0)
        return NotImplemented  # type: ignore[return-value]

    def __add__(self, other: Any) -> Any:
        parts = self._parts(other)
        if parts is NotImplemented:
            return NotImplemented
        return self._make(self.a + parts[0], self.b + parts[1], self.d)

    __radd__ = __add__

    def __neg__(self) -> QuadraticIrrational:
        return QuadraticIrrational(-self.a, -self.b, self.d)

    def __sub__(self, other: Any) -> Any:
        return self + (-other)

    def __rsub__(self, other: Any) -> Any:
        return (-self) + other

    def __mul__(self, other: Any) -> Any:
        parts = self._parts(other)
        if parts is NotImplemented:
            return NotImplemented
        c, e = parts
        return self._make(self.a * c + self.b * e * self.d, self.a * e + self.b * c, self.d)

    __rmul__ = __mul__

    def _inverse(self) -> QuadraticIrrational:
        norm = self.a * self.a - self.b * self.b * self.d  # nonzero: sqrt(d) is irrational
        return QuadraticIrrational(self.a / norm, -self.b / norm, self.d)

    def __truediv__(self, other: Any) -> Any:
        if isinstance(other, QuadraticIrrational):
            return self * other._inverse()
        if isinstance(other, int | Fraction):
            return self._make(self.a / other, self.b / other, self.d)
        return NotImplemented

    def __rtruediv__(self, other: Any) -> Any:
        if isinstance(other, int | Fraction):
            return self._inverse() * other
        return NotImplemented

    def sign(self) -> int:
        """-1, 0 or 1, decided exactly (never 0: the number is irrational)."""
        a, b = self.a, self.b
        if a >= 0 and b >= 0:
            return 1
        if a <= 0 and b <= 0:
            return -1
        bigger = (a * a > b * b * self.d) - (a * a < b * b * self.d)  # |a| vs |b| sqrt(d)
        return bigger if a > 0 else -bigger

    def _cmp(self, other: Any) -> int:
        diff = self - other
        if isinstance(diff, QuadraticIrrational):
            return diff.sign()
        return (diff > 0) - (diff < 0)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, QuadraticIrrational):
            return (self.a, self.b, self.d) == (other.a, other.b, other.d)
        return False  # irrational: never equal to a rational

    def __hash__(self) -> int:
        return hash((self.a, self.b, self.d))

    def __lt__(self, other: Any) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: Any) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: Any) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: Any) -> bool:
        return self._cmp(other) >= 0

    def __float__(self) -> float:
        return float(self.a) + float(self.b) * math.sqrt(self.d)

    def __repr__(self) -> str:
        return f"QuadraticIrrational({self})"

    def __str__(self) -> str:
        root = f"sqrt({self.d})"
        b = self.b
        term = root if b == 1 else f"-{root}" if b == -1 else f"{b}*{root}"
        if self.a == 0:
            return term
        sign = "+" if b > 0 else "-"
        mag = abs(b)
        body = root if mag == 1 else f"{mag}*{root}"
        return f"{self.a} {sign} {body}"
