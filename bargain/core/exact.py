"""Exact rational arithmetic: Fraction conversion, exact payoffs and regret, exact linear systems.

The float path certifies equilibria up to a tolerance; this module certifies them
exactly, for games whose payoffs are integers or fractions, or floats read as the
decimals the user typed (0.9 means 9/10). It also holds the library's one exact linear
solver: fraction-free (Bareiss) Gauss-Jordan elimination on Python integers, whose
intermediate values are minors of the input and so stay exact integers (Bareiss 1968,
"Sylvester's identity and multistep integer-preserving Gaussian elimination", Math.
Comp. 22; the integer pivoting of lrs, Avis 2000, and of von Stengel 2007, Section 3.4).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import gcd
from typing import Any

import numpy as np

from bargain._validate import describe
from bargain.errors import InvalidGameError

__all__ = [
    "ratio",
    "ratio_rows",
    "to_fraction",
    "to_fraction_vector",
    "exact_payoffs",
    "exact_regret",
    "IntegerGame",
    "solve_linear",
    "solve_integer",
    "bareiss_inverse",
]


def to_fraction(value: Any, func: str = "to_fraction", *, max_denominator: int | None = None) -> Fraction:
    """Convert a number to :class:`~fractions.Fraction`, reading floats as the decimal typed.

    A float becomes the fraction of its shortest decimal representation (``0.9`` is
    ``9/10``, not the dyadic ``8106479329266893/9007199254740992`` it holds), which is what
    a user who typed ``0.9`` means; integers and fractions convert exactly; strings such as
    ``"9/10"`` or ``"0.9"`` are read by :class:`~fractions.Fraction`. With
    ``max_denominator`` the value is rounded to the nearest fraction with a bounded
    denominator (useful for results of a float solver that are known to be rational).

    >>> to_fraction(0.9), to_fraction("9/10"), to_fraction(1 / 3, max_denominator=1000)
    (Fraction(9, 10), Fraction(9, 10), Fraction(1, 3))
    """
    if isinstance(value, Fraction):
        out = value
    elif isinstance(value, bool | np.bool_):
        raise InvalidGameError(f"{func}: expected a number, got the boolean {value!r}")
    elif isinstance(value, int | np.integer):
        out = Fraction(int(value))
    elif isinstance(value, float | np.floating):
        if not np.isfinite(value):
            raise InvalidGameError(f"{func}: cannot convert non-finite value {value!r} to a fraction")
        out = Fraction(repr(float(value)))
    elif isinstance(value, str):
        try:
            out = Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise InvalidGameError(
                f"{func}: {value!r} is not a number (write an integer, a decimal or p/q)"
            ) from None
    elif hasattr(value, "numerator") and hasattr(value, "denominator"):
        out = Fraction(int(value.numerator), int(value.denominator))
    else:
        raise InvalidGameError(f"{func}: expected a real number, got {describe(value)}")
    return out.limit_denominator(max_denominator) if max_denominator else out


def _ratio_fast(num: int, den: int) -> Fraction:
    """``Fraction(num, den)`` for Python integers ``num`` and ``den > 0``, in lowest terms.

    About twice as fast as the constructor, which re-checks its arguments' types: for the
    exact solvers, which build thousands of fractions from integers they computed.

    >>> ratio(6, 4), ratio(0, 7), ratio(-3, 9)
    (Fraction(3, 2), Fraction(0, 1), Fraction(-1, 3))
    """
    g = gcd(num, den)
    f = object.__new__(Fraction)
    f._numerator, f._denominator = num // g, den // g
    return f


def _ratio_checked(num: int, den: int) -> Fraction:
    """``Fraction(num, den)`` by the constructor (where a fraction's slots differ)."""
    return Fraction(num, den)


def _pick_ratio() -> Any:
    """The fast construction where this Python keeps a fraction in the slots it sets."""
    try:
        probe = _ratio_fast(6, 4)
        ok = probe == Fraction(3, 2) and hash(probe) == hash(1.5) and _ratio_fast(0, 5) == 0
    except AttributeError:  # pragma: no cover - another implementation of Fraction
        ok = False
    return _ratio_fast if ok else _ratio_checked


ratio = _pick_ratio()


def ratio_rows(nums: np.ndarray, dens: np.ndarray) -> list[tuple[Fraction, ...]]:
    """Rows of fractions ``nums[r, c] / dens[r]`` in lowest terms, for int64 ``nums`` of
    shape ``(k, d)`` and positive ``dens`` of shape ``(k,)``: reduced in numpy, each built
    as :func:`ratio` builds one (zeros share one object).

    >>> ratio_rows(np.array([[2, 0, 4], [1, 1, 1]]), np.array([6, 3]))
    [(Fraction(1, 3), Fraction(0, 1), Fraction(2, 3)), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))]
    """
    nums = np.asarray(nums, dtype=np.int64)
    dens = np.broadcast_to(np.asarray(dens, dtype=np.int64)[:, None], nums.shape)
    g = np.gcd(nums, dens)  # gcd(0, den) = den: zero becomes 0/1
    num_l, den_l = (nums // g).tolist(), (dens // g).tolist()
    zero = Fraction(0)
    if ratio is not _ratio_fast:  # pragma: no cover - another implementation of Fraction
        return [tuple(Fraction(a, b) for a, b in zip(nr, dr)) for nr, dr in zip(num_l, den_l)]
    new = object.__new__
    out = []
    for nr, dr in zip(num_l, den_l):
        row = []
        for a, b in zip(nr, dr):
            if a:
                f = new(Fraction)
                f._numerator, f._denominator = a, b
                row.append(f)
            else:
                row.append(zero)
        out.append(tuple(row))
    return out


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


# ------------------------------------------------------------------ exact linear systems
def _eliminate(a: list[list[int]], n: int) -> int | None:
    """Fraction-free Gauss-Jordan on the first ``n`` columns of the integer rows ``a``, in place.

    ``a`` may have more rows than ``n`` (over-determined systems). Afterwards row ``i < n``
    reads ``d * e_i | ...`` with the common pivot ``d`` returned (the determinant of the
    chosen ``n x n`` block up to sign) and rows ``i >= n`` are zero in the first ``n``
    columns; ``None`` when the first ``n`` columns have rank below ``n``.
    """
    width = len(a[0])
    rows = len(a)
    prev = 1
    for k in range(n):
        if a[k][k] == 0:
            for i in range(k + 1, rows):
                if a[i][k] != 0:
                    a[k], a[i] = a[i], a[k]
                    break
            else:
                return None
        rk = a[k]
        p = rk[k]
        for i in range(rows):
            if i == k:
                continue
            ri = a[i]
            f = ri[k]
            if f == 0:
                if p != prev:
                    for j in range(width):
                        if ri[j]:
                            ri[j] = ri[j] * p // prev
                continue
            for j in range(width):
                ri[j] = (p * ri[j] - f * rk[j]) // prev
        prev = p
    return a[0][0]


def bareiss_inverse(M: Sequence[Sequence[int]]) -> tuple[int, list[list[int]]] | None:
    """Fraction-free Gauss-Jordan on ``[M | I]`` for a square integer matrix.

    Returns ``(d, R)`` with ``M @ R == d * I`` and ``d != 0`` (``d`` is the determinant
    of ``M`` up to sign), or ``None`` when ``M`` is singular.

    >>> bareiss_inverse([[2, 1], [1, 1]])
    (1, [[1, -1], [-1, 2]])
    """
    n = len(M)
    a = [list(row) + [1 if i == j else 0 for j in range(n)] for i, row in enumerate(M)]
    d = _eliminate(a, n)
    if d is None:
        return None
    return d, [row[n:] for row in a]


def solve_integer(M: Sequence[Sequence[int]], b: Sequence[int]) -> tuple[tuple[int, ...], int] | None:
    """Solve the square integer system ``M v = b``: ``(numerators, denominator)``, or ``None``.

    The denominator is positive and the result is in lowest terms.

    >>> solve_integer([[2, 0], [0, 4]], [1, 1])
    ((2, 1), 4)
    """
    n = len(M)
    a = [list(row) + [b[i]] for i, row in enumerate(M)]
    d = _eliminate(a, n)
    if d is None:
        return None
    num = [row[n] for row in a]
    if d < 0:
        d = -d
        num = [-x for x in num]
    g = d
    for x in num:
        g = gcd(g, x)
    return tuple(x // g for x in num), d // g


def solve_linear(
    rows: Sequence[Sequence[Any]], rhs: Sequence[Any], n: int | None = None
) -> tuple[Fraction, ...] | None:
    """The unique rational solution of ``rows @ v == rhs``, or ``None``: the one exact solver.

    ``rows`` (integers or Fractions) may have more equations than the ``n`` unknowns
    (default: the row length); consistent over-determined systems are fine. ``None`` when
    the system is inconsistent or its solution is not unique. Each row is scaled to
    integers and eliminated fraction-free, so no Fraction arithmetic runs in the inner loop.

    >>> F = Fraction
    >>> solve_linear([[F(1), F(1)], [F(1), F(-1)], [F(2), F(0)]], [F(1), F(0), F(1)])
    (Fraction(1, 2), Fraction(1, 2))
    >>> solve_linear([[1, 1]], [1]) is None
    True
    >>> solve_linear([[F(1, 2), 0], [0, F(1, 3)]], [1, 1])
    (Fraction(2, 1), Fraction(3, 1))
    """
    if n is None:
        n = len(rows[0]) if len(rows) else 0
    if len(rows) < n:
        return None
    integer_rows: list[list[int]] = []
    for row, b in zip(rows, rhs):
        vals = [Fraction(v) for v in row] + [Fraction(b)]
        den = math.lcm(*(v.denominator for v in vals))
        integer_rows.append([v.numerator * (den // v.denominator) for v in vals])
    if n == 0:
        return () if all(r[-1] == 0 for r in integer_rows) else None
    d = _eliminate(integer_rows, n)
    if d is None or any(r[n] != 0 for r in integer_rows[n:]):
        return None
    return tuple(Fraction(integer_rows[i][n], d) for i in range(n))
