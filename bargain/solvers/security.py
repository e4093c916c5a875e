"""Security levels by linear programming: maxmin (what a player can guarantee) and minmax.

For a payoff matrix ``M`` (the maximiser's payoffs, ``m x n``) the value is

    v = max_x min_j (x M)_j = min_y max_i (M y)_i        (von Neumann 1928)

and both sides are linear programs, dual to each other (Dantzig 1951; see e.g. Ferguson,
*Game Theory*, Part II, Section 4). A player's security level in a bimatrix game is the
value of the matrix game of that player's own payoffs, so one engine serves both the
security levels here and the value of a zero-sum game (:mod:`bargain.solvers.zero_sum`).

Numbers (DESIGN section 3): each matrix is shifted and scaled to ``[0, 1]`` before it goes
to HiGHS (so payoffs of 1e300 or 1e-300 behave like 0..1), the LP status is checked, every
answer is certified by its duality gap ``max_i (N y)_i - min_j (x N)_j <= tol`` on the
normalised matrix ``N``, and values are mapped back exactly as ``lo + range * v``.

Batches: all games of a chunk go into one block-diagonal LP (the objective is separable,
so its optimum is the per-game optimum), which costs one HiGHS call per chunk of games
rather than one per game. The exact path (``exact=True``) recovers each game's optimal
vertex from the LP's support and tight constraints with the one exact linear solver
(:func:`bargain.core.exact.solve_linear`), certifies it exactly, and falls back to exact
Lemke-Howson pivoting (any Nash equilibrium of a zero-sum game is a pair of optimal
strategies) when recovery fails; it loops over the games of a batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number, fmt_strategy, warn_if_uncertified
from bargain._thresholds import (
    DEFAULT_TOL,
    LP_ROUNDOFF,
    MATRIX_GAME_CHUNK,
    VERTEX_SUPPORT_TOL,
    VERTEX_TIGHT_TOL,
)
from bargain._validate import check_bool, check_tol
from bargain.core.exact import solve_linear
from bargain.core.frozen import readonly
from bargain.core.game import Game, as_game
from bargain.errors import SolverError

__all__ = ["maxmin", "minmax", "SecurityResult", "MatrixGames", "solve_matrix_games"]


# ----------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False, repr=False)
class SecurityResult(Result):
    """Security (maxmin) or punishment (minmax) levels of both players.

    Attributes
    ----------
    kind : {"maxmin", "minmax"}
        Which levels these are.
    values : ndarray, shape batch + (2,)
        ``values[..., k]`` is player ``k``'s level (0 = row, 1 = column), in the game's own
        payoff units. By the minimax theorem the maxmin and minmax levels of a two-player
        game are equal.
    strategies : tuple of two ndarrays
        For ``"maxmin"``: ``strategies[k]`` is player ``k``'s own maxmin (security)
        strategy, shapes batch + (m,) and batch + (n,). For ``"minmax"``:
        ``strategies[k]`` is the **opponent's** punishing strategy against player ``k``,
        shapes batch + (n,) (the column player's strategy holding the row player down) and
        batch + (m,).
    gap : ndarray, shape batch + (2,)
        Duality gap certifying each level, relative to that player's payoff range (0 at an
        exact optimum; ``<= tol`` when certified).
    values_exact, strategies_exact : optional
        With ``exact=True``: object arrays of Fractions with the shapes above.
    status, message, success
        ``SUCCESS`` when every level is certified.
    """

    kind: str
    values: np.ndarray
    strategies: tuple[np.ndarray, np.ndarray]
    gap: np.ndarray
    values_exact: Any = None
    strategies_exact: Any = None

    def __repr__(self) -> str:
        status = "status=SUCCESS" if self.success else self._status_line()
        head = f"SecurityResult({self.kind}, {status}"
        if self.values.ndim != 1:
            return f"{head}, batch of shape {self.values.shape[:-1]})"
        labels = self.labels
        players = labels.players if labels is not None else ("Row", "Column")
        exact = self.values_exact is not None
        vals = self.values_exact if exact else self.values
        strats = self.strategies_exact if exact else self.strategies
        lines = [head + ")"]
        for k in (0, 1):
            if self.kind == "maxmin":  # the player's own guaranteeing strategy
                acts = None if labels is None else labels.actions(k)
                lines.append(f"  {players[k]}: {fmt_number(vals[k])}, guaranteed by playing "
                             f"{fmt_strategy(strats[k], acts)}")
            else:  # the opponent's punishing strategy
                acts = None if labels is None else labels.actions(1 - k)
                lines.append(f"  {players[k]}: held to {fmt_number(vals[k])} by {players[1 - k]} "
                             f"playing {fmt_strategy(strats[k], acts)}")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- the engine
@dataclass(frozen=True, eq=False)
class MatrixGames:
    """Solution of a stack of matrix games, the row player maximising (shapes: batch + ...).

    ``value`` is in the matrices' own units; ``gap`` is relative to each matrix's range;
    ``exact`` holds (values, maximiser strategies, minimiser strategies) as object arrays
    of Fractions when asked for.
    """

    value: np.ndarray
    maxi: np.ndarray
    mini: np.ndarray
    gap: np.ndarray
    certified: np.ndarray
    exact: tuple[np.ndarray, np.ndarray, np.ndarray] | None


def _block_lp(N: np.ndarray, maximiser: bool) -> np.ndarray:
    """Optimal strategies of a stack ``(K, m, n)`` of matrix games scaled to [0, 1].

    ``maximiser=True``: the row player's LP ``max v`` s.t. ``x N >= v``, ``sum x = 1``.
    ``maximiser=False``: the column player's LP ``min w`` s.t. ``N y <= w``, ``sum y = 1``.
    All games are blocks of one sparse LP.
    """
    from scipy import sparse

    from bargain.solvers._lp import LPStatus, solve_lp

    K, m, n = N.shape
    if not maximiser:
        N = 1.0 - np.swapaxes(N, -1, -2)  # min_y max_i (N y)_i = 1 - max_y min_i ((1 - N^T) y)_i
        m, n = n, m
    width = m + 1
    games = np.arange(K)
    # inequality rows (k, j): v_k - sum_i N[k, i, j] x_k[i] <= 0
    row_ids = games[:, None] * n + np.arange(n)[None, :]  # (K, n)
    rows_x = np.broadcast_to(row_ids[:, None, :], (K, m, n)).ravel()
    cols_x = np.broadcast_to((games[:, None] * width + np.arange(m)[None, :])[:, :, None], (K, m, n)).ravel()
    cols_v = np.repeat(games * width + m, n)
    A_ub = sparse.csr_matrix(
        (np.concatenate([-N.ravel(), np.ones(K * n)]),
         (np.concatenate([rows_x, row_ids.ravel()]), np.concatenate([cols_x, cols_v]))),
        shape=(K * n, K * width),
    )
    A_eq = sparse.csr_matrix(
        (np.ones(K * m), (np.repeat(games, m), (games[:, None] * width + np.arange(m)).ravel())),
        shape=(K, K * width),
    )
    c = np.zeros(K * width)
    c[games * width + m] = 1.0
    bounds = np.zeros((K * width, 2))
    bounds[:, 1] = np.inf
    bounds[games * width + m] = (0.0, 1.0)  # the value of a [0, 1] game
    sol = solve_lp(c, A_ub=A_ub, b_ub=np.zeros(K * n), A_eq=A_eq, b_eq=np.ones(K),
                   bounds=bounds, maximize=True)
    if sol.status is not LPStatus.OPTIMAL or sol.x is None:
        raise SolverError(
            f"matrix-game LP over {K} game(s) ended with status {sol.status.name} ({sol.message})"
        )
    x = sol.x.reshape(K, width)[:, :m].copy()
    x[x <= LP_ROUNDOFF] = 0.0  # HiGHS round-off on a [0, 1] scale (the certificate is recomputed)
    x /= x.sum(axis=1, keepdims=True)
    return x


def _normalised(M: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(N, lo, range)`` with ``M == lo + range * N`` and ``N`` in [0, 1] (range 1 if constant)."""
    lo = M.min(axis=(-2, -1))
    spread = M.max(axis=(-2, -1)) - lo
    spread = np.where(spread > 0, spread, 1.0)
    N = np.clip((M - lo[..., None, None]) / spread[..., None, None], 0.0, 1.0)
    return N, lo, spread


