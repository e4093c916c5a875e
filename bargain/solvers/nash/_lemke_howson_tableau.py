"""Tableaux for complementary pivoting on the best-response polytopes (private to Lemke-Howson).

Notation follows von Stengel (2002), "Computing equilibria for two-person games",
Handbook of Game Theory vol. 3, ch. 45, Sections 2.4-2.6. With payoffs shifted to be
positive, the best-response polytopes are

    P = {x in R^m : x >= 0, B^T x <= 1}      Q = {y in R^n : A y <= 1, y >= 0}

written with slack variables as two systems ``A y + r = 1`` (tableau 1: ``m`` rows, the
variables ``r`` and ``y``) and ``B^T x + s = 1`` (tableau 2: ``n`` rows, ``x`` and ``s``).
Variables carry global ids and labels:

    x_i -> id i,           y_j -> id m + j,
    r_i -> id m + n + i,   s_j -> id 2m + n + j,
    label(id) = id mod (m + n); x_i and r_i carry label i, y_j and s_j carry label m + j.

Two variables with the same label are *complements*. The minimum-ratio test is
lexicographic (the rows of ``[rhs, B^-1]`` divided by the entering column, compared in
order), which amounts to perturbing the right-hand side ``1`` by ``(eps, eps^2, ...)``
and makes every basis non-degenerate, so the path never cycles (Section 2.6).

Two arithmetics: :class:`FloatTableau` (float64, with a final re-solve of the basis from
the original data) and :class:`IntTableau` (exact integer pivoting: every entry stays an
integer and is divided exactly by the previous pivot element, Section 2.5).
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

import numpy as np

from bargain._thresholds import LH_PIVOT_EPS, LH_RATIO_TIE

__all__ = ["FloatTableau", "IntTableau", "make_tableaux"]


class FloatTableau:
    """A float64 tableau ``[M | rhs]`` over a set of variable ids, with basis and lex test."""

    def __init__(self, matrix: np.ndarray, var_ids: list[int], slack_ids: list[int]) -> None:
        rows = matrix.shape[0]
        self.original = np.ascontiguousarray(matrix, dtype=np.float64)
        self.T = np.hstack([self.original, np.ones((rows, 1))])
        self.col_of = {v: c for c, v in enumerate(var_ids)}
        self.var_ids = list(var_ids)
        self.basis = list(slack_ids)
        self.lex_cols = [self.col_of[v] for v in slack_ids]
        self.tie_seen = False

    def copy(self) -> FloatTableau:
        new = object.__new__(FloatTableau)
        new.original = self.original
        new.T = self.T.copy()
        new.col_of = self.col_of
        new.var_ids = self.var_ids
        new.basis = list(self.basis)
        new.lex_cols = self.lex_cols
        new.tie_seen = self.tie_seen
        return new

    def pivot(self, entering: int) -> int | None:
        """Bring ``entering`` into the basis; return the variable that left (None: no pivot row)."""
        T = self.T
        e = self.col_of[entering]
        col = T[:, e]
        scale = float(np.abs(col).max()) if col.size else 0.0
        cand = np.flatnonzero(col > LH_PIVOT_EPS * max(scale, 1.0))
        if cand.size == 0:
            return None
        first = True
        for c in [T.shape[1] - 1, *self.lex_cols]:
            ratios = T[cand, c] / col[cand]
            low = ratios.min()
            keep = ratios <= low + LH_RATIO_TIE * max(1.0, abs(low))
            if first and keep.sum() > 1:
                self.tie_seen = True
            first = False
            cand = cand[keep]
            if cand.size == 1:
                break
        r = int(cand[0])
        prow = T[r] / T[r, e]
        T -= np.outer(col, prow)
        T[r] = prow
        leaving = self.basis[r]
        self.basis[r] = entering
        return leaving

    def values(self) -> dict[int, float]:
        """Values of the basic variables, re-solved from the original data for accuracy."""
        cols = [self.col_of[v] for v in self.basis]
        rhs = np.ones(self.T.shape[0])
        try:
            vals = np.linalg.solve(self.original[:, cols], rhs)
        except np.linalg.LinAlgError:
            vals = self.T[:, -1]
        if not np.all(np.isfinite(vals)):
            vals = self.T[:, -1]
        return {v: float(val) for v, val in zip(self.basis, vals)}

    def basis_key(self) -> frozenset[int]:
        return frozenset(self.basis)


class IntTableau:
    """An integer tableau with fraction-free pivoting (exact; von Stengel 2002, Section 2.5).

    Entries are Python integers. After each pivot the tableau equals ``det`` times the
    rational tableau, where ``det`` is the last pivot element, so basic variable values
    are ``rhs / det`` and every division in the update is exact.
    """

    def __init__(self, matrix: list[list[int]], var_ids: list[int], slack_ids: list[int]) -> None:
        self.T = [list(row) + [1] for row in matrix]
        self.det = 1
        self.col_of = {v: c for c, v in enumerate(var_ids)}
        self.var_ids = list(var_ids)
        self.basis = list(slack_ids)
        self.lex_cols = [self.col_of[v] for v in slack_ids]
        self.tie_seen = False

    def copy(self) -> IntTableau:
        new = object.__new__(IntTableau)
        new.T = [list(row) for row in self.T]
        new.det = self.det
        new.col_of = self.col_of
        new.var_ids = self.var_ids
        new.basis = list(self.basis)
        new.lex_cols = self.lex_cols
        new.tie_seen = self.tie_seen
        return new

    def pivot(self, entering: int) -> int | None:
        T = self.T
        e = self.col_of[entering]
        cand = [i for i, row in enumerate(T) if row[e] > 0]
        if not cand:
            return None
        rhs = len(T[0]) - 1
        first = True
        for c in [rhs, *self.lex_cols]:
            # minimise T[i][c] / T[i][e] (denominators positive): compare by cross-multiplying
            best = cand[0]
            ties = [best]
            for i in cand[1:]:
                lhs = T[i][c] * T[best][e]
                rhs_v = T[best][c] * T[i][e]
                if lhs < rhs_v:
                    best, ties = i, [i]
                elif lhs == rhs_v:
                    ties.append(i)
            if first and len(ties) > 1:
                self.tie_seen = True
            first = False
            cand = ties
            if len(cand) == 1:
                break
        r = cand[0]
        piv = T[r][e]
        prow = T[r]
        det = self.det
        for i, row in enumerate(T):
            if i == r:
                continue
            f = row[e]
            if f == 0:
                if piv != det:
                    T[i] = [(v * piv) // det for v in row]
                continue
            T[i] = [(v * piv - f * p) // det for v, p in zip(row, prow)]
        self.det = piv
        leaving = self.basis[r]
        self.basis[r] = entering
        return leaving

    def values(self) -> dict[int, Fraction]:
        return {v: Fraction(row[-1], self.det) for v, row in zip(self.basis, self.T)}

    def basis_key(self) -> frozenset[int]:
        return frozenset(self.basis)


def _positive_float(M: np.ndarray) -> np.ndarray:
    """Affine copy of ``M`` with entries in [1, 2] (equilibria are unchanged)."""
    lo, hi = float(M.min()), float(M.max())
    if hi > lo:
        return (M - lo) / (hi - lo) + 1.0
    return np.ones_like(M)


def _positive_int(M: np.ndarray) -> list[list[int]]:
    """Integer matrix ``L (M - min M) + 1`` for an object array of Fractions (exact)."""
    flat = [Fraction(v) for v in M.ravel()]
    low = min(flat)
    den = lcm(*(v.denominator for v in flat)) if flat else 1
    m, n = M.shape
    out = [[0] * n for _ in range(m)]
    for k, v in enumerate(flat):
        d = (v - low) * den
        out[k // n][k % n] = int(d) + 1
    return out


def make_tableaux(
    A: np.ndarray, B: np.ndarray, exact: bool
) -> tuple[FloatTableau | IntTableau, FloatTableau | IntTableau]:
    """Initial tableaux (all slacks basic: the artificial equilibrium ``(0, 0)``).

    ``A``, ``B``: float arrays (float path) or object arrays of Fractions (exact path).
    """
    m, n = A.shape
    t1_vars = [m + n + i for i in range(m)] + [m + j for j in range(n)]
    t2_vars = [i for i in range(m)] + [2 * m + n + j for j in range(n)]
    r_ids = [m + n + i for i in range(m)]
    s_ids = [2 * m + n + j for j in range(n)]
    if exact:
        Ap = _positive_int(A)
        Bp = _positive_int(B)
        m1 = [[int(i == k) for k in range(m)] + Ap[i] for i in range(m)]
        m2 = [[Bp[i][j] for i in range(m)] + [int(j == k) for k in range(n)] for j in range(n)]
        return IntTableau(m1, t1_vars, r_ids), IntTableau(m2, t2_vars, s_ids)
    Ap = _positive_float(np.asarray(A, dtype=float))
    Bp = _positive_float(np.asarray(B, dtype=float))
    m1f = np.hstack([np.eye(m), Ap])
    m2f = np.hstack([Bp.T, np.eye(n)])
    return FloatTableau(m1f, t1_vars, r_ids), FloatTableau(m2f, t2_vars, s_ids)
