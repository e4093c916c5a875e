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
raises :class:`~bargain.errors.InvalidArgumentError`.

Special cases and limits
------------------------
* :math:`\delta_i = 1` is allowed if the other player discounts, if :math:`p > 0` or if
  the horizon is finite. Both :math:`\delta_i = 1` with :math:`p = 0` and no horizon is an
  error: every split is then a subgame-perfect outcome (Rubinstein 1982).
* Continuous time (:func:`~bargain.rubinstein_rates`: rates :math:`r_0, r_1`, ``period=``
  :math:`\Delta`, ``breakdown_rate`` :math:`\lambda`): :math:`\delta_i = e^{-r_i \Delta}` and
  :math:`p = 1 - e^{-\lambda \Delta}`. As :math:`\Delta \to 0` (``period`` omitted) the first
  proposer's advantage vanishes and
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
With ``horizon=T`` the game is solved by backward induction over the ``T`` periods. In
the last period the proposer keeps :math:`\pi - \max(w_j, b_j)` (everything when
:math:`b = 0` and there is no option). In period :math:`t` the values of continuing are
:math:`R_k = p\, b_k + \gamma_k V_k^{t+1}`, the responder accepts any offer worth at
least :math:`\tau_j = \max(w_j, R_j)`, and the proposer offers :math:`\tau_j` when
:math:`\pi - \tau_j` beats her payoff from an unacceptable offer (:math:`w_i` if the
responder would opt out, else :math:`R_i`); ties are resolved in favour of agreement and
of continuing. When :math:`w_0 + w_1 \le \pi` (or without options) agreement in every
period is guaranteed on the domain (:math:`R_0 + R_1 \le \pi` and
:math:`\pi - w_j \ge w_i`), and the shares converge to the infinite-horizon ones as
:math:`T \to \infty` (Ståhl 1972; Osborne and Rubinstein 1990, chapter 3).

In that case the recursion has a closed form (no loop over periods). With
:math:`x = V_0` the state, a period where player 0 proposes maps it by
:math:`\varphi_0(x) = \pi - \max(w_1, p b_1 + \gamma_1 (\pi - x))` and one where player 1
proposes by :math:`\varphi_1(x) = \max(w_0, p b_0 + \gamma_0 x)`. Two periods compose to
the clipped affine map :math:`f(x) = \max(L, \min(H, a + k x))` with :math:`k = \gamma_0
\gamma_1`, :math:`L = w_0`, :math:`H = p b_0 + \gamma_0 (\pi - w_1)` and
:math:`a = p b_0 + \gamma_0 ((1 - \gamma_1) \pi - p b_1)`. Its iterates are monotone, and
once a clip is reached in the direction of motion it stays reached, so
:math:`f^{m}(u) = \max(L, \min(H, y_{m-1}))` with the affine iterates
:math:`y_j = c + k^j (f(u) - c)`, :math:`c = a / (1 - k)` (or :math:`y_j = f(u) + j a` when
:math:`k = 1`). The same formula runs in :class:`~fractions.Fraction` arithmetic (with
``exact=True``, up to a size budget on :math:`k^j`). Whether an option binds anywhere
follows from the ends of the monotone sequences. Options summing to more than the pie
(possible disagreement) keep the backward loop, which stops as soon as the state repeats
with period two (from then on nothing changes) and has a period budget.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import fmt_number as _fmt
from bargain._thresholds import RUBINSTEIN_EXACT_MAX_BITS, RUBINSTEIN_MAX_PERIODS
from bargain._validate import as_real_array, describe
from bargain.core.exact import to_fraction
from bargain.errors import InvalidArgumentError

__all__ = [
    "Model",
    "as_param",
    "as_pair",
    "as_first",
    "check_range",
    "first_index",
    "solve_infinite",
    "solve_finite",
]


# ----------------------------------------------------------------------------- validation