def _exact_side(Me: np.ndarray, x: np.ndarray, N: np.ndarray) -> tuple[Fraction, tuple] | None:
    """Exact maximiser vertex ``(v, x)`` of ``Me`` from a float optimum ``x`` of its scaled copy ``N``."""
    m, n = Me.shape
    support = [i for i in range(m) if x[i] > VERTEX_SUPPORT_TOL]
    if not support:
        return None
    payoff = x @ N
    tight = [j for j in range(n) if payoff[j] <= payoff.min() + VERTEX_TIGHT_TOL]
    k = len(support)
    rows = [[Me[i, j] for i in support] + [-1] for j in tight]
    rows.append([1] * k + [0])
    sol = solve_linear(rows, [0] * len(tight) + [1], k + 1)
    if sol is None:
        return None
    full = [Fraction(0)] * m
    for i, p in zip(support, sol[:k]):
        full[i] = p
    if any(p < 0 for p in full):
        return None
    return sol[k], tuple(full)


def _exact_game(Me: np.ndarray, x: np.ndarray, y: np.ndarray, N: np.ndarray) -> tuple[Fraction, tuple, tuple]:
    """Exact value and optimal strategies of one matrix game, certified exactly."""
    m, n = Me.shape
    lo = _exact_side(Me, x, N)
    hi = _exact_side(-Me.T, y, 1.0 - N.T)
    if lo is not None and hi is not None:
        xe, ye = lo[1], hi[1]
        low = min(sum((xe[i] * Me[i, j] for i in range(m)), Fraction(0)) for j in range(n))
        high = max(sum((Me[i, j] * ye[j] for j in range(n)), Fraction(0)) for i in range(m))
        if low == high:
            return low, xe, ye
    # fall back to exact Lemke-Howson: a Nash equilibrium of (M, -M) is a pair of optimal strategies
    from bargain.solvers.nash.lemke_howson import lemke_howson

    res = lemke_howson(Game(Me, -Me), exact=True)
    if not res.equilibria:  # pragma: no cover - exact Lemke-Howson always ends on a zero-sum game
        raise SolverError("matrix game, exact path: neither LP recovery nor exact pivoting succeeded")
    eq = res.equilibria[0]
    xe, ye = tuple(eq.row_exact), tuple(eq.col_exact)
    value = sum((xe[i] * Me[i, j] * ye[j] for i in range(m) for j in range(n)), Fraction(0))
    return value, xe, ye


