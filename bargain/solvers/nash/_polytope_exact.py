"""Exact integer arithmetic for the best-response polytopes (private helpers).

Everything here works on Python integers (arbitrary precision) without fractions:
a rational vector is kept as integer numerators over one positive common denominator,
and linear systems are solved by fraction-free (Bareiss) Gauss-Jordan elimination, whose
intermediate values are minors of the input and so stay exact integers (Bareiss 1968,
"Sylvester's identity and multistep integer-preserving Gaussian elimination",
Math. Comp. 22). This is the integer-pivoting idea of lrs (Avis 2000) and of
von Stengel's chapter in Nisan et al. (2007), Section 3.4.

Used to rebuild an exact dictionary from a basis (vertex enumeration's certified-float
path, when a decision cannot be certified), to solve the exact equilibria, and by the
exact path of support enumeration (one small system per support pair).
"""

from __future__ import annotations

from collections.abc import Sequence
from math import gcd

__all__ = ["bareiss_inverse", "solve_exact"]

def _eliminate(a: list[list[int]], n: int) -> int | None:
    """Fraction-free Gauss-Jordan on the first ``n`` columns of the augmented rows ``a``, in place.

    Afterwards every row ``i`` reads ``d * e_i | ...`` with the common pivot ``d`` returned
    (the determinant up to sign); ``None`` when the leading ``n x n`` block is singular.
    """
    width = len(a[0])
    prev = 1
    for k in range(n):
        if a[k][k] == 0:
            for i in range(k + 1, n):
                if a[i][k] != 0:
                    a[k], a[i] = a[i], a[k]
                    break
            else:
                return None
        rk = a[k]
        p = rk[k]
        for i in range(n):
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
    """Fraction-free Gauss-Jordan on ``[M | I]``.

    Returns ``(d, R)`` with ``M @ R == d * I`` and ``d != 0`` (``d`` is the determinant
    of ``M`` up to sign), or ``None`` when ``M`` is singular.
    """
    n = len(M)
    a = [list(row) + [1 if i == j else 0 for j in range(n)] for i, row in enumerate(M)]
    d = _eliminate(a, n)
    if d is None:
        return None
    return d, [row[n:] for row in a]


def solve_exact(M: Sequence[Sequence[int]], b: Sequence[int]) -> tuple[tuple[int, ...], int] | None:
    """Solve ``M v = b`` exactly: ``(numerators, denominator)`` with denominator > 0, or None."""
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
