"""Exact (rational) linear algebra for evolutionarily stable strategies (private helpers).

Used by :func:`bargain.solvers.dynamics.ess.ess` and :func:`~bargain.solvers.dynamics.ess.is_ess`.
Everything is exact rational arithmetic on small matrices (lists of lists of
:class:`fractions.Fraction`; linear systems through the library's one exact solver,
:func:`bargain.core.exact.solve_linear`): no rounding, so ties in the payoffs are seen exactly.

The ESS test implemented here
-----------------------------
``x`` is an ESS of the symmetric game ``A`` (Maynard Smith & Price 1973) iff for every
``y != x``: ``y.Ax <= x.Ax``, and ``y.Ax == x.Ax`` implies ``x.Ay > y.Ay``.

Let ``x`` be a symmetric Nash equilibrium with support ``S``, payoff ``v = x.Ax`` and
best-reply set ``T = {j : (Ax)_j = v}`` (so ``S`` is a subset of ``T``). The alternative
best replies are exactly the ``y`` supported in ``T``; for them ``y.Ax = v`` and, with
``z = y - x``, ``x.Ay - y.Ay = -z.Az`` (because ``z.Ax = v sum(z) = 0``). So ``x`` is an
ESS iff ``z.Az < 0`` for every nonzero ``z`` in the cone

    C = {z : z_j = 0 (j not in T), sum(z) = 0, z_j >= 0 (j in T \\ S)},

the directions from ``x`` into the best-reply face (Haigh 1975; Abakuks 1980; Bomze
1992 for the case ``T != S``). Only the symmetric part ``M = (A + A^T) / 2`` matters.
Parametrise ``C`` by free coordinates ``w`` (``S`` minus its first element ``s0``) and
nonnegative ``r`` (on ``R = T \\ S``), with ``z_s0 = -sum(w) - sum(r)``, and let ``Q`` be
``M`` in these coordinates. Then ``z.Mz < 0`` on ``C \\ {0}`` iff

1. ``Q_ww`` is negative definite (``r = 0``; Haigh's criterion, which is the whole test
   when ``T = S``), tested exactly by the signs of the ``LDL^T`` pivots; and
2. if ``R`` is not empty, the Schur complement ``N = -(Q_rr - Q_rw Q_ww^-1 Q_wr)`` (the
   form maximised over ``w`` for fixed ``r``) is strictly copositive: ``r.Nr > 0`` for
   ``r >= 0, r != 0``.

Strict copositivity is decided exactly: the minimum of ``r.Nr`` on the simplex is
attained at a point whose support ``J`` has a nonsingular KKT system
``N_JJ r_J = mu 1, sum(r_J) = 1`` (a singular system lets the minimiser slide, at equal
value, to a smaller support), and its value is that ``mu``. So ``N`` is strictly
copositive iff every nonsingular KKT system with a nonnegative solution has ``mu > 0``.

References: Maynard Smith & Price (1973), *Nature* 246, 15-18; Haigh (1975), "Game theory
and evolution", *Adv. Appl. Prob.* 7, 8-11; Abakuks (1980), "Conditions for evolutionarily
stable strategies", *J. Appl. Prob.* 17, 559-562; Bomze (1992), "Detecting all
evolutionarily stable strategies", *J. Optim. Theory Appl.* 75, 313-329. The derivation
above is self-contained; the cited papers give the same criteria.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

from bargain.core.exact import solve_linear

__all__ = ["negative_definite", "strictly_copositive", "support_equilibrium", "ess_test"]

Matrix = list[list[Fraction]]


def negative_definite(Q: Matrix) -> bool:
    """Exact test that a symmetric rational matrix is negative definite (LDL^T pivots < 0)."""
    n = len(Q)
    work = [list(row) for row in Q]
    for c in range(n):
        piv = work[c][c]
        if piv >= 0:
            return False
        for r in range(c + 1, n):
            f = work[r][c] / piv
            if f:
                for j in range(c, n):
                    work[r][j] -= f * work[c][j]
    return True


def strictly_copositive(N: Matrix) -> bool:
    """Exact test that ``r.Nr > 0`` for all ``r >= 0, r != 0`` (KKT enumeration, see module doc)."""
    n = len(N)
    for size in range(1, n + 1):
        for J in combinations(range(n), size):
            system = [[N[i][j] for j in J] + [Fraction(-1)] for i in J]
            system.append([Fraction(1)] * size + [Fraction(0)])
            sol = solve_linear(system, [Fraction(0)] * size + [Fraction(1)])
            if sol is None:
                continue
            r, mu = sol[:size], sol[size]
            if all(v >= 0 for v in r) and mu <= 0:
                return False
    return True


def support_equilibrium(A: Matrix, S: Sequence[int]) -> tuple[list[Fraction], Fraction] | None:
    """The symmetric equilibrium candidate with support exactly ``S``, if the support system is regular.

    Solves ``(A x)_i = v`` (``i`` in ``S``), ``sum(x) = 1``, ``x = 0`` off ``S``. Returns
    ``(x, v)`` when the system is nonsingular and ``x > 0`` on ``S``; ``None`` otherwise
    (a singular system has no isolated solution, and an ESS is always isolated).
    """
    k = len(A)
    s = len(S)
    system = [[A[i][j] for j in S] + [Fraction(-1)] for i in S]
    system.append([Fraction(1)] * s + [Fraction(0)])
    sol = solve_linear(system, [Fraction(0)] * s + [Fraction(1)])
    if sol is None or any(p <= 0 for p in sol[:s]):
        return None
    x = [Fraction(0)] * k
    for idx, p in zip(S, sol[:s]):
        x[idx] = p
    return x, sol[s]


def ess_test(A: Matrix, x: Sequence[Fraction]) -> tuple[bool, bool, tuple[int, ...]]:
    """Whether ``x`` (exact) is a symmetric Nash equilibrium and an ESS of ``A``.

    Returns ``(is_nash, is_ess, best_reply_set)``.
    """
    k = len(A)
    Ax = [sum((A[i][j] * x[j] for j in range(k)), Fraction(0)) for i in range(k)]
    v = sum((x[i] * Ax[i] for i in range(k)), Fraction(0))
    if max(Ax) > v:
        return False, False, ()
    T = tuple(j for j in range(k) if Ax[j] == v)
    S = [i for i in range(k) if x[i] > 0]
    R = [j for j in T if x[j] == 0]
    s0, free = S[0], S[1:]
    # z = P [w; r] with z_s0 = -sum(w) - sum(r): columns of P as sparse {index: coefficient}
    columns = [{i: Fraction(1), s0: Fraction(-1)} for i in free + R]
    M = [[(A[i][j] + A[j][i]) / 2 for j in range(k)] for i in range(k)]

    def form(c1: dict[int, Fraction], c2: dict[int, Fraction]) -> Fraction:
        return sum((a * M[i][j] * b for i, a in c1.items() for j, b in c2.items()), Fraction(0))

    Q = [[form(c1, c2) for c2 in columns] for c1 in columns]
    nw = len(free)
    Qww = [row[:nw] for row in Q[:nw]]
    if nw and not negative_definite(Qww):
        return True, False, T
    if not R:
        return True, True, T
    # Schur complement N = -(Q_rr - Q_rw Q_ww^-1 Q_wr)
    nr = len(R)
    Qwr = [row[nw:] for row in Q[:nw]]
    Qrr = [row[nw:] for row in Q[nw:]]
    if nw:
        cols = [solve_linear(Qww, [Qwr[i][c] for i in range(nw)]) for c in range(nr)]   # Q_ww^-1 Q_wr
        schur = [
            [Qrr[a][b] - sum((Qwr[i][a] * cols[b][i] for i in range(nw)), Fraction(0)) for b in range(nr)]
            for a in range(nr)
        ]
    else:
        schur = Qrr
    N = [[-v for v in row] for row in schur]
    return True, strictly_copositive(N), T