def solve_matrix_games(M: np.ndarray, Me: np.ndarray | None, tol: float) -> MatrixGames:
    """Solve every matrix game of ``M`` (batch + (m, n)) for the row player as maximiser.

    The engine behind :func:`maxmin`, :func:`minmax` and :func:`bargain.solve_zero_sum`:
    each matrix is normalised to [0, 1], solved by one block LP per chunk of games,
    certified by the duality gap (``<= tol`` on the normalised matrix) and its value mapped
    back as ``lo + range * v``. With ``Me`` (the same matrices as exact Fractions) the
    optimum is recovered and certified exactly.
    """
    batch = M.shape[:-2]
    m, n = M.shape[-2:]
    N, lo, spread = _normalised(M.reshape(-1, m, n))
    K = N.shape[0]
    xs = np.empty((K, m))
    ys = np.empty((K, n))
    for s in range(0, K, MATRIX_GAME_CHUNK):  # one LP per chunk of games (not per game)
        e = min(s + MATRIX_GAME_CHUNK, K)
        xs[s:e] = _block_lp(N[s:e], True)
        ys[s:e] = _block_lp(N[s:e], False)
    low = np.einsum("ki,kij->kj", xs, N).min(axis=1)
    high = np.einsum("kij,kj->ki", N, ys).max(axis=1)
    gap = np.maximum(high - low, 0.0)
    value = lo + spread * np.einsum("ki,kij,kj->k", xs, N, ys)
    exact = None
    if Me is not None:
        flat = Me.reshape(-1, m, n)
        vals = np.empty(K, dtype=object)
        xe = np.empty((K, m), dtype=object)
        ye = np.empty((K, n), dtype=object)
        for k in range(K):  # exact arithmetic: one game at a time
            vals[k], xe[k, :], ye[k, :] = _exact_game(flat[k], xs[k], ys[k], N[k])
        value = np.array([float(v) for v in vals])
        xs = xe.astype(np.float64)
        ys = ye.astype(np.float64)
        gap = np.zeros_like(gap)
        exact = (vals.reshape(batch), xe.reshape(batch + (m,)), ye.reshape(batch + (n,)))
    return MatrixGames(value.reshape(batch), xs.reshape(batch + (m,)), ys.reshape(batch + (n,)),
                       gap.reshape(batch), (gap <= tol).reshape(batch), exact)


