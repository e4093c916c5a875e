"""Continuous Stackelberg (leader-follower) games on scalar strategies, solved and grid-checked.

A *leader* picks a number ``k`` in an interval and is observed; the *follower* then picks
a number ``e`` in its own interval to maximise ``follower_payoff(k, e)``; the leader
maximises ``leader_payoff(k, e(k))`` with the follower's response substituted (von
Stackelberg 1934). This is the shape of a control regime (the leader's stringency) met by
substitution (the follower's investment), of a price leader, of a first mover in an arms
race.

Algorithm
---------
1. The follower's best response ``e(k)``: the closed form ``follower_response(k)`` when
   given; otherwise the best point of a grid of ``grid`` points over the follower's bounds,
   refined by bounded scalar minimisation (``scipy.optimize.minimize_scalar``,
   ``method="bounded"``) on the two grid cells around it. The grid guards against local
   optima; the refinement gives precision.
2. The leader's optimum: the same grid-then-refine search on ``V(k) = leader_payoff(k, e(k))``.
3. Certification by a grid check on a finer grid (``2 grid - 1`` leader points, the search
   grid's midpoints included; ``4 grid - 3`` follower points): the leader's value must be at
   least the value at every check point, and the follower's response must be at least as
   good as every follower check point, each within ``tol`` times that player's payoff range
   on the check grid. A closed-form ``follower_response`` is checked the same way, so a wrong
   formula is caught. Precision: the bounded minimisation (Brent) locates a smooth optimum
   to about ``1e-8`` relative (its step is ``sqrt(eps)``), and values are as accurate as that
   strategy times the payoff's slope in it.

The status is ``SUCCESS`` when the check passes and no budget ran out; ``UNCERTIFIED`` when
the check found a better point (the message says where; the answer is not replaced),
``MAX_ITER`` when a bounded minimisation hit ``max_iter`` iterations (the answer is still
grid-checked), ``UNCERTIFIED`` also when the wall-clock budget ``max_time`` ran out during the
check, ``FAILED`` (all values NaN) when it ran out during the search. Every status other than
``SUCCESS`` warns (:class:`~bargain.ConvergenceWarning`). The follower's ties are not
broken in anyone's favour: the response found is returned (continuous payoffs rarely tie).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar

from bargain._result import Result, Status, fmt_number, warn_if_uncertified
from bargain._thresholds import DEFAULT_TOL
from bargain._validate import check_budget, check_int, check_real, check_tol, describe
from bargain.errors import InvalidArgumentError

__all__ = ["leader_follower", "LeaderFollowerResult", "LF_GRID", "LF_MAX_ITER", "LF_MAX_TIME", "LF_XATOL"]

_FUNC = "leader_follower"
#: Default number of grid points per strategy interval (the search grid).
LF_GRID = 101
#: Default iteration budget of each bounded scalar minimisation.
LF_MAX_ITER = 500
#: Default wall-clock budget (seconds) of one solve.
LF_MAX_TIME = 30.0
#: Bounded minimisation stops when the bracket is below this fraction of the interval's width.
LF_XATOL = 1e-10


@dataclass(frozen=True, eq=False, repr=False)
class LeaderFollowerResult(Result):
    """The leader's optimal choice, the follower's response, and the grid check that certifies them.

    Attributes
    ----------
    leader_strategy, follower_strategy : float
        ``k`` and the follower's best response ``e(k)``.
    leader_value, follower_value : float
        ``leader_payoff(k, e)`` and ``follower_payoff(k, e)``.
    leader_gap : float
        The best leader value found on the check grid minus ``leader_value`` (<= 0 when the
        answer beats every check point).
    follower_regret : float
        The best follower payoff on its check grid at ``k`` minus ``follower_value``.
    evaluations : int
        Calls of the two payoff functions (and of ``follower_response``).
    method : str
        ``"closed-form response"`` or ``"bounded optimisation"`` (how ``e(k)`` was found).
    tol : float
        Tolerance of the check, relative to each player's payoff range on the check grid.
    status, message, success
        See the module docstring.
    """

    leader_strategy: float
    follower_strategy: float
    leader_value: float
    follower_value: float
    leader_gap: float
    follower_regret: float
    evaluations: int
    method: str
    tol: float

    def __repr__(self) -> str:
        return "\n".join(
            [
                f"LeaderFollowerResult({self.method})",
                f"  leader plays {fmt_number(self.leader_strategy)}, follower responds "
                f"{fmt_number(self.follower_strategy)}",
                f"  values: leader {fmt_number(self.leader_value)}, "
                f"follower {fmt_number(self.follower_value)}",
                f"  grid check: leader gap {self.leader_gap:.3g}, follower regret {self.follower_regret:.3g}",
                "  " + self._status_line(),
            ]
        )


def _bounds(value: Any, name: str) -> tuple[float, float]:
    try:
        lo, hi = value
    except (TypeError, ValueError):
        raise InvalidArgumentError(
            f"{_FUNC}: {name} must be a pair (low, high), got {describe(value)}"
        ) from None
    lo = check_real(lo, f"{name}[0]", _FUNC)
    hi = check_real(hi, f"{name}[1]", _FUNC)
    if not lo < hi:
        raise InvalidArgumentError(f"{_FUNC}: {name} must have low < high, got {describe(value)}")
    return lo, hi


def _callable(value: Any, name: str, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not callable(value):
        raise InvalidArgumentError(f"{_FUNC}: {name} must be callable, got {describe(value)}")
    return value


class _OutOfTime(Exception):
    """The wall-clock budget ran out."""


class _Problem:
    """One solve: the payoffs wrapped with checks, counters and the budgets."""

    def __init__(
        self,
        leader: Callable[[float, float], float],
        follower: Callable[[float, float], float],
        response: Callable[[float], float] | None,
        lb: tuple[float, float],
        fb: tuple[float, float],
        grid: int,
        max_iter: int | None,
        max_time: float | None,
    ) -> None:
        self.leader, self.follower, self.response = leader, follower, response
        self.lb, self.fb, self.grid = lb, fb, grid
        self.max_iter = max_iter if max_iter is not None else 10**9
        self.deadline = None if max_time is None else time.perf_counter() + max_time
        self.evaluations = 0
        self.hit_max_iter = False

    def _value(self, func: Callable[..., Any], name: str, *args: float) -> float:
        self.evaluations += 1
        if self.deadline is not None and self.evaluations % 64 == 0 and time.perf_counter() > self.deadline:
            raise _OutOfTime
        out = func(*args)
        try:
            x = float(out)
        except (TypeError, ValueError):
            raise InvalidArgumentError(
                f"{_FUNC}: {name}{args} must return a real number, got {describe(out)}"
            ) from None
        if not math.isfinite(x):
            raise InvalidArgumentError(f"{_FUNC}: {name}{args} returned {x!r}; payoffs must be finite")
        return x

    def f(self, k: float, e: float) -> float:
        return self._value(self.follower, "follower_payoff", k, e)

    def lead(self, k: float, e: float) -> float:
        return self._value(self.leader, "leader_payoff", k, e)

    def maximise(self, func: Callable[[float], float], bounds: tuple[float, float]) -> tuple[float, float]:
        """Grid of ``self.grid`` points, then bounded refinement around the best one."""
        lo, hi = bounds
        xs = np.linspace(lo, hi, self.grid)
        vals = [func(float(x)) for x in xs]
        j = int(np.argmax(vals))
        best_x, best_v = float(xs[j]), vals[j]
        a, b = float(xs[max(j - 1, 0)]), float(xs[min(j + 1, self.grid - 1)])
        res = minimize_scalar(
            lambda x: -func(float(x)),
            bounds=(a, b),
            method="bounded",
            options={"xatol": LF_XATOL * (hi - lo), "maxiter": self.max_iter},
        )
        if not res.success:
            self.hit_max_iter = True
        x = float(np.clip(res.x, lo, hi))
        v = func(x)
        return (x, v) if v > best_v else (best_x, best_v)

    def best_response(self, k: float) -> float:
        if self.response is None:
            return self.maximise(lambda e: self.f(k, e), self.fb)[0]
        e = self._value(self.response, "follower_response", k)
        lo, hi = self.fb
        slack = 1e-12 * (hi - lo)
        if not lo - slack <= e <= hi + slack:
            raise InvalidArgumentError(
                f"{_FUNC}: follower_response({k!r}) = {e!r} is outside follower_bounds {self.fb}"
            )
        return min(max(e, lo), hi)

    def value(self, k: float) -> float:
        return self.lead(k, self.best_response(k))


def leader_follower(
    leader_payoff: Callable[[float, float], float],
    follower_payoff: Callable[[float, float], float],
    *,
    leader_bounds: tuple[float, float],
    follower_bounds: tuple[float, float],
    follower_response: Callable[[float], float] | None = None,
    grid: int = LF_GRID,
    max_iter: int | None = LF_MAX_ITER,
    max_time: float | None = LF_MAX_TIME,
    tol: float = DEFAULT_TOL,
) -> LeaderFollowerResult:
    """Solve a continuous leader-follower game on scalar strategies (see the module docstring).

    Parameters
    ----------
    leader_payoff, follower_payoff : callable
        ``f(k, e) -> float``: each player's payoff when the leader plays ``k`` and the
        follower ``e`` (called on Python floats; must return finite numbers).
    leader_bounds, follower_bounds : (float, float)
        The intervals ``[low, high]`` of ``k`` and ``e`` (``low < high``).
    follower_response : callable, optional
        ``e(k)``, the follower's best response in closed form; it is grid-checked at the
        answer. Without it the response is found numerically for each ``k``.
    grid : int
        Points of the search grid per interval (>= 3); the check grids are finer.
    max_iter : int or None
        Iterations of each bounded minimisation (``None``: no limit).
    max_time : float or None
        Wall-clock seconds for the whole solve (``None``: no limit).
    tol : float
        Tolerance of the grid check, relative to each player's payoff range on it.

    Returns
    -------
    LeaderFollowerResult

    Examples
    --------
    A quantity leader against a follower in a linear Cournot market (price ``1 - k - e``,
    no costs): the follower answers ``(1 - k)/2``, the leader produces ``1/2``.

    >>> from bargain.solvers.leader_follower import leader_follower
    >>> r = leader_follower(
    ...     lambda k, e: k * (1 - k - e), lambda k, e: e * (1 - k - e),
    ...     leader_bounds=(0, 1), follower_bounds=(0, 1))
    >>> round(r.leader_strategy, 6), round(r.follower_strategy, 6), round(r.leader_value, 6), r.status
    (0.5, 0.25, 0.125, Status.SUCCESS)
    """
    _callable(leader_payoff, "leader_payoff")
    _callable(follower_payoff, "follower_payoff")
    _callable(follower_response, "follower_response", optional=True)
    lb = _bounds(leader_bounds, "leader_bounds")
    fb = _bounds(follower_bounds, "follower_bounds")
    grid = check_int(grid, "grid", _FUNC, low=3)
    max_iter, max_time = check_budget(max_iter, max_time, _FUNC)
    tol = check_tol(tol, _FUNC)
    prob = _Problem(leader_payoff, follower_payoff, follower_response, lb, fb, grid, max_iter, max_time)
    method = "bounded optimisation" if follower_response is None else "closed-form response"

    status, notes = Status.SUCCESS, []
    try:
        k, _ = prob.maximise(prob.value, lb)
    except _OutOfTime:
        return _out_of_time(prob, method, tol)
    e = prob.best_response(k)
    lv, fv = prob.lead(k, e), prob.f(k, e)

    # the grid check, on finer grids than the search
    try:
        check_k = np.linspace(lb[0], lb[1], 2 * grid - 1)
        check_v = np.array([prob.value(float(x)) for x in check_k])
    except _OutOfTime:
        check_k = check_v = None
    if check_v is None:
        status = Status.UNCERTIFIED
        notes.append("the wall-clock budget ran out during the grid check; the answer is not certified")
        leader_gap = follower_regret = math.nan
    else:
        check_e = np.linspace(fb[0], fb[1], 4 * grid - 3)
        check_f = np.array([prob.f(k, float(x)) for x in check_e])
        range_l = max(float(np.ptp(check_v)), abs(lv) * 1e-12, 1e-300)
        range_f = max(float(np.ptp(check_f)), abs(fv) * 1e-12, 1e-300)
        leader_gap = float(check_v.max() - lv)
        follower_regret = float(check_f.max() - fv)
        if leader_gap > tol * range_l:
            status = Status.UNCERTIFIED
            where = float(check_k[int(np.argmax(check_v))])
            notes.append(
                f"the grid check found the leader strategy {where:.6g} worth {leader_gap:.3g} more "
                f"(tol {tol:g} x range {range_l:.3g}); the leader's value may have a narrow peak"
            )
        if follower_regret > tol * range_f:
            status = Status.UNCERTIFIED
            where = float(check_e[int(np.argmax(check_f))])
            notes.append(
                f"the follower's response {e:.6g} is not a best response: {where:.6g} is worth "
                f"{follower_regret:.3g} more"
            )
    if prob.hit_max_iter:
        status = Status.MAX_ITER if status is Status.SUCCESS else status
        notes.append(f"a bounded minimisation hit max_iter={max_iter}")
    message = "; ".join(notes) if notes else (
        f"grid check passed ({2 * grid - 1} leader points, {4 * grid - 3} follower points)"
    )
    warn_if_uncertified(status, f"{_FUNC}: {message}")
    return LeaderFollowerResult(
        leader_strategy=k,
        follower_strategy=e,
        leader_value=lv,
        follower_value=fv,
        leader_gap=leader_gap,
        follower_regret=follower_regret,
        evaluations=prob.evaluations,
        method=method,
        tol=tol,
        status=status,
        message=message,
    )


def _out_of_time(prob: _Problem, method: str, tol: float) -> LeaderFollowerResult:
    """What a solve stopped by ``max_time`` during its search returns: nothing (FAILED)."""
    message = "the wall-clock budget (max_time) ran out during the search; no answer"
    warn_if_uncertified(Status.FAILED, f"{_FUNC}: {message}")
    nan = math.nan
    return LeaderFollowerResult(
        leader_strategy=nan,
        follower_strategy=nan,
        leader_value=nan,
        follower_value=nan,
        leader_gap=nan,
        follower_regret=nan,
        evaluations=prob.evaluations,
        method=method,
        tol=tol,
        status=Status.FAILED,
        message=message,
    )
