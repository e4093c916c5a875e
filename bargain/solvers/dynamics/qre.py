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

Units of ``lam``
----------------
With ``scale="none"`` (the default) ``lam`` is in units of 1 / payoff: ``lam * u`` is what
enters the logit, so payoffs in dollars need a ``lam`` a million times smaller than payoffs
in millions of dollars, and the QRE is unchanged when a player's payoffs are *shifted*.
With ``scale="range"`` each player's payoffs are first divided by that player's own payoff
range, so ``lam`` is unit-free and the QRE is unchanged by any positive affine change of
either player's payoffs. Either way the numerics run on each player's payoffs normalised to
[0, 1] (``Game.normalized``), with ``lam`` absorbing the factor, so payoffs of 1e9 or 1e-9
neither overflow nor lose precision.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_strategy, warn_if_uncertified
from bargain._thresholds import (
    DEFAULT_TOL,
    QRE_MAX_ITER,
    QRE_PATH_MAX_ITER,
    QRE_SINGULAR_DET,
    QRE_SUPPORT_RATIOS,
    SUPPORT_EPS,
)
from bargain._validate import as_real_array, check_budget, check_choice, check_tol, describe
from bargain.core import kernels
from bargain.core.frozen import frozen
from bargain.core.game import Game, as_game
from bargain.errors import InvalidArgumentError
from bargain.solvers.dynamics._compat import renamed
from bargain.solvers.dynamics._qre_trace import solve_branch

__all__ = ["logit_qre", "logit_qre_path", "QREResult", "QREPath"]


_SCALES = ("none", "range")
_UNLIMITED = np.iinfo(np.int64).max


# --------------------------------------------------------------------------- results
def _nanmax(v: np.ndarray) -> float:
    finite = np.asarray(v)[np.isfinite(v)]
    return float(finite.max()) if finite.size else float("inf")


def _profile_lines(labels: Any, row: np.ndarray, col: np.ndarray) -> str:
    players = labels.players if labels is not None else ("Row", "Column")
    rows = labels.row_actions if labels is not None else None
    cols = labels.col_actions if labels is not None else None
    if not np.isfinite(row).all() or not np.isfinite(col).all():
        return f"  {players[0]}: not reached\n  {players[1]}: not reached"
    return f"  {players[0]}: {fmt_strategy(row, rows)}\n  {players[1]}: {fmt_strategy(col, cols)}"


