"""Correlated and coarse correlated equilibria by linear programming.

A mediator draws an action pair ``(i, j)`` from a distribution ``p`` on the ``m x n`` cells
and tells each player only its own action. ``p`` is a **correlated equilibrium** (Aumann
1974, "Subjectivity and correlation in randomized strategies", J. Math. Econ. 1, Sect. 2;
the linear characterisation is Aumann 1987, Econometrica 55, and Hart & Schmeidler 1989)
when obeying is a best response:

    sum_j p[i, j] (A[i, j] - A[k, j]) >= 0      for every row actions i, k,
    sum_i p[i, j] (B[i, j] - B[i, l]) >= 0      for every column actions j, l.

In a **coarse correlated equilibrium** (Moulin & Vial 1978, "Strategically zero-sum games",
Int. J. Game Theory 7; Hannan's no-regret condition) each player only commits *before*
hearing the recommendation, so there is one constraint per deviation ``k`` (or ``l``):

    sum_{i,j} p[i, j] (A[i, j] - A[k, j]) >= 0,   sum_{i,j} p[i, j] (B[i, j] - B[i, l]) >= 0.

Both sets are polytopes; a linear objective (welfare, one player's payoff, a weighted sum
or any ``m x n`` array) is optimised over them with HiGHS. Every CE is a CCE, and every
Nash equilibrium's product distribution is a CE. In diplomacy the mediator is a crisis
channel: a hotline or a third party that makes recommendations both sides are willing to
follow.

Uniqueness of the optimiser
---------------------------
By complementary slackness, the optimal face ``{p feasible : objective(p) = optimum}`` is
cut out by the dual solution HiGHS returns: every optimal ``p`` vanishes where a reduced
cost is nonzero and makes tight every constraint whose dual is nonzero. If these
equalities (with ``sum p = 1``) have a single solution, the optimiser is unique (no more
LPs). Otherwise the face is probed along a random direction ``d``: two small LPs maximise
and minimise ``d . p`` over it. A face of positive dimension has positive width along
almost every direction, so two optimal distributions more than ``unique_tol`` apart (total
variation, reported as ``face_width``) prove the optimiser is not unique
(``unique=False``); a width below ``unique_tol`` reports it unique.

Exact vertex
------------
With ``exact=True`` the LP vertex is recovered over the rationals: the constraints tight at
the float solution are solved with :class:`fractions.Fraction` and the result is checked
exactly against every incentive constraint. The cost grows with the cube of the support
size; it is meant for small games with integer or rational payoffs.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number, fmt_table, warn_if_uncertified
from bargain._thresholds import CE_TIGHT_TOL, CE_UNIQUE_TOL, DEFAULT_TOL
from bargain._validate import (
    as_payoff_array,
    as_real_array,
    as_rng,
    check_bool,
    check_choice,
    check_real,
    check_tol,
    describe,
)
from bargain.core.exact import solve_linear
from bargain.core.frozen import frozen as _frozen
from bargain.core.game import Game, as_game
from bargain.errors import InvalidArgumentError, SolverError
from bargain.solvers._lp import solve_lp

__all__ = [
    "correlated_equilibrium",
    "coarse_correlated_equilibrium",
    "CorrelatedResult",
    "incentive_violation",
]

OBJECTIVES = ("welfare", "row", "col", "weighted")
SENSES = ("max", "min")


def _scalar_or_array(arr: np.ndarray) -> Any:
    return float(arr) if arr.ndim == 0 else _frozen(arr)


@dataclass(frozen=True, eq=False, repr=False)
class CorrelatedResult(Result):
    """An optimal (coarse) correlated equilibrium of one game or of a batch.

    Array fields carry the game's batch shape in front (``...``).

    Attributes
    ----------
    distribution : ndarray, shape (..., m, n)
        Probability of each action pair (sums to 1).
    payoffs : ndarray, shape (..., 2)
        Expected payoffs ``(row, col)`` under ``distribution``, in the game's units.
    value : float or ndarray
        The objective's value at ``distribution`` (its maximum, or minimum with
        ``sense="min"``), in the game's units.
    objective : str
        ``"welfare"``, ``"row"``, ``"col"``, ``"weighted(w1, w2)"`` or ``"custom"``.
    sense : str
        ``"max"`` or ``"min"``.
    coarse : bool
        True for a coarse correlated equilibrium.
    unique : bool, ndarray of bool or None
        Whether the optimiser is unique (see the module notes); ``None`` when not checked
        (``check_unique=False``, or for a single game whose probe LPs failed; in a batch
        such a game reads ``False`` and the message names it).
    face_width : float or ndarray
        Total-variation distance between the two optimal distributions found by the
        uniqueness probe (0 for a unique optimiser; NaN when not checked).
    max_violation : float or ndarray
        Largest gain from disobeying a recommendation, relative to that player's payoff
        range (the certificate: ``<= tol``; 0 exactly when ``distribution_exact`` is set).
    tol : float
        Tolerance relative to each player's payoff range.
    distribution_exact, payoffs_exact, value_exact
        Exact rational versions (single game, ``exact=True``, when the vertex was recovered).
    status, message, success
        ``SUCCESS`` when every distribution satisfies every incentive constraint within tol.
    """

    distribution: np.ndarray
    payoffs: np.ndarray
    value: float | np.ndarray
    objective: str
    sense: str
    coarse: bool
    unique: bool | np.ndarray | None
    face_width: float | np.ndarray
    max_violation: float | np.ndarray
    tol: float
    distribution_exact: tuple[tuple[Fraction, ...], ...] | None = None
    payoffs_exact: tuple[Fraction, Fraction] | None = None
    value_exact: Fraction | None = None

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the batch of games (``()`` for a single game)."""
        return self.payoffs.shape[:-1]

    @property
    def row_marginal(self) -> np.ndarray:
        """How often each row action is recommended, shape (..., m)."""
        return self.distribution.sum(axis=-1)

    @property
    def col_marginal(self) -> np.ndarray:
        """How often each column action is recommended, shape (..., n)."""
        return self.distribution.sum(axis=-2)

    def __repr__(self) -> str:
        kind = "coarse correlated" if self.coarse else "correlated"
        status = "status=SUCCESS" if self.success else self._status_line()
        head = f"CorrelatedResult({kind}, {self.sense} {self.objective}"
        if self.batch_shape:
            return f"{head}, batch of shape {self.batch_shape}, {status})"
        exact = self.distribution_exact is not None
        value = self.value_exact if exact else self.value
        pay = self.payoffs_exact if exact else self.payoffs
        m, n = self.distribution.shape
        labels = self.labels
        players = labels.players if labels is not None else ("Row", "Column")
        rows = labels.row_actions if labels is not None else tuple(f"r{i}" for i in range(m))
        cols = labels.col_actions if labels is not None else tuple(f"c{j}" for j in range(n))
        unique = {True: "unique", False: "not unique", None: "uniqueness not checked"}[self.unique]
        table = fmt_table(self.distribution_exact if exact else self.distribution, rows, cols,
                          corner=f"{players[0]} \\ {players[1]}")
        return (
            f"{head} = {fmt_number(value)}, {status})\n"
            f"  payoffs: {players[0]} {fmt_number(pay[0])}, {players[1]} {fmt_number(pay[1])}; {unique}\n"
            + "\n".join("  " + line for line in table.splitlines())
        )


