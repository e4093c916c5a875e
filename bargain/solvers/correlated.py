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

from bargain._result import Status
from bargain._thresholds import DEFAULT_TOL
from bargain._validate import as_payoff_array, as_rng, check_choice, check_real, check_tol, describe
from bargain.core import kernels
from bargain.core.frozen import frozen as _frozen
from bargain.core.game import Game, as_game
from bargain.errors import InvalidGameError, SolverError
from bargain.solvers._lp import solve_exact, solve_lp
from bargain.solvers.nash._assemble import warn_if_uncertified

__all__ = [
    "correlated_equilibrium",
    "coarse_correlated_equilibrium",
    "CorrelatedResult",
    "incentive_violation",
]

OBJECTIVES = ("welfare", "row", "col", "weighted")
SENSES = ("max", "min")

#: A constraint or probability this close to zero (in scaled units) counts as tight.
_TIGHT = 1e-9




def _scalar_or_array(arr: np.ndarray) -> Any:
    return float(arr) if arr.ndim == 0 else _frozen(arr)


@dataclass(frozen=True, eq=False, repr=False)
class CorrelatedResult:
    """An optimal (coarse) correlated equilibrium of one game or of a batch.

    Array fields carry the game's batch shape in front (``...``).

    Attributes
    ----------
    distribution : ndarray, shape (..., m, n)
        Probability of each action pair (sums to 1).
    payoffs : ndarray, shape (..., 2)
        Expected payoffs ``(row, col)`` under ``distribution``.
    value : float or ndarray
        The objective's value at ``distribution`` (its maximum, or minimum with
        ``sense="min"``).
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
        Largest gain from disobeying a recommendation (the certificate: <= tol x payoff
        scale; 0 exactly when ``distribution_exact`` is set).
    status : Status
        ``SUCCESS`` when every distribution satisfies every incentive constraint within tol.
    message : str
        Account of the run.
    tol : float
        Tolerance relative to the payoff scale.
    distribution_exact, payoffs_exact, value_exact
        Exact rational versions (single game, ``exact=True``, when the vertex was recovered).
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
    status: Status
    message: str
    tol: float
    distribution_exact: tuple[tuple[Fraction, ...], ...] | None = None
    payoffs_exact: tuple[Fraction, Fraction] | None = None
    value_exact: Fraction | None = None

    @property
    def success(self) -> bool:
        """True when the status is ``SUCCESS``."""
        return self.status is Status.SUCCESS

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
        head = (
            f"CorrelatedResult({kind}, {self.sense} {self.objective}, status={self.status!r}"
        )
        if self.batch_shape:
            return f"{head}, batch of shape {self.batch_shape})"
        if self.distribution_exact is not None:
            rows = ["[" + ", ".join(str(v) for v in row) + "]" for row in self.distribution_exact]
            value = str(self.value_exact)
        else:
            rows = ["[" + ", ".join(f"{v:.6g}" for v in row) + "]" for row in self.distribution]
            value = f"{self.value:.6g}"
        pay = ", ".join(f"{v:.6g}" for v in self.payoffs)
        return (
            f"{head}, value={value}, payoffs=[{pay}], unique={self.unique},\n"
            f"  distribution=[{', '.join(rows)}])"
        )


# ---------------------------------------------------------------------------- constraints


def incentive_violation(
    A: np.ndarray, B: np.ndarray, P: np.ndarray, coarse: bool = False
) -> np.ndarray:
    """Largest gain from disobeying ``P`` (batched over ``(..., m, n)``; <= 0 at an equilibrium).

    For a correlated equilibrium the gain of row action ``i`` switching to ``k`` is
    ``sum_j P[i, j] (A[k, j] - A[i, j])`` (and likewise for the column player); for a
    coarse one the deviation is decided before the recommendation.

    >>> A = np.array([[6., 2.], [7., 0.]])               # chicken
    >>> P = np.array([[1/3, 1/3], [1/3, 0.]])
    >>> float(incentive_violation(A, A.T, P))
    0.0
    >>> float(incentive_violation(A, A.T, np.array([[1., 0.], [0., 0.]])))
    1.0
    """
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
    exact: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
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
    fixed = np.abs(sol.reduced_costs) > _TIGHT
    free = np.flatnonzero(~fixed)
    tight = np.flatnonzero(np.abs(sol.ineq_duals) > _TIGHT)
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
    raw: np.ndarray, G: Any, exact: tuple[np.ndarray, np.ndarray, np.ndarray], coarse: bool
) -> tuple[tuple[tuple[Fraction, ...], ...] | None, str]:
    """Solve the constraints tight at the LP vertex exactly; check the result exactly."""
    Ae, Be, _ = exact
    m, n = Ae.shape
    support = [k for k in range(m * n) if raw[k] > _TIGHT]
    slack = G @ raw
    tight = np.flatnonzero(np.abs(slack) <= _TIGHT)
    rows_all = _exact_constraint_rows(Ae, Be, coarse)
    tight = tight[tight < len(rows_all)]  # a 1 x 1 game has a single all-zero placeholder row
    eqs = [[rows_all[t][k] for k in support] for t in tight]
    eqs.append([Fraction(1)] * len(support))
    rhs = [Fraction(0)] * len(tight) + [Fraction(1)]
    sol = solve_exact(eqs, rhs, len(support))
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


def _objective_matrix(
    g: Game, objective: Any, weights: Any, func: str
) -> tuple[np.ndarray, str, np.ndarray | None]:
    """The objective as a (..., m, n) array, its label, and its exact version if any."""
    if isinstance(objective, str):
        objective = check_choice(objective, OBJECTIVES, "objective", func)
        if weights is not None:
            if objective not in ("welfare", "weighted"):
                raise InvalidGameError(
                    f"{func}: weights apply to objective='weighted' only, got objective={objective!r}"
                )
            objective = "weighted"
        if objective == "welfare":
            return g.A + g.B, "welfare", None
        if objective == "row":
            return np.array(g.A), "row", None
        if objective == "col":
            return np.array(g.B), "col", None
        if weights is None:
            raise InvalidGameError(f"{func}: objective='weighted' needs weights=(w1, w2)")
        if isinstance(weights, str) or not hasattr(weights, "__len__") or len(weights) != 2:
            raise InvalidGameError(
                f"{func}: weights must be a pair (w1, w2) of real numbers, got {describe(weights)}"
            )
        w1 = check_real(weights[0], "weights[0]", func)
        w2 = check_real(weights[1], "weights[1]", func)
        return w1 * g.A + w2 * g.B, f"weighted({w1:g}, {w2:g})", None
    if weights is not None:
        raise InvalidGameError(f"{func}: weights apply to objective='weighted' only")
    if isinstance(objective, numbers.Number):
        raise InvalidGameError(
            f"{func}: objective must be one of {', '.join(map(repr, OBJECTIVES))} or an (m, n) "
            f"array, got {describe(objective)}"
        )
    values, exact = as_payoff_array(objective, "objective", func)
    shape = g.A.shape
    if values.shape not in (shape[-2:], shape):
        raise InvalidGameError(
            f"{func}: objective array must have shape {shape[-2:]} (the game's actions)"
            + (f" or {shape}" if g.batch_shape else "")
            + f", got {values.shape}"
        )
    return np.broadcast_to(values, shape).copy(), "custom", exact


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
    C, label, C_exact = _objective_matrix(g, objective, weights, func)
    sense = check_choice(sense, SENSES, "sense", func)
    tol = check_tol(tol, func)
    if not isinstance(exact, bool | np.bool_):
        raise InvalidGameError(f"{func}: exact must be True or False, got {describe(exact)}")
    if not isinstance(check_unique, bool | np.bool_):
        raise InvalidGameError(f"{func}: check_unique must be True or False, got {describe(check_unique)}")
    unique_tol = check_tol(unique_tol, func, "unique_tol")
    gen = as_rng(rng, func)
    batch = g.batch_shape
    m, n = g.shape
    P = np.empty(batch + (m, n))
    widths = np.full(batch, np.nan)
    uniq = np.zeros(batch, dtype=bool)
    notes: list[str] = []
    exact_p = None
    Ae = Be = None
    if exact:
        Ae, Be = g.exact_payoffs()
    for idx in np.ndindex(batch):
        ex = None
        if exact:
            ex = (Ae[idx], Be[idx], None)
        one = _solve_one(
            g.A[idx],
            g.B[idx],
            C[idx],
            coarse=coarse,
            maximize=sense == "max",
            check_unique=bool(check_unique),
            unique_tol=unique_tol,
            rng=gen,
            exact=ex,
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
    value = (P * C).sum(axis=(-2, -1))
    violation = incentive_violation(g.A, g.B, P, coarse)
    atol = kernels.payoff_scale(g.A, g.B) * tol
    certified = bool(np.all(violation <= atol))
    kind = "coarse correlated" if coarse else "correlated"
    head = f"{sense}imised {label} over the {kind} equilibria (HiGHS LP"
    head += ", one per game in a loop)" if batch else ")"
    if not certified:
        notes.append(
            f"largest incentive violation {float(np.max(violation)):.3g} exceeds tol x payoff scale"
        )
    status = Status.SUCCESS if certified else Status.UNCERTIFIED
    message = "; ".join([head] + notes)
    warn_if_uncertified(status, f"{func}: {message}", stacklevel=3)
    payoffs_exact = value_exact = None
    if exact_p is not None:
        Aex, Bex = g.exact_payoffs()
        cells = [(i, j) for i in range(m) for j in range(n)]
        payoffs_exact = (
            sum((exact_p[i][j] * Aex[i, j] for i, j in cells), Fraction(0)),
            sum((exact_p[i][j] * Bex[i, j] for i, j in cells), Fraction(0)),
        )
        value_exact = _exact_value(label, C, C_exact, weights, exact_p, payoffs_exact, cells)
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
        objective=label,
        sense=sense,
        coarse=coarse,
        unique=unique,
        face_width=_scalar_or_array(widths),
        max_violation=_scalar_or_array(np.maximum(violation, 0.0)),
        status=status,
        message=message,
        tol=tol,
        distribution_exact=exact_p,
        payoffs_exact=payoffs_exact,
        value_exact=value_exact,
    )


def _exact_value(
    label: str,
    C: np.ndarray,
    C_exact: np.ndarray | None,
    weights: Any,
    p: tuple[tuple[Fraction, ...], ...],
    pay: tuple[Fraction, Fraction],
    cells: list[tuple[int, int]],
) -> Fraction:
    if label == "welfare":
        return pay[0] + pay[1]
    if label == "row":
        return pay[0]
    if label == "col":
        return pay[1]
    if label.startswith("weighted"):
        w1, w2 = (Fraction(weights[0]), Fraction(weights[1]))
        return w1 * pay[0] + w2 * pay[1]
    src = C_exact if C_exact is not None else C
    return sum((p[i][j] * Fraction(src[i, j]) for i, j in cells), Fraction(0))


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
        Weights ``(w1, w2)`` for ``objective="weighted"`` (given alone, they imply it).
    sense : {"max", "min"}
        Maximise (default) or minimise the objective.
    tol : float
        Largest incentive violation accepted, relative to the payoff scale.
    exact : bool
        Recover the optimal vertex exactly with fractions (small games with rational
        payoffs; see the module notes). The ``*_exact`` fields are filled for a single game;
        in a batch each distribution is the float image of its exact vertex.
    check_unique : bool
        Probe whether the optimiser is unique (two extra LPs per game).
    unique_tol : float
        Total-variation distance above which two optimal distributions count as different.
    rng : numpy.random.Generator, int or None
        Randomness of the uniqueness probe's direction.

    Returns
    -------
    CorrelatedResult

    Raises
    ------
    InvalidGameError
        Bad game, objective (name, shape, NaN), weights, sense or tolerances.
    SolverError
        HiGHS failed on the main LP.
"""


def correlated_equilibrium(
    game: Any,
    objective: Any = "welfare",
    *,
    weights: Any = None,
    sense: str = "max",
    tol: float = DEFAULT_TOL,
    exact: bool = False,
    check_unique: bool = True,
    unique_tol: float = 1e-6,
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
    >>> g = bg.Game([[6, 2], [7, 0]], [[6, 7], [2, 0]],
    ...             row_actions=("C", "D"), col_actions=("C", "D"), name="Chicken")
    >>> ce = bg.correlated_equilibrium(g, exact=True)
    >>> ce
    CorrelatedResult(correlated, max welfare, status=Status.SUCCESS, value=21/2,
      payoffs=[5.25, 5.25], unique=True,
      distribution=[[1/2, 1/4], [1/4, 0]])
    >>> ce.max_violation
    0.0
    """
    return _solve(
        game, objective, weights, sense, tol, exact, check_unique, unique_tol, rng, False,
        "correlated_equilibrium",
    )


def coarse_correlated_equilibrium(
    game: Any,
    objective: Any = "welfare",
    *,
    weights: Any = None,
    sense: str = "max",
    tol: float = DEFAULT_TOL,
    exact: bool = False,
    check_unique: bool = True,
    unique_tol: float = 1e-6,
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
