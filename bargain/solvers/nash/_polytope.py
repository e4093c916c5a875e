"""Best-response polytopes of a bimatrix game and the enumeration of their vertices (private).

After a positive affine change of payoffs (``A, B > 0``, which keeps the equilibria),
the two best-response polytopes are (von Stengel 2002, Handbook of Game Theory vol. 3,
ch. 45, Sec. 2.4; Nisan et al. 2007, ch. 3, Sec. 3.2)::

    P = {x in R^m : x >= 0,  B^T x <= 1}      rows 0..m-1: -x_i <= 0,   rows m+j: (B^T x)_j <= 1
    Q = {y in R^n : A y <= 1,  y >= 0}        rows 0..m-1: (A y)_i <= 1, rows m+j: -y_j <= 0

so that constraint ``k`` of either polytope carries *label* ``k``. A pair of vertices
``(x, y) != (0, 0)`` whose tight constraints together carry all ``m + n`` labels is an
extreme Nash equilibrium after normalising ``x`` and ``y`` to probabilities, and every
extreme equilibrium is such a pair (Avis, Rosenberg, Savani and von Stengel 2010,
"Enumeration of Nash equilibria for two-player games", Economic Theory 42, Sec. 2).
The game is nondegenerate iff no vertex of ``P`` has more than ``m`` tight constraints
and none of ``Q`` more than ``n`` (von Stengel 2002, Theorem 2.10).

Vertices are enumerated by lexicographic pivoting from the origin
(:mod:`bargain.solvers.nash._polytope_pivot`); a vertex is reported once, identified by its
set of tight constraints, however many (perturbed) bases reach it.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass
from functools import cached_property
from math import gcd, lcm

import numpy as np

from bargain._thresholds import LABEL_TOL_FRACTION, TIE_TOL_MAX, TIE_TOL_MIN
from bargain.core.game import Game
from bargain.solvers.nash._polytope_pivot import LexSearch

__all__ = [
    "tie_tolerance",
    "Polytope",
    "polytopes",
    "make_search",
    "run_searches",
    "complete_pairs",
    "popcount",
    "sort_profiles",
]


def tie_tolerance(tol: float) -> float:
    """Tie tolerance of the float enumerators on payoffs normalised per player (and shifted
    to [1, 2]): a fraction of the regret tolerance ``tol`` (so that a label decided at a tie
    still passes certification), clipped to ``[TIE_TOL_MIN, TIE_TOL_MAX]``."""
    return float(min(max(tol * LABEL_TOL_FRACTION, TIE_TOL_MIN), TIE_TOL_MAX))


@dataclass
class Polytope:
    """``{z : G z <= h}`` in float (``G``, ``h``) and, when exact, in integers (``Gi``, ``hi``)."""

    G: np.ndarray
    h: np.ndarray
    origin: tuple[int, ...]
    Gi: list[tuple[int, ...]] | None = None
    hi: list[int] | None = None

    @property
    def dim(self) -> int:
        return self.G.shape[1]

    @property
    def n_rows(self) -> int:
        return self.G.shape[0]

    @cached_property
    def best_response_gap(self) -> float:
        """Smallest gap, over the other player's pure strategies (the columns of the rows that
        are not the origin's), between the largest and the second largest entry (``inf`` with
        one such row): a gap within the tie tolerance makes the polytope degenerate."""
        keep = np.ones(self.n_rows, dtype=bool)
        keep[list(self.origin)] = False
        payoff = np.sort(self.G[keep], axis=0)
        return float((payoff[-1] - payoff[-2]).min()) if len(payoff) > 1 else float("inf")

    @cached_property
    def max_abs(self) -> int:
        """Largest absolute integer entry of ``Gi`` and ``hi`` (exact polytopes only): the
        size that decides between int64, floats and Python integers."""
        return max(max(abs(v) for row in self.Gi for v in row), max(abs(v) for v in self.hi))


def _positive_integers(M: np.ndarray) -> list[list[int]]:
    """Exact positive affine image of a Fraction matrix as integers >= 1."""
    flat = M.ravel().tolist()
    n = M.shape[1]
    dens = [v.denominator for v in flat]
    if all(q == 1 for q in dens):  # integer payoffs: a shift, in integers
        ints = [v.numerator for v in flat]
        shift = 1 - min(ints)
        return [[v + shift for v in ints[r : r + n]] for r in range(0, len(ints), n)]
    # over the common denominator D the payoffs are integers N; the differences to the
    # smallest, (N - N_lo) / D, have least common denominator D / g with
    # g = gcd(D, N - N_lo for all): the image (v - lo) * D / g + 1, in integers only
    D = lcm(*dens)
    N = [v.numerator * (D // q) for v, q in zip(flat, dens)]
    lo = min(N)
    g = gcd(D, *(v - lo for v in N))
    ints = [(v - lo) // g + 1 for v in N]
    return [ints[r : r + n] for r in range(0, len(ints), n)]


def _float_or_inf(rows: list[list[int]]) -> np.ndarray:
    """Float copy of positive integers, ``inf`` where they exceed the float range."""
    return np.array([[float(v) if v.bit_length() <= 1000 else np.inf for v in row] for row in rows])


# id(game) -> (weak reference to the game, {exact: (P, Q)}); an entry leaves with its game
_BUILT: dict[int, tuple[weakref.ref, dict]] = {}
_BUILT_LOCK = threading.Lock()


def polytopes(g: Game, exact: bool) -> tuple[Polytope, Polytope]:
    """The two best-response polytopes ``(P, Q)`` of a single game, built once per game and
    arithmetic (a game is immutable; the solvers never write to a polytope's arrays).

    ``exact=False``: each player's payoffs, normalised to ``[0, 1]`` (``g.normalized``), are
    shifted to ``[1, 2]`` in floating point. ``exact=True``:
    the exact payoffs (:meth:`bargain.Game.exact_payoffs`: integers, fractions, decimals) are
    mapped to positive integers (``Gi``, ``hi``; ``G``, ``h`` hold their float values).
    """
    key = id(g)
    with _BUILT_LOCK:
        entry = _BUILT.get(key)
        if entry is None or entry[0]() is not g:
            entry = _BUILT[key] = (weakref.ref(g), {})
            weakref.finalize(g, _BUILT.pop, key, None)
        built = entry[1]
        pair = built.get(exact)
    if pair is None:
        pair = _build(g, exact)
        with _BUILT_LOCK:
            built[exact] = pair
    return pair


def _build(g: Game, exact: bool) -> tuple[Polytope, Polytope]:
    """:func:`polytopes`, built."""
    m, n = g.shape
    if exact:
        Ae, Be = g.exact_payoffs()
        Ai = _positive_integers(Ae)
        Bi = _positive_integers(Be)
        Af = _float_or_inf(Ai)
        Bf = _float_or_inf(Bi)
        Pi = [tuple(-1 if c == i else 0 for c in range(m)) for i in range(m)]
        Pi += [tuple(Bi[i][j] for i in range(m)) for j in range(n)]
        Qi = [tuple(row) for row in Ai]
        Qi += [tuple(-1 if c == j else 0 for c in range(n)) for j in range(n)]
        hP = [0] * m + [1] * n
        hQ = [1] * m + [0] * n
    else:
        norm = g.normalized
        Af, Bf = norm.A + 1.0, norm.B + 1.0
        Pi = Qi = hP = hQ = None
    GP = np.vstack([-np.eye(m), Bf.T])
    GQ = np.vstack([Af, -np.eye(n)])
    P = Polytope(GP, np.r_[np.zeros(m), np.ones(n)], tuple(range(m)), Pi, hP)
    Q = Polytope(GQ, np.r_[np.ones(m), np.zeros(n)], tuple(range(m, m + n)), Qi, hQ)
    return P, Q


def popcount(keys: np.ndarray) -> np.ndarray:
    """Number of set bits of each key (int64 or object array of Python ints)."""
    if keys.dtype == object:
        return np.array([int(k).bit_count() for k in keys], dtype=np.int64)
    return np.bitwise_count(keys).astype(np.int64)


def make_search(poly: Polytope, mode: str, eps: float) -> LexSearch:
    """The lexicographic pivoting search of one polytope (``"float"``, ``"hybrid"``, ``"exact"``)."""
    if mode == "float":
        return LexSearch(poly.G, poly.h, poly.origin, mode="float", eps=eps)
    return LexSearch(poly.Gi, poly.hi, poly.origin, mode=mode)


def run_searches(
    searches: list[LexSearch], max_iter: int | None, max_time: float | None
) -> tuple[str, int]:
    """Advance the searches in turn until all are done or a budget runs out.

    Returns ``(stop, processed)`` with ``stop`` one of ``"done"``, ``"max_iter"``,
    ``"max_time"``; ``max_iter`` counts vertices processed over all searches.
    """
    deadline = None if max_time is None else time.perf_counter() + max_time
    processed = 0
    while not all(s.done for s in searches):
        for s in searches:
            if s.done:
                continue
            if max_iter is not None and processed >= max_iter:
                return "max_iter", processed
            if deadline is not None and time.perf_counter() > deadline:
                return "max_time", processed
            limit = None if max_iter is None else max_iter - processed
            processed += s.step(limit)
    return "done", processed


def complete_pairs(
    kP: np.ndarray, kQ: np.ndarray, m: int, n: int
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` of completely labelled vertex pairs, origins excluded."""
    full = (1 << (m + n)) - 1
    origin_p = (1 << m) - 1
    origin_q = full ^ origin_p
    cP, cQ = popcount(kP), popcount(kQ)
    lp, lq = kP.tolist(), kQ.tolist()
    pairs: set[tuple[int, int]] = set()
    simple_q = {k: j for j, (k, c) in enumerate(zip(lq, cQ.tolist())) if c == n and k != origin_q}
    for i, (k, c) in enumerate(zip(lp, cP.tolist())):
        if k == origin_p:
            continue
        if c == m:
            j = simple_q.get(full ^ k)
            if j is not None:
                pairs.add((i, j))
    conv = (lambda v: v) if kP.dtype == object else (lambda v: np.int64(v))
    for i in np.flatnonzero(cP > m).tolist():
        comp = conv(full ^ lp[i])
        for j in np.flatnonzero((kQ & comp) == comp).tolist():
            if lq[j] != origin_q:
                pairs.add((i, j))
    for j in np.flatnonzero(cQ > n).tolist():
        comp = conv(full ^ lq[j])
        for i in np.flatnonzero((kP & comp) == comp).tolist():
            if lp[i] != origin_p:
                pairs.add((i, j))
    return sorted(pairs)


def sort_profiles(profiles: list) -> list:
    """Canonical order: lexicographically decreasing ``(x, y)`` (pure strategies first).

    Keys are the float values of the entries (exact profiles too); ties keep their order.
    """
    if len(profiles) < 2:
        return list(profiles)
    keys = np.array([[*x, *y] for x, y in profiles], dtype=np.float64)
    order = np.lexsort(-keys.T[::-1])
    return [profiles[i] for i in order.tolist()]
