r"""Alternating-offers bargaining over a pie: the subgame-perfect equilibrium, vectorized.

Two players, 0 and 1, divide a pie of size :math:`\pi > 0`. Every parameter may be an
array; all of them broadcast against each other and the equilibrium of every point of
the grid is computed at once, with no Python loop over the grid.

The protocol (one *period* per offer)
-------------------------------------
In period :math:`t = 0, 1, 2, \dots` the *proposer* (player ``first`` in even periods,
the other player in odd periods) offers a split :math:`(x, \pi - x)`, :math:`0 \le x \le \pi`.
The *responder* then

1. accepts: the game ends with that split, each player ``i`` valuing it at
   :math:`\delta_i^t x_i`; or
2. rejects and **opts out** (only when ``outside_options = (w_0, w_1)`` is given): the game
   ends and *each* player ``i`` gets her outside option :math:`w_i` (valued
   :math:`\delta_i^t w_i`). Only the responder can opt out, and only right after
   rejecting an offer (Binmore, Shaked and Sutton 1989, QJE 104; Osborne and Rubinstein
   1990, *Bargaining and Markets*, section 3.12, where one player has the option);
3. rejects and continues: with probability :math:`p` (``breakdown``) negotiations break
   down at once and each player gets her breakdown payoff :math:`b_i` (``disagreement``;
   Binmore, Rubinstein and Wolinsky 1986, RAND J. Econ. 17); otherwise play
   moves to period :math:`t + 1` and the roles swap. With a finite ``horizon`` ``T``, a
   rejection in the last period :math:`T - 1` ends the game with :math:`b`.

Payoffs are linear in money (risk neutrality). The domain is :math:`b_i \ge 0`,
:math:`b_0 + b_1 \le \pi` and :math:`w_i \ge 0`.

The infinite-horizon solution
-----------------------------
Write :math:`\gamma_i = (1 - p)\,\delta_i` for the weight a rejection puts on the next
period. Rejecting for ever is worth :math:`d_i = p\, b_i / (1 - \gamma_i)` to player
``i`` (:math:`d_i = 0` when :math:`p = 0`); call :math:`s = \pi - d_0 - d_1 \ge 0` the
*surplus* and measure payoffs above :math:`d`. A rejection that continues is then worth
:math:`\gamma_i` times the next period's value above :math:`d_i`, so the game is
Rubinstein's game over the surplus with discount factors :math:`\gamma_i`. In the
stationary equilibrium, proposer 0 keeps :math:`d_0 + u` and proposer 1 keeps
:math:`d_1 + v`, where the responder gets exactly what rejecting is worth to her:

.. math::
   s - u = \max(\omega_1, \gamma_1 v), \qquad s - v = \max(\omega_0, \gamma_0 u),
   \qquad \omega_i = w_i - d_i .

Without outside options (:math:`\omega_i = -\infty`) this is Rubinstein (1982, Econometrica
50, the case of fixed discount factors): :math:`u^* = s (1 - \gamma_1) / (1 - \gamma_0 \gamma_1)` and
:math:`v^* = s (1 - \gamma_0) / (1 - \gamma_0 \gamma_1)`; with :math:`p = 0` proposer 0 takes
:math:`\pi (1 - \delta_1) / (1 - \delta_0 \delta_1)`. Substituting the second equation in
the first, :math:`u` is the fixed point of
:math:`u \mapsto \min(s - \omega_1, \max(s - \gamma_1 (s - \omega_0), e + \gamma_0 \gamma_1 u))`
with :math:`e = s(1 - \gamma_1)`, a non-decreasing map with slope at most
:math:`\gamma_0 \gamma_1 < 1`. Its unique fixed point is

.. math::
   u = \min\bigl(s - \omega_1,\ \max(s - \gamma_1 (s - \omega_0),\ u^*)\bigr),
   \qquad
   v = \min\bigl(s - \omega_0,\ \max(s - \gamma_0 (s - \omega_1),\ v^*)\bigr).

This is the *outside-option principle* (Binmore, Shaked and Sutton 1989): an option
that is worth less than what the player gets by continuing (:math:`\omega_i \le \gamma_i \times`
her demand as the next proposer) has no effect at all; one that is worth more binds,
and the responder is offered exactly her option. The stationary profile is a
subgame-perfect equilibrium when :math:`w_0 + w_1 \le \pi`: the responder's acceptance
rule is optimal by construction, and a proposer who makes an unacceptable offer gets
:math:`w_i \le \pi - w_j` if the responder opts out, or :math:`R_i \le \pi - R_j` if
she continues (:math:`R` being the values of continuing, which sum to at most
:math:`\pi`), so agreement in period 0 is optimal. Uniqueness of the equilibrium payoffs
follows from the Shaked–Sutton sup/inf argument because the map is a contraction.
The first proposer's share is therefore :math:`d_0 + u` (player 0 first) or
:math:`d_1 + v` (player 1 first), and ``agreement_period`` is 0.

If :math:`w_0 + w_1 > \pi` no split gives both players their options: no agreement is
reached, the first responder opts out in period 0 and the payoffs are :math:`(w_0, w_1)`
(``agreement`` is False, ``agreement_period`` is -1). This is an equilibrium when each
:math:`w_i \ge d_i` (always without breakdown risk); the remaining case (breakdown payoff
worth more than the option *and* options exceeding the pie) is outside the domain and
raises :class:`~bargain.errors.InvalidGameError`.

Special cases and limits
------------------------
* :math:`\delta_i = 1` is allowed if the other player discounts, if :math:`p > 0` or if
  the horizon is finite. Both :math:`\delta_i = 1` with :math:`p = 0` and no horizon is an
  error: every split is then a subgame-perfect outcome (Rubinstein 1982).
* Continuous time (``rates=(r_0, r_1)``, ``period=`` :math:`\Delta`, ``breakdown_rate``
  :math:`\lambda`): :math:`\delta_i = e^{-r_i \Delta}` and :math:`p = 1 - e^{-\lambda \Delta}`.
  As :math:`\Delta \to 0` (``period=0``) the first proposer's advantage vanishes and
  :math:`u^* \to s\,(r_1 + \lambda) / (r_0 + r_1 + 2\lambda)`,
  :math:`d_i \to \lambda b_i / (r_i + \lambda)`: the asymmetric Nash bargaining solution
  with weights :math:`1 / (r_i + \lambda)` on the linear frontier (Binmore, Rubinstein and
  Wolinsky 1986). With :math:`\lambda = 0` the shares are
  :math:`r_1 / (r_0 + r_1)` and :math:`r_0 / (r_0 + r_1)`; with :math:`r_i = 0` they are
  the Nash split of the surplus over :math:`b`. Outside options clip the limit split:
  :math:`u = \min(s - \omega_1, \max(\omega_0, u^*))`.
* With :math:`\delta_0 = \delta_1 = 1` and :math:`p > 0` proposer 0 keeps
  :math:`b_0 + (\pi - b_0 - b_1)/(2 - p)`, which tends to the Nash split
  :math:`b_0 + (\pi - b_0 - b_1)/2` as :math:`p \to 0` (Osborne and Rubinstein 1990,
  section 4.2).

Finite horizon
--------------
With ``horizon=T`` the game is solved by backward induction over the ``T`` periods (the
only loop; each step is vectorized over the grid). In the last period the proposer
keeps :math:`\pi - \max(w_j, b_j)` (everything when :math:`b = 0` and there is no
option). In period :math:`t` the values of continuing are
:math:`R_k = p\, b_k + \gamma_k V_k^{t+1}`, the responder accepts any offer worth at
least :math:`\tau_j = \max(w_j, R_j)`, and the proposer offers :math:`\tau_j` when
:math:`\pi - \tau_j` beats her payoff from an unacceptable offer (:math:`w_i` if the
responder would opt out, else :math:`R_i`); ties are resolved in favour of agreement and
of continuing. When :math:`w_0 + w_1 \le \pi` (or without options) agreement in every
period is guaranteed on the domain (:math:`R_0 + R_1 \le \pi` and
:math:`\pi - w_j \ge w_i`), and the shares converge to the infinite-horizon ones as
:math:`T \to \infty` (Ståhl 1972; Osborne and Rubinstein 1990, chapter 3): the backward step is
the same contraction as above.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import fmt_number as _fmt
from bargain._validate import check_int, describe
from bargain.core.exact import to_fraction
from bargain.core.frozen import readonly as _readonly
from bargain.errors import InvalidGameError

__all__ = ["rubinstein", "RubinsteinResult"]

_FUNC = "rubinstein"
#: relative slack for sums compared with the pie (``b0 + b1 <= pie``, ``w0 + w1 <= pie``)
_REL_TOL = 1e-12






@dataclass(frozen=True, eq=False, repr=False)
class RubinsteinResult:
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
        Per-period discount factors of players 0 and 1 (from ``rates`` when given). This
        and the other echoed parameters below are broadcast to the batch shape
        (read-only views).
    first : ndarray of int
        Who proposes in period 0.
    pie, breakdown : ndarray
        Size of the pie; breakdown probability per rejected offer.
    disagreement : ndarray, shape batch + (2,)
        Breakdown payoffs ``b``.
    outside_options : ndarray, shape batch + (2,), or None
    horizon : int or None
    rates, period, breakdown_rate : ndarray or None
        The continuous-time parameters, when given.
    exact : bool
        Whether the computation ran in exact rational arithmetic.
    shares_exact : ndarray of Fraction (object), shape batch + (2,), or None
        The exact shares when ``exact=True``.
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

    def __repr__(self) -> str:
        if self.batch_shape == ():
            return self._repr_scalar()
        return self._repr_batch()

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
            parts.append(f"period={_fmt(self.period)}")
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
            lines.append(f"  player {i} share: min {vals.min():.6g}, max {vals.max():.6g}")
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


# ----------------------------------------------------------------------------- validation


def _as_param(value: Any, name: str, exact: bool) -> np.ndarray:
    """A real scalar or array parameter as float64 (or an object array of Fraction)."""
    def bad_type() -> InvalidGameError:
        return InvalidGameError(f"{_FUNC}: {name} must be a real number or array, got {describe(value)}")

    if value is None or isinstance(value, str | bytes):
        raise bad_type()
    if exact:
        raw = np.array(value, dtype=object)
        out = np.empty(raw.shape, dtype=object)
        flat_out = out.reshape(-1)
        for k, v in enumerate(raw.reshape(-1)):
            if isinstance(v, bool | np.bool_) or not isinstance(v, numbers.Real):
                raise bad_type()
            if not np.isfinite(float(v)):
                raise InvalidGameError(f"{_FUNC}: {name} must be finite, got {v!r}")
            flat_out[k] = to_fraction(v, _FUNC) if isinstance(v, float | np.floating) else Fraction(v)
        return out
    try:
        arr = np.asarray(value)
        if arr.dtype == object:
            arr = np.array([float(v) for v in arr.reshape(-1)]).reshape(arr.shape)
        if arr.dtype.kind not in "iuf":
            raise TypeError
        arr = arr.astype(np.float64, copy=False)
    except (TypeError, ValueError):
        raise bad_type() from None
    if not np.isfinite(arr).all():
        bad = arr[~np.isfinite(arr)].reshape(-1)[0]
        raise InvalidGameError(f"{_FUNC}: {name} must be finite, got {bad!r}")
    return arr


def _check_range(
    arr: np.ndarray,
    name: str,
    *,
    low: float,
    high: float | None = None,
    low_open: bool = False,
) -> None:
    """Check ``low <= arr`` (``<`` with ``low_open``) and ``arr <= high``, elementwise."""
    bad = np.asarray((arr <= low) if low_open else (arr < low))
    if high is not None:
        bad = bad | np.asarray(arr > high)
    if bad.any():
        if high is None:
            interval = f"{'>' if low_open else '>='} {low:g}"
        else:
            interval = f"in {'(' if low_open else '['}{low:g}, {high:g}]"
        value = np.asarray(arr)[bad].reshape(-1)[0]
        where = "" if bad.ndim == 0 else f" at index {tuple(int(i) for i in np.argwhere(bad)[0])}"
        raise InvalidGameError(f"{_FUNC}: {name} must be {interval}, got {_fmt(value)}{where}")


def _as_pair(value: Any, name: str, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """A pair ``(x0, x1)``; each entry a scalar or array. An ndarray is read along axis 0."""
    if isinstance(value, np.ndarray):
        ok = value.ndim >= 1 and value.shape[0] == 2
    else:
        ok = isinstance(value, list | tuple) and len(value) == 2
    if not ok:
        raise InvalidGameError(
            f"{_FUNC}: {name} must be a pair (player 0, player 1) of numbers or arrays, got {describe(value)}"
        )
    return _as_param(value[0], f"{name}[0]", exact), _as_param(value[1], f"{name}[1]", exact)


def _as_first(first: Any) -> np.ndarray:
    try:
        arr = np.asarray(first)
    except (TypeError, ValueError):  # pragma: no cover - exotic inputs
        arr = np.asarray(None)
    if arr.dtype.kind not in "iu" or not ((arr == 0) | (arr == 1)).all():
        raise InvalidGameError(f"{_FUNC}: first must be 0 or 1 (the first proposer), got {describe(first)}")
    return arr.astype(np.int64)


def _first_index(mask: np.ndarray) -> str:
    if mask.ndim == 0:
        return ""
    return f" (first at index {tuple(int(i) for i in np.argwhere(mask)[0])})"


# ----------------------------------------------------------------------------- solvers


@dataclass
class _Model:
    """Broadcast parameters. ``a_i = (1 - gamma_i) / step`` and ``q = p / step`` are the
    per-unit-time impatience and breakdown rate; ``step`` is 1 in discrete time and the
    period length in continuous time (0 in the limit), so that the limit is continuous."""

    pie: np.ndarray
    a0: np.ndarray
    a1: np.ndarray
    q: np.ndarray
    step: np.ndarray
    b0: np.ndarray
    b1: np.ndarray
    w0: np.ndarray | None
    w1: np.ndarray | None
    first: np.ndarray
    shape: tuple[int, ...]

    @property
    def gamma0(self) -> np.ndarray:
        return 1 - self.step * self.a0

    @property
    def gamma1(self) -> np.ndarray:
        return 1 - self.step * self.a1

    @property
    def p(self) -> np.ndarray:
        return self.step * self.q


def _solve_infinite(m: _Model, tol: Any) -> dict[str, Any]:
    pos = m.q > 0
    with_d = bool(np.any(pos & ((m.b0 != 0) | (m.b1 != 0))))
    if with_d:
        d0 = np.where(pos, m.q * m.b0 / np.where(pos, m.a0, 1), 0)
        d1 = np.where(pos, m.q * m.b1 / np.where(pos, m.a1, 1), 0)
    else:
        d0 = d1 = 0
    s = m.pie - d0 - d1 if with_d else m.pie
    # a0 + a1 - step a0 a1 = (1 - gamma0 gamma1) / step > 0 (validated)
    inv = 1 / (m.a0 + m.a1 * (1 - m.step * m.a0))
    u = (s * m.a1) * inv  # Rubinstein demands over d: u*, v*
    v = (s * m.a0) * inv
    agree: Any = True
    bind0: Any = False
    bind1: Any = False
    if m.w0 is not None:
        g0, g1 = m.gamma0, m.gamma1
        om0, om1 = m.w0 - d0, m.w1 - d1
        u = np.minimum(s - om1, np.maximum(s - g1 * (s - om0), u))
        v = np.minimum(s - om0, np.maximum(s - g0 * (s - om1), v))
        bind0 = om0 > g0 * u
        bind1 = om1 > g1 * v
        agree = m.w0 + m.w1 <= m.pie * (1 + tol)
        if not np.all(agree):
            dead = ~np.asarray(agree)
            short = dead & ((m.w0 < d0 * (1 - tol)) | (m.w1 < d1 * (1 - tol)))
            if short.any():
                raise InvalidGameError(
                    f"{_FUNC}: outside options sum to more than the pie while a breakdown payoff is "
                    f"worth more than the option (w_i < p b_i / (1 - gamma_i)){_first_index(short)}; "
                    "this case is outside the model's domain"
                )
            bind0 = bind0 | dead
            bind1 = bind1 | dead
    x0 = d0 + u if with_d else u  # player 0's demand as proposer
    y1 = d1 + v if with_d else v  # player 1's demand as proposer
    if m.first.ndim == 0:
        if int(m.first) == 0:
            share0, share1 = x0, m.pie - x0
        else:
            share0, share1 = m.pie - y1, y1
    else:
        zero_first = m.first == 0
        share0 = np.where(zero_first, x0, m.pie - y1)
        share1 = np.where(zero_first, m.pie - x0, y1)
    period: Any = 0
    if not np.all(agree):
        share0 = np.where(agree, share0, m.w0)
        share1 = np.where(agree, share1, m.w1)
        x0 = np.where(agree, x0, np.nan)
        y1 = np.where(agree, y1, np.nan)
        period = np.where(agree, 0, -1)
    return {
        "share0": share0,
        "share1": share1,
        "demand0": x0,
        "demand1": y1,
        "agree": agree,
        "period": period,
        "bind0": bind0,
        "bind1": bind1,
    }


def _solve_finite(m: _Model, horizon: int, tol: Any) -> dict[str, Any]:
    """Backward induction over the ``horizon`` periods (the only loop), vectorized over the grid."""
    if m.w0 is None or bool(np.all(m.w0 + m.w1 <= m.pie * (1 + tol))):
        return _finite_agree(m, horizon)
    return _finite_general(m, horizon, tol)


def _finite_agree(m: _Model, horizon: int) -> dict[str, Any]:
    """Backward induction when agreement is certain in every period (``w0 + w1 <= pie``).

    The continuation values satisfy ``R0 + R1 <= pie`` and an opting-out responder leaves
    ``pie - w_j >= w_i``, so the proposer always prefers to offer ``max(w_j, R_j)``.
    """
    p = m.p
    with_p = bool(np.any(p != 0))
    g = (m.gamma0, m.gamma1)
    b = (m.b0, m.b1)
    w = (m.w0, m.w1)
    options = m.w0 is not None
    pb = (p * m.b0, p * m.b1)
    scalar_first = m.first.ndim == 0
    first = int(m.first) if scalar_first else m.first
    V: list[Any] = [None, None]
    bind: list[Any] = [False, False]
    demand: list[Any] = [np.nan, np.nan]

    def cont(k: int, last: bool) -> Any:
        if last:
            return b[k]
        return pb[k] + g[k] * V[k] if with_p else g[k] * V[k]

    def offer(k: int, R: Any) -> Any:
        return np.maximum(w[k], R) if options else R

    for t in range(horizon - 1, -1, -1):
        last = t == horizon - 1
        if scalar_first:
            i = first ^ (t & 1)
            j = 1 - i
            Rj = cont(j, last)
            V[j] = offer(j, Rj)
            V[i] = m.pie - V[j]
            if options:
                bind[j] = bind[j] | (w[j] > Rj)
            if t <= 1:
                demand[i] = V[i]
        else:
            R = [cont(0, last), cont(1, last)]
            z = (first ^ (t & 1)) == 0  # player 0 proposes in period t
            tau = [offer(0, R[0]), offer(1, R[1])]
            V = [np.where(z, m.pie - tau[1], tau[0]), np.where(z, tau[1], m.pie - tau[0])]
            if options:
                bind = [bind[0] | (~z & (w[0] > R[0])), bind[1] | (z & (w[1] > R[1]))]
            if t <= 1:
                demand = [np.where(z, V[0], demand[0]), np.where(z, demand[1], V[1])]
    return {
        "share0": V[0],
        "share1": V[1],
        "demand0": demand[0],
        "demand1": demand[1],
        "agree": True,
        "period": 0,
        "bind0": bind[0],
        "bind1": bind[1],
    }


def _finite_general(m: _Model, horizon: int, tol: Any) -> dict[str, Any]:
    p = m.p
    g = (m.gamma0, m.gamma1)
    b = (m.b0, m.b1)
    w = (m.w0, m.w1)
    pb = (p * m.b0, p * m.b1)
    scalar_first = m.first.ndim == 0
    first = int(m.first) if scalar_first else m.first
    slack = tol * m.pie
    V: list[Any] = [None, None]
    ap: Any = -1  # first agreement period of the subgame, -1 for none
    bind: list[Any] = [False, False]
    demand: list[Any] = [np.nan, np.nan]
    for t in range(horizon - 1, -1, -1):
        last = t == horizon - 1
        R = b if last else [pb[k] + g[k] * V[k] for k in (0, 1)]
        nxt = -1 if last else np.where(ap >= 0, ap + 1, -1)
        step = {}
        for i in (first ^ (t & 1),) if scalar_first else (0, 1):
            j = 1 - i
            tau = np.maximum(w[j], R[j])  # the least offer the responder accepts
            opt = w[j] > R[j]  # the responder opts out rather than continue
            alt = np.where(opt, w[i], R[i])  # proposer's payoff from an unacceptable offer
            agree = m.pie - tau >= alt - slack
            Vi = np.where(agree, m.pie - tau, alt)
            Vj = np.where(agree, tau, np.where(opt, w[j], R[j]))
            code = np.where(agree, 0, np.where(opt, -1, nxt))
            step[i] = (Vi, Vj, agree, opt, code)
        if scalar_first:
            i = first ^ (t & 1)
            j = 1 - i
            V[i], V[j], agree, opt, ap = step[i]
            bind[j] = bind[j] | opt
            if t <= 1:
                demand[i] = np.where(agree, V[i], np.nan)
        else:
            z = (first ^ (t & 1)) == 0
            s0, s1 = step[0], step[1]  # player 0 proposes / player 1 proposes
            V = [np.where(z, s0[0], s1[1]), np.where(z, s0[1], s1[0])]
            ap = np.where(z, s0[4], s1[4])
            bind = [bind[0] | (~z & s1[3]), bind[1] | (z & s0[3])]
            if t <= 1:
                demand = [
                    np.where(z, np.where(s0[2], s0[0], np.nan), demand[0]),
                    np.where(z, demand[1], np.where(s1[2], s1[0], np.nan)),
                ]
    return {
        "share0": V[0],
        "share1": V[1],
        "demand0": demand[0],
        "demand1": demand[1],
        "agree": np.asarray(ap) >= 0,
        "period": ap,
        "bind0": bind[0],
        "bind1": bind[1],
    }


# ----------------------------------------------------------------------------- public


def rubinstein(
    delta1: Any = None,
    delta2: Any = None,
    first: Any = 0,
    pie: Any = 1.0,
    outside_options: Any = None,
    breakdown: Any = 0.0,
    horizon: int | None = None,
    rates: Any = None,
    period: Any = None,
    *,
    disagreement: Any = (0.0, 0.0),
    breakdown_rate: Any = None,
    exact: bool = False,
) -> RubinsteinResult:
    r"""Subgame-perfect equilibrium of alternating-offers bargaining over a pie, vectorized.

    Implements Rubinstein (1982, Econometrica 50) with the extensions of Osborne and
    Rubinstein (1990, *Bargaining and Markets*, chapters 3–5): outside options for the
    responder (Binmore, Shaked and Sutton 1989, QJE 104), exogenous breakdown risk
    (Binmore, Rubinstein and Wolinsky 1986, RAND J. Econ. 17), the continuous-time limit
    and a finite horizon. The protocol, the derivation of the closed forms and the
    domain are in :mod:`bargain.bargaining.alternating`. Every numeric parameter may be
    an array; all broadcast together, and the whole grid is solved without a Python
    loop (a finite horizon loops over its ``T`` periods only).

    Parameters
    ----------
    delta1, delta2 : float or array_like
        Per-period discount factors of player 0 and player 1, in (0, 1]. Both equal to 1
        needs ``breakdown > 0`` or a finite ``horizon`` (otherwise every split is an
        equilibrium). Omit them when ``rates`` is given.
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
    horizon : int, optional
        Number of periods ``T >= 1`` (finite game, backward induction). ``None``: infinite.
    rates : pair (r0, r1), optional
        Continuous-time discount rates (>= 0); then ``delta_i = exp(-r_i * period)``.
    period : float or array_like, optional
        Period length ``Delta >= 0`` with ``rates``; ``0`` gives the ``Delta -> 0`` limit.
    disagreement : pair (b0, b1), default (0, 0)
        Breakdown payoffs, also what a rejection in the last period of a finite game
        gives; ``b_i >= 0`` and ``b0 + b1 <= pie``.
    breakdown_rate : float or array_like, optional
        Breakdown rate ``lambda >= 0`` with ``rates``: ``p = 1 - exp(-lambda * period)``.
    exact : bool, default False
        Compute in exact rational arithmetic (:class:`~fractions.Fraction`; floats are
        taken at their exact binary value). Not available with ``rates`` and
        ``period > 0`` (the discount factors are irrational). Slow for large arrays.

    Returns
    -------
    RubinsteinResult
        ``shares`` (batch + (2,)), ``proposer_share``, ``demands``, ``agreement``,
        ``agreement_period``, ``binding`` and the parameters.

    Raises
    ------
    InvalidGameError
        For a parameter out of its range or NaN, both discount factors 1 without
        breakdown risk in the infinite game, ``b0 + b1 > pie``, an inconsistent mix of
        ``delta``/``rates`` arguments, or ``exact=True`` with ``period > 0``.

    Examples
    --------
    Equal patience: the first proposer gets ``1 / (1 + delta)``.

    >>> res = bg.rubinstein(0.9, 0.9)
    >>> res.shares
    array([0.52631579, 0.47368421])
    >>> res
    RubinsteinResult(shares=(0.526316, 0.473684), agreement in period 0, first=0, delta=(0.9, 0.9), pie=1)

    Exact shares, ``(1 - delta2) / (1 - delta1 delta2)``:

    >>> from fractions import Fraction
    >>> bg.rubinstein(Fraction(9, 10), Fraction(4, 5), exact=True).shares_exact.tolist()
    [Fraction(5, 7), Fraction(2, 7)]

    A grid of discount factors in one call:

    >>> d = np.linspace(0.5, 0.9, 3)
    >>> bg.rubinstein(d[:, None], d[None, :]).shares[..., 0].round(3)
    array([[0.667, 0.462, 0.182],
           [0.769, 0.588, 0.27 ],
           [0.909, 0.811, 0.526]])

    Continuous-time limit: the split ``r2 / (r1 + r2)`` (asymmetric Nash, weights ``1 / r_i``).

    >>> bg.rubinstein(rates=(0.1, 0.3), period=0).shares
    array([0.75, 0.25])

    A binding outside option: the responder is offered exactly her option.

    >>> bg.rubinstein(0.9, 0.9, outside_options=(0.0, 0.6)).shares
    array([0.4, 0.6])

    Breakdown risk without discounting: near the Nash split of the surplus over ``b``.

    >>> bg.rubinstein(1, 1, breakdown=0.01, disagreement=(0.2, 0.0)).shares.round(4)
    array([0.6020, 0.3980])

    Finite horizon: in a one-period game the proposer takes everything.

    >>> bg.rubinstein(0.9, 0.9, horizon=1).shares
    array([1., 0.])
    """
    exact = bool(exact)
    if horizon is not None:
        horizon = check_int(horizon, "horizon", _FUNC, low=1)
    tol: Any = Fraction(0) if exact else _REL_TOL

    # ---- time preferences: discrete deltas or continuous rates
    if rates is not None:
        if delta1 is not None or delta2 is not None:
            raise InvalidGameError(f"{_FUNC}: give either delta1/delta2 or rates, not both")
        if period is None:
            raise InvalidGameError(f"{_FUNC}: rates needs period (the period length; 0 for the limit)")
        if not (np.ndim(breakdown) == 0 and not isinstance(breakdown, str) and breakdown == 0):
            raise InvalidGameError(
                f"{_FUNC}: with rates, give the breakdown risk as breakdown_rate (per unit of time), "
                f"not breakdown={describe(breakdown)}"
            )
        r0, r1 = _as_pair(rates, "rates", exact)
        _check_range(r0, "rates[0]", low=0.0)
        _check_range(r1, "rates[1]", low=0.0)
        step = _as_param(period, "period", exact)
        _check_range(step, "period", low=0.0)
        lam = _as_param(0.0 if breakdown_rate is None else breakdown_rate, "breakdown_rate", exact)
        _check_range(lam, "breakdown_rate", low=0.0)
        if exact and (step != 0).any():
            raise InvalidGameError(
                f"{_FUNC}: exact=True needs period=0 with rates (exp(-r * period) is irrational)"
            )
        if exact:
            a0, a1, q = r0 + lam, r1 + lam, lam
            d1v = d2v = np.array(Fraction(1), dtype=object)
        else:
            pos = step > 0
            safe = np.where(pos, step, 1.0)

            def scaled(rate: np.ndarray) -> np.ndarray:
                return np.where(pos, -np.expm1(-rate * safe) / safe, rate)

            a0, a1, q = scaled(r0 + lam), scaled(r1 + lam), scaled(lam)
            d1v, d2v = np.exp(-r0 * step), np.exp(-r1 * step)
        p_echo = q * step
        rates_echo = (r0, r1)
    else:
        if period is not None or breakdown_rate is not None:
            raise InvalidGameError(f"{_FUNC}: period and breakdown_rate need rates=(r0, r1)")
        if delta1 is None or delta2 is None:
            raise InvalidGameError(f"{_FUNC}: give the discount factors delta1 and delta2 (or rates)")
        d1v = _as_param(delta1, "delta1", exact)
        d2v = _as_param(delta2, "delta2", exact)
        _check_range(d1v, "delta1", low=0.0, high=1.0, low_open=True)
        _check_range(d2v, "delta2", low=0.0, high=1.0, low_open=True)
        pv = _as_param(breakdown, "breakdown", exact)
        _check_range(pv, "breakdown", low=0.0, high=1.0)
        a0 = 1 - (1 - pv) * d1v
        a1 = 1 - (1 - pv) * d2v
        q = pv
        step = np.array(Fraction(1), dtype=object) if exact else np.ones(())
        p_echo = pv
        rates_echo = None

    # ---- the pie, the breakdown payoffs, the options, who moves first
    pie_v = _as_param(pie, "pie", exact)
    _check_range(pie_v, "pie", low=0.0, low_open=True)
    b0, b1 = _as_pair(disagreement, "disagreement", exact)
    _check_range(b0, "disagreement[0]", low=0.0)
    _check_range(b1, "disagreement[1]", low=0.0)
    over = b0 + b1 > pie_v * (1 + tol)
    if np.any(over):
        raise InvalidGameError(
            f"{_FUNC}: disagreement payoffs sum to more than the pie{_first_index(np.asarray(over))}: "
            "there is no gain from agreement"
        )
    if outside_options is None:
        w0 = w1 = None
    else:
        w0, w1 = _as_pair(outside_options, "outside_options", exact)
        _check_range(w0, "outside_options[0]", low=0.0)
        _check_range(w1, "outside_options[1]", low=0.0)
    first_v = _as_first(first)
    try:
        shape = np.broadcast_shapes(
            *map(np.shape, (a0, a1, q, step, pie_v, b0, b1, first_v)),
            *(() if w0 is None else (np.shape(w0), np.shape(w1))),
        )
    except ValueError:
        raise InvalidGameError(f"{_FUNC}: the parameter arrays do not broadcast together") from None

    if horizon is None:
        den = a0 + a1 - step * a0 * a1
        stuck = np.asarray(den <= 0)
        if stuck.any():
            raise InvalidGameError(
                f"{_FUNC}: delta1 = delta2 = 1 with no breakdown risk and no horizon"
                f"{_first_index(stuck)}: without discounting every split is a subgame-perfect "
                "outcome; use delta < 1, breakdown > 0 or a finite horizon"
            )

    model = _Model(pie_v, a0, a1, q, step, b0, b1, w0, w1, first_v, shape)
    if horizon is None:
        out = _solve_infinite(model, tol)
    else:
        out = _solve_finite(model, horizon, tol)

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

    if exact:
        shares_exact = fill_pair(object, out["share0"], out["share1"])
        shares = fill_pair(np.float64, shares_exact[..., 0].astype(np.float64),
                           shares_exact[..., 1].astype(np.float64))
        demands = fill_pair(
            np.float64,
            np.asarray(out["demand0"], dtype=object).astype(np.float64),
            np.asarray(out["demand1"], dtype=object).astype(np.float64),
        )
    else:
        shares_exact = None
        shares = fill_pair(np.float64, out["share0"], out["share1"])
        demands = fill_pair(np.float64, out["demand0"], out["demand1"])
    if first_v.ndim == 0:
        proposer = shares[..., int(first_v)]  # a read-only view
    else:
        proposer = _readonly(np.where(first_v == 0, shares[..., 0], shares[..., 1]))

    def echo(x: Any) -> np.ndarray:
        arr = np.asarray(x)
        arr = arr.astype(np.float64) if arr.dtype == object else arr.copy()
        return np.broadcast_to(arr, shape)  # a read-only view

    def echo_pair(x0: Any, x1: Any) -> np.ndarray:
        small = np.stack(np.broadcast_arrays(*(np.asarray(x).astype(np.float64) for x in (x0, x1))))
        small = small.reshape(2, *(1,) * (len(shape) - small.ndim + 1), *small.shape[1:])
        return np.moveaxis(np.broadcast_to(small, (2, *shape)), 0, -1)  # a read-only view

    return RubinsteinResult(
        shares=shares,
        proposer_share=proposer,
        demands=demands,
        agreement=fill(bool, out["agree"]),
        agreement_period=fill(np.int64, out["period"]),
        binding=fill_pair(bool, out["bind0"], out["bind1"]),
        delta1=echo(d1v),
        delta2=echo(d2v),
        first=echo(first_v),
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
    )
