"""Checked linear programming for the solvers (private; shared by any LP-based solver).

Every LP in bargain goes through :func:`solve_lp`, a thin wrapper around
``scipy.optimize.linprog(method="highs")`` that

* imports scipy lazily (``import bargain`` must stay fast),
* tightens HiGHS' feasibility tolerances (the solvers certify their answers to
  ``1e-9`` times the payoff scale, tighter than HiGHS' default ``1e-7``), and after a
  numerical failure retries once with HiGHS' defaults and no presolve,
* maximises or minimises, and
* always returns the solver's status as an :class:`LPStatus` instead of a bare integer, so
  that callers decide explicitly what an infeasible or failed LP means for them
  (:func:`require_optimal` turns anything but an optimum into :class:`SolverError`).

:func:`solve_exact` solves a small linear system exactly over the rationals; solvers use it
to recover an LP vertex exactly from its tight constraints.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain.errors import SolverError

__all__ = ["LPStatus", "LPSolution", "solve_lp", "require_optimal", "solve_exact", "HIGHS_OPTIONS"]

#: HiGHS options used for every LP (feasibility tolerances well below the certification tol).
HIGHS_OPTIONS: dict[str, Any] = {
    "primal_feasibility_tolerance": 1e-10,
    "dual_feasibility_tolerance": 1e-10,
}


#: Second attempt after a numerical failure: HiGHS' default tolerances, dual simplex, no presolve.
#: Callers certify the answer themselves, so a looser LP tolerance cannot pass a bad answer.
_RETRY_OPTIONS: dict[str, Any] = {
    "primal_feasibility_tolerance": 1e-7,
    "dual_feasibility_tolerance": 1e-7,
    "presolve": False,
}


class LPStatus(enum.Enum):
    """Outcome of one LP, after ``scipy.optimize.linprog``'s status codes 0-4."""

    OPTIMAL = 0
    ITERATION_LIMIT = 1
    INFEASIBLE = 2
    UNBOUNDED = 3
    NUMERICAL = 4

    def __repr__(self) -> str:
        return f"LPStatus.{self.name}"


@dataclass(frozen=True, eq=False)
class LPSolution:
    """Result of :func:`solve_lp`: ``x`` and ``value`` are ``None`` unless ``status`` is OPTIMAL.

    ``value`` is the objective in the caller's sense (the maximum when maximising).
    ``ineq_duals`` (one per row of ``A_ub``) and ``reduced_costs`` (one per variable, for
    its lower bound) are HiGHS' marginals of the minimisation it solved; only their
    supports (which are nonzero) are sign-independent, and that is what callers use
    (complementary slackness: every optimal ``x`` has ``x[k] == 0`` where
    ``reduced_costs[k] != 0`` and a tight row where ``ineq_duals[t] != 0``).
    """

    status: LPStatus
    x: np.ndarray | None
    value: float | None
    message: str
    iterations: int = 0
    ineq_duals: np.ndarray | None = None
    reduced_costs: np.ndarray | None = None

    @property
    def optimal(self) -> bool:
        """True when HiGHS proved optimality."""
        return self.status is LPStatus.OPTIMAL


def solve_lp(
    c: Any,
    *,
    A_ub: Any = None,
    b_ub: Any = None,
    A_eq: Any = None,
    b_eq: Any = None,
    bounds: Any = (0, None),
    maximize: bool = False,
    options: dict[str, Any] | None = None,
) -> LPSolution:
    """Solve ``min (or max) c.x`` s.t. ``A_ub x <= b_ub``, ``A_eq x == b_eq``, ``bounds`` with HiGHS.

    ``A_ub`` / ``A_eq`` may be dense arrays or scipy sparse matrices. The status is returned,
    never raised: an infeasible LP is a normal answer for some callers.

    >>> sol = solve_lp([1.0, 2.0], A_eq=[[1.0, 1.0]], b_eq=[1.0], maximize=True)
    >>> sol.status, sol.x.tolist(), sol.value
    (LPStatus.OPTIMAL, [0.0, 1.0], 2.0)
    """
    from scipy.optimize import linprog

    cost = np.asarray(c, dtype=np.float64)
    opts = dict(HIGHS_OPTIONS)
    if options:
        opts.update(options)
    attempts = (opts, {**opts, **_RETRY_OPTIONS})
    for attempt in attempts:
        res = linprog(
            -cost if maximize else cost,
            A_ub=A_ub,
            b_ub=b_ub,
            A_eq=A_eq,
            b_eq=b_eq,
            bounds=bounds,
            method="highs",
            options=attempt,
        )
        try:
            status = LPStatus(int(res.status))
        except ValueError:  # an unknown code: treat as a numerical failure
            status = LPStatus.NUMERICAL
        if status is not LPStatus.NUMERICAL:
            break
    iterations = int(getattr(res, "nit", 0) or 0)
    if status is not LPStatus.OPTIMAL or res.x is None:
        if status is LPStatus.OPTIMAL:
            status = LPStatus.NUMERICAL
        return LPSolution(status, None, None, str(res.message), iterations)
    x = np.asarray(res.x, dtype=np.float64)
    value = float(cost @ x)
    ineq = getattr(getattr(res, "ineqlin", None), "marginals", None)
    lower = getattr(getattr(res, "lower", None), "marginals", None)
    return LPSolution(
        status,
        x,
        value,
        str(res.message),
        iterations,
        None if ineq is None else np.asarray(ineq, dtype=np.float64),
        None if lower is None else np.asarray(lower, dtype=np.float64),
    )


def require_optimal(sol: LPSolution, func: str, what: str) -> LPSolution:
    """Return ``sol`` if it is optimal, else raise :class:`SolverError` naming ``func`` and ``what``."""
    if sol.status is not LPStatus.OPTIMAL:
        raise SolverError(
            f"{func}: the linear program for {what} ended with status {sol.status.name} "
            f"({sol.message})"
        )
    return sol


def solve_exact(
    rows: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction], n: int
) -> tuple[Fraction, ...] | None:
    """The unique solution of ``rows @ x == rhs`` over the rationals, or ``None``.

    ``rows`` may have more equations than unknowns (consistent over-determined systems are
    fine). Returns ``None`` when the system is inconsistent or its solution is not unique.
    Gauss-Jordan elimination with Fractions: cubic in ``n``; meant for small systems.

    >>> F = Fraction
    >>> solve_exact([[F(1), F(1)], [F(1), F(-1)], [F(2), F(0)]], [F(1), F(0), F(1)], 2)
    (Fraction(1, 2), Fraction(1, 2))
    >>> solve_exact([[F(1), F(1)]], [F(1)], 2) is None
    True
    """
    mat = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(rows, rhs)]
    pivot_row = 0
    pivots: list[int] = []
    for col in range(n):
        found = next((r for r in range(pivot_row, len(mat)) if mat[r][col] != 0), None)
        if found is None:
            return None  # a free variable: the solution is not unique
        mat[pivot_row], mat[found] = mat[found], mat[pivot_row]
        piv = mat[pivot_row][col]
        prow = [v / piv for v in mat[pivot_row]]
        mat[pivot_row] = prow
        for r in range(len(mat)):
            if r != pivot_row and mat[r][col] != 0:
                factor = mat[r][col]
                mat[r] = [a - factor * b for a, b in zip(mat[r], prow)]
        pivots.append(col)
        pivot_row += 1
    # remaining equations must read 0 == 0
    if any(row[n] != 0 for row in mat[pivot_row:]):
        return None
    return tuple(mat[i][n] for i in range(n))
