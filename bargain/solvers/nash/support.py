"""All extreme Nash equilibria by support enumeration.

Classical support enumeration (Nisan et al. 2007, *Algorithmic Game Theory*, ch. 3,
Algorithm 3.4; Dickhaut and Kaplan 1991) guesses a pair of supports of equal size and
solves both players' indifference conditions on that pair. That is complete only for
nondegenerate games: in a degenerate game an equilibrium may pair supports of different
sizes, and a support pair may hold a continuum.

Here the two sides are decoupled, which makes the method complete for every game:

* for every support ``I`` of the row strategy and every set ``J`` of ``|I|`` columns
  (not conditionally dominated given ``I``), solve ``x_I B_IJ = 1`` (the columns in ``J``
  indifferent); a solution with ``x_I > 0`` and ``x B <= 1`` is a vertex of the
  best-response polytope ``P`` (every vertex arises this way: its tight columns restricted
  to its support have full rank);
* the same for the column strategy and ``Q``;
* keep the pairs whose best responses cover each other's supports (``supp x`` within the
  best responses to ``y`` and vice versa; von Stengel 2002, Handbook of Game Theory
  vol. 3, ch. 45, Thm 2.4), whatever the sizes of the supports.

The systems are grouped by size and solved as numpy stacks (float path) or one by one
with fraction-free integer elimination (exact path).
"""

from __future__ import annotations

import time
from fractions import Fraction
from itertools import combinations
from typing import Any

import numpy as np

from bargain._result import Status
from bargain._thresholds import DEFAULT_TOL, NASH_MAX_TIME, SINGULAR_RCOND
from bargain._validate import check_bool, check_budget, check_tol
from bargain.core.exact import solve_integer
from bargain.core.game import Game, as_single_game
from bargain.solvers.nash._assemble import assemble_result
from bargain.solvers.nash._polytope import (
    Polytope,
    complete_pairs,
    polytopes,
    popcount,
    sort_profiles,
    tie_tolerance,
)
from bargain.solvers.nash.lemke_howson import budgeted_enumeration
from bargain.solvers.nash.result import NashResult

__all__ = ["support_enumeration", "solve_support"]

_CHUNK = 4096  # support systems solved per numpy stack
_CHECK_EVERY = 256  # supports enumerated between two checks of the time budget


def _side_data(poly: Polytope, exact: bool, row_side: bool, m: int, n: int):
    """Payoff-like matrix ``W`` (support x indifferent actions) of one side, positive.

    Row side (``P``): ``W[i, j] = B'[i, j]``, support over rows, indifference over columns.
    Column side (``Q``): ``W[j, i] = A'[i, j]``, support over columns, over rows.
    """
    if exact:
        if row_side:
            cols = poly.Gi[m:]  # one tuple per column j: B'[:, j]
            return [[cols[j][i] for j in range(n)] for i in range(m)]
        rows = poly.Gi[:m]  # one tuple per row i: A'[i, :]
        return [[rows[i][j] for i in range(m)] for j in range(n)]
    if row_side:
        return poly.G[m:].T.copy()
    return poly.G[:m].T.copy()


def _dominators(W, exact: bool, eps: float) -> list[list[int]]:
    """``better[j][j']``: bit mask of the support actions on which ``j'`` beats ``j``.

    Action ``j`` is (conditionally) dominated given a support ``S`` when some ``j'``
    beats it on every member of ``S``; it can then never be a best response to a
    strategy supported on ``S`` (the pruning of Porter, Nudelman and Shoham 2008).
    """
    s, t = (len(W), len(W[0])) if exact else W.shape
    better = [[0] * t for _ in range(t)]
    for j in range(t):
        for jp in range(t):
            if j == jp:
                continue
            mask = 0
            for r in range(s):
                if (W[r][jp] > W[r][j]) if exact else (W[r, jp] > W[r, j] + eps):
                    mask |= 1 << r
            better[j][jp] = mask
    return better