def certification(certified: np.ndarray, what: str, func: str) -> tuple[Status, str]:
    """Status and message for a batch of duality-gap certificates; warns if any failed."""
    bad = int(np.size(certified) - np.count_nonzero(certified))
    if not bad:
        return Status.SUCCESS, ""
    msg = (f"{func}: {bad} of {np.size(certified)} {what} failed certification (duality gap "
           "above tol); their LP answers are returned, flagged in `gap`")
    warn_if_uncertified(Status.UNCERTIFIED, msg)
    return Status.UNCERTIFIED, msg


def setup(game: Any, exact: Any, tol: Any, func: str) -> tuple[Game, bool, float]:
    """The checks shared by the LP matrix-game solvers: game, ``exact`` flag, ``tol``."""
    return as_game(game, func), check_bool(exact, "exact", func), check_tol(tol, func)


# ----------------------------------------------------------------------------- public API
def _security(game: Any, exact: Any, tol: Any, func: str) -> SecurityResult:
    g, exact, tol = setup(game, exact, tol, func)
    Ae, Be = g.exact_payoffs() if exact else (None, None)
    row = solve_matrix_games(g.A, Ae, tol)  # row player maximises A
    BT = np.swapaxes(g.B, -1, -2)
    col = solve_matrix_games(BT, None if Be is None else np.swapaxes(Be, -1, -2), tol)  # column: B^T
    status, msg = certification(np.stack([row.certified, col.certified], axis=-1), "security levels", func)
    if func == "maxmin":
        strategies = (row.maxi, col.maxi)
    else:
        strategies = (row.mini, col.mini)
    values_exact = strategies_exact = None
    if row.exact is not None and col.exact is not None:
        values_exact = readonly(np.stack([row.exact[0], col.exact[0]], axis=-1))
        pick = 1 if func == "maxmin" else 2
        strategies_exact = (readonly(row.exact[pick]), readonly(col.exact[pick]))
    what = ("security levels max_x min_y (maxmin strategies)" if func == "maxmin"
            else "punishment levels min_y max_x (punishing strategies of the opponent)")
    return SecurityResult(
        kind=func,
        values=readonly(np.stack([row.value, col.value], axis=-1)),
        strategies=(readonly(strategies[0]), readonly(strategies[1])),
        gap=readonly(np.stack([row.gap, col.gap], axis=-1)),
        values_exact=values_exact,
        strategies_exact=strategies_exact,
        status=status,
        message=msg or f"{what} by LP (HiGHS), certified by the duality gap",
        labels=g.labels,
    )