# ---------------------------------------------------------------------------- constraints


def incentive_violation(
    A: Any, B: Any, distribution: Any, *, coarse: bool = False
) -> np.ndarray:
    """Largest gain from disobeying ``distribution`` (batched over ``(..., m, n)``; <= 0 at an equilibrium).

    For a correlated equilibrium the gain of row action ``i`` switching to ``k`` is
    ``sum_j P[i, j] (A[k, j] - A[i, j])`` (and likewise for the column player); for a
    coarse one the deviation is decided before the recommendation. Gains are in the
    payoffs' own units; pass normalised payoffs (:attr:`bargain.Game.normalized`) for
    gains relative to each player's range, as the solvers certify them.

    >>> A = np.array([[6., 2.], [7., 0.]])               # chicken
    >>> P = np.array([[1/3, 1/3], [1/3, 0.]])
    >>> float(incentive_violation(A, A.T, P))
    0.0
    >>> float(incentive_violation(A, A.T, np.array([[1., 0.], [0., 0.]])))
    1.0
    """
    func = "incentive_violation"
    A = as_real_array(A, "A", func, min_ndim=2)
    B = as_real_array(B, "B", func, min_ndim=2)
    P = as_real_array(distribution, "distribution", func, min_ndim=2, low=0.0)
    coarse = check_bool(coarse, "coarse", func)
    if not (A.shape[-2:] == B.shape[-2:] == P.shape[-2:]):
        raise InvalidArgumentError(
            f"{func}: A, B and distribution must share their (m, n) shape, got "
            f"{A.shape}, {B.shape} and {P.shape}"
        )
    own_a = (P * A).sum(axis=-1)  # (..., m): sum_j P[i, j] A[i, j]
    own_b = (P * B).sum(axis=-2)  # (..., n)
    if coarse:
        dev_a = np.einsum("...kj,...j->...k", A, P.sum(axis=-2)) - own_a.sum(axis=-1)[..., None]
        dev_b = np.einsum("...i,...il->...l", P.sum(axis=-1), B) - own_b.sum(axis=-1)[..., None]
        gains = np.concatenate([dev_a, dev_b], axis=-1)
    else:
        dev_a = P @ np.swapaxes(A, -1, -2) - own_a[..., :, None]  # [i, k]
        dev_b = np.swapaxes(P, -1, -2) @ B - own_b[..., :, None]  # [j, l]
        m, n = A.shape[-2:]
        gains = np.concatenate(
            [dev_a.reshape(dev_a.shape[:-2] + (m * m,)), dev_b.reshape(dev_b.shape[:-2] + (n * n,))],
            axis=-1,
        )
    return gains.max(axis=-1)