class _Side:
    """Vertices of one best-response polytope found from support systems."""

    def __init__(self, W, exact: bool, eps: float, support_offset: int, indiff_offset: int,
                 n_labels: int) -> None:
        self.W = W
        self.exact = exact
        self.eps = eps
        self.s, self.t = (len(W), len(W[0])) if exact else W.shape
        self.soff, self.ioff = support_offset, indiff_offset
        self.better = _dominators(W, exact, eps)
        self.found: dict[int, Any] = {}
        self.n_systems = 0
        self.n_labels = n_labels

    def allowed(self, mask: int) -> list[int]:
        """Indifference actions not dominated given the support ``mask``."""
        better = self.better
        return [
            j for j in range(self.t)
            if not any((better[j][jp] & mask) == mask for jp in range(self.t) if jp != j)
        ]

    def pairs_of_size(self, k: int):
        """Support systems ``(I, J)`` of size ``k``; ``None`` now and then (budget checks)."""
        for count, I in enumerate(combinations(range(self.s), k)):
            if count % _CHECK_EVERY == _CHECK_EVERY - 1:
                yield None
            for J in combinations(self.allowed(sum(1 << i for i in I)), k):
                yield I, J

    def _key(self, I, tight_cols) -> int:
        key = 0
        for r in range(self.s):
            if r not in I:
                key |= 1 << (self.soff + r)
        for j in tight_cols:
            key |= 1 << (self.ioff + j)
        return key

    def solve(self, systems: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
        self.n_systems += len(systems)
        if self.exact:
            self._solve_exact(systems)
        else:
            self._solve_float(systems)

    def _solve_exact(self, systems) -> None:
        W = self.W
        for I, J in systems:
            sol = solve_integer([[W[i][j] for i in I] for j in J], [1] * len(J))
            if sol is None:
                continue
            num, den = sol
            if any(v <= 0 for v in num):
                continue
            tight = []
            ok = True
            for j in range(self.t):
                val = sum(W[i][j] * v for i, v in zip(I, num))
                if val > den:
                    ok = False
                    break
                if val == den:
                    tight.append(j)
            if not ok:
                continue
            key = self._key(I, tight)
            if key not in self.found:
                z = [0] * self.s
                for i, v in zip(I, num):
                    z[i] = v
                self.found[key] = (tuple(z), den)

    def _solve_float(self, systems) -> None:
        if not systems:
            return
        W, eps = self.W, self.eps
        I = np.array([s[0] for s in systems], dtype=np.int64)
        J = np.array([s[1] for s in systems], dtype=np.int64)
        M = np.swapaxes(W[I[:, :, None], J[:, None, :]], 1, 2)  # rows: indifferent actions
        k = M.shape[1]
        # regular: reciprocal condition number above SINGULAR_RCOND (a determinant test
        # against Hadamard's bound rejects well-conditioned systems of correlated rows)
        sv = np.linalg.svd(M, compute_uv=False)
        regular = sv[:, -1] > SINGULAR_RCOND * sv[:, 0]
        M = np.where(regular[:, None, None], M, np.eye(k))
        x = np.linalg.solve(M, np.ones((len(M), k, 1)))[:, :, 0]
        good = regular & (x > eps).all(axis=1)
        if not good.any():
            return
        I, x = I[good], x[good]
        z = np.zeros((len(I), self.s))
        np.put_along_axis(z, I, x, axis=1)
        val = z @ W
        feasible = (val <= 1 + eps).all(axis=1)
        for zi, vi, Ii in zip(z[feasible], val[feasible], I[feasible]):
            key = self._key(set(Ii.tolist()), np.flatnonzero(np.abs(vi - 1) <= eps).tolist())
            if key not in self.found:
                self.found[key] = zi

    def keys(self) -> np.ndarray:
        dtype = np.int64 if self.n_labels <= 62 else object
        return np.array(list(self.found), dtype=dtype)


def solve_support(
    g: Game,
    exact: bool,
    tol: float,
    *,
    max_iter: int | None = None,
    max_time: float | None = None,
    warn: bool = True,
) -> NashResult:
    """Support enumeration on a validated single game (shared with ``nash_equilibria``)."""
    m, n = g.shape
    start = time.perf_counter()
    deadline = None if max_time is None else start + max_time
    P, Q = polytopes(g, exact)
    eps = tie_tolerance(tol)
    row = _Side(_side_data(P, exact, True, m, n), exact, eps, 0, m, m + n)
    col = _Side(_side_data(Q, exact, False, m, n), exact, eps, m, 0, m + n)
    stop = "done"
    chunk = _CHUNK
    for k in range(1, min(m, n) + 1):
        for side in (row, col):
            buf: list = []
            for system in side.pairs_of_size(k):
                if system is None:
                    if deadline is not None and time.perf_counter() > deadline:
                        stop = "max_time"
                        break
                    continue
                buf.append(system)
                if len(buf) == chunk:
                    stop = _flush(side, buf, row, col, max_iter, deadline)
                    buf = []
                    if stop != "done":
                        break
            if stop == "done" and buf:
                stop = _flush(side, buf, row, col, max_iter, deadline)
            if stop != "done":
                break
        if stop != "done":
            break
    kP, kQ = row.keys(), col.keys()
    pairs = complete_pairs(kP, kQ, m, n)
    xs, ys = list(row.found.values()), list(col.found.values())
    profiles = []
    for i, j in pairs:
        if exact:
            (zx, _), (zy, _) = xs[i], ys[j]
            sx, sy = sum(zx), sum(zy)
            profiles.append((tuple(Fraction(v, sx) for v in zx), tuple(Fraction(v, sy) for v in zy)))
        else:
            profiles.append((xs[i] / xs[i].sum(), ys[j] / ys[j].sum()))
    profiles = sort_profiles(profiles)
    degenerate = bool((popcount(kP) > m).any() or (popcount(kQ) > n).any())
    systems = row.n_systems + col.n_systems
    arith = "exact integer arithmetic" if exact else f"floating point, ties within {eps:g}"
    message = (
        f"{systems} support systems solved ({arith}); {len(kP)} + {len(kQ)} polytope vertices, "
        f"{len(pairs)} matched pairs"
    )
    status, complete = Status.SUCCESS, True
    if stop != "done":
        status = Status.MAX_ITER if stop == "max_iter" else Status.MAX_TIME
        complete = False
        budget = f"max_iter={max_iter}" if stop == "max_iter" else f"max_time={max_time:g}s"
        message = (
            f"budget {budget} ran out; the equilibria found so far are certified but the list "
            f"may be incomplete; {message}"
        )
    return assemble_result(
        g,
        profiles,
        method="support",
        complete=complete,
        degenerate=degenerate,
        tol=tol,
        exact=exact,
        status=status,
        message=message,
        stats={"systems": systems, "vertices_p": len(kP), "vertices_q": len(kQ),
               "seconds": time.perf_counter() - start},
        warn=warn,
    )


def _flush(side: _Side, buf: list, row: _Side, col: _Side, max_iter, deadline) -> str:
    if max_iter is not None:
        left = max_iter - row.n_systems - col.n_systems
        if left <= 0:
            return "max_iter"
        if left < len(buf):
            side.solve(buf[:left])
            return "max_iter"
    if deadline is not None and time.perf_counter() > deadline:
        return "max_time"
    side.solve(buf)
    return "done"


def support_enumeration(
    game: Any,
    *,
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    max_iter: int | None = None,
    max_time: float | None = NASH_MAX_TIME,
) -> NashResult:
    """All extreme Nash equilibria by (decoupled) support enumeration.

    Every support of each player is tried against every equally large set of opponent
    actions it could make indifferent (pruned by conditional dominance), and the
    solutions are matched by best responses, so support pairs of *any* sizes are covered
    and the method is complete on degenerate games too (see the module docstring). Its
    cost grows like ``binomial(m + n, m)``: use it for small games, and
    :func:`~bargain.vertex_enumeration` beyond about 8 x 8.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single game.
    exact : bool
        Solve every system in exact integer arithmetic and return exact equilibria (float
        payoffs are read as the decimals they print as, 0.1 as 1/10; always possible).
    tol : float
        Largest regret accepted, relative to each player's payoff range. The float path
        works on payoffs normalised to [0, 1] per player and decides signs and ties within
        ``tol / 4`` (clipped to ``[1e-11, 1e-6]``), so no scale or shift changes the answer.
    max_iter : int, optional
        Budget in support systems solved (``Status.MAX_ITER``).
    max_time : float or None, default 10
        Wall-clock budget in seconds (``Status.MAX_TIME`` when it runs out; ``None`` lifts
        it). A budget that ends before any equilibrium was found adds the end point of one
        Lemke-Howson path, so the result is never empty.

    Returns
    -------
    NashResult
        ``method="support"``; ``complete`` is True when every support system was tried
        (on the float path, assuming the tolerance decisions are right).

    Examples
    --------
    >>> import bargain as bg
    >>> g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> res = bg.support_enumeration(g, exact=True)
    >>> len(res), res.complete
    (3, True)
    >>> [e.row_exact for e in res.equilibria][1]
    (Fraction(4, 5), Fraction(1, 5), Fraction(0, 1))

    Unequal supports in a degenerate game: the pure row strategy ``Out`` is paired with a
    whole segment of column strategies.

    >>> entry = bg.Game([[0, 0], [2, -1]], [[2, 2], [1, -1]])
    >>> res = bg.support_enumeration(entry, exact=True)
    >>> len(res), res.degenerate, res.components
    (3, True, ((0, 1), (2,)))
    """
    func = "support_enumeration"
    g = as_single_game(game, func)
    exact = check_bool(exact, "exact", func)
    tol = check_tol(tol, func)
    max_iter, max_time = check_budget(max_iter, max_time, func)
    return budgeted_enumeration(solve_support, g, exact, tol, max_iter=max_iter, max_time=max_time)