def maxmin(game: Any, *, exact: bool = False, tol: float = DEFAULT_TOL) -> SecurityResult:
    """Each player's security level (mixed maxmin value) and maxmin strategy.

    ``values[0] = max_x min_j (x A)_j`` is what the row player can guarantee whatever the
    column player does, and ``strategies[0]`` is a strategy ``x`` guaranteeing it;
    ``values[1] = max_y min_i (B y)_i`` and ``strategies[1]`` likewise for the column
    player. Each is the value of a zero-sum game solved by LP (von Neumann 1928). These are
    the "security" disagreement points of bargaining problems (Luce and Raiffa 1957, ch. 6).

    Parameters
    ----------
    game : Game or nashpy.Game
        Any bimatrix game or batch ``(..., m, n)``.
    exact : bool, default False
        Exact rational levels and strategies (Fractions), one game at a time.
    tol : float
        Largest duality gap accepted, relative to each player's payoff range.

    Returns
    -------
    SecurityResult
        ``values`` (batch + (2,)), ``strategies`` = (row's maxmin strategy, column's
        maxmin strategy).

    Examples
    --------
    >>> pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])     # Prisoner's Dilemma
    >>> res = bg.maxmin(pd)
    >>> res.values.tolist(), res.strategies[0].tolist()
    ([1.0, 1.0], [0.0, 1.0])
    >>> bos = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], row_actions=("Opera", "Fight"),
    ...               col_actions=("Opera", "Fight"), players=("Ann", "Bob"))
    >>> bg.maxmin(bos, exact=True)
    SecurityResult(maxmin, status=SUCCESS)
      Ann: 2/3, guaranteed by playing Opera 1/3, Fight 2/3
      Bob: 2/3, guaranteed by playing Opera 2/3, Fight 1/3
    """
    return _security(game, exact, tol, "maxmin")


def minmax(game: Any, *, exact: bool = False, tol: float = DEFAULT_TOL) -> SecurityResult:
    """Each player's mixed minmax (punishment) level and the opponent's punishing strategy.

    ``values[0] = min_y max_i (A y)_i`` is the lowest payoff the column player can hold the
    row player to when the row player best-responds; ``strategies[0]`` is that
    **column-player** strategy ``y`` (length ``n``). ``values[1] = min_x max_j (x B)_j``
    with ``strategies[1]`` the **row-player** strategy ``x`` (length ``m``) punishing the
    column player. These are the punishments of repeated-game folk theorems (Fudenberg and
    Maskin 1986). In two-player games the minmax level equals the maxmin level by the
    minimax theorem (von Neumann 1928), but the strategies differ: :func:`maxmin` returns
    each player's own guaranteeing strategy.

    Parameters
    ----------
    game : Game or nashpy.Game
        Any bimatrix game or batch ``(..., m, n)``.
    exact : bool, default False
        Exact rational levels and strategies (Fractions), one game at a time.
    tol : float
        Largest duality gap accepted, relative to each player's payoff range.

    Returns
    -------
    SecurityResult
        ``values`` (batch + (2,)), ``strategies`` = (column's strategy punishing the row
        player, row's strategy punishing the column player).

    Examples
    --------
    >>> chicken = bg.Game([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    >>> res = bg.minmax(chicken)
    >>> res.values.tolist(), res.strategies[0].tolist()      # column plays Straight
    ([-1.0, -1.0], [0.0, 1.0])
    >>> bg.minmax(chicken.relabel(row_actions=("Swerve", "Straight"),
    ...                           col_actions=("Swerve", "Straight"), players=("A", "B")))
    SecurityResult(minmax, status=SUCCESS)
      A: held to -1 by B playing Straight
      B: held to -1 by A playing Straight
    """
    return _security(game, exact, tol, "minmax")