def _ce_rows(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Sparse triplets of the CE constraints ``G p <= 0`` (gains from deviating)."""
    m, n = A.shape
    ii, kk = np.nonzero(~np.eye(m, dtype=bool))
    rows_a = np.repeat(np.arange(ii.size), n)
    cols_a = (ii[:, None] * n + np.arange(n)).ravel()
    vals_a = (A[kk, :] - A[ii, :]).ravel()
    jj, ll = np.nonzero(~np.eye(n, dtype=bool))
    rows_b = ii.size + np.repeat(np.arange(jj.size), m)
    cols_b = (np.arange(m)[None, :] * n + jj[:, None]).ravel()
    vals_b = (B[:, ll] - B[:, jj]).T.ravel()
    rows = np.concatenate([rows_a, rows_b])
    cols = np.concatenate([cols_a, cols_b])
    vals = np.concatenate([vals_a, vals_b])
    keep = vals != 0
    return rows[keep], cols[keep], vals[keep], ii.size + jj.size


def _cce_rows(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Dense CCE constraints ``G p <= 0``, shape (m + n, m n)."""
    m, n = A.shape
    ga = (A[:, None, :] - A[None, :, :]).reshape(m, m * n)  # [k, (i, j)] = A[k, j] - A[i, j]
    gb = (B.T[:, :, None] - B[None, :, :]).reshape(n, m * n)  # [l, (i, j)] = B[i, l] - B[i, j]
    return np.concatenate([ga, gb], axis=0)


def _constraint_matrix(A: np.ndarray, B: np.ndarray, coarse: bool) -> Any:
    """Sparse ``G`` with ``G p <= 0``, each row divided by its largest absolute entry.

    Row normalisation keeps HiGHS' tolerances meaningful whatever the payoff magnitudes;
    all-zero rows stay (as empty rows) so that row ``t`` is always constraint ``t``.
    """
    from scipy import sparse

    m, n = A.shape
    if coarse:
        dense = _cce_rows(A, B)
        size = np.abs(dense).max(axis=1)
        return sparse.csr_matrix(dense / np.where(size > 0, size, 1.0)[:, None])
    rows, cols, vals, count = _ce_rows(A, B)
    size = np.zeros(max(count, 1))
    np.maximum.at(size, rows, np.abs(vals))
    vals = vals / size[rows] if vals.size else vals
    return sparse.csr_matrix((vals, (rows, cols)), shape=(max(count, 1), m * n))


def _exact_constraint_rows(Ae: np.ndarray, Be: np.ndarray, coarse: bool) -> list[list[Fraction]]:
    """The same constraints as :func:`_constraint_matrix`, dense and exact (unscaled)."""
    m, n = Ae.shape
    rows: list[list[Fraction]] = []
    zero = Fraction(0)
    if coarse:
        for k in range(m):
            rows.append([Ae[k, j] - Ae[i, j] for i in range(m) for j in range(n)])
        for l in range(n):
            rows.append([Be[i, l] - Be[i, j] for i in range(m) for j in range(n)])
        return rows
    for i in range(m):
        for k in range(m):
            if k != i:
                row = [zero] * (m * n)
                for j in range(n):
                    row[i * n + j] = Ae[k, j] - Ae[i, j]
                rows.append(row)
    for j in range(n):
        for l in range(n):
            if l != j:
                row = [zero] * (m * n)
                for i in range(m):
                    row[i * n + j] = Be[i, l] - Be[i, j]
                rows.append(row)
    return rows


# ---------------------------------------------------------------------------- one game


@dataclass
class _One:
    p: np.ndarray
    unique: bool | None
    width: float
    note: str
    exact: tuple[tuple[Fraction, ...], ...] | None = None


def _solve_one(
    A: np.ndarray,
    B: np.ndarray,
    C: np.ndarray,
    *,
    coarse: bool,
    maximize: bool,
    check_unique: bool,
    unique_tol: float,
    rng: np.random.Generator,
    exact: tuple[np.ndarray, np.ndarray] | None,
    func: str,
) -> _One:
    m, n = A.shape
    G = _constraint_matrix(A, B, coarse)
    b = np.zeros(G.shape[0])
    ones = np.ones((1, m * n))
    cmax = float(np.abs(C).max())
    c = (C / cmax).ravel() if cmax > 0 else np.zeros(m * n)
    sol = solve_lp(c, A_ub=G, b_ub=b, A_eq=ones, b_eq=[1.0], maximize=maximize)
    if not sol.optimal:
        kind = "coarse correlated" if coarse else "correlated"
        raise SolverError(
            f"{func}: the {kind} equilibrium LP ended with status {sol.status.name} "
            f"({sol.message}); a {kind} equilibrium always exists, so this is a numerical failure"
        )
    raw = sol.x
    p = np.clip(raw, 0.0, None)
    p = (p / p.sum()).reshape(m, n)
    unique: bool | None = None
    width = float("nan")
    note = ""
    if check_unique:
        unique, width, note = _probe_face(sol, G, unique_tol, rng)
    exact_p = None
    if exact is not None:
        exact_p, enote = _recover_exact(raw, G, exact, coarse)
        if exact_p is not None:
            p = np.array([[float(v) for v in row] for row in exact_p])
        note = "; ".join(x for x in (note, enote) if x)
    return _One(p, unique, width, note, exact_p)


def _probe_face(
    sol: Any, G: Any, unique_tol: float, rng: np.random.Generator
) -> tuple[bool | None, float, str]:
    """Is the LP's optimiser unique? Returns (unique, width, note); see the module notes.

    By complementary slackness with the dual solution HiGHS returned, the optimal face is
    ``{p feasible : p[k] = 0 where the reduced cost is nonzero, row t of G tight where its
    dual is nonzero}``. If those equalities (with ``sum p = 1``) already pin ``p`` down, the
    optimiser is unique; otherwise the face's width along a random direction is measured
    with two small LPs over the face.
    """
    from scipy import sparse

    if sol.ineq_duals is None or sol.reduced_costs is None:
        return None, float("nan"), "uniqueness probe skipped: HiGHS returned no dual values"
    fixed = np.abs(sol.reduced_costs) > CE_TIGHT_TOL
    free = np.flatnonzero(~fixed)
    tight = np.flatnonzero(np.abs(sol.ineq_duals) > CE_TIGHT_TOL)
    G = sparse.csr_matrix(G)
    G_free = G[:, free]
    eq = sparse.vstack([G_free[tight], sparse.csr_matrix(np.ones((1, free.size)))], format="csr")
    if free.size <= 1 or np.linalg.matrix_rank(eq.toarray()) == free.size:
        return True, 0.0, ""
    b_eq = np.zeros(eq.shape[0])
    b_eq[-1] = 1.0
    d = rng.standard_normal(free.size)
    kw = dict(A_ub=G_free, b_ub=np.zeros(G.shape[0]), A_eq=eq, b_eq=b_eq)
    hi = solve_lp(d, maximize=True, **kw)
    lo = solve_lp(d, maximize=False, **kw)
    if not (hi.optimal and lo.optimal):
        return None, float("nan"), (
            f"uniqueness probe failed ({hi.status.name}/{lo.status.name}); optimiser not "
            "known to be unique"
        )
    width = 0.5 * float(np.abs(hi.x - lo.x).sum())
    return width <= unique_tol, width, ""


def _recover_exact(
    raw: np.ndarray, G: Any, exact: tuple[np.ndarray, np.ndarray], coarse: bool
) -> tuple[tuple[tuple[Fraction, ...], ...] | None, str]:
    """Solve the constraints tight at the LP vertex exactly; check the result exactly."""
    Ae, Be = exact
    m, n = Ae.shape
    support = [k for k in range(m * n) if raw[k] > CE_TIGHT_TOL]
    slack = G @ raw
    tight = np.flatnonzero(np.abs(slack) <= CE_TIGHT_TOL)
    rows_all = _exact_constraint_rows(Ae, Be, coarse)
    tight = tight[tight < len(rows_all)]  # a 1 x 1 game has a single all-zero placeholder row
    eqs = [[rows_all[t][k] for k in support] for t in tight]
    eqs.append([Fraction(1)] * len(support))
    rhs = [Fraction(0)] * len(tight) + [Fraction(1)]
    sol = solve_linear(eqs, rhs, len(support))
    fail = "exact vertex recovery failed (the float solution is not a simple vertex); float result kept"
    if sol is None:
        return None, fail
    flat = [Fraction(0)] * (m * n)
    for k, v in zip(support, sol):
        flat[k] = v
    if any(v < 0 for v in flat):
        return None, fail
    for row in rows_all:
        if sum((a * v for a, v in zip(row, flat) if v), Fraction(0)) > 0:
            return None, fail
    return tuple(tuple(flat[i * n : (i + 1) * n]) for i in range(m)), ""


# ---------------------------------------------------------------------------- public API


@dataclass(frozen=True)
class _Objective:
    """The objective: ``lp`` on the normalised game (same maximisers), its label, its exact form."""

    lp: np.ndarray  # (..., m, n), entries in [-1, 1]
    label: str
    weights: tuple[float, float] | None = None  # for "weighted": the user's weights
    custom: np.ndarray | None = None  # for "custom": the user's array (float)
    custom_exact: np.ndarray | None = None


def _objective(g: Game, objective: Any, weights: Any, func: str) -> _Objective:
    """The objective, built on each player's normalised payoffs so that no scale overflows.

    ``w1 u_row + w2 u_col`` equals a constant plus ``w1 r1 An + w2 r2 Bn`` (``r`` the payoff
    ranges, ``An``, ``Bn`` in [0, 1]), so the LP optimises the latter, divided by its
    largest coefficient: the same maximisers, whatever the payoffs' magnitude.
    """
    norm = g.normalized
    An, Bn = np.asarray(norm.A), np.asarray(norm.B)
    ranges = np.asarray(g.payoff_range)
    if isinstance(objective, str):
        objective = check_choice(objective, OBJECTIVES, "objective", func)
        if weights is not None:
            if objective not in ("welfare", "weighted"):
                raise InvalidArgumentError(
                    f"{func}: weights apply to objective='weighted' only, got objective={objective!r}"
                )
            objective = "weighted"
        if objective == "row":
            return _Objective(An, "row")
        if objective == "col":
            return _Objective(Bn, "col")
        if objective == "welfare":
            w = (1.0, 1.0)
        else:
            w = _weights(weights, func)
        top = ranges.max(axis=-1, keepdims=True)
        rel = ranges / np.where(top > 0, top, 1.0)  # (..., 2) in [0, 1]
        coef = np.array(w) / max(abs(w[0]), abs(w[1])) * rel
        size = np.abs(coef).max(axis=-1, keepdims=True)
        coef = coef / np.where(size > 0, size, 1.0)
        lp = coef[..., 0, None, None] * An + coef[..., 1, None, None] * Bn
        if objective == "welfare":
            return _Objective(lp, "welfare")
        return _Objective(lp, f"weighted({w[0]:g}, {w[1]:g})", weights=w)
    if weights is not None:
        raise InvalidArgumentError(f"{func}: weights apply to objective='weighted' only")
    if isinstance(objective, numbers.Number):
        raise InvalidArgumentError(
            f"{func}: objective must be one of {', '.join(map(repr, OBJECTIVES))} or an (m, n) "
            f"array, got {describe(objective)}"
        )
    values, exact = as_payoff_array(objective, "objective", func)
    shape = g.A.shape
    if values.shape not in (shape[-2:], shape):
        raise InvalidArgumentError(
            f"{func}: objective array must have shape {shape[-2:]} (the game's actions)"
            + (f" or {shape}" if g.batch_shape else "")
            + f", got {values.shape}"
        )
    C = np.broadcast_to(values, shape).copy()
    lo = C.min(axis=(-2, -1), keepdims=True)
    spread = C.max(axis=(-2, -1), keepdims=True) - lo
    if not np.isfinite(spread).all():
        raise InvalidArgumentError(f"{func}: the objective's range (max - min) overflows float64")
    lp = (C - lo) / np.where(spread > 0, spread, 1.0)
    return _Objective(lp, "custom", custom=C, custom_exact=exact)


def _weights(weights: Any, func: str) -> tuple[float, float]:
    if weights is None:
        raise InvalidArgumentError(f"{func}: objective='weighted' needs weights=(w1, w2)")
    if isinstance(weights, str) or not hasattr(weights, "__len__") or len(weights) != 2:
        raise InvalidArgumentError(
            f"{func}: weights must be a pair (w1, w2) of real numbers, got {describe(weights)}"
        )
    w1 = check_real(weights[0], "weights[0]", func)
    w2 = check_real(weights[1], "weights[1]", func)
    if w1 == 0 and w2 == 0:
        raise InvalidArgumentError(
            f"{func}: weights (0, 0) make every distribution optimal; give at least one nonzero weight"
        )
    return w1, w2


def _solve(
    game: Any,
    objective: Any,
    weights: Any,
    sense: str,
    tol: float,
    exact: bool,
    check_unique: bool,
    unique_tol: float,
    rng: Any,
    coarse: bool,
    func: str,
) -> CorrelatedResult:
    g = as_game(game, func)
    obj = _objective(g, objective, weights, func)
    sense = check_choice(sense, SENSES, "sense", func)
    tol = check_tol(tol, func)
    exact = check_bool(exact, "exact", func)
    check_unique = check_bool(check_unique, "check_unique", func)
    unique_tol = check_tol(unique_tol, func, "unique_tol")
    gen = as_rng(rng, func)
    batch = g.batch_shape
    m, n = g.shape
    norm = g.normalized  # incentive constraints are decided on each player's [0, 1] payoffs
    An, Bn = np.asarray(norm.A), np.asarray(norm.B)
    P = np.empty(batch + (m, n))
    widths = np.full(batch, np.nan)
    uniq = np.zeros(batch, dtype=bool)
    notes: list[str] = []
    exact_p = None
    single_unique: bool | None = None
    Ae = Be = None
    if exact:
        Ae, Be = g.exact_payoffs()
    for idx in np.ndindex(batch):
        one = _solve_one(
            An[idx],
            Bn[idx],
            obj.lp[idx],
            coarse=coarse,
            maximize=sense == "max",
            check_unique=check_unique,
            unique_tol=unique_tol,
            rng=gen,
            exact=None if Ae is None or Be is None else (Ae[idx], Be[idx]),
            func=func,
        )
        P[idx] = one.p
        widths[idx] = one.width
        uniq[idx] = bool(one.unique)
        if one.note:
            notes.append((f"game {idx}: " if batch else "") + one.note)
        if not batch:
            exact_p = one.exact
            single_unique = one.unique
    payoffs = np.stack([(P * g.A).sum(axis=(-2, -1)), (P * g.B).sum(axis=(-2, -1))], axis=-1)
    value = _float_value(obj, payoffs, P)
    violation = incentive_violation(An, Bn, P, coarse=coarse)  # relative to each player's range
    certified = bool(np.all(violation <= tol))
    kind = "coarse correlated" if coarse else "correlated"
    head = f"{sense}imised {obj.label} over the {kind} equilibria (HiGHS LP"
    head += ", one per game in a loop)" if batch else ")"
    if not certified:
        notes.append(
            f"largest incentive violation {float(np.max(violation)):.3g} (relative to the payoff "
            "range) exceeds tol"
        )
    status = Status.SUCCESS if certified else Status.UNCERTIFIED
    message = "; ".join([head] + notes)
    warn_if_uncertified(status, f"{func}: {message}")
    payoffs_exact = value_exact = None
    if exact_p is not None and Ae is not None and Be is not None:
        cells = [(i, j) for i in range(m) for j in range(n)]
        payoffs_exact = (
            sum((exact_p[i][j] * Ae[i, j] for i, j in cells), Fraction(0)),
            sum((exact_p[i][j] * Be[i, j] for i, j in cells), Fraction(0)),
        )
        value_exact = _exact_value(obj, exact_p, payoffs_exact, cells)
        violation = np.zeros(())
    unique: Any
    if not check_unique:
        unique = None
    elif batch:
        unique = _frozen(uniq, bool)
    else:
        unique = single_unique
    return CorrelatedResult(
        distribution=_frozen(P),
        payoffs=_frozen(payoffs),
        value=_scalar_or_array(value),
        objective=obj.label,
        sense=sense,
        coarse=coarse,
        unique=unique,
        face_width=_scalar_or_array(widths),
        max_violation=_scalar_or_array(np.maximum(violation, 0.0)),
        tol=tol,
        distribution_exact=exact_p,
        payoffs_exact=payoffs_exact,
        value_exact=value_exact,
        status=status,
        message=message,
        labels=g.labels,
    )


def _float_value(obj: _Objective, payoffs: np.ndarray, P: np.ndarray) -> np.ndarray:
    """The objective's value at ``P``, on the original game."""
    if obj.label == "row":
        return payoffs[..., 0]
    if obj.label == "col":
        return payoffs[..., 1]
    if obj.custom is not None:
        return (P * obj.custom).sum(axis=(-2, -1))
    w = obj.weights or (1.0, 1.0)
    top = max(abs(w[0]), abs(w[1]))
    with np.errstate(over="ignore"):  # a value beyond float64 is reported as +-inf, never NaN
        return top * (w[0] / top * payoffs[..., 0] + w[1] / top * payoffs[..., 1])


def _exact_value(
    obj: _Objective,
    p: tuple[tuple[Fraction, ...], ...],
    pay: tuple[Fraction, Fraction],
    cells: list[tuple[int, int]],
) -> Fraction:
    if obj.label == "row":
        return pay[0]
    if obj.label == "col":
        return pay[1]
    if obj.custom is not None:
        src = obj.custom_exact if obj.custom_exact is not None else obj.custom
        return sum((p[i][j] * Fraction(src[i, j]) for i, j in cells), Fraction(0))
    w = obj.weights or (1.0, 1.0)
    return Fraction(w[0]) * pay[0] + Fraction(w[1]) * pay[1]


_PARAMS_DOC = """
    Parameters
    ----------
    game : Game or nashpy.Game
        A game or a batch of games ``(..., m, n)`` (a batch is solved game by game in a
        Python loop: one LP, plus two for the uniqueness probe, per game).
    objective : {"welfare", "row", "col", "weighted"} or array_like, shape (m, n)
        What to optimise: the sum of payoffs, one player's payoff, ``w1 u_row + w2 u_col``
        (with ``weights``), or any linear objective given as a value per action pair.
    weights : (float, float), optional
        Weights ``(w1, w2)`` for ``objective="weighted"`` (given alone, they imply it): the
        objective is ``w1 u_row + w2 u_col`` in the game's payoff units. Any finite reals,
        not both zero. A negative weight counts that player's payoff against the
        objective: ``weights=(1, -1)`` maximises the row player's advantage over the column
        player (``sense="min"`` minimises instead). Only the direction of ``(w1, w2)``
        matters for the distribution; ``value`` is computed with the weights as given.
    sense : {"max", "min"}
        Maximise (default) or minimise the objective.
    tol : float
        Largest incentive violation accepted, relative to each player's payoff range. The
        incentive constraints are decided on each player's payoffs normalised to [0, 1],
        so no scale or shift of either player's payoffs changes the set of equilibria.
    exact : bool
        Recover the optimal vertex exactly with fractions (small games with rational
        payoffs; see the module notes). The ``*_exact`` fields are filled for a single game;
        in a batch each distribution is the float image of its exact vertex.
    check_unique : bool
        Probe whether the optimiser is unique (two extra LPs per game).
    unique_tol : float
        Total-variation distance above which two optimal distributions count as different.
    rng : numpy.random.Generator, non-negative int or None
        Randomness of the uniqueness probe's direction (default seed 0: reproducible).

    Returns
    -------
    CorrelatedResult

    Raises
    ------
    InvalidArgumentError
        Bad game (:class:`~bargain.InvalidGameError`), objective (name, shape, NaN),
        weights, sense, tolerances, flags or rng.
    SolverError
        HiGHS failed on the main LP.
"""


def correlated_equilibrium(
    game: Any,
    *,
    objective: Any = "welfare",
    weights: Any = None,
    sense: str = "max",
    tol: float = DEFAULT_TOL,
    exact: bool = False,
    check_unique: bool = True,
    unique_tol: float = CE_UNIQUE_TOL,
    rng: np.random.Generator | int | None = 0,
) -> CorrelatedResult:
    """An optimal correlated equilibrium (Aumann 1974): one LP over action-pair distributions.
    {params}
    Examples
    --------
    Chicken (Aumann 1974's kind of example; payoffs as in the textbook version): the
    welfare-maximising correlated equilibrium recommends (C, C) half the time and each
    asymmetric outcome a quarter of the time; each player expects 21/4 = 5.25, more than
    the 14/3 of the mixed Nash equilibrium.

    >>> import bargain as bg
    >>> g = bg.Game([[6, 2], [7, 0]], [[6, 7], [2, 0]], row_actions=("Swerve", "Dare"),
    ...             col_actions=("Swerve", "Dare"), players=("Ann", "Bob"), name="Chicken")
    >>> ce = bg.correlated_equilibrium(g, exact=True)
    >>> ce
    CorrelatedResult(correlated, max welfare = 21/2, status=SUCCESS)
      payoffs: Ann 21/4, Bob 21/4; unique
      Ann \\ Bob | Swerve | Dare
          Swerve |    1/2 |  1/4
            Dare |    1/4 |    0
    >>> ce.max_violation
    0.0
    """
    return _solve(
        game, objective, weights, sense, tol, exact, check_unique, unique_tol, rng, False,
        "correlated_equilibrium",
    )


def coarse_correlated_equilibrium(
    game: Any,
    *,
    objective: Any = "welfare",
    weights: Any = None,
    sense: str = "max",
    tol: float = DEFAULT_TOL,
    exact: bool = False,
    check_unique: bool = True,
    unique_tol: float = CE_UNIQUE_TOL,
    rng: np.random.Generator | int | None = 0,
) -> CorrelatedResult:
    """An optimal coarse correlated equilibrium (Moulin & Vial 1978; Hannan's no-regret set).

    Each player compares obeying the mediator with ignoring it altogether, so the set of
    coarse correlated equilibria contains every correlated equilibrium (and is the limit
    set of no-external-regret learning).
    {params}
    Examples
    --------
    In the Prisoner's Dilemma defection is dominant: the only (coarse) correlated
    equilibrium is mutual defection.

    >>> import bargain as bg
    >>> pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> cce = bg.coarse_correlated_equilibrium(pd)
    >>> cce.distribution.round(9).tolist(), cce.unique
    ([[0.0, 0.0], [0.0, 1.0]], True)
    """
    return _solve(
        game, objective, weights, sense, tol, exact, check_unique, unique_tol, rng, True,
        "coarse_correlated_equilibrium",
    )


correlated_equilibrium.__doc__ = (correlated_equilibrium.__doc__ or "").replace("{params}", _PARAMS_DOC)
coarse_correlated_equilibrium.__doc__ = (coarse_correlated_equilibrium.__doc__ or "").replace(
    "{params}", _PARAMS_DOC
)