@dataclass(frozen=True, eq=False, repr=False)
class QREResult(Result):
    """Logit QRE on the principal branch, for a game or a batch, at one or many lambdas.

    Attributes
    ----------
    row, col : ndarray, shape (..., m) and (..., n)
        The players' QRE strategies; ``...`` is the game batch shape broadcast against
        the shape of ``lam``. NaN where the trace did not reach ``lam`` (see ``converged``).
    lam : ndarray, shape (...)
        The precision of each entry (``lam`` broadcast to the result shape).
    residual : ndarray, shape (...)
        Fixed-point error of the logit equations in log-odds form, ``log(x_i / x_0) = lam
        ((A y)_i - (A y)_0)`` and the same for ``y``, divided by ``max(1, lam s)`` with ``s``
        the larger player's payoff range (each player's own range with
        ``scale="range"``): the log-odds error at small precision, the payoff-difference
        error relative to the payoff range at large precision. It does not depend on the
        payoff units; ``inf`` where the trace failed.
    converged : ndarray of bool, shape (...)
        The branch was traced to ``lam`` and ``residual <= tol``.
    regret : ndarray, shape (...)
        Nash regret of the QRE profile relative to the payoff range: each player's gain
        from a best deviation divided by that player's payoff range, the larger of the
        two. It tends to 0 as ``lam`` grows along the principal branch.
    steps : ndarray of int, shape (...)
        Predictor-corrector steps used (0 for a 2x2 game solved directly, where its QRE is
        unique).
    scale : str
        ``"none"`` (``lam`` multiplies the payoffs as given) or ``"range"`` (each player's
        payoffs divided by that player's payoff range first).
    tol : float
        Fixed-point tolerance used.
    status, success, message
        ``SUCCESS`` when every entry converged; otherwise ``MAX_ITER`` / ``MAX_TIME`` when a
        budget ended a trace, or ``UNCERTIFIED`` when a trace stopped (step-size floor,
        bifurcation) without reaching ``lam``; ``message`` says how many of each.
    """

    row: np.ndarray
    col: np.ndarray
    lam: np.ndarray
    residual: np.ndarray
    converged: np.ndarray
    regret: np.ndarray
    steps: np.ndarray
    scale: str = "none"
    tol: float = DEFAULT_TOL

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the result (game batch broadcast against ``lam``)."""
        return self.lam.shape

    def __repr__(self) -> str:
        if self.lam.ndim == 0:
            head = (
                f"QREResult at lam={float(self.lam):.6g} (scale={self.scale!r}): "
                f"residual {float(self.residual):.2g}, relative regret {float(self.regret):.3g}"
            )
            return f"{head}\n{_profile_lines(self.labels, self.row, self.col)}\n  {self._status_line()}"
        return (
            f"QREResult: batch of shape {self.lam.shape}, {int(self.converged.sum())}/"
            f"{self.converged.size} converged, max residual {_nanmax(self.residual):.2g}, "
            f"{self._status_line()}"
        )


@dataclass(frozen=True, eq=False, repr=False)
class QREPath(Result):
    """The principal logit-QRE branch sampled at increasing lambdas, and the equilibrium it nears.

    Attributes
    ----------
    lams : ndarray, shape (L,)
        The precisions, nondecreasing.
    row, col : ndarray, shape (..., L, m) and (..., L, n)
        QRE strategies at each lambda (NaN where the trace did not get there).
    residual, converged, regret : ndarray, shape (..., L)
        Fixed-point error, convergence flag and relative Nash regret at each lambda (see
        :class:`QREResult`).
    limit_row, limit_col : ndarray, shape (..., m) and (..., n)
        Estimate of the Nash equilibrium the branch approaches: the Nash equilibrium on
        the supports that the last point plays (actions with probability above 1e-3,
        1e-6 or 1e-9 times the most likely one, solved from the indifference equations)
        when it passes the regret certificate; otherwise the last point of the path (NaN
        when the last lambda was not reached).
    limit_regret : ndarray, shape (...)
        Relative Nash regret of ``limit_row, limit_col`` (the larger player's regret over
        that player's payoff range; ``inf`` when the last lambda was not reached).
    limit_certified : ndarray of bool, shape (...)
        Each player's regret at the limit is at most ``limit_tol`` times that player's
        payoff range (never for a NaN limit): only these limits are Nash equilibria. The
        branch converges to its limiting logit equilibrium only as ``lam -> inf``; a
        certified limit is the equilibrium on the supports seen at the last lambda, which
        for a large enough last lambda is that limit.
    steps : ndarray of int, shape (...)
        Predictor-corrector steps used for the whole path (0 when solved directly).
    scale, tol : str, float
        As in :class:`QREResult`.
    status, success, message
        As in :class:`QREResult`, over every point of the path.
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
    scale: str = "none"
    tol: float = DEFAULT_TOL

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the game batch."""
        return self.limit_regret.shape

    def __repr__(self) -> str:
        L = self.lams.size
        head = f"QREPath: {L} lambdas in [{self.lams[0]:.6g}, {self.lams[-1]:.6g}] (scale={self.scale!r})"
        if self.limit_regret.ndim == 0:
            what = (
                "certified Nash equilibrium" if bool(self.limit_certified)
                else f"not certified, relative regret {float(self.limit_regret):.3g}"
            )
            lines = _profile_lines(self.labels, self.limit_row, self.limit_col)
            return f"{head}; limit ({what}):\n{lines}\n  {self._status_line()}"
        return (
            f"{head}; batch of shape {self.limit_regret.shape}, "
            f"{int(self.limit_certified.sum())}/{self.limit_certified.size} limits certified, "
            f"{self._status_line()}"
        )


# --------------------------------------------------------------------------- preparation
def _options(
    func: str, scale: Any, tol: Any, max_iter: Any, max_time: Any
) -> tuple[str, float, int, float | None]:
    """Validate the shared options; returns scale, tol, the step budget and a deadline."""
    scale = check_choice(scale, _SCALES, "scale", func)
    tol = check_tol(tol, func)
    max_iter, max_time = check_budget(max_iter, max_time, func)
    deadline = None if max_time is None else time.perf_counter() + max_time
    return scale, tol, _UNLIMITED if max_iter is None else max_iter, deadline


def _flat_normalised(g: Game, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each player's payoffs in [0, 1] ``(N, m, n)`` and the payoff ranges ``(N, 2)``."""
    m, n = g.shape
    norm = g.normalized
    An = np.broadcast_to(norm.A, shape + (m, n)).reshape(-1, m, n)
    Bn = np.broadcast_to(norm.B, shape + (m, n)).reshape(-1, m, n)
    ranges = np.broadcast_to(g.payoff_range, shape + (2,)).reshape(-1, 2)
    return An, Bn, ranges


def _run(
    func: str,
    g: Game,
    shape: tuple[int, ...],
    lam: np.ndarray,
    scale: str,
    max_iter: int,
    deadline: float | None,
) -> tuple[np.ndarray, ...]:
    """Trace the games (broadcast to ``shape``, flattened to N) to precisions ``lam`` (N, L).

    QRE(A, lam) == QRE(c1 An, c2 Bn, lam) with ``An, Bn`` each player's payoffs normalised to
    [0, 1] and ``c`` the ranges (``scale="none"``) or 1 (``"range"``): a shift changes no
    QRE. The tracer gets ``(c1 / c) An, (c2 / c) Bn`` (entries in [0, 1]) and ``mu = lam c``
    with ``c = max(c1, c2)``, so nothing it computes depends on the payoff units.
    """
    An, Bn, ranges = _flat_normalised(g, shape)
    N = An.shape[0]
    if scale == "range":
        As, Bs, top = An, Bn, np.ones(N)
    else:
        top = ranges.max(axis=1)
        top = np.where(top > 0, top, 1.0)
        ratio = ranges / top[:, None]
        As, Bs = An * ratio[:, 0, None, None], Bn * ratio[:, 1, None, None]
    with np.errstate(over="ignore"):
        mu = lam * top[:, None]
    if not np.isfinite(mu).all():
        raise InvalidArgumentError(
            f"{func}: lam times the payoff range overflows float64 (lam up to {float(lam.max())!r}, "
            f"payoff range up to {float(top.max())!r}); use a smaller lam or scale='range'"
        )
    x, y, resid, reached, steps, timed_out = solve_branch(
        np.ascontiguousarray(As), np.ascontiguousarray(Bs), np.ascontiguousarray(mu), max_iter, deadline
    )
    with np.errstate(invalid="ignore"):
        regret = kernels.regret(An[:, None], Bn[:, None], x, y).max(axis=-1)
    return An, Bn, x, y, resid, regret, reached, steps, timed_out


def _status(
    func: str,
    converged: np.ndarray,
    steps: np.ndarray,
    timed_out: np.ndarray,
    max_iter: int,
    what: str,
) -> tuple[Status, str]:
    """Status and message from the entries' convergence (N, L) and the games' budgets (N,)."""
    total = converged.size
    failed = ~converged
    bad = int(failed.sum())
    if bad == 0:
        return Status.SUCCESS, f"{func}: all {total} {what} converged"
    per_game = failed.reshape(steps.size, -1)
    late = per_game & timed_out[:, None]
    budget = per_game & ~timed_out[:, None] & (steps >= max_iter)[:, None]
    stuck = per_game & ~late & ~budget
    parts = []
    if late.any():
        parts.append(f"{int(late.sum())} ran out of max_time")
    if budget.any():
        parts.append(f"{int(budget.sum())} ran out of max_iter={max_iter}")
    if stuck.any():
        parts.append(f"{int(stuck.sum())} stopped at the step-size floor or a bifurcation")
    message = (
        f"{func}: {bad} of {total} {what} did not converge ({', '.join(parts)}); "
        "their strategies are NaN or have residual > tol"
    )
    status = Status.MAX_TIME if late.any() else Status.MAX_ITER if budget.any() else Status.UNCERTIFIED
    warn_if_uncertified(status, message)
    return status, message


# --------------------------------------------------------------------------- public API
def logit_qre(
    game: Any,
    lam: Any,
    *,
    scale: str = "none",
    tol: float = DEFAULT_TOL,
    max_iter: int | None = QRE_MAX_ITER,
    max_time: float | None = None,
    **legacy: Any,
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
        Precision(s) >= 0 (finite reals, not booleans); broadcast against the game's batch
        shape (e.g. a single game and ``lam`` of shape ``(L,)`` gives ``L`` results; a batch
        ``(G,)`` and ``lam`` of shape ``(L, 1)`` gives ``(L, G)``).
    scale : {"none", "range"}
        ``"none"``: ``lam`` multiplies the payoffs as given (units of 1 / payoff).
        ``"range"``: each player's payoffs are first divided by that player's payoff range,
        so ``lam`` is unit-free and the QRE is invariant to positive affine changes of
        either player's payoffs.
    tol : float
        Fixed-point residual tolerance for ``converged`` (see ``QREResult.residual``: a
        log-odds error, relative to the payoff range at large precision).
    max_iter : int or None
        Predictor-corrector steps allowed per entry (``None``: no limit).
    max_time : float or None
        Wall-clock budget in seconds for the whole call (``None``: no limit).
    **legacy
        ``max_steps=``, the deprecated name of ``max_iter`` (a :class:`DeprecationWarning`).

    Returns
    -------
    QREResult
        ``row``, ``col``, ``lam``, ``residual``, ``converged``, ``regret``, ``status``,
        ``message``. Entries that did not converge are reported (a status other than
        ``SUCCESS`` and a :class:`~bargain.ConvergenceWarning` saying how many), never
        silently returned.

    Raises
    ------
    InvalidGameError
        For a bad game.
    InvalidArgumentError
        For a negative, non-finite or boolean ``lam``, shapes that do not broadcast, a
        ``lam`` whose product with the payoff range overflows, or a bad option.

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
    following. Traces that fail there, or run out of ``max_iter`` or ``max_time``, are
    reported through ``converged`` and ``status``.

    Float64 bounds the precision a mixed QRE can be computed to: the residual cannot go
    much below ``lam * s * 1e-16`` (``s``: the payoff range), because the other player's
    log-odds amplify a rounding of ``x`` by ``lam * s``. Beyond ``lam * s`` of about
    ``1e7`` such entries are reported ``UNCERTIFIED`` at the default ``tol`` (their
    strategies are still close to the QRE, which is then numerically its Nash limit); pass
    a larger ``tol``, or use ``scale="range"`` with a moderate ``lam``.

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
    max_iter = renamed(func, legacy, "max_steps", "max_iter", max_iter, QRE_MAX_ITER)
    scale, tol, max_iter, deadline = _options(func, scale, tol, max_iter, max_time)
    lam_arr = as_real_array(lam, "lam", func, low=0.0)
    try:
        shape = np.broadcast_shapes(g.batch_shape, lam_arr.shape)
    except ValueError:
        raise InvalidArgumentError(
            f"{func}: lam of shape {lam_arr.shape} does not broadcast against the game batch "
            f"shape {g.batch_shape}"
        ) from None
    m, n = g.shape
    lam_flat = np.broadcast_to(lam_arr, shape).reshape(-1, 1)
    _, _, x, y, resid, regret, reached, steps, timed_out = _run(
        func, g, shape, lam_flat, scale, max_iter, deadline
    )
    converged = reached[:, 0] & (resid[:, 0] <= tol)
    status, message = _status(func, converged, steps, timed_out, max_iter, "entries")
    return QREResult(
        row=frozen(x[:, 0].reshape(shape + (m,))),
        col=frozen(y[:, 0].reshape(shape + (n,))),
        lam=frozen(np.broadcast_to(lam_arr, shape)),
        residual=frozen(resid[:, 0].reshape(shape)),
        converged=frozen(converged.reshape(shape), bool),
        regret=frozen(regret[:, 0].reshape(shape)),
        steps=frozen(steps.reshape(shape), np.int64),
        scale=scale,
        tol=tol,
        status=status,
        message=message,
        labels=g.labels,
    )


def logit_qre_path(
    game: Any,
    lams: Any,
    *,
    scale: str = "none",
    tol: float = DEFAULT_TOL,
    limit_tol: float = DEFAULT_TOL,
    max_iter: int | None = QRE_PATH_MAX_ITER,
    max_time: float | None = None,
    **legacy: Any,
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
        Fixed-point residual tolerance for ``converged`` (as in :func:`logit_qre`).
    limit_tol : float
        Regret tolerance that certifies the limit as a Nash equilibrium, relative to each
        player's payoff range (as ``tol`` of :func:`~bargain.is_equilibrium`).
    max_iter : int or None
        Predictor-corrector steps allowed per game for the whole path (``None``: no limit).
    max_time : float or None
        Wall-clock budget in seconds for the whole call (``None``: no limit).
    **legacy
        ``max_steps=``, the deprecated name of ``max_iter``.

    Returns
    -------
    QREPath

    Raises
    ------
    InvalidGameError
        For a bad game.
    InvalidArgumentError
        For ``lams`` not a non-empty, finite, nonnegative, nondecreasing 1-d sequence of
        reals, or a bad option.

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
    max_iter = renamed(func, legacy, "max_steps", "max_iter", max_iter, QRE_PATH_MAX_ITER)
    scale, tol, max_iter, deadline = _options(func, scale, tol, max_iter, max_time)
    limit_tol = check_tol(limit_tol, func, "limit_tol")
    lam_arr = as_real_array(lams, "lams", func, ndim=1, low=0.0)
    if (np.diff(lam_arr) < 0).any():
        raise InvalidArgumentError(f"{func}: lams must be sorted nondecreasing, got {describe(lams)}")
    shape = g.batch_shape
    m, n = g.shape
    L = lam_arr.size
    N = int(np.prod(shape, dtype=np.int64))
    An, Bn, x, y, resid, regret, reached, steps, timed_out = _run(
        func, g, shape, np.broadcast_to(lam_arr, (N, L)), scale, max_iter, deadline
    )
    converged = reached & (resid <= tol)
    lx, ly, lreg, lcert = _limit(An, Bn, x[:, -1], y[:, -1], reached[:, -1], limit_tol)
    status, message = _status(func, converged, steps, timed_out, max_iter, "path points")
    message += f"; {int(lcert.sum())} of {N} limits certified as Nash equilibria"
    return QREPath(
        lams=frozen(lam_arr),
        row=frozen(x.reshape(shape + (L, m))),
        col=frozen(y.reshape(shape + (L, n))),
        residual=frozen(resid.reshape(shape + (L,))),
        converged=frozen(converged.reshape(shape + (L,)), bool),
        regret=frozen(regret.reshape(shape + (L,))),
        limit_row=frozen(lx.reshape(shape + (m,))),
        limit_col=frozen(ly.reshape(shape + (n,))),
        limit_regret=frozen(lreg.reshape(shape)),
        limit_certified=frozen(lcert.reshape(shape), bool),
        steps=frozen(steps.reshape(shape), np.int64),
        scale=scale,
        tol=tol,
        status=status,
        message=message,
        labels=g.labels,
    )


# --------------------------------------------------------------------------- the limit
def _limit(
    An: np.ndarray, Bn: np.ndarray, x: np.ndarray, y: np.ndarray, ok: np.ndarray, tol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Certified Nash equilibrium on the supports of the last QRE point, else that point.

    ``An``, ``Bn`` are each player's payoffs normalised to [0, 1], so the regrets here are
    relative to each player's payoff range. A profile is certified when both players'
    regrets are finite and at most ``tol``; a NaN profile never is.
    """

    def relative_regret(px: np.ndarray, py: np.ndarray, A: np.ndarray, B: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            r = kernels.regret(A, B, px, py)
        finite = np.isfinite(px).all(axis=-1) & np.isfinite(py).all(axis=-1) & np.isfinite(r).all(axis=-1)
        return np.where(finite, r.max(axis=-1), np.inf)

    best_x, best_y = x.copy(), y.copy()
    reg = np.where(ok, relative_regret(x, y, An, Bn), np.inf)
    cert = np.zeros(ok.shape, dtype=bool)
    for ratio in QRE_SUPPORT_RATIOS:
        todo = np.flatnonzero(ok & ~cert)
        if todo.size == 0:
            break
        sx = x[todo] >= ratio * x[todo].max(axis=1, keepdims=True)
        sy = y[todo] >= ratio * y[todo].max(axis=1, keepdims=True)
        cx, cy = _support_equilibria(An[todo], Bn[todo], sx, sy)
        r = relative_regret(cx, cy, An[todo], Bn[todo])
        good = r <= tol
        idx = todo[good]
        best_x[idx], best_y[idx], reg[idx] = cx[good], cy[good], r[good]
        cert[idx] = True
    # the last point itself may already pass (a pure limit at a large lambda)
    cert |= reg <= tol
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
        good &= (ys >= -SUPPORT_EPS).all(axis=1) & (xs >= -SUPPORT_EPS).all(axis=1)
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
    det = np.linalg.det(K)                      # payoffs in [0, 1]: no scale to account for
    bad = ~np.isfinite(det) | (np.abs(det) <= QRE_SINGULAR_DET)
    K[bad] = np.eye(s + 1)
    out = np.linalg.solve(K, rhs[:, :, None])[:, :s, 0]
    out[bad] = np.nan
    return out