def as_param(value: Any, name: str, func: str, exact: bool) -> np.ndarray:
    """A real scalar or array parameter as float64 (or, exact, an object array of Fraction).

    With ``exact`` a float is read as the decimal it prints as and a string such as
    ``"9/10"`` or ``"0.9"`` as that number (:func:`bargain.core.exact.to_fraction`).
    Refuses booleans, NaN, infinities, masked entries, empty and ragged input.
    """
    if value is None or isinstance(value, bytes) or (isinstance(value, str) and not exact):
        raise InvalidArgumentError(
            f"{func}: {name} must be a real number or array, got {describe(value)}"
            + ("" if exact else " (strings such as '9/10' are read with exact=True)")
        )
    if not exact:
        return as_real_array(value, name, func)
    if isinstance(value, np.ma.MaskedArray):
        if np.ma.getmaskarray(value).any():
            raise InvalidArgumentError(f"{func}: {name} has masked entries; fill them first (a.filled(...))")
        value = np.ma.getdata(value)
    try:
        raw = np.array(value, dtype=object)
    except (ValueError, TypeError):
        raise InvalidArgumentError(
            f"{func}: {name} is ragged or not array-like, got {describe(value)}"
        ) from None
    if raw.size == 0:
        raise InvalidArgumentError(f"{func}: {name} is empty (shape {raw.shape})")
    out = np.empty(raw.shape, dtype=object)
    flat_out = out.reshape(-1)
    for k, v in enumerate(raw.reshape(-1)):
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, bool) or not isinstance(v, numbers.Real | str):
            raise InvalidArgumentError(
                f"{func}: {name} must be a real number or array, got {describe(value)}"
            )
        if isinstance(v, numbers.Real) and not isinstance(v, numbers.Rational):
            if not np.isfinite(float(v)):
                raise InvalidArgumentError(f"{func}: {name} must be finite, got {v!r}")
        try:
            flat_out[k] = to_fraction(v, func)
        except InvalidArgumentError:
            raise InvalidArgumentError(
                f"{func}: {name} must be a real number (or a string such as '9/10'), got {describe(v)}"
            ) from None
    return out


