"""Evolutionary dynamics and stability: replicator dynamics and evolutionarily stable strategies.

Evolutionary game theory replaces deliberate choice by selection: strategies that earn
more than the population average spread. In the diplomacy reading, postures (hawkish,
accommodating, retaliatory) spread among states or within a bureaucracy because they
pay, and an *evolutionarily stable strategy* is a posture that, once common, no rare
alternative can invade (Maynard Smith & Price 1973, *Nature* 246, 15-18; Maynard Smith
1982, *Evolution and the Theory of Games*). Hawk-dove is the classic crisis contest.

* :func:`replicator`: the replicator dynamics (Taylor & Jonker 1978, *Math. Biosci.*
  40, 145-156; Hofbauer & Sigmund 1998, *Evolutionary Games and Population Dynamics*),
  one population for a symmetric game, two populations otherwise,
  batched over games and initial states.
* :func:`ess` and :func:`is_ess`: all ESS of a symmetric game, exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Any

import numpy as np

from bargain._result import fmt_vector as _fmt
from bargain._validate import (
    as_payoff_array,
    as_strategy,
    check_choice,
    check_int,
    check_real,
    check_tol,
    describe,
)
from bargain.core.exact import to_fraction
from bargain.core.frozen import frozen as _frozen
from bargain.core.game import Game, as_game
from bargain.errors import InvalidGameError, SolverError
from bargain.solvers.dynamics import _evolution_exact as _ex

__all__ = ["replicator", "ReplicatorResult", "ess", "is_ess", "ESSResult"]




# =========================================================================== replicator
@dataclass(frozen=True, eq=False, repr=False)
class ReplicatorResult:
    """Trajectories of the replicator dynamics.

    Attributes
    ----------
    t : ndarray, shape (T,)
        The time points.
    x : ndarray, shape (..., T, m)
        Population shares of the (row) population at each time; ``...`` is the batch of
        games broadcast against the initial states.
    y : ndarray or None, shape (..., T, n)
        Shares of the column population (two-population dynamics), else ``None``.
    final_x, final_y : ndarray
        The states at ``t[-1]`` (``final_y`` is ``None`` for one population).
    speed : ndarray, shape (...)
        ``max |dx/dt|`` (and ``|dy/dt|``) at the final state.
    converged : ndarray of bool, shape (...)
        ``speed <= rest_tol`` x payoff scale: the trajectory has (numerically) come to a
        rest point. A speed test, not a proof: a trajectory passing slowly near a vertex
        of a heteroclinic cycle also has a small speed.
    populations : int
        1 (symmetric game, one population playing itself) or 2.
    method : str
        ``"rk4"`` or ``"solve_ivp"``.
    step : float
        Largest integration step used (``rk4``), or ``nan`` for ``solve_ivp``.
    """

    t: np.ndarray
    x: np.ndarray
    y: np.ndarray | None
    final_x: np.ndarray
    final_y: np.ndarray | None
    speed: np.ndarray
    converged: np.ndarray
    populations: int
    method: str
    step: float

    def __repr__(self) -> str:
        batch = self.speed.shape
        where = f"batch of shape {batch}" if batch else "single trajectory"
        final = "" if batch else f", final_x={_fmt(self.final_x)}"
        if not batch and self.final_y is not None:
            final += f", final_y={_fmt(self.final_y)}"
        return (
            f"ReplicatorResult({self.populations} population(s), {where}, {self.t.size} time points"
            f"{final}, converged={int(np.sum(self.converged))}/{max(1, int(np.size(self.converged)))})"
        )




def _parse_dynamics(g_or_A: Any, populations: Any, func: str) -> tuple[np.ndarray, np.ndarray, int]:
    """Payoff matrices (A, B) and the number of populations."""
    check_choice(populations, ("auto", 1, 2), "populations", func)
    if isinstance(g_or_A, Game) or hasattr(g_or_A, "payoff_matrices"):
        g = as_game(g_or_A, func)
        A, B = g.A, g.B
        symmetric = g.shape[0] == g.shape[1] and bool(np.array_equal(B, np.swapaxes(A, -1, -2)))
        if populations == "auto":
            populations = 1 if symmetric else 2
        if populations == 1 and not symmetric:
            raise InvalidGameError(
                f"{func}: one-population dynamics need a symmetric game (B = A.T); this game is "
                "not symmetric, use populations=2"
            )
        return A, B, populations
    A, _ = as_payoff_array(g_or_A, "A", func)
    if A.shape[-1] != A.shape[-2]:
        raise InvalidGameError(
            f"{func}: a payoff matrix alone must be square (one population), got shape {A.shape[-2:]}; "
            "pass a bargain.Game for two populations"
        )
    return A, np.swapaxes(A, -1, -2), 1 if populations == "auto" else populations


def _as_times(t: Any, func: str) -> np.ndarray:
    try:
        times = np.asarray(t, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidGameError(
            f"{func}: t must be an increasing sequence of times, got {describe(t)}"
        ) from None
    if times.ndim != 1 or times.size == 0:
        raise InvalidGameError(
            f"{func}: t must be a non-empty 1-d sequence of times, got shape {times.shape}"
        )
    if not np.isfinite(times).all():
        raise InvalidGameError(f"{func}: t must be finite, got {describe(t)}")
    if (np.diff(times) <= 0).any():
        raise InvalidGameError(f"{func}: t must be strictly increasing, got {describe(t)}")
    return times


def replicator(
    g_or_A: Any,
    x0: Any,
    t: Any,
    *,
    y0: Any = None,
    populations: str | int = "auto",
    method: str = "rk4",
    max_step: float | None = None,
    rtol: float = 1e-8,
    atol: float = 1e-10,
    rest_tol: float = 1e-6,
) -> ReplicatorResult:
    """Replicator dynamics, batched over games and initial states.

    One population (a square payoff matrix ``A``, or a symmetric game):
    ``dx_i/dt = x_i ((A x)_i - x.A x)`` (Taylor & Jonker 1978). Two populations (a general
    game, row shares ``x`` and column shares ``y``):
    ``dx_i/dt = x_i ((A y)_i - x.A y)``, ``dy_j/dt = y_j ((x B)_j - x.B y)``
    (the bimatrix replicator dynamics of Hofbauer & Sigmund 1998).

    Parameters
    ----------
    g_or_A : array_like (..., k, k), Game or nashpy.Game
        A square matrix (one population) or a game (one population if it is symmetric and
        ``populations`` is ``"auto"`` or 1, else two).
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
        ``"solve_ivp"``: :func:`scipy.integrate.solve_ivp` (RK45 with error control
        ``rtol``/``atol``) on the same log-coordinate system for the whole flattened batch,
        when an error-controlled answer is worth the time.
    max_step : float, optional
        ``rk4`` step bound. Default ``0.1 / s`` with ``s`` the largest payoff range in the
        batch (the vector field's Lipschitz scale); each interval of ``t`` is split into
        equal steps no longer than this.
    rtol, atol : float
        Tolerances of ``solve_ivp``.
    rest_tol : float
        A final state counts as a rest point when its speed is below ``rest_tol`` x the
        payoff scale.

    Returns
    -------
    ReplicatorResult

    Raises
    ------
    InvalidGameError
        For a non-square matrix, a non-symmetric game with ``populations=1``, initial
        states off the simplex, or bad times.
    SolverError
        When ``solve_ivp`` fails.

    Examples
    --------
    Hawk-dove with value 4 and cost 6 (Maynard Smith 1982): from any interior start the
    share of hawks goes to ``V / C = 2/3``, the ESS.

    >>> import bargain as bg
    >>> hawk_dove = [[-1, 4], [0, 2]]
    >>> res = bg.replicator(hawk_dove, [[0.1, 0.9], [0.9, 0.1]], np.linspace(0, 40, 5))
    >>> res.final_x.round(6).tolist(), res.converged.tolist()
    ([[0.666667, 0.333333], [0.666667, 0.333333]], [True, True])

    Two populations in matching pennies cycle around the equilibrium (a conserved
    quantity keeps them off it):

    >>> pennies = bg.Game([[1, -1], [-1, 1]])
    >>> two = bg.replicator(pennies, [0.8, 0.2], [0, 5, 10], y0=[0.5, 0.5])
    >>> two.populations, bool(two.converged)
    (2, False)
    """
    func = "replicator"
    A, B, pops = _parse_dynamics(g_or_A, populations, func)
    method = check_choice(method, ("rk4", "solve_ivp"), "method", func)
    rtol = check_tol(rtol, func, "rtol")
    atol = check_tol(atol, func, "atol")
    rest_tol = check_tol(rest_tol, func, "rest_tol")
    times = _as_times(t, func)
    m, n = A.shape[-2:]
    x = as_strategy(x0, m, "x0", func)
    if pops == 2:
        if y0 is None:
            if m != n:
                raise InvalidGameError(
                    f"{func}: y0 (the column population's start) is required for a {m}x{n} game"
                )
            y0 = x0
        y = as_strategy(y0, n, "y0", func)
    elif y0 is not None:
        raise InvalidGameError(f"{func}: y0 is only used with two populations")
    else:
        y = None
    # broadcast games and states to one batch
    shapes = [A.shape[:-2], x.shape[:-1]] + ([y.shape[:-1]] if y is not None else [])
    try:
        batch = np.broadcast_shapes(*shapes)
    except ValueError:
        raise InvalidGameError(
            f"{func}: the batch shapes of the game {A.shape[:-2]} and of the initial states "
            f"{[s for s in shapes[1:]]} do not broadcast"
        ) from None
    xf = np.broadcast_to(x, batch + (m,)).reshape(-1, m)
    yf = None if y is None else np.broadcast_to(y, batch + (n,)).reshape(-1, n)
    if A.ndim == 2:                     # one game shared by every trajectory: plain matmuls
        Af, Bf = np.asarray(A), np.asarray(B)
        scale = np.broadcast_to(_payoff_range(Af[None], Bf[None]), (xf.shape[0],))
    else:
        Af = np.broadcast_to(A, batch + (m, n)).reshape(-1, m, n)
        Bf = np.broadcast_to(B, batch + (m, n)).reshape(-1, m, n)
        scale = _payoff_range(Af, Bf)
    if max_step is None:
        step = 0.1 / float(scale.max()) if scale.size else 0.1
    else:
        step = check_real(max_step, "max_step", func, low=0.0, low_open=True)
    system = _Replicator(Af, Bf, pops)
    u0 = system.pack(xf, yf)
    if method == "rk4":
        traj = _rk4(system, u0, times, step)
    else:
        traj = _solve_ivp(system, u0, times, rtol, atol)
        step = float("nan")
    xs, ys = system.unpack(traj)                               # (N, T, m), (N, T, n)
    speed = system.speed(traj[:, -1])
    converged = speed <= rest_tol * scale
    T = times.size
    x_out = xs.reshape(batch + (T, m))
    y_out = None if ys is None else ys.reshape(batch + (T, n))
    return ReplicatorResult(
        t=_frozen(times),
        x=_frozen(x_out),
        y=None if y_out is None else _frozen(y_out),
        final_x=_frozen(x_out[..., -1, :]),
        final_y=None if y_out is None else _frozen(y_out[..., -1, :]),
        speed=_frozen(speed.reshape(batch)),
        converged=_frozen(converged.reshape(batch), bool),
        populations=pops,
        method=method,
        step=step,
    )




def _payoff_range(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    N = A.shape[0]
    fa, fb = A.reshape(N, -1), B.reshape(N, -1)
    s = np.maximum(fa.max(axis=1) - fa.min(axis=1), fb.max(axis=1) - fb.min(axis=1))
    return np.where(s > 0, s, 1.0)


class _Replicator:
    """The replicator vector field in log coordinates, for a flat batch (N, m, n).

    The state is ``u = log x`` (and ``log y``), shape ``(N, m)`` or ``(N, m + n)``;
    ``du_i/dt`` is the excess payoff of action ``i``.
    """

    def __init__(self, A: np.ndarray, B: np.ndarray, populations: int) -> None:
        self.A, self.B, self.pops = A, B, populations
        self.m, self.n = A.shape[-2:]
        self.shared = A.ndim == 2          # one game for the whole batch
        self.At = np.ascontiguousarray(A.T) if self.shared else None

    def pack(self, x: np.ndarray, y: np.ndarray | None) -> np.ndarray:
        with np.errstate(divide="ignore"):
            u = np.log(x)
            return u if y is None else np.concatenate([u, np.log(y)], axis=1)

    def _split(self, u: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        m = self.m
        x = _softmax(u[..., :m])
        return x, (None if self.pops == 1 else _softmax(u[..., m:]))

    def unpack(self, traj: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        return self._split(traj)

    def rate(self, u: np.ndarray) -> np.ndarray:
        """Excess payoffs ``du/dt`` (shape of ``u``)."""
        x, y = self._split(u)
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

    def speed(self, u: np.ndarray) -> np.ndarray:
        """``max |dx/dt|`` in share units (the replicator field itself)."""
        x, y = self._split(u)
        shares = x if y is None else np.concatenate([x, y], axis=1)
        return np.abs(shares * self.rate(u)).max(axis=1)


def _softmax(u: np.ndarray) -> np.ndarray:
    z = u - u.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _rk4(system: _Replicator, u0: np.ndarray, times: np.ndarray, step: float) -> np.ndarray:
    """Fixed-step classical RK4; output (N, T, K). Loops over time steps only."""
    out = np.empty((u0.shape[0], times.size, u0.shape[1]))
    u = u0.copy()
    out[:, 0] = u
    for i in range(1, times.size):
        span = times[i] - times[i - 1]
        count = max(1, int(np.ceil(span / step - 1e-12)))
        h = span / count
        for _ in range(count):
            k1 = system.rate(u)
            k2 = system.rate(u + 0.5 * h * k1)
            k3 = system.rate(u + 0.5 * h * k2)
            k4 = system.rate(u + h * k3)
            u = u + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
            # re-centre each population (the field is shift invariant) so u stays bounded
            u = _recentre(u, system)
        out[:, i] = u
    return out


def _recentre(u: np.ndarray, system: _Replicator) -> np.ndarray:
    m = system.m
    if system.pops == 1:
        return u - u.max(axis=1, keepdims=True)
    u = u.copy()
    u[:, :m] -= u[:, :m].max(axis=1, keepdims=True)
    u[:, m:] -= u[:, m:].max(axis=1, keepdims=True)
    return u


def _solve_ivp(
    system: _Replicator, u0: np.ndarray, times: np.ndarray, rtol: float, atol: float
) -> np.ndarray:
    """scipy's RK45 on the flattened batch; zero shares (u = -inf) are held fixed."""
    from scipy.integrate import solve_ivp

    N, K = u0.shape
    alive = np.isfinite(u0)
    start = np.where(alive, u0, 0.0)

    def rhs(_t: float, flat: np.ndarray) -> np.ndarray:
        u = np.where(alive, flat.reshape(N, K), -np.inf)
        return np.where(alive, system.rate(u), 0.0).ravel()

    res = solve_ivp(rhs, (times[0], times[-1]), start.ravel(), t_eval=times, rtol=rtol, atol=atol)
    if not res.success:
        raise SolverError(f"replicator: solve_ivp failed: {res.message}")
    traj = res.y.T.reshape(times.size, N, K).transpose(1, 0, 2)
    return np.where(alive[:, None, :], traj, -np.inf)


# =========================================================================== ESS
@dataclass(frozen=True, eq=False, repr=False)
class ESSResult:
    """All evolutionarily stable strategies of a symmetric game.

    Attributes
    ----------
    strategies : tuple of ndarray
        The ESS, as float vectors.
    strategies_exact : tuple of tuple of Fraction
        The same, exactly.
    supports : tuple of tuple of int
        Support of each ESS.
    payoffs : tuple of Fraction
        Payoff ``x.Ax`` of each ESS against itself.
    regular : tuple of bool
        Whether each ESS's best replies are exactly its support (then Haigh's
        negative-definiteness test alone decides; otherwise the copositivity step did).
    symmetric_equilibria : tuple of tuple of Fraction
        Every symmetric Nash equilibrium with a regular support system (an isolated one on
        its support) that was examined; every ESS is among them.
    """

    strategies: tuple[np.ndarray, ...]
    strategies_exact: tuple[tuple[Fraction, ...], ...]
    supports: tuple[tuple[int, ...], ...]
    payoffs: tuple[Fraction, ...]
    regular: tuple[bool, ...]
    symmetric_equilibria: tuple[tuple[Fraction, ...], ...]

    def __len__(self) -> int:
        return len(self.strategies)

    def __iter__(self):
        return iter(self.strategies)

    def __getitem__(self, i: int) -> np.ndarray:
        return self.strategies[i]

    def __repr__(self) -> str:
        if not self.strategies:
            return f"ESSResult(no ESS; {len(self.symmetric_equilibria)} symmetric equilibria examined)"
        items = ", ".join("(" + ", ".join(str(p) for p in s) + ")" for s in self.strategies_exact)
        return f"ESSResult({len(self.strategies)} ESS: {items})"


def _exact_square(g_or_A: Any, func: str) -> list[list[Fraction]]:
    """The payoff matrix of a single symmetric game as Fractions."""
    if isinstance(g_or_A, Game) or hasattr(g_or_A, "payoff_matrices"):
        g = as_game(g_or_A, func)
        if g.batch_shape:
            raise InvalidGameError(f"{func}: takes a single game, got a batch of shape {g.batch_shape}")
        m, n = g.shape
        Ae, Be = g.exact_payoffs()
        if m != n or any(Be[i, j] != Ae[j, i] for i in range(m) for j in range(n)):
            raise InvalidGameError(
                f"{func}: the game must be symmetric (B = A.T), got a {m}x{n} game that is not"
            )
        return [[to_fraction(Ae[i, j], func) for j in range(n)] for i in range(m)]
    values, exact = as_payoff_array(g_or_A, "A", func)
    if values.ndim != 2:
        raise InvalidGameError(f"{func}: A must be a single square matrix, got shape {values.shape}")
    k, k2 = values.shape
    if k != k2:
        raise InvalidGameError(f"{func}: A must be square, got shape {values.shape}")
    source = exact if exact is not None else values
    return [[to_fraction(source[i, j].item() if hasattr(source[i, j], "item") else source[i, j], func)
             for j in range(k)] for i in range(k)]


def ess(g_or_A: Any, *, max_actions: int = 14) -> ESSResult:
    """All evolutionarily stable strategies (ESS) of a symmetric game, exactly.

    ``x`` is an ESS (Maynard Smith & Price 1973; Maynard Smith 1982) when no rare mutant
    ``y`` invades: ``y.Ax <= x.Ax`` for every ``y``, and if ``y.Ax = x.Ax`` (``y`` is an
    alternative best reply) then ``x.Ay > y.Ay``.

    Method: every support ``S`` is tried (``2^k - 1`` of them). An ESS is an isolated
    symmetric equilibrium, so its support system ``(A x)_i = v`` (``i`` in ``S``),
    ``sum(x) = 1`` is nonsingular and determines ``x``; the candidate is kept if it is
    positive on ``S`` and a symmetric Nash equilibrium. It is an ESS iff ``z.Az < 0`` for
    every nonzero direction ``z`` from ``x`` into its best-reply face: Haigh's (1975)
    negative-definiteness test of ``A`` on the tangent space of the support, completed
    when there are best replies outside the support by a strict-copositivity test of the
    Schur complement (Abakuks 1980; Bomze 1992). All arithmetic is exact
    (:class:`~fractions.Fraction`); float payoffs are taken as the binary fractions they
    hold. Details and the proof sketch: :mod:`bargain.solvers.dynamics._evolution_exact`.

    Parameters
    ----------
    g_or_A : array_like (k, k), Game or nashpy.Game
        The row player's payoffs ``A`` of a symmetric game, or a symmetric single game.
    max_actions : int
        Refuse games with more actions (the support enumeration is exponential).

    Returns
    -------
    ESSResult
        ``strategies``, ``strategies_exact``, ``supports``, ``payoffs``, ``regular`` and the
        ``symmetric_equilibria`` examined. An empty result means the game has no ESS.

    Raises
    ------
    InvalidGameError
        For a non-square matrix, a non-symmetric or batched game, or too many actions.

    Examples
    --------
    Hawk-dove with value ``V = 4`` and cost ``C = 6``: the unique ESS plays Hawk with
    probability ``V / C`` (Maynard Smith 1982, ch. 2).

    >>> import bargain as bg
    >>> bg.ess([[-1, 4], [0, 2]])
    ESSResult(1 ESS: (2/3, 1/3))

    Rock-paper-scissors: none in the zero-sum game; the centre is an ESS when a win pays
    more than a loss costs.

    >>> len(bg.ess([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])), bg.ess([[0, -1, 2], [2, 0, -1], [-1, 2, 0]])
    (0, ESSResult(1 ESS: (1/3, 1/3, 1/3)))
    """
    func = "ess"
    A = _exact_square(g_or_A, func)
    k = len(A)
    limit = check_int(max_actions, "max_actions", func, low=1)
    if k > limit:
        raise InvalidGameError(
            f"{func}: {k} actions exceed max_actions={limit} (the search visits 2^k supports); "
            "raise it to insist"
        )
    found: list[tuple[list[Fraction], Fraction, tuple[int, ...], bool]] = []
    equilibria: list[tuple[Fraction, ...]] = []
    for size in range(1, k + 1):
        for S in combinations(range(k), size):
            cand = _ex.support_equilibrium(A, S)
            if cand is None:
                continue
            x, v = cand
            is_nash, stable, T = _ex.ess_test(A, x)
            if not is_nash:
                continue
            equilibria.append(tuple(x))
            if stable:
                found.append((x, v, S, T == S))
    return ESSResult(
        strategies=tuple(_frozen([float(p) for p in x]) for x, _, _, _ in found),
        strategies_exact=tuple(tuple(x) for x, _, _, _ in found),
        supports=tuple(S for _, _, S, _ in found),
        payoffs=tuple(v for _, v, _, _ in found),
        regular=tuple(r for _, _, _, r in found),
        symmetric_equilibria=tuple(equilibria),
    )


def is_ess(g_or_A: Any, x: Any, *, tol: float = 1e-9) -> bool:
    """Whether ``x`` is an evolutionarily stable strategy of a symmetric game.

    Exact: the support of ``x`` (entries above ``tol``) determines the only candidate ESS
    on that support (see :func:`ess`); ``x`` must equal it (exactly when ``x`` is given as
    fractions or integers, within ``tol`` otherwise), and the candidate must pass the
    exact ESS test.

    Examples
    --------
    >>> import bargain as bg
    >>> from fractions import Fraction as F
    >>> bg.solvers.evolution.is_ess([[-1, 4], [0, 2]], [F(2, 3), F(1, 3)])
    True
    >>> bg.solvers.evolution.is_ess([[-1, 4], [0, 2]], [1, 0])          # all-hawk is invaded by doves
    False
    """
    func = "is_ess"
    A = _exact_square(g_or_A, func)
    tol = check_tol(tol, func)
    k = len(A)
    values = as_strategy(x, k, "x", func, tol=max(tol, 1e-12))
    exact_input = _exact_vector(x, k)
    if exact_input is not None:
        S = tuple(i for i, p in enumerate(exact_input) if p > 0)
    else:
        S = tuple(int(i) for i in np.flatnonzero(values > tol))
    cand = _ex.support_equilibrium(A, S)
    if cand is None:
        return False
    point, _ = cand
    if exact_input is not None:
        if list(exact_input) != point:
            return False
    elif np.abs(values - np.array([float(p) for p in point])).max() > tol:
        return False
    _, stable, _ = _ex.ess_test(A, point)
    return stable


def _exact_vector(x: Any, k: int) -> tuple[Fraction, ...] | None:
    """``x`` as fractions when every entry is an int or Fraction, else ``None``."""
    items = np.asarray(x, dtype=object).ravel().tolist()
    if len(items) != k or not all(isinstance(v, int | Fraction | np.integer) and not isinstance(v, bool)
                                  for v in items):
        return None
    return tuple(Fraction(int(v)) if not isinstance(v, Fraction) else v for v in items)
