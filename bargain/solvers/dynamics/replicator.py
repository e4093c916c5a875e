"""Replicator dynamics: strategies that earn more than the population average spread.

Evolutionary game theory replaces deliberate choice by selection. In the diplomacy
reading, postures (hawkish, accommodating, retaliatory) spread among states or within a
bureaucracy because they pay (Taylor & Jonker 1978, *Math. Biosci.* 40, 145-156;
Hofbauer & Sigmund 1998, *Evolutionary Games and Population Dynamics*). One population
plays a symmetric game against itself; two populations play a general game.

Numerics run in *normalised time*: each player's payoffs are normalised to [0, 1]
(``Game.normalized``) and scaled by that player's range over the larger range ``s``, and
time is measured in units of ``1 / s``. The trajectory is the same as on the original
payoffs (``dx/dt`` scales with the payoffs), but the step size, the rest-point test and
the budgets no longer depend on the payoff units, and a shift of the payoffs by 1e12
costs no precision.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_strategy, warn, warn_if_uncertified
from bargain._thresholds import (
    REPLICATOR_FREEZE,
    REPLICATOR_MAX_ITER,
    REPLICATOR_REST_TOL,
    REPLICATOR_STEP,
)
from bargain._validate import (
    as_real_array,
    as_strategy,
    check_budget,
    check_choice,
    check_real,
    check_tol,
)
from bargain.core.frozen import frozen
from bargain.core.kernels import logit_response
from bargain.errors import InvalidArgumentError, InvalidGameError, SolverError
from bargain.solvers.dynamics._population import as_population_game

__all__ = ["replicator", "ReplicatorResult"]



# =========================================================================== result
@dataclass(frozen=True, eq=False, repr=False)
class ReplicatorResult(Result):
    """Trajectories of the replicator dynamics.

    Attributes
    ----------
    t : ndarray, shape (T,)
        The time points.
    row, col : ndarray, shape (..., T, m) and (..., T, n)
        Population shares of the row and column populations at each time; ``...`` is the
        batch of games broadcast against the initial states. With one population both are
        the same array (the population plays itself). NaN at times a budget did not reach.
    final_row, final_col, final_strategies : ndarray
        The states at ``t[-1]`` (``final_strategies`` is ``None`` for two populations).
        ``strategies`` (a property) is one population's shares, shape (..., T, k), the same
        array as ``row``; ``None`` for two populations.
    speed : ndarray, shape (...)
        ``max |dx/dt|`` (and ``|dy/dt|``) at the final state, in the units of ``t``.
    converged : ndarray of bool, shape (...)
        Each population's speed divided by its payoff range is at most ``rest_tol``: the
        trajectory has (numerically) come to a rest point. A speed test, not a proof: a
        trajectory passing slowly near a vertex of a heteroclinic cycle also has a small
        speed.
    populations : int
        1 (symmetric game, one population playing itself) or 2.
    method : str
        ``"rk4"`` or ``"solve_ivp"``.
    step : float
        Largest integration step used (``rk4``, in the units of ``t``), or ``nan`` for
        ``solve_ivp``.
    steps : int
        Integration steps taken (the budget ``max_iter`` counts these).
    status, success, message
        ``SUCCESS`` when every time point was computed; ``MAX_ITER`` / ``MAX_TIME`` when a
        budget ended the integration first (the times not reached are NaN).
    """

    t: np.ndarray
    row: np.ndarray
    col: np.ndarray
    speed: np.ndarray
    converged: np.ndarray
    populations: int
    method: str
    step: float
    steps: int

    # ------------------------------------------------------------------ views
    @property
    def strategies(self) -> np.ndarray | None:
        """One population's shares over time (``None`` for two populations)."""
        return self.row if self.populations == 1 else None

    @property
    def final_row(self) -> np.ndarray:
        """Row population's shares at ``t[-1]``."""
        return self.row[..., -1, :]

    @property
    def final_col(self) -> np.ndarray:
        """Column population's shares at ``t[-1]`` (the row shares for one population)."""
        return self.col[..., -1, :]

    @property
    def final_strategies(self) -> np.ndarray | None:
        """One population's shares at ``t[-1]`` (``None`` for two populations)."""
        return self.final_row if self.populations == 1 else None

    # ------------------------------------------------------------------ deprecated names
    def _deprecated(self, old: str, new: str) -> None:
        warn(f"ReplicatorResult.{old} is deprecated; use .{new}", DeprecationWarning)

    @property
    def x(self) -> np.ndarray:
        """Deprecated: ``row`` (or ``strategies`` for one population)."""
        self._deprecated("x", "row")
        return self.row

    @property
    def y(self) -> np.ndarray | None:
        """Deprecated: ``col`` for two populations, ``None`` for one."""
        self._deprecated("y", "col")
        return None if self.populations == 1 else self.col

    @property
    def final_x(self) -> np.ndarray:
        """Deprecated: ``final_row``."""
        self._deprecated("final_x", "final_row")
        return self.final_row

    @property
    def final_y(self) -> np.ndarray | None:
        """Deprecated: ``final_col`` for two populations, ``None`` for one."""
        self._deprecated("final_y", "final_col")
        return None if self.populations == 1 else self.final_col

    def __repr__(self) -> str:
        batch = self.speed.shape
        pops = "1 population" if self.populations == 1 else "2 populations"
        head = (
            f"ReplicatorResult: {pops}, {self.t.size} time points in "
            f"[{self.t[0]:.6g}, {self.t[-1]:.6g}]"
        )
        if batch:
            return (
                f"{head}, batch of shape {batch}, {int(np.sum(self.converged))}/"
                f"{int(np.size(self.converged))} at rest; {self._status_line()}"
            )
        labels = self.labels
        players = labels.players if labels is not None else ("Row", "Column")
        rows = labels.row_actions if labels is not None else None
        cols = labels.col_actions if labels is not None else None
        rest = "at rest" if bool(self.converged) else "still moving"
        end = f"at t={self.t[-1]:.6g} ({rest})"
        if not np.isfinite(self.final_row).all():
            return f"{head}; t={self.t[-1]:.6g} not reached\n  {self._status_line()}"
        if self.populations == 1:
            body = f"  {fmt_strategy(self.final_row, rows)}"
        else:
            body = (
                f"  {players[0]}: {fmt_strategy(self.final_row, rows)}\n"
                f"  {players[1]}: {fmt_strategy(self.final_col, cols)}"
            )
        return f"{head}; {end}:\n{body}\n  {self._status_line()}"


