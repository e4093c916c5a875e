"""Exact engine of :mod:`bargain.repeated.transfers`: the optimal simple strategies for every delta.

Private. Works on one stage game given as two matrices of Python integers (the caller has
multiplied both players' payoffs by ONE common denominator: transfers need a common money
unit, so a common scale is harmless and a per-player one is not). Everything here is exact
integer arithmetic.

Notation (per pure profile ``a = (i, j)``):

* ``c1[j] = max_k A[k, j]`` and ``c2[i] = max_l B[i, l]``: each player's best-reply payoff
  against the other's part of ``a``;
* ``L(a) = (c1[j] - A[i, j]) + (c2[i] - B[i, j])``: the sum of the players' one-shot
  deviation gains (the "liquidity requirement" of Goldlücke and Kranz);
* ``U(a) = A[i, j] + B[i, j]``: the joint payoff.

With ``r = delta / (1 - delta)`` and a slack ``s = U* - v1 - v2``, a profile is *enforceable*
(it may be played in a period that is followed by the optimal continuation) iff
``L(a) <= r s``. Given the enforceable set ``E(s)``, ``U*(s) = max_E U``, ``v_i(s) = min_E c_i``
(the punished player's payoff in a stick-and-carrot punishment is his best-reply payoff
against the stick); ``s' = U*(s) - v1(s) - v2(s)`` is nondecreasing in ``s`` and ``r``, and
the subgame-perfect slack is its LARGEST fixed point, reached by iterating from
``s = +infinity`` (at most ``m n`` steps: every step that does not stop removes a profile).

Why (values are average payoffs; ``v_i`` is measured at the start of a stage game).
Sufficiency: take ``a_e`` with ``U(a_e) = U*`` and sticks ``a_i`` minimising ``c_i`` over the
enforceable set. After any profile ``a`` played, give each player the continuation
``w_j = v_j + (c_j(a) - u_j(a)) / r`` plus any share of the rest, which is possible by payments at
the next payment stage exactly when ``sum_j w_j <= U*``, i.e. ``L(a) <= r s``; then no one-shot
deviation in the stage game pays, the punished player ends with ``(1 - delta) u_i(a_i) + delta
w_i = c_i(a_i) = v_i``, and every payer keeps at least ``v_j`` after paying (``c_j(a) >= v_j`` for
enforceable ``a``), so no payment is refused. Necessity: in any pure SPE, every profile played at
some history passes the summed incentive constraint with continuation joint payoff at most the
supremum ``U^`` and punishments at least the infima ``v^``; ``U^`` is at most the largest ``U``
over played profiles and ``v^_i`` at least ``c_i`` of the first profile of ``i``'s worst
equilibrium. So the set of played profiles is self-enforcing, and the largest fixed point
contains it.

Every quantity is piecewise constant in ``r`` and can only change where some ``L(a) = r s``
with ``s`` one of the finitely many values ``U(a) - c1[j'] - c2[i']``: those ratios are the
candidate breakpoints, all evaluated at once (numpy, int64 when the numbers are small enough,
Python integers otherwise).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from bargain._thresholds import TRANSFER_CHUNK_CELLS, TRANSFER_INT64_BOUND

__all__ = ["Regime", "transfer_regimes"]


@dataclass(frozen=True)
class Regime:
    """The answer on one interval ``r >= r_lower`` (up to the next regime); integers are scaled."""

    r: Fraction                      # left end, as r = delta / (1 - delta)
    exists: bool                     # a pure-strategy SPE exists
    joint: int | None                # U* (scaled integers)
    punish: tuple[int, int] | None   # (v1, v2)
    enforceable: tuple[tuple[int, int], ...]
    sustainable: tuple[tuple[int, int], ...]
    equilibria: tuple[tuple[int, int], ...] = ()      # sustainable with U = U*
    sticks: tuple[tuple[tuple[int, int], ...], ...] = ((), ())  # enforceable with c_i = v_i

    def key(self) -> tuple:
        return (self.exists, self.joint, self.punish, self.enforceable, self.sustainable)


def _tables(A: list[list[int]], B: list[list[int]]) -> tuple[list, list, list, list, list]:
    m, n = len(A), len(A[0])
    c1 = [max(A[k][j] for k in range(m)) for j in range(n)]
    c2 = [max(B[i][l] for l in range(n)) for i in range(m)]
    prof = [(i, j) for i in range(m) for j in range(n)]
    L = [(c1[j] - A[i][j]) + (c2[i] - B[i][j]) for i, j in prof]
    U = [A[i][j] + B[i][j] for i, j in prof]
    C1 = [c1[j] for _, j in prof]
    C2 = [c2[i] for i, _ in prof]
    return prof, L, U, C1, C2


def _candidates(L: list[int], U: list[int], C1: list[int], C2: list[int]) -> list[Fraction]:
    """Every r at which the answer may change, ascending, with r = 0 first."""
    ls = sorted({x for x in L if x > 0})
    ss = sorted({u - a - b for u in set(U) for a in set(C1) for b in set(C2)} - {0})
    rs = {Fraction(x, s) for x in ls for s in ss if s > 0}
    return [Fraction(0)] + sorted(rs)


def _solve(r_num: np.ndarray, r_den: np.ndarray, L, U, C1, C2, dtype) -> tuple:
    """Largest fixed point for every candidate r at once.

    Returns ``(exists, joint, v1, v2, enforceable mask (K, P), sustainable mask (K, P))``.
    """
    K, P = len(r_num), len(L)
    L = np.asarray(L, dtype=dtype)[None, :]
    U = np.asarray(U, dtype=dtype)[None, :]
    C1 = np.asarray(C1, dtype=dtype)[None, :]
    C2 = np.asarray(C2, dtype=dtype)[None, :]
    num = r_num[:, None]
    den = r_den[:, None]
    positive = r_num > 0
    # s = +infinity: every profile is enforceable when r > 0; only L = 0 when r = 0
    allowed = np.broadcast_to(positive[:, None] | (L == 0), (K, P)).copy()
    joint = v1 = v2 = None
    for _ in range(P + 1):
        exists = allowed.any(axis=1)
        big = np.max(np.where(allowed, U, U.min() - 1), axis=1)
        low1 = np.min(np.where(allowed, C1, C1.max() + 1), axis=1)
        low2 = np.min(np.where(allowed, C2, C2.max() + 1), axis=1)
        slack = (big - low1 - low2)[:, None]
        # L <= r s, i.e. L den <= num s; at r = 0 only L = 0 (whatever the sign of s)
        nxt = np.where(positive[:, None], L * den <= num * slack, L == 0) & allowed
        joint, v1, v2 = big, low1, low2
        if (nxt == allowed).all():
            break
        allowed = nxt
    own = U - (v1 + v2)[:, None]  # slack of each profile played forever
    sustainable = np.where(positive[:, None], L * den <= num * own, L == 0) & exists[:, None]
    return exists, joint, v1, v2, allowed, sustainable


def transfer_regimes(
    A: list[list[int]], B: list[list[int]], *, max_time: float | None = None
) -> tuple[list[Regime], Fraction | None]:
    """All regimes (merged where nothing changes), and where the sweep stopped.

    The second value is ``None`` when every candidate was evaluated; on a time-out it is the
    first candidate ``r`` not evaluated (the regimes are then known for smaller ``r`` only).
    """
    start = time.perf_counter()
    prof, L, U, C1, C2 = _tables(A, B)
    cands = _candidates(L, U, C1, C2)
    bound = max([abs(x) for x in L + U + C1 + C2] + [1])
    biggest = max([max(c.numerator, c.denominator) for c in cands] + [1])
    # products L * den and num * s must fit: 3 * bound covers |s|
    small = 4 * bound * biggest < TRANSFER_INT64_BOUND
    dtype = np.int64 if small else object
    index = {p: k for k, p in enumerate(prof)}
    regimes: list[Regime] = []
    stopped: Fraction | None = None
    chunk = max(16, TRANSFER_CHUNK_CELLS // len(prof))
    for lo in range(0, len(cands), chunk):
        if max_time is not None and lo > 0 and time.perf_counter() - start > max_time:
            stopped = cands[lo]
            break
        part = cands[lo:lo + chunk]
        num = np.array([c.numerator for c in part], dtype=dtype)
        den = np.array([c.denominator for c in part], dtype=dtype)
        exists, joint, v1, v2, allowed, sustain = _solve(num, den, L, U, C1, C2, dtype)
        for k, r in enumerate(part):
            if not exists[k]:
                reg = Regime(r, False, None, None, (), ())
            else:
                pv = (int(v1[k]), int(v2[k]))
                enf = tuple(p for p, ok in zip(prof, allowed[k], strict=True) if ok)
                sus = tuple(p for p, ok in zip(prof, sustain[k], strict=True) if ok)
                top = int(joint[k])
                eq = tuple(p for p in sus if U[index[p]] == top)
                sticks = (
                    tuple(p for p in enf if C1[index[p]] == pv[0]),
                    tuple(p for p in enf if C2[index[p]] == pv[1]),
                )
                reg = Regime(r, True, top, pv, enf, sus, eq, sticks)
            if not regimes or regimes[-1].key() != reg.key():
                regimes.append(reg)
    return regimes, stopped
