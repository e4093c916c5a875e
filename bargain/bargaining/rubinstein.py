r"""Alternating-offers bargaining over a pie (Rubinstein 1982): the public entry points.

:func:`rubinstein` takes per-period discount factors; :func:`rubinstein_rates` takes
continuous-time discount rates and a period length (or the limit of short periods). Both
return a :class:`RubinsteinResult`. The protocol, the closed forms and the domain are
documented in :mod:`bargain.bargaining.alternating`, which holds the solvers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, warn, warn_if_uncertified
from bargain._result import fmt_number as _fmt
from bargain._thresholds import RUBINSTEIN_MAX_HORIZON, RUBINSTEIN_MAX_PERIODS, RUBINSTEIN_PIE_RTOL
from bargain._validate import check_bool, check_int, describe
from bargain.bargaining.alternating import (
    Model,
    as_first,
    as_pair,
    as_param,
    check_range,
    first_index,
    solve_finite,
    solve_infinite,
)
from bargain.core.frozen import readonly as _readonly
from bargain.errors import InvalidArgumentError

__all__ = ["rubinstein", "rubinstein_rates", "RubinsteinResult"]


@dataclass(frozen=True, eq=False, repr=False)
class RubinsteinResult(Result):
    """Subgame-perfect equilibrium of alternating-offers bargaining (see :func:`rubinstein`).

    Every array has the broadcast shape of the parameters (``batch_shape``), with a last
    axis of length 2 (player 0, player 1) where noted.

    Attributes
    ----------
    shares : ndarray, shape batch + (2,)
        Equilibrium payoffs of players 0 and 1 in the pie's units, valued at period 0.
        With agreement (in period 0) they are the agreed split and sum to ``pie``;
        without agreement they are the outside options taken (or, in a finite game,
        the expected payoffs of disagreement).
    proposer_share : ndarray, shape batch
        Payoff of the first proposer, ``shares[..., first]``.
    demands : ndarray, shape batch + (2,)
        What player ``i`` keeps for herself when she proposes: in the infinite game the
        stationary demands (Rubinstein's ``x*`` and ``y*``); in a finite game the demand
        in the first period she proposes (period 0 or 1), in that period's units. NaN
        where she never makes an accepted offer.
    agreement : ndarray of bool, shape batch
        Whether the players agree (rather than opt out or break down for sure).
    agreement_period : ndarray of int, shape batch
        Period of agreement on the equilibrium path (0 whenever agreement is possible);
        -1 when there is no agreement.
    binding : ndarray of bool, shape batch + (2,)
        Whether player ``i``'s outside option binds: it is worth more than continuing at
        a period where she responds, so it shapes the equilibrium (all False without
        options; True for both players where there is no agreement).
    delta1, delta2 : ndarray
        Per-period discount factors of players 0 and 1 (from the rates with
        :func:`rubinstein_rates`; 1 in the limit of short periods). This and the other
        echoed parameters below are broadcast to the batch shape (read-only views).
    first : ndarray of int
        Who proposes in period 0.
    pie, breakdown : ndarray
        Size of the pie; breakdown probability per rejected offer.
    disagreement : ndarray, shape batch + (2,)
        Breakdown payoffs ``b``.
    outside_options : ndarray, shape batch + (2,), or None
    horizon : int or None
    rates, period, breakdown_rate : ndarray or None
        The continuous-time parameters (:func:`rubinstein_rates`); ``period`` is 0 for the
        limit of short periods.
    exact : bool
        Whether the computation ran in exact rational arithmetic.
    shares_exact : ndarray of Fraction (object), shape batch + (2,), or None
        The exact shares when ``exact=True``.
    status, success, message
        ``SUCCESS`` (closed forms); ``MAX_ITER`` only when a finite game with options
        summing to more than the pie needs more backward-induction periods than the budget
        (the shares are then NaN).
    """

    shares: np.ndarray
    proposer_share: np.ndarray
    demands: np.ndarray
    agreement: np.ndarray
    agreement_period: np.ndarray
    binding: np.ndarray
    delta1: np.ndarray
    delta2: np.ndarray
    first: np.ndarray
    pie: np.ndarray
    breakdown: np.ndarray
    disagreement: np.ndarray
    outside_options: np.ndarray | None = None
    horizon: int | None = None
    rates: np.ndarray | None = None
    period: np.ndarray | None = None
    breakdown_rate: np.ndarray | None = None
    exact: bool = False
    shares_exact: np.ndarray | None = None

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Broadcast shape of the parameters (``()`` for scalars)."""
        return self.agreement.shape

    def _player(self, i: int) -> str:
        return self.labels.player(i) if self.labels is not None else f"player {i}"

    def __repr__(self) -> str:
        text = self._repr_scalar() if self.batch_shape == () else self._repr_batch()
        if not self.success:
            text += f"\n  {self._status_line()}"
        return text

    def _repr_scalar(self) -> str:
        src = self.shares_exact if self.shares_exact is not None else self.shares
        shares = f"({_fmt(src[0])}, {_fmt(src[1])})"
        if bool(self.agreement):
            outcome = f"agreement in period {int(self.agreement_period)}"
        else:
            outcome = "no agreement"
        parts = [f"shares={shares}", outcome, f"first={int(self.first)}"]
        if self.rates is not None:
            parts.append(f"rates=({_fmt(self.rates[0])}, {_fmt(self.rates[1])})")
            parts.append("period -> 0" if float(self.period) == 0 else f"period={_fmt(self.period)}")
            if self.breakdown_rate is not None and float(self.breakdown_rate) != 0.0:
                parts.append(f"breakdown_rate={_fmt(self.breakdown_rate)}")
        else:
            parts.append(f"delta=({_fmt(self.delta1)}, {_fmt(self.delta2)})")
            if float(self.breakdown) != 0.0:
                parts.append(f"breakdown={_fmt(self.breakdown)}")
        parts.append(f"pie={_fmt(self.pie)}")
        if float(self.disagreement[0]) != 0.0 or float(self.disagreement[1]) != 0.0:
            parts.append(f"disagreement=({_fmt(self.disagreement[0])}, {_fmt(self.disagreement[1])})")
        if self.outside_options is not None:
            w = self.outside_options
            bind = [i for i in (0, 1) if self.binding[i]]
            note = f" binding for player {' and '.join(map(str, bind))}" if bind else " not binding"
            parts.append(f"outside_options=({_fmt(w[0])}, {_fmt(w[1])}){note}")
        if self.horizon is not None:
            parts.append(f"horizon={self.horizon}")
        if self.exact:
            parts.append("exact")
        return "RubinsteinResult(" + ", ".join(parts) + ")"

    def _repr_batch(self) -> str:
        n = self.agreement.size
        agreed = int(self.agreement.sum())
        lines = [f"RubinsteinResult(batch of shape {self.batch_shape}, horizon={self.horizon})"]
        for i in (0, 1):
            vals = self.shares[..., i]
            lines.append(f"  {self._player(i)} share: min {np.nanmin(vals):.6g}, max {np.nanmax(vals):.6g}"
                         if np.isfinite(vals).any() else f"  {self._player(i)} share: not computed")
        if agreed:
            periods = self.agreement_period[self.agreement]
            lines.append(
                f"  agreement in {agreed} of {n} cases (periods {int(periods.min())} to "
                f"{int(periods.max())})"
            )
        else:
            lines.append(f"  agreement in 0 of {n} cases")
        if self.outside_options is not None:
            lines.append(
                f"  outside option binds for player 0 in {int(self.binding[..., 0].sum())} "
                f"and for player 1 in {int(self.binding[..., 1].sum())} cases"
            )
        return "\n".join(lines)


# ----------------------------------------------------------------------------- deprecated spelling

_RATES_KEYWORDS = ("rates", "period", "breakdown_rate")


def _accepts_rates_keywords(fn: Callable[..., RubinsteinResult]) -> Callable[..., RubinsteinResult]:
    """``rubinstein(rates=(r0, r1), period=..., breakdown_rate=...)`` (before 0.2.0) still works,
    with a DeprecationWarning, through :func:`rubinstein_rates`."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> RubinsteinResult:
        old = [k for k in _RATES_KEYWORDS if k in kwargs]
        if not old:
            return fn(*args, **kwargs)
        if "rates" not in kwargs:
            raise InvalidArgumentError(
                f"rubinstein: {', '.join(old)} belong to the continuous-time form; call "
                "rubinstein_rates(r1, r2, period=..., breakdown_rate=...)"
            )
        if args or "delta1" in kwargs or "delta2" in kwargs:
            raise InvalidArgumentError(
                "rubinstein: give either the discount factors delta1, delta2 or rates, not both "
                "(rates belong to rubinstein_rates)"
            )
        warn(
            "rubinstein(rates=..., period=..., breakdown_rate=...) is deprecated since 0.2.0; "
            "call rubinstein_rates(r1, r2, period=..., breakdown_rate=...) (omit period for the "
            "limit of short periods)",
            DeprecationWarning,
        )
        rates = kwargs.pop("rates")
        if isinstance(rates, np.ndarray):
            ok = rates.ndim >= 1 and rates.shape[0] == 2
        else:
            ok = isinstance(rates, list | tuple) and len(rates) == 2
        if not ok:
            raise InvalidArgumentError(
                f"rubinstein: rates must be a pair (r0, r1) of numbers or arrays, got {describe(rates)}"
            )
        if "period" not in kwargs:
            raise InvalidArgumentError(
                "rubinstein: rates needs period (the period length); with rubinstein_rates, omit "
                "period for the limit of short periods"
            )
        breakdown = kwargs.pop("breakdown", 0.0)
        if not (np.ndim(breakdown) == 0 and not isinstance(breakdown, str) and breakdown == 0):
            raise InvalidArgumentError(
                "rubinstein: with rates, give the breakdown risk as breakdown_rate (per unit of "
                f"time), not breakdown={describe(breakdown)}"
            )
        return _rates_impl(rates[0], rates[1], func="rubinstein", **kwargs)

    return wrapper


# ----------------------------------------------------------------------------- public


@_accepts_rates_keywords
def rubinstein(
    delta1: Any,
    delta2: Any,
    *,
    first: Any = 0,
    pie: Any = 1.0,
    outside_options: Any = None,
    breakdown: Any = 0.0,
    disagreement: Any = (0, 0),
    horizon: int | None = None,
    exact: bool = False,
) -> RubinsteinResult:
    r"""Subgame-perfect equilibrium of alternating-offers bargaining over a pie, vectorized.

    Implements Rubinstein (1982, Econometrica 50) with the extensions of Osborne and
    Rubinstein (1990, *Bargaining and Markets*, chapters 3–5): outside options for the
    responder (Binmore, Shaked and Sutton 1989, QJE 104), exogenous breakdown risk
    (Binmore, Rubinstein and Wolinsky 1986, RAND J. Econ. 17) and a finite horizon. The
    continuous-time form (discount rates, period length, the limit of short periods) is
    :func:`rubinstein_rates`. The protocol, the derivation of the closed forms and the
    domain are in :mod:`bargain.bargaining.alternating`. Every numeric parameter may be an
    array; all broadcast together, and the whole grid is solved without a Python loop
    (a finite horizon too: its backward induction has a closed form).

    Parameters
    ----------
    delta1, delta2 : float or array_like
        Per-period discount factors of player 0 and player 1, in (0, 1]. Both equal to 1
        needs ``breakdown > 0`` or a finite ``horizon`` (otherwise every split is an
        equilibrium).
    first : {0, 1} or array_like of them
        The player who proposes in period 0.
    pie : float or array_like, default 1.0
        Size of the pie, > 0.
    outside_options : pair (w0, w1), optional
        Payoffs when the responder opts out after rejecting an offer (both players then
        get their option). Each entry a scalar or an array, >= 0; a numpy array is read
        along its first axis. If ``w0 + w1 > pie`` there is no agreement (``agreement``
        False, payoffs ``(w0, w1)``).
    breakdown : float or array_like, default 0.0
        Probability ``p`` in [0, 1] that negotiations break down after a rejected offer;
        the players then get ``disagreement``.
    disagreement : pair (b0, b1), default (0, 0)
        Breakdown payoffs, also what a rejection in the last period of a finite game
        gives; ``b_i >= 0`` and ``b0 + b1 <= pie``.
    horizon : int, optional
        Number of periods ``1 <= T <= 2**53`` (finite game). ``None``: infinite.
    exact : bool, default False
        Compute in exact rational arithmetic (:class:`~fractions.Fraction`). A float is
        read as the decimal it prints as (``0.9`` is ``9/10``) and strings such as
        ``"9/10"`` or ``"0.9"`` are accepted. A long finite horizon whose exact shares
        would be astronomically large fractions is refused (use floats).

    Returns
    -------
    RubinsteinResult
        ``shares`` (batch + (2,)), ``proposer_share``, ``demands``, ``agreement``,
        ``agreement_period``, ``binding``, the parameters, ``status``.

    Raises
    ------
    InvalidArgumentError
        For a parameter out of its range, NaN, infinite, empty or of the wrong type, both
        discount factors 1 without breakdown risk in the infinite game, ``b0 + b1 > pie``,
        or an exact finite-horizon answer over the size budget.

    Examples
    --------
    Equal patience: the first proposer gets ``1 / (1 + delta)``.

    >>> res = bg.rubinstein(0.9, 0.9)
    >>> res.shares
    array([0.52631579, 0.47368421])
    >>> res
    RubinsteinResult(shares=(0.526316, 0.473684), agreement in period 0, first=0, delta=(0.9, 0.9), pie=1)

    Exact shares, ``(1 - delta2) / (1 - delta1 delta2)``; decimals mean what they say:

    >>> bg.rubinstein(0.9, 0.8, exact=True).shares_exact.tolist()
    [Fraction(5, 7), Fraction(2, 7)]

    A grid of discount factors in one call:

    >>> d = np.linspace(0.5, 0.9, 3)
    >>> bg.rubinstein(d[:, None], d[None, :]).shares[..., 0].round(3)
    array([[0.667, 0.462, 0.182],
           [0.769, 0.588, 0.27 ],
           [0.909, 0.811, 0.526]])

    A binding outside option: the responder is offered exactly her option.

    >>> bg.rubinstein(0.9, 0.9, outside_options=(0.0, 0.6)).shares
    array([0.4, 0.6])

    Breakdown risk without discounting: near the Nash split of the surplus over ``b``.

    >>> bg.rubinstein(1, 1, breakdown=0.01, disagreement=(0.2, 0.0)).shares.round(4)
    array([0.6020, 0.3980])

    Finite horizon: in a one-period game the proposer takes everything; a long horizon is
    a closed form, not a loop.

    >>> bg.rubinstein(0.9, 0.9, horizon=1).shares
    array([1., 0.])
    >>> bg.rubinstein(0.9, 0.9, horizon=10**8).shares.round(6)
    array([0.526316, 0.473684])
    """
    func = "rubinstein"
    exact = check_bool(exact, "exact", func)
    d1v = as_param(delta1, "delta1", func, exact)
    d2v = as_param(delta2, "delta2", func, exact)
    check_range(d1v, "delta1", func, low=0.0, high=1.0, low_open=True)
    check_range(d2v, "delta2", func, low=0.0, high=1.0, low_open=True)
    pv = as_param(breakdown, "breakdown", func, exact)
    check_range(pv, "breakdown", func, low=0.0, high=1.0)
    a0 = 1 - (1 - pv) * d1v
    a1 = 1 - (1 - pv) * d2v
    step = np.array(Fraction(1), dtype=object) if exact else np.ones(())
    return _solve(
        func, a0=a0, a1=a1, q=pv, step=step, delta_echo=(d1v, d2v), p_echo=pv, rates_echo=None,
        lam=None, first=first, pie=pie, outside_options=outside_options,
        disagreement=disagreement, horizon=horizon, exact=exact,
    )


def rubinstein_rates(
    r1: Any,
    r2: Any,
    *,
    period: Any = None,
    breakdown_rate: Any = 0.0,
    first: Any = 0,
    pie: Any = 1.0,
    outside_options: Any = None,
    disagreement: Any = (0, 0),
    horizon: int | None = None,
    exact: bool = False,
) -> RubinsteinResult:
    r"""Alternating offers in continuous time: discount rates, period length, breakdown rate.

    Player ``i`` discounts at rate ``r_i`` per unit of time and offers alternate every
    ``period`` units: ``delta_i = exp(-r_i * period)``, and a rejected offer ends the talks
    with probability ``1 - exp(-breakdown_rate * period)``. Omitting ``period`` gives the
    limit of short periods (Binmore, Rubinstein and Wolinsky 1986, RAND J. Econ. 17): the
    first proposer's advantage vanishes and the split is the asymmetric Nash solution with
    weights ``1 / (r_i + lambda)`` and disagreement point ``lambda b_i / (r_i + lambda)``.
    Everything else is as in :func:`rubinstein`.

    Parameters
    ----------
    r1, r2 : float or array_like
        Discount rates of player 0 and player 1, >= 0.
    period : float or array_like, optional
        Period length ``> 0``. Omitted: the limit of short periods.
    breakdown_rate : float or array_like, default 0.0
        Breakdown rate ``lambda >= 0`` per unit of time.
    first, pie, outside_options, disagreement, horizon
        As in :func:`rubinstein`; a finite ``horizon`` needs a ``period`` (in the limit a
        fixed number of periods takes no time).
    exact : bool, default False
        Exact rational arithmetic; only in the limit of short periods (``exp(-r period)``
        is irrational).

    Examples
    --------
    >>> bg.rubinstein_rates(0.1, 0.3).shares           # the limit: r2 / (r1 + r2)
    array([0.75, 0.25])
    >>> bg.rubinstein_rates(0.1, 0.3, period=1.0).shares.round(4)
    array([0.7862, 0.2138])
    """
    return _rates_impl(
        r1, r2, func="rubinstein_rates", period=period, breakdown_rate=breakdown_rate, first=first,
        pie=pie, outside_options=outside_options, disagreement=disagreement, horizon=horizon,
        exact=exact,
    )


def _rates_impl(
    r1: Any,
    r2: Any,
    *,
    func: str,
    period: Any = None,
    breakdown_rate: Any = 0.0,
    first: Any = 0,
    pie: Any = 1.0,
    outside_options: Any = None,
    disagreement: Any = (0, 0),
    horizon: int | None = None,
    exact: bool = False,
) -> RubinsteinResult:
    exact = check_bool(exact, "exact", func)
    r0v = as_param(r1, "rates[0]" if func == "rubinstein" else "r1", func, exact)
    r1v = as_param(r2, "rates[1]" if func == "rubinstein" else "r2", func, exact)
    check_range(r0v, "rates[0]" if func == "rubinstein" else "r1", func, low=0.0)
    check_range(r1v, "rates[1]" if func == "rubinstein" else "r2", func, low=0.0)
    lam = as_param(0.0 if breakdown_rate is None else breakdown_rate, "breakdown_rate", func, exact)
    check_range(lam, "breakdown_rate", func, low=0.0)
    if period is None:
        if horizon is not None:
            raise InvalidArgumentError(
                f"{func}: a finite horizon needs a period length (period > 0); in the limit of "
                "short periods a fixed number of offers takes no time"
            )
        step = np.array(Fraction(0), dtype=object) if exact else np.zeros(())
        a0, a1, q = r0v + lam, r1v + lam, lam
        one = np.array(Fraction(1), dtype=object) if exact else np.ones(())
        d1v = d2v = one
    else:
        step = as_param(period, "period", func, exact)
        check_range(step, "period", func, low=0.0, low_open=True)
        if exact:
            raise InvalidArgumentError(
                f"{func}: exact=True needs the limit of short periods (omit period): "
                "exp(-r * period) is irrational"
            )

        def scaled(rate: np.ndarray) -> np.ndarray:
            return -np.expm1(-rate * step) / step

        a0, a1, q = scaled(r0v + lam), scaled(r1v + lam), scaled(lam)
        d1v, d2v = np.exp(-r0v * step), np.exp(-r1v * step)
    return _solve(
        func, a0=a0, a1=a1, q=q, step=step, delta_echo=(d1v, d2v), p_echo=q * step,
        rates_echo=(r0v, r1v), lam=lam, first=first, pie=pie, outside_options=outside_options,
        disagreement=disagreement, horizon=horizon, exact=exact,
    )


def _solve(
    func: str,
    *,
    a0: Any,
    a1: Any,
    q: Any,
    step: Any,
    delta_echo: tuple[Any, Any],
    p_echo: Any,
    rates_echo: tuple[Any, Any] | None,
    lam: Any,
    first: Any,
    pie: Any,
    outside_options: Any,
    disagreement: Any,
    horizon: Any,
    exact: bool,
) -> RubinsteinResult:
    """Validate the common parameters, solve, and assemble the result."""
    if horizon is not None:
        horizon = check_int(horizon, "horizon", func, low=1, high=RUBINSTEIN_MAX_HORIZON)
    tol: Any = Fraction(0) if exact else RUBINSTEIN_PIE_RTOL
    pie_v = as_param(pie, "pie", func, exact)
    check_range(pie_v, "pie", func, low=0.0, low_open=True)
    b0, b1 = as_pair(disagreement, "disagreement", func, exact)
    check_range(b0, "disagreement[0]", func, low=0.0)
    check_range(b1, "disagreement[1]", func, low=0.0)
    over = b0 + b1 > pie_v * (1 + tol)
    if np.any(over):
        raise InvalidArgumentError(
            f"{func}: disagreement payoffs sum to more than the pie{first_index(np.asarray(over))}: "
            "there is no gain from agreement"
        )
    if outside_options is None:
        w0 = w1 = None
    else:
        w0, w1 = as_pair(outside_options, "outside_options", func, exact)
        check_range(w0, "outside_options[0]", func, low=0.0)
        check_range(w1, "outside_options[1]", func, low=0.0)
    first_v = as_first(first, func)
    try:
        shape = np.broadcast_shapes(
            *map(np.shape, (a0, a1, q, step, pie_v, b0, b1, first_v)),
            *(() if w0 is None else (np.shape(w0), np.shape(w1))),
        )
    except ValueError:
        raise InvalidArgumentError(f"{func}: the parameter arrays do not broadcast together") from None

    if horizon is None:
        den = a0 + a1 - step * a0 * a1
        stuck = np.asarray(den <= 0)
        if stuck.any():
            raise InvalidArgumentError(
                f"{func}: no discounting and no breakdown risk with an infinite horizon"
                f"{first_index(stuck)}: without discounting every split is a subgame-perfect "
                "outcome (a continuum of equilibria); use delta < 1 (a positive rate), "
                "breakdown > 0 or a finite horizon"
            )

    model = Model(pie_v, a0, a1, q, step, b0, b1, w0, w1, first_v, shape, func)
    out = solve_infinite(model, tol) if horizon is None else solve_finite(model, horizon, tol)
    status, message = Status.SUCCESS, "closed form"
    if not out["complete"]:
        status = Status.MAX_ITER
        message = (
            f"backward induction stopped after {RUBINSTEIN_MAX_PERIODS} periods without the "
            "state settling (options summing to more than the pie); the shares are NaN"
        )
        warn_if_uncertified(status, f"{func}: {message}")
    elif horizon is not None and (w0 is None or np.all(np.asarray(w0 + w1 <= pie_v * (1 + tol)))):
        message = "closed form of the backward induction"
    elif horizon is not None:
        message = "backward induction (stops when the state repeats)"

    def fill(dtype: Any, value: Any) -> np.ndarray:
        """A new read-only array of the batch shape holding ``value`` (broadcast)."""
        if np.ndim(value) == 0 and dtype is not object:
            return _readonly(np.full(shape, value, dtype=dtype))
        arr = np.empty(shape, dtype=dtype)
        arr[...] = value
        return _readonly(arr)

    def fill_pair(dtype: Any, x0: Any, x1: Any) -> np.ndarray:
        """A new read-only array of shape batch + (2,); stored player-major, so each
        player's slice ``[..., i]`` is contiguous."""
        buf = np.empty((2, *shape), dtype=dtype)
        buf[0] = x0
        buf[1] = x1
        return np.moveaxis(_readonly(buf), 0, -1)

    def as_float(x: Any) -> Any:
        arr = np.asarray(x)
        return arr.astype(np.float64) if arr.dtype == object else arr

    if exact and out["complete"]:
        shares_exact = fill_pair(object, out["share0"], out["share1"])
        shares = fill_pair(np.float64, shares_exact[..., 0].astype(np.float64),
                           shares_exact[..., 1].astype(np.float64))
        demands = fill_pair(np.float64, as_float(out["demand0"]), as_float(out["demand1"]))
    else:
        shares_exact = None
        shares = fill_pair(np.float64, as_float(out["share0"]), as_float(out["share1"]))
        demands = fill_pair(np.float64, as_float(out["demand0"]), as_float(out["demand1"]))
    if first_v.ndim == 0:
        proposer = shares[..., int(first_v)]  # a read-only view
    else:
        proposer = _readonly(np.where(first_v == 0, shares[..., 0], shares[..., 1]))

    def echo(x: Any) -> np.ndarray:
        return np.broadcast_to(np.array(as_float(x), dtype=np.float64), shape)  # a read-only view

    def echo_pair(x0: Any, x1: Any) -> np.ndarray:
        small = np.stack(np.broadcast_arrays(*(np.asarray(as_float(x), dtype=np.float64) for x in (x0, x1))))
        small = small.reshape(2, *(1,) * (len(shape) - small.ndim + 1), *small.shape[1:])
        return np.moveaxis(np.broadcast_to(small, (2, *shape)), 0, -1)  # a read-only view

    return RubinsteinResult(
        shares=shares,
        proposer_share=proposer,
        demands=demands,
        agreement=fill(bool, out["agree"]),
        agreement_period=fill(np.int64, out["period"]),
        binding=fill_pair(bool, out["bind0"], out["bind1"]),
        delta1=echo(delta_echo[0]),
        delta2=echo(delta_echo[1]),
        first=np.broadcast_to(first_v.copy(), shape),  # a read-only view
        pie=echo(pie_v),
        breakdown=echo(p_echo),
        disagreement=echo_pair(b0, b1),
        outside_options=None if w0 is None else echo_pair(w0, w1),
        horizon=horizon,
        rates=None if rates_echo is None else echo_pair(*rates_echo),
        period=None if rates_echo is None else echo(step),
        breakdown_rate=None if rates_echo is None else echo(lam),
        exact=exact,
        shares_exact=shares_exact,
        status=status,
        message=message,
    )
