"""Logit quantal response equilibrium (QRE): the principal branch, batched over games and lambdas.

In a logit QRE (McKelvey & Palfrey 1995, *Games and Economic Behavior* 10, 6-38) each
player chooses action ``i`` with probability proportional to ``exp(lam * u_i)``, where
``u_i`` is the action's expected payoff against the other player's (equally noisy)
strategy: ``x = logit(lam A y)``, ``y = logit(lam x B)``. At ``lam = 0`` play is uniform;
as ``lam`` grows it sharpens, and along the *principal branch* (the curve of QRE that
starts at the centroid) it converges, for generic games, to one Nash equilibrium, the
*limiting logit equilibrium* (McKelvey & Palfrey 1995, Theorem 3). In diplomacy terms
``lam`` is how reliably a side acts on its interests: noise makes threats and bluffs
partly unpredictable, and the QRE says how much unpredictability each side can afford.

The branch is traced by batched pseudo-arclength predictor-corrector continuation in
log-probability coordinates (Turocy 2005, *Games and Economic Behavior* 51, 243-263;
details in :mod:`bargain.solvers.dynamics._qre_trace`). Plain fixed-point iteration of the logit
map is not used: it cycles in matching-pennies-like games at moderate ``lam``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._result import Status
from bargain._result import fmt_vector as _fmt
from bargain._validate import check_choice, check_int, check_tol, describe
from bargain.core import kernels
from bargain.core.frozen import readonly as _frozen
from bargain.core.game import as_game
from bargain.errors import ConvergenceWarning, InvalidGameError
from bargain.solvers.dynamics._qre_trace import solve_branch

__all__ = ["logit_qre", "logit_qre_path", "QREResult", "QREPath"]

_SCALES = ("none", "range")




def _scalar_or_array(arr: np.ndarray) -> Any:
    return arr.item() if arr.ndim == 0 else arr


# --------------------------------------------------------------------------- results
@dataclass(frozen=True, eq=False, repr=False)
class QREResult:
    """Logit QRE on the principal branch, for a game or a batch, at one or many lambdas.

    Attributes
    ----------
    row, col : ndarray, shape (..., m) and (..., n)
        The players' QRE strategies; ``...`` is the game batch shape broadcast against
        the shape of ``lam``. NaN where the trace did not reach ``lam`` (see ``converged``).
    lam : ndarray, shape (...)
        The precision of each entry (``lam`` broadcast to the result shape).
    residual : ndarray, shape (...)
        Fixed-point error ``max(|x - logit(lam A y)|, |y - logit(lam x B)|)`` (in
        probability units; ``inf`` where the trace failed).
    converged : ndarray of bool, shape (...)
        The branch was traced to ``lam`` and ``residual <= tol``.
    regret : ndarray, shape (...)
        Nash regret of the QRE profile (the larger player's gain from a best deviation);
        it tends to 0 as ``lam`` grows along the principal branch.
    steps : ndarray of int, shape (...)
        Predictor-corrector steps used (0 for a 2x2 game solved directly, where its QRE is
        unique).
    status : Status
        ``SUCCESS`` when every entry converged, else ``MAX_ITER``.
    message : str
        Account of the run.
    scale : str
        ``"none"`` (``lam`` multiplies the raw payoffs) or ``"range"`` (payoffs divided by
        the payoff scale first).
    tol : float
        Fixed-point tolerance used.
    """

    row: np.ndarray
    col: np.ndarray
    lam: np.ndarray
    residual: np.ndarray
    converged: np.ndarray
    regret: np.ndarray
    steps: np.ndarray
    status: Status
    message: str
    scale: str = "none"
    tol: float = 1e-8

    @property
    def success(self) -> bool:
        """True when the status is ``SUCCESS`` (every entry converged)."""
        return self.status is Status.SUCCESS

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the result (game batch broadcast against ``lam``)."""
        return self.lam.shape

    def __repr__(self) -> str:
        if self.lam.ndim == 0:
            body = (
                f"row={_fmt(self.row)}, col={_fmt(self.col)}, lam={float(self.lam):.6g}, "
                f"residual={float(self.residual):.2g}, regret={float(self.regret):.3g}"
            )
        else:
            body = (
                f"batch of shape {self.lam.shape}, {int(self.converged.sum())}/{self.converged.size} "
                f"converged, max residual={_nanmax(self.residual):.2g}"
            )
        return f"QREResult({body}, status={self.status!r})"


@dataclass(frozen=True, eq=False, repr=False)
class QREPath:
    """The principal logit-QRE branch sampled at increasing lambdas, and the equilibrium it nears.

    Attributes
    ----------
    lams : ndarray, shape (L,)
        The precisions, nondecreasing.
    row, col : ndarray, shape (..., L, m) and (..., L, n)
        QRE strategies at each lambda (NaN where the trace did not get there).
    residual, converged, regret : ndarray, shape (..., L)
        Fixed-point error, convergence flag and Nash regret at each lambda (see
        :class:`QREResult`).
    limit_row, limit_col : ndarray, shape (..., m) and (..., n)
        Estimate of the Nash equilibrium the branch approaches: the Nash equilibrium on
        the supports that the last point plays (actions with probability above 1e-3,
        1e-6 or 1e-9 times the most likely one, solved from the indifference equations)
        when it passes the regret certificate; otherwise the last point of the path.
    limit_regret : ndarray, shape (...)
        Nash regret of ``limit_row, limit_col``.
    limit_certified : ndarray of bool, shape (...)
        ``limit_regret <= limit_tol`` x payoff scale: only these limits are Nash
        equilibria. The branch converges to its limiting logit equilibrium only as
        ``lam -> inf``; a certified limit is the equilibrium on the supports seen at the
        last lambda, which for a large enough last lambda is that limit.
    steps : ndarray of int, shape (...)
        Predictor-corrector steps used for the whole path (0 when solved directly).
    status : Status
        ``SUCCESS`` when every point converged, else ``MAX_ITER``.
    message : str
        Account of the run.
    scale, tol : str, float
        As in :class:`QREResult`.
    """

    lams: np.ndarray
    row: np.ndarray
    col: np.ndarray
    residual: np.ndarray
    converged: np.ndarray
    regret: np.ndarray
    limit_row: np.ndarray
    limit_col: np.ndarray
    limit_regret: np.ndarray
    limit_certified: np.ndarray
    steps: np.ndarray
    status: Status
    message: str
    scale: str = "none"
    tol: float = 1e-8

    @property
    def success(self) -> bool:
        """True when the status is ``SUCCESS`` (every point converged)."""
        return self.status is Status.SUCCESS

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the game batch."""
        return self.limit_regret.shape

    def __repr__(self) -> str:
        L = self.lams.size
        head = f"QREPath({L} lambdas in [{self.lams[0]:.6g}, {self.lams[-1]:.6g}]"
        if self.limit_regret.ndim == 0:
            tail = (
                f"limit row={_fmt(self.limit_row)}, col={_fmt(self.limit_col)}, "
                f"regret={float(self.limit_regret):.3g}, certified={bool(self.limit_certified)}"
            )
        else:
            tail = (
                f"batch of shape {self.limit_regret.shape}, "
                f"{int(self.limit_certified.sum())}/{self.limit_certified.size} limits certified"
            )
        return f"{head}, {tail}, status={self.status!r})"




def _nanmax(v: np.ndarray) -> float:
    finite = np.asarray(v)[np.isfinite(v)]
    return float(finite.max()) if finite.size else float("inf")


# --------------------------------------------------------------------------- validation
def _as_lambdas(value: Any, name: str, func: str) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidGameError(
            f"{func}: {name} must be a real number or an array of them, got {describe(value)}"
        ) from None
    if not np.isfinite(arr).all():
        raise InvalidGameError(f"{func}: {name} must be finite, got {describe(value)}")
    if (arr < 0).any():
        raise InvalidGameError(f"{func}: {name} must be >= 0, got {describe(value)}")
    return arr


def _flat_payoffs(g: Any, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    m, n = g.shape
    A = np.broadcast_to(g.A, shape + (m, n)).reshape(-1, m, n)
    B = np.broadcast_to(g.B, shape + (m, n)).reshape(-1, m, n)
    return A, B


def _run(
    g: Any, shape: tuple[int, ...], lam: np.ndarray, scale: str, max_steps: int
) -> tuple[np.ndarray, ...]:
    """Broadcast the games to ``shape``, trace them to ``lam`` (N, L) and return flat results."""
    A, B = _flat_payoffs(g, shape)
    lam = np.ascontiguousarray(lam)
    if scale != "range":
        return A, B, solve_branch(A, B, lam, max_steps)
    # QRE(A, lam / s) == QRE((A - c) / s, lam): rescale the payoffs rather than lam, which would
    # overflow for a tiny payoff range s; regrets come back in units of s
    s = kernels.payoff_scale(A, B)[:, None, None]
    An = (A - A.min(axis=(1, 2), keepdims=True)) / s
    Bn = (B - B.min(axis=(1, 2), keepdims=True)) / s
    x, y, resid, regret, reached, steps = solve_branch(An, Bn, lam, max_steps)
    return A, B, (x, y, resid, regret * s[:, :, 0], reached, steps)


def _finish(
    func: str, converged: np.ndarray, what: str, stacklevel: int = 3
) -> tuple[Status, str]:
    total = converged.size
    bad = int(total - converged.sum())
    if bad == 0:
        return Status.SUCCESS, f"{func}: all {total} {what} converged"
    message = (
        f"{func}: {bad} of {total} {what} did not converge (step budget or step-size floor); "
        "their strategies are NaN or have residual > tol"
    )
    warnings.warn(message, ConvergenceWarning, stacklevel=stacklevel)
    return Status.MAX_ITER, message


def _common(func: str, scale: str, tol: float, max_steps: int) -> tuple[str, float, int]:
    scale = check_choice(scale, _SCALES, "scale", func)
    tol = check_tol(tol, func)
    max_steps = check_int(max_steps, "max_steps", func, low=1)
    return scale, tol, max_steps


# --------------------------------------------------------------------------- public API
def logit_qre(
    game: Any,
    lam: Any,
    *,
    scale: str = "none",
    tol: float = 1e-8,
    max_steps: int = 2000,
) -> QREResult:
    """Logit quantal response equilibrium on the principal branch at precision ``lam``.

    Solves ``x = logit(lam A y)``, ``y = logit(lam x B)`` (McKelvey & Palfrey 1995) by
    following the principal branch from the centroid at ``lam = 0`` to ``lam``, with a
    batched pseudo-arclength predictor-corrector (Newton corrector on the fixed-point
    equations in log-probability coordinates, adaptive step length per game; Turocy
    2005). Arclength parametrisation passes turning points of the branch in ``lam``; if
    the branch folds back, the point returned is where it first reaches ``lam``.

    Parameters
    ----------
    game : Game or nashpy.Game
        A game or a batch of games ``(..., m, n)``.
    lam : float or array_like
        Precision(s) >= 0; broadcast against the game's batch shape (e.g. a single game
        and ``lam`` of shape ``(L,)`` gives ``L`` results; a batch ``(G,)`` and ``lam`` of
        shape ``(L, 1)`` gives ``(L, G)``).
    scale : {"none", "range"}
        ``"none"``: ``lam`` multiplies the payoffs as given. ``"range"``: payoffs are first
        divided by the payoff scale (the larger player's payoff range), so ``lam`` is
        unit-free.
    tol : float
        Fixed-point tolerance (probability units) for ``converged``.
    max_steps : int
        Predictor-corrector steps allowed per entry.

    Returns
    -------
    QREResult
        ``row``, ``col``, ``lam``, ``residual``, ``converged``, ``regret``, ``status``,
        ``message``. Entries that did not converge are reported (status ``MAX_ITER`` and a
        :class:`~bargain.ConvergenceWarning` saying how many), never silently returned.

    Raises
    ------
    InvalidGameError
        For a bad game, a negative or non-finite ``lam``, or shapes that do not broadcast.

    Notes
    -----
    All entries are solved together, vectorised over the batch (a block of games is one
    set of numpy operations per step); see :mod:`bargain.solvers.dynamics._qre_trace` for the
    method. A 2x2 game whose QRE is unique up to ``lam`` (always in matching-pennies-like
    games, and at small ``lam`` in every game) is solved directly, without tracing; other
    games take a handful of predictor-corrector steps, more with ``log(lam)``.

    For generic games the principal branch is a smooth curve that converges to one Nash
    equilibrium (McKelvey & Palfrey 1995, Theorem 3). *Symmetric games* (both players
    face the same payoff differences, e.g. :meth:`Game.symmetric`) are traced on their
    symmetric branch ``x = y``: the principal branch is symmetric until a
    symmetry-breaking bifurcation (in hawk-dove-like games), where the choice between the
    asymmetric branches would be arbitrary; the symmetric QRE is returned, and it tends
    to the symmetric equilibrium (the mixed ESS of hawk-dove). Other non-generic games
    (ties) can meet a bifurcation point; the trace then crosses it on the branch it was
    following. Traces that fail there, or run out of ``max_steps``, are reported through
    ``converged``.

    Examples
    --------
    Matching pennies: by symmetry the QRE is uniform at every precision.

    >>> import bargain as bg
    >>> pennies = bg.Game([[1, -1], [-1, 1]])
    >>> bg.logit_qre(pennies, 3.0).row.round(6).tolist()
    [0.5, 0.5]

    The asymmetric matching pennies of McKelvey & Palfrey (1995): the row player's own
    big payoff (9) pulls its play towards Up, although in the Nash equilibrium it mixes
    50:50 (the "own-payoff effect"); the column player moves towards its Nash mix (0.1).

    >>> amp = bg.Game([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> res = bg.logit_qre(amp, [0.0, 1.0, 100.0])
    >>> res.row[:, 0].round(3).tolist(), res.col[:, 0].round(3).tolist()
    ([0.5, 0.894, 0.511], [0.5, 0.313, 0.1])
    >>> bool(res.success), float(res.residual.max()) < 1e-8
    (True, True)
    """
    func = "logit_qre"
    g = as_game(game, func)
    scale, tol, max_steps = _common(func, scale, tol, max_steps)
    lam_arr = _as_lambdas(lam, "lam", func)
    try:
        shape = np.broadcast_shapes(g.batch_shape, lam_arr.shape)
    except ValueError:
        raise InvalidGameError(
            f"{func}: lam of shape {lam_arr.shape} does not broadcast against the game batch "
            f"shape {g.batch_shape}"
        ) from None
    m, n = g.shape
    lam_flat = np.broadcast_to(lam_arr, shape).reshape(-1, 1)
    _, _, (x, y, resid, regret, reached, steps) = _run(g, shape, lam_flat, scale, max_steps)
    converged = reached[:, 0] & (resid[:, 0] <= tol)
    status, message = _finish(func, converged, "entries")
    return QREResult(
        row=_frozen(x[:, 0].reshape(shape + (m,))),
        col=_frozen(y[:, 0].reshape(shape + (n,))),
        lam=_frozen(np.broadcast_to(lam_arr, shape).copy()),
        residual=_frozen(resid[:, 0].reshape(shape)),
        converged=_frozen(converged.reshape(shape)),
        regret=_frozen(regret[:, 0].reshape(shape)),
        steps=_frozen(steps.reshape(shape)),
        status=status,
        message=message,
        scale=scale,
        tol=tol,
    )


def logit_qre_path(
    game: Any,
    lams: Any,
    *,
    scale: str = "none",
    tol: float = 1e-8,
    limit_tol: float = 1e-9,
    max_steps: int = 5000,
) -> QREPath:
    """The principal logit-QRE branch at increasing precisions, and the Nash equilibrium it nears.

    Follows the branch from the centroid (``lam = 0``) through every ``lams[i]`` in
    turn with the predictor-corrector of :func:`logit_qre` (one continuous trace per
    game, so the points lie on one branch; Turocy 2005). The branch is parametrised by
    arclength, so turning points in ``lam`` are passed; each ``lams[i]`` gets the
    branch's first crossing of that precision (where the branch folds back, consecutive
    samples can therefore jump between the two sides of the fold). The last point is then
    turned into a Nash-equilibrium estimate: the equilibrium on the supports it plays,
    kept only if it passes the regret certificate (see :class:`QREPath`).

    Parameters
    ----------
    game : Game or nashpy.Game
        A game or a batch ``(..., m, n)``.
    lams : array_like, shape (L,)
        Precisions, finite, >= 0 and nondecreasing.
    scale : {"none", "range"}
        As in :func:`logit_qre`.
    tol : float
        Fixed-point tolerance for ``converged``.
    limit_tol : float
        Regret tolerance (times the payoff scale) that certifies the limit as a Nash
        equilibrium.
    max_steps : int
        Predictor-corrector steps allowed per game for the whole path.

    Returns
    -------
    QREPath

    Raises
    ------
    InvalidGameError
        For a bad game, or ``lams`` not a non-empty, finite, nonnegative, nondecreasing
        1-d sequence.

    Examples
    --------
    >>> import bargain as bg
    >>> amp = bg.Game([[9, 0], [0, 1]], [[0, 1], [1, 0]])   # McKelvey & Palfrey (1995)
    >>> path = bg.logit_qre_path(amp, [0.1, 1, 10, 100, 1000])
    >>> path.row[:, 0].round(3).tolist()
    [0.598, 0.894, 0.607, 0.511, 0.501]
    >>> path.limit_row.tolist(), path.limit_col.tolist(), bool(path.limit_certified)
    ([0.5, 0.5], [0.1, 0.9], True)
    """
    func = "logit_qre_path"
    g = as_game(game, func)
    scale, tol, max_steps = _common(func, scale, tol, max_steps)
    limit_tol = check_tol(limit_tol, func, "limit_tol")
    lam_arr = _as_lambdas(lams, "lams", func)
    if lam_arr.ndim != 1 or lam_arr.size == 0:
        raise InvalidGameError(
            f"{func}: lams must be a non-empty 1-d sequence, got shape {lam_arr.shape}"
        )
    if (np.diff(lam_arr) < 0).any():
        raise InvalidGameError(f"{func}: lams must be sorted nondecreasing, got {describe(lams)}")
    shape = g.batch_shape
    m, n = g.shape
    L = lam_arr.size
    N = int(np.prod(shape, dtype=np.int64))
    A, B, (x, y, resid, regret, reached, steps) = _run(
        g, shape, np.broadcast_to(lam_arr, (N, L)), scale, max_steps
    )
    converged = reached & (resid <= tol)
    lx, ly, lreg, lcert = _limit(A, B, x[:, -1], y[:, -1], reached[:, -1], limit_tol)
    status, message = _finish(func, converged, "path points")
    message += f"; {int(lcert.sum())} of {N} limits certified as Nash equilibria"
    return QREPath(
        lams=_frozen(lam_arr.copy()),
        row=_frozen(x.reshape(shape + (L, m))),
        col=_frozen(y.reshape(shape + (L, n))),
        residual=_frozen(resid.reshape(shape + (L,))),
        converged=_frozen(converged.reshape(shape + (L,))),
        regret=_frozen(regret.reshape(shape + (L,))),
        limit_row=_frozen(lx.reshape(shape + (m,))),
        limit_col=_frozen(ly.reshape(shape + (n,))),
        limit_regret=_frozen(lreg.reshape(shape)),
        limit_certified=_frozen(lcert.reshape(shape)),
        steps=_frozen(steps.reshape(shape)),
        status=status,
        message=message,
        scale=scale,
        tol=tol,
    )


# --------------------------------------------------------------------------- the limit
_SUPPORT_RATIOS = (1e-3, 1e-6, 1e-9)


def _limit(
    A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray, ok: np.ndarray, tol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Certified Nash equilibrium on the supports of the last QRE point, else that point."""
    allowed = kernels.payoff_scale(A, B) * tol
    best_x, best_y = x.copy(), y.copy()
    reg = kernels.regret(A, B, np.nan_to_num(x), np.nan_to_num(y)).max(axis=-1)
    reg = np.where(ok, reg, np.inf)
    cert = np.zeros(ok.shape, dtype=bool)
    for ratio in _SUPPORT_RATIOS:
        todo = np.flatnonzero(ok & ~cert)
        if todo.size == 0:
            break
        sx = x[todo] >= ratio * x[todo].max(axis=1, keepdims=True)
        sy = y[todo] >= ratio * y[todo].max(axis=1, keepdims=True)
        cx, cy = _support_equilibria(A[todo], B[todo], sx, sy)
        r = kernels.regret(A[todo], B[todo], np.nan_to_num(cx), np.nan_to_num(cy)).max(axis=-1)
        good = np.isfinite(cx).all(axis=1) & np.isfinite(cy).all(axis=1) & (r <= allowed[todo])
        idx = todo[good]
        best_x[idx], best_y[idx], reg[idx] = cx[good], cy[good], r[good]
        cert[idx] = True
    # the last point itself may already pass (a pure limit at a large lambda)
    cert |= reg <= allowed
    return best_x, best_y, reg, cert


def _support_equilibria(
    A: np.ndarray, B: np.ndarray, sx: np.ndarray, sy: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Solve the indifference equations on the given supports, grouped by support pattern.

    The Python loop runs over distinct support patterns, not over games. Patterns with
    unequal support sizes, singular systems or negative solutions give NaN.
    """
    G, m, n = A.shape
    cx = np.full((G, m), np.nan)
    cy = np.full((G, n), np.nan)
    patterns, inverse = np.unique(np.concatenate([sx, sy], axis=1), axis=0, return_inverse=True)
    inverse = np.asarray(inverse).ravel()
    for p_id, pattern in enumerate(patterns):
        rows = np.flatnonzero(pattern[:m])
        cols = np.flatnonzero(pattern[m:])
        if rows.size != cols.size:
            continue
        idx = np.flatnonzero(inverse == p_id)
        sub_a = A[idx][:, rows][:, :, cols]                       # (g, s, s)
        sub_b = np.swapaxes(B[idx][:, rows][:, :, cols], 1, 2)    # (g, s, s): rows = col actions
        ys = _indifference(sub_a)
        xs = _indifference(sub_b)
        good = np.isfinite(ys).all(axis=1) & np.isfinite(xs).all(axis=1)
        good &= (ys >= -1e-12).all(axis=1) & (xs >= -1e-12).all(axis=1)
        ys = np.clip(ys, 0.0, None)
        xs = np.clip(xs, 0.0, None)
        fx = np.zeros((idx.size, m))
        fy = np.zeros((idx.size, n))
        fx[:, rows] = xs / xs.sum(axis=1, keepdims=True)
        fy[:, cols] = ys / ys.sum(axis=1, keepdims=True)
        cx[idx[good]] = fx[good]
        cy[idx[good]] = fy[good]
    return cx, cy


def _indifference(M: np.ndarray) -> np.ndarray:
    """Probability vectors p with all entries of ``M p`` equal; NaN where singular."""
    g, s, _ = M.shape
    K = np.zeros((g, s + 1, s + 1))
    K[:, :s, :s] = M
    K[:, :s, s] = -1.0
    K[:, s, :s] = 1.0
    rhs = np.zeros((g, s + 1))
    rhs[:, s] = 1.0
    det = np.linalg.det(K)
    scale = np.maximum(np.abs(M).max(axis=(1, 2)), 1.0) ** s
    bad = ~np.isfinite(det) | (np.abs(det) <= 1e-12 * scale)
    K[bad] = np.eye(s + 1)
    out = np.linalg.solve(K, rhs[:, :, None])[:, :s, 0]
    out[bad] = np.nan
    return out