# =========================================================================== the vector field
class _Field:
    """The replicator vector field in log coordinates, for a flat batch, in normalised time.

    The state is ``u = log x`` (and ``log y``), shape ``(N, m)`` or ``(N, m + n)``;
    ``du_i/dtau`` is the excess payoff of action ``i`` on the payoffs ``r_p Pn`` (``Pn``: the
    population's payoffs normalised to [0, 1], ``r_p``: its range over the larger range).
    ``A``/``B`` are either one game ``(m, n)`` shared by every trajectory or ``(N, m, n)``.
    """

    def __init__(self, A: np.ndarray, B: np.ndarray, ratio: np.ndarray, populations: int) -> None:
        self.A, self.B, self.pops = A, B, populations
        self.m, self.n = A.shape[-2:]
        self.shared = A.ndim == 2
        self.At = np.ascontiguousarray(A.T) if self.shared else None
        self.ratio = ratio                  # (N, K) or (1, K): each coordinate's population factor

    def take(self, idx: np.ndarray) -> _Field:
        if self.shared:
            ratio = self.ratio if self.ratio.shape[0] == 1 else self.ratio[idx]
            return _Field(self.A, self.B, ratio, self.pops)
        ratio = self.ratio if self.ratio.shape[0] == 1 else self.ratio[idx]
        return _Field(self.A[idx], self.B[idx], ratio, self.pops)

    def pack(self, x: np.ndarray, y: np.ndarray | None) -> np.ndarray:
        with np.errstate(divide="ignore"):
            u = np.log(x)
            return u if self.pops == 1 else np.concatenate([u, np.log(y)], axis=1)

    def shares(self, u: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Population shares from log coordinates (the softmax of each population's block)."""
        m = self.m
        x = logit_response(u[..., :m], 1.0)
        return x, (None if self.pops == 1 else logit_response(u[..., m:], 1.0))

    def excess(self, u: np.ndarray) -> np.ndarray:
        """Excess payoffs on the normalised payoffs ``Pn`` (each population's own range = 1)."""
        x, y = self.shares(u)
        if y is None:
            Ax = x @ self.At if self.shared else np.matmul(self.A, x[:, :, None])[:, :, 0]
            return Ax - (x * Ax).sum(axis=1, keepdims=True)
        if self.shared:
            Ay, xB = y @ self.At, x @ self.B
        else:
            Ay = np.matmul(self.A, y[:, :, None])[:, :, 0]
            xB = np.matmul(x[:, None, :], self.B)[:, 0, :]
        return np.concatenate(
            [Ay - (x * Ay).sum(axis=1, keepdims=True), xB - (y * xB).sum(axis=1, keepdims=True)], axis=1
        )

    def rate(self, u: np.ndarray) -> np.ndarray:
        """``du/dtau``: the excess payoffs times each population's range ratio."""
        return self.excess(u) * self.ratio

    def _all_shares(self, u: np.ndarray) -> np.ndarray:
        x, y = self.shares(u)
        return x if y is None else np.concatenate([x, y], axis=1)

    def relative_speed(self, u: np.ndarray) -> np.ndarray:
        """Each population's ``max |dx/dt|`` over its payoff range, the larger of the two."""
        return np.abs(self._all_shares(u) * self.excess(u)).max(axis=1)

    def speed(self, u: np.ndarray) -> np.ndarray:
        """``max |dx/dtau|`` in shares per unit of normalised time."""
        return np.abs(self._all_shares(u) * self.rate(u)).max(axis=1)

    def at_rest(self, u: np.ndarray, rate: np.ndarray, threshold: float = REPLICATOR_FREEZE) -> np.ndarray:
        """Trajectories that stay where they are for good (within rounding).

        The state barely moves (normalised speed below ``REPLICATOR_FREEZE``) and no action
        still present could invade (every growth rate below it): near a vertex of a
        heteroclinic cycle an invader's share is tiny but its rate is not, so such a
        trajectory keeps going.
        """
        shares = self._all_shares(u)
        alive = np.isfinite(u)
        moving = np.abs(shares * rate).max(axis=1) > threshold
        invading = (alive & (rate > threshold)).any(axis=1)
        return ~moving & ~invading


def _recentre(u: np.ndarray, field: _Field) -> np.ndarray:
    """Shift each population's log shares to a maximum of 0 (the field is shift invariant)."""
    m = field.m
    if field.pops == 1:
        return u - u.max(axis=1, keepdims=True)
    u = u.copy()
    u[:, :m] -= u[:, :m].max(axis=1, keepdims=True)
    u[:, m:] -= u[:, m:].max(axis=1, keepdims=True)
    return u


# =========================================================================== integrators
class _Budget:
    """Steps and wall clock of one integration."""

    def __init__(self, max_iter: int | None, max_time: float | None) -> None:
        self.max_iter = max_iter
        self.deadline = None if max_time is None else time.perf_counter() + max_time
        self.steps = 0
        self.status = Status.SUCCESS

    def exhausted(self) -> bool:
        if self.max_iter is not None and self.steps >= self.max_iter:
            self.status = Status.MAX_ITER
            return True
        if self.deadline is not None and self.steps % 16 == 0 and time.perf_counter() > self.deadline:
            self.status = Status.MAX_TIME
            return True
        return False


def _rk4(
    field: _Field, u0: np.ndarray, tau: np.ndarray, counts: np.ndarray, budget: _Budget
) -> np.ndarray:
    """Fixed-step classical RK4 on ``(N, K)`` states; output ``(N, T, K)`` (NaN where not reached).

    ``tau`` ``(N, T)`` are each trajectory's output times in normalised time; interval ``i``
    is split into ``counts[i]`` equal steps. Trajectories at rest for good
    (:meth:`_Field.at_rest`, checked every ``_REST_CHECK`` steps and at every output time)
    stop being integrated; their state is carried to the remaining times. Loops over time
    steps only.
    """
    N, K = u0.shape
    T = tau.shape[1]
    out = np.full((N, T, K), np.nan)
    out[:, 0] = u0
    active = np.arange(N)
    u = u0.copy()
    sub = field
    k1 = sub.rate(u)
    for i in range(1, T):
        count = int(counts[i - 1])
        h = ((tau[active, i] - tau[active, i - 1]) / count)[:, None]
        j = 0
        while j < count and active.size:
            if j % _REST_CHECK == 0:
                rest = sub.at_rest(u, k1)
                if rest.any():
                    out[active[rest], i:] = u[rest][:, None, :]
                    keep = ~rest
                    active, u, k1, h = active[keep], u[keep], k1[keep], h[keep]
                    sub = field.take(active)
                    if active.size == 0:
                        break
            if budget.exhausted():
                return out
            k2 = sub.rate(u + 0.5 * h * k1)
            k3 = sub.rate(u + 0.5 * h * k2)
            k4 = sub.rate(u + h * k3)
            u = _recentre(u + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4), sub)
            budget.steps += 1
            k1 = sub.rate(u)
            j += 1
        if active.size == 0:
            break
        out[active, i] = u
    return out


_REST_CHECK = 16          # steps between two rest-point checks of the RK4 loop


def _solve_ivp(
    field: _Field, u0: np.ndarray, tau: np.ndarray, rtol: float, atol: float, budget: _Budget
) -> np.ndarray:
    """scipy's RK45 on the flattened batch, stepped under the budget; zero shares stay fixed.

    When every trajectory is at rest (as in :meth:`_Field.at_rest`, with the threshold
    raised to ``rtol`` and ``atol``: error control leaves motion of that size) the integration stops
    and the states are carried to the remaining times.

    The batch is integrated in the time of its largest-range game (``tau[0]``'s scale);
    the other games' rates are scaled by their ranges relative to it (``tau[k] / tau[0]``).
    """
    from scipy.integrate import RK45

    N, K = u0.shape
    T = tau.shape[1]
    alive = np.isfinite(u0)
    start = np.where(alive, u0, 0.0)
    span = tau[:, -1] - tau[:, 0]
    ref = int(np.argmax(span))
    rel = (span / span[ref])[:, None] if span[ref] > 0 else np.ones((N, 1))
    times = tau[ref]

    def state(flat: np.ndarray) -> np.ndarray:
        return np.where(alive, flat.reshape(N, K), -np.inf)

    def rhs(_t: float, flat: np.ndarray) -> np.ndarray:
        return np.where(alive, field.rate(state(flat)) * rel, 0.0).ravel()

    out = np.full((T, N * K), np.nan)
    out[0] = start.ravel()
    if T == 1:
        return np.where(alive, start, -np.inf)[:, None, :]
    solver = RK45(rhs, times[0], start.ravel(), times[-1], rtol=rtol, atol=atol)
    k = 1
    threshold = max(rtol, atol, REPLICATOR_FREEZE)
    while k < T:
        u = state(solver.y)
        if field.at_rest(u, np.where(alive, field.rate(u) * rel, 0.0), threshold).all():
            out[k:] = solver.y
            break
        if budget.exhausted():
            break
        message = solver.step()
        budget.steps += 1
        if solver.status == "failed":
            raise SolverError(f"replicator: solve_ivp (RK45) failed: {message}")
        dense = solver.dense_output()
        while k < T and times[k] <= solver.t:
            out[k] = dense(times[k])
            k += 1
    traj = out.reshape(T, N, K).transpose(1, 0, 2)
    return np.where(alive[:, None, :], traj, -np.inf)


# =========================================================================== public API
def replicator(
    game: Any,
    x0: Any,
    t: Any,
    *,
    y0: Any = None,
    populations: str | int = "auto",
    method: str = "rk4",
    max_step: float | None = None,
    rtol: float = 1e-8,
    atol: float = 1e-10,
    rest_tol: float = REPLICATOR_REST_TOL,
    max_iter: int | None = REPLICATOR_MAX_ITER,
    max_time: float | None = None,
) -> ReplicatorResult:
    """Replicator dynamics, batched over games and initial states.

    One population (a square payoff matrix ``A``, or a symmetric game):
    ``dx_i/dt = x_i ((A x)_i - x.A x)`` (Taylor & Jonker 1978). Two populations (a general
    game, row shares ``x`` and column shares ``y``):
    ``dx_i/dt = x_i ((A y)_i - x.A y)``, ``dy_j/dt = y_j ((x B)_j - x.B y)``
    (the bimatrix replicator dynamics of Hofbauer & Sigmund 1998).

    Parameters
    ----------
    game : Game, nashpy.Game or array_like (..., k, k)
        A game (one population if it is symmetric and ``populations`` is ``"auto"`` or 1,
        else two), or the square payoff matrix ``A`` of a symmetric game.
    x0 : array_like, shape (..., m)
        Initial shares, points of the simplex; broadcast against the batch of games.
    t : array_like, shape (T,)
        Strictly increasing times; ``x0`` is the state at ``t[0]``.
    y0 : array_like, shape (..., n), optional
        Initial shares of the column population (two populations). Default: ``x0`` when
        the game is square, required otherwise.
    populations : {"auto", 1, 2}
    method : {"rk4", "solve_ivp"}
        ``"rk4"`` (default): classical fixed-step Runge-Kutta in *log coordinates*
        ``u = log x`` (``du_i/dt = (A x)_i - x.A x``, ``x = softmax(u)``), vectorised over the
        whole batch with a Python loop over time steps only. States stay exactly on the
        simplex (the softmax), shares stay positive, and faces are invariant (a zero share
        is ``u = -inf`` and stays so); the global error is ``O(h^4)`` with ``h`` the step.
        ``"solve_ivp"``: scipy's RK45 (error control ``rtol``/``atol``) on the same
        log-coordinate system for the whole flattened batch, when an error-controlled
        answer is worth the time.
    max_step : float, optional
        ``rk4`` step bound, in the units of ``t``. Default ``0.1 / s`` with ``s`` the largest
        payoff range in the batch (0.1 in normalised time); each interval of ``t`` is split
        into equal steps no longer than this.
    rtol, atol : float
        Tolerances of ``solve_ivp`` (on the log shares).
    rest_tol : float
        A final state counts as a rest point (``converged``) when each population's speed,
        divided by its payoff range, is at most ``rest_tol``.
    max_iter : int or None
        Budget of integration steps (``None``: no limit). A trajectory at rest for good
        (within rounding: it barely moves and no action present could invade) is not
        integrated further; its state is carried to the remaining times.
    max_time : float or None
        Wall-clock budget in seconds (``None``: no limit).

    Returns
    -------
    ReplicatorResult
        When a budget runs out, the times not reached are NaN, ``status`` is ``MAX_ITER``
        or ``MAX_TIME`` and a :class:`~bargain.ConvergenceWarning` says so.

    Raises
    ------
    InvalidGameError
        For a non-square matrix, a non-symmetric game with ``populations=1``, or initial
        states off the simplex.
    InvalidArgumentError
        For bad times or options.
    SolverError
        When ``solve_ivp`` fails.

    Examples
    --------
    Hawk-dove with value 4 and cost 6 (Maynard Smith 1982): from any interior start the
    share of hawks goes to ``V / C = 2/3``, the ESS.

    >>> import bargain as bg
    >>> hawk_dove = bg.Game.symmetric([[-1, 4], [0, 2]], actions=("Hawk", "Dove"))
    >>> res = bg.replicator(hawk_dove, [[0.1, 0.9], [0.9, 0.1]], np.linspace(0, 40, 5))
    >>> res.final_strategies.round(6).tolist(), res.converged.tolist()
    ([[0.666667, 0.333333], [0.666667, 0.333333]], [True, True])
    >>> bg.replicator(hawk_dove, [0.1, 0.9], [0, 40])
    ReplicatorResult: 1 population, 2 time points in [0, 40]; at t=40 (at rest):
      Hawk 0.666667, Dove 0.333333
      status=SUCCESS (replicator: integrated to t=40)

    Two populations in matching pennies cycle around the equilibrium (a conserved
    quantity keeps them off it):

    >>> pennies = bg.Game([[1, -1], [-1, 1]])
    >>> two = bg.replicator(pennies, [0.8, 0.2], [0, 5, 10], y0=[0.5, 0.5])
    >>> two.populations, bool(two.converged)
    (2, False)
    """
    func = "replicator"
    g, pops = as_population_game(game, func, populations)
    method = check_choice(method, ("rk4", "solve_ivp"), "method", func)
    rtol = check_tol(rtol, func, "rtol")
    atol = check_tol(atol, func, "atol")
    rest_tol = check_tol(rest_tol, func, "rest_tol")
    max_iter, max_time = check_budget(max_iter, max_time, func)
    if max_step is not None:
        max_step = check_real(max_step, "max_step", func, low=0.0, low_open=True)
    times = as_real_array(t, "t", func, ndim=1)
    if (np.diff(times) <= 0).any():
        raise InvalidArgumentError(f"{func}: t must be strictly increasing, got {times.tolist()!r}")
    m, n = g.shape
    x = _as_start(x0, m, "x0", func)
    if pops == 2:
        if y0 is None:
            if m != n:
                raise InvalidGameError(
                    f"{func}: y0 (the column population's start) is required for a {m}x{n} game"
                )
            y0 = x0
        y = _as_start(y0, n, "y0", func)
    elif y0 is not None:
        raise InvalidArgumentError(f"{func}: y0 is only used with two populations")
    else:
        y = None
    # broadcast games and states to one batch
    shapes = [g.batch_shape, x.shape[:-1]] + ([y.shape[:-1]] if y is not None else [])
    try:
        batch = np.broadcast_shapes(*shapes)
    except ValueError:
        raise InvalidGameError(
            f"{func}: the batch shapes of the game {g.batch_shape} and of the initial states "
            f"{list(shapes[1:])} do not broadcast"
        ) from None
    N = int(np.prod(batch, dtype=np.int64))
    xf = np.broadcast_to(x, batch + (m,)).reshape(-1, m)
    yf = None if y is None else np.broadcast_to(y, batch + (n,)).reshape(-1, n)
    # normalised payoffs, each population's range ratio, and the time scale of each trajectory
    norm = g.normalized
    ranges = np.broadcast_to(g.payoff_range, batch + (2,)).reshape(-1, 2) if N else np.ones((0, 2))
    top = ranges.max(axis=1)
    top = np.where(top > 0, top, 1.0)
    ratio = ranges / top[:, None]
    ratio_k = ratio[:, :1] if pops == 1 else np.repeat(ratio, [m, n], axis=1)
    if not g.batch_shape:                   # one game shared by every trajectory: plain matmuls
        An, Bn = norm.A, norm.B
        ratio_k = ratio_k[:1]
    else:
        An = np.broadcast_to(norm.A, batch + (m, n)).reshape(-1, m, n)
        Bn = np.broadcast_to(norm.B, batch + (m, n)).reshape(-1, m, n)
    field = _Field(An, Bn, ratio_k, pops)
    step = max_step if max_step is not None else REPLICATOR_STEP / (float(top.max()) if N else 1.0)
    counts = np.maximum(1, np.ceil(np.diff(times) / step - 1e-12)).astype(np.int64)
    tau = top[:, None] * (times - times[0])[None, :]           # (N, T) normalised time
    budget = _Budget(max_iter, max_time)
    u0 = field.pack(xf, yf)
    if method == "rk4":
        traj = _rk4(field, u0, tau, counts, budget)
        step = float(np.max(np.diff(times) / counts)) if counts.size else 0.0
    else:
        traj = _solve_ivp(field, u0, tau, rtol, atol, budget)
        step = float("nan")
    T = times.size
    reached = ~np.isnan(traj).any(axis=2).reshape(N, T) if N else np.ones((0, T), dtype=bool)
    xs, ys = field.shares(traj)                                # (N, T, m), (N, T, n)
    last = traj[:, -1]
    with np.errstate(invalid="ignore"):
        speed = field.speed(last) * top
        converged = field.relative_speed(last) <= rest_tol
    row = xs.reshape(batch + (T, m))
    col = row if ys is None else ys.reshape(batch + (T, n))
    status = budget.status
    if status is Status.SUCCESS:
        message = f"{func}: integrated to t={times[-1]:.6g}"
    else:
        last_t = times[reached.all(axis=0)][-1] if N else times[0]
        budget_name = "max_iter" if status is Status.MAX_ITER else "max_time"
        message = (
            f"{func}: {budget_name} ran out after {budget.steps} steps; every trajectory reached "
            f"t={last_t:.6g} of {times[-1]:.6g} (later times are NaN). Raise {budget_name}, or "
            "lower the time span"
        )
    warn_if_uncertified(status, message)
    row = frozen(row)
    return ReplicatorResult(
        t=frozen(times),
        row=row,
        col=row if ys is None else frozen(col),
        speed=frozen(speed.reshape(batch)),
        converged=frozen(converged.reshape(batch), bool),
        populations=pops,
        method=method,
        step=step,
        steps=budget.steps,
        status=status,
        message=message,
        labels=g.labels,
    )


def _as_start(value: Any, size: int, name: str, func: str) -> np.ndarray:
    """Initial shares: finite reals (no booleans, no masked entries) on the simplex."""
    arr = as_real_array(value, name, func, min_ndim=1, error=InvalidGameError)
    return as_strategy(arr, size, name, func)
