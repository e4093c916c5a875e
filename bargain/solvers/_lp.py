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
  (:func:`require_optimal` turns anything but an optimum into :class:`SolverError`),
* refuses non-finite input with a status instead of letting scipy raise ("Invalid input for
  linprog"): callers build their LPs from payoffs normalised to [0, 1] per player, so this
  only guards against a caller's bug.

Exact vertex recovery uses the one exact linear solver, :func:`bargain.core.exact.solve_linear`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._thresholds import LP_FEASIBILITY_TOL, LP_RETRY_FEASIBILITY_TOL
from bargain.errors import SolverError

__all__ = ["LPStatus", "LPSolution", "solve_lp", "require_optimal", "HIGHS_OPTIONS"]

#: HiGHS options used for every LP (feasibility tolerances well below the certification tol).
HIGHS_OPTIONS: dict[str, Any] = {
    "primal_feasibility_tolerance": LP_FEASIBILITY_TOL,
    "dual_feasibility_tolerance": LP_FEASIBILITY_TOL,
}


#: Second attempt after a numerical failure: HiGHS' default tolerances, dual simplex, no presolve.
#: Callers certify the answer themselves, so a looser LP tolerance cannot pass a bad answer.
_RETRY_OPTIONS: dict[str, Any] = {
    "primal_feasibility_tolerance": LP_RETRY_FEASIBILITY_TOL,
    "dual_feasibility_tolerance": LP_RETRY_FEASIBILITY_TOL,
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
    >>> solve_lp([np.inf, 1.0], A_eq=[[1.0, 1.0]], b_eq=[1.0]).status
    LPStatus.NUMERICAL
    """
    from scipy.optimize import linprog

    cost = np.asarray(c, dtype=np.float64)
    bad = _non_finite(cost=cost, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq)
    if bad:
        return LPSolution(LPStatus.NUMERICAL, None, None, f"non-finite LP input ({bad}); not solved")
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


def _non_finite(**parts: Any) -> str:
    """Names of the LP inputs holding NaN or infinities ("" when all are finite)."""
    bad = []
    for name, value in parts.items():
        if value is None:
            continue
        data = value.data if hasattr(value, "tocoo") else np.asarray(value, dtype=np.float64)
        if not np.isfinite(data).all():
            bad.append(name)
    return ", ".join(bad)


def require_optimal(sol: LPSolution, func: str, what: str) -> LPSolution:
    """Return ``sol`` if it is optimal, else raise :class:`SolverError` naming ``func`` and ``what``."""
    if sol.status is not LPStatus.OPTIMAL:
        raise SolverError(
            f"{func}: the linear program for {what} ended with status {sol.status.name} "
            f"({sol.message})"
        )
    return sol