def check_range(
    arr: np.ndarray,
    name: str,
    func: str,
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
        raise InvalidArgumentError(f"{func}: {name} must be {interval}, got {_fmt(value)}{where}")


def as_pair(value: Any, name: str, func: str, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """A pair ``(x0, x1)``; each entry a scalar or array. An ndarray is read along axis 0."""
    if isinstance(value, np.ndarray):
        ok = value.ndim >= 1 and value.shape[0] == 2
    else:
        ok = isinstance(value, list | tuple) and len(value) == 2
    if not ok:
        raise InvalidArgumentError(
            f"{func}: {name} must be a pair (player 0, player 1) of numbers or arrays, got {describe(value)}"
        )
    return as_param(value[0], f"{name}[0]", func, exact), as_param(value[1], f"{name}[1]", func, exact)


def as_first(first: Any, func: str) -> np.ndarray:
    """``first`` (who proposes in period 0): 0 or 1, or an integer array of them."""
    try:
        arr = np.asarray(first)
    except (TypeError, ValueError):  # pragma: no cover - exotic inputs
        arr = np.asarray(None)
    if arr.dtype.kind not in "iu" or arr.size == 0 or not ((arr == 0) | (arr == 1)).all():
        raise InvalidArgumentError(
            f"{func}: first must be 0 or 1 (the first proposer), got {describe(first)}"
        )
    return arr.astype(np.int64)


def first_index(mask: np.ndarray) -> str:
    """`` (first at index (i, j))`` for an error message about a batch, or ``""``."""
    if mask.ndim == 0:
        return ""
    return f" (first at index {tuple(int(i) for i in np.argwhere(mask)[0])})"


# ----------------------------------------------------------------------------- the model


@dataclass
class Model:
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
    func: str = "rubinstein"

    @property
    def gamma0(self) -> np.ndarray:
        return 1 - self.step * self.a0

    @property
    def gamma1(self) -> np.ndarray:
        return 1 - self.step * self.a1

    @property
    def p(self) -> np.ndarray:
        return self.step * self.q

    @property
    def exact(self) -> bool:
        return np.asarray(self.pie).dtype == object


def solve_infinite(m: Model, tol: Any) -> dict[str, Any]:
    """The stationary subgame-perfect equilibrium (closed form, see the module notes)."""
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
                raise InvalidArgumentError(
                    f"{m.func}: outside options sum to more than the pie while a breakdown payoff is "
                    f"worth more than the option (w_i < p b_i / (1 - gamma_i)){first_index(short)}; "
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
        "complete": True,
    }


def solve_finite(m: Model, horizon: int, tol: Any) -> dict[str, Any]:
    """The ``horizon``-period game: a closed form when agreement is certain in every period
    (no options, or options summing to at most the pie), else backward induction."""
    if m.w0 is None or bool(np.all(m.w0 + m.w1 <= m.pie * (1 + tol))):
        return _finite_closed_form(m, horizon)
    return _finite_general(m, horizon, tol)


# ----------------------------------------------------------------------------- finite: closed form


class _Maps:
    """The one-period maps of the state ``x = V_0`` and their two-period composition.

    ``phi0``: player 0 proposes (responder 1); ``phi1``: player 1 proposes (responder 0).
    Two periods (``phi0`` then, one period earlier, ``phi1``) give
    ``f(x) = max(L, min(H, a + k x))``. Without options ``L = -inf`` and ``H = +inf``
    (represented by ``None``).
    """

    def __init__(self, m: Model) -> None:
        self.m = m
        self.exact = m.exact
        self.g0, self.g1 = m.gamma0, m.gamma1
        p = m.p
        self.pb0, self.pb1 = p * m.b0, p * m.b1
        self.pie = m.pie
        self.w0, self.w1 = m.w0, m.w1
        self.options = m.w0 is not None
        self.k = self.g0 * self.g1
        # 1 - k computed from 1 - gamma_i = step a_i (accurate when gamma_i is close to 1)
        om0, om1 = m.step * m.a0, m.step * m.a1
        self.one_minus_k = om0 + self.g0 * om1
        self.a = self.pb0 + self.g0 * (om1 * self.pie - self.pb1)
        if self.options:
            self.L = self.w0
            self.H = self.pb0 + self.g0 * (self.pie - self.w1)

    def phi0(self, x: Any) -> Any:
        r1 = self.pb1 + self.g1 * (self.pie - x)
        return self.pie - (np.maximum(self.w1, r1) if self.options else r1)

    def phi1(self, x: Any) -> Any:
        r0 = self.pb0 + self.g0 * x
        return np.maximum(self.w0, r0) if self.options else r0

    def clip(self, y: Any) -> Any:
        return np.maximum(self.L, np.minimum(self.H, y)) if self.options else y

    def f(self, x: Any) -> Any:
        return self.clip(self.a + self.k * x)

    def iterate(self, u: Any, n: int) -> Any:
        """``f`` applied ``n`` times to ``u``, in closed form."""
        if n == 0:
            return u
        u1 = self.f(u)
        j = n - 1
        if j == 0:
            return u1
        if self.exact:
            bits = self._bits(j)
            if bits > RUBINSTEIN_EXACT_MAX_BITS:
                return self._clipped_or_refuse(u1, j, bits)
            kj = np.asarray(self.k, dtype=object) ** j
            flat = np.asarray(self.one_minus_k == 0)
            safe = np.where(flat, 1, self.one_minus_k)
            c = self.a / safe
            y = np.where(flat, u1 + j * self.a, c + kj * (u1 - c))
        else:
            with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
                omk = np.asarray(self.one_minus_k, dtype=np.float64)
                flat = omk <= 0
                kj = np.exp(j * np.log1p(-np.where(flat, 0.0, omk)))
                c = self.a / np.where(flat, 1.0, omk)
                y = np.where(flat, u1 + j * self.a, c + kj * (u1 - c))
        return self.clip(y)

    def _bits(self, j: int) -> int:
        """Size in bits of the exact power ``k ** j`` (the largest over the batch)."""
        worst = 0
        for v in np.asarray(self.k, dtype=object).reshape(-1):
            fv = Fraction(v)
            worst = max(worst, fv.numerator.bit_length() + fv.denominator.bit_length())
        return j * worst

    def _clipped_or_refuse(self, u1: Any, j: int, bits: int) -> Any:
        """Exact ``clip(y_j)`` when the power ``k ** j`` is too large to form: possible when an
        outside option binds before period ``j`` (the sequence then stays at the clip, which
        only needs ``k ** m`` for the first ``m`` at which it is reached); otherwise refuse."""

        def refuse() -> InvalidArgumentError:
            return InvalidArgumentError(
                f"{self.m.func}: exact=True with this horizon needs powers (gamma0 gamma1)^{j} of "
                f"about {bits:.3g} bits (the exact shares are that large); the budget is "
                f"{RUBINSTEIN_EXACT_MAX_BITS} bits. Use exact=False (the same closed form in "
                "floats) or a shorter horizon"
            )

        if not self.options:
            raise refuse()
        args = np.broadcast_arrays(*(np.asarray(v, dtype=object) for v in (
            u1, self.a, self.k, self.one_minus_k, self.L, self.H)))
        out = np.empty(args[0].shape, dtype=object)
        for idx in np.ndindex(out.shape):
            value = _clip_reached(*(Fraction(x[idx]) for x in args), j)
            if value is None:
                raise refuse()
            out[idx] = value
        return out if out.ndim else out[()]


def _clip_reached(u1: Fraction, a: Fraction, k: Fraction, omk: Fraction, L: Fraction, H: Fraction,
                  j: int) -> Fraction | None:
    """``max(L, min(H, y_j))`` for the affine iterates ``y_i`` from ``u1`` when a clip is reached
    within ``j`` steps (exactly), else None. ``y_i = c + k^i (u1 - c)``, ``c = a / (1 - k)``
    (``y_i = u1 + i a`` when ``k = 1``); the iterates move monotonically."""
    if L > H:
        return L
    if omk == 0:
        if a == 0:
            return max(L, min(H, u1))
        steps = (H - u1) / a if a > 0 else (u1 - L) / (-a)
        return (H if a > 0 else L) if math.ceil(steps) <= j else None
    c = a / omk
    if u1 == c:
        return max(L, min(H, u1))
    if u1 < c:  # rising towards c: clipped at H once k^i <= (c - H) / (c - u1)
        if H >= c:
            return None
        bound, r = H, (c - H) / (c - u1)
    else:  # falling towards c: clipped at L once k^i <= (L - c) / (u1 - c)
        if L <= c:
            return None
        bound, r = L, (L - c) / (u1 - c)
    if r >= 1:
        return bound
    if k == 0:
        return bound  # y_1 = c is already past the bound
    logk = math.log(k.numerator) - math.log(k.denominator)
    logr = math.log(r.numerator) - math.log(r.denominator)
    m = max(1, math.ceil(logr / logk) - 1)
    if m > j:
        return None
    if m * (k.numerator.bit_length() + k.denominator.bit_length()) > RUBINSTEIN_EXACT_MAX_BITS:
        return None
    power = k**m
    while power > r:  # the smallest m with k^m <= r (at most a few steps from the estimate)
        m += 1
        power *= k
        if m > j:
            return None
    return bound


def _finite_closed_form(m: Model, horizon: int) -> dict[str, Any]:
    """Closed form of the backward induction when agreement is certain in every period."""
    if m.first.ndim == 0:
        out = _closed_form_first(m, horizon, int(m.first))
        out.update(agree=True, period=0, complete=True)
        return out
    r0 = _closed_form_first(m, horizon, 0)
    r1 = _closed_form_first(m, horizon, 1)
    z = m.first == 0
    out = {k: np.where(z, r0[k], r1[k]) for k in ("share0", "share1", "demand0", "demand1", "bind0", "bind1")}
    out.update(agree=True, period=0, complete=True)
    return out


def _closed_form_first(m: Model, T: int, first: int) -> dict[str, Any]:
    maps = _Maps(m)
    pie = m.pie

    def prop(t: int) -> int:
        return first ^ (t & 1)

    # the last period: the proposer keeps pie - max(w_j, b_j)
    bind: list[Any] = [False, False]
    if prop(T - 1) == 0:
        x_last = pie - (np.maximum(m.w1, m.b1) if maps.options else m.b1)
        if maps.options:
            bind[1] = m.w1 > m.b1
    else:
        x_last = np.maximum(m.w0, m.b0) if maps.options else m.b0
        if maps.options:
            bind[0] = m.w0 > m.b0
    # s0: the latest period at which player 1 proposes, from which two-period blocks run
    s0 = T - 1 if prop(T - 1) == 1 else T - 2
    x_s0 = x_last if s0 == T - 1 else maps.phi1(x_last)
    cache: dict[int, Any] = {T - 1: x_last}
    if s0 >= 0:
        cache[s0] = x_s0

    def x_at(s: int) -> Any:
        """``V_0`` at period ``s`` (``0 <= s <= T - 1``)."""
        if s in cache:
            return cache[s]
        steps = s0 - s
        x = maps.iterate(x_s0, steps // 2)
        if steps % 2:
            x = maps.phi0(x)
        cache[s] = x
        return x

    x0 = x_at(0)
    share0, share1 = x0, pie - x0
    demand: list[Any] = [np.nan, np.nan]
    demand[first] = x0 if first == 0 else pie - x0
    if T >= 2:
        x1 = x_at(1)
        demand[1 - first] = x1 if first == 1 else pie - x1
    if maps.options:
        # inputs of phi0 steps: V_0 at periods s in [1, T-1] where player 1 proposes (a monotone
        # sequence: iterates of f), so an option binds somewhere iff it binds at an end
        ends1 = [s for s in (s0, 1 if prop(1) == 1 else 2) if 1 <= s <= T - 1 and prop(s) == 1]
        for s in ends1:
            bind[1] = bind[1] | (m.w1 > maps.pb1 + maps.g1 * (pie - x_at(s)))
        top0 = T - 1 if prop(T - 1) == 0 else T - 2
        ends0 = [s for s in (top0, 1 if prop(1) == 0 else 2) if 1 <= s <= T - 1 and prop(s) == 0]
        for s in ends0:
            bind[0] = bind[0] | (m.w0 > maps.pb0 + maps.g0 * x_at(s))
    return {
        "share0": share0,
        "share1": share1,
        "demand0": demand[0],
        "demand1": demand[1],
        "bind0": bind[0],
        "bind1": bind[1],
    }


# ----------------------------------------------------------------------------- finite: general


def _same(a: Any, b: Any) -> bool:
    return bool(np.all(np.asarray(a == b)))


def _finite_general(m: Model, horizon: int, tol: Any) -> dict[str, Any]:
    """Backward induction when options may exceed the pie (disagreement possible).

    The state ``(V_0, V_1, agreement period, binding flags)`` evolves by the same map every
    two periods; as soon as it repeats with period two it stays fixed, and the loop jumps to
    periods 1 and 0. Stops with ``complete=False`` after ``RUBINSTEIN_MAX_PERIODS`` periods.
    """
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
    history: list[tuple[Any, ...]] = []
    t = horizon - 1
    done = 0
    while t >= 0:
        if done >= RUBINSTEIN_MAX_PERIODS:
            return {
                "share0": np.nan, "share1": np.nan, "demand0": np.nan, "demand1": np.nan,
                "agree": False, "period": -1, "bind0": False, "bind1": False, "complete": False,
            }
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
        done += 1
        state = (V[0], V[1], ap, bind[0], bind[1])
        history.append(state)
        if len(history) > 3:
            history.pop(0)
        if t > 3 and len(history) == 3 and all(_same(x, y) for x, y in zip(history[0], history[2])):
            # S(t) == S(t + 2): every earlier period of the same parity has the same state
            t = 2 + (t & 1)
            history.clear()
        t -= 1
    return {
        "share0": V[0],
        "share1": V[1],
        "demand0": demand[0],
        "demand1": demand[1],
        "agree": np.asarray(ap) >= 0,
        "period": ap,
        "bind0": bind[0],
        "bind1": bind[1],
        "complete": True,
    }
