"""Zero-sum games and security levels by linear programming: value, maxmin, minmax.

For a payoff matrix ``M`` (the maximiser's payoffs, ``m x n``) the value is

    v = max_x min_j (x M)_j = min_y max_i (M y)_i        (von Neumann 1928)

and both sides are linear programs, dual to each other (Dantzig 1951; see e.g. Ferguson,
*Game Theory*, Part II, Section 4). Each is solved with ``scipy.optimize.linprog``
(HiGHS) after rescaling ``M`` to ``[0, 1]``; the LP status is checked, and every answer is
certified by its duality gap ``max_i (M y)_i - min_j (x M)_j <= tol`` (relative to the
payoff range).

Batches: all games of a chunk go into one block-diagonal LP (the objective is separable,
so its optimum is the per-game optimum), which costs one HiGHS call per chunk of games
rather than one per game. The exact path (``exact=True``) recovers each game's optimal
vertex from the LP's support and tight constraints by solving the linear system in
Fractions, certifies it exactly, and falls back to exact Lemke-Howson pivoting (any Nash
equilibrium of a zero-sum game is a pair of optimal strategies) when recovery fails; it
loops over the games of a batch.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Status
from bargain._thresholds import DEFAULT_TOL
from bargain._validate import check_tol
from bargain.core import kernels
from bargain.core.game import Game, as_game
from bargain.errors import ConvergenceWarning, InvalidGameError, SolverError

__all__ = ["solve_zero_sum", "maxmin", "minmax", "ZeroSumResult", "SecurityResult"]

_CHUNK = 256  # games per block-diagonal LP


def _readonly(a: Any) -> Any:
    if isinstance(a, np.ndarray):
        a.setflags(write=False)
    return a


def _fmt(v: Any) -> str:
    arr = np.asarray(v, dtype=float)
    if arr.ndim == 0:
        return f"{float(arr):.6g}"
    return "[" + ", ".join(f"{t:.6g}" for t in arr.ravel()) + "]"


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True, eq=False, repr=False)
class ZeroSumResult:
    """Value and optimal strategies of a zero-sum game (or of each game of a batch).

    Attributes
    ----------
    value : float or ndarray, shape batch
        The row player's value ``max_x min_y x A y``.
    row, col : ndarray, shapes batch + (m,) and batch + (n,)
        Optimal (maxmin) strategy of the row player and optimal (minmax) strategy of the
        column player.
    status : Status
        SUCCESS when every game's answer is certified.
    message : str
        How the answer was obtained.
    gap : float or ndarray, shape batch
        The certificate ``max_i (A y)_i - min_j (x A)_j`` (0 at an exact optimum).
    certified : bool or ndarray of bool, shape batch
        Whether ``gap <= tol`` x payoff range (exactly 0 with ``exact=True``).
    value_exact, row_exact, col_exact : optional
        With ``exact=True``: a Fraction and tuples of Fractions for a single game, object
        arrays of Fractions for a batch.
    """

    value: float | np.ndarray
    row: np.ndarray
    col: np.ndarray
    status: Status
    message: str
    gap: float | np.ndarray = 0.0
    certified: bool | np.ndarray = True
    value_exact: Any = None
    row_exact: Any = None
    col_exact: Any = None

    @property
    def success(self) -> bool:
        """True when the status is ``SUCCESS``."""
        return self.status is Status.SUCCESS

    def __repr__(self) -> str:
        if np.ndim(self.value) == 0:
            if self.value_exact is not None:
                fr = lambda t: "(" + ", ".join(str(v) for v in t) + ")"  # noqa: E731
                body = (f"value={self.value_exact}, row={fr(self.row_exact)}, "
                        f"col={fr(self.col_exact)}")
            else:
                body = f"value={_fmt(self.value)}, row={_fmt(self.row)}, col={_fmt(self.col)}"
        else:
            body = f"batch of shape {np.shape(self.value)}"
        return f"ZeroSumResult({body}, status={self.status!r})"


@dataclass(frozen=True, eq=False, repr=False)
class SecurityResult:
    """Security (maxmin) or punishment (minmax) levels of both players.

    Attributes
    ----------
    kind : {"maxmin", "minmax"}
        Which levels these are.
    values : ndarray, shape batch + (2,)
        ``values[..., k]`` is player ``k``'s level (0 = row, 1 = column). By the minimax
        theorem the maxmin and minmax levels of a two-player game are equal.
    strategies : tuple of two ndarrays
        For ``"maxmin"``: ``strategies[k]`` is player ``k``'s own maxmin (security)
        strategy, shapes batch + (m,) and batch + (n,). For ``"minmax"``:
        ``strategies[k]`` is the **opponent's** punishing strategy against player ``k``,
        shapes batch + (n,) (the column player's strategy holding the row player down) and
        batch + (m,).
    status, message : Status, str
        SUCCESS when every level is certified.
    gap : ndarray, shape batch + (2,)
        Duality gap certifying each level (0 at an exact optimum).
    values_exact, strategies_exact : optional
        With ``exact=True``: object arrays of Fractions with the shapes above.
    """

    kind: str
    values: np.ndarray
    strategies: tuple[np.ndarray, np.ndarray]
    status: Status
    message: str
    gap: np.ndarray
    values_exact: Any = None
    strategies_exact: Any = None

    @property
    def success(self) -> bool:
        """True when the status is ``SUCCESS``."""
        return self.status is Status.SUCCESS

    def __repr__(self) -> str:
        if self.values.ndim == 1:
            vals = (
                "(" + ", ".join(str(v) for v in self.values_exact) + ")"
                if self.values_exact is not None
                else _fmt(self.values)
            )
            body = (f"values={vals}, strategies=({_fmt(self.strategies[0])}, "
                    f"{_fmt(self.strategies[1])})")
        else:
            body = f"batch of shape {self.values.shape[:-1]}"
        return f"SecurityResult({self.kind}: {body}, status={self.status!r})"


# ----------------------------------------------------------------------------- float LPs
def _block_lp(N: np.ndarray, maximiser: bool) -> tuple[np.ndarray, np.ndarray]:
    """Optimal strategies and values of a stack ``(K, m, n)`` of matrix games scaled to [0, 1].

    ``maximiser=True``: the row player's LP ``max v`` s.t. ``x N >= v``, ``sum x = 1``.
    ``maximiser=False``: the column player's LP ``min w`` s.t. ``N y <= w``, ``sum y = 1``.
    All games are blocks of one sparse LP. Returns (strategies (K, k), values (K,)).
    """
    from scipy import sparse

    from bargain.solvers._lp import LPStatus, solve_lp

    K, m, n = N.shape
    if not maximiser:
        N = -np.swapaxes(N, -1, -2)  # min_y max_i (N y)_i = -max_y min_i (-N^T)_i y
        m, n = n, m
    width = m + 1
    games = np.arange(K)
    # inequality rows (k, j): v_k - sum_i N[k, i, j] x_k[i] <= 0
    row_ids = (games[:, None] * n + np.arange(n)[None, :])  # (K, n)
    rows_x = np.broadcast_to(row_ids[:, None, :], (K, m, n)).ravel()
    cols_x = np.broadcast_to((games[:, None] * width + np.arange(m)[None, :])[:, :, None], (K, m, n)).ravel()
    data_x = -N.ravel()
    rows_v = row_ids.ravel()
    cols_v = np.repeat(games * width + m, n)
    A_ub = sparse.csr_matrix(
        (np.concatenate([data_x, np.ones(K * n)]), (np.concatenate([rows_x, rows_v]),
                                                   np.concatenate([cols_x, cols_v]))),
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
    bounds[games * width + m] = (-2.0, 2.0)  # values of [0, 1] games (or their negatives)
    sol = solve_lp(c, A_ub=A_ub, b_ub=np.zeros(K * n), A_eq=A_eq, b_eq=np.ones(K),
                   bounds=bounds, maximize=True)
    if sol.status is not LPStatus.OPTIMAL or sol.x is None:
        raise SolverError(
            f"zero-sum LP over {K} game(s) ended with status {sol.status.name} ({sol.message})"
        )
    z = sol.x.reshape(K, width)
    x = z[:, :m].copy()
    x[x < 1e-13] = 0.0  # HiGHS round-off on a [0, 1] scale (the certificate is recomputed)
    x /= x.sum(axis=1, keepdims=True)
    v = z[:, m]
    return x, (v if maximiser else -v)


def _matrix_games(M: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Value, maximiser's and minimiser's optimal strategies, and relative gap of ``(K, m, n)``."""
    K, m, n = M.shape
    lo = M.min(axis=(1, 2))
    rng = M.max(axis=(1, 2)) - lo
    rng = np.where(rng > 0, rng, 1.0)
    N = (M - lo[:, None, None]) / rng[:, None, None]
    xs = np.empty((K, m))
    ys = np.empty((K, n))
    for s in range(0, K, _CHUNK):  # one LP per chunk of games (not per game)
        e = min(s + _CHUNK, K)
        xs[s:e], _ = _block_lp(N[s:e], True)
        ys[s:e], _ = _block_lp(N[s:e], False)
    low = np.einsum("ki,kij->kj", xs, N).min(axis=1)
    high = np.einsum("kij,kj->ki", N, ys).max(axis=1)
    gap = np.maximum(high - low, 0.0)
    value = np.einsum("ki,kij,kj->k", xs, M, ys)
    return value, xs, ys, gap


# ----------------------------------------------------------------------------- exact path
def _exact_side(Me: np.ndarray, x: np.ndarray, N: np.ndarray) -> tuple[Fraction, tuple] | None:
    """Exact maximiser vertex ``(v, x)`` of ``Me`` from a float optimum ``x`` of its scaled copy ``N``."""
    from bargain.solvers._lp import solve_exact

    m, n = Me.shape
    support = [i for i in range(m) if x[i] > 1e-9]
    payoff = x @ N
    tight = [j for j in range(n) if payoff[j] <= payoff.min() + 1e-7]
    if not support:
        return None
    k = len(support)
    rows = [[Me[i, j] for i in support] + [Fraction(-1)] for j in tight]
    rows.append([Fraction(1)] * k + [Fraction(0)])
    rhs = [Fraction(0)] * len(tight) + [Fraction(1)]
    sol = solve_exact(rows, rhs, k + 1)
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
    lo = _exact_side(Me, x, N)
    hi = _exact_side(-Me.T, y, -N.T)
    if lo is not None and hi is not None:
        xe, ye = lo[1], hi[1]
        low = min(sum((xe[i] * Me[i, j] for i in range(Me.shape[0])), Fraction(0))
                  for j in range(Me.shape[1]))
        high = max(sum((Me[i, j] * ye[j] for j in range(Me.shape[1])), Fraction(0))
                   for i in range(Me.shape[0]))
        if low == high:
            return low, xe, ye
    # fall back to exact Lemke-Howson: a Nash equilibrium of (M, -M) is a pair of optimal strategies
    from bargain.solvers.nash.lemke_howson import _single

    g = Game(Me, -Me)
    outcome, xe_l, ye_l, _, _ = _single(g, 0, True, 0.0, 1_000_000)
    if not xe_l:  # pragma: no cover - exact Lemke-Howson always ends on a zero-sum game
        raise SolverError("zero-sum exact path: neither LP recovery nor exact pivoting succeeded")
    value = sum((xe_l[i] * Me[i, j] * ye_l[j] for i in range(Me.shape[0]) for j in range(Me.shape[1])),
                Fraction(0))
    return value, tuple(xe_l), tuple(ye_l)


def _exact_batch(Me: np.ndarray, xs: np.ndarray, ys: np.ndarray, N: np.ndarray) -> tuple[np.ndarray, ...]:
    K, m, n = Me.shape
    vals = np.empty(K, dtype=object)
    xe = np.empty((K, m), dtype=object)
    ye = np.empty((K, n), dtype=object)
    for k in range(K):  # exact arithmetic: one game at a time
        v, a, b = _exact_game(Me[k], xs[k], ys[k], N[k])
        vals[k] = v
        xe[k, :] = a
        ye[k, :] = b
    return vals, xe, ye


# ----------------------------------------------------------------------------- shared driver
@dataclass
class _Solved:
    value: np.ndarray
    maxi: np.ndarray
    mini: np.ndarray
    gap: np.ndarray
    certified: np.ndarray
    exact: tuple[np.ndarray, np.ndarray, np.ndarray] | None


def _solve(M: np.ndarray, Me: np.ndarray | None, tol: float) -> _Solved:
    """Solve every game of ``M`` (batch + (m, n)) for the row player as maximiser."""
    batch = M.shape[:-2]
    m, n = M.shape[-2:]
    flat = M.reshape(-1, m, n)
    value, xs, ys, gap = _matrix_games(flat)
    exact = None
    if Me is not None:
        lo = flat.min(axis=(1, 2))
        rng = flat.max(axis=(1, 2)) - lo
        N = (flat - lo[:, None, None]) / np.where(rng > 0, rng, 1.0)[:, None, None]
        vals, xe, ye = _exact_batch(Me.reshape(-1, m, n), xs, ys, N)
        value = np.array([float(v) for v in vals])
        xs = np.array([[float(p) for p in row] for row in xe]).reshape(xs.shape)
        ys = np.array([[float(p) for p in row] for row in ye]).reshape(ys.shape)
        gap = np.zeros_like(gap)
        exact = (vals.reshape(batch), xe.reshape(batch + (m,)), ye.reshape(batch + (n,)))
    certified = gap <= tol
    return _Solved(value.reshape(batch), xs.reshape(batch + (m,)), ys.reshape(batch + (n,)),
                   gap.reshape(batch), certified.reshape(batch), exact)


def _status(certified: np.ndarray, what: str, func: str, stacklevel: int) -> tuple[Status, str]:
    bad = int(np.size(certified) - np.count_nonzero(certified))
    if bad:
        msg = (f"{func}: {bad} of {np.size(certified)} {what} failed certification (duality gap "
               "above tol); their LP answers are returned, flagged in `certified`/`gap`")
        warnings.warn(msg, ConvergenceWarning, stacklevel=stacklevel)
        return Status.UNCERTIFIED, msg
    return Status.SUCCESS, ""


def _setup(game: Any, exact: Any, tol: Any, func: str) -> tuple[Game, bool, float]:
    g = as_game(game, func)
    if not isinstance(exact, bool | np.bool_):
        raise InvalidGameError(f"{func}: exact must be True or False, got {exact!r}")
    return g, bool(exact), check_tol(tol, func)


def _scalar(a: np.ndarray) -> Any:
    return a.item() if isinstance(a, np.ndarray) and a.ndim == 0 else a


# ----------------------------------------------------------------------------- public API
def solve_zero_sum(game: Any, exact: bool = False, tol: float = DEFAULT_TOL) -> ZeroSumResult:
    """Value and optimal strategies of a zero-sum game (``B = -A``) by linear programming.

    The row player's maxmin strategy solves ``max v`` s.t. ``x A >= v``, ``x`` in the
    simplex; the column player's minmax strategy solves the dual LP (von Neumann 1928;
    Dantzig 1951). Both are solved with HiGHS and certified by the duality gap.

    Parameters
    ----------
    game : Game or nashpy.Game
        A zero-sum game or a batch ``(..., m, n)`` of them; ``B`` must equal ``-A``
        within ``tol`` x payoff scale.
    exact : bool, default False
        Recover and certify the exact rational value and strategies (Fractions); loops
        over the games of a batch.
    tol : float
        Largest duality gap accepted, relative to the payoff range.

    Returns
    -------
    ZeroSumResult
        ``value``, ``row``, ``col`` (batched like the input), ``status``, ``gap``.

    Raises
    ------
    InvalidGameError
        When the game is not zero-sum.

    Examples
    --------
    Rock-paper-scissors has value 0 and uniform optimal strategies:

    >>> rps = bg.Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> res = bg.solve_zero_sum(rps, exact=True)
    >>> res.value_exact, res.row_exact
    (Fraction(0, 1), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))

    Odd-or-even (Ferguson, *Game Theory*, Part II, Section 1.1) has value 1/12:

    >>> res = bg.solve_zero_sum(bg.Game.zero_sum([[-2, 3], [3, -4]]))
    >>> round(float(res.value), 6), res.row.round(4).tolist()
    (0.083333, [0.5833, 0.4167])
    """
    func = "solve_zero_sum"
    g, exact, tol = _setup(game, exact, tol, func)
    scale = kernels.payoff_scale(g.A, g.B)
    off = np.abs(g.A + g.B).max(axis=(-2, -1))
    bad = off > tol * scale
    if np.any(bad):
        first = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.ndim else ()
        where = f" (first at batch index {first})" if bad.ndim else ""
        raise InvalidGameError(
            f"{func}: the game is not zero-sum: B must equal -A, but |A + B| reaches "
            f"{float(off.max()):g}{where}; use maxmin/minmax for general games"
        )
    Me = g.exact_payoffs()[0] if exact else None
    res = _solve(g.A, Me, tol)
    status, msg = _status(res.certified, "games", func, stacklevel=3)
    message = msg or ("LP (HiGHS), certified by the duality gap"
                      + ("; exact optimum recovered in Fractions" if exact else ""))
    value_exact = row_exact = col_exact = None
    if res.exact is not None:
        ve, xe, ye = res.exact
        if g.batch_shape:
            value_exact, row_exact, col_exact = _readonly(ve), _readonly(xe), _readonly(ye)
        else:
            value_exact, row_exact, col_exact = ve.item(), tuple(xe), tuple(ye)
    return ZeroSumResult(
        value=_scalar(_readonly(res.value)) if not g.batch_shape else _readonly(res.value),
        row=_readonly(res.maxi),
        col=_readonly(res.mini),
        status=status,
        message=message,
        gap=_scalar(_readonly(res.gap)) if not g.batch_shape else _readonly(res.gap),
        certified=bool(res.certified) if not g.batch_shape else _readonly(res.certified),
        value_exact=value_exact,
        row_exact=row_exact,
        col_exact=col_exact,
    )


def _security(game: Any, exact: Any, tol: Any, func: str, kind: str) -> SecurityResult:
    g, exact, tol = _setup(game, exact, tol, func)
    Ae, Be = g.exact_payoffs() if exact else (None, None)
    row = _solve(g.A, Ae, tol)  # row player maximises A
    BT = np.swapaxes(g.B, -1, -2)
    col = _solve(BT, None if Be is None else np.swapaxes(Be, -1, -2), tol)  # column maximises B^T
    certified = np.stack([row.certified, col.certified], axis=-1)
    status, msg = _status(certified, "security levels", func, stacklevel=4)
    values = np.stack([row.value, col.value], axis=-1)
    gap = np.stack([row.gap, col.gap], axis=-1)
    if kind == "maxmin":
        strategies = (row.maxi, col.maxi)
    else:
        strategies = (row.mini, col.mini)
    values_exact = strategies_exact = None
    if exact:
        assert row.exact is not None and col.exact is not None
        values_exact = _readonly(np.stack([row.exact[0], col.exact[0]], axis=-1))
        if kind == "maxmin":
            strategies_exact = (_readonly(row.exact[1]), _readonly(col.exact[1]))
        else:
            strategies_exact = (_readonly(row.exact[2]), _readonly(col.exact[2]))
    what = ("security levels max_x min_y (maxmin strategies)" if kind == "maxmin"
            else "punishment levels min_y max_x (punishing strategies of the opponent)")
    message = msg or f"{what} by LP (HiGHS), certified by the duality gap"
    return SecurityResult(
        kind=kind,
        values=_readonly(values),
        strategies=(_readonly(strategies[0]), _readonly(strategies[1])),
        status=status,
        message=message,
        gap=_readonly(gap),
        values_exact=values_exact,
        strategies_exact=strategies_exact,
    )


def maxmin(game: Any, exact: bool = False, tol: float = DEFAULT_TOL) -> SecurityResult:
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
        Largest duality gap accepted, relative to each payoff matrix's range.

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
    >>> bos = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])    # battle of the sexes
    >>> bg.maxmin(bos, exact=True).values_exact.tolist()
    [Fraction(2, 3), Fraction(2, 3)]
    """
    return _security(game, exact, tol, "maxmin", "maxmin")


def minmax(game: Any, exact: bool = False, tol: float = DEFAULT_TOL) -> SecurityResult:
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
        Largest duality gap accepted, relative to each payoff matrix's range.

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
    """
    return _security(game, exact, tol, "minmax", "minmax")
